"""Where a profile lives: settings, the contact/history database and logs.

The OS's standard per-user location by default; ``--profile DIR`` or ``DIALER_PROFILE`` override
it (portable installs, tests, several agents' accounts on one desk).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

from dialer_app import APP_NAME

PROFILE_ENV_VAR = "DIALER_PROFILE"


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
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
