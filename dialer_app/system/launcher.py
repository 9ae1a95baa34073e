"""The command that starts this installation of the dialer, for links and autostart entries."""

from __future__ import annotations

import sys
from pathlib import Path

from dialer_app import APP_NAME

GUI_NAME = f"{APP_NAME}-gui"


def default_command(*, gui: bool = False, platform: str | None = None) -> list[str]:
    """argv that launches this very installation (never one found elsewhere on ``PATH``).

    A frozen build runs its own executable; an installed package runs the ``dialer-app``
    script beside its Python; otherwise ``python -m dialer_app``. With *gui* on Windows the
    windowed twin is preferred so no console window flashes up.
    """
    windows = (platform or sys.platform) == "win32"
    executable = Path(sys.executable)
    if getattr(sys, "frozen", False):
        if gui and windows:
            twin = executable.with_name(f"{GUI_NAME}.exe")
            if twin.is_file():
                return [str(twin)]
        return [str(executable)]
    script_name = GUI_NAME if gui and windows else APP_NAME
    script = executable.with_name(f"{script_name}.exe" if windows else script_name)
    if script.is_file():
        return [str(script)]
    python = executable
    if gui and windows and executable.with_name("pythonw.exe").is_file():
        python = executable.with_name("pythonw.exe")
    return [str(python), "-m", "dialer_app"]
