"""``python -m tests.support.peak_rss OUT -- ARGS``: run ``dialer-app ARGS`` in this process,
then write its peak resident memory (``VmHWM``, KiB) to OUT.

``VmHWM`` belongs to this process's own memory since ``exec``; ``ru_maxrss`` from ``wait4``
would start at the test runner's high-water mark (Linux carries it over ``fork``).
"""

from __future__ import annotations

import sys
from pathlib import Path


def peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


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
