"""ContactsService on its own: the store worker, shutdown and the notices it sends."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

from pytestqt.qtbot import QtBot

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import EarlyListing, Store
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
        # The job holds the service until it ends: were the worker to drop the last reference,
        # Python would free the QObject on that thread (a crash later in the event loop).
        qtbot.waitUntil(lambda: not service._runner.thread_alive, timeout=WAIT_MS)
    assert took < 5  # the runners' own waits (2.5 s at most), never the job's 15 s


def stop(qtbot: QtBot, service: ContactsService) -> None:
    """Shut down and let the worker end while the test still holds the service (see above)."""
    service.shutdown()
    qtbot.waitUntil(lambda: not service._runner.thread_alive, timeout=WAIT_MS)


def saved_contacts(path: Path, *names: str) -> None:
    store, _notice = Store.open(path)
    for position, name in enumerate(names):
        digits = f"9195000000{position:02d}"
        store.add_contact(Contact(name, (ContactNumber(f"+{digits}", digits),)))
    store.close()


def test_the_list_read_at_start_up_is_shown_without_reading_it_again(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.db"
    saved_contacts(path, "Asha Rao", "Bina Das")
    early = EarlyListing.start(path)  # as startup.main does, before Qt loads
    service = ContactsService(path, early=early)
    try:
        with qtbot.waitSignal(service.index_changed, timeout=WAIT_MS) as shown:
            service.open()
        assert early.handed_over
        assert [row[1] for row in shown.args[0].rows] == ["Asha Rao", "Bina Das"]
        assert service.index is shown.args[0]  # kept for views built later (the tray)
        assert service.history == []
    finally:
        stop(qtbot, service)


def test_a_list_changed_since_start_up_is_read_again(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    saved_contacts(path, "Asha Rao")
    early = EarlyListing.start(path)
    qtbot.waitUntil(lambda: early.finished, timeout=WAIT_MS)
    saved_contacts(path, "Bina Das")  # e.g. an import from the command line meanwhile
    service = ContactsService(path, early=early)
    try:
        with qtbot.waitSignal(service.index_changed, timeout=WAIT_MS) as shown:
            service.open()
        assert not early.handed_over
        assert len(shown.args[0]) == 2
    finally:
        stop(qtbot, service)
