"""The :class:`Store`: contacts and call history in one SQLite file (see the package doc)."""

from __future__ import annotations

import functools
import sqlite3
import threading
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Concatenate, Final, ParamSpec, TypeVar

from dialer_app.core.contact import Contact
from dialer_app.core.do_not_call import DoNotCallEntry, TeamCopy
from dialer_app.core.store._backup import (
    Backup,
    back_up,
    backup_due,
    backup_folder,
    list_backups,
)
from dialer_app.core.store._bulk_import import BulkImporter
from dialer_app.core.store._db import (
    Migration,
    connect,
    disk_full,
    fetch_all,
    is_undecodable,
    migrate,
    primary_code,
    transaction,
    user_version,
)
from dialer_app.core.store._db import verify as verify_pages
from dialer_app.core.store._do_not_call import (
    SELECT_OWN,
    SELECT_TEAM_COPY,
    SELECT_TEAM_NUMBERS,
    UPSERT_OWN,
    own_from_row,
    own_rows,
    team_copy_from_row,
)
from dialer_app.core.store._errors import (
    ContactNotFoundError,
    ImportCancelledError,
    StoreError,
    StoreReadOnlyError,
)
from dialer_app.core.store._history import (
    CALL_OUTCOMES,
    SELECT_HISTORY,
    CallOutcome,
    HistoryEntry,
    history_from_row,
    history_text_clause,
)
from dialer_app.core.store._opening import open_database
from dialer_app.core.store._restore import readable_backup, restore_keeping_newer
from dialer_app.core.store._rows import (
    DISPLAY_ORDER,
    INSERT_NUMBER,
    SELECT_CONTACTS,
    SELECT_LISTING,
    SELECT_NUMBERS,
    SELECT_SEARCH_ROWS,
    UPDATE_CONTACT,
    Listing,
    contact_fields,
    contact_from_row,
    insert_contacts,
    load_contacts,
    next_contact_id,
    number_rows,
    numbers_by_contact,
    read_listing,
    require_id,
    stored_texts,
    timestamp_text,
    utc_now_text,
)
from dialer_app.core.store._schema import MIGRATIONS
from dialer_app.core.store._types import (
    ImportResult,
    RecoveryNotice,
    RecoveryRecord,
    RestoredBackup,
    SearchRow,
    TextDamage,
)

_IMPORT_CHUNK: Final = 2000

_P = ParamSpec("_P")
_R = TypeVar("_R")


def _serialized(
    method: Callable[Concatenate[Store, _P], _R],
) -> Callable[Concatenate[Store, _P], _R]:
    """Run ``method`` under the store's lock."""

    def locked(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    functools.update_wrapper(locked, method)
    return locked


def _writes(
    action: str,
) -> Callable[[Callable[Concatenate[Store, _P], _R]], Callable[Concatenate[Store, _P], _R]]:
    """Mark a write: refused up front on a read-only store, and SQLite's own read-only refusal
    (e.g. the file was locked down while the app ran) becomes a :class:`StoreReadOnlyError`;
    both say "Cannot <action>" and why."""

    def decorate(
        method: Callable[Concatenate[Store, _P], _R],
    ) -> Callable[Concatenate[Store, _P], _R]:
        def write(self: Store, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
            self.check_writable(action)
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as exc:
                raise _write_refusal(action, self.path, exc) from exc

        functools.update_wrapper(write, method)
        return write

    return decorate


def _refusal(action: str, reason: str) -> str:
    return f"Cannot {action}: the contacts database is read-only ({reason})"


def _write_refusal(action: str, path: Path, exc: sqlite3.OperationalError) -> Exception:
    """What a failed write raises: SQLite's read-only refusal and a full disk become a
    :class:`StoreReadOnlyError` saying so; anything else stays as it was."""
    code = primary_code(exc)
    if code == sqlite3.SQLITE_READONLY:
        return StoreReadOnlyError(_refusal(action, str(exc)))
    if code in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR) and disk_full(path.parent, exc):
        return StoreReadOnlyError(
            f"Cannot {action}: the disk holding {path.parent} is full; nothing was changed "
            "(the contacts can still be read, searched and exported)"
        )
    return exc


class Store:
    """Contacts and call history in one SQLite file. Create with :meth:`Store.open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only_reason: str = "") -> None:
        self._conn = conn
        self._path = path
        self._read_only_reason = read_only_reason
        self._lock = threading.RLock()
        self._damaged_contacts: set[int] = set()
        self._damaged_history: set[int] = set()
        self._opening_notes: tuple[str, ...] = ()

    @classmethod
    def open(
        cls, path: Path, *, migrations: Sequence[Migration] = MIGRATIONS, check: bool = True
    ) -> tuple[Store, RecoveryNotice | None]:
        """Open (creating or migrating) the database at ``path`` (see ``_opening``).

        A damaged file is renamed to ``<name>.corrupt-YYYYmmdd-HHMMSS`` together with its
        ``-wal``/``-shm`` files and rebuilt from what it still gives and the newest backup;
        the notice says where it went and what came back. A ``-wal`` of another database is
        set aside (:attr:`opening_notes`). A file or folder that cannot be written, or a full
        disk, opens it read-only (see :attr:`read_only_reason`). Raises
        :class:`NewerSchemaError` for a database from a newer app version,
        :class:`MigrationError` when upgrading fails (both leave the file in place) and
        :class:`StoreError` when it cannot be opened at all (e.g. a named pipe in its place).

        ``check=False`` leaves reading every page for later (:meth:`verify`): the window
        shows the list first. A damaged file may then fail a read with ``sqlite3.DatabaseError``.
        """
        path = Path(path)
        opened = open_database(path, migrations, check=check)
        store = cls(opened.conn, path, opened.read_only_reason)
        store._opening_notes = (opened.journal_note,) if opened.journal_note else ()
        return store, opened.recovery

    @classmethod
    def in_memory(cls) -> Store:
        """An empty store that lives in memory only (reading a file without keeping it)."""
        conn = connect(":memory:")
        migrate(conn, MIGRATIONS)
        return cls(conn, Path(":memory:"))

    @property
    def path(self) -> Path:
        return self._path

    @property
    def opening_notes(self) -> tuple[str, ...]:
        """What opening found and fixed besides damage (a foreign ``-wal`` set aside)."""
        return self._opening_notes

    @property
    def backup_folder(self) -> Path:
        """Where this database's backups are kept (``backups`` beside it)."""
        return backup_folder(self._path)

    @property
    def read_only_reason(self) -> str:
        """Why this store was opened read-only (e.g. "the folder … cannot be written to"),
        or "" when it can be written."""
        return self._read_only_reason

    def check_writable(self, action: str) -> None:
        """Raise :class:`StoreReadOnlyError` ("Cannot <action>: …") on a read-only store."""
        if self._read_only_reason:
            raise StoreReadOnlyError(_refusal(action, self._read_only_reason))

    @_serialized
    def damaged_text(self) -> TextDamage:
        """The rows met so far whose text was not UTF-8 (shown with U+FFFD); saving a contact
        or deleting it takes it off the list."""
        return TextDamage(frozenset(self._damaged_contacts), frozenset(self._damaged_history))

    @_serialized
    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @_serialized
    def verify(self) -> str | None:
        """Why the database is damaged (every page is read), or None when it is healthy; for a
        store opened with ``check=False``. Open it again (with the check) to recover it."""
        return verify_pages(self._conn)

    @_serialized
    def schema_version(self) -> int:
        return user_version(self._conn)

    # ----------------------------------------------------------------- contacts

    @_serialized
    @_writes("save the contact")
    def add_contact(self, contact: Contact) -> Contact:
        """Save a new contact and return it with its id."""
        if contact.id is not None:
            raise ValueError("add_contact expects an unsaved contact (id=None)")
        with transaction(self._conn):
            contact_id = next_contact_id(self._conn)
            insert_contacts(self._conn, [(contact_id, contact)], utc_now_text())
        return replace(contact, id=contact_id)

    @_serialized
    @_writes("save the contact")
    def update_contact(self, contact: Contact) -> Contact:
        """Replace a saved contact's fields and numbers."""
        contact_id = require_id(contact)
        with transaction(self._conn):
            cursor = self._conn.execute(
                UPDATE_CONTACT,
                (
                    *contact_fields(contact),
                    utc_now_text(),
                    *stored_texts(contact.name, contact.company, contact.numbers),
                    contact_id,
                ),
            )
            if cursor.rowcount == 0:
                raise ContactNotFoundError(f"no contact with id {contact_id}")
            self._conn.execute("DELETE FROM contact_numbers WHERE contact_id = ?", (contact_id,))
            self._conn.executemany(INSERT_NUMBER, number_rows(contact_id, contact.numbers))
        self._damaged_contacts.discard(contact_id)  # every text of it was just written anew
        return contact

    @_serialized
    @_writes("delete contacts")
    def delete_contacts(self, ids: Iterable[int]) -> list[Contact]:
        """Delete contacts; returns the deleted ones (unknown ids are skipped) for undo."""
        wanted = list(dict.fromkeys(ids))
        with transaction(self._conn):
            found = load_contacts(self._conn, wanted, self._damaged_contacts)
            self._conn.executemany("DELETE FROM contacts WHERE id = ?", [(i,) for i in found])
        self._damaged_contacts.difference_update(found)
        return [found[i] for i in wanted if i in found]

    @_serialized
    @_writes("restore the deleted contacts")
    def restore_contacts(self, contacts: Iterable[Contact]) -> None:
        """Re-insert previously deleted contacts under their original ids (undo of delete).

        History rows keep ``contact_id = NULL`` from the delete (their name snapshot remains).
        """
        rows = [(require_id(c), c) for c in contacts]
        with transaction(self._conn):
            try:
                insert_contacts(self._conn, rows, utc_now_text())
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"cannot restore contacts: {exc}") from exc

    @_serialized
    def get_contact(self, contact_id: int) -> Contact | None:
        with transaction(self._conn, immediate=False):
            return load_contacts(self._conn, [contact_id], self._damaged_contacts).get(contact_id)

    @_serialized
    @_writes("change the favorite")
    def set_favorite(self, contact_id: int, favorite: bool) -> None:
        with transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE contacts SET favorite = ?, updated_at = ? WHERE id = ?",
                (int(favorite), utc_now_text(), contact_id),
            )
            if cursor.rowcount == 0:
                raise ContactNotFoundError(f"no contact with id {contact_id}")

    @_serialized
    def count_contacts(self) -> int:
        row = self._conn.execute("SELECT count(*) FROM contacts").fetchone()
        return int(row[0])

    @_serialized
    def all_contacts(self) -> list[Contact]:
        """Every contact, favorites first, then by name (case-insensitive)."""
        return self._all_contacts(DISPLAY_ORDER)

    @_serialized
    def all_contacts_in_order(self) -> list[Contact]:
        """Every contact in the order they were added."""
        return self._all_contacts("id")

    def _all_contacts(self, order: str) -> list[Contact]:
        damaged = self._damaged_contacts
        with transaction(self._conn, immediate=False):
            numbers = numbers_by_contact(
                fetch_all(
                    self._conn, f"{SELECT_NUMBERS} ORDER BY contact_id, position", (), damaged
                )
            )
            rows = fetch_all(self._conn, f"{SELECT_CONTACTS} ORDER BY {order}", (), damaged)
            return [contact_from_row(row, numbers.get(row[0], ())) for row in rows]

    @_serialized
    def find_by_digits(self, digits: str) -> Contact | None:
        """The oldest contact having a number with these normalized digits."""
        if not digits:
            return None
        with transaction(self._conn, immediate=False):
            row = self._conn.execute(
                "SELECT min(contact_id) FROM contact_numbers WHERE digits = ?", (digits,)
            ).fetchone()
            if row[0] is None:
                return None
            return load_contacts(self._conn, [row[0]], self._damaged_contacts).get(row[0])

    @_serialized
    def search_rows(self) -> list[SearchRow]:
        """All contacts as flat tuples in display order, built in one query (see SearchRow)."""
        rows = fetch_all(
            self._conn,
            f"{SELECT_SEARCH_ROWS} ORDER BY {DISPLAY_ORDER}",
            (),
            self._damaged_contacts,
        )
        return [(i, n, c, f == 1, t, d) for i, n, c, f, t, d in rows]

    @_serialized
    def listing(self) -> Listing:
        """The contact list as ``contact_search.ContactIndex`` holds it, in display order:
        ids, favorite flags (0/1) and one record text per contact (``listing_record``).

        SQLite hands each slice of 2,000 contacts over as two joined texts, built in one
        step without Python (nor its lock: the window keeps running meanwhile); making a row
        object per contact would cost as much again. Text that is not UTF-8 is read the
        tolerant, slower way (see ``fetch_all``).
        """
        if not self._damaged_contacts:
            try:
                return read_listing(self._conn)
            except sqlite3.OperationalError as exc:
                if not is_undecodable(exc):
                    raise
        ids: array[int] = array("q")
        favorites = bytearray()
        records: list[str] = []
        for contact_id, favorite, record in fetch_all(
            self._conn, SELECT_LISTING, (), self._damaged_contacts
        ):
            ids.append(contact_id)
            favorites.append(favorite)
            records.append(record)
        return ids, favorites, records

    @contextmanager
    def bulk_import(self, merge_duplicates: bool = True) -> Iterator[BulkImporter]:
        """One import as a stream, in one transaction: ``add`` contacts to the importer
        (with their line in the file); everything is saved when the block ends, nothing if it
        raises. The store stays locked meanwhile. ``importer.result`` then says what was done.

        With ``merge_duplicates`` an incoming contact sharing a normalized number with a stored
        (or earlier incoming) contact naming the same person is merged into it: the stored
        name is kept (or given to a stored contact without one), numbers not yet in the store
        are added, and empty company/notes are filled; sharing a number with a contact of
        another name keeps both. Incoming ids are ignored.
        """
        with self._lock:
            self.check_writable("import contacts")
            try:
                with transaction(self._conn):
                    importer = BulkImporter(self._conn, merge_duplicates, self._damaged_contacts)
                    yield importer
                    importer.finish()
            except sqlite3.OperationalError as exc:
                if primary_code(exc) != sqlite3.SQLITE_READONLY:
                    raise
                raise StoreReadOnlyError(_refusal("import contacts", str(exc))) from exc

    @_serialized
    @_writes("import contacts")
    def import_contacts(
        self,
        contacts: Iterable[Contact],
        merge_duplicates: bool = True,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Add many contacts in one transaction: all of them or, on any error, none (see
        :meth:`bulk_import` for merging). ``progress(n)`` is called every few thousand
        contacts; when ``cancelled()`` returns true, the import raises
        :class:`ImportCancelledError` and saves nothing.
        """
        seen = 0
        with self.bulk_import(merge_duplicates) as importer:
            for seen, contact in enumerate(contacts, start=1):
                importer.add(contact)
                if seen % _IMPORT_CHUNK == 0:
                    _check_cancelled(cancelled)
                    if progress is not None:
                        progress(seen)
            _check_cancelled(cancelled)
            if progress is not None:
                progress(seen)
        return importer.result

    # ------------------------------------------------------------------ backups

    @_serialized
    def back_up(self) -> Path:
        """A consistent backup of the database now, in :attr:`backup_folder` (the newest
        seven are kept); raises ``OSError`` or ``sqlite3.Error`` when it cannot be written."""
        return back_up(self._conn, self.backup_folder)

    def back_up_if_due(self) -> Path | None:
        """A backup when the newest one is more than a day old and there is something to
        keep (contacts, calls, do-not-call numbers or call lists); None when none was due (or
        the store is read-only)."""
        if self._read_only_reason or not backup_due(self.backup_folder):
            return None
        with self._lock:
            empty = self._conn.execute(
                "SELECT NOT EXISTS (SELECT 1 FROM contacts)"
                " AND NOT EXISTS (SELECT 1 FROM history)"
                " AND NOT EXISTS (SELECT 1 FROM do_not_call)"
                " AND NOT EXISTS (SELECT 1 FROM call_lists)"
            ).fetchone()[0]
            return None if empty else self.back_up()

    def backups(self) -> list[Backup]:
        """This database's backups, newest first."""
        return list_backups(self.backup_folder)

    @_serialized
    @_writes("restore the backup")
    def restore_backup(self, backup: Path) -> RestoredBackup:
        """Put back the contacts and calls of ``backup``, keeping what is newer than it (the
        calls made since, the do-not-call list joined with the backup's, each call list's
        newer copy: see ``_restore``); the database as it was goes to a backup of its own
        first, so a restore can itself be undone."""
        contents = readable_backup(backup, len(MIGRATIONS))
        kept_as = back_up(self._conn, self.backup_folder)
        kept = restore_keeping_newer(self._conn, backup, MIGRATIONS)
        self._damaged_contacts.clear()
        self._damaged_history.clear()
        return RestoredBackup(backup, contents.contacts, contents.history, kept_as, *kept)

    @_serialized
    def untold_recovery(self) -> RecoveryRecord | None:
        """The last recovery from damage that no export has mentioned yet."""
        row = self._conn.execute(
            "SELECT recovered_at, damaged_file, salvaged_contacts, restored_contacts,"
            " backup_file FROM recoveries WHERE told_in_export = 0 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return RecoveryRecord(*row) if row else None

    @_serialized
    def mark_recoveries_told(self) -> None:
        """An export has said so: the next one need not."""
        if not self._read_only_reason:
            with transaction(self._conn):
                self._conn.execute("UPDATE recoveries SET told_in_export = 1")

    # -------------------------------------------------------------- do-not-call

    @_serialized
    @_writes("add to the do-not-call list")
    def add_do_not_call(self, entries: Iterable[DoNotCallEntry]) -> int:
        """Add numbers to the agent's own do-not-call list, all in one transaction; returns
        how many were not listed yet (a number listed again keeps its date, takes a note)."""
        rows = own_rows(entries, utc_now_text())
        with transaction(self._conn):
            before = self._count("do_not_call")
            self._conn.executemany(UPSERT_OWN, rows)
            return self._count("do_not_call") - before

    def add_to_do_not_call(self, digits: str, note: str = "", source: str = "agent") -> bool:
        """Add one number (API digits, e.g. from ``core.phone.normalize``); True if new."""
        return self.add_do_not_call([DoNotCallEntry(digits, note, None, source)]) == 1

    @_serialized
    @_writes("remove from the do-not-call list")
    def remove_do_not_call(self, digits: str) -> bool:
        """Take a number off the agent's own list; False when it was not on it."""
        with transaction(self._conn):
            cursor = self._conn.execute("DELETE FROM do_not_call WHERE digits = ?", (digits,))
        return cursor.rowcount > 0

    @_serialized
    def do_not_call_entries(self) -> list[DoNotCallEntry]:
        """The agent's own list, by number."""
        rows = fetch_all(self._conn, f"{SELECT_OWN} ORDER BY digits")
        return [own_from_row(row) for row in rows]

    @_serialized
    def do_not_call_entry(self, digits: str) -> DoNotCallEntry | None:
        rows = fetch_all(self._conn, f"{SELECT_OWN} WHERE digits = ?", (digits,))
        return own_from_row(rows[0]) if rows else None

    @_serialized
    def team_do_not_call_note(self, digits: str) -> str | None:
        """The note of ``digits`` on the copy of the team's list ("" for none); None when the
        number is not on it."""
        rows = fetch_all(
            self._conn, "SELECT note FROM do_not_call_team WHERE digits = ?", (digits,)
        )
        return str(rows[0][0]) if rows else None

    @_serialized
    def team_do_not_call_numbers(self) -> list[int]:
        """Every number of the team's list as an integer, in order (for a look-up table)."""
        return [row[0] for row in self._conn.execute(SELECT_TEAM_NUMBERS)]

    @_serialized
    def team_do_not_call_copy(self) -> TeamCopy | None:
        """Where and when the kept copy of the team's list was read, or None (never)."""
        return team_copy_from_row(self._conn.execute(SELECT_TEAM_COPY).fetchone())

    @_serialized
    @_writes("keep the team's do-not-call list")
    def replace_team_do_not_call(self, copy: TeamCopy, numbers: dict[str, str]) -> None:
        """Make ``numbers`` (digits → note) the kept copy of the team's list, in one
        transaction: a crash leaves the previous copy whole."""
        with transaction(self._conn):
            self._conn.execute("DELETE FROM do_not_call_team")
            self._conn.executemany(
                "INSERT INTO do_not_call_team (digits, note) VALUES (?, ?)", numbers.items()
            )
            self._conn.execute(
                "INSERT OR REPLACE INTO do_not_call_team_copy VALUES (1, ?, ?, ?, ?)",
                (copy.source, timestamp_text(copy.loaded_at), copy.count, copy.skipped),
            )

    def _count(self, table: str) -> int:
        return int(self._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608

    # ------------------------------------------------------------------ history

    @_serialized
    @_writes("record the call in the history")
    def add_history(self, entry: HistoryEntry) -> HistoryEntry:
        """Record a call attempt; returns the entry with its id.

        A ``contact_id`` whose contact no longer exists is stored as ``None`` (as if the
        contact had been deleted just after the call), so the call itself is never lost.
        """
        with transaction(self._conn):
            entry_id, contact_id = self._conn.execute(
                "INSERT INTO history (started_at, number_digits, number_display, contact_id,"
                " contact_name, mode, caller_id, outcome, error_kind, request_id, error_text,"
                " sandbox) VALUES (?, ?, ?, (SELECT id FROM contacts WHERE id = ?), ?, ?, ?, ?,"
                " ?, ?, ?, ?)"
                " RETURNING id, contact_id",
                (
                    timestamp_text(entry.started_at),
                    entry.number_digits,
                    entry.number_display,
                    entry.contact_id,
                    entry.contact_name,
                    entry.mode,
                    entry.caller_id,
                    entry.outcome,
                    entry.error_kind,
                    entry.request_id,
                    entry.error_text,
                    int(entry.sandbox),
                ),
            ).fetchone()
        return replace(entry, id=entry_id, contact_id=contact_id)

    @_serialized
    def recent_history(
        self, limit: int = 500, text: str = "", outcome: CallOutcome | None = None
    ) -> list[HistoryEntry]:
        """Newest first. ``text`` matches number, contact name or caller id (substring)."""
        if limit < 0:
            raise ValueError("limit must not be negative")
        if outcome is not None and outcome not in CALL_OUTCOMES:
            raise ValueError(f"unknown call outcome {outcome!r}")
        clauses: list[str] = []
        params: list[object] = []
        if outcome is not None:
            clauses.append("outcome = ?")
            params.append(outcome)
        text_clause = history_text_clause(text.strip())
        if text_clause is not None:
            clauses.append(text_clause[0])
            params.extend(text_clause[1])
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = fetch_all(
            self._conn,
            f"{SELECT_HISTORY} {where} ORDER BY started_at DESC, id DESC LIMIT ?",
            [*params, limit],
            self._damaged_history,
        )
        return [history_from_row(row) for row in rows]

    @_serialized
    def prune_history(self, keep_days: int | None, now: datetime | None = None) -> int:
        """Delete entries older than ``keep_days`` days (None keeps all); returns the count."""
        if keep_days is None:
            return 0
        if keep_days < 0:
            raise ValueError("keep_days must not be negative")
        cutoff = timestamp_text((now or datetime.now(UTC)) - timedelta(days=keep_days))
        older = self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM history WHERE started_at < ?)", (cutoff,)
        ).fetchone()[0]
        # Nothing to delete is no write: no write lock, and no refusal on a read-only profile.
        return self._delete_history_before(cutoff) if older else 0

    @_writes("remove old calls from the history")
    def _delete_history_before(self, cutoff: str) -> int:
        with transaction(self._conn):
            cursor = self._conn.execute("DELETE FROM history WHERE started_at < ?", (cutoff,))
        return cursor.rowcount

    @_serialized
    def history_since(self, since: datetime, digits: str | None = None) -> list[HistoryEntry]:
        """Calls from ``since`` on (oldest first), all of them or to one number."""
        where, params = "started_at >= ?", [timestamp_text(since)]
        if digits is not None:
            where += " AND number_digits = ?"
            params.append(digits)
        rows = fetch_all(
            self._conn,
            f"{SELECT_HISTORY} WHERE {where} ORDER BY started_at, id",
            params,
            self._damaged_history,
        )
        return [history_from_row(row) for row in rows]

    @_serialized
    def last_call_to(self, digits: str) -> HistoryEntry | None:
        """The newest history entry (any outcome) for these normalized digits."""
        rows = fetch_all(
            self._conn,
            f"{SELECT_HISTORY} WHERE number_digits = ? ORDER BY started_at DESC, id DESC LIMIT 1",
            (digits,),
            self._damaged_history,
        )
        return history_from_row(rows[0]) if rows else None


def _check_cancelled(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelledError("import cancelled; nothing was saved")
