"""Packaging: desktop entry, AppStream metainfo, icons, the installers' metadata, and a real
PyInstaller build of the Linux bundle that is smoke-tested as a user would run it."""

from __future__ import annotations

import json
import plistlib
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from dialer_app import APP_ID, APP_NAME, __version__
from dialer_app.system import windows_links as win
from dialer_app.system.autostart import RUN_KEY, RUN_VALUE_NAME
from dialer_app.system.desktop_entry import read_group
from dialer_app.system.link_schemes import MIME_TYPES, SCHEMES
from tests.support.harness import REPO_ROOT
from tests.support.services import require_service

RESOURCES = REPO_ROOT / "resources"
PACKAGING = REPO_ROOT / "packaging"
DESKTOP_FILE = RESOURCES / f"{APP_ID}.desktop"
METAINFO = RESOURCES / f"{APP_ID}.metainfo.xml"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
MAX_BUNDLE_BYTES = 250 * 1024 * 1024


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    require_service(path is not None, f"{name} (Debian package {package})")
    assert path is not None
    return path


# Linux desktop entry and AppStream ---------------------------------------------------------
def test_desktop_file_validates() -> None:
    validate = tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([validate, str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == ""  # not even a hint


def test_desktop_file_contents() -> None:
    text = DESKTOP_FILE.read_text("utf-8")
    entry = read_group(text)
    assert entry["Name"] == "Dialer"
    assert entry["Exec"] == f"{APP_NAME} %u"
    assert entry["Icon"] == APP_ID
    assert entry["MimeType"] == "".join(f"{mime};" for mime in MIME_TYPES)
    assert entry["Categories"] == "Network;Telephony;"
    assert entry["StartupWMClass"] == APP_NAME  # Qt's WM_CLASS is the application name
    assert {"call", "phone", "dial"} <= set(entry["Keywords"].split(";"))
    assert entry["Actions"] == "quick-call;"
    action = read_group(text, "Desktop Action quick-call")
    assert action == {"Name": "Quick call", "Exec": f"{APP_NAME} --quick-call"}


def test_metainfo_validates() -> None:
    appstreamcli = tool("appstreamcli", "appstream")
    result = subprocess.run(
        [appstreamcli, "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert not re.search(r"^[EW]:", result.stdout, re.M), result.stdout


def test_metainfo_matches_the_app() -> None:
    root = ET.parse(METAINFO).getroot()  # noqa: S314 (our own file)
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("metadata_license") == "MIT"
    assert root.findtext("project_license") == "MIT"
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert root.find("developer/name") is not None
    assert root.find("content_rating") is not None
    assert root.findtext("url[@type='homepage']", "").startswith("https://")
    assert [m.text for m in root.iterfind("provides/mediatype")] == list(MIME_TYPES)
    releases = [release.get("version") for release in root.iterfind("releases/release")]
    assert releases[0] == __version__
    image = root.findtext("screenshots/screenshot/image", "")
    assert image.endswith("/docs/screenshots/main-window.png")
    assert (REPO_ROOT / "docs" / "screenshots" / "main-window.png").is_file()


# icons -------------------------------------------------------------------------------------
def committed_icon(size: int) -> Path:
    return RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def test_icons_are_up_to_date(tmp_path: Path) -> None:
    """Rendering the SVG again gives the committed PNGs (compared as pixels, not bytes)."""
    from PySide6.QtGui import QImage

    result = subprocess.run(
        [sys.executable, str(PACKAGING / "render_icons.py"), "--output", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    fresh_files = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.png"))
    committed_root = RESOURCES / "icons"
    committed_files = sorted(p.relative_to(committed_root) for p in committed_root.rglob("*.png"))
    assert fresh_files == committed_files
    assert len(committed_files) == len(ICON_SIZES)

    for size in ICON_SIZES:
        committed = QImage(str(committed_icon(size))).convertToFormat(QImage.Format.Format_ARGB32)
        fresh_image = QImage(str(icon_path_in(tmp_path, size)))
        fresh = fresh_image.convertToFormat(QImage.Format.Format_ARGB32)
        assert (committed.width(), committed.height()) == (size, size)
        assert (fresh.width(), fresh.height()) == (size, size)
        old, new = bytes(committed.constBits()), bytes(fresh.constBits())
        opaque = sum(1 for alpha in old[3::4] if alpha > 0)
        assert opaque > size * size // 2, f"{size}px icon is mostly empty"
        mean_difference = sum(abs(a - b) for a, b in zip(old, new, strict=True)) / len(old)
        assert mean_difference < 2.0, f"{size}px icon is stale: run packaging/render_icons.py"


def icon_path_in(root: Path, size: int) -> Path:
    return root / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


# Windows and macOS installers' metadata ----------------------------------------------------
def inno_entries(section: str) -> list[dict[str, str]]:
    """The ``Key: value; Key: value`` lines of one section of the .iss file."""
    text = (PACKAGING / "windows" / "dialer-app.iss").read_text("utf-8")
    defines = dict(re.findall(r'^\s*#define (\w+) "([^"]*)"', text, re.M))
    text = re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], text)
    body = re.search(rf"^\[{section}\]\n(.*?)(?=^\[|\Z)", text, re.M | re.S)
    assert body, f"no [{section}] section"
    entries = []
    for line in body.group(1).splitlines():
        if not line.strip() or line.lstrip().startswith(";"):
            continue
        pairs = re.findall(r'(\w+): ("(?:[^"]|"")*"|[^;]*)', line)
        entries.append({key: value.strip() for key, value in pairs})
    return entries


def inno_value(raw: str) -> str:
    return raw[1:-1].replace('""', '"') if raw.startswith('"') else raw


def registry_value(entries: list[dict[str, str]], subkey: str, name: str) -> dict[str, str]:
    for entry in entries:
        if inno_value(entry["Subkey"]) == subkey and inno_value(entry.get("ValueName", "")) == name:
            return entry
    raise AssertionError(f"no registry entry {subkey} / {name!r}")


def test_inno_setup_script_is_per_user() -> None:
    setup = (PACKAGING / "windows" / "dialer-app.iss").read_text("utf-8")
    assert re.search(r"^PrivilegesRequired=lowest$", setup, re.M)
    assert re.search(r"^DefaultDirName=\{autopf\}\\", setup, re.M)
    entries = inno_entries("Registry")
    assert entries
    assert all(entry["Root"] == "HKA" for entry in entries)  # HKCU when per-user
    files = inno_entries("Files")
    assert inno_value(files[0]["Source"]) == r"..\..\dist\dialer-app\*"  # the spec's COLLECT
    icons = inno_entries("Icons")
    assert inno_value(icons[0]["Filename"]) == r"{app}\dialer-app-gui.exe"


def test_inno_setup_registers_the_same_keys_as_the_app() -> None:
    entries = inno_entries("Registry")
    gui = r"{app}\dialer-app-gui.exe"
    for scheme in SCHEMES:
        key = win.prog_id_key(scheme)
        assert "uninsdeletekey" in registry_value(entries, key, "")["Flags"]
        assert inno_value(registry_value(entries, key, "URL Protocol")["ValueData"]) == ""
        command = registry_value(entries, rf"{key}\shell\open\command", "")
        assert inno_value(command["ValueData"]) == f'"{gui}" "%1"'
        icon = registry_value(entries, rf"{key}\DefaultIcon", "")
        assert inno_value(icon["ValueData"]) == f'"{gui}",0'
        association = registry_value(entries, rf"{win.CAPABILITIES_KEY}\URLAssociations", scheme)
        assert inno_value(association["ValueData"]) == win.PROG_IDS[scheme]
    capabilities = registry_value(entries, win.CAPABILITIES_KEY, "ApplicationName")
    assert "uninsdeletekey" in capabilities["Flags"]
    registered = registry_value(entries, win.REGISTERED_APPLICATIONS_KEY, win.REGISTERED_NAME)
    assert inno_value(registered["ValueData"]) == win.CAPABILITIES_KEY
    assert "uninsdeletevalue" in registered["Flags"]
    run = [e for e in entries if inno_value(e["Subkey"]) == RUN_KEY]
    assert {inno_value(e["ValueName"]) for e in run} == {RUN_VALUE_NAME}
    assert all("uninsdeletevalue" in e["Flags"] for e in run)
    startup = next(e for e in run if e.get("Tasks") == "autostart")
    assert inno_value(startup["ValueData"]) == f'"{gui}" "--minimized"'


def test_macos_info_plist() -> None:
    with (PACKAGING / "macos" / "Info.plist").open("rb") as handle:
        info = plistlib.load(handle)
    assert info["CFBundleIdentifier"] == APP_ID
    assert info["CFBundleExecutable"] == APP_NAME  # the spec's EXE name
    assert info["CFBundleShortVersionString"] == __version__
    schemes = {s for url_type in info["CFBundleURLTypes"] for s in url_type["CFBundleURLSchemes"]}
    assert schemes == set(SCHEMES)
    assert info["LSUIElement"] is False
    assert info["NSHighResolutionCapable"] is True
    assert re.fullmatch(r"\d+\.\d+", info["LSMinimumSystemVersion"])


def test_spec_builds_the_names_the_installers_expect() -> None:
    spec = (PACKAGING / "dialer-app.spec").read_text("utf-8")
    assert 'name="dialer-app",' in spec  # console EXE and COLLECT folder
    assert 'name="dialer-app-gui",' in spec  # the windowed twin on Windows
    assert "console=True" in spec
    assert "console=False" in spec
    assert 'name="Dialer.app"' in spec


# the real Linux build ----------------------------------------------------------------------
@pytest.mark.slow
@pytest.mark.timeout(900)
def test_linux_bundle_builds_and_runs(secret_service_available: bool) -> None:
    completed = subprocess.run(
        ["bash", str(PACKAGING / "build-linux.sh")],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=880,
        check=False,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode == 0, output[-6000:]
    smoke = json.loads((REPO_ROOT / "build" / "pyinstaller" / "smoke.json").read_text("utf-8"))

    assert smoke["version"] == {"rc": 0, "stdout": f"{APP_NAME} {__version__}"}
    assert smoke["call"]["rc"] == 0
    reply = json.loads(smoke["call"]["stdout"])
    assert reply["ok"] is True
    assert reply["request_id"]
    assert smoke["window"]["error_lines"] == 0
    expected_window_rc = 0 if smoke["window"]["mode"] == "smoke-exit" else 124
    assert smoke["window"]["rc"] == expected_window_rc
    if secret_service_available:
        assert "SecretService" in smoke["keyring_backend"]
    bundle = REPO_ROOT / "dist" / "dialer-app"
    assert (bundle / "dialer-app").is_file()
    assert 0 < smoke["bundle"]["bytes"] < MAX_BUNDLE_BYTES
    assert smoke["failures"] == 0
    internal = bundle / "_internal"
    for size in ICON_SIZES:  # handlers copy these from the bundle
        assert (internal / "dialer_app" / "resources" / icon_path_in(Path("icons"), size)).is_file()
    shipped = internal / "dialer_app" / "resources" / "translations"
    compiled = sorted(path.name for path in (RESOURCES / "translations").glob("*.qm"))
    assert compiled
    assert sorted(path.name for path in shipped.glob("*.qm")) == compiled
    assert not list(internal.rglob("libQt6Quick*")), "unused Qt modules were bundled"
    assert not list(internal.rglob("libQt6WebEngine*"))
