"""``python -m dialer_app`` is the same as the ``dialer-app`` command."""

import multiprocessing
import sys

from dialer_app.cli import main

if __name__ == "__main__":
    # A frozen (PyInstaller) build starts contact-import children through this entry point.
    multiprocessing.freeze_support()
    sys.exit(main())
