"""Run every benchmark and print one markdown table.

    .venv/bin/python benchmarks/run_all.py [--quick] [--runs N] [--only NAME ...]

Each benchmark runs as its own process (``bench_<name>.py``), so one's memory and threads never
colour another's numbers. Generated data is cached in the temp folder (``DIALER_BENCH_CACHE``
overrides it), keyed by size. When no D-Bus session is running but ``dbus-run-session`` and
``gnome-keyring-daemon`` are installed, the stall benchmark runs inside a private session with a
throw-away keyring, so the keyring read goes through a real Secret Service.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from common import (
    BENCH_DIR,
    REPO_ROOT,
    Result,
    load_average,
    machine_line,
    markdown_table,
    read_results,
    use_bytecode_cache,
)

BENCHMARKS = ("startup", "calls", "stall", "search", "import", "handover", "setup", "compliance")
_PRIVATE_KEYRING = """
printf 'benchmark-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
exec "$@"
"""


def private_keyring_available() -> bool:
    """No session bus here, but the tools to start one with a throw-away keyring."""
    return not os.environ.get("DBUS_SESSION_BUS_ADDRESS") and all(
        shutil.which(tool) for tool in ("dbus-run-session", "gnome-keyring-daemon")
    )


def with_private_keyring(command: list[str], home: Path) -> tuple[list[str], dict[str, str]]:
    """``command`` inside ``dbus-run-session`` with an unlocked keyring kept under ``home``."""
    data, runtime = home / "data", home / "run"
    data.mkdir()
    runtime.mkdir(mode=0o700)
    env = {**os.environ, "XDG_DATA_HOME": str(data), "XDG_RUNTIME_DIR": str(runtime)}
    wrapped = ["dbus-run-session", "--", "bash", "-c", _PRIVATE_KEYRING, "keyring", *command]
    return wrapped, env


def run_benchmark(name: str, options: Sequence[str]) -> list[Result]:
    """Run ``bench_<name>.py`` and collect its rows; its own table goes to stderr."""
    with tempfile.TemporaryDirectory(prefix=f"dialer-bench-{name}-") as folder:
        out = Path(folder) / "rows.json"
        command = [
            sys.executable,
            str(BENCH_DIR / f"bench_{name}.py"),
            *options,
            "--json",
            str(out),
        ]
        env = dict(os.environ)
        if name == "stall" and private_keyring_available():
            keyring_home = Path(folder) / "keyring"
            keyring_home.mkdir()
            command, env = with_private_keyring(command, keyring_home)
        started = time.monotonic()
        completed = subprocess.run(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )
        elapsed = time.monotonic() - started
        print(f"[{name}: {elapsed:.0f} s, exit {completed.returncode}]", file=sys.stderr)
        if completed.returncode != 0 or not out.exists():
            print(completed.stdout, file=sys.stderr)
            return [Result(f"{name} benchmark", float("nan"), "", "ran", False, detail="FAILED")]
        print(completed.stdout, file=sys.stderr, end="")
        return read_results(out)


def main(argv: list[str] | None = None) -> int:
    use_bytecode_cache()
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="tiny smoke mode")
    options.add_argument("--runs", type=int, help="repetitions for every benchmark")
    options.add_argument(
        "--only", action="append", choices=BENCHMARKS, metavar="NAME", help=", ".join(BENCHMARKS)
    )
    args = options.parse_args(argv)
    passed = (["--quick"] if args.quick else []) + (["--runs", str(args.runs)] if args.runs else [])
    load_before, started = load_average(), time.monotonic()
    results: list[Result] = []
    for name in args.only or BENCHMARKS:
        print(f"[running {name}…]", file=sys.stderr, flush=True)
        results += run_benchmark(name, passed)
    minutes = (time.monotonic() - started) / 60
    print(machine_line())
    print(
        f"Load average (1/5/15 min): {load_before} before, {load_average()} after; "
        f"suite took {minutes:.1f} min{' (--quick)' if args.quick else ''}."
    )
    print()
    print(markdown_table(results))
    return 1 if any(result.detail == "FAILED" for result in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
