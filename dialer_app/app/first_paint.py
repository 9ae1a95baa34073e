"""Start-up staging: know when the window first painted; give back PySide6's source cache."""

from __future__ import annotations

import linecache

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstPaintWatcher(QObject):
    """Emits ``painted`` once, when the window has drawn itself for the first time."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)  # after this paint has finished
        return False


def release_source_lines() -> None:
    """Drop the source text PySide6 leaves in ``linecache`` (~5 MiB after start-up).

    PySide6 reads the whole source of every imported module (``inspect.getsource``) to look
    for ``from __feature__ import``; linecache keeps it. Tracebacks read it again if needed.
    Called only while no worker thread can be using linecache (it has no lock): before the
    window is built and before the panels are, when the workers have had nothing to do yet.
    """
    linecache.clearcache()
