"""tel:/callto: registration on freedesktop.org desktops (Linux, BSD), for the current user.

Registering writes ``$XDG_DATA_HOME/applications/<APP_ID>.desktop`` (Exec = this install's
launcher), the icons under ``$XDG_DATA_HOME/icons/hicolor``, and the user's default for the
two ``x-scheme-handler`` types: through ``xdg-mime`` or ``gio mime`` when present, else by
editing ``$XDG_CONFIG_HOME/mimeapps.list`` directly. Unregistering removes those files and
entries (and folders it leaves empty), nothing else.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from importlib.resources import files
from pathlib import Path

from dialer_app import APP_ID
from dialer_app.core.atomic import write_atomically
from dialer_app.system import mimeapps
from dialer_app.system.desktop_entry import relaunch_entry, xdg_config_home, xdg_data_home
from dialer_app.system.link_schemes import DESKTOP_ID, MIME_TYPES, HandlerResult

log = logging.getLogger(__name__)
TOOL_TIMEOUT_S = 20.0
MIME_CACHE_GROUP = "MIME Cache"


def register(command: Sequence[str], environ: Mapping[str, str] = os.environ) -> HandlerResult:
    data_home, config_home = xdg_data_home(environ), xdg_config_home(environ)
    applications = data_home / "applications"
    changed: list[str] = []
    try:
        entry = applications / DESKTOP_ID
        _write(entry, relaunch_entry(desktop_template(), command).encode("utf-8"))
        changed.append(str(entry))
        for relative, data in icon_files():
            target = data_home / "icons" / relative
            _write(target, data)
            changed.append(str(target))
        how = _set_defaults(config_home)
    except OSError as exc:
        return HandlerResult(False, f"Could not register Dialer for links: {exc}", changed)
    changed.extend(f"default for {mime}: {DESKTOP_ID} (via {how})" for mime in MIME_TYPES)
    _run_if_present("update-desktop-database", str(applications))
    return HandlerResult(True, "Dialer now opens tel: and callto: links.", changed)


def unregister(environ: Mapping[str, str] = os.environ) -> HandlerResult:
    data_home, config_home = xdg_data_home(environ), xdg_config_home(environ)
    applications = data_home / "applications"
    changed: list[str] = []
    try:
        ours = [applications / DESKTOP_ID, *_installed_icons(data_home / "icons" / "hicolor")]
        for path in ours:
            if path.is_file():
                path.unlink()
                changed.append(str(path))
                _prune_empty_parents(path.parent, stop=data_home)
        for listing in (config_home / "mimeapps.list", applications / "mimeapps.list"):
            if mimeapps.remove_desktop_id(listing, MIME_TYPES, DESKTOP_ID):
                changed.append(str(listing))
        cache = applications / "mimeinfo.cache"
        if mimeapps.remove_desktop_id(cache, MIME_TYPES, DESKTOP_ID, groups=(MIME_CACHE_GROUP,)):
            changed.append(str(cache))
        _prune_empty_parents(applications, stop=data_home)
    except OSError as exc:
        return HandlerResult(False, f"Could not remove Dialer's link handler: {exc}", changed)
    if not changed:
        return HandlerResult(True, "Dialer was not registered for links; nothing to remove.", [])
    return HandlerResult(True, "Dialer no longer handles tel: and callto: links.", changed)


def desktop_template() -> str:
    return (files("dialer_app.resources") / DESKTOP_ID).read_text("utf-8")


def icon_files() -> list[tuple[str, bytes]]:
    """(path below ``icons/``, bytes) of the scalable icon and every shipped PNG size."""
    root = files("dialer_app.resources")
    icons = [(f"hicolor/scalable/apps/{APP_ID}.svg", (root / "dialer-app.svg").read_bytes())]
    hicolor = root / "icons" / "hicolor"
    if hicolor.is_dir():
        for size in sorted(hicolor.iterdir(), key=lambda folder: folder.name):
            png = size / "apps" / f"{APP_ID}.png"
            if png.is_file():
                icons.append((f"hicolor/{size.name}/apps/{APP_ID}.png", png.read_bytes()))
    return icons


def _installed_icons(hicolor: Path) -> Iterable[Path]:
    return sorted(hicolor.glob(f"*/apps/{APP_ID}.*"))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


def _set_defaults(config_home: Path) -> str:
    """Set the default handler; returns how (a tool's name, or ``mimeapps.list``)."""
    if _run_if_present("xdg-mime", "default", DESKTOP_ID, *MIME_TYPES):
        return "xdg-mime"
    if shutil.which("gio") and all(
        _run_if_present("gio", "mime", mime, DESKTOP_ID) for mime in MIME_TYPES
    ):
        return "gio"
    mimeapps.set_default(config_home / "mimeapps.list", MIME_TYPES, DESKTOP_ID)
    return "mimeapps.list"


def _run_if_present(tool: str, *args: str) -> bool:
    """Run *tool* when it is on PATH; True when it ran and succeeded."""
    program = shutil.which(tool)
    if program is None:
        return False
    try:
        completed = subprocess.run(
            [program, *args],
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT_S,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.debug("%s failed to run: %s", tool, exc)
        return False
    if completed.returncode != 0:
        log.debug("%s exited %s: %s", tool, completed.returncode, completed.stderr.strip())
    return completed.returncode == 0


def _prune_empty_parents(folder: Path, *, stop: Path) -> None:
    """Remove *folder* and its parents while empty, never *stop* or anything above it."""
    while folder != stop and stop in folder.parents:
        if folder.exists():
            try:
                folder.rmdir()
            except OSError:  # not empty
                return
        folder = folder.parent
