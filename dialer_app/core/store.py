"""SQLite store for contacts and call history (one ``contacts.db`` in the profile directory).

Threading: a :class:`Store` wraps one connection opened with ``check_same_thread=False``, so it
may be created on one thread and handed to a worker; every public method holds an internal
lock, so sharing one Store is safe but serialized. A thread that must not wait behind a long
import (e.g. the GUI's reader worker) should call :meth:`Store.open` itself and use its own
Store: in WAL mode readers see the last committed state while another connection writes.

Transactions: the connection runs in autocommit mode and every public write is one explicit
``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on any exception). ``BEGIN IMMEDIATE`` rather than
``with conn:`` because a read-then-write transaction (id allocation, merge look-ups) must hold
the write lock from its first read when several connections share the file.

Read-only profiles: when the file or its folder cannot be written, :meth:`Store.open` opens the
database read-only (``mode=ro``, or ``immutable=1`` when even the ``-shm`` file a WAL database
needs cannot be created; an in-memory empty database when there is no file and none can be
made) and every write raises :class:`StoreReadOnlyError` saying what was not saved and why.

Damaged text: a value whose bytes are not UTF-8 passes ``quick_check`` but cannot be decoded.
Reads then return it with U+FFFD in place of the bad bytes and :meth:`Store.damaged_text` names
the rows, so one bad byte never hides the whole list; saving the contact repairs it.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Concatenate, Final, Literal, ParamSpec, TypeVar, get_args

from dialer_app.core.atomic import move_aside
from dialer_app.core.contact import Contact, ContactNumber

__all__ = [
    "MIGRATIONS",
    "CallMode",
    "CallOutcome",
    "ContactNotFoundError",
    "HistoryEntry",
    "ImportCancelledError",
    "ImportResult",
    "Migration",
    "MigrationError",
    "NewerSchemaError",
    "RecoveryNotice",
    "SearchRow",
    "Store",
    "StoreError",
    "StoreReadOnlyError",
    "TextDamage",
]

CallMode = Literal["softphone", "mobile"]
CallOutcome = Literal["initiated", "failed", "cancelled"]
Migration = Callable[[sqlite3.Connection], None]
SearchRow = tuple[int, str, str, bool, str, str]
"""``(id, name, company, favorite, numbers_text, digits_text)``: raw numbers joined by ``", "``
and the non-empty normalized digits joined by ``" "``, both in the contact's number order.

Both texts are stored in the contacts row (schema 2) and rewritten with the numbers, so
loading the list is one plain SELECT rather than a join over every number."""

_CALL_MODES: Final = frozenset(get_args(CallMode))
_CALL_OUTCOMES: Final = frozenset(get_args(CallOutcome))
_BUSY_TIMEOUT_SECONDS: Final = 10.0
_IMPORT_CHUNK: Final = 2000
_ID_CHUNK: Final = 500  # ids per "IN (...)" query, well below SQLite's bound-parameter limit
_DAMAGE_CODES: Final = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_NOT_WRITABLE_CODES: Final = frozenset(
    {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}
)
_NO_SHM_CODES: Final = frozenset(  # a WAL database whose -shm file cannot be created
    {sqlite3.SQLITE_READONLY_CANTINIT, sqlite3.SQLITE_READONLY_DIRECTORY}
)
_NO_PERMISSION_ERRNOS: Final = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_UNDECODABLE: Final = "Could not decode to UTF-8"  # sqlite3's message for text that is not UTF-8
_REPLACEMENT: Final = "\ufffd"
_SIDECAR_SUFFIXES: Final = ("-wal", "-shm", "-journal")
_PHONE_TEXT: Final = re.compile(r"[\d\s+\-().]+")


class StoreError(Exception):
    """The store could not be opened or could not carry out a request."""


class NewerSchemaError(StoreError):
    """The database was written by a newer app version; it is left untouched."""


class MigrationError(StoreError):
    """A schema migration failed; the database stays at the last completed version."""


class ContactNotFoundError(StoreError, LookupError):
    """No contact has the requested id."""


class ImportCancelledError(StoreError):
    """The import was cancelled; nothing of it was saved."""


class StoreReadOnlyError(StoreError):
    """A write was refused because the database is read-only; nothing was changed."""


@dataclass(frozen=True)
class TextDamage:
    """Rows read with U+FFFD in place of stored bytes that were not UTF-8 (see the module doc).

    ``contacts`` holds contact ids (damage in a contact's numbers counts for the contact),
    ``history`` history entry ids. Only rows that reads have met so far are known.
    """

    contacts: frozenset[int] = frozenset()
    history: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.contacts or self.history)


@dataclass(frozen=True)
class RecoveryNotice:
    """A damaged database was moved aside to ``moved_to`` and a fresh one created."""

    moved_to: Path
    reason: str


@dataclass(frozen=True)
class ImportResult:
    """``added`` new contacts; ``merged`` incoming contacts folded into existing ones."""

    added: int
    merged: int


@dataclass(frozen=True)
class HistoryEntry:
    """One call attempt. ``started_at`` must be timezone-aware (stored as UTC)."""

    started_at: datetime
    number_digits: str
    number_display: str
    mode: CallMode
    outcome: CallOutcome
    contact_id: int | None = None
    contact_name: str = ""
    caller_id: str | None = None
    error_kind: str | None = None
    request_id: str | None = None
    error_text: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None or self.started_at.utcoffset() is None:
            raise ValueError("HistoryEntry.started_at must be timezone-aware")
        if self.mode not in _CALL_MODES:
            raise ValueError(f"unknown call mode {self.mode!r}")
        if self.outcome not in _CALL_OUTCOMES:
            raise ValueError(f"unknown call outcome {self.outcome!r}")


def _sql_migration(*statements: str) -> Migration:
    """A migration running ``statements`` in order (inside the caller's transaction)."""

    def migrate(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return migrate


_SCHEMA_V1: Final = _sql_migration(
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        company TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        favorite INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
        extra_params TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX contacts_display_order ON contacts (favorite DESC, name_key)",
    """
    CREATE TABLE contact_numbers (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT 'other',
        raw TEXT NOT NULL,
        digits TEXT NOT NULL DEFAULT '',
        UNIQUE (contact_id, position)
    )
    """,
    "CREATE INDEX contact_numbers_digits ON contact_numbers (digits)",
    """
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        number_digits TEXT NOT NULL,
        number_display TEXT NOT NULL,
        contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        contact_name TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL CHECK (mode IN ('softphone', 'mobile')),
        caller_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('initiated', 'failed', 'cancelled')),
        error_kind TEXT,
        request_id TEXT,
        error_text TEXT
    )
    """,
    "CREATE INDEX history_started_at ON history (started_at)",
    "CREATE INDEX history_number ON history (number_digits, started_at)",
    "CREATE INDEX history_contact ON history (contact_id)",
)


def _add_search_texts(conn: sqlite3.Connection) -> None:
    """Schema 2: each contact row carries its numbers as the search list shows them.

    The display-order index goes: only whole-list reads use that order, and sorting the
    table is faster than walking the index (0.2 s instead of 0.3 s for 100,000 contacts),
    while keeping it up to date made every import slower.
    """
    conn.execute("DROP INDEX contacts_display_order")
    conn.execute("ALTER TABLE contacts ADD COLUMN numbers_text TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE contacts ADD COLUMN digits_text TEXT NOT NULL DEFAULT ''")
    numbers = _fetch_all(
        conn, "SELECT contact_id, raw, digits FROM contact_numbers ORDER BY contact_id, position"
    )
    conn.executemany(
        "UPDATE contacts SET numbers_text = ?, digits_text = ? WHERE id = ?",
        [
            (*_search_texts([ContactNumber(raw, digits) for _, raw, digits in rows]), contact_id)
            for contact_id, rows in groupby(numbers, key=itemgetter(0))
        ],
    )


MIGRATIONS: Final[tuple[Migration, ...]] = (_SCHEMA_V1, _add_search_texts)
"""Forward migrations; entry ``i`` takes ``user_version`` from ``i`` to ``i + 1``. Append only."""

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
                if _primary_code(exc) != sqlite3.SQLITE_READONLY:
                    raise
                raise StoreReadOnlyError(_refusal(action, str(exc))) from exc

        functools.update_wrapper(write, method)
        return write

    return decorate


def _refusal(action: str, reason: str) -> str:
    return f"Cannot {action}: the contacts database is read-only ({reason})"


class Store:
    """Contacts and call history in one SQLite file. Create with :meth:`Store.open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, read_only_reason: str = "") -> None:
        self._conn = conn
        self._path = path
        self._read_only_reason = read_only_reason
        self._lock = threading.RLock()
        self._damaged_contacts: set[int] = set()
        self._damaged_history: set[int] = set()

    @classmethod
    def open(
        cls, path: Path, *, migrations: Sequence[Migration] = MIGRATIONS
    ) -> tuple[Store, RecoveryNotice | None]:
        """Open (creating or migrating) the database at ``path``.

        A damaged file is renamed to ``<name>.corrupt-YYYYmmdd-HHMMSS`` together with its
        ``-wal``/``-shm`` files and a fresh database is created; the notice says where it went.
        A file or folder that cannot be written opens read-only (see the module doc and
        :attr:`read_only_reason`). Raises :class:`NewerSchemaError` for a database from a newer
        app version, :class:`MigrationError` when upgrading fails (both leave the file in place)
        and :class:`StoreError` when the file cannot be opened at all.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            why = f"the folder {path.parent} cannot be created: {exc.strerror or exc}"
            if exc.errno not in _NO_PERMISSION_ERRNOS:
                raise StoreError(f"cannot open {path.name}: {why}") from exc
            return cls(_open_read_only(path, migrations), path, why), None
        latest = len(migrations)
        notice = None
        damage = _diagnose(path, latest)
        if damage is not None:
            try:
                notice = RecoveryNotice(moved_to=_move_aside(path), reason=damage)
            except OSError as exc:
                raise StoreError(
                    f"{path.name} is damaged ({damage}) and could not be moved aside: "
                    f"{exc.strerror or exc}"
                ) from exc
        try:
            return cls(_open_writable(path, migrations), path), notice
        except sqlite3.Error as exc:
            if _primary_code(exc) not in _NOT_WRITABLE_CODES:
                raise StoreError(f"cannot open {path.name}: {exc}") from exc
            why = _why_not_writable(path, exc)
        try:
            return cls(_open_read_only(path, migrations), path, why), notice
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open {path.name}: {exc} ({why})") from exc

    @property
    def path(self) -> Path:
        return self._path

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
    def schema_version(self) -> int:
        return _user_version(self._conn)

    # ----------------------------------------------------------------- contacts

    @_serialized
    @_writes("save the contact")
    def add_contact(self, contact: Contact) -> Contact:
        """Save a new contact and return it with its id."""
        if contact.id is not None:
            raise ValueError("add_contact expects an unsaved contact (id=None)")
        with _transaction(self._conn):
            contact_id = _next_contact_id(self._conn)
            _insert_contacts(self._conn, [(contact_id, contact)], _utc_now_text())
        return replace(contact, id=contact_id)

    @_serialized
    @_writes("save the contact")
    def update_contact(self, contact: Contact) -> Contact:
        """Replace a saved contact's fields and numbers."""
        contact_id = _require_id(contact)
        with _transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE contacts SET name = ?, name_key = ?, company = ?, notes = ?,"
                " favorite = ?, extra_params = ?, updated_at = ?, numbers_text = ?,"
                " digits_text = ? WHERE id = ?",
                (
                    contact.name,
                    _name_key(contact.name),
                    contact.company,
                    contact.notes,
                    int(contact.favorite),
                    _dump_extra(contact.extra_params),
                    _utc_now_text(),
                    *_search_texts(contact.numbers),
                    contact_id,
                ),
            )
            if cursor.rowcount == 0:
                raise ContactNotFoundError(f"no contact with id {contact_id}")
            self._conn.execute("DELETE FROM contact_numbers WHERE contact_id = ?", (contact_id,))
            self._conn.executemany(_INSERT_NUMBER, _number_rows(contact_id, contact.numbers))
        self._damaged_contacts.discard(contact_id)  # every text of it was just written anew
        return contact

    @_serialized
    @_writes("delete contacts")
    def delete_contacts(self, ids: Iterable[int]) -> list[Contact]:
        """Delete contacts; returns the deleted ones (unknown ids are skipped) for undo."""
        wanted = list(dict.fromkeys(ids))
        with _transaction(self._conn):
            found = _load_contacts(self._conn, wanted, self._damaged_contacts)
            self._conn.executemany("DELETE FROM contacts WHERE id = ?", [(i,) for i in found])
        self._damaged_contacts.difference_update(found)
        return [found[i] for i in wanted if i in found]

    @_serialized
    @_writes("restore the deleted contacts")
    def restore_contacts(self, contacts: Iterable[Contact]) -> None:
        """Re-insert previously deleted contacts under their original ids (undo of delete).

        History rows keep ``contact_id = NULL`` from the delete (their name snapshot remains).
        """
        rows = [(_require_id(c), c) for c in contacts]
        with _transaction(self._conn):
            try:
                _insert_contacts(self._conn, rows, _utc_now_text())
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"cannot restore contacts: {exc}") from exc

    @_serialized
    def get_contact(self, contact_id: int) -> Contact | None:
        with _transaction(self._conn, immediate=False):
            return _load_contacts(self._conn, [contact_id], self._damaged_contacts).get(contact_id)

    @_serialized
    @_writes("change the favorite")
    def set_favorite(self, contact_id: int, favorite: bool) -> None:
        with _transaction(self._conn):
            cursor = self._conn.execute(
                "UPDATE contacts SET favorite = ?, updated_at = ? WHERE id = ?",
                (int(favorite), _utc_now_text(), contact_id),
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
        damaged = self._damaged_contacts
        with _transaction(self._conn, immediate=False):
            numbers = _numbers_by_contact(
                _fetch_all(
                    self._conn, f"{_SELECT_NUMBERS} ORDER BY contact_id, position", (), damaged
                )
            )
            rows = _fetch_all(
                self._conn, f"{_SELECT_CONTACTS} ORDER BY {_DISPLAY_ORDER}", (), damaged
            )
            return [_contact_from_row(row, numbers.get(row[0], ())) for row in rows]

    @_serialized
    def find_by_digits(self, digits: str) -> Contact | None:
        """The oldest contact having a number with these normalized digits."""
        if not digits:
            return None
        with _transaction(self._conn, immediate=False):
            row = self._conn.execute(
                "SELECT min(contact_id) FROM contact_numbers WHERE digits = ?", (digits,)
            ).fetchone()
            if row[0] is None:
                return None
            return _load_contacts(self._conn, [row[0]], self._damaged_contacts).get(row[0])

    @_serialized
    def search_rows(self) -> list[SearchRow]:
        """All contacts as flat tuples in display order, built in one query (see SearchRow)."""
        rows = _fetch_all(
            self._conn,
            f"{_SELECT_SEARCH_ROWS} ORDER BY {_DISPLAY_ORDER}",
            (),
            self._damaged_contacts,
        )
        return [(i, n, c, f == 1, t, d) for i, n, c, f, t, d in rows]

    @_serialized
    @_writes("import contacts")
    def import_contacts(
        self,
        contacts: Iterable[Contact],
        merge_duplicates: bool = True,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Add many contacts in one transaction: all of them or, on any error, none.

        With ``merge_duplicates`` an incoming contact sharing a normalized number with a stored
        (or earlier incoming) contact is merged into it: the stored name is kept, numbers not
        yet in the store are added, and empty company/notes are filled. Incoming ids are
        ignored. ``progress(n)`` is called every few thousand contacts; when ``cancelled()``
        returns true, the import raises :class:`ImportCancelledError` and saves nothing.
        """
        with _transaction(self._conn):
            importer = _BulkImporter(self._conn, merge_duplicates, self._damaged_contacts)
            seen = 0
            for seen, contact in enumerate(contacts, start=1):
                importer.add(contact)
                if seen % _IMPORT_CHUNK == 0:
                    importer.flush()
                    _check_cancelled(cancelled)
                    if progress is not None:
                        progress(seen)
            importer.finish()
            _check_cancelled(cancelled)
            if progress is not None:
                progress(seen)
            return importer.result()

    # ------------------------------------------------------------------ history

    @_serialized
    @_writes("record the call in the history")
    def add_history(self, entry: HistoryEntry) -> HistoryEntry:
        """Record a call attempt; returns the entry with its id.

        A ``contact_id`` whose contact no longer exists is stored as ``None`` (as if the
        contact had been deleted just after the call), so the call itself is never lost.
        """
        with _transaction(self._conn):
            entry_id, contact_id = self._conn.execute(
                "INSERT INTO history (started_at, number_digits, number_display, contact_id,"
                " contact_name, mode, caller_id, outcome, error_kind, request_id, error_text)"
                " VALUES (?, ?, ?, (SELECT id FROM contacts WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id, contact_id",
                (
                    _timestamp_text(entry.started_at),
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
        if outcome is not None and outcome not in _CALL_OUTCOMES:
            raise ValueError(f"unknown call outcome {outcome!r}")
        clauses: list[str] = []
        params: list[object] = []
        if outcome is not None:
            clauses.append("outcome = ?")
            params.append(outcome)
        text_clause = _history_text_clause(text.strip())
        if text_clause is not None:
            clauses.append(text_clause[0])
            params.extend(text_clause[1])
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = _fetch_all(
            self._conn,
            f"{_SELECT_HISTORY} {where} ORDER BY started_at DESC, id DESC LIMIT ?",
            [*params, limit],
            self._damaged_history,
        )
        return [_history_from_row(row) for row in rows]

    @_serialized
    def prune_history(self, keep_days: int | None, now: datetime | None = None) -> int:
        """Delete entries older than ``keep_days`` days (None keeps all); returns the count."""
        if keep_days is None:
            return 0
        if keep_days < 0:
            raise ValueError("keep_days must not be negative")
        cutoff = _timestamp_text((now or datetime.now(UTC)) - timedelta(days=keep_days))
        older = self._conn.execute(
            "SELECT EXISTS (SELECT 1 FROM history WHERE started_at < ?)", (cutoff,)
        ).fetchone()[0]
        # Nothing to delete is no write: no write lock, and no refusal on a read-only profile.
        return self._delete_history_before(cutoff) if older else 0

    @_writes("remove old calls from the history")
    def _delete_history_before(self, cutoff: str) -> int:
        with _transaction(self._conn):
            cursor = self._conn.execute("DELETE FROM history WHERE started_at < ?", (cutoff,))
        return cursor.rowcount

    @_serialized
    def last_call_to(self, digits: str) -> HistoryEntry | None:
        """The newest history entry (any outcome) for these normalized digits."""
        rows = _fetch_all(
            self._conn,
            f"{_SELECT_HISTORY} WHERE number_digits = ? ORDER BY started_at DESC, id DESC LIMIT 1",
            (digits,),
            self._damaged_history,
        )
        return _history_from_row(rows[0]) if rows else None


# ------------------------------------------------------------------ opening, recovery, schema


def _connect(path: Path | str, *, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(
        path,
        timeout=_BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
        uri=uri,
    )


def _open_writable(path: Path, migrations: Sequence[Migration]) -> sqlite3.Connection:
    conn = _connect(path)
    try:
        _probe_write(conn)
        _configure(conn)
        _migrate(conn, migrations)
    except BaseException:
        conn.close()
        raise
    return conn


def _probe_write(conn: sqlite3.Connection) -> None:
    """Raise SQLite's read-only error now if the file cannot be written.

    SQLite quietly opens a file it may only read in read-only mode, and only the first write
    would fail. Rewriting the schema version unchanged and rolling back writes nothing.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(f"PRAGMA user_version = {_user_version(conn):d}")
    finally:
        conn.execute("ROLLBACK")


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: ``mode=ro``, or ``immutable=1`` when the folder does
    not allow the ``-shm`` file that reading a WAL database needs.

    Other errors of the first read are left for the caller to meet (e.g. a damaged file).
    """
    uri = path.resolve().as_uri()
    conn = _connect(f"{uri}?mode=ro", uri=True)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", None) not in _NO_SHM_CODES:
            return conn
        conn.close()
        # No one can write this WAL database either (a writer needs the -shm file too), so
        # "immutable" holds; changes left in an existing -wal file are not seen.
        return _connect(f"{uri}?mode=ro&immutable=1", uri=True)
    return conn


def _open_read_only(path: Path, migrations: Sequence[Migration]) -> sqlite3.Connection:
    """The database at ``path`` for reading only; writes fail with SQLITE_READONLY.

    Without a file there is nothing to read: an empty in-memory database stands in. A file
    with an older schema cannot be upgraded in place, so an upgraded copy in memory is read.
    """
    if path.exists():
        conn = _connect_read_only(path)
        try:
            if _user_version(conn) < len(migrations):
                memory = _connect(":memory:")
                conn.backup(memory)
                conn.close()
                conn = memory
                _migrate(conn, migrations)
        except BaseException:
            conn.close()
            raise
    else:
        conn = _connect(":memory:")
        _migrate(conn, migrations)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _why_not_writable(path: Path, exc: sqlite3.Error) -> str:
    """Plain words for why ``path`` opened read-only (SQLite's message when no check says)."""
    if not os.access(path.parent, os.W_OK):
        what = f"the folder {path.parent} cannot be written to"
        return what if path.exists() else f"{path.name} does not exist and {what}"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} cannot be written to"
    return str(exc)


def _configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"could not switch the database to WAL mode (got {mode!r})")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _diagnose(path: Path, latest: int) -> str | None:
    """Why the file at ``path`` is unusable, or None when it is healthy or absent.

    Checks through a read-only connection first, so a damaged file is never written to; falls
    back to a normal connection when read-only access is not possible (e.g. a hot rollback
    journal that needs replaying).
    """
    if not path.exists():
        return None
    try:
        with closing(_connect_read_only(path)) as conn:
            return _inspect(conn, path, latest)
    except sqlite3.OperationalError:
        pass
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path.name}: {exc}") from exc
    try:
        with closing(_connect(path)) as conn:
            return _inspect(conn, path, latest)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path.name}: {exc}") from exc


def _inspect(conn: sqlite3.Connection, path: Path, latest: int) -> str | None:
    try:
        version = _user_version(conn)
        if version > latest:
            raise NewerSchemaError(
                f"{path.name} was written by a newer version of the app (schema {version}; "
                f"this version supports up to {latest}). Update the app; the file was not changed."
            )
        if version < 0:
            return f"invalid schema version {version}"
        problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise
    except UnicodeDecodeError:
        # sqlite3 raises this instead of the error when SQLite's message quotes damaged bytes
        # (e.g. a "malformed database schema" naming a scrambled part of the schema).
        return "malformed database schema (damaged text)"
    if problems != ["ok"]:
        return "quick_check failed: " + "; ".join(p.replace("\n", " ") for p in problems[:5])
    return None


def _is_damage(exc: sqlite3.Error) -> bool:
    return _primary_code(exc) in _DAMAGE_CODES


def _primary_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``exc`` (the extended code without its upper bits)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _move_aside(path: Path) -> Path:
    """Rename ``path`` and its sidecar files to a unique ``.corrupt-<timestamp>`` name."""
    return move_aside(path, "corrupt", _SIDECAR_SUFFIXES)


def _migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> None:
    """Apply pending migrations, each in its own transaction with its version bump."""
    latest = len(migrations)
    while True:
        with _transaction(conn):
            version = _user_version(conn)  # read under the write lock: another process may race
            if version > latest:
                raise NewerSchemaError(
                    f"database schema {version} is newer than this app supports ({latest})"
                )
            if version == latest:
                return
            try:
                migrations[version](conn)
            except sqlite3.Error as exc:
                raise MigrationError(
                    f"migrating the database from schema {version} to {version + 1} failed: {exc}"
                ) from exc
            conn.execute(f"PRAGMA user_version = {version + 1:d}")


class _ReplacingDecoder:
    """``text_factory`` for text that is not UTF-8: U+FFFD replaces the undecodable bytes and
    ``damaged`` counts the values that needed it."""

    def __init__(self) -> None:
        self.damaged = 0

    def __call__(self, data: bytes) -> str:
        try:
            return data.decode()
        except UnicodeDecodeError:
            self.damaged += 1
            return data.decode(errors="replace")


def _fetch_all(
    conn: sqlite3.Connection,
    sql: str,
    params: Sequence[object] = (),
    damaged: set[int] | None = None,
    key: int = 0,
) -> list[Any]:
    """Every row of a query, even when some stored text is not UTF-8.

    Such text makes sqlite3 fail the whole query, so the query then runs again with
    :class:`_ReplacingDecoder` and ``damaged`` collects ``row[key]`` of each row that needed
    it. Healthy data keeps sqlite3's C decoder: a Python ``text_factory`` on every read would
    make loading 100,000 contacts about 17 % slower. Once ``damaged`` holds rows, the decoder
    is used straight away rather than after a failed attempt (which doubled the time).
    """
    if not damaged:
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if not str(exc).startswith(_UNDECODABLE):
                raise
    decoder = _ReplacingDecoder()
    conn.text_factory = decoder
    try:
        rows = []
        for row in conn.execute(sql, params):  # one row is decoded per step
            if decoder.damaged:
                decoder.damaged = 0
                if damaged is not None:
                    damaged.add(row[key])
            rows.append(row)
        return rows
    finally:
        conn.text_factory = str


@contextmanager
def _transaction(conn: sqlite3.Connection, *, immediate: bool = True) -> Iterator[None]:
    """One explicit transaction; rolled back when the body raises (or COMMIT fails)."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


# ------------------------------------------------------------------------------- contact rows

_DISPLAY_ORDER: Final = "favorite DESC, name_key, id"
_SELECT_CONTACTS: Final = "SELECT id, name, company, notes, favorite, extra_params FROM contacts"
_SELECT_NUMBERS: Final = "SELECT contact_id, label, raw, digits FROM contact_numbers"
_INSERT_CONTACT: Final = (
    "INSERT INTO contacts (id, name, name_key, company, notes, favorite, extra_params,"
    " created_at, updated_at, numbers_text, digits_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_NUMBER: Final = (
    "INSERT INTO contact_numbers (contact_id, position, label, raw, digits) VALUES (?, ?, ?, ?, ?)"
)
_SELECT_SEARCH_ROWS: Final = (
    "SELECT id, name, company, favorite, numbers_text, digits_text FROM contacts"
)

ContactRow = tuple[int, str, str, str, int, str]
NumberRows = dict[int, tuple[ContactNumber, ...]]


def _name_key(name: str) -> str:
    return name.strip().casefold()


def _dump_extra(extra: dict[str, Any]) -> str:
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "{}"


def _load_extra(text: str) -> dict[str, Any]:
    if text == "{}":  # skip the parser for most contacts
        return {}
    try:
        loaded: dict[str, Any] = json.loads(text)
    except ValueError:
        if _REPLACEMENT not in text:
            raise
        return {}  # damaged beyond reading; the contact is listed in damaged_text()
    return loaded


def _utc_now_text() -> str:
    return _timestamp_text(datetime.now(UTC))


def _timestamp_text(moment: datetime) -> str:
    """Fixed-width UTC ISO text, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _require_id(contact: Contact) -> int:
    if contact.id is None:
        raise ValueError("the contact has no id (it was never saved)")
    return contact.id


def _next_contact_id(conn: sqlite3.Connection) -> int:
    """The next unused id; never reuses a deleted contact's id, so undo can restore it."""
    row = conn.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'contacts'), 0),"
        " coalesce((SELECT max(id) FROM contacts), 0))"
    ).fetchone()
    return int(row[0]) + 1


def _search_texts(numbers: Sequence[ContactNumber]) -> tuple[str, str]:
    """``(numbers_text, digits_text)`` of a contact from its numbers in order (see SearchRow)."""
    return ", ".join([n.raw for n in numbers]), " ".join([n.digits for n in numbers if n.digits])


def _contact_row(
    contact_id: int, contact: Contact, now: str, numbers: Sequence[ContactNumber]
) -> tuple[object, ...]:
    """The contacts row of ``contact`` stored with ``numbers`` (its numbers, maybe deduplicated)."""
    return (
        contact_id,
        contact.name,
        _name_key(contact.name),
        contact.company,
        contact.notes,
        int(contact.favorite),
        _dump_extra(contact.extra_params),
        now,
        now,
        *_search_texts(numbers),
    )


def _number_rows(
    contact_id: int, numbers: Iterable[ContactNumber], first_position: int = 0
) -> list[tuple[object, ...]]:
    return [
        (contact_id, position, number.label, number.raw, number.digits)
        for position, number in enumerate(numbers, start=first_position)
    ]


def _insert_contacts(
    conn: sqlite3.Connection, rows: Sequence[tuple[int, Contact]], now: str
) -> None:
    conn.executemany(_INSERT_CONTACT, [_contact_row(i, c, now, c.numbers) for i, c in rows])
    conn.executemany(_INSERT_NUMBER, [row for i, c in rows for row in _number_rows(i, c.numbers)])


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _ID_CHUNK):
        yield ids[start : start + _ID_CHUNK]


def _where_in(select: str, column: str, count: int) -> str:
    """``select`` filtered to ``column IN (?, ?, ...)`` with ``count`` placeholders."""
    return f"{select} WHERE {column} IN ({', '.join('?' * count)})"


def _load_contacts(
    conn: sqlite3.Connection, ids: Sequence[int], damaged: set[int]
) -> dict[int, Contact]:
    """The contacts with these ids; ids of contacts with undecodable text go to ``damaged``."""
    found: dict[int, Contact] = {}
    for chunk in _chunks(ids):
        numbers_query = _where_in(_SELECT_NUMBERS, "contact_id", len(chunk))
        numbers = _numbers_by_contact(
            _fetch_all(conn, f"{numbers_query} ORDER BY contact_id, position", chunk, damaged)
        )
        contacts_query = _where_in(_SELECT_CONTACTS, "id", len(chunk))
        for row in _fetch_all(conn, contacts_query, chunk, damaged):
            found[row[0]] = _contact_from_row(row, numbers.get(row[0], ()))
    return found


def _numbers_by_contact(rows: Iterable[tuple[int, str, str, str]]) -> NumberRows:
    grouped: dict[int, list[ContactNumber]] = {}
    for contact_id, label, raw, digits in rows:
        grouped.setdefault(contact_id, []).append(
            ContactNumber(raw=raw, digits=digits, label=label)
        )
    return {contact_id: tuple(numbers) for contact_id, numbers in grouped.items()}


def _contact_from_row(row: ContactRow, numbers: tuple[ContactNumber, ...]) -> Contact:
    contact_id, name, company, notes, favorite, extra = row
    return Contact(
        name=name,
        numbers=numbers,
        company=company,
        notes=notes,
        favorite=bool(favorite),
        extra_params=_load_extra(extra),
        id=contact_id,
    )


def _check_cancelled(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelledError("import cancelled; nothing was saved")


@dataclass
class _PendingMerge:
    """What incoming duplicates add to one stored contact."""

    numbers: list[ContactNumber] = field(default_factory=list)
    company: str = ""
    notes: str = ""
    extra_params: dict[str, Any] = field(default_factory=dict)

    def absorb(self, contact: Contact, new_numbers: Iterable[ContactNumber]) -> None:
        self.numbers.extend(new_numbers)
        self.company = self.company or contact.company
        self.notes = self.notes or contact.notes
        self.extra_params = {**contact.extra_params, **self.extra_params}


class _BulkImporter:
    """Buffers new contacts for ``executemany`` and collects merges to apply at the end.

    Must run inside one write transaction (ids are allocated up front). Stored contacts read
    with undecodable text go to ``damaged``; a merge writes their text back with U+FFFD.
    """

    def __init__(self, conn: sqlite3.Connection, merge_duplicates: bool, damaged: set[int]) -> None:
        self._conn = conn
        self._merge = merge_duplicates
        self._damaged = damaged
        self._now = _utc_now_text()
        self._next_id = _next_contact_id(conn)
        self._owner: dict[str, int] = {}
        if merge_duplicates:
            self._owner = dict(
                _fetch_all(
                    conn,
                    "SELECT digits, min(contact_id) FROM contact_numbers"
                    " WHERE digits <> '' GROUP BY digits",
                    (),
                    damaged,
                    key=1,
                )
            )
        self._contact_rows: list[tuple[object, ...]] = []
        self._number_rows: list[tuple[object, ...]] = []
        self._merges: dict[int, _PendingMerge] = {}
        self._added = 0
        self._merged = 0

    def add(self, contact: Contact) -> None:
        numbers: Sequence[ContactNumber] = contact.numbers
        target = None
        if self._merge:
            numbers, target = self._unique_and_target(numbers)
        if target is not None:
            fresh = [n for n in numbers if not n.digits or n.digits not in self._owner]
            self._claim(fresh, target)
            self._merges.setdefault(target, _PendingMerge()).absorb(contact, fresh)
            self._merged += 1
            return
        contact_id = self._next_id
        self._next_id += 1
        self._contact_rows.append(_contact_row(contact_id, contact, self._now, numbers))
        self._number_rows.extend(_number_rows(contact_id, numbers))
        self._claim(numbers, contact_id)
        self._added += 1

    def flush(self) -> None:
        self._conn.executemany(_INSERT_CONTACT, self._contact_rows)
        self._conn.executemany(_INSERT_NUMBER, self._number_rows)
        self._contact_rows.clear()
        self._number_rows.clear()

    def finish(self) -> None:
        self.flush()
        targets = list(self._merges)
        for chunk in _chunks(targets):
            self._apply_merges(chunk)

    def result(self) -> ImportResult:
        return ImportResult(added=self._added, merged=self._merged)

    def _unique_and_target(
        self, numbers: Iterable[ContactNumber]
    ) -> tuple[list[ContactNumber], int | None]:
        """The numbers without repeated digits (first one wins) and the contact owning the
        first of their digits already taken, in one pass."""
        owner = self._owner
        unique: list[ContactNumber] = []
        seen: set[str] = set()
        target = None
        for number in numbers:
            digits = number.digits
            if digits:
                if digits in seen:
                    continue
                seen.add(digits)
                if target is None:
                    target = owner.get(digits)
            unique.append(number)
        return unique, target

    def _claim(self, numbers: Iterable[ContactNumber], contact_id: int) -> None:
        if self._merge:
            for number in numbers:
                if number.digits:
                    self._owner.setdefault(number.digits, contact_id)

    def _apply_merges(self, targets: Sequence[int]) -> None:
        stored: dict[int, list[ContactNumber]] = {}  # contact id -> its numbers in order
        next_position: dict[int, int] = {}
        numbers_query = _where_in(
            "SELECT contact_id, position, raw, digits FROM contact_numbers",
            "contact_id",
            len(targets),
        )
        for contact_id, position, raw, digits in _fetch_all(
            self._conn, f"{numbers_query} ORDER BY contact_id, position", targets, self._damaged
        ):
            stored.setdefault(contact_id, []).append(ContactNumber(raw, digits))
            next_position[contact_id] = position + 1
        fields_query = _where_in(
            "SELECT id, company, notes, extra_params FROM contacts", "id", len(targets)
        )
        fields = {
            row[0]: row[1:] for row in _fetch_all(self._conn, fields_query, targets, self._damaged)
        }
        number_rows: list[tuple[object, ...]] = []
        contact_updates: list[tuple[object, ...]] = []
        for contact_id in targets:
            merge = self._merges[contact_id]
            numbers = stored.get(contact_id, [])
            raws = {n.raw for n in numbers if not n.digits}
            new_numbers = [n for n in merge.numbers if n.digits or n.raw not in raws]
            first = next_position.get(contact_id, 0)
            number_rows.extend(_number_rows(contact_id, new_numbers, first))
            numbers.extend(new_numbers)
            company, notes, extra = fields[contact_id]
            merged_extra = {**merge.extra_params, **_load_extra(extra)}
            contact_updates.append(
                (
                    company or merge.company,
                    notes or merge.notes,
                    _dump_extra(merged_extra),
                    self._now,
                    *_search_texts(numbers),
                    contact_id,
                )
            )
        self._conn.executemany(_INSERT_NUMBER, number_rows)
        self._conn.executemany(
            "UPDATE contacts SET company = ?, notes = ?, extra_params = ?, updated_at = ?,"
            " numbers_text = ?, digits_text = ? WHERE id = ?",
            contact_updates,
        )


# ------------------------------------------------------------------------------- history rows

_SELECT_HISTORY: Final = (
    "SELECT id, started_at, number_digits, number_display, contact_id, contact_name, mode,"
    " caller_id, outcome, error_kind, request_id, error_text FROM history"
)


def _history_text_clause(text: str) -> tuple[str, list[object]] | None:
    """SQL condition matching ``text`` as a substring of the searchable history fields."""
    if not text:
        return None
    pattern = _like_pattern(text)
    fields = ("number_display", "contact_name", "caller_id", "number_digits")
    conditions = [f"{name} LIKE ? ESCAPE '\\'" for name in fields]
    params: list[object] = [pattern] * len(fields)
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and _PHONE_TEXT.fullmatch(text):
        conditions.append("number_digits LIKE ? ESCAPE '\\'")
        params.append(_like_pattern(digits))
    return f"({' OR '.join(conditions)})", params


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_TIMESTAMP_TEMPLATE: Final = "0001-01-01T00:00:00.000000+00:00"
_UNREADABLE_TIME: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _stored_time(text: str) -> datetime:
    """A stored timestamp; characters lost to damage (U+FFFD) read as the smallest valid
    digit there, and a time that still does not parse as 1970-01-01 UTC.

    (Mode and outcome need no such care: their CHECK constraints make ``quick_check`` fail
    on any other value, so such a file is recovered when it is opened.)"""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if len(text) == len(_TIMESTAMP_TEMPLATE):
        guess = "".join(
            t if c == _REPLACEMENT else c for c, t in zip(text, _TIMESTAMP_TEMPLATE, strict=True)
        )
        try:
            moment = datetime.fromisoformat(guess)
        except ValueError:
            return _UNREADABLE_TIME
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return _UNREADABLE_TIME


def _history_from_row(row: tuple[Any, ...]) -> HistoryEntry:
    (
        entry_id,
        started_at,
        number_digits,
        number_display,
        contact_id,
        contact_name,
        mode,
        caller_id,
        outcome,
        error_kind,
        request_id,
        error_text,
    ) = row
    return HistoryEntry(
        started_at=_stored_time(started_at),
        number_digits=number_digits,
        number_display=number_display,
        mode=mode,
        outcome=outcome,
        contact_id=contact_id,
        contact_name=contact_name,
        caller_id=caller_id,
        error_kind=error_kind,
        request_id=request_id,
        error_text=error_text,
        id=entry_id,
    )
