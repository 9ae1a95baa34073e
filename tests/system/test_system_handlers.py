"""tel:/callto: link registration: XDG for real in tmp folders, Windows on an in-memory registry."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dialer_app import APP_ID, APP_NAME
from dialer_app.system import windows_links as win
from dialer_app.system.desktop_entry import quote_exec_argument, read_group
from dialer_app.system.handlers import register_handler, unregister_handler
from dialer_app.system.launcher import default_command
from dialer_app.system.link_schemes import DESKTOP_ID, MIME_TYPES, HandlerResult
from dialer_app.system.xdg_links import icon_files
from tests.support.harness import REPO_ROOT
from tests.support.services import require_service
from tests.support.system_support import (
    SYSTEM_PATH,
    MemoryRegistry,
    parse_exec,
    validate_desktop_file,
)

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def read_entry_groups(path: Path) -> dict[str, dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    return {
        group: read_group(text, group) for group in ("Desktop Entry", "Desktop Action quick-call")
    }


def tree(*roots: Path) -> dict[str, bytes | None]:
    """Every folder (None) and file (bytes) below *roots*."""
    snapshot: dict[str, bytes | None] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            snapshot[str(path)] = path.read_bytes() if path.is_file() else None
    return snapshot


def fake_tool(folder: Path, name: str, exit_code: int = 0) -> Path:
    """A stand-in program that appends its arguments (one per line) to ``<name>.log``."""
    folder.mkdir(exist_ok=True)
    log = folder / f"{name}.log"
    script = folder / name
    script.write_text(
        f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> "{log}"; done\n'
        f'echo --- >> "{log}"\nexit {exit_code}\n',
        encoding="utf-8",
    )
    script.chmod(0o755)
    return log


def logged_calls(log: Path) -> list[list[str]]:
    calls, current = [], []
    for line in log.read_text(encoding="utf-8").splitlines():
        if line == "---":
            calls.append(current)
            current = []
        else:
            current.append(line)
    return calls


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Private XDG data and config homes (and HOME), with no desktop tools on PATH."""
    data, config, home, empty_bin = (tmp_path / n for n in ("data", "config", "home", "bin"))
    for folder in (data, config, home, empty_bin):
        folder.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("PATH", str(empty_bin))
    return data, config


LAUNCHER = ["/opt/dialer/bin/dialer-app"]


# Linux / XDG -------------------------------------------------------------------------------
def test_register_writes_entry_icons_and_defaults(xdg: tuple[Path, Path]) -> None:
    data, config = xdg
    result = register_handler(LAUNCHER, platform="linux")

    assert result.ok, result.message
    entry = data / "applications" / DESKTOP_ID
    assert str(entry) in result.changed
    groups = read_entry_groups(entry)
    main, quick = groups["Desktop Entry"], groups["Desktop Action quick-call"]
    assert parse_exec(main["Exec"]) == [*LAUNCHER, "%u"]
    assert main["TryExec"] == LAUNCHER[0]
    assert main["MimeType"] == "x-scheme-handler/tel;x-scheme-handler/callto;"
    assert main["Icon"] == APP_ID
    assert parse_exec(quick["Exec"]) == [*LAUNCHER, "--quick-call"]

    hicolor = data / "icons" / "hicolor"
    for size in ICON_SIZES:
        installed = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        shipped = REPO_ROOT / "resources" / "icons" / installed.relative_to(data / "icons")
        assert installed.read_bytes() == shipped.read_bytes()
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == (REPO_ROOT / "resources" / "dialer-app.svg").read_bytes()

    defaults = read_group((config / "mimeapps.list").read_text("utf-8"), "Default Applications")
    assert defaults == {mime: f"{DESKTOP_ID};" for mime in MIME_TYPES}
    assert any("via mimeapps.list" in item for item in result.changed)


def test_registered_entry_passes_desktop_file_validate(xdg: tuple[Path, Path]) -> None:
    data, _config = xdg
    assert register_handler(LAUNCHER, platform="linux").ok
    validate_desktop_file(data / "applications" / DESKTOP_ID)


def test_exec_quoting_survives_awkward_paths(xdg: tuple[Path, Path], tmp_path: Path) -> None:
    data, _config = xdg
    folder = tmp_path / 'Agent\'s "apps" $HOME `x` back\\slash 100% (1)'
    command = [str(folder / "python3"), "-m", "dialer_app", "--profile", "a b;c"]

    assert register_handler(command, platform="linux").ok

    entry = data / "applications" / DESKTOP_ID
    groups = read_entry_groups(entry)
    assert parse_exec(groups["Desktop Entry"]["Exec"]) == [*command, "%u"]
    assert parse_exec(groups["Desktop Action quick-call"]["Exec"]) == [*command, "--quick-call"]
    validate_desktop_file(entry)


@pytest.mark.parametrize(
    ("argument", "quoted"),
    [
        ("/usr/bin/dialer-app", "/usr/bin/dialer-app"),
        ("/home/a b/dialer", '"/home/a b/dialer"'),
        ('say "hi"', '"say \\"hi\\""'),
        ("$HOME", '"\\$HOME"'),
        ("50%", "50%%"),
        ("", '""'),
    ],
)
def test_quote_exec_argument(argument: str, quoted: str) -> None:
    assert quote_exec_argument(argument) == quoted


def test_registered_exec_starts_this_installation(xdg: tuple[Path, Path]) -> None:
    """With no exe given, Exec names this install's launcher, which really runs."""
    data, _config = xdg
    assert register_handler(platform="linux").ok

    argv = parse_exec(
        read_entry_groups(data / "applications" / DESKTOP_ID)["Desktop Entry"]["Exec"]
    )
    assert argv[:-1] == default_command()
    assert Path(argv[0]).is_absolute()
    completed = subprocess.run(
        [*argv[:-1], "call", "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith(f"usage: {APP_NAME} call")


def test_unregister_gives_back_the_tree_as_it_was(xdg: tuple[Path, Path]) -> None:
    data, config = xdg
    other = data / "applications" / "org.example.Mail.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Mail\nExec=mail\n", "utf-8")
    theirs = data / "icons" / "hicolor" / "48x48" / "apps" / "org.example.Mail.png"
    theirs.parent.mkdir(parents=True)
    theirs.write_bytes(b"png")
    (config / "mimeapps.list").write_text(
        "# kept as is\n[Default Applications]\nx-scheme-handler/mailto=org.example.Mail.desktop;\n"
        "\n[Added Associations]\ntext/plain=org.example.Edit.desktop;\n",
        encoding="utf-8",
    )
    before = tree(data, config)

    assert register_handler(LAUNCHER, platform="linux").ok
    assert tree(data, config) != before
    result = unregister_handler(platform="linux")

    assert result.ok
    assert tree(data, config) == before
    assert str(data / "applications" / DESKTOP_ID) in result.changed
    assert str(config / "mimeapps.list") in result.changed


def test_unregister_from_nothing_leaves_no_folders(xdg: tuple[Path, Path]) -> None:
    data, config = xdg
    assert register_handler(LAUNCHER, platform="linux").ok
    assert unregister_handler(platform="linux").ok
    assert tree(data, config) == {}

    again = unregister_handler(platform="linux")
    assert again == HandlerResult(True, again.message, [])
    assert "nothing to remove" in again.message


def test_unregister_does_not_restore_an_earlier_default(xdg: tuple[Path, Path]) -> None:
    """Another app that was the default before stays replaced; others' entries stay put."""
    _data, config = xdg
    listing = config / "mimeapps.list"
    listing.write_text(
        "[Default Applications]\nx-scheme-handler/tel=org.example.Phone.desktop;\n"
        "[Added Associations]\nx-scheme-handler/tel=org.example.Phone.desktop;"
        f"{DESKTOP_ID};\n",
        encoding="utf-8",
    )
    assert register_handler(LAUNCHER, platform="linux").ok
    defaults = read_group(listing.read_text("utf-8"), "Default Applications")
    assert defaults["x-scheme-handler/tel"] == f"{DESKTOP_ID};"

    assert unregister_handler(platform="linux").ok
    text = listing.read_text("utf-8")
    assert "x-scheme-handler/tel" not in read_group(text, "Default Applications")
    added = read_group(text, "Added Associations")
    assert added == {"x-scheme-handler/tel": "org.example.Phone.desktop;"}


def test_prefers_xdg_mime_then_refreshes_database(
    xdg: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, config = xdg
    tools = tmp_path / "tools"
    xdg_mime = fake_tool(tools, "xdg-mime")
    gio = fake_tool(tools, "gio")
    database = fake_tool(tools, "update-desktop-database")
    monkeypatch.setenv("PATH", str(tools))

    result = register_handler(LAUNCHER, platform="linux")

    assert result.ok
    assert logged_calls(xdg_mime) == [["default", DESKTOP_ID, *MIME_TYPES]]
    assert not gio.exists()
    assert logged_calls(database) == [[str(data / "applications")]]
    assert not (config / "mimeapps.list").exists()  # the tool's job, not ours
    assert any("via xdg-mime" in item for item in result.changed)


def test_falls_back_to_gio_then_to_the_file(
    xdg: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _data, config = xdg
    tools = tmp_path / "tools"
    fake_tool(tools, "xdg-mime", exit_code=3)
    gio = fake_tool(tools, "gio")
    monkeypatch.setenv("PATH", str(tools))

    assert register_handler(LAUNCHER, platform="linux").ok
    assert logged_calls(gio) == [["mime", mime, DESKTOP_ID] for mime in MIME_TYPES]
    assert not (config / "mimeapps.list").exists()

    fake_tool(tools, "gio", exit_code=1)
    result = register_handler(LAUNCHER, platform="linux")
    assert result.ok
    defaults = read_group((config / "mimeapps.list").read_text("utf-8"), "Default Applications")
    assert defaults == {mime: f"{DESKTOP_ID};" for mime in MIME_TYPES}


def test_real_desktop_database_is_updated_and_cleaned(
    xdg: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data, config = xdg
    real = shutil.which("update-desktop-database", path=SYSTEM_PATH)
    require_service(real is not None, "update-desktop-database (package desktop-file-utils)")
    assert real is not None
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "update-desktop-database").symlink_to(real)
    monkeypatch.setenv("PATH", str(tools))
    before = tree(data, config)

    assert register_handler(LAUNCHER, platform="linux").ok
    cache = read_group((data / "applications" / "mimeinfo.cache").read_text("utf-8"), "MIME Cache")
    assert {mime: cache.get(mime) for mime in MIME_TYPES} == dict.fromkeys(
        MIME_TYPES, f"{DESKTOP_ID};"
    )

    assert unregister_handler(platform="linux").ok
    assert tree(data, config) == before


def test_register_reports_a_write_failure(xdg: tuple[Path, Path]) -> None:
    data, _config = xdg
    (data / "applications").write_text("a file where a folder belongs", "utf-8")
    result = register_handler(LAUNCHER, platform="linux")
    assert not result.ok
    assert "Could not register" in result.message


def test_icon_files_cover_every_rendered_size() -> None:
    names = {relative for relative, _data in icon_files()}
    expected = {f"hicolor/{n}x{n}/apps/{APP_ID}.png" for n in ICON_SIZES}
    assert names == expected | {f"hicolor/scalable/apps/{APP_ID}.svg"}


# launcher ----------------------------------------------------------------------------------
def test_default_command_prefers_the_script_beside_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "bin" / "python3"
    python.parent.mkdir()
    python.touch()
    monkeypatch.setattr(sys, "executable", str(python))
    assert default_command(platform="linux") == [str(python), "-m", "dialer_app"]

    (tmp_path / "bin" / APP_NAME).touch()
    assert default_command(platform="linux") == [str(tmp_path / "bin" / APP_NAME)]


def test_default_command_on_windows_prefers_windowed_programs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scripts = tmp_path / "Scripts"
    scripts.mkdir()
    for name in ("python.exe", "pythonw.exe", f"{APP_NAME}.exe", f"{APP_NAME}-gui.exe"):
        (scripts / name).touch()
    monkeypatch.setattr(sys, "executable", str(scripts / "python.exe"))
    assert default_command(platform="win32") == [str(scripts / f"{APP_NAME}.exe")]
    assert default_command(gui=True, platform="win32") == [str(scripts / f"{APP_NAME}-gui.exe")]

    (scripts / f"{APP_NAME}-gui.exe").unlink()
    (scripts / f"{APP_NAME}.exe").unlink()
    assert default_command(gui=True, platform="win32") == [
        str(scripts / "pythonw.exe"),
        "-m",
        "dialer_app",
    ]


def test_default_command_of_a_frozen_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    exe = tmp_path / f"{APP_NAME}.exe"
    exe.touch()
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert default_command(gui=True, platform="win32") == [str(exe)]
    (tmp_path / f"{APP_NAME}-gui.exe").touch()
    assert default_command(gui=True, platform="win32") == [str(tmp_path / f"{APP_NAME}-gui.exe")]
    assert default_command(platform="linux") == [str(exe)]


# Windows -----------------------------------------------------------------------------------
WIN_EXE = [r"C:\Users\Agent\AppData\Local\Programs\Dialer\dialer-app-gui.exe"]


def test_windows_registration_writes_per_user_keys() -> None:
    registry = MemoryRegistry()
    result = register_handler(WIN_EXE, platform="win32", registry=registry)

    assert result.ok
    assert "Default apps" in result.message
    for scheme, prog_id in (("tel", "DialerApp.tel"), ("callto", "DialerApp.callto")):
        key = rf"Software\Classes\{prog_id}"
        assert registry.get_value(key, "URL Protocol") == ""
        assert registry.get_value(rf"{key}\shell\open\command", "") == (f'"{WIN_EXE[0]}" "%1"')
        assert registry.get_value(rf"{key}\DefaultIcon", "") == f'"{WIN_EXE[0]}",0'
        assert registry.get_value(r"Software\dialer-app\Capabilities\URLAssociations", scheme) == (
            prog_id
        )
        assert rf"HKEY_CURRENT_USER\{key}" in result.changed
    assert registry.get_value(r"Software\dialer-app\Capabilities", "ApplicationName") == "Dialer"
    assert registry.get_value(r"Software\RegisteredApplications", "dialer-app") == (
        r"Software\dialer-app\Capabilities"
    )


def test_windows_unregister_removes_only_our_keys() -> None:
    registry = MemoryRegistry()
    registry.set_value(r"Software\Classes\tel", "URL Protocol", "")
    registry.set_value(r"Software\Classes\tel\shell\open\command", "", '"phone.exe" "%1"')
    registry.set_value(r"Software\RegisteredApplications", "Mail", r"Software\Mail\Capabilities")
    before = registry.snapshot()

    assert register_handler(WIN_EXE, platform="win32", registry=registry).ok
    result = unregister_handler(platform="win32", registry=registry)

    assert result.ok
    assert registry.snapshot() == before
    assert len(result.changed) == 4
    again = unregister_handler(platform="win32", registry=registry)
    assert again.changed == []
    assert "nothing to remove" in again.message


def test_windows_command_line_quotes_every_argument() -> None:
    argv = [r"C:\Program Files\Python311\pythonw.exe", "-m", "dialer_app", "C:\\dir\\", 'a"b']
    assert win.command_line(argv, '"%1"') == (
        r'"C:\Program Files\Python311\pythonw.exe" "-m" "dialer_app" "C:\dir\\" "a\"b" "%1"'
    )


class BrokenRegistry(MemoryRegistry):
    def set_value(self, key: str, name: str, value: str) -> None:
        raise PermissionError(f"access denied: {key}")


def test_windows_registry_failure_is_reported() -> None:
    result = register_handler(WIN_EXE, platform="win32", registry=BrokenRegistry())
    assert not result.ok
    assert "access denied" in result.message


# macOS -------------------------------------------------------------------------------------
def test_macos_has_nothing_to_do_at_run_time() -> None:
    for result in (register_handler(platform="darwin"), unregister_handler(platform="darwin")):
        assert result.ok
        assert result.changed == []
        assert "Info.plist" in result.message
