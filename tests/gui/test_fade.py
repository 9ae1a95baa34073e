"""The status line's delayed fade-out: the effect exists only from the first fade on."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QGraphicsOpacityEffect, QLabel
from pytestqt.qtbot import QtBot

from dialer_app.ui.fade import DelayedFadeOut


def shown_label(qtbot: QtBot) -> QLabel:
    label = QLabel("Call initiated")
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    return label


def test_fades_after_the_delay_then_paints_plainly_again(qtbot: QtBot) -> None:
    label = shown_label(qtbot)
    fade = DelayedFadeOut(label, delay_ms=30, duration_ms=60)
    assert label.graphicsEffect() is None  # nothing made before the first fade
    fade.start()
    assert not fade.is_fading()
    qtbot.waitUntil(fade.is_fading, timeout=2000)
    effect = label.graphicsEffect()
    assert isinstance(effect, QGraphicsOpacityEffect)
    with qtbot.waitSignal(fade.faded, timeout=2000):
        pass
    assert not fade.is_fading()
    assert not effect.isEnabled()  # off: painted directly, fully opaque
    assert effect.opacity() == 1.0


def test_a_new_message_cancels_the_fade(qtbot: QtBot) -> None:
    label = shown_label(qtbot)
    fade = DelayedFadeOut(label, delay_ms=10, duration_ms=5000)
    faded: list[bool] = []
    fade.faded.connect(lambda: faded.append(True))
    fade.start()
    qtbot.waitUntil(fade.is_fading, timeout=2000)
    qtbot.wait(100)
    effect = label.graphicsEffect()
    assert isinstance(effect, QGraphicsOpacityEffect)
    assert effect.opacity() < 1.0
    fade.cancel()
    assert not fade.is_fading()
    assert effect.opacity() == 1.0
    fade.start()  # and it can fade again later
    qtbot.waitUntil(fade.is_fading, timeout=2000)
    fade.cancel()
    assert faded == []


def test_a_cancelled_fade_never_reports_itself_faded(qtbot: QtBot) -> None:
    """Timers fire in the order they expire: a timer set past the fade's end proves the
    moment when ``faded`` would have come has passed (no fixed sleep)."""
    label = shown_label(qtbot)
    fade = DelayedFadeOut(label, delay_ms=10, duration_ms=40)
    faded: list[bool] = []
    fade.faded.connect(lambda: faded.append(True))
    fade.start()
    qtbot.waitUntil(fade.is_fading, timeout=2000)
    fade.cancel()
    past_the_end = QTimer(singleShot=True, interval=200)
    with qtbot.waitSignal(past_the_end.timeout, timeout=2000):
        past_the_end.start()
    assert faded == []
    fade.start()  # the positive control: not cancelled, it does report
    with qtbot.waitSignal(fade.faded, timeout=2000):
        pass
