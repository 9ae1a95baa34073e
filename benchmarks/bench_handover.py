"""A tel: link clicked while the dialer runs: one short-lived process hands it over and exits.

    .venv/bin/python benchmarks/bench_handover.py [--runs N] [--quick] [--json PATH]

A real dialer (``--sandbox``, offscreen) is started on a fresh profile and left running; then
each round times, from just before the spawn to the exit, ``python -m dialer_app --profile P
tel:...`` and the installed ``dialer-app`` script (what the desktop entry runs). The baseline
is the interpreter alone (``python -c pass``): what no hand-over can go below. Every launch
must exit 0 (the running dialer took the link). Issue 12's target: a median of 100 ms or less.
"""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import (
    REPO_ROOT,
    Result,
    at_most,
    emit,
    median,
    parser,
    percentile,
    runs_of,
    use_bytecode_cache,
)

LINK = "tel:+91-92000-00000"
TARGET_MS = 100.0
READY_TIMEOUT_S = 120.0
ROUNDS_PER_RUN = 10


def _environment() -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DIALER_REPORT_TIMINGS": "1"}
    env.pop("DIALER_PROFILE", None)
    return env


def start_primary(profile: Path) -> subprocess.Popen[bytes]:
    """The running dialer, returned once it has built every panel (its ``ready`` stamp)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "dialer_app", "--sandbox", "--profile", str(profile)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO_ROOT,
        env=_environment(),
    )
    assert process.stdout is not None
    deadline, seen = time.monotonic() + READY_TIMEOUT_S, b""
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        while b"ready" not in seen:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the running dialer never became ready")
            if selector.select(timeout=0.5):
                seen += os.read(process.stdout.fileno(), 4096)
    return process


def timed(command: list[str]) -> float:
    """Milliseconds from just before the spawn to the process's exit (which must be 0)."""
    started = time.perf_counter()
    completed = subprocess.run(
        command, cwd=REPO_ROOT, env=_environment(), capture_output=True, check=False
    )
    elapsed = (time.perf_counter() - started) * 1000
    if completed.returncode != 0:
        raise RuntimeError(f"{command[:3]} exited {completed.returncode}: {completed.stderr!r}")
    return elapsed


def main() -> None:
    use_bytecode_cache()
    args = parser(__doc__.splitlines()[0], default_runs=5).parse_args()
    rounds = runs_of(args) * ROUNDS_PER_RUN
    script = Path(sys.executable).with_name("dialer-app")
    with tempfile.TemporaryDirectory(prefix="dialer-bench-handover-") as folder:
        profile = Path(folder) / "profile"
        primary = start_primary(profile)
        try:
            module = [sys.executable, "-m", "dialer_app", "--profile", str(profile), LINK]
            installed = [str(script), "--profile", str(profile), LINK]
            bare = [sys.executable, "-c", "pass"]
            for command in (module, installed, bare):  # warm the disk and bytecode caches
                timed(command)
            times: dict[str, list[float]] = {"module": [], "script": [], "bare": []}
            for _ in range(rounds):
                times["module"].append(timed(module))
                times["script"].append(timed(installed))
                times["bare"].append(timed(bare))
        finally:
            primary.terminate()
            primary.wait(timeout=30)
    baseline = median(times["bare"])
    results = []
    for key, label in (("module", "python -m dialer_app"), ("script", "dialer-app script")):
        values = times[key]
        value = median(values)
        results.append(
            Result(
                f"tel: link handed to the running dialer ({label}), median",
                value,
                "ms",
                f"≤ {TARGET_MS:.0f} ms",
                at_most(value, TARGET_MS),
                baseline=baseline,
                detail=f"p90 {percentile(values, 90):.0f} ms, {len(values)} launches; "
                "baseline: the interpreter alone",
            )
        )
    emit(results, args.json)


if __name__ == "__main__":
    main()
