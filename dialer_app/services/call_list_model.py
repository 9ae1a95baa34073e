"""The entries of a call list as a Qt table: number in the list, name, number, status."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from dialer_app.core.call_lists import CALLABLE, EntryCheck, entry_state_text
from dialer_app.core.phone import pretty_digits
from dialer_app.core.store import ListEntry
from dialer_app.core.unicode_text import isolate, strip_invisible

EntryIdRole = Qt.ItemDataRole.UserRole + 1
_HEADERS: Final = ("#", "Name", "Number", "Status")
_HELD_BACK: Final = "#c62828"
_DONE: Final = "#6b6b6b"

_Index = QModelIndex | QPersistentModelIndex


@functools.lru_cache(maxsize=8192)
def _pretty(digits: str) -> str:
    return pretty_digits(digits)  # a whole parse (~0.5 ms): once per number


def entry_number_text(entry: ListEntry) -> str:
    """The number as the agent reads it: international when valid, else as the file had it."""
    return _pretty(entry.digits) if entry.digits else strip_invisible(entry.number)


def entry_status_text(entry: ListEntry, check: EntryCheck) -> str:
    """The status column: why it is held back, else what became of it."""
    if entry.status != "done" and check.state == "blocked":
        return f"Blocked: {check.reason}"
    if entry.status != "done" and check.state == "not_dialable":
        return "Not dialable"
    return entry_state_text(entry)


class CallListModel(QAbstractTableModel):
    """``text`` shows the core's words (headers, states, reasons) in the window's language
    (the UI passes its translator of core sentences; services cannot import it)."""

    def __init__(self, parent: Any = None, text: Callable[[str], str] = str) -> None:
        super().__init__(parent)
        self._text = text
        self._entries: list[ListEntry] = []
        self._rows: dict[int, int] = {}
        self._checks: Mapping[int, EntryCheck] = {}

    def set_entries(self, entries: Sequence[ListEntry], checks: Mapping[int, EntryCheck]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._rows = {entry.id: row for row, entry in enumerate(self._entries)}
        self._checks = checks
        self.endResetModel()

    def update_entry(self, entry: ListEntry) -> None:
        row = self._rows.get(entry.id)
        if row is None:
            return
        self._entries[row] = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(_HEADERS) - 1))

    def checks_changed(self) -> None:
        """The checks mapping given to ``set_entries`` changed: redraw the status column."""
        if self._entries:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self._entries) - 1, 3))

    def row_of(self, entry_id: int) -> int:
        return self._rows.get(entry_id, -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._text(_HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._entries):
            return None
        entry = self._entries[index.row()]
        check = self._checks.get(entry.id, CALLABLE)
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == 0:
                return str(entry.id)
            if column == 1:
                return isolate(strip_invisible(entry.name))
            if column == 2:
                return entry_number_text(entry)
            return self._text(entry_status_text(entry, check))
        if role == Qt.ItemDataRole.ForegroundRole and column == 3:
            if entry.status != "done" and not check.callable:
                return QBrush(QColor(_HELD_BACK))
            if entry.status == "done":
                return QBrush(QColor(_DONE))
        if role == EntryIdRole:
            return entry.id
        return None
