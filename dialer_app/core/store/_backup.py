"""Backups of the database in the profile's ``backups`` folder: consistent copies made with
SQLite's backup API, the newest :data:`KEEP` kept, each readable by its owner only."""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

from dialer_app.core.atomic import fsync_folder
from dialer_app.core.profile import irregular_file
from dialer_app.core.store._db import connect, read_only_uri, small_page_cache
from dialer_app.core.store._files import PRIVATE_FILE, PRIVATE_FOLDER, private_copy

BACKUP_FOLDER: Final = "backups"
KEEP: Final = 7
DAILY_SECONDS: Final = 24 * 3600
_NAME: Final = re.compile(r"contacts-(\d{8}-\d{6})(?:-(\d+))?\.db")


@dataclass(frozen=True)
class Backup:
    """One backup file; ``taken`` is when it was made (from its name)."""

    path: Path
    taken: datetime

    def describe(self) -> str:
        return self.taken.strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class BackupContents:
    """What a backup holds, read without changing it."""

    contacts: int
    history: int
    schema: int


def backup_folder(database: Path) -> Path:
    return database.parent / BACKUP_FOLDER


def list_backups(folder: Path) -> list[Backup]:
    """The backups in ``folder``, newest first (anything else there is left alone)."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return []
    found: list[tuple[str, int, Path]] = []
    for name in names:
        match = _NAME.fullmatch(name)
        path = folder / name
        if match is not None and not irregular_file(path):
            found.append((match.group(1), int(match.group(2) or 1), path))
    found.sort(reverse=True)
    return [
        Backup(path, datetime.strptime(stamp, "%Y%m%d-%H%M%S")) for stamp, _n, path in found
    ]


def newest_backup(folder: Path) -> Backup | None:
    backups = list_backups(folder)
    return backups[0] if backups else None


def backup_due(folder: Path, now: float | None = None) -> bool:
    """Whether the newest backup is more than a day old (or there is none)."""
    newest = newest_backup(folder)
    if newest is None:
        return True
    return (now or time.time()) - newest.taken.timestamp() >= DAILY_SECONDS


def back_up(conn: sqlite3.Connection, folder: Path) -> Path:
    """A consistent copy of the database behind ``conn`` (SQLite's backup API: it reads one
    snapshot, whatever other connections write meanwhile); older backups beyond :data:`KEEP`
    are removed. Raises ``OSError`` or ``sqlite3.Error`` when it cannot be written."""

    def write(temporary: Path) -> None:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
        with closing(connect(temporary)) as copy, small_page_cache(conn, copy):
            conn.backup(copy)

    return _keep(folder, write)


def copy_file_as_backup(database: Path, folder: Path) -> Path:
    """The database file as it is on disk (without its ``-wal``), kept as a backup."""
    return _keep(folder, lambda temporary: private_copy(database, temporary))


def _keep(folder: Path, write: Callable[[Path], None]) -> Path:
    """A new backup in ``folder`` that ``write`` makes at a temporary path, published under
    its final name only once whole; the oldest beyond :data:`KEEP` are removed."""
    target, temporary = _new_names(folder)
    try:
        write(temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_folder(folder)
    prune(folder)
    return target


def prune(folder: Path) -> None:
    for old in list_backups(folder)[KEEP:]:
        with contextlib.suppress(OSError):
            old.path.unlink()


def read_contents(path: Path) -> BackupContents:
    """Counts and schema of a backup, after ``quick_check``; ``sqlite3.Error`` if unusable."""
    with closing(connect(read_only_uri(path, immutable=True), uri=True)) as conn:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check")]
        if problems != ["ok"]:
            raise sqlite3.DatabaseError("; ".join(str(p) for p in problems[:3]))
        schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        contacts = int(conn.execute("SELECT count(*) FROM contacts").fetchone()[0])
        history = int(conn.execute("SELECT count(*) FROM history").fetchone()[0])
    return BackupContents(contacts, history, schema)


def _new_names(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = folder / f"contacts-{stamp}.db"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"contacts-{stamp}-{counter}.db"
    return target, folder / f".{target.name}.tmp"
