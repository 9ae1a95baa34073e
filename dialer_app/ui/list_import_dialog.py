"""Import a call list: its name, which column holds the name and the number (guessed as the
contacts import guesses them), the country of numbers without a country code, a preview.

Every other column is kept and shown beside the entry. The dialog never touches the file: the
app sniffs it on a worker thread, runs the import and reports back (``set_progress``,
``show_error``); it closes the dialog when the list is in.
"""

from __future__ import annotations

import copy
import html
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.contact_import import ColumnMapping, CsvLayout
from dialer_app.core.unicode_text import strip_invisible
from dialer_app.ui.core_text import translated
from dialer_app.ui.region_combo import RegionCombo

__all__ = ["ListImportDialog"]

_GUESSED = -1  # the combo item that keeps the guess (several name or number columns)
_PREVIEW_ROWS = 8
_CELL_CHARS = 80


class ListImportDialog(QDialog):
    start_requested = Signal(str, object, str)  # list name, ColumnMapping | None, region
    cancel_requested = Signal()

    def __init__(
        self,
        path: str | os.PathLike[str],
        fmt: str,
        layout: CsvLayout | None,
        parent: QWidget | None = None,
        *,
        region: str = "IN",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("listImportDialog")
        self.setWindowTitle(self.tr("Import a call list"))
        self._layout = layout if fmt == "csv" else None
        self._running = False
        root = QVBoxLayout(self)
        root.setSpacing(10)
        explained = self.tr(
            "Every row with a phone number becomes an entry; all its other columns are kept "
            "and shown with it."
        )
        intro = QLabel(f"<b>{_escape(Path(path).name)}</b><br>{html.escape(explained)}")
        intro.setWordWrap(True)
        root.addWidget(intro)
        form = QFormLayout()
        self.name_field = QLineEdit(Path(path).stem)
        self.name_field.setObjectName("listImportName")
        self.name_field.setAccessibleName(self.tr("List name"))
        self.name_field.setMaxLength(120)
        self.name_field.textChanged.connect(self._update_ok)
        form.addRow(self.tr("List &name"), self.name_field)
        self.name_column: QComboBox | None = None
        self.number_column: QComboBox | None = None
        if self._layout is not None:
            self.name_column, self.number_column = self._column_combos(self._layout)
            form.addRow(self.tr("Name &column"), self.name_column)
            form.addRow(self.tr("N&umber column"), self.number_column)
        self.region_combo = RegionCombo(region)
        self.region_combo.setObjectName("listImportRegion")
        self.region_combo.setAccessibleName(self.tr("Country of numbers without a country code"))
        edit = self.region_combo.lineEdit()
        if edit is not None:  # the editable part a screen reader meets
            edit.setAccessibleName(self.region_combo.accessibleName())
        form.addRow(self.tr("Numbers without a country code are &in"), self.region_combo)
        root.addLayout(form)
        if self._layout is not None:
            root.addWidget(self._preview(self._layout), 1)
        self.progress = QProgressBar()
        self.progress.setObjectName("listImportProgress")
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setVisible(False)
        root.addWidget(self.progress)
        self.problem = QLabel("")
        self.problem.setObjectName("listImportProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet("color: #c62828;")
        root.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("I&mport"))
        ok.setObjectName("listImportStart")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        root.addWidget(self.buttons)
        self.setMinimumWidth(520)
        if self._layout is not None:
            self.resize(760, 520)
        self.name_field.selectAll()
        self.name_field.setFocus()
        self._update_ok()

    # construction ---------------------------------------------------------------------
    def _column_combos(self, layout: CsvLayout) -> tuple[QComboBox, QComboBox]:
        names = _column_names(layout)
        mapping = layout.mapping
        name_combo, number_combo = QComboBox(), QComboBox()
        name_combo.setObjectName("listImportNameColumn")
        number_combo.setObjectName("listImportNumberColumn")
        name_combo.setAccessibleName(self.tr("Name column"))
        number_combo.setAccessibleName(self.tr("Number column"))
        name_parts = [mapping.first_name, mapping.middle_name, mapping.last_name]
        if mapping.name is None and any(part is not None for part in name_parts):
            parts = " + ".join(names[c] for c in name_parts if c is not None)
            name_combo.addItem(self.tr("{columns} (as guessed)").format(columns=parts), _GUESSED)
        number_columns = [column for column, _label in mapping.numbers]
        if len(number_columns) > 1:
            joined = ", ".join(names[c] for c in number_columns if c < len(names))
            number_combo.addItem(
                self.tr("The first valid of {columns}").format(columns=joined), _GUESSED
            )
        for index, name in enumerate(names):
            name_combo.addItem(name, index)
            number_combo.addItem(name, index)
        if mapping.name is not None:
            name_combo.setCurrentIndex(name_combo.findData(mapping.name))
        if len(number_columns) == 1:
            number_combo.setCurrentIndex(number_combo.findData(number_columns[0]))
        for combo in (name_combo, number_combo):
            combo.currentIndexChanged.connect(self._update_ok)
        return name_combo, number_combo

    def _preview(self, layout: CsvLayout) -> QTableWidget:
        rows = layout.preview[:_PREVIEW_ROWS]
        names = _column_names(layout)
        table = QTableWidget(len(rows), len(names))
        table.setObjectName("listImportPreview")
        table.setAccessibleName(self.tr("The first rows of the file"))
        table.setHorizontalHeaderLabels(names)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        for row, cells in enumerate(rows):
            for column, cell in enumerate(cells[: len(names)]):
                text = strip_invisible(cell)
                text = text if len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1] + "…"
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        return table

    # what the agent chose -------------------------------------------------------------
    def list_name(self) -> str:
        return " ".join(self.name_field.text().split())

    def mapping(self) -> ColumnMapping | None:
        """The guessed mapping with the name and number columns the agent chose."""
        if self._layout is None:
            return None
        mapping = copy.deepcopy(self._layout.mapping)
        assert self.name_column is not None
        assert self.number_column is not None
        name = self.name_column.currentData()
        if isinstance(name, int) and name != _GUESSED:
            mapping.name, mapping.first_name, mapping.middle_name, mapping.last_name = (
                name,
                None,
                None,
                None,
            )
        number = self.number_column.currentData()
        if isinstance(number, int) and number != _GUESSED:
            mapping.numbers = [(number, "other")]
            mapping.label_columns = {}
        return mapping

    def _problem_now(self) -> str:
        if not self.list_name():
            return self.tr("The list needs a name.")
        if self.name_column is not None and self.number_column is not None:
            name, number = self.name_column.currentData(), self.number_column.currentData()
            if name is None or number is None:
                return self.tr("Choose the columns with the name and the phone number.")
            if name == number and name != _GUESSED:
                return self.tr("The name and the number cannot be the same column.")
        return ""

    def _update_ok(self) -> None:
        problem = self._problem_now()
        if not self._running:
            self.problem.setText(problem)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and not self._running)

    # the import -----------------------------------------------------------------------
    def start(self) -> None:
        if self._problem_now() or self._running:
            return
        self._running = True
        self.problem.setText("")
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        for widget in (self.name_field, self.name_column, self.number_column, self.region_combo):
            if widget is not None:
                widget.setEnabled(False)
        self._update_ok()
        self.start_requested.emit(self.list_name(), self.mapping(), self.region_combo.region())

    def set_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def show_error(self, message: str) -> None:
        """The import failed: say why and let the agent change the name or the columns."""
        self._running = False
        self.progress.setVisible(False)
        for widget in (self.name_field, self.name_column, self.number_column, self.region_combo):
            if widget is not None:
                widget.setEnabled(True)
        self._update_ok()
        self.problem.setText(translated(message))
        self.name_field.setFocus()

    def reject(self) -> None:
        if self._running:
            self.cancel_requested.emit()
        super().reject()


def _column_names(layout: CsvLayout) -> list[str]:
    width = max([len(layout.header), *(len(row) for row in layout.preview)])
    return [
        strip_invisible(layout.header[i])
        if i < len(layout.header) and layout.header[i]
        else QCoreApplication.translate("ListImportDialog", "Column {n}").format(n=i + 1)
        for i in range(width)
    ]


def _escape(text: str) -> str:
    return html.escape(strip_invisible(text))
