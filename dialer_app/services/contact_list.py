"""The contact list as a Qt model over a ``ContactIndex``.

Filtering happens in the index (one C-level pass per keystroke); the model then resets, and Qt
asks ``data()`` only for the rows on screen, so no Python runs per contact per keystroke.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.phone import pretty_digits
from dialer_app.core.unicode_text import isolate

ContactIdRole = Qt.ItemDataRole.UserRole + 1
SubtitleRole = Qt.ItemDataRole.UserRole + 2
FavoriteRole = Qt.ItemDataRole.UserRole + 3
PrimaryDigitsRole = Qt.ItemDataRole.UserRole + 4
AllDigitsRole = Qt.ItemDataRole.UserRole + 5

_Index = QModelIndex | QPersistentModelIndex


class ContactListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._index = ContactIndex([])
        self._visible: Sequence[int] = range(0)
        self._query = ""

    @property
    def query(self) -> str:
        return self._query

    @property
    def total(self) -> int:
        return len(self._index)

    def set_index(self, index: ContactIndex) -> None:
        """New contents (after a load, an edit or an import); keeps the current filter."""
        self.beginResetModel()
        self._index = index
        self._visible = index.search(self._query)
        self.endResetModel()

    def set_query(self, text: str) -> None:
        if text == self._query:
            return
        self.beginResetModel()
        self._query = text
        self._visible = self._index.search(text)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._visible):
            return None
        contact_id, name, company, favorite, numbers, digits = self._index.row(
            self._visible[index.row()]
        )
        primary = digits.split(" ", 1)[0] if digits else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return name  # drawn on a line of its own: it cannot reorder the number
        if role == SubtitleRole:
            shown = pretty_digits(primary) if primary else numbers.split(", ", 1)[0]
            more = digits.count(" ")
            extra = f" (+{more} more)" if more else ""
            # The company is isolated: a bidi control in it must not reorder the number.
            return " · ".join(part for part in (shown + extra, isolate(company)) if part)
        if role == ContactIdRole:
            return contact_id
        if role == FavoriteRole:
            return favorite
        if role == PrimaryDigitsRole:
            return primary
        if role == AllDigitsRole:
            return digits.split() if digits else []
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{name}, {company}" if company else name
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{name}\n{numbers}" + (f"\n{company}" if company else "")
        return None
