"""Recovering the do-not-call lists, which are ``WITHOUT ROWID`` tables (schema 4).

Their rows are kept in a b-tree by number, so the row-id look-ups of ``_recovery`` do not
apply. What SQLite gives is read twice, by number upwards and then downwards, so a damaged
page costs only the rows SQLite cannot reach from either side; when a read fails, the rows
found in the file's pages (``_pages``) are added. Then every number of the newest backup is
added as well: a number on either the damaged file or the backup stays listed, because a
listed number that came back callable would be the worse mistake (a number taken off the list
since the backup is listed again; the agent can take it off again).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any, Final

from dialer_app.core.store._pages import KeyedRows

KEYED: Final[dict[str, tuple[str, ...]]] = {
    "do_not_call": ("digits", "note", "added_at", "source"),
    "do_not_call_team": ("digits", "note"),
}
_MAX_DIGITS: Final = 20


def read_keyed(source: sqlite3.Connection | None, target: sqlite3.Connection) -> dict[str, int]:
    """Copy what SQLite gives of the lists from ``source`` (None: the file did not open);
    returns how many rows of each table were copied, with -1 for a table a read failed on
    (its pages are to be scanned)."""
    copied: dict[str, int] = {}
    for table, columns in KEYED.items():
        rows: dict[str, tuple[Any, ...]] = {}
        whole = source is not None and _absent(source, table)  # an older file: none to read
        for order in ("", " DESC"):  # upwards, then downwards past a damaged page
            if source is None or whole:
                break
            select = f"SELECT {', '.join(columns)} FROM {table} ORDER BY digits{order}"  # noqa: S608
            try:
                for row in source.execute(select):
                    if valid_keyed(row, len(columns)):
                        rows.setdefault(row[0], row)
            except (sqlite3.DatabaseError, UnicodeDecodeError):
                continue
            whole = True
            break
        count = insert_keyed(target, table, rows.values())
        copied[table] = count if whole else -1
    return copied


def _absent(source: sqlite3.Connection, table: str) -> bool:
    """The file's schema is readable and has no such table (written before schema 4)."""
    try:
        return not source.execute(f"PRAGMA table_info({table})").fetchall()
    except (sqlite3.Error, UnicodeDecodeError):
        return False


def add_found(target: sqlite3.Connection, found: KeyedRows) -> dict[str, int]:
    """The rows the page scan found that SQLite did not give; how many were new."""
    added: dict[str, int] = {}
    for table, columns in KEYED.items():
        rows = [row for row in found.get(table, {}).values() if valid_keyed(row, len(columns))]
        added[table] = insert_keyed(target, table, rows)
    return added


def add_from_backup(source: sqlite3.Connection, target: sqlite3.Connection) -> dict[str, int]:
    """Every number of the backup's lists not listed yet (a backup older than schema 4 has
    none); how many were added."""
    added: dict[str, int] = {}
    for table, columns in KEYED.items():
        select = f"SELECT {', '.join(columns)} FROM {table}"  # noqa: S608
        try:
            rows = [row for row in source.execute(select) if valid_keyed(row, len(columns))]
        except sqlite3.Error:
            rows = []
        added[table] = insert_keyed(target, table, rows)
    return added


def valid_keyed(row: tuple[Any, ...], width: int) -> bool:
    """A number (digits only) and its texts."""
    if len(row) != width or not all(isinstance(value, str) for value in row):
        return False
    digits = row[0]
    return 0 < len(digits) <= _MAX_DIGITS and digits.isascii() and digits.isdigit()


def insert_keyed(target: sqlite3.Connection, table: str, rows: Iterable[tuple[Any, ...]]) -> int:
    columns = KEYED[table]
    insert = (
        f"INSERT OR IGNORE INTO {table} ({', '.join(columns)})"  # noqa: S608
        f" VALUES ({', '.join('?' * len(columns))})"
    )
    before = target.total_changes
    target.executemany(insert, rows)
    return target.total_changes - before
