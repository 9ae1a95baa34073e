"""Where a profile lives: settings, the contact/history database and logs.

The OS's standard per-user location by default; ``--profile DIR`` or ``DIALER_PROFILE`` override
it (portable installs, tests, several agents' accounts on one desk).

A profile holds customers' numbers and call history: its folder is private to the user
(0700) and so is every file in it (0600), on POSIX systems. :func:`secure_profile` tightens a
folder made by an older version or by hand, and says what it changed.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path

from dialer_app import APP_NAME

PROFILE_ENV_VAR = "DIALER_PROFILE"
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
_MAX_ENTRIES = 10_000  # a profile has a few dozen files; stop looking after this many


def default_profile_dir(environ: Mapping[str, str] = os.environ) -> Path:
    if sys.platform == "win32":
        base = Path(environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / APP_NAME


def resolve_profile_dir(explicit: str | None, environ: Mapping[str, str] = os.environ) -> Path:
    """``--profile`` wins over ``DIALER_PROFILE``, which wins over the OS default."""
    chosen = explicit or environ.get(PROFILE_ENV_VAR) or ""
    path = Path(chosen).expanduser() if chosen else default_profile_dir(environ)
    return path.absolute()


def ensure_profile_dir(path: Path) -> Path:
    """Create the profile folder, private to this user."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    return path


def secure_profile(path: Path) -> str:
    """Make the profile folder, its folders and files private to their owner (0700 / 0600);
    returns a sentence saying what was tightened, or "" when nothing needed it.

    Only this user's own entries are changed, symbolic links are not followed, and an entry
    that cannot be changed (a read-only profile) is left as it is. Nothing on Windows, whose
    per-user folders are private already.
    """
    if os.name != "posix":
        return ""
    tightened: list[Path] = []
    for entry, info in _entries(path):
        wanted = PRIVATE_FOLDER if stat.S_ISDIR(info.st_mode) else PRIVATE_FILE
        current = stat.S_IMODE(info.st_mode)
        if info.st_uid != os.getuid() or not current & ~wanted:
            continue
        try:
            os.chmod(entry, current & wanted)
        except OSError:
            continue
        tightened.append(entry)
    if not tightened:
        return ""
    files = sum(1 for entry in tightened if not entry.is_dir())
    held = f"{files} file{'s' if files != 1 else ''}"
    if path in tightened:
        return (
            f"The profile folder {path} could be read by other users of this computer; it is "
            f"now private to you{f', with the {held} in it that were not' if files else ''}."
        )
    return (
        f"The profile folder {path} held {held} other users of this computer could read; "
        f"{'they are' if files != 1 else 'it is'} now private to you."
    )


def _entries(root: Path) -> list[tuple[Path, os.stat_result]]:
    """``root`` and everything in it (regular files and folders only, links not followed)."""
    found: list[tuple[Path, os.stat_result]] = []
    stack = [root]
    while stack and len(found) < _MAX_ENTRIES:
        folder = stack.pop()
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode):
            continue
        found.append((folder, info))
        try:
            children = list(os.scandir(folder))
        except OSError:
            continue
        for child in children:
            try:
                child_info = child.stat(follow_symlinks=False)
            except OSError:
                continue
            if stat.S_ISDIR(child_info.st_mode):
                stack.append(Path(child.path))
            elif stat.S_ISREG(child_info.st_mode):
                found.append((Path(child.path), child_info))
    return found


def irregular_file(path: Path) -> str:
    """Empty when ``path`` is a regular file or absent; else what stands there instead
    ("a named pipe", "a folder", …): opening it would hang or fail without saying why."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return ""
    except OSError as exc:
        return f"unreadable ({exc.strerror or exc})"
    return file_kind(mode)


def file_kind(mode: int) -> str:
    """Empty for a regular file's ``st_mode``; else what it is ("a folder", "a named pipe", …)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"
