"""The number field: accepts typed, pasted and ``tel:`` text, previews the normalized number."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from dialer_app.core.dialer import extension_note
from dialer_app.core.phone import InvalidNumberError, PhoneNumber, first_number, normalize
from dialer_app.core.unicode_text import strip_invisible

MAX_INPUT_CHARS = 200
_LINK_PREFIXES = ("tel:", "callto:", "sip:")


class NumberInput(QLineEdit):
    """Emits ``parsed`` (PhoneNumber or None, reason) on every change; Esc clears."""

    parsed = Signal(object, str)  # PhoneNumber | None, reason ('' when valid or empty)

    def __init__(self, default_region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numberInput")
        self.setAccessibleName(self.tr("Number to call"))
        self.setAccessibleDescription(
            self.tr("Down moves to the matching contacts; Enter calls the number")
        )
        self.setPlaceholderText(self.tr("Type or paste a number"))
        self.setClearButtonEnabled(True)
        self.setMaxLength(MAX_INPUT_CHARS)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        self.setFont(font)
        self.setMinimumHeight(44)
        self.default_region = default_region
        self.number: PhoneNumber | None = None
        self.typing = False  # the text is changing under the agent's keys (not a paste)
        self.final_reason = False  # the reason is not one that more typing could fix
        self.textChanged.connect(self._reparse)

    def insert_symbol(self, symbol: str) -> None:
        """Insert a dialpad symbol at the cursor (replacing a selection)."""
        self.type_symbols(symbol)

    def type_symbols(self, text: str) -> None:
        """Insert typed symbols at the cursor (replacing a selection), as if typed here."""
        self.typing = True
        try:
            self.insert(text)
        finally:
            self.typing = False
        self.setFocus()

    def set_region(self, region: str) -> None:
        self.default_region = region
        self._reparse(self.text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Cancel) and self.text():  # Esc
            self.clear()
            return
        self.typing = not event.matches(QKeySequence.StandardKey.Paste)
        try:
            super().keyPressEvent(event)
        finally:
            self.typing = False

    def _reparse(self, text: str) -> None:
        visible = strip_invisible(text)
        if visible != text:  # what is shown must be what is dialled: no bidi tricks
            self.setText(visible)  # re-enters _reparse with clean text
            return
        stripped = text.strip()
        if stripped.lower().startswith(_LINK_PREFIXES) or len(stripped) > 40:
            found = first_number(stripped, self.default_region)
            if found is not None:
                shown = found.international
                if found.extension:
                    shown += f" ext. {found.extension}"
                if shown != stripped:
                    self.setText(shown)  # re-enters _reparse with clean text
                    return
        if not stripped:
            self._set_number(None, "")
            return
        try:
            number = normalize(stripped, self.default_region)
        except InvalidNumberError as exc:
            self._set_number(None, exc.reason)
            return
        if number.extension:  # click2call cannot dial it: say so, keep Call off
            self._set_number(None, extension_note(number), final=True)
            return
        self._set_number(number, "")

    def _set_number(self, number: PhoneNumber | None, reason: str, final: bool = False) -> None:
        self.number = number
        self.final_reason = final
        self.parsed.emit(number, reason)
