"""The rotating log file in the profile (``logging.handlers`` loads only when it is opened)."""

from __future__ import annotations

import errno
import io
import logging
import logging.handlers
import os
import sys
from pathlib import Path

from dialer_app.core.profile import PRIVATE_FILE, irregular_file


class ProfileLogHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file; when it cannot be written any more (disk full, made read-only)
    it says so once on stderr and stops, instead of a traceback on stderr for every record."""

    failed = False

    def _open(self) -> io.TextIOWrapper:
        """The log file, readable by its owner only (log lines name customers' numbers);
        refused when something else than a file stands at its path (a named pipe would
        block the app on its first log line)."""
        path = Path(self.baseFilename)
        kind = irregular_file(path)
        if kind:
            raise OSError(errno.EINVAL, f"{path.name} is {kind}, not a file", str(path))
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags, PRIVATE_FILE)
        return io.TextIOWrapper(
            os.fdopen(fd, "ab"), encoding=self.encoding, errors=self.errors, write_through=True
        )

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
