"""Recovering a damaged database: every row it still gives, the rest from the newest backup.

A few damaged pages make SQLite refuse the whole file, yet most of it is still readable.
:func:`recover` copies, table by table, every row a scan can read into a fresh database; when
a scan meets a damaged page it looks for the next readable row (galloping, then bisecting
over row ids) and notes the range it had to skip. Rows in skipped ranges come from the newest
backup, and only those: a row deleted since that backup in a readable part stays deleted.

Every table the agent relies on comes back: contacts and their numbers, the call history,
the call lists with their entries and attempts, the do-not-call lists (``_recovery_keyed``:
there a number of the backup is always kept) and where the team's list was read from. Only
the record of earlier recoveries starts again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import closing, suppress
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Final

from dialer_app.core.contact import ContactNumber
from dialer_app.core.store._db import connect, read_only_uri, transaction
from dialer_app.core.store._files import ScratchCopy, wal_has_content
from dialer_app.core.store._pages import scan_rows
from dialer_app.core.store._recovery_keyed import KEYED, add_found, add_from_backup, read_keyed
from dialer_app.core.store._rows import UPDATE_TEXTS_ONLY, stored_texts

MAX_ROWID: Final = 2**63 - 1
_QUERY_BUDGET: Final = 4000  # look-ups for readable rows after damage, per table
_CHUNK: Final = 2000
# Columns every schema version has; the texts schema 2 and 3 added are computed again.
TABLES: Final[dict[str, tuple[str, ...]]] = {
    "contacts": (
        "id",
        "name",
        "name_key",
        "company",
        "notes",
        "favorite",
        "extra_params",
        "created_at",
        "updated_at",
    ),
    "contact_numbers": ("id", "contact_id", "position", "label", "raw", "digits"),
    "history": (
        "id",
        "started_at",
        "number_digits",
        "number_display",
        "contact_id",
        "contact_name",
        "mode",
        "caller_id",
        "outcome",
        "error_kind",
        "request_id",
        "error_text",
        "sandbox",
    ),
    "do_not_call_team_copy": ("id", "source", "loaded_at", "entries", "skipped"),
    "call_lists": (
        "id",
        "name",
        "name_key",
        "source",
        "columns",
        "shown_columns",
        "position",
        "created_at",
        "selected_at",
    ),
    "call_list_entries": (
        "id",
        "list_id",
        "position",
        "line",
        "name",
        "number",
        "digits",
        "cells",
        "extra_params",
        "status",
        "disposition",
        "note",
        "attempts",
        "last_called_at",
        "request_id",
        "callback_at",
        "blocked_reason",
        "updated_at",
    ),
    "call_list_attempts": (
        "id",
        "entry_id",
        "started_at",
        "outcome",
        "request_id",
        "error_text",
        "disposition",
        "note",
    ),
}
ADDED_LATER: Final[dict[str, dict[str, str]]] = {"history": {"sandbox": "0"}}
"""Columns a later schema added, with what an older file's rows read as (SQL literals)."""
_TEXT: Final = (str,)
_MAYBE_TEXT: Final = (str, type(None))
_CHECKS: Final[dict[str, tuple[tuple[type, ...], ...]]] = {
    "contacts": ((int,), (str,), (str,), (str,), (str,), (int,), (str,), (str,), (str,)),
    "contact_numbers": ((int,), (int,), (int,), (str,), (str,), (str,)),
    "history": (
        (int,),
        (str,),
        (str,),
        (str,),
        (int, type(None)),
        (str,),
        (str,),
        (str, type(None)),
        (str,),
        (str, type(None)),
        (str, type(None)),
        (str, type(None)),
        (int,),
    ),
    "do_not_call_team_copy": ((int,), _TEXT, _TEXT, (int,), (int,)),
    "call_lists": ((int,), *[_TEXT] * 5, (int,), _TEXT, _TEXT),
    "call_list_entries": (
        *[(int,)] * 4,
        *[_TEXT] * 6,
        _MAYBE_TEXT,
        _TEXT,
        (int,),
        *[_MAYBE_TEXT] * 3,
        _TEXT,
        _TEXT,
    ),
    "call_list_attempts": ((int,), (int,), _TEXT, _TEXT, *[_MAYBE_TEXT] * 3, _TEXT),
}
_MODES: Final = frozenset({"softphone", "mobile"})
_OUTCOMES: Final = frozenset({"initiated", "failed", "cancelled"})
_LIST_STATUSES: Final = frozenset({"pending", "called", "done", "callback"})
_ATTEMPT_OUTCOMES: Final = frozenset({"started", "initiated", "failed"})
_DISPOSITIONS: Final = frozenset(
    {None, "connected", "no_answer", "busy", "voicemail", "wrong_number", "callback", "do_not_call"}
)


@dataclass
class Recovered:
    """What came back: rows read from the damaged file (``salvaged``), rows taken from the
    backup (``restored``), the row-id ranges the file could not give (``gaps``), and how many
    rows each table holds once recovered (``kept``)."""

    salvaged: dict[str, int] = field(default_factory=dict)
    restored: dict[str, int] = field(default_factory=dict)
    gaps: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)
    backup: Path | None = None
    unread_lists: bool = False  # SQLite could not read all of a do-not-call list

    @property
    def lost_ranges(self) -> bool:
        """Some of the file could not be read and no backup filled it in."""
        return (any(self.gaps.values()) or self.unread_lists) and self.backup is None


def recover(damaged: Path, target: sqlite3.Connection, backup: Path | None) -> Recovered:
    """Fill ``target`` (a fresh, empty database at the current schema) from ``damaged`` and,
    for what it cannot give, from ``backup``; in one transaction. The do-not-call lists take
    every number of the backup too (see ``_recovery_keyed``)."""
    result = Recovered()
    target.execute("PRAGMA foreign_keys = OFF")  # rows arrive in any order; checked below
    try:
        with transaction(target):
            result.unread_lists = _salvage(damaged, target, result)
            if any(result.gaps.values()) or result.unread_lists:
                _salvage_pages(damaged, target, result, keyed=result.unread_lists)
            if backup is not None:
                _fill_from_backup(backup, target, result)
            _tidy(target)
            result.kept = {
                table: int(target.execute(f"SELECT count(*) FROM {table}").fetchone()[0])  # noqa: S608
                for table in (*TABLES, *KEYED)
            }
    finally:
        target.execute("PRAGMA foreign_keys = ON")
    return result


# reading the damaged file -------------------------------------------------------------------
def _salvage(damaged: Path, target: sqlite3.Connection, result: Recovered) -> bool:
    """Copy what SQLite reads of every table; True when the do-not-call lists were not read
    whole (their pages are to be scanned)."""
    immutable = not wal_has_content(damaged)  # no -shm, no -wal left beside the kept file
    try:
        source = connect(read_only_uri(damaged, immutable=immutable), uri=True)
    except sqlite3.Error:
        result.gaps = {table: [(1, MAX_ROWID)] for table in TABLES}
        result.salvaged = dict.fromkeys(TABLES, 0)
        read_keyed(None, target)
        return True
    source.text_factory = _lenient_text
    with closing(source):
        for table in TABLES:
            columns = _columns(source, table)
            if columns is None:  # written before the table existed
                result.salvaged[table], result.gaps[table] = 0, []
                continue
            copied, gaps = _copy_readable(source, target, table, columns)
            result.salvaged[table] = copied
            result.gaps[table] = gaps
        keyed = read_keyed(source, target)
    result.salvaged.update({table: max(count, 0) for table, count in keyed.items()})
    return any(count < 0 for count in keyed.values())


def _columns(source: sqlite3.Connection, table: str) -> list[str] | None:
    """What to select for the columns of :data:`TABLES` from ``source``: a column a later
    schema added reads as its default from an older file; None when the file's schema is
    readable and has no such table (every column is asked for when it is not readable)."""
    wanted = list(TABLES[table])
    try:
        present = {row[1] for row in source.execute(f"PRAGMA table_info({table})")}
    except (sqlite3.Error, UnicodeDecodeError):
        return wanted
    if not present:
        return None
    defaults = ADDED_LATER.get(table, {})
    return [name if name in present or name not in defaults else defaults[name] for name in wanted]


def _salvage_pages(
    damaged: Path, target: sqlite3.Connection, result: Recovered, *, keyed: bool
) -> None:
    """Rows SQLite could not reach, read from the file's pages (see ``_pages``); its ``-wal``
    is applied to a copy first when there is one (its pages are the newer ones)."""
    scratch = None
    source = damaged
    if wal_has_content(damaged):
        with suppress(OSError, sqlite3.Error):
            scratch = ScratchCopy(damaged)
            with closing(connect(scratch.path)) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            source = scratch.path
    try:
        found, lists = scan_rows(source, result.gaps, keyed)
    finally:
        if scratch is not None:
            scratch.remove()
    for table, rows in found.items():
        good = [_repaired(table, row) for row in rows.values() if _valid(table, row)]
        before = target.total_changes
        target.executemany(_insert_sql(table), good)
        result.salvaged[table] = result.salvaged.get(table, 0) + target.total_changes - before
    for table, count in add_found(target, lists).items():
        result.salvaged[table] = result.salvaged.get(table, 0) + count


def _lenient_text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def _select(source: sqlite3.Connection, table: str, where: str) -> str | None:
    """SELECT of the columns :data:`TABLES` lists (fixed names: no outside text in SQL), as
    ``source`` has them; None when it has no such table."""
    columns = _columns(source, table)
    if columns is None:
        return None
    return f"SELECT {', '.join(columns)} FROM {table} WHERE {where}"  # noqa: S608


def _insert_sql(table: str) -> str:
    columns = TABLES[table]
    places = ", ".join("?" * len(columns))
    return f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({places})"  # noqa: S608


def _copy_readable(
    source: sqlite3.Connection, target: sqlite3.Connection, table: str, selected: list[str]
) -> tuple[int, list[tuple[int, int]]]:
    """Copy the readable rows of ``table`` (``selected``: its columns as the file has them);
    returns how many and the skipped id ranges."""
    columns = ", ".join(selected[1:])  # the id is the row id (read as such)
    select = f"SELECT rowid, {columns} FROM {table} WHERE rowid > ? ORDER BY rowid"  # noqa: S608
    insert = _insert_sql(table)
    after, copied, budget = 0, 0, [_QUERY_BUDGET]
    gaps: list[tuple[int, int]] = []
    pending: list[tuple[Any, ...]] = []
    while True:
        try:
            for row in source.execute(select, (after,)):
                after = row[0]
                if _valid(table, row):
                    pending.append(_repaired(table, row))
                    if len(pending) >= _CHUNK:
                        copied += _insert(target, insert, pending)
                else:
                    gaps.append((after, after))
            break
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            resume = _next_readable(source, table, after, budget)
            if resume is None:
                gaps.append((after + 1, MAX_ROWID))
                break
            gaps.append((after + 1, resume))
            after = resume
    copied += _insert(target, insert, pending)
    return copied, gaps


def _insert(target: sqlite3.Connection, insert: str, rows: list[tuple[Any, ...]]) -> int:
    before = target.total_changes
    target.executemany(insert, rows)
    rows.clear()
    return target.total_changes - before


def _next_readable(
    source: sqlite3.Connection, table: str, after: int, budget: list[int]
) -> int | None:
    """The smallest ``s > after`` from which rows can be read again (rows in ``(after, s]``
    cannot), or None when nothing after ``after`` can be read (or the budget is spent)."""
    probe = f"SELECT rowid FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 1"  # noqa: S608

    def readable(start: int) -> bool:
        budget[0] -= 1
        try:
            source.execute(probe, (start,)).fetchone()
        except (sqlite3.DatabaseError, UnicodeDecodeError):
            return False
        return True

    failing, step = after, 1
    while True:
        if budget[0] <= 0 or after + step >= MAX_ROWID:
            return None
        if readable(after + step):
            good = after + step
            break
        failing = after + step
        step *= 2
    while good - failing > 1 and budget[0] > 0:
        middle = (good + failing) // 2
        if readable(middle):
            good = middle
        else:
            failing = middle
    return good


def _valid(table: str, row: tuple[Any, ...]) -> bool:
    """Whether a salvaged row has the types its columns need (damage can scramble them)."""
    checks = _CHECKS[table]
    if len(row) != len(checks) or not all(
        isinstance(value, kinds) for value, kinds in zip(row, checks, strict=True)
    ):
        return False
    if table == "contacts":
        return row[5] in (0, 1)
    if table == "history":
        return row[6] in _MODES and row[8] in _OUTCOMES and row[12] in (0, 1)
    if table == "call_list_entries":
        return row[9] in _LIST_STATUSES and row[10] in _DISPOSITIONS
    if table == "call_list_attempts":
        return row[3] in _ATTEMPT_OUTCOMES and row[6] in _DISPOSITIONS
    return True


def _repaired(table: str, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A contact's extra parameters that no longer read as a JSON object become ``{}``."""
    if table != "contacts":
        return row
    try:
        extra = json.loads(row[6])
    except ValueError:
        extra = None
    return row if isinstance(extra, dict) else (*row[:6], "{}", *row[7:])


# the backup ---------------------------------------------------------------------------------
def _fill_from_backup(backup: Path, target: sqlite3.Connection, result: Recovered) -> None:
    """The backup's rows in the ranges the file could not give, the numbers of contacts it
    gave back, and every number of its do-not-call lists."""
    try:
        source = connect(read_only_uri(backup, immutable=True), uri=True)
        source.execute("SELECT count(*) FROM contacts").fetchone()
    except sqlite3.Error:
        return
    source.text_factory = _lenient_text
    with closing(source):
        restored: dict[str, int] = {}
        contacts: list[int] = []
        for table in TABLES:
            ids = _copy_ranges(source, target, table, result.gaps.get(table, []))
            contacts = ids if table == "contacts" else contacts
            restored[table] = len(ids)
        restored["contact_numbers"] += _numbers_of(source, target, contacts)
        restored.update(add_from_backup(source, target))
    if any(result.gaps.values()) or result.unread_lists or any(restored.values()):
        result.backup = backup
    result.restored = restored


def _copy_ranges(
    source: sqlite3.Connection,
    target: sqlite3.Connection,
    table: str,
    gaps: Iterable[tuple[int, int]],
) -> list[int]:
    """Copy the backup's rows of ``table`` in the skipped ranges; returns their ids."""
    select = _select(source, table, "rowid BETWEEN ? AND ?")
    insert = _insert_sql(table)
    copied: list[int] = []
    if select is None:
        return copied
    for low, high in gaps:
        try:
            rows = [
                _repaired(table, row)
                for row in source.execute(select, (low, high))
                if _valid(table, row)
            ]
        except sqlite3.Error:
            continue
        for row in rows:
            before = target.total_changes
            target.execute(insert, row)
            if target.total_changes > before:
                copied.append(row[0])
    return copied


def _numbers_of(
    source: sqlite3.Connection, target: sqlite3.Connection, contact_ids: Sequence[int]
) -> int:
    """The backup's numbers of contacts it gave back, where the damaged file had none."""
    select = _select(source, "contact_numbers", "contact_id = ?")
    insert = _insert_sql("contact_numbers")
    count = 0
    if select is None:
        return count
    for contact_id in contact_ids:
        have = target.execute(
            "SELECT count(*) FROM contact_numbers WHERE contact_id = ?", (contact_id,)
        ).fetchone()[0]
        if have:
            continue
        rows = source.execute(select, (contact_id,)).fetchall()
        for row in rows:
            before = target.total_changes
            target.execute(insert, row)
            count += target.total_changes - before
    return count


# making it whole ----------------------------------------------------------------------------
def _tidy(target: sqlite3.Connection) -> None:
    """Drop numbers without a contact, name the lists of entries whose list is lost, drop
    attempts without an entry, unlink calls from missing contacts, rebuild the stored search
    texts and keep contact ids from being reused."""
    target.execute("DELETE FROM contact_numbers WHERE contact_id NOT IN (SELECT id FROM contacts)")
    _name_lost_lists(target)
    target.execute("DELETE FROM call_list_entries WHERE list_id NOT IN (SELECT id FROM call_lists)")
    target.execute(
        "DELETE FROM call_list_attempts WHERE entry_id NOT IN (SELECT id FROM call_list_entries)"
    )
    target.execute(
        "UPDATE history SET contact_id = NULL"
        " WHERE contact_id IS NOT NULL AND contact_id NOT IN (SELECT id FROM contacts)"
    )
    rebuild_texts(target)
    target.execute("DELETE FROM sqlite_sequence WHERE name = 'contacts'")
    target.execute(
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'contacts', coalesce(max(id), 0)"
        " FROM contacts"
    )


def _name_lost_lists(target: sqlite3.Connection) -> None:
    """Entries whose list row neither the file nor the backup gave (a list's row is small:
    one damaged page can hold every list) come back under a list named after its id, so
    the outcomes are not lost with it (its column names are)."""
    target.execute(
        "INSERT OR IGNORE INTO call_lists (id, name, name_key, created_at, selected_at)"
        " SELECT list_id, 'Recovered list ' || list_id, 'recovered list ' || list_id,"
        " min(updated_at), '' FROM call_list_entries"
        " WHERE list_id NOT IN (SELECT id FROM call_lists) GROUP BY list_id"
    )


def rebuild_texts(conn: sqlite3.Connection) -> None:
    """Write every contact's stored texts again from its name, company and numbers."""
    numbers = {
        contact_id: [ContactNumber(raw, digits) for _, raw, digits in rows]
        for contact_id, rows in groupby(
            conn.execute(
                "SELECT contact_id, raw, digits FROM contact_numbers ORDER BY contact_id, position"
            ),
            key=itemgetter(0),
        )
    }
    contacts = conn.execute("SELECT id, name, company FROM contacts").fetchall()
    conn.executemany(
        UPDATE_TEXTS_ONLY,
        [
            (*stored_texts(name, company, numbers.get(contact_id, [])), contact_id)
            for contact_id, name, company in contacts
        ],
    )
