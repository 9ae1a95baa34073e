"""The delivery-mode switch: Softphone (webrtc) or Mobile (follow-me), exactly one on."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from dialer_app.core.call_request import DeliveryMode
from dialer_app.ui.icons import icon


class ModeSwitch(QWidget):
    """Two checkable toggles in an exclusive group.

    An exclusive ``QButtonGroup`` gives the API's rule for free: turning one on turns the
    other off, and clicking the one that is on leaves it on.
    """

    mode_changed = Signal(object)  # DeliveryMode

    def __init__(self, mode: DeliveryMode, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.softphone = self._toggle(
            (self.tr("Soft&phone"), self.tr("Softphone mode")),
            self.tr(
                "Softphone (webrtc): the platform rings the softphone on this computer "
                "first; when you answer, it calls the customer."
            ),
            ("headset", "webrtcToggle", "left"),
        )
        self.mobile = self._toggle(
            (self.tr("&Mobile"), self.tr("Mobile (follow-me) mode")),
            self.tr(
                "Mobile (follow-me): the platform rings your mobile phone first; when you "
                "answer, it calls the customer."
            ),
            ("mobile", "followmeToggle", "right"),
        )
        for button in (self.softphone, self.mobile):
            layout.addWidget(button)
        self.set_mode(mode)
        self._group.buttonToggled.connect(self._on_toggled)

    def _toggle(self, texts: tuple[str, str], tip: str, looks: tuple[str, str, str]) -> QPushButton:
        """A toggle with its (text, accessible name), tip and (icon, object name, side)."""
        (text, accessible), (icon_name, name, side) = texts, looks
        highlighted = QGuiApplication.palette().highlightedText().color()
        button = QPushButton(icon(icon_name, checked_color=highlighted), text)
        button.setObjectName(name)
        button.setProperty("segment", side)
        button.setCheckable(True)
        button.setToolTip(tip)
        button.setAccessibleName(accessible)
        button.setAccessibleDescription(tip)
        self._group.addButton(button)
        return button

    def mode(self) -> DeliveryMode:
        return DeliveryMode.MOBILE if self.mobile.isChecked() else DeliveryMode.SOFTPHONE

    def set_mode(self, mode: DeliveryMode) -> None:
        target = self.mobile if mode is DeliveryMode.MOBILE else self.softphone
        target.setChecked(True)

    def _on_toggled(self, _button: QPushButton, checked: bool) -> None:
        if checked:
            self.mode_changed.emit(self.mode())
