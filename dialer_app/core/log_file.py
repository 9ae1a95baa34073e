"""The rotating log file in the profile (``logging.handlers`` loads only when it is opened)."""

from __future__ import annotations

import logging
import logging.handlers
import sys


class ProfileLogHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file; when it cannot be written any more (disk full, made read-only)
    it says so once on stderr and stops, instead of a traceback on stderr for every record."""

    failed = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):
            super().handleError(record)
            return
        self.failed = True
        if sys.stderr is not None:
            reason = error.strerror or error
            sys.stderr.write(
                f"dialer-app: the log file {self.baseFilename} cannot be written ({reason}); "
                "logging to stderr only.\n"
            )
