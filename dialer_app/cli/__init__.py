"""The command line: ``dialer-app COMMAND ...`` for scripts and CRMs (no Qt here)."""
