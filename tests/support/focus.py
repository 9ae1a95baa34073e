"""Leaving a field as a keyboard user does, for tests of "validation shows when a field is
left": offscreen windows are never active, so Tab does not move the focus out by itself."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication, QWidget


def leave(widget: QWidget) -> None:
    """Deliver the focus-out a Tab away from ``widget`` would."""
    QApplication.sendEvent(widget, QFocusEvent(QEvent.Type.FocusOut, Qt.FocusReason.TabFocusReason))
