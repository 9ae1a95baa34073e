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

Layout: this module holds the public API (:class:`Store`, its data types and exceptions, the
schema migrations and the write decorators). The exceptions are defined in ``store_errors``,
the SQLite connection mechanics (opening, recovery, migrating, tolerant reads, transactions)
are in ``store_db``, the contact rows in ``store_rows`` and the bulk import in ``store_import``.
"""

from __future__ import annotations

import errno
import functools
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Concatenate, Final, Literal, ParamSpec, TypeVar, get_args

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store_db import (
    _REPLACEMENT,
    Migration,
    _diagnose,
    _fetch_all,
    _move_aside,
    _open_read_only,
    _open_writable,
    _primary_code,
    _transaction,
    _user_version,
    _why_not_writable,
)
from dialer_app.core.store_errors import (
    ContactNotFoundError,
    ImportCancelledError,
    MigrationError,
    NewerSchemaError,
    StoreError,
    StoreReadOnlyError,
)
from dialer_app.core.store_import import _BulkImporter
from dialer_app.core.store_rows import (
    _DISPLAY_ORDER,
    _INSERT_NUMBER,
    _SELECT_CONTACTS,
    _SELECT_NUMBERS,
    _SELECT_SEARCH_ROWS,
    _contact_fields,
    _contact_from_row,
    _insert_contacts,
    _load_contacts,
    _next_contact_id,
    _number_rows,
    _numbers_by_contact,
    _require_id,
    _search_texts,
    _timestamp_text,
    _utc_now_text,
)

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
SearchRow = tuple[int, str, str, bool, str, str]
"""``(id, name, company, favorite, numbers_text, digits_text)``: raw numbers joined by ``", "``
and the non-empty normalized digits joined by ``" "``, both in the contact's number order.

Both texts are stored in the contacts row (schema 2) and rewritten with the numbers, so
loading the list is one plain SELECT rather than a join over every number."""

_CALL_MODES: Final = frozenset(get_args(CallMode))
_CALL_OUTCOMES: Final = frozenset(get_args(CallOutcome))
_IMPORT_CHUNK: Final = 2000
_NOT_WRITABLE_CODES: Final = frozenset(
    {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}
)
_NO_PERMISSION_ERRNOS: Final = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
_PHONE_TEXT: Final = re.compile(r"[\d\s+\-().]+")


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
                    *_contact_fields(contact),
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
            return ImportResult(added=importer.added, merged=importer.merged)

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


def _check_cancelled(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelledError("import cancelled; nothing was saved")


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
