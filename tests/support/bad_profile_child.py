"""Start the real window on a profile in a child process and report what the agent saw.

``python -m tests.support.bad_profile_child PROFILE [--import CSV] [--save-settings] [--no-call]``

Runs like ``dialer_app.app.main`` (logging to the profile, ``build``, ``start``) with the
built-in sandbox, waits until the contacts were opened, then places one call, adds one
contact, optionally changes a setting and imports a CSV file. Prints one JSON object: every
status message shown (in order), the settings warnings, the log file (or null), how many
contacts and calls the lists first showed, whether the call and the contact save worked, and
any exception that escaped into the event loop.

The read-only and full-disk tests need a separate process: it runs with fewer privileges or a
file-size limit that the test process itself must not have.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.diagnostics import configure_logging, diagnostics_report
from dialer_app.ui.main_window import MainWindow
from tests.support.wait import WAIT_S, poll

CALLED_NUMBER = "+91 92000 00000"
NEW_CONTACT = Contact("Saved After Trouble", (ContactNumber("+91 94000 00009", "919400000009"),))


class StatusLog:
    """Every message the window shows, in order: call outcomes and notices (each line keeps
    only its last one). ``outcomes`` holds the call outcomes alone."""

    def __init__(self, window: MainWindow) -> None:
        self.messages: list[tuple[str, str]] = []
        self.outcomes: list[tuple[str, str]] = []
        show_outcome, show_notice = window.outcome.show_outcome, window.notice.show_notice

        def outcome(text: str, state: str, **details: object) -> None:
            if text:
                self.messages.append((text, state))
                self.outcomes.append((text, state))
            show_outcome(text, state, **details)  # type: ignore[arg-type]

        def notice(text: str, state: str = "info") -> None:
            if text:
                self.messages.append((text, state))
            show_notice(text, state)

        window.outcome.show_outcome = outcome  # type: ignore[method-assign]
        window.notice.show_notice = notice  # type: ignore[method-assign]

    def texts(self) -> list[str]:
        return [text for text, _state in self.messages]

    def joined(self) -> str:
        return "\n".join(self.texts())


def wait_until(condition: Callable[[], bool], timeout: float = WAIT_S) -> bool:
    """The child has no qtbot: the event loop runs between the checks."""
    return poll(condition, timeout, between=QCoreApplication.processEvents, interval=0.005)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("profile", type=Path)
    parser.add_argument("--import", dest="import_file", type=Path)
    parser.add_argument("--save-settings", action="store_true")
    parser.add_argument("--no-call", action="store_true")
    args = parser.parse_args(argv)

    escaped: list[str] = []

    def excepthook(
        kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        escaped.append("".join(traceback.format_exception(kind, value, tb)))

    sys.excepthook = excepthook
    app = build(["--profile", str(args.profile), "--sandbox"])
    log_file = configure_logging(app.runtime.profile_dir)
    status = StatusLog(app.window)
    report: dict[str, Any] = {
        "warnings": list(app.runtime.loaded.warnings),
        "log_file": str(log_file) if log_file else None,
    }
    opened: list[str] = []
    shown: dict[str, int] = {}
    service = app.contacts.service
    service.index_changed.connect(lambda index: shown.setdefault("contacts", len(index)))
    service.history_changed.connect(lambda entries: shown.setdefault("history", len(entries)))
    service.index_changed.connect(lambda _index: opened.append("index"))
    service.notice.connect(lambda text, _state: opened.append(text))
    app.start()
    report["contacts_opened"] = wait_until(lambda: bool(opened))
    settle(app)  # the start-up prune too
    wait_until(lambda: not app.io_runner.busy)  # the start-up jobs and their messages
    report["contacts_shown"] = shown.get("contacts")
    report["history_shown"] = shown.get("history")
    if not args.no_call:
        report["call"] = place_call(app)
    report["contact_saved"] = add_contact(app, status)
    if args.save_settings:
        report["settings_saved"] = change_setting(app, status)
    if args.import_file is not None:
        report["import"] = import_file(app, args.import_file)
    report["messages"] = status.texts()
    report["diagnostics"] = diagnostics_report(app.runtime)
    report["escaped"] = escaped
    app.shutdown()
    print(json.dumps(report), flush=True)
    return 0


def settle(app: DialerApp) -> None:
    """Wait until every contacts job has delivered its result or its error message."""
    runner = app.contacts.service._runner
    wait_until(lambda: not runner.busy)


def place_call(app: DialerApp) -> str:
    outcome: list[str] = []
    app.calls.succeeded.connect(lambda _attempt, result: outcome.append(f"ok {result.request_id}"))
    app.calls.failed.connect(lambda _attempt, failure: outcome.append(f"failed {failure.message}"))
    app.dial_typed(CALLED_NUMBER, DeliveryMode.SOFTPHONE, None)
    wait_until(lambda: bool(outcome))
    settle(app)  # the call recorded in the history (or the message why not)
    return outcome[0] if outcome else "no answer"


def add_contact(app: DialerApp, status: StatusLog) -> bool:
    saved: list[Contact] = []
    before = len(status.messages)
    app.contacts.service.save_contact(NEW_CONTACT, saved.append)
    wait_until(lambda: bool(saved) or len(status.messages) > before)
    settle(app)
    return bool(saved)


def change_setting(app: DialerApp, status: StatusLog) -> bool:
    """Change a setting like the dialog does; False when the window reported a failed save."""
    before = len(status.messages)
    app.update_settings(replace(app.settings, default_region="US", close_to_tray=True))
    wait_until(lambda: not app.io_runner.busy)  # the save ran and its message was shown
    return not any("could not be saved" in text for text in status.texts()[before:])


def import_file(app: DialerApp, path: Path) -> str:
    outcome: list[str] = []
    service = app.contacts.service
    service.import_finished.connect(lambda result: outcome.append(f"finished {result.added}"))
    service.import_failed.connect(lambda message: outcome.append(f"failed {message}"))
    service.import_file(path, "csv", None, app.settings.default_region)
    wait_until(lambda: bool(outcome), 60.0)
    return outcome[0] if outcome else "no answer"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
