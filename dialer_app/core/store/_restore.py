"""Putting a backup back without losing what is newer than it.

The contacts (with their numbers) and the call history become the backup's, as the agent
asked; everything else the agent relies on is kept:

- calls made after the backup's newest call stay in the history (attempts per day are
  counted from it, so a restore must not make a number called today callable again);
- the do-not-call list is the union of the current one and the backup's (a number on either
  stays listed); the copy of the team's list stays the current one (the newer read), or the
  backup's when there is no current one;
- call lists: each list (by name) is the copy with the newer activity (the last time it was
  selected or an entry changed); a list's outcomes only grow while it is worked, so the newer
  copy holds the older one's and more. A list only one side has is kept.

The backup is copied to a private temporary folder, brought to the current schema there and
attached, and everything is merged in one transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Final

from dialer_app.core.store._backup import BackupContents, read_contents
from dialer_app.core.store._db import Migration, connect, migrate, transaction
from dialer_app.core.store._errors import NewerSchemaError, StoreError
from dialer_app.core.store._files import ScratchCopy

_REPLACED: Final = ("contacts", "contact_numbers", "history")
_LIST_ACTIVITY: Final = (
    "SELECT max(l.selected_at, coalesce(max(e.updated_at), '')) FROM {db}.call_lists l"
    " LEFT JOIN {db}.call_list_entries e ON e.list_id = l.id WHERE l.id = ?"
)


@dataclass(frozen=True)
class Kept:
    """What a restore kept of the database it replaced (in ``RestoredBackup``'s order)."""

    calls: int = 0  # calls newer than the backup
    do_not_call: int = 0  # do-not-call numbers listed after the restore
    call_lists: int = 0  # lists kept as they were (newer than the backup's, or only here)
    call_lists_from_backup: int = 0  # lists taken from the backup (newer there, or only there)

    def __iter__(self) -> Iterator[int]:
        return iter(astuple(self))


def readable_backup(backup: Path, latest: int) -> BackupContents:
    """What ``backup`` holds, or why it cannot be restored (``StoreError``: unreadable,
    ``NewerSchemaError``: written by a newer app, schema above ``latest``); nothing changes."""
    try:
        contents = read_contents(backup)
    except sqlite3.Error as exc:
        raise StoreError(f"the backup {backup} cannot be read ({exc}); nothing changed") from exc
    if contents.schema > latest:
        raise NewerSchemaError(
            f"the backup {backup} was written by a newer version of the app; nothing changed"
        )
    return contents


def restore_keeping_newer(
    conn: sqlite3.Connection, backup: Path, migrations: Sequence[Migration]
) -> Kept:
    """Merge ``backup`` into the database behind ``conn`` (see the module doc)."""
    scratch = ScratchCopy(backup)
    try:
        with closing(connect(scratch.path)) as copy:
            migrate(copy, migrations)
        conn.execute("ATTACH DATABASE ? AS restored", (str(scratch.path),))
        try:
            with transaction(conn):
                return _merge(conn)
        finally:
            conn.execute("DETACH DATABASE restored")
    finally:
        scratch.remove()


def _merge(conn: sqlite3.Connection) -> Kept:
    newest = conn.execute("SELECT coalesce(max(started_at), '') FROM restored.history")
    cutoff = str(newest.fetchone()[0])
    history = _columns(conn, "history")
    conn.execute("DROP TABLE IF EXISTS temp.newer_calls")
    conn.execute(
        f"CREATE TEMP TABLE newer_calls AS SELECT {history} FROM main.history"  # noqa: S608
        " WHERE started_at > ? ORDER BY started_at, id",
        (cutoff,),
    )
    for table in reversed(_REPLACED):
        conn.execute(f"DELETE FROM main.{table}")  # noqa: S608
    for table in _REPLACED:
        columns = _columns(conn, table)
        conn.execute(
            f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM restored.{table}"  # noqa: S608
        )
    without_id = history.replace("id, ", "", 1)
    linked = without_id.replace(  # a call's contact, if the backup has it too
        "contact_id",
        "CASE WHEN contact_id IN (SELECT id FROM main.contacts) THEN contact_id END",
        1,
    )
    calls = conn.execute(
        f"INSERT INTO main.history ({without_id}) SELECT {linked}"  # noqa: S608
        " FROM temp.newer_calls ORDER BY rowid"
    ).rowcount
    conn.execute("DROP TABLE temp.newer_calls")
    conn.execute(
        "INSERT OR IGNORE INTO main.do_not_call (digits, note, added_at, source)"
        " SELECT digits, note, added_at, source FROM restored.do_not_call"
    )
    if conn.execute("SELECT NOT EXISTS (SELECT 1 FROM main.do_not_call_team_copy)").fetchone()[0]:
        conn.execute("DELETE FROM main.do_not_call_team")
        conn.execute("INSERT INTO main.do_not_call_team SELECT * FROM restored.do_not_call_team")
        conn.execute(
            "INSERT INTO main.do_not_call_team_copy SELECT * FROM restored.do_not_call_team_copy"
        )
    kept, taken = _merge_lists(conn)
    listed = int(conn.execute("SELECT count(*) FROM main.do_not_call").fetchone()[0])
    return Kept(calls, listed, kept, taken)


def _merge_lists(conn: sqlite3.Connection) -> tuple[int, int]:
    """Each list as its newer copy; returns how many stayed and how many came from the
    backup."""
    current = dict(conn.execute("SELECT name_key, id FROM main.call_lists").fetchall())
    taken = 0
    for name_key, backup_id in conn.execute(
        "SELECT name_key, id FROM restored.call_lists ORDER BY id"
    ).fetchall():
        here = current.get(name_key)
        if here is not None:
            if _activity(conn, "restored", backup_id) <= _activity(conn, "main", here):
                continue
            conn.execute("DELETE FROM main.call_lists WHERE id = ?", (here,))  # cascades
        _copy_list(conn, backup_id)
        taken += 1
    total = int(conn.execute("SELECT count(*) FROM main.call_lists").fetchone()[0])
    return total - taken, taken


def _activity(conn: sqlite3.Connection, db: str, list_id: int) -> str:
    return str(conn.execute(_LIST_ACTIVITY.format(db=db), (list_id,)).fetchone()[0] or "")


def _copy_list(conn: sqlite3.Connection, backup_id: int) -> None:
    """The backup's list ``backup_id`` with its entries and attempts, under new ids."""
    lists = _columns(conn, "call_lists").replace("id, ", "", 1)
    new_id = conn.execute(
        f"INSERT INTO main.call_lists ({lists}) SELECT {lists}"  # noqa: S608
        " FROM restored.call_lists WHERE id = ? RETURNING id",
        (backup_id,),
    ).fetchone()[0]
    entries = _columns(conn, "call_list_entries").replace("id, list_id, ", "", 1)
    conn.execute(
        f"INSERT INTO main.call_list_entries (list_id, {entries}) SELECT ?, {entries}"  # noqa: S608
        " FROM restored.call_list_entries WHERE list_id = ? ORDER BY position",
        (new_id, backup_id),
    )
    attempts = _columns(conn, "call_list_attempts").replace("id, entry_id, ", "", 1)
    prefixed = ", ".join(f"a.{name}" for name in attempts.split(", "))
    conn.execute(
        f"INSERT INTO main.call_list_attempts (entry_id, {attempts}) SELECT m.id, {prefixed}"  # noqa: S608
        " FROM restored.call_list_attempts a"
        " JOIN restored.call_list_entries e ON e.id = a.entry_id"
        " JOIN main.call_list_entries m ON m.list_id = ? AND m.position = e.position"
        " WHERE e.list_id = ? ORDER BY a.id",
        (new_id, backup_id),
    )


def _columns(conn: sqlite3.Connection, table: str) -> str:
    """The columns of ``table`` in the main database, in order (the attached copy was
    brought to the same schema by the same migrations, so it has the same ones)."""
    return ", ".join(row[1] for row in conn.execute(f"PRAGMA main.table_info({table})"))
