"""Crash-safe file replacement and moving damaged files aside."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` so that ``path`` holds either the old or the new bytes, never a mix."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (where the OS allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open folders; os.replace is durable enough there.
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def move_aside(path: Path, label: str = "corrupt", companions: Sequence[str] = ()) -> Path:
    """Rename a damaged file to ``NAME.<label>-YYYYmmdd-HHMMSS`` (kept, never deleted).

    ``companions`` are suffixes of sibling files that belong to it (SQLite's ``-wal`` and
    ``-shm``): they move along under the same new name.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    base = path.with_name(f"{path.name}.{label}-{stamp}")
    target, counter = base, 1
    while any(Path(f"{target}{suffix}").exists() for suffix in ("", *companions)):
        counter += 1
        target = base.with_name(f"{base.name}-{counter}")
    os.replace(path, target)
    for suffix in companions:
        sibling = Path(f"{path}{suffix}")
        if sibling.exists():
            os.replace(sibling, f"{target}{suffix}")
    return target


def write_new_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file readable by its owner only (crash reports, exports of
    private data); refuses to overwrite or to write through a link."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
