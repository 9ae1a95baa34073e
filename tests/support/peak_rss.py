"""``python -m tests.support.peak_rss OUT -- ARGS``: run ``dialer-app ARGS`` in this process,
then write its peak resident memory (``VmHWM``, KiB) to OUT.

``VmHWM`` belongs to this process's own memory since ``exec``; ``ru_maxrss`` from ``wait4``
would start at the test runner's high-water mark (Linux carries it over ``fork``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def peak_of_import(
    source: Path, folder: Path, timeout: float
) -> tuple[subprocess.CompletedProcess[str], int]:
    """``dialer-app contacts import SOURCE`` into a fresh profile in ``folder``: the finished
    process and its peak RSS (KiB)."""
    out = folder / "peak.txt"
    command = [sys.executable, "-m", "tests.support.peak_rss", str(out), "--", "contacts"]
    command += ["import", str(source), "--profile", str(folder / "profile")]
    child = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        check=False,
    )
    return child, int(out.read_text())


def main() -> int:
    out, separator, *args = sys.argv[1:]
    assert separator == "--"
    from dialer_app.__main__ import main as dialer_main

    try:
        return dialer_main(args)
    finally:
        Path(out).write_text(str(peak_kib()))


if __name__ == "__main__":
    sys.exit(main())
