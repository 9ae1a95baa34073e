"""``dialer-app`` without a command: hand over to a running dialer, or start the window.

Importing this module loads no Qt: ``main`` starts reading the contact list first
(``store.EarlyListing``), so SQLite reads it while PySide6 loads and the window is built.
"""

from __future__ import annotations

import linecache
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dialer_app.app.window_args import parse_window_args
from dialer_app.cli.arguments import UsageError
from dialer_app.cli.output import EXIT_USAGE
from dialer_app.core.diagnostics import configure_logging
from dialer_app.core.profile import resolve_profile_dir
from dialer_app.core.runtime import DATABASE_FILE
from dialer_app.core.urls import InvalidBaseUrlError
from dialer_app.system.instance_link import address_for

if TYPE_CHECKING:
    import argparse

    from dialer_app.app.composition import DialerApp


class SourceLinesNotKept(dict[str, Any]):
    """``linecache``'s cache, keeping no source read from a file: a traceback reads the file
    again.

    PySide6 reads the whole source of every module imported after it (``inspect.getsource``,
    looking for ``from __feature__ import``) and linecache would keep all of it: some 3 MiB of
    lines no one reads again. Entries without a file time are kept: linecache reads those
    back right after storing them (lazy entries, and sources from a loader: modules in a zip
    or a frozen bundle). Installed before any thread starts, so no reader ever sees the cache
    change under it (``linecache`` has no lock).
    """

    def __setitem__(self, key: str, value: Any) -> None:
        read_from_a_file = len(value) == 4 and value[1] is not None  # (size, mtime, lines, path)
        if not read_from_a_file:
            super().__setitem__(key, value)


def watch_start_up(app: DialerApp) -> None:
    """Benchmarks and smoke tests: report (``DIALER_REPORT_TIMINGS=1``) the first paint, the
    contacts shown (each time the list is loaded) and the end of start-up (``ready``: every
    panel built), and/or quit some time after ``ready``. Times are ``time.monotonic()``,
    comparable across processes."""
    smoke_ms = app.options.smoke_exit_after_ms
    report = os.environ.get("DIALER_REPORT_TIMINGS") == "1"
    if smoke_ms is None and not report:
        return
    from PySide6.QtCore import QTimer

    def stamp(what: str, detail: object = "") -> None:
        print(f"{what} {time.monotonic():.6f} {detail}".rstrip(), flush=True)

    def started() -> None:
        if report:
            stamp("ready")
        if smoke_ms is not None:
            QTimer.singleShot(max(smoke_ms, 0), app.quit)

    if report:
        app.first_painted.connect(lambda: stamp("first-paint"))
        app.contacts_shown.connect(lambda count: stamp("contacts-shown", count))
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
    linecache.cache = SourceLinesNotKept()
    configure_logging(None)
    try:
        args = parse_window_args(argv)
    except UsageError as exc:
        print(f"dialer-app: {exc}\n{exc.hint}", file=sys.stderr)
        return EXIT_USAGE
    if args.register_handler or args.unregister_handler:
        from dialer_app.cli.dispatch import run_handler_option  # (dialer_app.__main__ does)

        return run_handler_option(argv)
    profile_dir = resolve_profile_dir(args.profile)
    address = address_for(profile_dir)
    if not handed_over_tried and _hand_over(address, args):
        return 0  # the running dialer took the link / request
    from dialer_app.core.store import EarlyListing

    early = EarlyListing.start(profile_dir / DATABASE_FILE)  # before Qt loads: see the doc
    from dialer_app.app.composition import build
    from dialer_app.app.crash import install_crash_handler

    try:
        app = build(argv, staged=True, args=args, early=early)
    except UsageError as exc:
        print(f"dialer-app: {exc}\n{exc.hint}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidBaseUrlError as exc:
        print(f"dialer-app: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if app.instance is not None and not app.instance.is_primary and _hand_over(address, args):
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


def _hand_over(address: str | None, args: argparse.Namespace) -> bool:
    """True when a running dialer for this profile took this launch's request (then exit)."""
    from dialer_app.app.instance_flow import hand_over, launch_request  # (loads Qt)

    return hand_over(address, launch_request(args))
