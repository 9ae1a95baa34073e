"""``dialer-app`` and ``python -m dialer_app``: a command runs without Qt; a number, a link or
nothing at all opens the window (or hands over to the running one).

Kept light: a window start imports Qt only after the arguments and the display were checked.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from dialer_app.cli.arguments import first_positional, opens_window


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not opens_window(args):
        from dialer_app.cli.dispatch import main as command_main

        return command_main(args)
    from dialer_app.system.display import missing_display

    problem = missing_display()
    if problem is not None:
        from dialer_app.cli.output import EXIT_NO_DISPLAY

        print(no_display_message(problem, first_positional(args)), file=sys.stderr)
        return EXIT_NO_DISPLAY
    from dialer_app.app.startup import main as window_main

    return window_main(args)


def no_display_message(problem: str, number: str | None) -> str:
    import shlex

    example = f"dialer-app call {shlex.quote(number)}" if number else "dialer-app call NUMBER"
    return (
        f"dialer-app: no graphical display: {problem}, so the window cannot open.\n"
        f"The command line works without one, e.g. {example} (see dialer-app --help).\n"
        "To run the window anyway, start it inside a desktop session, under Xvfb, or with "
        "QT_QPA_PLATFORM=offscreen."
    )


if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A frozen (PyInstaller) build starts contact-import children through this entry
        # point. Only there: importing multiprocessing costs ~10 ms of every start.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
