"""Whether the window can open: a graphical display, decided before Qt is imported.

On Linux and the BSDs Qt needs a Wayland or X11 display (``WAYLAND_DISPLAY`` / ``DISPLAY``)
unless ``QT_QPA_PLATFORM`` names a platform that needs none (offscreen, a framebuffer, VNC).
Without one, Qt aborts the process with advice to reinstall the app; the entry point asks
``missing_display`` first and says what is wrong instead. A local X display (``:0``) is also
looked for, so that a stale ``DISPLAY`` (an SSH session, a stopped Xvfb) gets the same message.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

# Qt platform plugins that draw without an X11 or Wayland server.
_NO_SERVER_NEEDED = frozenset(
    {"offscreen", "minimal", "minimalegl", "vnc", "eglfs", "linuxfb", "vkkhrdisplay", "directfb"}
)
_SERVER_PLATFORMS = frozenset({"xcb", "wayland", "wayland-egl"})


def missing_display(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    *,
    x11_sockets: str = "/tmp/.X11-unix",  # noqa: S108 (the X server's own folder, only read)
    unix_sockets_table: str = "/proc/net/unix",
) -> str | None:
    """Why no window can be shown here, or None when a display (or a platform that needs
    none) is available. Only X11/Wayland systems are checked: Windows and macOS always have
    their own display. (The paths are the system's; tests give others.)"""
    if platform in ("win32", "darwin", "cygwin"):
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    requested = [entry.split(":", 1)[0].strip().lower() for entry in chosen.split(";")]
    requested = [name for name in requested if name]
    problems: list[str] = []
    for name in requested or ["wayland", "xcb"]:  # without a choice Qt tries both
        if name in _NO_SERVER_NEEDED or name not in _SERVER_PLATFORMS:
            return None  # a platform that needs no server, or one we do not know: Qt decides
        problem = (
            _wayland_problem(environ)
            if name.startswith("wayland")
            else _x11_problem(environ.get("DISPLAY", ""), x11_sockets, unix_sockets_table)
        )
        if problem is None:
            return None
        if problem not in problems:
            problems.append(problem)
    if requested:
        return f"QT_QPA_PLATFORM={chosen} needs a display, but {' and '.join(problems)}"
    if problems == [_NO_WAYLAND, _NO_X11]:
        return "neither DISPLAY (X11) nor WAYLAND_DISPLAY (Wayland) is set"
    return next(problem for problem in problems if problem != _NO_WAYLAND)


_NO_WAYLAND = "WAYLAND_DISPLAY is not set"
_NO_X11 = "DISPLAY is not set"


def _wayland_problem(environ: Mapping[str, str]) -> str | None:
    if environ.get("WAYLAND_DISPLAY"):
        return None
    # A Wayland session whose compositor did not export WAYLAND_DISPLAY: Qt picks Wayland for
    # it and connects to the default socket.
    runtime_dir = environ.get("XDG_RUNTIME_DIR")
    if (
        environ.get("XDG_SESSION_TYPE") == "wayland"
        and runtime_dir
        and os.path.exists(os.path.join(runtime_dir, "wayland-0"))
    ):
        return None
    return _NO_WAYLAND


def _x11_problem(display: str, sockets: str, table: str) -> str | None:
    if not display:
        return _NO_X11
    number = _local_display_number(display)
    if number is None:
        return None  # a display on another host (ssh -X: localhost:10) is taken on trust
    path = f"{sockets}/X{number}"
    if _listening(path, table):
        return None
    return f"DISPLAY={display} is set, but no X server is running there (no {path})"


def _local_display_number(display: str) -> str | None:
    """'7' for ':7', ':7.0' or 'unix:7'; None for a display on another host."""
    host, separator, rest = display.rpartition(":")
    if not separator or host not in ("", "unix"):
        return None
    number = rest.split(".", 1)[0]
    return number if number.isdigit() else None


def _listening(path: str, table: str) -> bool:
    """An X server's socket file, or else its abstract socket (a container may share only
    that) in the kernel's table of Unix sockets."""
    if os.path.exists(path):
        return True
    try:
        with open(table, encoding="utf-8", errors="replace") as sockets:
            return any(line.rstrip().endswith(f" @{path}") for line in sockets)
    except OSError:
        return True  # cannot tell: let Qt try
