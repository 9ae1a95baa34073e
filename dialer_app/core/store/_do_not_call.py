"""Do-not-call rows: schema 4 (the agent's own list and the copy of the team's list), their
SQL and reading rows back. The :class:`Store` methods that use them are in ``_store``."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from dialer_app.core.do_not_call import DoNotCallEntry, TeamCopy
from dialer_app.core.store._db import connect, fetch_all, user_version
from dialer_app.core.store._errors import StoreError
from dialer_app.core.store._history import (
    SANDBOX_SCHEMA,
    SELECT_HISTORY,
    SELECT_HISTORY_BEFORE_SANDBOX,
    HistoryEntry,
    history_from_row,
)
from dialer_app.core.store._rows import timestamp_text

SCHEMA: Final = 4  # the version that added these tables


def add_do_not_call(conn: sqlite3.Connection) -> None:
    """Schema 4: the agent's own do-not-call entries (one per number, with a note and how it
    was added) and the last good copy of the team's list with where and when it was read."""
    conn.execute(
        """
        CREATE TABLE do_not_call (
            digits TEXT PRIMARY KEY,
            note TEXT NOT NULL DEFAULT '',
            added_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT 'agent'
        ) WITHOUT ROWID
        """
    )
    conn.execute(
        "CREATE TABLE do_not_call_team (digits TEXT PRIMARY KEY, note TEXT NOT NULL DEFAULT '')"
        " WITHOUT ROWID"
    )
    conn.execute(
        """
        CREATE TABLE do_not_call_team_copy (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            source TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            entries INTEGER NOT NULL,
            skipped INTEGER NOT NULL
        )
        """
    )


SELECT_OWN: Final = "SELECT digits, note, added_at, source FROM do_not_call"
UPSERT_OWN: Final = (
    "INSERT INTO do_not_call (digits, note, added_at, source) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (digits) DO UPDATE SET note = CASE WHEN excluded.note = '' THEN note"
    " ELSE excluded.note END"
)
"""A number listed again keeps when and how it was first added (a new note replaces the old)."""
SELECT_TEAM_NUMBERS: Final = "SELECT CAST(digits AS INTEGER) AS n FROM do_not_call_team ORDER BY n"
SELECT_TEAM_COPY: Final = (
    "SELECT source, loaded_at, entries, skipped FROM do_not_call_team_copy WHERE id = 1"
)


def own_rows(entries: Iterable[DoNotCallEntry], now_text: str) -> list[tuple[str, ...]]:
    return [
        (
            entry.digits,
            entry.note,
            timestamp_text(entry.added_at) if entry.added_at else now_text,
            entry.source,
        )
        for entry in entries
    ]


def own_from_row(row: tuple[Any, ...]) -> DoNotCallEntry:
    digits, note, added_at, source = row
    return DoNotCallEntry(digits, note, _time(added_at), source)


def team_copy_from_row(row: tuple[Any, ...] | None) -> TeamCopy | None:
    if row is None:
        return None
    source, loaded_at, entries, skipped = row
    moment = _time(loaded_at)
    return None if moment is None else TeamCopy(source, moment, entries, skipped)


def _time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@dataclass(frozen=True)
class DoNotCallLists:
    """The do-not-call lists and recent calls as read without a :class:`Store`."""

    own: list[DoNotCallEntry] = field(default_factory=list)
    team_copy: TeamCopy | None = None
    team_numbers: list[int] = field(default_factory=list)
    calls: list[HistoryEntry] = field(default_factory=list)


def read_do_not_call_lists(path: Path, calls_since: datetime) -> DoNotCallLists:
    """The lists (and the calls since ``calls_since``) of the database at ``path`` when it
    cannot be opened as a :class:`Store` (a full disk: SQLite cannot even create its shared
    memory file): read through an immutable connection, which writes nothing. No file: empty
    lists (a profile without a database has none). Raises :class:`StoreError` when the file
    cannot be read at all: the lists are then unknown."""
    if not path.exists():
        return DoNotCallLists()
    if not path.is_file():
        raise StoreError(f"cannot read {path.name}: it is not a file")
    try:
        with closing(connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)) as conn:
            version = user_version(conn)
            if version < SCHEMA:
                return DoNotCallLists()  # written before there were lists
            since = timestamp_text(calls_since)
            calls = SELECT_HISTORY if version >= SANDBOX_SCHEMA else SELECT_HISTORY_BEFORE_SANDBOX
            return DoNotCallLists(
                [own_from_row(row) for row in fetch_all(conn, f"{SELECT_OWN} ORDER BY digits")],
                team_copy_from_row(conn.execute(SELECT_TEAM_COPY).fetchone()),
                [row[0] for row in conn.execute(SELECT_TEAM_NUMBERS)],
                [
                    history_from_row(row)
                    for row in fetch_all(
                        conn, f"{calls} WHERE started_at >= ? ORDER BY started_at", [since]
                    )
                ],
            )
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the do-not-call list in {path.name}: {exc}") from exc
