"""``dialer-app`` and ``python -m dialer_app``: a command runs without Qt; a number, a link or
nothing at all opens the window, or hands over to the running one.

A tel: link clicked in a browser starts one short-lived process per click. On POSIX that
process first tries to give the link to the running dialer with no Qt import at all
(``system.instance_link``), and exits; only when no dialer runs are the display checked and
Qt loaded.
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
    tried = sys.platform != "win32" and _handed_over(args)
    if tried is True:
        return 0
    from dialer_app.system.display import missing_display

    problem = missing_display()
    if problem is not None:
        from dialer_app.cli.output import EXIT_NO_DISPLAY

        print(no_display_message(problem, first_positional(args)), file=sys.stderr)
        return EXIT_NO_DISPLAY
    from dialer_app.app.startup import main as window_main

    return window_main(args, handed_over_tried=tried is False)


def _handed_over(args: list[str]) -> bool | None:
    """True: the running dialer took this launch's request. False: no dialer answered.
    None: not a hand-over (bad arguments, --register-handler...): the window decides."""
    from dialer_app.app.window_args import parse_window_args
    from dialer_app.cli.arguments import UsageError

    try:
        parsed = parse_window_args(args)
    except UsageError:
        return None
    if parsed.register_handler or parsed.unregister_handler:
        return None
    from dialer_app.core.profile import resolve_profile_dir
    from dialer_app.system.instance_link import address_for, request_for, send_to_primary

    address = address_for(resolve_profile_dir(parsed.profile))
    if address is None:
        return None
    request = request_for(
        parsed.link, quick_call=parsed.quick_call, call_clipboard=parsed.call_clipboard
    )
    return send_to_primary(address, request)


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
