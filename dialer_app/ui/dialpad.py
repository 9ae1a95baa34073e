"""A phone-style dialpad: digit plus letters on each key, long-press 0 for '+'."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from dialer_app.ui.style import set_qt_properties

LONG_PRESS_MS = 550
DIAL_SYMBOLS = frozenset("0123456789+*#")
KEYS: tuple[tuple[str, str, str], ...] = (
    ("1", "", "1"),
    ("2", "ABC", "2"),
    ("3", "DEF", "3"),
    ("4", "GHI", "4"),
    ("5", "JKL", "5"),
    ("6", "MNO", "6"),
    ("7", "PQRS", "7"),
    ("8", "TUV", "8"),
    ("9", "WXYZ", "9"),
    ("*", "", "star"),
    ("0", "+", "0"),
    ("#", "", "hash"),
)


def is_dial_text(event: QKeyEvent) -> bool:
    """A key that types one dial symbol (a digit, + * #), with no Ctrl/Alt/Meta held."""
    # Qt's namespace is built when first touched (16 ms): only once a key is pressed.
    from PySide6.QtCore import Qt

    text = event.text()
    if len(text) != 1 or text not in DIAL_SYMBOLS:
        return False
    typing = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
    return not event.modifiers() & ~typing


def is_plain_key(event: QKeyEvent) -> bool:
    """No modifier held but the keypad's (Down on the keypad is Down)."""
    from PySide6.QtCore import Qt

    return not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier


class DialKey(QPushButton):
    """One key. Emits ``typed`` with its symbol, or ``long_symbol`` after a long press."""

    typed = Signal(str)

    def __init__(self, symbol: str, letters: str, name: str, long_symbol: str = "") -> None:
        super().__init__()
        self.symbol = symbol
        self.long_symbol = long_symbol
        self.setObjectName(f"dialKey_{name}")
        self.setAccessibleName(
            f"{symbol} {letters}".strip()
            if symbol != "0"
            else QCoreApplication.translate("DialKey", "0, hold for +")
        )
        set_qt_properties(self, focusPolicy="NoFocus")  # typing stays in the number field
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(64, 52))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 4, 2, 4)
        layout.setSpacing(0)
        digit = QLabel(symbol)
        digit_font = QFont(self.font())
        digit_font.setPointSizeF(digit_font.pointSizeF() * 1.7)
        digit.setFont(digit_font)
        sub = QLabel(letters or " ")
        sub_font = QFont(self.font())
        sub_font.setPointSizeF(max(sub_font.pointSizeF() * 0.72, 6.5))
        sub_font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 115)
        sub.setFont(sub_font)
        sub.setEnabled(False)  # rendered in the palette's muted color
        layout.addStretch(1)
        for label in (digit, sub):
            # Labels ignore mouse presses: a press on them goes on to the key.
            set_qt_properties(label, alignment="AlignCenter")
            layout.addWidget(label)
        layout.addStretch(1)
        self._long_timer = QTimer(self, singleShot=True, interval=LONG_PRESS_MS)
        self._long_timer.timeout.connect(self._long_press)
        self._long_fired = False
        self.pressed.connect(self._on_pressed)
        self.released.connect(self._long_timer.stop)
        self.clicked.connect(self._on_clicked)

    def _on_pressed(self) -> None:
        self._long_fired = False
        if self.long_symbol:
            self._long_timer.start()

    def _long_press(self) -> None:
        self._long_fired = True
        self.typed.emit(self.long_symbol)

    def _on_clicked(self) -> None:
        if not self._long_fired:
            self.typed.emit(self.symbol)
        self._long_fired = False


class Dialpad(QWidget):
    """Twelve keys in a 4 × 3 grid; ``typed`` carries the symbol to insert."""

    typed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dialpad")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(8)
        self.keys: dict[str, DialKey] = {}
        for index, (symbol, letters, name) in enumerate(KEYS):
            key = DialKey(symbol, letters, name, long_symbol="+" if symbol == "0" else "")
            key.typed.connect(self.typed)
            self.keys[symbol] = key
            grid.addWidget(key, index // 3, index % 3)
