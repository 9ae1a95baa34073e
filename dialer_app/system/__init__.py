"""Desktop integration without Qt: link handlers (tel:, callto:) and start at login.

``register_handler()`` / ``unregister_handler()`` return a ``HandlerResult`` (ok, message,
changed) and never raise for file or registry errors; ``set_autostart()`` raises ``OSError``.
"""

from dialer_app.system.autostart import autostart_enabled, set_autostart
from dialer_app.system.handlers import HandlerResult, register_handler, unregister_handler
from dialer_app.system.launcher import default_command

__all__ = [
    "HandlerResult",
    "autostart_enabled",
    "default_command",
    "register_handler",
    "set_autostart",
    "unregister_handler",
]
