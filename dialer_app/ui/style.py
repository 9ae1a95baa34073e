"""One style sheet, palette-relative so it follows the OS light/dark scheme, and a focus
colour that is easy to see in both.

The focus ring of the app's own styled controls (the mode switch, the number field, the Call
buttons, the quick-call field) is drawn in the palette's ``accent`` colour, which
:func:`with_visible_focus` sets to a colour with at least 3:1 contrast against the window,
button and field backgrounds (WCAG 2.2, 1.4.11 non-text contrast); a checked segment, filled
with the highlight colour, rings in the highlighted-text colour instead. Qt's own controls
draw their focus from the highlight colour, which is made as visible when the OS's is not.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget

MIN_FOCUS_CONTRAST = 3.0
LIGHT_FOCUS = "#1a5fb4"  # 5.5:1 on Fusion's light window colour
DARK_FOCUS = "#78aeed"  # 5.3:1 on a #353535 dark window
_BACKGROUNDS = (QPalette.ColorRole.Window, QPalette.ColorRole.Button, QPalette.ColorRole.Base)


def relative_luminance(color: QColor) -> float:
    """WCAG relative luminance of ``color`` (0 black … 1 white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(c) for c in (color.redF(), color.greenF(), color.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours (1 … 21)."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)))[::-1]
    return (lighter + 0.05) / (darker + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def _visible_on(color: QColor, palette: QPalette) -> bool:
    return all(
        contrast_ratio(color, palette.color(role)) >= MIN_FOCUS_CONTRAST for role in _BACKGROUNDS
    )


def with_visible_focus(palette: QPalette) -> QPalette:
    """``palette``, changed in place, with a focus (accent) colour and a highlight colour that
    stand out at least 3:1 from its window, button and field backgrounds.

    In place: ``QPalette``'s copy constructor would build PySide6's ``Qt`` namespace before
    the first paint (see :func:`set_qt_properties`); ``QApplication.palette()`` is a copy."""
    result = palette
    focus = QColor(DARK_FOCUS if is_dark(palette) else LIGHT_FOCUS)
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        result.setColor(group, QPalette.ColorRole.Accent, focus)
        if not _visible_on(result.color(group, QPalette.ColorRole.Highlight), result):
            result.setColor(group, QPalette.ColorRole.Highlight, focus)
            black, white = QColor("#000000"), QColor("#ffffff")
            text = black if contrast_ratio(focus, black) > contrast_ratio(focus, white) else white
            result.setColor(group, QPalette.ColorRole.HighlightedText, text)
    return result


def use_visible_focus(app: QApplication) -> None:
    """Give the application a palette with a visible focus colour (see the module doc)."""
    app.setPalette(with_visible_focus(app.palette()))


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
QWidget#dialPanel QPushButton[segment]:focus { border: 2px solid palette(accent); }
QWidget#dialPanel QPushButton[segment]:checked:focus {
    border: 2px solid palette(highlighted-text);
}
QWidget#dialPanel QLineEdit#numberInput {
    padding: 4px 10px;
    border: 1px solid palette(mid);
    border-radius: 8px;
}
QWidget#dialPanel QLineEdit#numberInput:focus { border: 2px solid palette(accent); }
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
QPushButton#callButton, QPushButton#callListCallButton {
    background: #1f9d55;
    color: white;
    font-weight: 600;
    font-size: 15px;
    border: none;
    border-radius: 10px;
}
QPushButton#callButton:hover, QPushButton#callListCallButton:hover { background: #22ad5e; }
QPushButton#callButton:pressed, QPushButton#callListCallButton:pressed { background: #1a8a4a; }
QPushButton#callButton:focus, QPushButton#callListCallButton:focus {
    border: 2px solid palette(accent);
}
QPushButton#callButton:disabled, QPushButton#callListCallButton:disabled {
    background: #8fbfa2;
    color: #eef5f0;
}
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
QLabel#callListCurrent:focus { border: 2px solid palette(accent); padding: 9px 13px; }
"""
