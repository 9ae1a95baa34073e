"""The search field above the contacts and history lists, and the keys they share: Up/Down
in the field move the list's current row, Enter in the list acts on that row.

Typing on a list (not in a field) means what an agent at a dialer means by it: digits and
+ * # are a number to dial (they go to the number field), letters are a name to look for
(they go to the list's search field, which narrows the list). Qt's own type-ahead, which
jumps to the next name starting with the letter, would find nothing for digits and misses
the company and number matches the search gives."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from dialer_app.ui.dialpad import is_dial_text
from dialer_app.ui.icons import icon


def search_field(object_name: str, accessible_name: str, placeholder: str) -> QLineEdit:
    """A clearable search field with a magnifier icon."""
    field = QLineEdit()
    field.setObjectName(object_name)
    field.setAccessibleName(accessible_name)
    field.setPlaceholderText(placeholder)
    field.setClearButtonEnabled(True)
    field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
    return field


def handle_list_keys(
    watched: QObject,
    event: QKeyEvent,
    search: QLineEdit,
    view: QAbstractItemView,
    activate: Callable[[], object],
    dial: Callable[[str], object] | None = None,
) -> bool:
    """True when ``event`` was one of those keys and has been handled (``dial`` takes the
    dial symbols typed on the list)."""
    key = event.key()
    if watched is search and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
        move_current_row(view, 1 if key == Qt.Key.Key_Down else -1)
        return True
    if watched is not view:
        return False
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        activate()
        return True
    if dial is not None and is_dial_text(event):
        dial(event.text())
        return True
    text = event.text()
    plain = not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier
    if plain and len(text) == 1 and text.isalpha():
        search.setFocus(Qt.FocusReason.OtherFocusReason)
        search.insert(text)
        return True
    return False


def move_current_row(view: QAbstractItemView, step: int) -> None:
    """Move the current row by ``step``, within the list; to the first row when none is."""
    model = view.model()
    rows = model.rowCount()
    if rows == 0:
        return
    current = view.currentIndex()
    row = 0 if not current.isValid() else min(max(current.row() + step, 0), rows - 1)
    view.setCurrentIndex(model.index(row, 0))
