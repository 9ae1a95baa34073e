"""Below the Call button: the last call's outcome, and a separate line for everything else.

The outcome (``statusFrame``/``statusLabel``) stays until the next call or until the agent
dismisses it: a success with its whole request id must not be replaced by a side problem
(history not saved, database read-only), which goes to the notice line (``noticeFrame``)
instead and never recolours the outcome.

A request id has no spaces, so a label cannot wrap it: it sits in its own read-only field
that shows it whole when it fits and elided in the middle when it does not; the whole id is
selectable there, in its tooltip and on the copy button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dialer_app.ui.announce import announce
from dialer_app.ui.fade import DelayedFadeOut
from dialer_app.ui.icons import icon
from dialer_app.ui.style import set_qt_properties, set_style_state

NOTICE_VISIBLE_MS = 12_000
FADE_MS = 900


class RequestIdField(QLineEdit):
    """A read-only, frameless line for one request id: elided in the middle when too long
    (unless focused, where the agent selects and scrolls the real text)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("requestIdField")
        self.setReadOnly(True)
        self.setFrame(False)
        self.setAccessibleName(self.tr("Request ID"))
        set_qt_properties(self, focusPolicy="ClickFocus")

    def set_request_id(self, request_id: str) -> None:
        self.setText(request_id)
        self.setCursorPosition(0)
        self.setToolTip(self.tr("Request ID: {id}").format(id=request_id) if request_id else "")
        self.setAccessibleDescription(request_id)

    def is_elided(self) -> bool:
        return self.fontMetrics().horizontalAdvance(self.text()) > self._text_width()

    def shown_text(self) -> str:
        """What the field draws when it does not have the focus."""
        from PySide6.QtCore import Qt

        if not self.is_elided():
            return self.text()
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideMiddle, self._text_width()
        )

    def _text_width(self) -> int:
        return max(0, self.contentsRect().width() - 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.hasFocus() or not self.is_elided():
            super().paintEvent(event)
            return
        from PySide6.QtCore import Qt

        painter = QPainter(self)
        painter.setPen(self.palette().text().color())
        area = self.contentsRect().adjusted(4, 0, -4, 0)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignVCenter), self.shown_text())


class OutcomePanel(QFrame):
    """The outcome of the last call intent: calling, initiated, failed or not sent."""

    call_again_requested = Signal(object)  # the intent to send again, deliberately

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusFrame")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 8, 6, 8)
        texts = QVBoxLayout()
        texts.setContentsMargins(0, 0, 0, 0)
        texts.setSpacing(2)
        self.status_label = QLabel("")
        self.status_label.setObjectName("statusLabel")
        self.status_label.setAccessibleName(self.tr("Call status"))
        self.status_label.setWordWrap(True)
        set_qt_properties(
            self.status_label,
            textFormat="PlainText",
            textInteractionFlags="TextSelectableByMouse|TextSelectableByKeyboard",
            focusPolicy="NoFocus",  # a Tab stop only while it says something
        )
        self.status_label.setMinimumHeight(40)
        texts.addWidget(self.status_label)
        self.request_id_field = RequestIdField()
        self.request_id_field.setVisible(False)
        texts.addWidget(self.request_id_field)
        row.addLayout(texts, 1)
        buttons = QVBoxLayout()  # at the top, beside a message of several lines
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(4)
        self.copy_button = _tool_button(
            "copyRequestIdButton", "copy", self.tr("Copy the request id")
        )
        self.copy_button.clicked.connect(self._copy_request_id)
        self.call_again_button = QPushButton(self.tr("Call &again"))
        self.call_again_button.setObjectName("callAgainButton")
        self.call_again_button.setToolTip(self.tr("Call this number once more, on purpose"))
        self.call_again_button.clicked.connect(self._call_again)
        self.dismiss_button = _tool_button(
            "dismissStatusButton", "close", self.tr("Dismiss the call status")
        )
        self.dismiss_button.clicked.connect(self.clear)
        for button in (self.copy_button, self.call_again_button, self.dismiss_button):
            button.setVisible(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self._again: object | None = None

    def text(self) -> str:
        return self.status_label.text()

    def request_id(self) -> str:
        return self.request_id_field.text()

    def show_outcome(
        self, text: str, state: str, *, request_id: str = "", again: object | None = None
    ) -> None:
        """Replace the outcome. ``again``: the intent "Call again" sends (shows the button)."""
        self.status_label.setText(text)
        set_qt_properties(self.status_label, focusPolicy="StrongFocus" if text else "NoFocus")
        self.request_id_field.set_request_id(request_id)
        self.request_id_field.setVisible(bool(request_id))
        self.copy_button.setVisible(bool(request_id))
        self.copy_button.setToolTip(
            self.tr("Copy the request id {id}").format(id=request_id) if request_id else ""
        )
        self._again = again
        self.call_again_button.setVisible(again is not None)
        self.dismiss_button.setVisible(bool(text) and state != "busy")
        set_style_state(self, state)
        announce(self, text, urgent=state == "error")  # failures interrupt

    def clear(self) -> None:
        self.show_outcome("", "")

    def _copy_request_id(self) -> None:
        if self.request_id():
            QGuiApplication.clipboard().setText(self.request_id())

    def _call_again(self) -> None:
        again, self._again = self._again, None
        self.call_again_button.setVisible(False)
        if again is not None:
            self.call_again_requested.emit(again)


class NoticeBar(QFrame):
    """Side messages (saved, imported, database problems); information fades, errors stay
    until dismissed or replaced."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeFrame")
        row = QHBoxLayout(self)
        row.setContentsMargins(18, 6, 12, 8)
        self.notice_label = QLabel("")
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setAccessibleName(self.tr("Notice"))
        self.notice_label.setWordWrap(True)
        set_qt_properties(
            self.notice_label,
            textFormat="PlainText",
            textInteractionFlags="TextSelectableByMouse|TextSelectableByKeyboard",
        )
        row.addWidget(self.notice_label, 1)
        buttons = QVBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        self.undo_button = QPushButton(self.tr("&Undo"))
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self._undo)
        self.dismiss_button = _tool_button(
            "dismissNoticeButton", "close", self.tr("Dismiss the notice")
        )
        self.dismiss_button.clicked.connect(self.clear)
        for button in (self.undo_button, self.dismiss_button):
            button.setVisible(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        self._undo_callback: Callable[[], None] | None = None
        self._fade = DelayedFadeOut(self, NOTICE_VISIBLE_MS, FADE_MS)
        self._fade.faded.connect(self.clear)
        self.setVisible(False)

    def text(self) -> str:
        return self.notice_label.text()

    def show_notice(self, text: str, state: str = "info") -> None:
        self._fade.cancel()
        self._undo_callback = None
        self.undo_button.setVisible(False)
        self.notice_label.setText(text)
        self.dismiss_button.setVisible(bool(text))
        set_style_state(self, state if text else "")
        self.setVisible(bool(text))
        announce(self, text, urgent=state == "error")
        if text and state != "error":
            self._fade.start()

    def show_undoable(self, text: str, undo: Callable[[], None]) -> None:
        self.show_notice(text, "info")
        self._undo_callback = undo
        self.undo_button.setVisible(True)

    def clear(self) -> None:
        self.show_notice("", "")

    def _undo(self) -> None:
        callback, self._undo_callback = self._undo_callback, None
        self.clear()
        if callback is not None:
            callback()


def _tool_button(name: str, icon_name: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setIcon(icon(icon_name))
    button.setIconSize(QSize(16, 16))
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button
