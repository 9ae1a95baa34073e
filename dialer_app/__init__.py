"""dialer-app: a desktop click-to-call dialer for TeleCMI click2call."""

__version__ = "0.1.0"
APP_NAME = "dialer-app"
# Reverse-DNS id: the .desktop file, AppStream metainfo and Qt desktop file name use it.
APP_ID = "io.github.dialerapp.DialerApp"
