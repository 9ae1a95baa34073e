"""Desktop integration without Qt: link handlers (tel:, callto:) and start at login.

``handlers.register_handler()`` / ``unregister_handler()`` return a ``HandlerResult`` (ok,
message, changed) and never raise for file or registry errors; ``autostart.set_autostart()``
raises ``OSError``.
"""
