"""The files of a database on disk: its companions (``-wal``, ``-shm``, ``-journal``), what
may stand at their paths, private copies, and temporary copies to read from."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Final

from dialer_app.core.profile import irregular_file
from dialer_app.core.store._errors import StoreError

SIDECAR_SUFFIXES: Final = ("-wal", "-shm", "-journal")
PRIVATE_FILE: Final = 0o600
PRIVATE_FOLDER: Final = 0o700


def sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def check_regular_files(path: Path) -> None:
    """Refuse a database whose file or companion files are not regular files: SQLite would
    wait forever on a named pipe, or fail on a folder, without saying why."""
    for candidate in (path, *(sidecar(path, suffix) for suffix in SIDECAR_SUFFIXES)):
        kind = irregular_file(candidate)
        if kind:
            raise StoreError(
                f"cannot open {path.name}: {candidate.name} in {candidate.parent} is {kind},"
                " not a file: move it away or delete it, then start again (nothing was changed)"
            )


def create_private(path: Path) -> None:
    """Create an empty ``path`` readable by its owner only, if it does not exist (SQLite
    gives its ``-wal`` and ``-shm`` files the database file's mode)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)


def wal_has_content(path: Path) -> bool:
    wal = sidecar(path, "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def private_copy(source: Path, target: Path) -> None:
    """Copy ``source`` to a new ``target`` readable by its owner only."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(fd, "wb") as out, source.open("rb") as handle:
        shutil.copyfileobj(handle, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())


class ScratchCopy:
    """A copy of a database and its ``-wal`` in a private temporary folder, so the journal
    can be applied without touching the originals (read-only profiles, suspect journals).

    Tries the system's temporary folder, then ``/dev/shm`` (memory) when that one is full.
    """

    def __init__(self, path: Path) -> None:
        errors: list[str] = []
        for base in (None, "/dev/shm"):  # noqa: S108 (mkdtemp makes a private folder)
            try:
                self.folder = Path(tempfile.mkdtemp(prefix="dialer-db-", dir=base))
            except OSError as exc:
                errors.append(exc.strerror or str(exc))
                continue
            self.path = self.folder / path.name
            try:
                private_copy(path, self.path)
                if sidecar(path, "-wal").exists():
                    private_copy(sidecar(path, "-wal"), sidecar(self.path, "-wal"))
                return
            except OSError as exc:
                errors.append(exc.strerror or str(exc))
                self.remove()
        raise OSError(f"no room for a temporary copy ({'; '.join(errors)})")

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            shutil.rmtree(self.folder)
