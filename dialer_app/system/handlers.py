"""Make this dialer the handler of ``tel:`` and ``callto:`` links, for the current user only.

``register_handler()`` / ``unregister_handler()`` pick the platform's way:

* Linux and other XDG desktops: a desktop entry and icons under ``$XDG_DATA_HOME``, and the
  user's default for ``x-scheme-handler/tel`` and ``/callto`` (see ``xdg_links``).
* Windows: per-user ProgIDs, Capabilities and RegisteredApplications in ``HKCU``; the user
  then picks the app in Settings › Default apps (see ``windows_links``).
* macOS: nothing at run time; the bundle's Info.plist declares the schemes.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field

from dialer_app import APP_ID
from dialer_app.system.registry import Registry

SCHEMES = ("tel", "callto")
MIME_TYPES = tuple(f"x-scheme-handler/{scheme}" for scheme in SCHEMES)
DESKTOP_ID = f"{APP_ID}.desktop"

MACOS_MESSAGE = (
    "On macOS there is nothing to register: Dialer.app declares tel: and callto: links in its "
    "Info.plist, so macOS offers it once the app is in Applications. To make it the default "
    "for phone links, choose Dialer in FaceTime › Settings › Default for calls."
)


@dataclass(frozen=True)
class HandlerResult:
    """What a (un)registration did: *changed* lists files, keys or defaults it touched."""

    ok: bool
    message: str
    changed: list[str] = field(default_factory=list)


def register_handler(
    exe: list[str] | None = None,
    *,
    platform: str | None = None,
    registry: Registry | None = None,
) -> HandlerResult:
    """Register for ``tel:``/``callto:``; *exe* is the launch argv (default: this install)."""
    from dialer_app.system.launcher import default_command

    system = platform or sys.platform
    if system == "darwin":
        return HandlerResult(True, MACOS_MESSAGE, [])
    if system == "win32":
        from dialer_app.system import windows_links
        from dialer_app.system.registry import default_registry

        command = exe or default_command(gui=True, platform=system)
        return windows_links.register(registry or default_registry(), command)
    from dialer_app.system import xdg_links

    return xdg_links.register(exe or default_command(platform=system))


def unregister_handler(
    *, platform: str | None = None, registry: Registry | None = None
) -> HandlerResult:
    """Remove exactly what ``register_handler`` added; earlier defaults are not brought back."""
    system = platform or sys.platform
    if system == "darwin":
        return HandlerResult(True, MACOS_MESSAGE, [])
    if system == "win32":
        from dialer_app.system import windows_links
        from dialer_app.system.registry import default_registry

        return windows_links.unregister(registry or default_registry())
    from dialer_app.system import xdg_links

    return xdg_links.unregister()
