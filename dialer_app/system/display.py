"""Whether the window can open: a graphical display, decided before Qt is imported.

On Linux and the BSDs Qt needs an X11 or Wayland display (``DISPLAY`` / ``WAYLAND_DISPLAY``)
unless ``QT_QPA_PLATFORM`` names a platform that needs none (offscreen, a framebuffer, VNC).
Without one, Qt aborts the process with advice to reinstall the app; the entry point asks
``missing_display`` first and says what is wrong instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# Qt platform plugins that draw without an X11 or Wayland server.
_NO_SERVER_NEEDED = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay", "directfb"}
)
_NEEDS_SERVER = {
    "xcb": ("DISPLAY",),
    "wayland": ("WAYLAND_DISPLAY",),
    "wayland-egl": ("WAYLAND_DISPLAY",),
}


def missing_display(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> str | None:
    """Why no window can be shown here, or None when a display (or a platform that needs
    none) is available. Only X11/Wayland systems are checked: Windows and macOS always have
    their own display."""
    if platform in ("win32", "darwin", "cygwin"):
        return None
    requested = [
        entry.split(":", 1)[0].strip().lower()
        for entry in environ.get("QT_QPA_PLATFORM", "").split(";")
        if entry.strip()
    ]
    for name in requested:
        if name in _NO_SERVER_NEEDED:
            return None
        if any(environ.get(variable) for variable in _NEEDS_SERVER.get(name, ())):
            return None
        if name not in _NEEDS_SERVER:
            return None  # a plugin we do not know: let Qt decide
    if not requested and (
        environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or _default_wayland(environ)
    ):
        return None
    if requested:
        return (
            f"QT_QPA_PLATFORM={environ.get('QT_QPA_PLATFORM')} needs a display, but "
            f"{' and '.join(_variables_for(requested))} is not set"
        )
    return "neither DISPLAY (X11) nor WAYLAND_DISPLAY (Wayland) is set"


def _variables_for(platforms: list[str]) -> list[str]:
    names: list[str] = []
    for platform in platforms:
        for variable in _NEEDS_SERVER.get(platform, ()):
            if variable not in names:
                names.append(variable)
    return names


def _default_wayland(environ: Mapping[str, str]) -> bool:
    """A Wayland session whose compositor did not export WAYLAND_DISPLAY: Qt picks Wayland
    for it and connects to the default socket."""
    runtime_dir = environ.get("XDG_RUNTIME_DIR")
    return (
        environ.get("XDG_SESSION_TYPE") == "wayland"
        and bool(runtime_dir)
        and os.path.exists(os.path.join(str(runtime_dir), "wayland-0"))
    )
