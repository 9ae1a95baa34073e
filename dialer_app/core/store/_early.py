"""The contact list read at the very start of the window's process, while Qt still loads.

Reading 100,000 contacts takes SQLite about 150 ms, nearly all of it without Python's lock;
loading PySide6 and building the window take longer and hold it. Reading the list on a thread
of its own from the first milliseconds puts the two side by side on a machine's cores, so the
list is ready when the window first asks for it (issue 14: 100k contacts listed in 0.45 s).

The early read only reads, and only from a file in the plain state a clean exit leaves: a
regular file, at the current schema, with nothing in a ``-wal`` or ``-journal`` (anything
else, a recovery, a migration or a foreign ``-wal``, needs :meth:`Store.open`, which the store
worker runs as before). It opens the file read-only with SQLite's locks, so it sees one
committed state. :meth:`EarlyListing.take` hands the list over only when the store opened the
same file without recovering it and nothing has been written since the early read; otherwise
the caller reads the list again from the store.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import sys
import threading
from pathlib import Path
from typing import Final

from dialer_app.core.store._db import connect, read_only_uri, user_version
from dialer_app.core.store._files import SIDECAR_SUFFIXES, sidecar
from dialer_app.core.store._rows import Listing, read_listing
from dialer_app.core.store._schema import MIGRATIONS
from dialer_app.core.store._store import Store

_Fingerprint = tuple[int, int, int, int]  # device, inode, size, modification time (ns)
WAIT_SECONDS: Final = 5.0  # the store worker waits this long for the read, then reads itself
# Each SQLite call gives Python's lock back and waits for it again, while the main thread
# holds it to load Qt: by default up to 5 ms a wait, 0.8 s for 100k contacts. A shorter
# switch interval while the read runs makes it about 0.2 s; bigger slices would do the same
# but leave the process ~12 MiB bigger (large texts fragment the C heap).
_SWITCH_INTERVAL_S: Final = 0.0005


class EarlyListing:
    """``EarlyListing.start(path)`` reads the list of the database at ``path`` on a daemon
    thread; the store worker ``take``s it once the store is open."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._listing: Listing | None = None
        self._fingerprint: _Fingerprint | None = None
        self.handed_over = False  # take() gave the list: the store did not read it again
        self._thread = threading.Thread(target=self._read, name="dialer-early-list", daemon=True)

    @classmethod
    def start(cls, path: Path) -> EarlyListing:
        early = cls(path)
        early._thread.start()
        return early

    def _read(self) -> None:
        interval = sys.getswitchinterval()
        sys.setswitchinterval(min(interval, _SWITCH_INTERVAL_S))
        try:
            self._read_listing()
        finally:
            sys.setswitchinterval(interval)

    def _read_listing(self) -> None:
        try:
            before = _clean_fingerprint(self.path)
            if before is None:
                return
            conn = connect(read_only_uri(self.path), uri=True)
            try:
                if user_version(conn) != len(MIGRATIONS):
                    return
                listing = read_listing(conn)
            finally:
                conn.close()
            if _clean_fingerprint(self.path) == before:
                self._listing, self._fingerprint = listing, before
        except (OSError, sqlite3.Error, ValueError):
            return  # the store worker reads the list itself and meets the problem there

    def take(self, store: Store, *, wait: float = WAIT_SECONDS) -> Listing | None:
        """The list read early, when ``store`` is that same file, opened as it was (no
        recovery, nothing set aside) and unchanged since; else None. Hands it over once."""
        self._thread.join(wait)
        listing, self._listing = self._listing, None
        if (
            listing is None
            or store.path != self.path
            or store.opening_notes
            or _clean_fingerprint(self.path) != self._fingerprint
        ):
            return None
        self.handed_over = True
        return listing

    @property
    def finished(self) -> bool:
        """The read is over (done, skipped or failed)."""
        return not self._thread.is_alive()


def _clean_fingerprint(path: Path) -> _Fingerprint | None:
    """Where and how big ``path`` is and when it last changed, if it is a regular file with
    no journal content beside it (a ``-wal`` SQLite created empty is fine); else None."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not _is_regular(status) or status.st_size == 0:
        return None
    for suffix in SIDECAR_SUFFIXES:
        try:
            companion = os.stat(sidecar(path, suffix))
        except FileNotFoundError:
            continue
        except OSError:
            return None
        if not _is_regular(companion) or (suffix != "-shm" and companion.st_size > 0):
            return None
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


def _is_regular(status: os.stat_result) -> bool:
    return stat.S_ISREG(status.st_mode)
