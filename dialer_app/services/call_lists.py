"""Call lists for the window: the store's lists driven from worker threads, results by signal.

Every read and write is a job on the ``lists`` runner, in the order asked, each committed at
once (a killed app loses nothing it had saved); an import reads its file on a runner of its
own with its own connection, so a long file never delays recording a disposition. The store
is opened by ``open()``, which the app calls once the contacts' store is open (one opening of
a damaged file at a time: see ``core.store``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QObject, Signal

from dialer_app.core.store import (
    CallList,
    CallListStore,
    Disposition,
    ListAttempt,
    ListEntry,
    Store,
)
from dialer_app.services.background import BackgroundRunner, ignore

if TYPE_CHECKING:
    from dialer_app.core.call_lists import ListImport, Recorded

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LoadedList:
    """A list with its entries and the calls placed to them (by entry id)."""

    call_list: CallList
    entries: list[ListEntry]
    attempts: dict[int, list[ListAttempt]]


@dataclass(frozen=True)
class SavedEntry:
    """An entry as stored after a change, with its calls."""

    entry: ListEntry
    attempts: list[ListAttempt]
    notice: str = ""


class CallListsService(QObject):
    lists_changed = Signal(list)  # list[CallList], by name
    list_loaded = Signal(object)  # LoadedList | None (no list yet)
    entry_saved = Signal(object)  # SavedEntry
    list_refreshed = Signal(object)  # LoadedList: the current list as another process left it
    callbacks_changed = Signal(list)  # list[tuple[CallList, ListEntry]], earliest first
    import_progress = Signal(int, int)  # bytes read, file size
    import_finished = Signal(object)  # ListImport
    import_failed = Signal(str)
    notice = Signal(str, str)  # message, state ("info" | "error")

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self._store: Store | None = None
        self._lists: CallListStore | None = None
        self._runner = BackgroundRunner("lists", self)
        self._import_runner = BackgroundRunner("list-import", self)
        self._cancel_import = threading.Event()
        self._opened = False
        self._seen_version = -1  # PRAGMA data_version at the last look (on the runner)

    # lifecycle ------------------------------------------------------------------------
    def open(self) -> None:
        """Open the store and load the lists and the current one. Idempotent."""
        if self._opened:
            return
        self._opened = True
        self._submit(self._open_and_load, self._loaded)

    def _open_and_load(self) -> tuple[list[CallList], LoadedList | None, list[Any]]:
        lists = self._require()
        current = lists.current()
        loaded = None if current is None else self._load(current.id)
        return lists.all(), loaded, lists.callbacks()

    def _loaded(self, result: tuple[list[CallList], LoadedList | None, list[Any]]) -> None:
        lists, loaded, callbacks = result
        self.lists_changed.emit(lists)
        self.list_loaded.emit(loaded)
        self.callbacks_changed.emit(callbacks)

    @property
    def idle(self) -> bool:
        """No list job and no import is running or waiting (their results are delivered)."""
        return not self._runner.busy and not self._import_runner.busy

    def shutdown(self) -> None:
        """Stop both runners; the store is closed only when its worker has ended (a job
        still running holds the store's lock)."""
        self._cancel_import.set()
        self._import_runner.shutdown(wait=0.5)
        if self._runner.shutdown(wait=2.0) and self._store is not None:
            self._store.close()

    # lists ----------------------------------------------------------------------------
    def load(self, list_id: int) -> None:
        """Make ``list_id`` the current list and load it."""

        def work() -> tuple[list[CallList], LoadedList]:
            lists = self._require()
            lists.select(list_id)
            return lists.all(), self._load(list_id)

        def done(result: tuple[list[CallList], LoadedList]) -> None:
            self.lists_changed.emit(result[0])
            self.list_loaded.emit(result[1])

        self._submit(work, done)

    def delete(self, list_id: int, on_deleted: Callable[[], object]) -> None:
        """Delete a list; the list selected before it becomes current."""

        def work() -> tuple[list[CallList], LoadedList | None, list[Any]]:
            lists = self._require()
            lists.delete(list_id)
            current = lists.current()
            loaded = None if current is None else self._load(current.id)
            return lists.all(), loaded, lists.callbacks()

        def done(result: tuple[list[CallList], LoadedList | None, list[Any]]) -> None:
            self._loaded(result)
            on_deleted()

        self._submit(work, done)

    def export(self, list_id: int, path: Path, on_done: Callable[[int], object]) -> None:
        def work() -> int:
            from dialer_app.core.call_lists import export_list

            lists = self._require()
            found = lists.get(list_id)
            if found is None:
                raise LookupError("the list was deleted")
            return export_list(self._require_store(), found, path)

        self._submit(work, on_done, lambda error: self._failed(error, "Export failed"))

    def import_file(
        self, path: Path, name: str, fmt: str | None, region: str, mapping: Any = None
    ) -> None:
        """Read ``path`` into the new list ``name`` on the import runner; it becomes current."""
        self._cancel_import.clear()

        def work() -> ListImport:
            from dialer_app.core.call_lists import import_list

            store, _notice = Store.open(self.db_path)
            try:
                return import_list(
                    store,
                    path,
                    name,
                    fmt,
                    region,
                    mapping,
                    progress=self.import_progress.emit,
                    cancelled=self._cancel_import.is_set,
                )
            finally:
                store.close()

        self._import_runner.submit(work, self._imported, self._import_error)

    def cancel_import(self) -> None:
        self._cancel_import.set()

    def _imported(self, imported: ListImport) -> None:
        self.import_finished.emit(imported)
        self.load(imported.call_list.id)

    def _import_error(self, error: BaseException) -> None:
        from dialer_app.core.contact_import import ContactImportError, ImportCancelled
        from dialer_app.core.store import StoreError

        if isinstance(error, ImportCancelled):
            self.import_failed.emit("Import cancelled; nothing was saved.")
        elif isinstance(error, ContactImportError | OSError):
            self.import_failed.emit(f"The file was not imported: {error}.")
        elif isinstance(error, StoreError):
            self.import_failed.emit(f"{str(error).rstrip('.')}.")
        else:
            log.error("List import failed: %s", type(error).__name__)
            self.import_failed.emit(f"The import failed ({type(error).__name__}).")

    def refresh(self, list_id: int) -> None:
        """Read the list again when another connection wrote to the database since the last
        look (the command line recording a disposition, another window): ``list_refreshed``."""

        def work() -> tuple[list[CallList], LoadedList] | None:
            lists = self._require()
            version = lists.data_version()
            if version == self._seen_version:
                return None
            self._seen_version = version
            return lists.all(), self._load(list_id)

        def done(result: tuple[list[CallList], LoadedList] | None) -> None:
            if result is not None:
                self.lists_changed.emit(result[0])
                self.list_refreshed.emit(result[1])

        self._submit(work, done, lambda _error: None)  # a list deleted meanwhile: nothing

    def refresh_callbacks(self) -> None:
        self._submit(lambda: self._require().callbacks(), self.callbacks_changed.emit)

    # entries --------------------------------------------------------------------------
    def set_position(self, list_id: int, entry_id: int) -> None:
        self._submit(lambda: self._require().set_position(list_id, entry_id), ignore)

    def start_attempt(self, list_id: int, entry_id: int, at: datetime) -> None:
        self._save(list_id, entry_id, lambda lists: lists.start_attempt(list_id, entry_id, at))

    def finish_attempt(
        self,
        list_id: int,
        entry_id: int,
        outcome: Literal["initiated", "failed"],
        request_id: str | None = None,
        error_text: str | None = None,
    ) -> None:
        self._save(
            list_id,
            entry_id,
            lambda lists: lists.finish_attempt(list_id, entry_id, outcome, request_id, error_text),
        )

    def note_blocked(self, list_id: int, entry_id: int, reason: str) -> None:
        self._save(list_id, entry_id, lambda lists: lists.note_blocked(list_id, entry_id, reason))

    def record_disposition(
        self,
        list_id: int,
        entry_id: int,
        disposition: Disposition,
        note: str,
        callback_at: datetime | None,
    ) -> None:
        def work() -> SavedEntry:
            from dialer_app.core.call_lists import record_disposition

            recorded: Recorded = record_disposition(
                self._require_store(), list_id, entry_id, disposition, note, callback_at
            )
            attempts = self._require().attempts(list_id, entry_id).get(entry_id, [])
            return SavedEntry(recorded.entry, attempts, recorded.notice)

        def done(saved: SavedEntry) -> None:
            self.entry_saved.emit(saved)
            if saved.notice:
                self.notice.emit(saved.notice, "info")
            self.refresh_callbacks()

        self._submit(work, done, lambda error: self._failed(error, "The disposition was not saved"))

    # internals ------------------------------------------------------------------------
    def _save(
        self, list_id: int, entry_id: int, change: Callable[[CallListStore], ListEntry]
    ) -> None:
        def work() -> SavedEntry:
            lists = self._require()
            entry = change(lists)
            return SavedEntry(entry, lists.attempts(list_id, entry_id).get(entry_id, []))

        self._submit(work, self.entry_saved.emit)

    def _load(self, list_id: int) -> LoadedList:
        lists = self._require()
        self._seen_version = lists.data_version()
        found = lists.get(list_id)
        if found is None:
            raise LookupError(f"there is no call list {list_id}")
        return LoadedList(found, lists.entries(list_id), lists.attempts(list_id))

    def _require(self) -> CallListStore:
        """The lists, the store opened on first use (on the runner; ``open()`` is the first
        use unless the agent imported a list before the lists were loaded)."""
        if self._lists is None:
            store, _notice = Store.open(self.db_path)  # a recovery is told by the contacts
            self._store, self._lists = store, CallListStore(store)
        return self._lists

    def _require_store(self) -> Store:
        self._require()
        assert self._store is not None
        return self._store

    def _submit(
        self,
        work: Callable[[], Any],
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object] | None = None,
    ) -> None:
        self._runner.submit(work, on_result, on_error or self._failed)

    def _failed(self, error: BaseException, what: str = "Call lists") -> None:
        log.error("Call list operation failed: %s: %s", type(error).__name__, error)
        self.notice.emit(f"{what}: {error}", "error")
