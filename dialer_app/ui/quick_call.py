"""The quick-call popup: a small always-on-top box to call a number or a contact by keyboard.

Type a number or part of a name, Up/Down to pick a suggestion, Enter to call, Esc to close.
Opening does no I/O: contacts come from an in-memory ``ContactIndex`` handed over beforehand.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QClipboard,
    QColor,
    QCursor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QPainter,
    QPalette,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.clipboard import number_from_clipboard_text
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.phone import PhoneNumber, pretty_digits
from dialer_app.core.unicode_text import isolate
from dialer_app.ui.icons import icon
from dialer_app.ui.number_input import NumberInput
from dialer_app.ui.style import set_style_state

POPUP_WIDTH = 380
MAX_SUGGESTIONS = 8
MIN_DIGITS_FOR_SUGGESTIONS = 3
ROW_HEIGHT = 38
CURSOR_GAP = 12
_RANKED_CANDIDATES = 200  # re-rank this many index matches so name prefixes come first
_NUMBER_LIKE = re.compile(r"[\d\s+()./-]+")
_NON_DIGITS = re.compile(r"\D+")
_AVATAR_COLORS = ("#1e88e5", "#43a047", "#8e24aa", "#f4511e", "#00897b", "#6d4c41", "#3949ab")
SuggestionRole = Qt.ItemDataRole.UserRole + 1
_CONTEXT = "QuickCallPopup"
# The labels the contact dialog offers; any other label is shown as typed.
_NUMBER_LABELS = {
    "mobile": str(QT_TRANSLATE_NOOP("QuickCallPopup", "mobile")),
    "work": str(QT_TRANSLATE_NOOP("QuickCallPopup", "work")),
    "home": str(QT_TRANSLATE_NOOP("QuickCallPopup", "home")),
    "main": str(QT_TRANSLATE_NOOP("QuickCallPopup", "main")),
    "fax": str(QT_TRANSLATE_NOOP("QuickCallPopup", "fax")),
    "other": str(QT_TRANSLATE_NOOP("QuickCallPopup", "other")),
}


def number_label_text(label: str) -> str:
    """A number's label as shown ("mobile", translated); a label of the agent's own as is."""
    known = _NUMBER_LABELS.get(label.strip().casefold())
    return QCoreApplication.translate(_CONTEXT, known) if known else label.strip()


_STYLE = """
QFrame#quickCallFrame {
    background: palette(window);
    border: 1px solid palette(dark);
    border-radius: 12px;
}
QLineEdit#quickCallInput {
    padding: 3px 10px;
    border: 1px solid palette(mid);
    border-radius: 8px;
    background: palette(base);
}
QLineEdit#quickCallInput:focus { border: 2px solid palette(accent); }
QLabel#quickCallTitle { font-weight: 600; }
QLabel#quickCallPreview { padding-left: 2px; color: palette(placeholder-text); }
QLabel#quickCallPreview[state="valid"] { color: palette(text); }
QLabel#quickCallPreview[state="invalid"] { color: #c62828; }
QLabel#quickCallModeHint { color: palette(placeholder-text); }
QListWidget#quickCallSuggestions {
    border: none;
    border-top: 1px solid palette(midlight);
    background: transparent;
    padding-top: 4px;
}
QPushButton#quickCallButton {
    background: #1f9d55;
    border: none;
    border-radius: 10px;
}
QPushButton#quickCallButton:hover { background: #22ad5e; }
QPushButton#quickCallButton:pressed { background: #1a8a4a; }
QPushButton#quickCallButton:disabled { background: #8fbfa2; }
"""


@dataclass(frozen=True)
class Suggestion:
    """One callable number of a contact, as listed under the field."""

    contact_id: int
    name: str
    company: str
    digits: str
    shared: bool = False  # the contact has other numbers: the row needs the number's label
    label: str = ""  # "mobile", "work"… (shown translated), once known

    @property
    def pretty(self) -> str:
        return _pretty(self.digits)


@lru_cache(maxsize=4096)
def _pretty(digits: str) -> str:
    return pretty_digits(digits)


def _digits_query(text: str) -> str | None:
    """The digits of a number-like query, or None when the query has letters."""
    stripped = text.strip()
    if stripped and _NUMBER_LIKE.fullmatch(stripped):
        return _NON_DIGITS.sub("", stripped)
    return None


def _name_rank(name: str, first_word: str) -> int:
    """0: the name starts with the word; 1: a later name word does; 2: anywhere else."""
    folded = name.casefold()
    if folded.startswith(first_word):
        return 0
    return 1 if any(word.startswith(first_word) for word in folded.split()) else 2


def find_suggestions(
    index: ContactIndex, text: str, limit: int = MAX_SUGGESTIONS
) -> list[Suggestion]:
    """Up to ``limit`` callable numbers of the contacts matching ``text``.

    A number-like query lists only the contact numbers containing its digits (and needs at
    least ``MIN_DIGITS_FOR_SUGGESTIONS`` of them); a name query lists every number of each
    match, contacts whose name starts with the first word first.
    """
    digits_query = _digits_query(text)
    if digits_query is not None and len(digits_query) < MIN_DIGITS_FOR_SUGGESTIONS:
        return []
    words = text.casefold().split()
    if not words:
        return []
    positions: Sequence[int] = index.search(text)
    if digits_query is None:
        head = sorted(
            positions[:_RANKED_CANDIDATES], key=lambda p: _name_rank(index.rows[p][1], words[0])
        )
        positions = head
    found: list[Suggestion] = []
    for position in positions:
        contact_id, name, company, _favorite, _numbers, digits_text = index.rows[position]
        numbers = all_numbers = digits_text.split()
        if digits_query is not None:
            numbers = [d for d in numbers if digits_query in d] or numbers[:1]
        shared = len(all_numbers) > 1
        for digits in numbers:
            found.append(Suggestion(contact_id, name, company, digits, shared))
            if len(found) >= limit:
                return found
    return found


def contact_with_number(index: ContactIndex, digits: str) -> tuple[int, str] | None:
    """(id, name) of the first contact having exactly ``digits`` among its numbers."""
    for position in index.search(digits):
        contact_id, name, _company, _favorite, _numbers, digits_text = index.rows[position]
        if digits in digits_text.split():
            return contact_id, name
    return None


def clipboard_number(region: str) -> PhoneNumber | None:
    """The number on the X11 primary selection (if it holds one) or else the clipboard."""
    board = QGuiApplication.clipboard()
    selection = board.text(QClipboard.Mode.Selection) if board.supportsSelection() else ""
    return number_from_clipboard_text(board.text(QClipboard.Mode.Clipboard), selection, region)


class _SuggestionDelegate(QStyledItemDelegate):
    """Initials avatar, name (and company) on the left, the formatted number on the right."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(POPUP_WIDTH - 40, ROW_HEIGHT)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        suggestion = index.data(SuggestionRole)
        if not isinstance(suggestion, Suggestion):
            return
        palette: QPalette = option.palette
        rect: QRect = option.rect
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if selected or state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(
                palette.highlight() if selected else palette.color(QPalette.ColorRole.Midlight)
            )
            painter.drawRoundedRect(rect.adjusted(0, 1, 0, -1), 7, 7)
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(text_color)
        muted.setAlphaF(0.68)
        avatar = QRect(rect.left() + 6, rect.center().y() - 12, 24, 24)
        self._paint_avatar(painter, avatar, suggestion.name)
        number_font = QFont(option.font)
        metrics = QFontMetrics(number_font)
        number_width = metrics.horizontalAdvance(suggestion.pretty) + 4
        number_rect = QRect(
            rect.right() - number_width - 8, rect.top(), number_width, rect.height()
        )
        painter.setFont(number_font)
        painter.setPen(muted)
        painter.drawText(number_rect, Qt.AlignmentFlag.AlignVCenter, suggestion.pretty)
        name_right = number_rect.left() - 10
        if suggestion.label:
            label = number_label_text(suggestion.label)
            label_width = min(metrics.horizontalAdvance(label) + 4, 90)
            label_rect = QRect(name_right - label_width, rect.top(), label_width, rect.height())
            painter.setPen(text_color)
            label_text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignVCenter, label_text)
            name_right = label_rect.left() - 8
        name_rect = QRect(avatar.right() + 10, rect.top(), 0, rect.height())
        name_rect.setRight(name_right)
        self._paint_name(painter, name_rect, suggestion, text_color, muted, number_font)
        painter.restore()

    @staticmethod
    def _paint_avatar(painter: QPainter, rect: QRect, name: str) -> None:
        initials = "".join(word[0] for word in name.split()[:2]).upper() or "#"
        color = _AVATAR_COLORS[sum(map(ord, name)) % len(_AVATAR_COLORS)]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(color))
        painter.drawEllipse(rect)
        font = QFont(painter.font())
        font.setPixelSize(10)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials)

    @staticmethod
    def _paint_name(
        painter: QPainter,
        rect: QRect,
        suggestion: Suggestion,
        color: QColor,
        muted: QColor,
        font: QFont,
    ) -> None:
        name_font = QFont(font)
        name_font.setWeight(QFont.Weight.DemiBold)
        name_metrics = QFontMetrics(name_font)
        name = name_metrics.elidedText(suggestion.name, Qt.TextElideMode.ElideRight, rect.width())
        painter.setFont(name_font)
        painter.setPen(color)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, name)
        used = name_metrics.horizontalAdvance(name) + 8
        if suggestion.company and used < rect.width() - 24:
            company_rect = rect.adjusted(used, 0, 0, 0)
            company = QFontMetrics(font).elidedText(
                suggestion.company, Qt.TextElideMode.ElideRight, company_rect.width()
            )
            painter.setFont(font)
            painter.setPen(muted)
            painter.drawText(company_rect, Qt.AlignmentFlag.AlignVCenter, company)


class QuickCallPopup(QWidget):
    """Frameless, always-on-top call box; emits ``call_requested`` and hides itself."""

    call_requested = Signal(str, str, object)  # digits, label (contact name or ""), id | None
    number_labels_wanted = Signal(int)  # a contact id whose numbers' labels would help

    def __init__(
        self,
        default_region: str = "IN",
        mode: DeliveryMode = DeliveryMode.SOFTPHONE,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            parent,
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint,
        )
        self.setObjectName("quickCallPopup")
        self.setWindowTitle(self.tr("Quick call"))
        self.setAccessibleName(self.tr("Quick call"))
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setStyleSheet(_STYLE)
        self._index = ContactIndex([])
        self._suggestions: list[Suggestion] = []
        self._anchor = QPoint(0, 0)
        self._open_above = False
        self._mode = mode
        self._reason = ""
        self._labels: dict[int, dict[str, str]] = {}  # contact id → digits → label
        self._labels_asked: set[int] = set()
        self._build(default_region)
        self.set_mode(mode)
        self._refresh_suggestions()

    # building -------------------------------------------------------------------------
    def _build(self, default_region: str) -> None:
        outer = self._outer_layout = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame = QFrame()
        frame.setObjectName("quickCallFrame")
        frame.setFixedWidth(POPUP_WIDTH)
        outer.addWidget(frame)
        layout = self._frame_layout = QVBoxLayout(frame)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(6)
        layout.addLayout(self._build_title_row())
        layout.addLayout(self._build_field_row(default_region))
        self.preview_label = QLabel(" ")
        self.preview_label.setObjectName("quickCallPreview")
        self.preview_label.setAccessibleName(self.tr("Number preview"))
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setWordWrap(True)  # a longer translation wraps, never clipped
        layout.addWidget(self.preview_label)
        self.suggestion_list = self._build_suggestion_list()
        layout.addWidget(self.suggestion_list)

    def _build_field_row(self, default_region: str) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.number_input = NumberInput(default_region)
        self.number_input.setObjectName("quickCallInput")
        self.number_input.setAccessibleName(self.tr("Number or contact to call"))
        self.number_input.setAccessibleDescription(
            self.tr("Down and Up pick a matching contact, Enter calls, Esc closes")
        )
        self.number_input.setPlaceholderText(self.tr("Number or contact name"))
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.number_input.setFont(font)
        self.number_input.setMinimumHeight(40)
        self.number_input.installEventFilter(self)
        self.number_input.parsed.connect(self._on_parsed)
        self.call_button = QPushButton(icon("call", "#ffffff"), "")
        self.call_button.setObjectName("quickCallButton")
        self.call_button.setAccessibleName(self.tr("Call"))
        self.call_button.setToolTip(self.tr("Call (Enter) · Esc closes"))
        self.call_button.setIconSize(QSize(20, 20))
        self.call_button.setFixedSize(QSize(44, 40))
        self.call_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.call_button.clicked.connect(self.activate)
        row.addWidget(self.number_input, 1)
        row.addWidget(self.call_button)
        return row

    def _build_suggestion_list(self) -> QListWidget:
        suggestions = QListWidget()
        suggestions.setObjectName("quickCallSuggestions")
        suggestions.setAccessibleName(self.tr("Matching contacts"))
        suggestions.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        suggestions.setMouseTracking(True)
        suggestions.setUniformItemSizes(True)
        suggestions.setItemDelegate(_SuggestionDelegate(suggestions))
        suggestions.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        suggestions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        suggestions.currentRowChanged.connect(lambda _row: self._update_preview())
        suggestions.itemClicked.connect(self._on_item_clicked)
        suggestions.setVisible(False)
        return suggestions

    def _build_title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(5)
        title = QLabel(self.tr("Quick call"))
        title.setObjectName("quickCallTitle")
        self.mode_icon = QLabel()
        self.mode_icon.setObjectName("quickCallModeIcon")
        self.mode_hint = QLabel()
        self.mode_hint.setObjectName("quickCallModeHint")
        small = QFont(self.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.mode_hint.setFont(small)
        self.mode_hint.setWordWrap(True)
        self.mode_hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._title = title
        row.addWidget(title)
        row.addStretch(1)
        row.addWidget(self.mode_icon)
        row.addWidget(self.mode_hint)
        return row

    # public API -----------------------------------------------------------------------
    def set_contacts(self, index: ContactIndex) -> None:
        """The contacts to suggest from (kept by reference; call again after changes)."""
        self._index = index
        self._labels.clear()  # a contact's numbers may have changed
        self._labels_asked.clear()
        self._refresh_suggestions()

    def set_region(self, region: str) -> None:
        self.number_input.set_region(region)

    def set_number_labels(self, contact_id: int, labels: dict[str, str]) -> None:
        """The labels ("mobile", "work"…) of a contact's numbers, by digits (asked for with
        ``number_labels_wanted``); the rows of that contact show them."""
        self._labels[contact_id] = dict(labels)
        if any(s.contact_id == contact_id for s in self._suggestions):
            self._refresh_suggestions()

    def set_mode(self, mode: DeliveryMode) -> None:
        self._mode = mode
        self.mode_hint.setText(
            self.tr("Rings your softphone first")
            if mode is DeliveryMode.SOFTPHONE
            else self.tr("Rings your mobile first")
        )
        # On one line when it fits beside the title; a longer translation wraps instead.
        room = POPUP_WIDTH - 28 - self._title.sizeHint().width() - 14 - 3 * 5 - 8
        wanted = self.mode_hint.fontMetrics().horizontalAdvance(self.mode_hint.text()) + 2
        self.mode_hint.setMinimumWidth(min(wanted, room))
        name = "headset" if mode is DeliveryMode.SOFTPHONE else "mobile"
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.mode_icon.setPixmap(icon(name, muted).pixmap(14, 14))

    def mode(self) -> DeliveryMode:
        return self._mode

    def suggestions(self) -> list[Suggestion]:
        return list(self._suggestions)

    def selected_suggestion(self) -> Suggestion | None:
        row = self.suggestion_list.currentRow()
        return self._suggestions[row] if 0 <= row < len(self._suggestions) else None

    def open_with(self, text: str = "", near: QPoint | None = None) -> None:
        """Prefill ``text`` (all selected) and show near ``near`` (default: the mouse)."""
        self.number_input.setText(text)
        self.number_input.selectAll()
        self.show_near(near if near is not None else QCursor.pos())

    def show_near(self, point: QPoint) -> None:
        """Show beside ``point``, kept wholly on that screen's available area, and focus."""
        self._anchor = QPoint(point)
        available = self._available_rect()
        self._open_above = point.y() > available.center().y()
        self._fit_to_contents()
        self.show()
        self.raise_()
        self.activateWindow()
        self.number_input.setFocus(Qt.FocusReason.PopupFocusReason)

    def activate(self) -> bool:
        """Enter: call the selected suggestion, else the typed number; False if neither."""
        chosen = self.selected_suggestion()
        if chosen is not None:
            self._emit_call(chosen.digits, chosen.name, chosen.contact_id)
            return True
        number = self.number_input.number
        if number is None:
            return False
        contact = contact_with_number(self._index, number.digits)
        if contact is not None:
            self._emit_call(number.digits, contact[1], contact[0])
        else:
            self._emit_call(number.digits, "", None)
        return True

    # events ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.number_input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            return self._handle_key(event)
        return super().eventFilter(watched, event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowDeactivate and self.isVisible():
            self.hide()  # a click elsewhere
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def _handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.hide()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activate()
        elif key == Qt.Key.Key_Down:
            self._move_selection(1)
        elif key == Qt.Key.Key_Up:
            self._move_selection(-1)
        else:
            return False
        return True

    # internals ------------------------------------------------------------------------
    def _emit_call(self, digits: str, label: str, contact_id: int | None) -> None:
        self.hide()
        self.call_requested.emit(digits, label, contact_id)

    def _on_item_clicked(self, item: QListWidgetItem) -> None:
        self.suggestion_list.setCurrentItem(item)
        self.activate()

    def _move_selection(self, step: int) -> None:
        """Down from the field enters the list; Up from the first row returns to the field."""
        count = len(self._suggestions)
        if not count:
            return
        row = min(max(self.suggestion_list.currentRow() + step, -1), count - 1)
        self.suggestion_list.setCurrentRow(row)
        if row < 0:
            self.suggestion_list.clearSelection()

    def _on_parsed(self, _number: PhoneNumber | None, reason: str) -> None:
        self._reason = reason
        self._refresh_suggestions()

    def _refresh_suggestions(self) -> None:
        text = self.number_input.text()
        self._suggestions = [self._labelled(s) for s in find_suggestions(self._index, text)]
        listing = self.suggestion_list
        listing.blockSignals(True)
        listing.clear()
        for suggestion in self._suggestions:
            label = number_label_text(suggestion.label)
            parts = (isolate(suggestion.name), label, suggestion.pretty)
            item = QListWidgetItem(", ".join(p for p in parts if p))
            item.setData(SuggestionRole, suggestion)
            item.setToolTip(
                " · ".join(p for p in (suggestion.company, label, suggestion.pretty) if p)
            )
            listing.addItem(item)
        # A name query picks the best match at once, so "asha" + Enter calls Asha; a typed
        # number stays unselected so Enter calls exactly what was typed.
        preselect = bool(self._suggestions) and _digits_query(text) is None
        listing.setCurrentRow(0 if preselect else -1)
        listing.blockSignals(False)
        listing.setFixedHeight(len(self._suggestions) * ROW_HEIGHT + 6)
        listing.setVisible(bool(self._suggestions))
        self._update_preview()
        if self.isVisible():
            self._fit_to_contents()
        wanted = {
            s.contact_id
            for s in self._suggestions
            if s.shared
            and s.contact_id not in self._labels
            and s.contact_id not in self._labels_asked
        }
        self._labels_asked |= wanted
        for contact_id in sorted(wanted):  # after the rows are shown: an answer may come at once
            self.number_labels_wanted.emit(contact_id)

    def _labelled(self, suggestion: Suggestion) -> Suggestion:
        """The suggestion with its number's label, when known."""
        labels = self._labels.get(suggestion.contact_id) if suggestion.shared else None
        if labels is None:
            return suggestion
        return replace(suggestion, label=labels.get(suggestion.digits, ""))

    def _update_preview(self) -> None:
        chosen = self.selected_suggestion()
        number = self.number_input.number
        text = self.number_input.text().strip()
        if chosen is not None:
            label = number_label_text(chosen.label)
            number_text = f"{label} {chosen.pretty}" if label else chosen.pretty
            message = self.tr("Call {name} · {number}").format(
                name=isolate(chosen.name), number=number_text
            )
            state = "valid"
        elif number is not None:
            message, state = number.display(), "valid"
        elif not text:
            message, state = self.tr("Type a number, or a name to search contacts"), ""
        elif _digits_query(text) is None and not self._suggestions:
            message, state = self.tr("No contact or number matches"), "invalid"
        else:
            message, state = self._reason or self.tr("Not a phone number"), "invalid"
        self.preview_label.setText(message)
        set_style_state(self.preview_label, state)
        self.call_button.setEnabled(chosen is not None or number is not None)

    def _available_rect(self) -> QRect:
        screen = QGuiApplication.screenAt(self._anchor) or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _fit_to_contents(self) -> None:
        """Resize to the contents and move so the popup stays next to the anchor, on screen."""
        # Nested layouts recompute lazily on a posted event; settle both now so the size is
        # right before the move (no flicker, and a shrinking popup really shrinks).
        for layout in (self._frame_layout, self._outer_layout):
            layout.activate()
        self.resize(self.sizeHint())
        self.move(self._position_for(self.size()))

    def _position_for(self, size: QSize) -> QPoint:
        available = self._available_rect()
        x = self._anchor.x() - size.width() // 2
        if self._open_above:
            y = self._anchor.y() - CURSOR_GAP - size.height()
        else:
            y = self._anchor.y() + CURSOR_GAP
        x = max(available.left(), min(x, available.right() + 1 - size.width()))
        y = max(available.top(), min(y, available.bottom() + 1 - size.height()))
        return QPoint(x, y)


__all__ = [
    "QuickCallPopup",
    "Suggestion",
    "clipboard_number",
    "contact_with_number",
    "find_suggestions",
]
