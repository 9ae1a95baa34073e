"""``python -m dialer_app`` is the same as the ``dialer-app`` command."""

import sys

from dialer_app.cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A frozen (PyInstaller) build starts contact-import children through this entry
        # point. Only there: importing multiprocessing costs ~10 ms of every start.
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
