"""ContactsService on its own: the store worker, shutdown and the notices it sends."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from pytestqt.qtbot import QtBot

from dialer_app.core.contact import Contact
from dialer_app.services.background import ignore
from dialer_app.services.contacts import ContactsService
from tests.support.wait import WAIT_MS


def test_shutdown_never_waits_for_the_store_lock_a_running_job_holds(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A job still running when the window closes keeps the store's lock; ``shutdown`` must
    leave the store open then instead of blocking the GUI thread on ``close()``."""
    service = ContactsService(tmp_path / "contacts.db")
    with qtbot.waitSignal(service.index_changed, timeout=WAIT_MS):
        service.open()
    store = service._require_store()
    started, release = threading.Event(), threading.Event()

    def held_contacts() -> Iterator[Contact]:
        started.set()  # import_contacts holds the store's lock while it reads these
        release.wait(30)
        yield from ()

    service._submit(lambda: store.import_contacts(held_contacts()), ignore)
    assert started.wait(10)
    watchdog = threading.Timer(15, release.set)  # ends the job if shutdown is stuck
    watchdog.start()
    try:
        began = time.monotonic()
        service.shutdown()
        took = time.monotonic() - began
        assert not release.is_set()  # the job was still running when shutdown returned
    finally:
        release.set()
        watchdog.cancel()
    assert took < 5  # the runners' own waits (2.5 s at most), never the job's 15 s
