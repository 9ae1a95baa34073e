"""Contacts and call history for the window: the SQLite store driven from worker threads.

The GUI never touches the database: every read and write is a job on the ``store`` runner;
imports run on their own runner with their own connection, so a long import never delays
recording a call. Results come back as signals.

What the agent must know about the database itself (recovered, read-only, damaged text) comes
as one ``notice`` when it is first found: the status line shows only the latest message.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from dialer_app.core.contact_export import Exported
    from dialer_app.core.contact_import import ImportSummary

from dialer_app.core.contact import Contact
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.profile import secure_profile
from dialer_app.core.store import (
    Backup,
    EarlyListing,
    HistoryEntry,
    RecoveryNotice,
    RestoredBackup,
    Store,
    StoreReadOnlyError,
    TextDamage,
)
from dialer_app.services.background import BackgroundRunner

log = logging.getLogger(__name__)
HISTORY_LIMIT = 500
_Loaded = tuple[ContactIndex, list[HistoryEntry], str]  # the list, the history, a notice


class ContactsService(QObject):
    index_changed = Signal(object)  # ContactIndex
    history_changed = Signal(list)  # list[HistoryEntry], newest first
    history_added = Signal(object)  # HistoryEntry: one new call, on top
    notice = Signal(str, str)  # message, state ("info" | "error")
    import_progress = Signal(int, int, str)  # done, total (0: unknown), phase text
    import_finished = Signal(object)  # ImportSummary
    import_failed = Signal(str)
    import_cancelled = Signal()
    database_replaced = Signal()  # restored from a backup, or rebuilt after damage: re-read it

    def __init__(
        self, db_path: Path, parent: QObject | None = None, *, early: EarlyListing | None = None
    ) -> None:
        """``early``: the list being read since the process started, used when it is still
        what the database holds once opened (see ``store.EarlyListing``)."""
        super().__init__(parent)
        self.db_path = db_path
        self._early = early  # handed over by take() only for this very file, unchanged
        # What the signals last carried, for views built after them (the tray, the lists).
        self.index: ContactIndex | None = None
        self.history: list[HistoryEntry] | None = None  # newest first
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

    def _open_and_load(self) -> _Loaded:
        """Open the database without reading every page first (the list shows sooner; see
        :meth:`_verify`), and read the list and the history."""
        tightened = secure_profile(self.db_path.parent)
        try:
            try:
                store, notice = Store.open(self.db_path, check=False)
                loaded = self._read(store, notice)
            except sqlite3.DatabaseError:  # damage the quick open did not see: check, recover
                self._close_store()
                store, notice = Store.open(self.db_path)
                loaded = self._read(store, notice)
        except Exception as exc:
            self._open_error = str(exc)
            raise
        return loaded if not tightened else (*loaded[:2], f"{tightened} {loaded[2]}".strip())

    def _read(self, store: Store, notice: RecoveryNotice | None) -> _Loaded:
        self._store = store
        messages = [] if notice is None else [notice.message()]
        messages.extend(store.opening_notes)
        if store.read_only_reason:
            messages.append(
                f"The contacts database is read-only ({store.read_only_reason}): contacts and "
                "the call history are shown and calls work, but changes, imports and new calls "
                "in the history are not saved."
            )
        early, self._early = self._early, None
        index = ContactIndex.load(store, None if early is None else early.take(store))
        history = store.recent_history(HISTORY_LIMIT)
        messages.append(self._untold_damage())
        return index, history, " ".join(m for m in messages if m)

    def _close_store(self) -> None:
        if self._store is not None:
            with contextlib.suppress(sqlite3.Error):
                self._store.close()
            self._store = None

    def _loaded(self, loaded: _Loaded) -> None:
        index, history, message = loaded
        self._show_index(index)
        self._show_history(history)
        if message:
            self.notice.emit(message, "error")
        self._submit(self._verify, self._verified)

    def _verify(self) -> _Loaded | None:
        """Read every page now that the list is shown; a damaged file is opened again, which
        keeps it aside and rebuilds it (see ``Store.open``): the list then reloads."""
        if self._require_store().verify() is None:
            return None
        self._close_store()
        store, notice = Store.open(self.db_path)
        return self._read(store, notice)

    def _verified(self, reloaded: _Loaded | None) -> None:
        if reloaded is not None:
            self._loaded(reloaded)  # verified again: the rebuilt file is healthy
            self.database_replaced.emit()
            return
        self._submit(self._daily_backup, self._backup_failed_notice)

    def _daily_backup(self) -> str:
        """A backup when the newest is a day old (on the store runner, after the list)."""
        try:
            self._require_store().back_up_if_due()
        except (OSError, sqlite3.Error) as exc:
            return backup_failure(exc)
        return ""

    def _backup_failed_notice(self, message: str) -> None:
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
            return saved, ContactIndex.load(store)

        def done(result: tuple[Contact, ContactIndex]) -> None:
            saved, index = result
            self._show_index(index)
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
            if len(ids) > 1:  # a bulk change: keep the contacts as they were first
                with contextlib.suppress(OSError, sqlite3.Error):
                    store.back_up()
            deleted = store.delete_contacts(ids)
            return deleted, ContactIndex.load(store)

        def done(result: tuple[list[Contact], ContactIndex]) -> None:
            deleted, index = result
            self._show_index(index)
            on_deleted(deleted)

        self._submit(work, done)

    def restore_contacts(self, contacts: Sequence[Contact]) -> None:
        def work() -> ContactIndex:
            store = self._require_store()
            store.restore_contacts(contacts)
            return ContactIndex.load(store)

        self._submit(work, self._show_index)

    def set_favorite(self, contact_id: int, favorite: bool) -> None:
        def work() -> ContactIndex:
            store = self._require_store()
            store.set_favorite(contact_id, favorite)
            return ContactIndex.load(store)

        self._submit(work, self._show_index)

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
            lambda: self._require_store().add_history(entry), self._add_history, not_recorded
        )

    def prune_history(self, keep_days: int | None) -> None:
        if keep_days is None:
            return

        def work() -> list[HistoryEntry]:
            store = self._require_store()
            store.prune_history(keep_days)
            return store.recent_history(HISTORY_LIMIT)

        self._submit(work, self._show_history)

    def run_job(
        self,
        work: Callable[[Store], Any],
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object],
    ) -> None:
        """Run ``work(store)`` on the store worker, in order with every other database job
        (for the tables of other features: the do-not-call list); ``on_result`` or
        ``on_error`` runs on the GUI thread."""
        self._submit(lambda: work(self._require_store()), on_result, on_error)

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
        store, _notice = Store.open(self.db_path, check=False)  # checked when first opened
        try:
            index = ContactIndex.load(store)
        finally:
            store.close()
        return outcome, index

    def _import_done(self, result: tuple[ImportSummary, ContactIndex]) -> None:
        outcome, index = result
        self._show_index(index)
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

    def export_file(
        self, path: Path, fmt: str | None, on_done: Callable[[Exported], object]
    ) -> None:
        """Write every contact to ``path`` (format ``fmt`` or from the extension)."""

        def work() -> Exported:
            from dialer_app.core.contact_export import export_contacts

            return export_contacts(self._require_store(), path, fmt)

        self._submit(work, on_done)

    # backups --------------------------------------------------------------------------
    def list_backups(self, on_result: Callable[[list[BackupSummary]], object]) -> None:
        """The backups, newest first, with what each holds (read on the store runner)."""

        def work() -> list[BackupSummary]:
            from dialer_app.core.store import read_backup

            summaries = []
            for backup in self._require_store().backups():
                try:
                    contents = read_backup(backup.path)
                except sqlite3.Error as exc:
                    summaries.append(BackupSummary(backup, -1, -1, str(exc)))
                else:
                    summaries.append(BackupSummary(backup, contents.contacts, contents.history))
            return summaries

        self._submit(work, on_result)

    def restore_backup(self, backup: Path, on_done: Callable[[RestoredBackup], object]) -> None:
        """Put ``backup`` back (the contacts as they are go to a backup first); the list and
        the history are reloaded."""

        def work() -> tuple[RestoredBackup, ContactIndex, list[HistoryEntry]]:
            store = self._require_store()
            restored = store.restore_backup(backup)
            return restored, ContactIndex.load(store), store.recent_history(HISTORY_LIMIT)

        def done(result: tuple[RestoredBackup, ContactIndex, list[HistoryEntry]]) -> None:
            restored, index, history = result
            self._show_index(index)
            self._show_history(history)
            self.database_replaced.emit()
            on_done(restored)

        self._submit(work, done)

    # internals ------------------------------------------------------------------------
    def _show_index(self, index: ContactIndex) -> None:
        self.index = index
        self.index_changed.emit(index)

    def _show_history(self, history: list[HistoryEntry]) -> None:
        self.history = history
        self.history_changed.emit(history)

    def _add_history(self, entry: HistoryEntry) -> None:
        if self.history is not None:
            self.history = [entry, *self.history[: HISTORY_LIMIT - 1]]
        self.history_added.emit(entry)

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


@dataclass(frozen=True)
class BackupSummary:
    """A backup and what it holds (``-1`` and ``problem`` when it cannot be read)."""

    backup: Backup
    contacts: int
    history: int
    problem: str = ""


def backup_failure(error: BaseException) -> str:
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return f"A backup of the contacts could not be written ({detail}); they are not backed up."


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
