"""Start at login: XDG autostart files and macOS LaunchAgents for real in tmp folders, Windows
Run values on an in-memory registry."""

from __future__ import annotations

import plistlib
from pathlib import Path

import pytest

from dialer_app import APP_ID
from dialer_app.system.autostart import RUN_KEY, autostart_enabled, set_autostart
from dialer_app.system.desktop_entry import read_group
from dialer_app.system.launcher import default_command
from tests.support.system_support import MemoryRegistry, parse_exec, validate_desktop_file

EXE = ["/opt/Dialer App/dialer-app"]


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return config


# Linux / XDG -------------------------------------------------------------------------------
def test_xdg_autostart_entry_starts_minimized(config_home: Path) -> None:
    assert not autostart_enabled(platform="linux")
    set_autostart(True, EXE, platform="linux")

    entry = config_home / "autostart" / f"{APP_ID}.desktop"
    values = read_group(entry.read_text("utf-8"))
    assert parse_exec(values["Exec"]) == [*EXE, "--minimized"]
    assert values["X-GNOME-Autostart-enabled"] == "true"
    assert values["Type"] == "Application"
    assert autostart_enabled(platform="linux")
    validate_desktop_file(entry)


def test_xdg_autostart_off_removes_only_our_entry(config_home: Path) -> None:
    other = config_home / "autostart" / "org.example.Chat.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Chat\nExec=chat\n", "utf-8")

    set_autostart(True, EXE, platform="linux")
    set_autostart(False, platform="linux")

    assert not autostart_enabled(platform="linux")
    assert sorted(p.name for p in other.parent.iterdir()) == [other.name]
    set_autostart(False, platform="linux")  # already off: no error


@pytest.mark.parametrize("switch_off", ["Hidden=true", "X-GNOME-Autostart-enabled=false"])
def test_xdg_entry_switched_off_by_the_desktop_counts_as_off(
    config_home: Path, switch_off: str
) -> None:
    set_autostart(True, EXE, platform="linux")
    entry = config_home / "autostart" / f"{APP_ID}.desktop"
    text = entry.read_text("utf-8").replace("X-GNOME-Autostart-enabled=true\n", "")
    entry.write_text(text + switch_off + "\n", "utf-8")
    assert not autostart_enabled(platform="linux")


def test_xdg_default_command_is_this_installation(config_home: Path) -> None:
    set_autostart(True, platform="linux")
    entry = config_home / "autostart" / f"{APP_ID}.desktop"
    argv = parse_exec(read_group(entry.read_text("utf-8"))["Exec"])
    assert argv == [*default_command(), "--minimized"]


# Windows -----------------------------------------------------------------------------------
WIN_EXE = [r"C:\Users\Agent\AppData\Local\Programs\Dialer\dialer-app-gui.exe"]


def test_windows_run_value() -> None:
    registry = MemoryRegistry()
    registry.set_value(RUN_KEY, "OneDrive", r'"C:\OneDrive.exe" /background')
    before = registry.snapshot()
    assert not autostart_enabled(platform="win32", registry=registry)

    set_autostart(True, WIN_EXE, platform="win32", registry=registry)
    assert registry.get_value(RUN_KEY, "dialer-app") == f'"{WIN_EXE[0]}" "--minimized"'
    assert autostart_enabled(platform="win32", registry=registry)

    set_autostart(False, platform="win32", registry=registry)
    assert not autostart_enabled(platform="win32", registry=registry)
    assert registry.snapshot() == before


# macOS -------------------------------------------------------------------------------------
def test_macos_launch_agent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    exe = ["/Applications/Dialer.app/Contents/MacOS/dialer-app"]
    assert not autostart_enabled(platform="darwin")

    set_autostart(True, exe, platform="darwin")
    agent_file = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    with agent_file.open("rb") as handle:
        agent = plistlib.load(handle)
    assert agent["Label"] == APP_ID
    assert agent["ProgramArguments"] == [*exe, "--minimized"]
    assert agent["RunAtLoad"] is True
    assert autostart_enabled(platform="darwin")

    agent["Disabled"] = True
    agent_file.write_bytes(plistlib.dumps(agent))
    assert not autostart_enabled(platform="darwin")

    set_autostart(False, platform="darwin")
    assert not agent_file.exists()
    assert not autostart_enabled(platform="darwin")


def test_macos_damaged_agent_counts_as_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    agent_file = tmp_path / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    agent_file.parent.mkdir(parents=True)
    agent_file.write_bytes(b"not a plist")
    assert not autostart_enabled(platform="darwin")
    set_autostart(True, ["/Applications/Dialer.app/Contents/MacOS/dialer-app"], platform="darwin")
    assert autostart_enabled(platform="darwin")
