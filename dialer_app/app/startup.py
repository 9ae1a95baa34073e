"""``dialer-app`` without a command: hand over to a running dialer, or start the window."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QTimer

from dialer_app.app.composition import DialerApp, build
from dialer_app.app.crash import install_crash_handler
from dialer_app.app.instance_flow import hand_over, launch_request
from dialer_app.app.window_args import parse_window_args
from dialer_app.cli.arguments import UsageError
from dialer_app.cli.output import EXIT_USAGE
from dialer_app.core.diagnostics import configure_logging
from dialer_app.core.profile import resolve_profile_dir
from dialer_app.core.urls import InvalidBaseUrlError
from dialer_app.system.instance_link import address_for


def watch_start_up(app: DialerApp) -> None:
    """Benchmarks and smoke tests: report (``DIALER_REPORT_TIMINGS=1``) the first paint, the
    end of start-up (``ready``: every panel built) and the contacts shown, and/or quit some
    time after ``ready``. Times are ``time.monotonic()``, comparable across processes."""
    smoke_ms = app.options.smoke_exit_after_ms
    report = os.environ.get("DIALER_REPORT_TIMINGS") == "1"
    if smoke_ms is None and not report:
        return

    def stamp(what: str, detail: object = "") -> None:
        print(f"{what} {time.monotonic():.6f} {detail}".rstrip(), flush=True)

    def started() -> None:
        if report:
            stamp("ready")
            app.contacts.service.index_changed.connect(
                lambda index: stamp("contacts-shown", len(index))
            )
        if smoke_ms is not None:
            QTimer.singleShot(max(smoke_ms, 0), app.quit)

    if report:
        app.first_painted.connect(lambda: stamp("first-paint"))
    app.ready.connect(started)


def open_log_file(app: DialerApp) -> None:
    """The profile's log file, opened once the window has painted; what was logged before
    is written to it first."""
    if configure_logging(app.runtime.profile_dir, verbose=bool(app.options.verbose)) is None:
        notice = (
            f"The log file cannot be written in {app.runtime.profile_dir}; "
            "problems are reported on the terminal only."
        )  # shown with the settings warnings, if any, as one message
        app.window.show_message("\n".join([*app.runtime.loaded.warnings, notice]), "error")


def main(argv: Sequence[str] = (), *, handed_over_tried: bool = False) -> int:
    """The window, unless a running dialer takes this launch's request (a link, quick call).

    ``handed_over_tried``: the Qt-free fast path (``dialer_app.__main__``) already found no
    running dialer, so the first hand-over attempt is skipped here.
    """
    configure_logging(None)
    try:
        args = parse_window_args(argv)
    except UsageError as exc:
        print(f"dialer-app: {exc}\n{exc.hint}", file=sys.stderr)
        return EXIT_USAGE
    if args.register_handler or args.unregister_handler:
        from dialer_app.cli.dispatch import run_handler_option  # (dialer_app.__main__ does)

        return run_handler_option(argv)
    address = address_for(resolve_profile_dir(args.profile))
    if not handed_over_tried and hand_over(address, launch_request(args)):
        return 0  # the running dialer took the link / request
    try:
        app = build(argv, staged=True, args=args)
    except UsageError as exc:
        print(f"dialer-app: {exc}\n{exc.hint}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidBaseUrlError as exc:
        print(f"dialer-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if (
        app.instance is not None
        and not app.instance.is_primary
        and hand_over(address, launch_request(args))
    ):
        app.shutdown()  # another dialer won the start-up race
        return 0
    install_crash_handler(app.runtime.profile_dir, app.window, app.quit)
    watch_start_up(app)
    app.ready.connect(lambda: open_log_file(app))
    app.start()
    try:
        return app.qt_app.exec()
    finally:
        app.shutdown()
