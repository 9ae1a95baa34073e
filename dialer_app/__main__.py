"""``python -m dialer_app`` is the same as the ``dialer-app`` command."""

import sys

from dialer_app.cli import main

sys.exit(main())
