"""Icons and desktop files; installed as ``dialer_app.resources``."""
