"""A percentage on stderr for long commands (imports), only on a terminal."""

from __future__ import annotations

import sys
from typing import TextIO


class TerminalProgress:
    """A percentage on stderr, only when stderr is a terminal (never in pipes or logs)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = ""

    @classmethod
    def on_stderr(cls) -> TerminalProgress | None:
        stream = sys.stderr
        return cls(stream) if stream is not None and stream.isatty() else None

    def reading(self, done: int, total: int) -> None:
        """The file read, checked and written (in one transaction), by bytes of the file."""
        self._show("Importing", done, total)

    def saving(self, done: int, total: int) -> None:
        """The transaction being committed."""
        self._show("Saving contacts", done, total)

    def clear(self) -> None:
        if self._last:
            self._stream.write("\r\x1b[K")
            self._stream.flush()

    def _show(self, phase: str, done: int, total: int) -> None:
        text = f"\r{phase}... {100 * done // max(total, 1):3d}%"
        if text != self._last:
            self._last = text
            self._stream.write(text)
            self._stream.flush()
