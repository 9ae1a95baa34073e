"""Fade a widget out some time after a message appears (success and undo messages)."""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, QObject, QPropertyAnimation, QTimer, Signal
from PySide6.QtWidgets import QGraphicsOpacityEffect, QWidget


class DelayedFadeOut(QObject):
    """After ``delay_ms``, fades ``widget`` out over ``duration_ms`` and emits ``faded``.

    The opacity effect is made for the first fade and is off otherwise: a widget with an
    effect on is painted through an off-screen pixmap, and making one at start-up costs time.
    """

    faded = Signal()

    def __init__(self, widget: QWidget, delay_ms: int, duration_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._duration_ms = duration_ms
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self._fade)
        self._effect: QGraphicsOpacityEffect | None = None
        self._animation: QPropertyAnimation | None = None

    def start(self) -> None:
        """(Re)start the delay; a fade in progress is undone."""
        self.cancel()
        self._timer.start()

    def cancel(self) -> None:
        """Stop waiting or fading and show the widget fully again."""
        self._timer.stop()
        if self._animation is not None and self._effect is not None:
            self._animation.stop()
            self._effect.setOpacity(1.0)
            self._effect.setEnabled(False)

    def is_fading(self) -> bool:
        return self._effect is not None and self._effect.isEnabled()

    def _fade(self) -> None:
        if self._effect is None or self._animation is None:
            self._effect = QGraphicsOpacityEffect(self._widget)
            self._widget.setGraphicsEffect(self._effect)
            self._animation = QPropertyAnimation(self._effect, b"opacity", self)
            self._animation.setDuration(self._duration_ms)
            self._animation.setStartValue(1.0)
            self._animation.setEndValue(0.0)
            self._animation.setEasingCurve(QEasingCurve.Type.InOutQuad)
            self._animation.finished.connect(self._finished)
        self._effect.setEnabled(True)
        self._animation.start()

    def _finished(self) -> None:
        self.cancel()
        self.faded.emit()
