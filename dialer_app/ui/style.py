"""One style sheet, palette-relative so it follows the OS light/dark scheme."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget


def set_style_state(widget: QWidget, state: str) -> None:
    """Set the ``state`` property the style sheet keys on.

    Once its window has been shown, a widget must be polished again to show its new state;
    before that nothing has been polished, and skipping the re-polish keeps QStyle (8 ms) out
    of the start-up path.
    """
    if widget.property("state") == state:
        return
    widget.setProperty("state", state)
    if widget.window().windowHandle() is not None:  # created by the first show
        style = widget.style()
        style.unpolish(widget)
        style.polish(widget)


def set_qt_properties(target: QObject, **values: str) -> None:
    """Set Qt properties from text: enums and flags by key name (``alignment="AlignCenter"``),
    key sequences by their portable text (``shortcut="Ctrl+Q"``).

    The window built before the first paint sets its enums and shortcuts this way, through
    Qt's property system, and never touches PySide6's ``Qt`` namespace: creating its
    hundred-odd Python enum classes costs 16 ms, a tenth of a cold start (the enum overloads
    of ``QKeySequence(str)`` touch it too). tests/system/test_startup.py checks it waits.
    """
    for name, value in values.items():
        if not target.setProperty(name, value):
            raise ValueError(f"{type(target).__name__} has no {name} property taking {value!r}")


STYLE_SHEET = """
QWidget#dialPanel QPushButton[segment] {
    padding: 7px 10px;
    border: 1px solid palette(mid);
    background: palette(button);
}
QWidget#dialPanel QPushButton[segment="left"] {
    border-top-left-radius: 8px; border-bottom-left-radius: 8px; border-right: none;
}
QWidget#dialPanel QPushButton[segment="right"] {
    border-top-right-radius: 8px; border-bottom-right-radius: 8px;
}
QWidget#dialPanel QPushButton[segment]:checked {
    background: palette(highlight);
    color: palette(highlighted-text);
    border-color: palette(highlight);
}
QWidget#dialPanel QPushButton[segment]:focus { border: 2px solid palette(highlight); }
QWidget#dialPanel QLineEdit#numberInput {
    padding: 4px 10px;
    border: 1px solid palette(mid);
    border-radius: 8px;
}
QWidget#dialPanel QLineEdit#numberInput:focus { border: 2px solid palette(highlight); }
QLabel#previewLabel { padding-left: 4px; color: palette(placeholder-text); }
QLabel#previewLabel[state="valid"] { color: palette(text); }
QLabel#previewLabel[state="invalid"] { color: #c62828; }
QWidget#dialpad QPushButton {
    border: 1px solid palette(midlight);
    border-radius: 12px;
    background: palette(base);
}
QWidget#dialpad QPushButton:hover { background: palette(alternate-base); }
QWidget#dialpad QPushButton:pressed { background: palette(midlight); }
QPushButton#callButton {
    background: #1f9d55;
    color: white;
    font-weight: 600;
    font-size: 15px;
    border: none;
    border-radius: 10px;
}
QPushButton#callButton:hover { background: #22ad5e; }
QPushButton#callButton:pressed { background: #1a8a4a; }
QPushButton#callButton:focus { border: 2px solid palette(highlight); }
QPushButton#callButton:disabled { background: #8fbfa2; color: #eef5f0; }
QToolButton#backspaceButton {
    border: 1px solid palette(midlight);
    border-radius: 10px;
    background: palette(base);
}
QFrame#statusFrame { border-radius: 8px; }
QFrame#statusFrame[state="busy"] { background: rgba(33, 150, 243, 0.12); }
QFrame#statusFrame[state="success"] { background: rgba(31, 157, 85, 0.14); }
QFrame#statusFrame[state="error"] { background: rgba(198, 40, 40, 0.13); }
QFrame#statusFrame[state="info"] { background: rgba(128, 128, 128, 0.12); }
QFrame#noticeFrame { border-top: 1px solid palette(midlight); }
QFrame#noticeFrame[state="error"] { background: rgba(198, 40, 40, 0.10); }
QFrame#noticeFrame[state="info"] { background: rgba(128, 128, 128, 0.08); }
QProgressBar#callProgress { border: none; background: transparent; }
QProgressBar#callProgress::chunk { background: palette(highlight); }
QLabel#callListCurrent {
    background: palette(base);
    border: 1px solid palette(midlight);
    border-radius: 10px;
    padding: 10px 14px;
}
QLabel#callListCurrent:focus { border: 2px solid palette(highlight); padding: 9px 13px; }
QPushButton#callListCallButton {
    background: #1f9d55;
    color: white;
    font-weight: 600;
    font-size: 15px;
    border: none;
    border-radius: 10px;
}
QPushButton#callListCallButton:hover { background: #22ad5e; }
QPushButton#callListCallButton:pressed { background: #1a8a4a; }
QPushButton#callListCallButton:focus { border: 2px solid palette(highlight); }
QPushButton#callListCallButton:disabled { background: #8fbfa2; color: #eef5f0; }
"""
