"""Opening the database file whatever state the profile is in.

In order: what stands at the database's paths must be regular files; a ``-wal`` left next to
the file must belong to it (else it is set aside, never applied); a damaged file is kept
aside and rebuilt from what it still gives plus the newest backup; a file that cannot be
written (read-only profile, full disk) is opened for reading, and so is a rebuilt one.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Sequence
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dialer_app.core.atomic import move_aside
from dialer_app.core.store._backup import (
    back_up,
    backup_folder,
    copy_file_as_backup,
    newest_backup,
)
from dialer_app.core.store._db import (
    Migration,
    connect,
    diagnose,
    migrate,
    move_aside_damaged,
    open_read_only,
    open_writable,
    primary_code,
    read_only_uri,
    why_not_writable,
)
from dialer_app.core.store._errors import StoreError
from dialer_app.core.store._files import (
    PRIVATE_FOLDER,
    SIDECAR_SUFFIXES,
    ScratchCopy,
    check_regular_files,
    create_private,
    sidecar,
    wal_has_content,
)
from dialer_app.core.store._recovery import recover
from dialer_app.core.store._rows import utc_now_text
from dialer_app.core.store._types import RecoveryNotice

_WRITE_FAILURES: Final = frozenset(
    {
        sqlite3.SQLITE_READONLY,
        sqlite3.SQLITE_CANTOPEN,
        sqlite3.SQLITE_PERM,
        sqlite3.SQLITE_FULL,
        sqlite3.SQLITE_IOERR,
    }
)
_NO_PERMISSION_ERRNOS: Final = frozenset(
    {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
)
_WAL_SALTS: Final = slice(16, 24)  # in the -wal header
_SHM_SALTS: Final = slice(32, 40)  # the -wal header's salts as the -shm index last saw them


@dataclass
class Opened:
    """An open connection and what the store must say about how it was opened."""

    conn: sqlite3.Connection
    read_only_reason: str = ""
    recovery: RecoveryNotice | None = None
    journal_note: str = ""


def open_database(path: Path, migrations: Sequence[Migration], *, check: bool = True) -> Opened:
    """See the module doc. Raises ``NewerSchemaError``, ``MigrationError`` or ``StoreError``.

    Without ``check`` the file's pages are not all read first (``quick_check`` takes 0.1 s
    for 100,000 contacts): only its header and schema are; the caller verifies it later
    (:meth:`Store.verify`) and opens it again with ``check`` when it is damaged.
    """
    try:
        path.parent.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    except OSError as exc:
        why = f"the folder {path.parent} cannot be created: {exc.strerror or exc}"
        if exc.errno not in _NO_PERMISSION_ERRNOS:
            raise StoreError(f"cannot open {path.name}: {why}") from exc
        return Opened(open_read_only(path, migrations), why)
    check_regular_files(path)
    journal_note = _set_aside_a_foreign_journal(path)
    damage = diagnose(path, len(migrations), full=check)
    if damage is not None:
        return _rebuilt(path, migrations, damage, journal_note)
    files = (path, *(sidecar(path, suffix) for suffix in SIDECAR_SUFFIXES))
    new = [file for file in files if not file.exists()]
    try:
        create_private(path)
        return Opened(open_writable(path, migrations), journal_note=journal_note)
    except UnicodeDecodeError:
        # SQLite's message quoted damaged schema bytes that the read-only check let pass.
        damage = "malformed database schema (damaged text)"
        return _rebuilt(path, migrations, damage, journal_note)
    except (sqlite3.Error, OSError) as exc:
        if not _is_write_failure(exc):
            raise StoreError(f"cannot open {path.name}: {exc}") from exc
        why = why_not_writable(path, exc)
        for file in new:  # what this attempt created holds nothing: leave no empty files
            file.unlink(missing_ok=True)
    try:
        return Opened(open_read_only(path, migrations), why, journal_note=journal_note)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path.name}: {exc} ({why})") from exc


def _is_write_failure(exc: BaseException) -> bool:
    if isinstance(exc, OSError):
        return exc.errno in _NO_PERMISSION_ERRNOS
    return isinstance(exc, sqlite3.Error) and primary_code(exc) in _WRITE_FAILURES


# a -wal file that may not belong ------------------------------------------------------------
def _set_aside_a_foreign_journal(path: Path) -> str:
    """Check a ``-wal`` that holds changes no running connection knows of (a crash, or a file
    copied in); if applying it would replace or damage this database, move it aside.

    The ``-shm`` index of a live or crashed session carries the salts of its ``-wal``; a
    journal copied in from elsewhere does not match it. Before a suspect journal is tried
    (on a copy), the database file as it is gets a backup, so nothing can be lost.
    """
    if not path.exists() or not wal_has_content(path) or _journal_is_known(path):
        return ""
    try:
        before = copy_file_as_backup(path, backup_folder(path))
    except OSError:
        before = None
    try:
        belongs = _journal_belongs(path, before)
    except OSError:
        return ""  # no room to try it: it stays, with the backup above
    if belongs:
        return ""
    wal = sidecar(path, "-wal")
    moved = move_aside(wal, "foreign")
    with suppress(OSError):
        move_aside(sidecar(path, "-shm"), "foreign")
    kept = f" (a copy of them is also in the backup {before})" if before else ""
    return (
        f"A journal file ({wal.name}) that does not belong to the contacts database was found "
        f"and set aside as {moved}; it was not applied, so the contacts are unchanged{kept}."
    )


def _journal_is_known(path: Path) -> bool:
    try:
        with sidecar(path, "-wal").open("rb") as wal, sidecar(path, "-shm").open("rb") as shm:
            return wal.read(32)[_WAL_SALTS] == shm.read(48)[_SHM_SALTS]
    except OSError:
        return False


def _journal_belongs(path: Path, before: Path | None) -> bool:
    """Apply the journal to a copy: it belongs when the result is healthy, still this
    database (same ``database_id``) and the file alone was not healthier."""
    scratch = ScratchCopy(path)
    try:
        with closing(connect(scratch.path)) as conn:
            applied = _identity(conn)
    finally:
        scratch.remove()
    alone = None
    if before is not None:
        with closing(connect(read_only_uri(before, immutable=True), uri=True)) as conn:
            alone = _identity(conn)
    if applied is None:
        return alone is None  # the journal damages a healthy file: not its own
    if alone is None:
        return True
    return applied == alone or alone == ""


def _identity(conn: sqlite3.Connection) -> str | None:
    """The database's id ("" before schema 3), or None when it is damaged or not ours."""
    try:
        if [row[0] for row in conn.execute("PRAGMA quick_check")] != ["ok"]:
            return None
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "contacts" not in tables:
            return None if tables else ""
        if "meta" not in tables:
            return ""
        row = conn.execute("SELECT value FROM meta WHERE key = 'database_id'").fetchone()
    except (sqlite3.Error, UnicodeDecodeError):
        return None
    return str(row[0]) if row else ""


# a damaged file ------------------------------------------------------------------------------
def _rebuilt(path: Path, migrations: Sequence[Migration], damage: str, journal: str) -> Opened:
    """Keep the damaged file aside and rebuild the database from it and the newest backup;
    where nothing can be written the rebuilt database lives in memory (read-only)."""
    try:
        moved = move_aside_damaged(path)
    except OSError as exc:
        raise StoreError(
            f"{path.name} is damaged ({damage}) and could not be moved aside: "
            f"{exc.strerror or exc}"
        ) from exc
    why = ""
    try:
        create_private(path)
        conn = open_writable(path, migrations)
    except (sqlite3.Error, OSError) as exc:
        if not _is_write_failure(exc):
            raise StoreError(f"cannot create a new {path.name}: {exc}") from exc
        why = why_not_writable(path, exc)
        conn = connect(":memory:")
        migrate(conn, migrations)
    newest = newest_backup(backup_folder(path))
    recovered = recover(moved, conn, newest.path if newest else None)
    notice = RecoveryNotice(
        moved_to=moved,
        reason=damage,
        salvaged_contacts=recovered.salvaged.get("contacts", 0),
        salvaged_history=recovered.salvaged.get("history", 0),
        restored_contacts=recovered.restored.get("contacts", 0),
        restored_history=recovered.restored.get("history", 0),
        backup=recovered.backup,
        backup_taken=newest.describe() if newest and recovered.backup else "",
        incomplete=recovered.lost_ranges,
        do_not_call=recovered.kept.get("do_not_call", 0),
        do_not_call_from_backup=recovered.restored.get("do_not_call", 0),
        team_do_not_call=recovered.kept.get("do_not_call_team", 0),
        call_lists=recovered.kept.get("call_lists", 0),
        call_list_entries=recovered.kept.get("call_list_entries", 0),
    )
    _remember(conn, notice)  # in memory too: an export this session says so
    if not why:
        with suppress(OSError, sqlite3.Error):
            back_up(conn, backup_folder(path))
    else:
        conn.execute("PRAGMA query_only = ON")
    return Opened(conn, why, notice, journal)


def _remember(conn: sqlite3.Connection, notice: RecoveryNotice) -> None:
    """Record the recovery in the database, for the next export to mention."""
    with suppress(sqlite3.Error):
        conn.execute(
            "INSERT INTO recoveries (recovered_at, damaged_file, reason, salvaged_contacts,"
            " salvaged_history, restored_contacts, restored_history, backup_file)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                utc_now_text(),
                str(notice.moved_to),
                notice.reason,
                notice.salvaged_contacts,
                notice.salvaged_history,
                notice.restored_contacts,
                notice.restored_history,
                str(notice.backup or ""),
            ),
        )

