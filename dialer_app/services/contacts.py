"""Contacts and call history for the window: the SQLite store driven from worker threads.

The GUI never touches the database: every read and write is a job on the ``store`` runner;
imports run on their own runner with their own connection, so a long import never delays
recording a call. Results come back as signals.

What the agent must know about the database itself (recovered, read-only, damaged text) comes
as one ``notice`` when it is first found: the status line shows only the latest message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from dialer_app.core.contact_import import ImportSummary

from dialer_app.core.contact import Contact
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.store import HistoryEntry, Store, StoreReadOnlyError, TextDamage
from dialer_app.services.background import BackgroundRunner

log = logging.getLogger(__name__)
HISTORY_LIMIT = 500
_RELEASE_SLICE = 2000


class ContactsService(QObject):
    index_changed = Signal(object)  # ContactIndex
    history_changed = Signal(list)  # list[HistoryEntry], newest first
    history_added = Signal(object)  # HistoryEntry: one new call, on top
    notice = Signal(str, str)  # message, state ("info" | "error")
    import_progress = Signal(int, int, str)  # done, total (0: unknown), phase text
    import_finished = Signal(object)  # ImportSummary
    import_failed = Signal(str)
    import_cancelled = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._store: Store | None = None
        self._open_error = ""
        self._damage_told = False  # touched on the store runner only
        self._runner = BackgroundRunner("store", self)
        self._import_runner = BackgroundRunner("import", self)
        self._cancel_import = threading.Event()

    # lifecycle ------------------------------------------------------------------------
    def open(self) -> None:
        """Open (or recover) the database and load the list and the history."""
        self._submit(self._open_and_load, self._loaded)

    def _open_and_load(self) -> tuple[ContactIndex, list[HistoryEntry], str]:
        try:
            store, notice = Store.open(self.db_path)
        except Exception as exc:
            self._open_error = str(exc)
            raise
        self._store = store
        messages = []
        if notice is not None:
            messages.append(
                f"The contacts database could not be read ({notice.reason}). It was kept as "
                f"{notice.moved_to} and a new, empty one was started."
            )
        if store.read_only_reason:
            messages.append(
                f"The contacts database is read-only ({store.read_only_reason}): contacts and "
                "the call history are shown and calls work, but changes, imports and new calls "
                "in the history are not saved."
            )
        index = ContactIndex(store.search_rows())
        history = store.recent_history(HISTORY_LIMIT)
        messages.append(self._untold_damage())
        return index, history, " ".join(m for m in messages if m)

    def _loaded(self, loaded: tuple[ContactIndex, list[HistoryEntry], str]) -> None:
        index, history, message = loaded
        self.index_changed.emit(index)
        self.history_changed.emit(history)
        if message:
            self.notice.emit(message, "error")

    @property
    def idle(self) -> bool:
        """No store job and no import is running or waiting (their results are delivered)."""
        return not self._runner.busy and not self._import_runner.busy

    def shutdown(self) -> None:
        """Stop both runners; close the store only when its worker has ended. A job still
        running holds the store's lock, and ``close()`` would wait for it on the GUI thread:
        the store then goes with the process (SQLite keeps the file consistent)."""
        self._cancel_import.set()
        self._import_runner.shutdown(wait=0.5)
        if self._runner.shutdown(wait=2.0) and self._store is not None:
            self._store.close()

    # contacts -------------------------------------------------------------------------
    def save_contact(
        self, contact: Contact, on_saved: Callable[[Contact], None] | None = None
    ) -> None:
        def work() -> tuple[Contact, ContactIndex]:
            store = self._require_store()
            saved = (
                store.update_contact(contact)
                if contact.id is not None
                else store.add_contact(contact)
            )
            return saved, ContactIndex(store.search_rows())

        def done(result: tuple[Contact, ContactIndex]) -> None:
            saved, index = result
            self.index_changed.emit(index)
            if on_saved is not None:
                on_saved(saved)

        self._submit(work, done)

    def get_contact(self, contact_id: int, on_result: Callable[[Contact | None], object]) -> None:
        self._submit(lambda: self._require_store().get_contact(contact_id), on_result)

    def delete_contacts(
        self, ids: Sequence[int], on_deleted: Callable[[list[Contact]], None]
    ) -> None:
        def work() -> tuple[list[Contact], ContactIndex]:
            store = self._require_store()
            deleted = store.delete_contacts(ids)
            return deleted, ContactIndex(store.search_rows())

        def done(result: tuple[list[Contact], ContactIndex]) -> None:
            deleted, index = result
            self.index_changed.emit(index)
            on_deleted(deleted)

        self._submit(work, done)

    def restore_contacts(self, contacts: Sequence[Contact]) -> None:
        def work() -> ContactIndex:
            store = self._require_store()
            store.restore_contacts(contacts)
            return ContactIndex(store.search_rows())

        self._submit(work, self.index_changed.emit)

    def set_favorite(self, contact_id: int, favorite: bool) -> None:
        def work() -> ContactIndex:
            store = self._require_store()
            store.set_favorite(contact_id, favorite)
            return ContactIndex(store.search_rows())

        self._submit(work, self.index_changed.emit)

    # history --------------------------------------------------------------------------
    def record_call(self, entry: HistoryEntry) -> None:
        """Store one attempt; ``history_added`` then carries it (with its id) to the views.

        A call that cannot be recorded was still placed: the notice says so in those words
        (the window keeps the call's outcome on screen, apart from notices)."""

        def not_recorded(error: BaseException) -> None:
            log.error("Call not recorded: %s: %s", type(error).__name__, error)
            detail = str(error).removeprefix("Cannot record the call in the history: ")
            self.notice.emit(
                f"The call was placed, but it is not saved in the call history: {detail}",
                "error",
            )

        self._submit(
            lambda: self._require_store().add_history(entry), self.history_added.emit, not_recorded
        )

    def prune_history(self, keep_days: int | None) -> None:
        if keep_days is None:
            return

        def work() -> list[HistoryEntry]:
            store = self._require_store()
            store.prune_history(keep_days)
            return store.recent_history(HISTORY_LIMIT)

        self._submit(work, self.history_changed.emit)

    # import / export ------------------------------------------------------------------
    def import_file(self, path: Path, fmt: str, mapping: Any, region: str) -> None:
        """Read and store one file, all or nothing, on the import runner."""
        if self._store is not None:
            try:
                self._store.check_writable("import contacts")
            except StoreReadOnlyError as exc:  # say so now rather than after reading the file
                self.import_failed.emit(str(exc))
                return
        self._cancel_import.clear()
        self._import_runner.submit(
            lambda: self._import(path, fmt, mapping, region),
            self._import_done,
            self._import_error,
        )

    def cancel_import(self) -> None:
        self._cancel_import.set()

    def _import(
        self, path: Path, fmt: str, mapping: Any, region: str
    ) -> tuple[ImportSummary, ContactIndex]:
        """Runs on the import runner: the work itself happens in a child process."""
        from dialer_app.core.contact_import import import_in_child

        outcome = import_in_child(
            self.db_path, path, fmt, mapping, region, self.import_progress.emit, self._cancel_import
        )
        store, _notice = Store.open(self.db_path)
        try:
            index = ContactIndex(store.search_rows())
        finally:
            store.close()
        return outcome, index

    def _import_done(self, result: tuple[ImportSummary, ContactIndex]) -> None:
        outcome, index = result
        self.index_changed.emit(index)
        self.import_finished.emit(outcome)

    def _import_error(self, error: BaseException) -> None:
        from dialer_app.core.contact_import import (
            ContactImportError,
            ImportCancelled,
            ImportProcessError,
        )
        from dialer_app.core.store import ImportCancelledError as StoreCancelled

        if isinstance(error, ImportCancelled | StoreCancelled):
            self.import_cancelled.emit()
        elif isinstance(error, ContactImportError | ImportProcessError | OSError):
            self.import_failed.emit(str(error))
        else:
            log.error("Import failed: %s", type(error).__name__)
            self.import_failed.emit(
                f"The import failed ({type(error).__name__}); nothing was saved."
            )

    def export_file(self, path: Path, fmt: str | None, on_done: Callable[[int], None]) -> None:
        """Write every contact to ``path`` (format ``fmt`` or from the extension)."""

        def work() -> int:
            from dialer_app.core.contact_export import export_contacts

            return export_contacts(self._require_store(), path, fmt)

        self._submit(work, on_done)

    # internals ------------------------------------------------------------------------
    def _require_store(self) -> Store:
        if self._store is None:
            if self._open_error:
                raise RuntimeError(f"the contacts database could not be opened: {self._open_error}")
            raise RuntimeError("The contacts database is not open yet.")
        return self._store

    def _submit(
        self,
        work: Callable[[], Any],
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object] | None = None,
    ) -> None:
        """Run ``work`` on the store runner; damaged text it was the first to meet is told
        after ``on_result`` has run (so its own message does not hide the notice)."""

        def run() -> tuple[Any, str]:
            return work(), self._untold_damage()

        def done(outcome: tuple[Any, str]) -> None:
            result, damage = outcome
            on_result(result)
            if damage:
                self.notice.emit(damage, "error")

        self._runner.submit(run, done, on_error or self._failed)

    def _untold_damage(self) -> str:
        """The damaged-text notice, once per start (on the store runner)."""
        if self._damage_told or self._store is None:
            return ""
        damage = self._store.damaged_text()
        if not damage:
            return ""
        self._damage_told = True
        return damage_message(damage)

    def _failed(self, error: BaseException) -> None:
        log.error("Contacts operation failed: %s: %s", type(error).__name__, error)
        self.notice.emit(f"Contacts: {error}", "error")


def damage_message(damage: TextDamage) -> str:
    """Plain words for damaged text: how many entries, how they look, how to fix them."""
    found = []
    if damage.contacts:
        count = len(damage.contacts)
        found.append(f"{count} contact{'s' if count != 1 else ''}")
    if damage.history:
        count = len(damage.history)
        found.append(f"{count} call{'s' if count != 1 else ''} in the history")
    message = (
        f"Damaged text was found in {' and '.join(found)} (the file was changed on disk); "
        "the unreadable letters are shown as \ufffd and everything else is kept."
    )
    if damage.contacts:
        message += " To fix a contact, edit it, correct the marked text and save it."
    if damage.history:
        message += " History entries cannot be edited; they stay as shown."
    return message
