"""Quit the dialer window while a call hangs at the server (helper for test_window_quit).

Run as ``python -m tests.support.quit_during_call PROFILE_DIR`` from the repository root. It
serves a loopback sandbox that never answers, builds the app the way ``main`` does, clicks Call and,
once the sandbox holds the request, triggers the window's Quit action (Ctrl+Q) while
``exec()`` runs. Prints ``REQUEST_HELD`` and ``QUITTING`` (flushed) so the parent can time the
exit; the exit code is the event loop's.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPushButton

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.credentials import CredentialStore
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, Fault, SandboxServer
from tests.support.memory_keyring import MemoryKeyring

QUIT_AFTER_MS = 300
GIVE_UP_MS = 30_000
EXIT_GAVE_UP = 3


def quit_action(app: DialerApp) -> QAction:
    wanted = QKeySequence("Ctrl+Q")
    actions = [a for a in app.window.findChildren(QAction) if a.shortcut() == wanted]
    if len(actions) != 1:
        raise SystemExit(f"expected one Ctrl+Q action, found {len(actions)}")
    return actions[0]


def start_call(app: DialerApp) -> None:
    number = app.window.findChild(QLineEdit, "numberInput")
    call = app.window.findChild(QPushButton, "callButton")
    if number is None or call is None:
        raise SystemExit("numberInput or callButton missing")
    number.setText("+91 92000 00000")
    call.click()


def quit_once_held(app: DialerApp, sandbox: SandboxServer) -> QTimer:
    """Poll until the sandbox holds the request, then trigger Quit after QUIT_AFTER_MS."""
    action = quit_action(app)
    poll = QTimer(interval=20)

    def trigger() -> None:
        print("QUITTING", flush=True)
        action.trigger()

    def check() -> None:
        if sandbox.requests and app.calls.in_flight:
            poll.stop()
            print("REQUEST_HELD", flush=True)
            QTimer.singleShot(QUIT_AFTER_MS, trigger)

    poll.timeout.connect(check)
    poll.start()
    return poll


def main(argv: list[str]) -> int:
    profile = Path(argv[0])
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "settings.json").write_text(
        json.dumps({"version": 1, "user_id": DEMO_USER_ID}), encoding="utf-8"
    )
    with SandboxServer() as sandbox:
        sandbox.set_fault(Fault.HANG, delay=60.0)
        app = build(["--profile", str(profile), "--api-base", sandbox.base_url])
        keyring = MemoryKeyring()
        app.runtime.credentials = CredentialStore(app.settings.profile_id, backend=keyring)
        app.runtime.credentials.set_secret(DEMO_USER_ID, DEMO_SECRET)
        app.start()
        start_call(app)
        _poll = quit_once_held(app, sandbox)
        QTimer.singleShot(GIVE_UP_MS, lambda: app.qt_app.exit(EXIT_GAVE_UP))
        try:
            return app.qt_app.exec()
        finally:
            app.shutdown()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
