"""A second ``bash packaging/run.sh``: how long until the window paints, and how much it prints.

    .venv/bin/python benchmarks/bench_setup.py [--runs N] [--quick] [--json PATH]

Issue 16's targets: once set up, ``bash packaging/run.sh`` starts in at most 3 s with at most
3 lines of output (the set-up step only checks a stamp; the project is installed again only
when pyproject.toml or the set-up script changed). Each run starts the script as a user would,
without arguments, in a scratch home and profile (so with no account: the script checks the
settings and starts on the sandbox), offscreen, and measures from the spawn to the window's
``first-paint`` stamp (``DIALER_REPORT_TIMINGS=1``); then it stops the window. A second series
runs ``run.sh --sandbox --smoke-exit-after-ms 0`` to the process's exit. Lines are everything
the script and the app print on stdout and stderr, except the timing stamps. A first run
(discarded) brings the set-up up to date: a full install if the stamp is stale.
"""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import (
    REPO_ROOT,
    Result,
    emit,
    median,
    output_lines,
    parser,
    runs_of,
    use_bytecode_cache,
)

TIMEOUT_S = 600.0  # the discarded first run may install everything
TARGET_S = 3.0
TARGET_LINES = 3
STAMPS = ("first-paint", "ready", "contacts-shown")


@dataclass(frozen=True)
class Start:
    seconds: float  # spawn → first paint, or spawn → exit
    lines: list[str]


class StartError(RuntimeError):
    """The script failed, hung or never painted."""


def run_script(home: Path, *args: str, until_paint: bool) -> Start:
    env = {
        **os.environ,
        "HOME": str(home),
        "DIALER_PROFILE": str(home / "profile"),
        "QT_QPA_PLATFORM": "offscreen",
        "DIALER_REPORT_TIMINGS": "1",
    }
    started = time.monotonic()
    process = subprocess.Popen(
        ["bash", str(REPO_ROOT / "packaging" / "run.sh"), *args],
        cwd=home,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        painted, lines = _read(process, stop_at_paint=until_paint)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    if until_paint:
        if painted is None:
            raise StartError(f"run.sh never painted: {lines}")
        return Start(painted - started, lines)
    if process.returncode != 0:
        raise StartError(f"run.sh exited {process.returncode}: {lines}")
    return Start(time.monotonic() - started, lines)


def _read(
    process: subprocess.Popen[bytes], *, stop_at_paint: bool
) -> tuple[float | None, list[str]]:
    """The first-paint stamp (``time.monotonic()`` in the app) and the other output lines."""
    assert process.stdout is not None
    painted: float | None = None
    lines: list[str] = []
    try:
        for line in output_lines(process.stdout, TIMEOUT_S):
            word = line.split(" ", 1)[0]
            if word == "first-paint":
                painted = float(line.split()[1])
                if stop_at_paint:
                    break
            elif word not in STAMPS:
                lines.append(line)
    except TimeoutError:
        raise StartError(f"no first paint or exit within {TIMEOUT_S:.0f} s: {lines}") from None
    return painted, lines


def measure(runs: int) -> tuple[list[Start], list[Start]]:
    with tempfile.TemporaryDirectory(prefix="dialer-bench-setup-") as folder:
        home = Path(folder)
        run_script(home, "--sandbox", "--smoke-exit-after-ms", "0", until_paint=False)  # set-up
        painted = [run_script(home, until_paint=True) for _ in range(runs)]
        exited = [
            run_script(home, "--sandbox", "--smoke-exit-after-ms", "0", until_paint=False)
            for _ in range(runs)
        ]
    return painted, exited


def results(painted: list[Start], exited: list[Start]) -> list[Result]:
    def seconds_row(what: str, starts: list[Start]) -> Result:
        values = [start.seconds for start in starts]
        worst = max(values)
        return Result(
            what,
            median(values),
            "s",
            f"≤ {TARGET_S:g} s (issue 16)",
            worst <= TARGET_S,
            detail=f"median of {len(values)}, worst {worst:.2f} s",
        )

    lines = [len(start.lines) for start in (*painted, *exited)]
    shown = next((start.lines for start in (*painted, *exited) if start.lines), [])
    return [
        seconds_row("second `bash packaging/run.sh` → first paint (no account: sandbox)", painted),
        seconds_row("second `bash packaging/run.sh --smoke-exit-after-ms 0` → exit", exited),
        Result(
            "lines a second `bash packaging/run.sh` prints",
            float(max(lines)),
            "count",
            f"≤ {TARGET_LINES} (issue 16)",
            max(lines) <= TARGET_LINES,
            detail=f"most of {len(lines)} runs" + (f"; e.g. {shown[0][:60]!r}" if shown else ""),
        ),
    ]


def main(argv: list[str] | None = None) -> None:
    use_bytecode_cache()
    args = parser(__doc__.splitlines()[0]).parse_args(argv)
    painted, exited = measure(runs_of(args))
    emit(results(painted, exited), args.json)


if __name__ == "__main__":
    main()
