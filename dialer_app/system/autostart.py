"""Start the dialer (minimized) when the user logs in.

* Linux and other XDG desktops: ``$XDG_CONFIG_HOME/autostart/<APP_ID>.desktop``.
* Windows: a value in ``HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run``.
* macOS: ``~/Library/LaunchAgents/<APP_ID>.plist`` with ``RunAtLoad``.

Turning it off removes only our own entry.
"""

from __future__ import annotations

import os
import plistlib
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from dialer_app import APP_ID, APP_NAME
from dialer_app.core.atomic import write_atomically
from dialer_app.system.desktop_entry import escape_string, exec_value, read_group, xdg_config_home
from dialer_app.system.launcher import default_command
from dialer_app.system.registry import Registry, default_registry

MINIMIZED_OPTION = "--minimized"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE_NAME = APP_NAME


def set_autostart(
    enabled: bool,
    exe: list[str] | None = None,
    *,
    platform: str | None = None,
    registry: Registry | None = None,
) -> None:
    """Turn starting at login on or off; *exe* is the launch argv (default: this install).

    Raises ``OSError`` when the entry cannot be written or removed.
    """
    system = platform or sys.platform
    command = [*(exe or default_command(gui=True, platform=system)), MINIMIZED_OPTION]
    if system == "win32":
        _set_windows(registry or default_registry(), enabled, command)
    elif system == "darwin":
        _set_launch_agent(launch_agent_path(), enabled, command)
    else:
        _set_xdg(xdg_autostart_path(), enabled, command)


def autostart_enabled(*, platform: str | None = None, registry: Registry | None = None) -> bool:
    """True when our login entry exists and is not switched off by the user."""
    system = platform or sys.platform
    if system == "win32":
        return (registry or default_registry()).get_value(RUN_KEY, RUN_VALUE_NAME) is not None
    if system == "darwin":
        return _launch_agent_enabled(launch_agent_path())
    return _xdg_enabled(xdg_autostart_path())


def xdg_autostart_path(environ: Mapping[str, str] = os.environ) -> Path:
    return xdg_config_home(environ) / "autostart" / f"{APP_ID}.desktop"


def launch_agent_path() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{APP_ID}.plist"


def xdg_autostart_entry(command: Sequence[str]) -> str:
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Dialer\n"
        "Comment=Start Dialer minimized when you log in\n"
        f"Exec={exec_value(command)}\n"
        f"TryExec={escape_string(command[0])}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def _set_xdg(path: Path, enabled: bool, command: Sequence[str]) -> None:
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, xdg_autostart_entry(command).encode("utf-8"))
    else:
        path.unlink(missing_ok=True)


def _xdg_enabled(path: Path) -> bool:
    """Desktops switch an entry off with ``Hidden=true`` or ``X-GNOME-Autostart-enabled=false``."""
    try:
        entry = read_group(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    return (
        entry.get("Hidden", "false") != "true"
        and entry.get("X-GNOME-Autostart-enabled", "true") != "false"
    )


def _set_windows(registry: Registry, enabled: bool, command: Sequence[str]) -> None:
    from dialer_app.system.windows_links import command_line

    if enabled:
        registry.set_value(RUN_KEY, RUN_VALUE_NAME, command_line(command))
    else:
        registry.delete_value(RUN_KEY, RUN_VALUE_NAME)


def launch_agent(command: Sequence[str]) -> dict[str, object]:
    return {
        "Label": APP_ID,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Interactive",
    }


def _set_launch_agent(path: Path, enabled: bool, command: Sequence[str]) -> None:
    if enabled:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, plistlib.dumps(launch_agent(command)))
    else:
        path.unlink(missing_ok=True)


def _launch_agent_enabled(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            agent = plistlib.load(handle)
    except (OSError, plistlib.InvalidFileException, ValueError):
        return False
    return (
        isinstance(agent, dict)
        and agent.get("RunAtLoad") is True
        and agent.get("Disabled", False) is not True
    )
