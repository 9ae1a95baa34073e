"""``python -m dialer_app.sandbox [--host H] [--port P] [--fault NAME]``."""

from dialer_app.sandbox.server import main

raise SystemExit(main())
