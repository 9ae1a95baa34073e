"""``dialer-app`` and ``python -m dialer_app``: a command runs without Qt; anything else is
the window (or a hand-over to the running one)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from dialer_app.cli.arguments import COMMANDS, first_positional


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if first_positional(args) in COMMANDS:
        from dialer_app.cli.dispatch import main as command_main

        return command_main(args)
    from dialer_app.app.startup import main as window_main

    return window_main(args)


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A frozen (PyInstaller) build starts contact-import children through this entry
        # point. Only there: importing multiprocessing costs ~10 ms of every start.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
