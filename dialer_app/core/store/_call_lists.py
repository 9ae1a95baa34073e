"""Call lists in the profile's database (schema 5): lists, their entries and each entry's
attempts, written as they happen so a killed app loses nothing and resumes where it was.

:class:`CallListStore` works through a :class:`Store`'s connection and lock (one connection
per store, every write one ``BEGIN IMMEDIATE`` transaction, like the rest of the store).
Entries are numbered 1, 2, … in file order within their list (``ListEntry.id``); that number
is what the agent and the command line use.

An entry's ``status``: ``pending`` (to call), ``called`` (a call was placed and waits for a
disposition), ``done`` (disposed), ``callback`` (to call again at ``callback_at``). Whether
a calling rule blocks an entry depends on the moment, so it is not a stored status: the last
reason a rule gave is kept in ``blocked_reason``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from dialer_app.core.store._db import fetch_all, primary_code, transaction
from dialer_app.core.store._errors import StoreError, StoreReadOnlyError
from dialer_app.core.store._rows import dump_extra, load_extra, name_key, timestamp_text

if TYPE_CHECKING:
    from dialer_app.core.store._store import Store

ListStatus = Literal["pending", "called", "done", "callback"]
Disposition = Literal[
    "connected", "no_answer", "busy", "voicemail", "wrong_number", "callback", "do_not_call"
]
AttemptOutcome = Literal["started", "initiated", "failed"]
DISPOSITIONS: Final[tuple[Disposition, ...]] = get_args(Disposition)
MAX_NOTE_CHARS: Final = 2000
MAX_NAME_CHARS: Final = 120


class CallListError(StoreError):
    """A call list request that cannot be carried out (the message says why)."""


class CallListNotFoundError(CallListError, LookupError):
    """No list (or no entry in the list) has that name or number."""


@dataclass(frozen=True)
class CallList:
    """One list and its progress. ``columns`` names every column the file had,
    ``shown_columns`` those shown beside the name and number; ``position`` is the entry
    shown last; ``current`` is true for the list selected last."""

    id: int
    name: str
    source: str
    columns: tuple[str, ...]
    shown_columns: tuple[int, ...]
    position: int
    created_at: datetime
    total: int
    done: int
    callbacks: int
    current: bool = False


@dataclass(frozen=True)
class NewListEntry:
    """An entry as imported: ``number`` as the file wrote it, ``digits`` normalized (""
    when it is not a valid number), ``cells`` every column of its row."""

    name: str
    number: str
    digits: str
    cells: tuple[str, ...] = ()
    line: int = 0
    extra_params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListEntry:
    """One entry of a list as stored; ``id`` is its number in the list (from 1)."""

    list_id: int
    id: int
    name: str
    number: str
    digits: str
    cells: tuple[str, ...]
    extra_params: Mapping[str, Any]
    status: ListStatus
    disposition: Disposition | None
    note: str
    attempts: int
    last_called_at: datetime | None
    request_id: str | None
    callback_at: datetime | None
    blocked_reason: str
    line: int


@dataclass(frozen=True)
class ListAttempt:
    """One call placed to an entry, and the disposition given after it (None: none yet).
    ``outcome`` stays ``started`` when the app stopped before the answer came."""

    entry_id: int
    started_at: datetime
    outcome: AttemptOutcome
    request_id: str | None
    error_text: str | None
    disposition: Disposition | None
    note: str


_SELECT_ENTRIES: Final = (
    "SELECT list_id, position, name, number, digits, cells, extra_params, status, disposition,"
    " note, attempts, last_called_at, request_id, callback_at, blocked_reason, line"
    " FROM call_list_entries"
)
_SELECT_LISTS: Final = (
    "SELECT l.id, l.name, l.source, l.columns, l.shown_columns, l.position, l.created_at,"
    " count(e.id), coalesce(sum(e.status = 'done'), 0), coalesce(sum(e.status = 'callback'), 0),"
    " l.selected_at FROM call_lists l LEFT JOIN call_list_entries e ON e.list_id = l.id"
)


class CallListStore:
    """The call lists of one database, read and written through ``store``'s connection."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._conn: sqlite3.Connection = store._conn
        self._lock = store._lock

    # lists ------------------------------------------------------------------------------
    def create(
        self,
        name: str,
        entries: Iterable[NewListEntry],
        *,
        columns: Sequence[str] = (),
        shown_columns: Sequence[int] = (),
        source: str = "",
        now: datetime | None = None,
    ) -> CallList:
        """A new list holding ``entries`` in order, made current; all of it or nothing.
        Raises :class:`CallListError` when the name is empty or taken."""
        stamp = timestamp_text(now or datetime.now(UTC))
        with self._writing("save the call list") as conn:
            name = self._free_name(conn, name)
            list_id = conn.execute(
                "INSERT INTO call_lists (name, name_key, source, columns, shown_columns,"
                " created_at, selected_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    name,
                    name_key(name),
                    source,
                    json.dumps(list(columns), ensure_ascii=False),
                    json.dumps(list(shown_columns)),
                    stamp,
                    stamp,
                ),
            ).fetchone()[0]
            conn.executemany(
                "INSERT INTO call_list_entries (list_id, position, line, name, number, digits,"
                " cells, extra_params, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        list_id,
                        position,
                        entry.line,
                        entry.name,
                        entry.number,
                        entry.digits,
                        json.dumps(list(entry.cells), ensure_ascii=False),
                        dump_extra(dict(entry.extra_params)),
                        stamp,
                    )
                    for position, entry in enumerate(entries, start=1)
                ),
            )
            if not conn.execute(
                "SELECT 1 FROM call_list_entries WHERE list_id = ?", (list_id,)
            ).fetchone():
                raise CallListError("the list has no entries")
        return self._require_list(list_id)

    def data_version(self) -> int:
        """Changes when another connection commits to the database (SQLite's
        ``data_version``): whether the lists may have changed under this one."""
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def check_new_name(self, name: str) -> str:
        """``name`` tidied (spaces), or :class:`CallListError` saying why a new list cannot
        have it (empty, too long, or another list's)."""
        with self._reading() as conn:
            return self._free_name(conn, name)

    def all(self) -> list[CallList]:
        """Every list, by name."""
        with self._reading() as conn:
            rows = fetch_all(conn, f"{_SELECT_LISTS} GROUP BY l.id ORDER BY l.name_key")
        return _lists_from_rows(rows)

    def get(self, list_id: int) -> CallList | None:
        return next((found for found in self.all() if found.id == list_id), None)

    def find(self, name: str) -> CallList | None:
        """The list with this name (case and surrounding spaces aside), or None."""
        key = name_key(name)
        with self._reading() as conn:
            row = conn.execute("SELECT id FROM call_lists WHERE name_key = ?", (key,)).fetchone()
        return None if row is None else self.get(row[0])

    def current(self) -> CallList | None:
        """The list selected last (imported or chosen), or None when there is none."""
        return next((found for found in self.all() if found.current), None)

    def select(self, list_id: int, now: datetime | None = None) -> CallList:
        """Make ``list_id`` the current list."""
        self._update_list(
            "UPDATE call_lists SET selected_at = ? WHERE id = ?",
            (timestamp_text(now or datetime.now(UTC)), list_id),
        )
        return self._require_list(list_id)

    def set_position(self, list_id: int, position: int) -> None:
        """Remember the entry shown (the list resumes there)."""
        self._update_list("UPDATE call_lists SET position = ? WHERE id = ?", (position, list_id))

    def delete(self, list_id: int) -> bool:
        """Delete a list with its entries and attempts; False when there was no such list."""
        with self._writing("delete the call list") as conn:
            cursor = conn.execute("DELETE FROM call_lists WHERE id = ?", (list_id,))
        return cursor.rowcount > 0

    # entries ----------------------------------------------------------------------------
    def entries(self, list_id: int) -> list[ListEntry]:
        """Every entry of the list, in order."""
        with self._reading() as conn:
            rows = fetch_all(
                conn, f"{_SELECT_ENTRIES} WHERE list_id = ? ORDER BY position", (list_id,)
            )
        return [_entry_from_row(row) for row in rows]

    def entry(self, list_id: int, entry_id: int) -> ListEntry:
        """Entry ``entry_id`` of the list; :class:`CallListNotFoundError` when missing."""
        with self._reading() as conn:
            rows = fetch_all(
                conn,
                f"{_SELECT_ENTRIES} WHERE list_id = ? AND position = ?",
                (list_id, entry_id),
            )
        if not rows:
            raise CallListNotFoundError(f"the list has no entry {entry_id}")
        return _entry_from_row(rows[0])

    def attempts(self, list_id: int, entry_id: int | None = None) -> dict[int, list[ListAttempt]]:
        """The calls placed to each entry of the list (by entry id; only ``entry_id``'s when
        given), oldest first."""
        with self._reading() as conn:
            rows = fetch_all(
                conn,
                "SELECT e.position, a.started_at, a.outcome, a.request_id, a.error_text,"
                " a.disposition, a.note FROM call_list_attempts a"
                " JOIN call_list_entries e ON e.id = a.entry_id"
                " WHERE e.list_id = ? AND (? IS NULL OR e.position = ?) ORDER BY a.id",
                (list_id, entry_id, entry_id),
            )
        found: dict[int, list[ListAttempt]] = {}
        for position, started, outcome, request_id, error, disposition, note in rows:
            found.setdefault(position, []).append(
                ListAttempt(position, _time(started), outcome, request_id, error, disposition, note)
            )
        return found

    def start_attempt(self, list_id: int, entry_id: int, at: datetime) -> ListEntry:
        """A call to the entry is about to leave: counted and kept before it is sent, so
        that after a crash the entry says a call may have rung."""
        stamp = timestamp_text(at)
        with self._writing("record the call in the list") as conn:
            row_id = self._entry_row(conn, list_id, entry_id)
            conn.execute(
                "INSERT INTO call_list_attempts (entry_id, started_at, outcome)"
                " VALUES (?, ?, 'started')",
                (row_id, stamp),
            )
            conn.execute(
                "UPDATE call_list_entries SET attempts = attempts + 1, last_called_at = ?,"
                " status = 'called', blocked_reason = '', updated_at = ? WHERE id = ?",
                (stamp, stamp, row_id),
            )
        return self.entry(list_id, entry_id)

    def finish_attempt(
        self,
        list_id: int,
        entry_id: int,
        outcome: Literal["initiated", "failed"],
        request_id: str | None = None,
        error_text: str | None = None,
    ) -> ListEntry:
        """The answer to the call started last: a failed call leaves the entry to call."""
        now = timestamp_text(datetime.now(UTC))
        with self._writing("record the call in the list") as conn:
            row_id = self._entry_row(conn, list_id, entry_id)
            conn.execute(
                "UPDATE call_list_attempts SET outcome = ?, request_id = ?, error_text = ?"
                " WHERE id = (SELECT max(id) FROM call_list_attempts WHERE entry_id = ?)",
                (outcome, request_id, error_text, row_id),
            )
            if outcome == "initiated":
                conn.execute(
                    "UPDATE call_list_entries SET request_id = ?, updated_at = ? WHERE id = ?",
                    (request_id, now, row_id),
                )
            else:
                conn.execute(
                    "UPDATE call_list_entries SET status = 'pending', updated_at = ?"
                    " WHERE id = ? AND status = 'called'",
                    (now, row_id),
                )
        return self.entry(list_id, entry_id)

    def note_blocked(self, list_id: int, entry_id: int, reason: str) -> ListEntry:
        """Keep why a calling rule held the entry back (``""``: it no longer does)."""
        now = timestamp_text(datetime.now(UTC))
        with self._writing("save the call list") as conn:
            row_id = self._entry_row(conn, list_id, entry_id)
            conn.execute(
                "UPDATE call_list_entries SET blocked_reason = ?, updated_at = ? WHERE id = ?",
                (reason, now, row_id),
            )
        return self.entry(list_id, entry_id)

    def record_disposition(
        self,
        list_id: int,
        entry_id: int,
        disposition: Disposition,
        note: str = "",
        callback_at: datetime | None = None,
        now: datetime | None = None,
    ) -> ListEntry:
        """What came of the entry: ``callback`` needs ``callback_at`` (the entry comes back
        then); any other disposition makes it done. The newest call to the entry gets the
        same disposition and note (a second disposition corrects the first)."""
        if disposition not in DISPOSITIONS:
            raise CallListError(
                f"unknown disposition {disposition!r}; use one of {', '.join(DISPOSITIONS)}"
            )
        if (disposition == "callback") != (callback_at is not None):
            raise CallListError(
                "a call back needs the date and time to call back"
                if callback_at is None
                else f"only a call back has a time to call back, not {disposition}"
            )
        note = note.strip()[:MAX_NOTE_CHARS]
        stamp = timestamp_text(now or datetime.now(UTC))
        with self._writing("save the disposition") as conn:
            row_id = self._entry_row(conn, list_id, entry_id)
            conn.execute(
                "UPDATE call_list_entries SET status = ?, disposition = ?, note = ?,"
                " callback_at = ?, updated_at = ? WHERE id = ?",
                (
                    "callback" if disposition == "callback" else "done",
                    disposition,
                    note,
                    None if callback_at is None else timestamp_text(callback_at),
                    stamp,
                    row_id,
                ),
            )
            conn.execute(
                "UPDATE call_list_attempts SET disposition = ?, note = ?"
                " WHERE id = (SELECT max(id) FROM call_list_attempts WHERE entry_id = ?)",
                (disposition, note, row_id),
            )
        return self.entry(list_id, entry_id)

    def callbacks(self) -> list[tuple[CallList, ListEntry]]:
        """Every entry waiting for a call back, in any list, the earliest first."""
        with self._reading() as conn:
            rows = fetch_all(
                conn,
                f"{_SELECT_ENTRIES} WHERE status = 'callback' ORDER BY callback_at, list_id",
            )
        lists = {found.id: found for found in self.all()}
        entries = [_entry_from_row(row) for row in rows]
        return [(lists[entry.list_id], entry) for entry in entries if entry.list_id in lists]

    # internals --------------------------------------------------------------------------
    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, transaction(self._conn, immediate=False):
            yield self._conn

    @contextmanager
    def _writing(self, action: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; on a read-only database, StoreReadOnlyError ("Cannot …")."""
        with self._lock:
            self._store.check_writable(action)
            try:
                with transaction(self._conn):
                    yield self._conn
            except sqlite3.OperationalError as exc:
                if primary_code(exc) != sqlite3.SQLITE_READONLY:
                    raise
                raise StoreReadOnlyError(
                    f"Cannot {action}: the contacts database is read-only ({exc})"
                ) from exc

    def _update_list(self, sql: str, params: tuple[object, int]) -> None:
        """One UPDATE of a list row (its id last in ``params``)."""
        with self._writing("save the call list") as conn:
            if conn.execute(sql, params).rowcount == 0:
                raise CallListNotFoundError(f"there is no call list {params[-1]}")

    def _require_list(self, list_id: int) -> CallList:
        found = self.get(list_id)
        if found is None:
            raise CallListNotFoundError(f"there is no call list {list_id}")
        return found

    @staticmethod
    def _free_name(conn: sqlite3.Connection, name: str) -> str:
        cleaned = " ".join(name.split())
        if not cleaned:
            raise CallListError("a call list needs a name")
        if len(cleaned) > MAX_NAME_CHARS:
            raise CallListError(f"a list name has at most {MAX_NAME_CHARS} characters")
        taken = "SELECT name FROM call_lists WHERE name_key = ?"
        row = conn.execute(taken, (name_key(cleaned),)).fetchone()
        if row is not None:
            raise CallListError(
                f"a list named “{row[0]}” exists already: choose another name or delete it"
            )
        return cleaned

    @staticmethod
    def _entry_row(conn: sqlite3.Connection, list_id: int, entry_id: int) -> int:
        row = conn.execute(
            "SELECT id FROM call_list_entries WHERE list_id = ? AND position = ?",
            (list_id, entry_id),
        ).fetchone()
        if row is None:
            raise CallListNotFoundError(f"the list has no entry {entry_id}")
        return int(row[0])


def _lists_from_rows(rows: list[Any]) -> list[CallList]:
    newest = max((row[-1] for row in rows), default=None)
    return [
        CallList(
            id=list_id,
            name=name,
            source=source,
            columns=tuple(_json_list(columns)),
            shown_columns=tuple(int(i) for i in _json_list(shown)),
            position=position,
            created_at=_time(created),
            total=total,
            done=done,
            callbacks=callbacks,
            current=selected == newest,
        )
        for (
            list_id,
            name,
            source,
            columns,
            shown,
            position,
            created,
            total,
            done,
            callbacks,
            selected,
        ) in rows
    ]


def _entry_from_row(row: tuple[Any, ...]) -> ListEntry:
    (
        list_id,
        position,
        name,
        number,
        digits,
        cells,
        extra,
        status,
        disposition,
        note,
        attempts,
        last_called,
        request_id,
        callback_at,
        blocked_reason,
        line,
    ) = row
    return ListEntry(
        list_id=list_id,
        id=position,
        name=name,
        number=number,
        digits=digits,
        cells=tuple(str(cell) for cell in _json_list(cells)),
        extra_params=load_extra(extra),
        status=status,
        disposition=disposition,
        note=note,
        attempts=attempts,
        last_called_at=None if last_called is None else _time(last_called),
        request_id=request_id,
        callback_at=None if callback_at is None else _time(callback_at),
        blocked_reason=blocked_reason,
        line=line,
    )


def _json_list(text: str) -> list[Any]:
    try:
        loaded = json.loads(text)
    except ValueError:
        return []  # damaged text (shown as U+FFFD elsewhere): the cells are lost, not the entry
    return loaded if isinstance(loaded, list) else []


def _time(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return datetime(1970, 1, 1, tzinfo=UTC)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
