"""Uncaught exceptions: logged, saved as a redacted crash report, told to the agent."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QWidget

from dialer_app.core.diagnostics import write_crash_report

log = logging.getLogger(__name__)


def install_crash_handler(
    profile_dir: Path, window: QWidget | None, quit_app: Callable[[], None]
) -> None:
    """Keep running after an unexpected error: log it, save a report, show a dialog."""

    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            quit_app()
            return
        log.critical("Unexpected error", exc_info=(kind, value, tb))
        path = write_crash_report(profile_dir, kind, value, tb)
        if threading.current_thread() is threading.main_thread():
            from PySide6.QtCore import QCoreApplication
            from PySide6.QtWidgets import QMessageBox  # loaded when needed: 3 ms at start-up

            where = (
                QCoreApplication.translate("CrashDialog", " A report was saved to {path}.").format(
                    path=path
                )
                if path
                else ""
            )
            QMessageBox.critical(
                window,
                QCoreApplication.translate("CrashDialog", "Something went wrong"),
                QCoreApplication.translate(
                    "CrashDialog", "The dialer hit an unexpected error ({error})."
                ).format(error=kind.__name__)
                + where
                + "\n\n"
                + QCoreApplication.translate(
                    "CrashDialog",
                    "You can keep working; if it happens again, send the report and "
                    "Help › Copy diagnostics to your IT team.",
                ),
            )

    sys.excepthook = handle
    threading.excepthook = lambda args: handle(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )
