"""Managed defaults: the settings an IT department puts on every desk.

A system-wide JSON file, ``{"settings": {...}, "locked": ["key", ...]}``: its values are the
defaults every profile starts from; a locked key wins over the user's own value, shows
disabled in the Settings dialog and is refused by ``settings set``. Where it is:

- Linux: ``/etc/xdg/dialer-app/defaults.json`` (``dialer-app/defaults.json`` in the first
  folder of ``$XDG_CONFIG_DIRS`` that has one)
- Windows: ``%PROGRAMDATA%\\dialer-app\\defaults.json``
- macOS: ``/Library/Application Support/dialer-app/defaults.json``

``DIALER_SYSTEM_DEFAULTS`` names another file (tests, or a deployment tool's own path).
A file that cannot be read or parsed is reported and ignored, never fatal; a bad value is
reported and ignored alone (``core.settings`` checks the values, with the same checks as
the Settings dialog).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dialer_app import APP_NAME

__all__ = ["DEFAULTS_ENV_VAR", "ManagedDefaults", "defaults_path", "read_managed_defaults"]

DEFAULTS_ENV_VAR = "DIALER_SYSTEM_DEFAULTS"
MAX_FILE_BYTES = 256 * 1024
_FILE_NAME = "defaults.json"


@dataclass(frozen=True)
class ManagedDefaults:
    """What the administrator's file says (values not yet checked: ``core.settings`` does).

    ``found``: the file exists; ``problems``: why it, or a part of it, was ignored."""

    path: Path
    values: Mapping[str, Any] = field(default_factory=dict)
    locked: frozenset[str] = frozenset()
    problems: tuple[str, ...] = ()
    found: bool = False


def defaults_path(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> Path:
    """Where this computer's managed defaults are (the file may not exist)."""
    override = environ.get(DEFAULTS_ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    if platform == "win32":
        base = environ.get("PROGRAMDATA") or r"C:\ProgramData"
        return Path(base) / APP_NAME / _FILE_NAME
    if platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / _FILE_NAME
    folders = [f for f in environ.get("XDG_CONFIG_DIRS", "").split(":") if f.strip()]
    candidates = [Path(folder) / APP_NAME / _FILE_NAME for folder in folders or ["/etc/xdg"]]
    return next((path for path in candidates if path.exists()), candidates[0])


def read_managed_defaults(path: Path | None = None) -> ManagedDefaults:
    """The managed defaults at ``path`` (default: ``defaults_path()``); never raises."""
    path = defaults_path() if path is None else path
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return ManagedDefaults(path)
    except OSError as exc:
        return _broken(path, f"it cannot be read: {exc.strerror or exc}")
    if len(raw) > MAX_FILE_BYTES:
        return _broken(path, f"it is larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        return _broken(path, f"it is not valid JSON ({exc})")
    if not isinstance(data, dict):
        return _broken(path, 'it must be a JSON object like {"settings": {...}, "locked": [...]}')
    problems = [
        f'{_name(path)}: {key!r} is not understood (only "settings" and "locked"); it is ignored.'
        for key in sorted(set(data) - {"settings", "locked"}, key=str)
    ]
    values = data.get("settings", {})
    if not isinstance(values, dict):
        problems.append(f'{_name(path)}: "settings" must be a JSON object; it is ignored.')
        values = {}
    locked = data.get("locked", [])
    if not isinstance(locked, list) or not all(isinstance(key, str) for key in locked):
        problems.append(f'{_name(path)}: "locked" must be a list of setting names; it is ignored.')
        locked = []
    return ManagedDefaults(path, values, frozenset(locked), tuple(problems), found=True)


def _name(path: Path) -> str:
    return f"The administrator's defaults file {path}"


def _broken(path: Path, why: str) -> ManagedDefaults:
    return ManagedDefaults(path, problems=(f"{_name(path)} is ignored: {why}.",), found=True)
