"""The Settings dialog's "Do not call" tab: the agent's own list, add, remove, import.

A view: it shows the entries it is given and emits what the agent asks for; the app checks
the number, changes the list and tells it the outcome (``show_message``).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.do_not_call import DoNotCallEntry
from dialer_app.ui.announce import announce

_CONTEXT = "DoNotCallTab"
_HOW = {
    "agent": str(QT_TRANSLATE_NOOP("DoNotCallTab", "by hand")),
    "import": str(QT_TRANSLATE_NOOP("DoNotCallTab", "imported")),
    "call_list": str(QT_TRANSLATE_NOOP("DoNotCallTab", "call list")),
}
_HEADERS = (
    str(QT_TRANSLATE_NOOP("DoNotCallTab", "Number")),
    str(QT_TRANSLATE_NOOP("DoNotCallTab", "Note")),
    str(QT_TRANSLATE_NOOP("DoNotCallTab", "Added")),
    str(QT_TRANSLATE_NOOP("DoNotCallTab", "How")),
)


def _translated(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


_Index = QModelIndex | QPersistentModelIndex


class _EnterAdds(QLineEdit):
    """Enter adds the typed number; it must not also press the dialog's OK button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class DoNotCallModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[DoNotCallEntry] = []

    def set_entries(self, entries: list[DoNotCallEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> DoNotCallEntry:
        return self._entries[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _translated(_HEADERS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(entry, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1 and entry.note:
            return entry.note
        if role == Qt.ItemDataRole.UserRole:
            return f"{entry.digits} {entry.display} {entry.note}".casefold()
        return None


def _cell(entry: DoNotCallEntry, column: int) -> str:
    if column == 0:
        return entry.display
    if column == 1:
        return entry.note
    if column == 2:
        return f"{entry.added_at.astimezone():%Y-%m-%d}" if entry.added_at else ""
    how = _HOW.get(entry.source)
    return _translated(how) if how else entry.source


class _Filter(QSortFilterProxyModel):
    """Matches digits typed any way ("98765 43", "+9198765") and words of the note."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        digits = "".join(ch for ch in text if ch.isdigit())
        words = text.strip().casefold()
        self._text = digits if digits and not any(ch.isalpha() for ch in text) else words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        if not self._text:
            return True
        index = self.sourceModel().index(row, 0, parent)
        return self._text in str(index.data(Qt.ItemDataRole.UserRole))


class DoNotCallTab(QWidget):
    """Emits ``add_requested(number, note)``, ``remove_requested(digits)`` and
    ``import_requested()``; ``set_entries`` and ``show_message`` show the outcome."""

    add_requested = Signal(str, str)
    remove_requested = Signal(str)
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doNotCallTab")
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Numbers here are never called, from any surface. Your team's shared list "
                "(Compliance tab) applies too."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.search = QLineEdit()
        self.search.setObjectName("doNotCallSearch")
        self.search.setPlaceholderText(self.tr("Find a number or a note"))
        self.search.setAccessibleName(self.tr("Find in the do-not-call list"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        self.model = DoNotCallModel()
        self._filter = _Filter()
        self._filter.setSourceModel(self.model)
        self.search.textChanged.connect(self._filter.set_text)
        self.view = QTableView()
        self.view.setObjectName("doNotCallList")
        self.view.setAccessibleName(self.tr("Do-not-call list"))
        self.view.setAccessibleDescription(self.tr("Delete takes the selected numbers off"))
        self.view.setTabKeyNavigation(False)  # Tab leaves the list, as in every other field
        self.view.setModel(self._filter)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)
        self.view.installEventFilter(self)  # Delete removes the selected numbers
        self.count_label = QLabel("")
        self.count_label.setObjectName("doNotCallCount")
        layout.addWidget(self.count_label)
        layout.addLayout(self._add_row())
        self.message = QLabel("")
        self.message.setObjectName("doNotCallMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

    def _add_row(self) -> QHBoxLayout:
        self.number_input = _EnterAdds()
        self.number_input.setObjectName("doNotCallNumber")
        self.number_input.setAccessibleName(self.tr("Number to add"))
        self.number_input.setPlaceholderText("+91 98765 43210")
        self.note_input = _EnterAdds()
        self.note_input.setObjectName("doNotCallNote")
        self.note_input.setAccessibleName(self.tr("Note"))
        self.note_input.setPlaceholderText(self.tr("Note (why)"))
        for field in (self.number_input, self.note_input):
            field.returnPressed.connect(self._add)
        self.add_button = QPushButton(self.tr("A&dd"))
        self.add_button.setObjectName("doNotCallAdd")
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton(self.tr("&Remove"))
        self.remove_button.setObjectName("doNotCallRemove")
        remove_tip = self.tr("Take the selected numbers off the list (Delete)")
        self.remove_button.setToolTip(remove_tip)
        self.remove_button.setAccessibleDescription(remove_tip)
        self.remove_button.clicked.connect(self._remove_selected)
        self.import_button = QPushButton(self.tr("&Import…"))
        self.import_button.setObjectName("doNotCallImport")
        import_tip = self.tr("Add the numbers of a CSV file or of a list, one a line")
        self.import_button.setToolTip(import_tip)
        self.import_button.setAccessibleDescription(import_tip)
        self.import_button.clicked.connect(self.import_requested)
        row = QHBoxLayout()
        row.addWidget(self.number_input, 2)
        row.addWidget(self.note_input, 3)
        for button in (self.add_button, self.remove_button, self.import_button):
            row.addWidget(button)
        return row

    # shown state ------------------------------------------------------------------------
    def set_entries(self, entries: list[DoNotCallEntry]) -> None:
        self.model.set_entries(entries)
        count = len(entries)
        self.count_label.setText(self.tr("Numbers on your list: %Ln", "", count))

    def show_message(self, text: str, state: str = "info") -> None:
        if text != self.message.text():
            announce(self.message, text, urgent=state == "error")
        self.message.setText(text)
        self.message.setStyleSheet("color: #c62828;" if state == "error" else "")

    def entry_added(self) -> None:
        """The typed number was taken: clear the fields for the next one."""
        self.number_input.clear()
        self.note_input.clear()
        self.number_input.setFocus()

    def shown_digits(self) -> list[str]:
        """The numbers the list shows now (after the search), in order."""
        rows = range(self._filter.rowCount())
        return [
            self.model.entry(self._filter.mapToSource(self._filter.index(r, 0)).row()).digits
            for r in rows
        ]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.view
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Delete)
        ):
            self._remove_selected()
            return True
        return super().eventFilter(watched, event)

    # intents ----------------------------------------------------------------------------
    def _add(self) -> None:
        number = self.number_input.text().strip()
        if not number:
            self.show_message(self.tr("Type the number to add."), "error")
            self.number_input.setFocus()
            return
        self.add_requested.emit(number, self.note_input.text().strip())

    def _remove_selected(self) -> None:
        rows = {self._filter.mapToSource(index).row() for index in self.view.selectedIndexes()}
        if not rows:
            self.show_message(self.tr("Select the numbers to take off the list."), "error")
            return
        digits = [self.model.entry(row).digits for row in sorted(rows)]
        for number in digits:  # each removal resets the list: read them all first
            self.remove_requested.emit(number)
