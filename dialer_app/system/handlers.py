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

from dialer_app.system.link_schemes import MACOS_MESSAGE, HandlerResult
from dialer_app.system.registry import Registry


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
