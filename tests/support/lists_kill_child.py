"""Child process for the call-list kill test: ``python -m tests.support.lists_kill_child PROFILE``.

Runs the real app (offscreen) on PROFILE against an in-process sandbox and works the current
list with the keys an agent presses: Enter calls the entry shown, then 2 (no answer) or 3
(busy) by the entry's number; an entry already called before a kill (status ``called``) gets
its disposition without a second call. Prints, flushed at once:

* ``resumed ID`` (or ``resumed none``): the entry shown when the list was loaded;
* ``saved ID DISPOSITION``: after the service said the disposition of entry ID is stored;
* ``finished`` when nothing is left to call.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from dialer_app.app.composition import build
from dialer_app.sandbox.server import SandboxServer
from dialer_app.services.call_lists import SavedEntry
from tests.support.harness import memory_credentials
from tests.support.memory_keyring import MemoryKeyring
from tests.support.wait import wait_until

TIMEOUT_S = 30.0


def disposition_for(entry_id: int) -> tuple[Qt.Key, str]:
    return (Qt.Key.Key_2, "no_answer") if entry_id % 2 else (Qt.Key.Key_3, "busy")


def wait_for(condition: Callable[[], bool], what: str) -> None:
    qt_app = QApplication.instance()
    assert qt_app is not None
    wait_until(condition, TIMEOUT_S, what, between=qt_app.processEvents)


def main(profile: str) -> int:
    server = SandboxServer().start()
    app = build(["--profile", profile, "--api-base", server.base_url])
    app.runtime.credentials = memory_credentials(app.settings.profile_id, MemoryKeyring())
    app.start()
    flow = app.lists
    card = flow.panel.card
    wait_for(lambda: "Entry " in card.plain_text() or "Nothing left" in card.plain_text(), "list")
    shown = flow.current_entry
    print(f"resumed {shown.id if shown else 'none'}", flush=True)
    saved: dict[int, str] = {}

    def remember(result: SavedEntry) -> None:
        if result.entry.disposition is not None:
            saved[result.entry.id] = result.entry.disposition

    flow.service.entry_saved.connect(remember)
    while (entry := flow.current_entry) is not None:
        if entry.status != "called":
            QTest.keyClick(card, Qt.Key.Key_Return)
            wait_for(lambda: "Call placed" in card.plain_text(), f"the call to entry {entry.id}")
        key, disposition = disposition_for(entry.id)
        QTest.keyClick(card, key)
        wait_for(
            lambda done=(entry.id, disposition): saved.get(done[0]) == done[1],
            f"entry {entry.id} saved",
        )
        print(f"saved {entry.id} {disposition}", flush=True)
    print("finished", flush=True)
    app.shutdown()
    server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
