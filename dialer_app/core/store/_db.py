"""SQLite connection mechanics of the store (see the package doc for the rules).

Connecting; opening writable (with a write probe), read-only, immutable or as an in-memory
stand-in; diagnosing a damaged file and moving it aside; running migrations; tolerant reads
(:func:`fetch_all` with :class:`_ReplacingDecoder` for text that is not UTF-8); and the
explicit ``BEGIN IMMEDIATE`` transaction every write runs in.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager, suppress
from pathlib import Path
from typing import Any, Final

from dialer_app.core.atomic import move_aside
from dialer_app.core.store._errors import MigrationError, NewerSchemaError, StoreError
from dialer_app.core.store._files import SIDECAR_SUFFIXES, ScratchCopy, wal_has_content

Migration = Callable[[sqlite3.Connection], None]
"""One schema step, run inside the caller's transaction (see ``store.MIGRATIONS``)."""

_BUSY_TIMEOUT_SECONDS: Final = 10.0
_DAMAGE_CODES: Final = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_NO_SHM_CODES: Final = frozenset(  # a WAL database whose -shm file cannot be created
    {sqlite3.SQLITE_READONLY_CANTINIT, sqlite3.SQLITE_READONLY_DIRECTORY}
)
_NO_SHM_PRIMARY: Final = frozenset(
    {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN}
)
_FULL_BYTES: Final = 64 * 1024  # less free space than this: the disk is full
_SCAN_CACHE_KIB: Final = 256  # page cache for a pass over every page (default: 2,000 KiB)
_UNDECODABLE: Final = "Could not decode to UTF-8"  # sqlite3's message for text that is not UTF-8
REPLACEMENT: Final = "\ufffd"  # what _ReplacingDecoder puts in place of such bytes


def connect(path: Path | str, *, uri: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(
        path,
        timeout=_BUSY_TIMEOUT_SECONDS,
        isolation_level=None,
        check_same_thread=False,
        uri=uri,
    )


def open_writable(path: Path, migrations: Sequence[Migration]) -> sqlite3.Connection:
    conn = connect(path)
    try:
        _probe_write(conn)
        _configure(conn)
        migrate(conn, migrations)
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
        conn.execute(f"PRAGMA user_version = {user_version(conn):d}")
    finally:
        conn.execute("ROLLBACK")


def read_only_uri(path: Path, *, immutable: bool = False) -> str:
    """A URI opening ``path`` for reading only (with ``uri=True``); ``immutable`` also skips
    locking and the ``-wal`` file (for files no one else writes: backups, copies)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    return f"{uri}&immutable=1" if immutable else uri


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: ``mode=ro``; when the folder does not allow the
    ``-shm`` file that reading a WAL database needs, ``immutable=1`` (no one can write it
    either) or, when its ``-wal`` holds changes that would then be missed, a copy of both
    made elsewhere and read into memory.

    Other errors of the first read are left for the caller to meet (e.g. a damaged file).
    """
    conn = connect(read_only_uri(path), uri=True)
    try:
        conn.execute("PRAGMA user_version").fetchone()
    except sqlite3.Error as exc:
        if primary_code(exc) not in _NO_SHM_PRIMARY or not _no_shm(exc):
            return conn
        conn.close()
        if wal_has_content(path):
            try:
                return _read_through_a_copy(path)
            except (OSError, sqlite3.Error):
                pass  # no room anywhere: the file as it is, without its last changes
        return connect(read_only_uri(path, immutable=True), uri=True)
    return conn


def _no_shm(exc: sqlite3.Error) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code in _NO_SHM_CODES or primary_code(exc) in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL)


def _read_through_a_copy(path: Path) -> sqlite3.Connection:
    """The database with its ``-wal`` applied, read from a temporary copy into memory."""
    scratch = ScratchCopy(path)
    try:
        with closing(connect(scratch.path)) as copy:
            memory = connect(":memory:")
            copy.backup(memory)
    finally:
        scratch.remove()
    return memory


def open_read_only(path: Path, migrations: Sequence[Migration]) -> sqlite3.Connection:
    """The database at ``path`` for reading only; writes fail with SQLITE_READONLY.

    Without a file there is nothing to read: an empty in-memory database stands in. A file
    with an older schema cannot be upgraded in place, so an upgraded copy in memory is read.
    """
    if path.exists():
        conn = _connect_read_only(path)
        try:
            if user_version(conn) < len(migrations):
                memory = connect(":memory:")
                conn.backup(memory)
                conn.close()
                conn = memory
                migrate(conn, migrations)
        except BaseException:
            conn.close()
            raise
    else:
        conn = connect(":memory:")
        migrate(conn, migrations)
    conn.execute("PRAGMA query_only = ON")
    return conn


def why_not_writable(path: Path, exc: BaseException) -> str:
    """Plain words for why ``path`` opened read-only (SQLite's message when no check says)."""
    if disk_full(path.parent, exc):
        return f"the disk holding {path.parent} is full"
    if not os.access(path.parent, os.W_OK):
        what = f"the folder {path.parent} cannot be written to"
        return what if path.exists() else f"{path.name} does not exist and {what}"
    if path.exists() and not os.access(path, os.W_OK):
        return f"the file {path} cannot be written to"
    return str(exc)


def disk_full(folder: Path, exc: BaseException | None = None) -> bool:
    """Whether ``exc`` says the disk is full, or ``folder``'s file system has no room left."""
    if isinstance(exc, sqlite3.Error) and primary_code(exc) == sqlite3.SQLITE_FULL:
        return True
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return True
    try:
        return shutil.disk_usage(folder).free < _FULL_BYTES
    except OSError:
        return False


def _configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":
        raise StoreError(f"could not switch the database to WAL mode (got {mode!r})")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def diagnose(path: Path, latest: int, *, full: bool = True) -> str | None:
    """Why the file at ``path`` is unusable, or None when it is healthy or absent.

    Checks through a read-only connection first, so a damaged file is never written to; falls
    back to a normal connection when read-only access is not possible (e.g. a hot rollback
    journal that needs replaying). Without ``full`` only the header and the schema are read
    (see :func:`verify` for the rest).
    """
    if not path.exists():
        return None
    try:
        with closing(_connect_read_only(path)) as conn:
            return _inspect(conn, path, latest, full)
    except sqlite3.OperationalError:
        pass
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path.name}: {exc}") from exc
    try:
        with closing(connect(path)) as conn:
            return _inspect(conn, path, latest, full)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open {path.name}: {exc}") from exc


def verify(conn: sqlite3.Connection) -> str | None:
    """Why an open database is damaged (``quick_check`` reads every page), or None."""

    def check() -> str | None:
        with small_page_cache(conn):  # (its PRAGMAs read the schema: damage shows there too)
            return _quick_check(conn)

    return _damage_of(check)


@contextmanager
def small_page_cache(*conns: sqlite3.Connection) -> Iterator[None]:
    """A pass over every page (the check, a backup) with small page caches, given back after.

    With SQLite's default of 2 MiB each, the page check right after start-up and the daily
    backup after it kept 2 MiB apiece of pages no one reads again (issue 14: memory).
    """
    sizes = [int(conn.execute("PRAGMA cache_size").fetchone()[0]) for conn in conns]
    for conn in conns:
        conn.execute(f"PRAGMA cache_size = -{_SCAN_CACHE_KIB:d}")
    try:
        yield
    finally:
        for conn, size in zip(conns, sizes, strict=True):
            conn.execute(f"PRAGMA cache_size = {size:d}")
            conn.execute("PRAGMA shrink_memory")


def _inspect(conn: sqlite3.Connection, path: Path, latest: int, full: bool) -> str | None:
    def inspect() -> str | None:
        version = user_version(conn)
        if version > latest:
            raise NewerSchemaError(
                f"{path.name} was written by a newer version of the app (schema {version}; "
                f"this version supports up to {latest}). Update the app; the file was not changed."
            )
        if version < 0:
            return f"invalid schema version {version}"
        if not full:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()  # parses the schema
            return None
        with small_page_cache(conn):
            return _quick_check(conn)

    return _damage_of(inspect)


def _quick_check(conn: sqlite3.Connection) -> str | None:
    problems = [str(row[0]) for row in conn.execute("PRAGMA quick_check(20)")]
    if problems == ["ok"]:
        return None
    lines = [line for problem in problems for line in problem.splitlines()]
    lines = [line for line in lines if not line.startswith("***")]  # "*** in database main ***"
    more = f" (and {len(lines) - 3} more)" if len(lines) > 3 else ""
    return "quick_check failed: " + "; ".join(lines[:3]) + more


def _damage_of(check: Callable[[], str | None]) -> str | None:
    """What ``check`` found, or the damage SQLite raised while it ran it."""
    try:
        return check()
    except sqlite3.DatabaseError as exc:
        if _is_damage(exc):
            return str(exc)
        raise
    except UnicodeDecodeError:
        # sqlite3 raises this instead of the error when SQLite's message quotes damaged bytes
        # (e.g. a "malformed database schema" naming a scrambled part of the schema).
        return "malformed database schema (damaged text)"


def _is_damage(exc: sqlite3.Error) -> bool:
    return primary_code(exc) in _DAMAGE_CODES


def primary_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of ``exc`` (the extended code without its upper bits)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def move_aside_damaged(path: Path) -> Path:
    """Rename ``path`` and its sidecar files to a unique ``.corrupt-<timestamp>`` name (an
    empty ``-wal`` and its ``-shm``, left by reading the file, carry nothing: removed)."""
    if not wal_has_content(path):
        for suffix in ("-wal", "-shm"):
            with suppress(OSError):
                path.with_name(path.name + suffix).unlink()
    return move_aside(path, "corrupt", SIDECAR_SUFFIXES)


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration]) -> None:
    """Apply pending migrations, each in its own transaction with its version bump."""
    latest = len(migrations)
    while True:
        with transaction(conn):
            version = user_version(conn)  # read under the write lock: another process may race
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


def is_undecodable(exc: sqlite3.Error) -> bool:
    """sqlite3 could not decode stored text as UTF-8 (see :func:`fetch_all`)."""
    return str(exc).startswith(_UNDECODABLE)


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


def fetch_all(
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
            if not is_undecodable(exc):
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
def transaction(conn: sqlite3.Connection, *, immediate: bool = True) -> Iterator[None]:
    """One explicit transaction; rolled back when the body raises (or COMMIT fails)."""
    conn.execute("BEGIN IMMEDIATE" if immediate else "BEGIN")
    try:
        yield
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
