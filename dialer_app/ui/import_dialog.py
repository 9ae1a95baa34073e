"""Import contacts from a CSV or vCard file: column mapping, progress and the report.

The dialog never touches the file: the app sniffs it on a worker thread and passes the
:class:`CsvLayout`, runs the import elsewhere and reports back through ``set_progress`` and
``show_report`` / ``show_error`` / ``show_cancelled``.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.contact_import import ColumnMapping, CsvLayout
from dialer_app.ui.core_text import QT_TRANSLATE_NOOP, translated
from dialer_app.ui.icons import icon
from dialer_app.ui.region_combo import RegionCombo

__all__ = ["ImportDialog"]

IGNORE = "ignore"
PHONE_PREFIX = "phone:"
LABELS_PREFIX = "labels:"  # + the number column whose labels this column holds
PHONE_LABELS = ("mobile", "work", "home", "main", "fax", "other")
# Roles at most one column can have: ColumnMapping attribute names.
SINGLE_ROLES = (
    "name",
    "first_name",
    "middle_name",
    "last_name",
    "company",
    "notes",
    "favorite",
    "extra_params",
)
ROLE_TEXTS: tuple[tuple[str, str], ...] = (
    (IGNORE, QT_TRANSLATE_NOOP("ImportDialog", "Ignore")),
    ("name", QT_TRANSLATE_NOOP("ImportDialog", "Name")),
    ("first_name", QT_TRANSLATE_NOOP("ImportDialog", "First name")),
    ("middle_name", QT_TRANSLATE_NOOP("ImportDialog", "Middle name")),
    ("last_name", QT_TRANSLATE_NOOP("ImportDialog", "Last name")),
    ("company", QT_TRANSLATE_NOOP("ImportDialog", "Company")),
    ("notes", QT_TRANSLATE_NOOP("ImportDialog", "Notes")),
    (PHONE_PREFIX + "mobile", QT_TRANSLATE_NOOP("ImportDialog", "Phone (mobile)")),
    (PHONE_PREFIX + "work", QT_TRANSLATE_NOOP("ImportDialog", "Phone (work)")),
    (PHONE_PREFIX + "home", QT_TRANSLATE_NOOP("ImportDialog", "Phone (home)")),
    (PHONE_PREFIX + "main", QT_TRANSLATE_NOOP("ImportDialog", "Phone (main)")),
    (PHONE_PREFIX + "fax", QT_TRANSLATE_NOOP("ImportDialog", "Phone (fax)")),
    (PHONE_PREFIX + "other", QT_TRANSLATE_NOOP("ImportDialog", "Phone (other)")),
    ("favorite", QT_TRANSLATE_NOOP("ImportDialog", "Favorite")),
    ("extra_params", QT_TRANSLATE_NOOP("ImportDialog", "extra_params (JSON)")),
)
_ERROR_COLOR = "#c62828"
_MAX_COLUMN_WIDTH = 260
_MAX_CELL_CHARS = 200
_DELIMITER_NAMES = {
    ",": QT_TRANSLATE_NOOP("ImportDialog", "comma-separated"),
    ";": QT_TRANSLATE_NOOP("ImportDialog", "semicolon-separated"),
    "\t": QT_TRANSLATE_NOOP("ImportDialog", "tab-separated"),
    "|": QT_TRANSLATE_NOOP("ImportDialog", "separated by vertical bars"),
}


class _State(enum.Enum):
    CHOOSING = enum.auto()
    IMPORTING = enum.auto()
    CANCELLING = enum.auto()
    FINISHED = enum.auto()


class ImportDialog(QDialog):
    """Lets the agent check the column mapping, start the import and read its report."""

    start_requested = Signal(object, str)  # ColumnMapping for CSV (None for vCard), region
    cancel_requested = Signal()

    def __init__(
        self,
        path: str | os.PathLike[str],
        fmt: str,
        layout: CsvLayout | None = None,
        parent: QWidget | None = None,
        *,
        region: str = "IN",
    ) -> None:
        super().__init__(parent)
        if fmt not in ("csv", "vcard"):
            raise ValueError(f"unknown contact file format {fmt!r}")
        if fmt == "csv" and layout is None:
            raise ValueError("a CSV import needs the sniffed CsvLayout")
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import contacts"))
        self.fmt = fmt
        self._layout = layout if fmt == "csv" else None
        self._state = _State.CHOOSING
        self._close_when_cancelled = False
        self._combos: list[QComboBox] = []
        self._mapping_problem = ""

        root = QVBoxLayout(self)
        root.setSpacing(12)
        self.intro_label = QLabel(self._intro_text(Path(path).name))
        self.intro_label.setObjectName("importIntro")
        self.intro_label.setWordWrap(True)
        self.intro_label.setTextFormat(Qt.TextFormat.RichText)
        root.addWidget(self.intro_label)
        self.mapping_box = self._mapping_widget() if self._layout else self._vcard_widget()
        root.addWidget(self.mapping_box, 1)
        self.region_box = self._region_widget(region)
        root.addWidget(self.region_box)
        root.addWidget(self._progress_widget())
        self.report_box = self._report_widget()
        root.addWidget(self.report_box, 1)
        self.problem_label = QLabel("")
        self.problem_label.setObjectName("importProblem")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setStyleSheet(f"color: {_ERROR_COLOR};")
        root.addWidget(self.problem_label)
        root.addWidget(self._buttons())
        if self._layout is not None:
            self.setMinimumSize(680, 440)
            self.resize(880, 560)
        else:
            self.setMinimumWidth(460)
        self._set_state(_State.CHOOSING)

    # construction ---------------------------------------------------------------------
    def _intro_text(self, file_name: str) -> str:
        layout = self._layout
        if layout is None:
            return self.tr("<b>{file}</b> · vCard file").format(file=_escape(file_name))
        delimiter = _DELIMITER_NAMES.get(layout.delimiter)
        details = [
            _tr(delimiter) if delimiter else repr(layout.delimiter),
            layout.encoding.upper().replace("-SIG", "") if layout.encoding else "",
            self.tr("header row") if layout.has_header else self.tr("no header row"),
        ]
        facts = ", ".join(part for part in details if part)
        first = self.tr("<b>{file}</b> · CSV ({facts})").format(
            file=_escape(file_name), facts=_escape(facts)
        )
        rest = self.tr("Choose what each column holds; the first rows of the file are shown below.")
        return f"<p style='margin-bottom: 4px'>{first}</p>{_escape(rest)}"

    def _vcard_widget(self) -> QWidget:
        label = QLabel(
            self.tr(
                "Every card becomes a contact with its name, company, notes and phone numbers "
                "(their labels are kept). Cards without a usable phone number are skipped and "
                "listed when the import ends. A card sharing a number with a contact of the "
                "same name is merged into it; one of another name is kept as a contact of its "
                "own. Nothing is saved if the import is cancelled."
            )
        )
        label.setObjectName("importVcardHelp")
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    def _mapping_widget(self) -> QWidget:
        assert self._layout is not None
        layout = self._layout
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        width = _column_count(layout)
        roles = _initial_roles(layout.mapping, width)
        self.table = QTableWidget(1 + len(layout.preview), width)
        self.table.setObjectName("importPreview")
        self.table.setAccessibleName(self.tr("Columns of the file"))
        self.table.setAccessibleDescription(
            self.tr("The first row chooses what each column holds; the rows below are the file's")
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalHeaderLabels(
            [_column_title(layout.header, column) for column in range(width)]
        )
        self.table.setVerticalHeaderLabels(
            [self.tr("Use as"), *(str(row) for row in range(1, len(layout.preview) + 1))]
        )
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        for row, cells in enumerate(layout.preview, 1):
            for column, text in enumerate(cells[:width]):
                self.table.setItem(row, column, _cell_item(text))
        for column in range(width):
            combo = self._role_combo(column, roles, layout.header)
            self._combos.append(combo)
            self.table.setCellWidget(0, column, combo)
        self.table.resizeColumnsToContents()
        self.table.resizeRowToContents(0)
        for column in range(width):
            if self.table.columnWidth(column) > _MAX_COLUMN_WIDTH:
                self.table.setColumnWidth(column, _MAX_COLUMN_WIDTH)
        box_layout.addWidget(self.table, 1)

        self.mapping_summary = QLabel("")
        self.mapping_summary.setObjectName("importMappingSummary")
        self.mapping_summary.setWordWrap(True)
        self.mapping_summary.setTextFormat(Qt.TextFormat.PlainText)
        box_layout.addWidget(self.mapping_summary)
        self.split_check = QCheckBox(
            self.tr("&Split cells that hold several numbers (“a ::: b” or “a; b”)")
        )
        self.split_check.setObjectName("importSplitCells")
        self.split_check.setChecked(layout.mapping.split_cells)
        self.split_check.toggled.connect(self._refresh)
        box_layout.addWidget(self.split_check)
        return box

    def _role_combo(self, column: int, roles: list[str], header: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(
            self.tr("Use of {column}").format(column=_column_title(header, column))
        )
        for role, text in ROLE_TEXTS:
            combo.addItem(_tr(text), role)
        role = roles[column]
        if combo.findData(role) < 0:  # a label column, or a label the list does not have
            combo.addItem(_role_text(role, header), role)
        combo.setCurrentIndex(combo.findData(role))
        combo.currentIndexChanged.connect(partial(self._role_changed, column))
        return combo

    def _region_widget(self, region: str) -> QWidget:
        """Where numbers without a country code are assumed to be (the settings' region)."""
        box = QWidget()
        column = QVBoxLayout(box)  # the label above: it may be long in other languages
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Numbers without a country code are in:"))
        label.setWordWrap(True)
        self.region_combo = RegionCombo(region)
        self.region_combo.setObjectName("importRegion")
        self.region_combo.setAccessibleName(self.tr("Country of numbers without a country code"))
        edit = self.region_combo.lineEdit()
        if edit is not None:  # the editable part a screen reader meets
            edit.setAccessibleName(self.region_combo.accessibleName())
        self.region_combo.setToolTip(
            self.tr(
                "A number written without + and a country code (like 905-555-1234) is read as "
                "a number of this country; the report lists every such number."
            )
        )
        label.setBuddy(self.region_combo)
        column.addWidget(label)
        column.addLayout(row)
        row.addWidget(self.region_combo, 1)
        self.region_hint = QLabel("")
        self.region_hint.setObjectName("importRegionHint")
        self.region_hint.setEnabled(False)  # secondary text
        row.addWidget(self.region_hint)
        self.region_combo.currentIndexChanged.connect(lambda _i: self._refresh_region_hint())
        return box

    def _refresh_region_hint(self) -> None:
        """How many of the numbers in the preview have no country code (CSV only)."""
        count = self._national_in_preview()
        self.region_hint.setText(
            self.tr("({count} in the rows shown)").format(count=count) if count else ""
        )
        self.region_hint.setToolTip(
            self.tr(
                "{count} numbers in the rows shown have no country code: read as numbers of "
                "{country}",
                "",
                count,
            ).format(count=count, country=self.region_combo.currentText())
            if count
            else ""
        )

    def _national_in_preview(self) -> int:
        if self._layout is None:
            return 0
        columns = [column for column, _label in self.mapping().numbers]
        return sum(
            1
            for row in self._layout.preview
            for column in columns
            if column < len(row) and _without_country_code(row[column])
        )

    def region(self) -> str:
        """The region chosen for numbers without a country code."""
        return self.region_combo.region()

    def _progress_widget(self) -> QWidget:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress_label = QLabel("")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_label.setObjectName("importProgressText")
        box_layout.addWidget(self.progress)
        box_layout.addWidget(self.progress_label)
        self.progress_box = box
        return box

    def _report_widget(self) -> QWidget:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.report_icon = QLabel()
        top.addWidget(self.report_icon, 0, Qt.AlignmentFlag.AlignTop)
        self.report_label = QLabel("")
        self.report_label.setObjectName("importReport")
        self.report_label.setWordWrap(True)
        self.report_label.setTextFormat(Qt.TextFormat.PlainText)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        top.addWidget(self.report_label, 1, Qt.AlignmentFlag.AlignTop)
        box_layout.addLayout(top)
        self.skipped_heading = QLabel("")
        box_layout.addWidget(self.skipped_heading)
        self.skipped_list = QListWidget()
        self.skipped_list.setObjectName("importSkipped")
        self.skipped_list.setAccessibleName(self.tr("Skipped rows"))
        self.skipped_list.setAlternatingRowColors(True)
        self.skipped_list.setWordWrap(True)
        self.skipped_list.setStyleSheet("QListWidget::item { padding: 3px 4px; }")
        box_layout.addWidget(self.skipped_list, 1)
        box_layout.addStretch(0)
        return box

    def _buttons(self) -> QDialogButtonBox:
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(icon("import"), self.tr("&Import"))
        self.import_button.setObjectName("importStartButton")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("importCancelButton")
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.import_button.clicked.connect(self._start)
        self.cancel_button.clicked.connect(self._cancel_clicked)
        return self.buttons

    # mapping ----------------------------------------------------------------------------
    def mapping(self) -> ColumnMapping:
        """The columns as the agent chose them (CSV only)."""
        if self._layout is None:
            raise ValueError("a vCard import has no column mapping")
        roles = self._roles()
        result = ColumnMapping(split_cells=self.split_check.isChecked())
        for column, role in enumerate(roles):
            if role in SINGLE_ROLES and getattr(result, role) is None:
                setattr(result, role, column)
            elif role.startswith(PHONE_PREFIX):
                result.numbers.append((column, role.removeprefix(PHONE_PREFIX)))
        phone_columns = {column for column, _ in result.numbers}
        for column, role in enumerate(roles):
            target = _labels_target(role)
            if target in phone_columns:
                result.label_columns[target] = column
        return result

    def problem(self) -> str:
        """Why Import is disabled ('' when it is not)."""
        return self._mapping_problem

    def _roles(self) -> list[str]:
        return [str(combo.currentData()) for combo in self._combos]

    def _role_changed(self, column: int, _index: int) -> None:
        role = str(self._combos[column].currentData())
        for other, combo in enumerate(self._combos):
            other_role = str(combo.currentData())
            clashes = other != column and role in SINGLE_ROLES and other_role == role
            orphaned = _labels_target(other_role) == column and not role.startswith(PHONE_PREFIX)
            if clashes or orphaned:
                _set_role(combo, IGNORE)
        self._refresh()

    def _refresh(self) -> None:
        if self._layout is not None and hasattr(self, "region_hint"):
            self._refresh_region_hint()
        if self._layout is not None:
            mapping = self.mapping()
            self._mapping_problem = _mapping_problem(mapping)
            self.mapping_summary.setText(_mapping_summary(mapping, self._layout.header))
            self._paint_columns()
        chooser = self._state is _State.CHOOSING
        self.import_button.setEnabled(chooser and not self._mapping_problem)
        self.import_button.setToolTip(self._mapping_problem)
        if chooser:
            self.problem_label.setText(self._mapping_problem)
        self.problem_label.setVisible(bool(self.problem_label.text()))

    def _paint_columns(self) -> None:
        """Grey out ignored columns and bold the used column titles so they stand out."""
        palette = QGuiApplication.palette()
        muted, normal = QBrush(palette.placeholderText()), QBrush(palette.text())
        for column, role in enumerate(self._roles()):
            used = role != IGNORE
            title = self.table.horizontalHeaderItem(column)
            if title is not None:
                font = QFont(self.table.horizontalHeader().font())
                font.setBold(used)
                title.setFont(font)
            for row in range(1, self.table.rowCount()):
                item = self.table.item(row, column)
                if item is not None:
                    item.setForeground(normal if used else muted)

    # import states ------------------------------------------------------------------------
    def is_importing(self) -> bool:
        return self._state in (_State.IMPORTING, _State.CANCELLING)

    def _start(self) -> None:
        if self._state is not _State.CHOOSING or self._mapping_problem:
            return
        mapping = self.mapping() if self._layout is not None else None
        self._set_state(_State.IMPORTING)
        self.set_progress(0, 0, self.tr("Starting…"))
        self.start_requested.emit(mapping, self.region())

    def set_progress(self, done: int, total: int, text: str) -> None:
        """Show progress; ``total`` 0 means the amount of work is not known yet."""
        if not self.is_importing():
            return  # a late update after the report
        if total <= 0:
            self.progress.setRange(0, 0)
        else:
            self.progress.setRange(0, total)
            self.progress.setValue(max(0, min(done, total)))
        if self._state is _State.IMPORTING:
            self.progress_label.setText(translated(text))

    def show_report(self, summary: str, skipped: Sequence[tuple[int, str]]) -> None:
        """The import finished: show what was imported, merged and skipped (and why)."""
        self._finish("ok", translated(summary))
        if self.fmt == "csv":
            heading = self.tr("Skipped rows, merges and numbers to check, by line ({count}):")
        else:
            heading = self.tr("Skipped cards, merges and numbers to check, by line ({count}):")
        self.skipped_heading.setText(heading.format(count=f"{len(skipped):,}"))
        line_text = self.tr("Line {line}: {reason}")
        self.skipped_list.addItems(
            [line_text.format(line=line, reason=translated(reason)) for line, reason in skipped]
        )
        self.skipped_heading.setVisible(bool(skipped))
        self.skipped_list.setVisible(bool(skipped))
        if skipped:  # room to read the notes, each on as many lines as it needs
            self.resize(max(self.width(), 720), max(self.height(), 480))

    def show_error(self, message: str) -> None:
        """The file was refused: say why; nothing was imported."""
        text = self.tr("The file was not imported: {reason}\nNothing was saved.")
        self._finish("failed", text.format(reason=translated(message)))

    def show_cancelled(self) -> None:
        """The import stopped after a cancel; closes the dialog if the agent closed it
        (window close button or Esc), else says so and offers Close."""
        self._finish("failed", self.tr("The import was cancelled. Nothing was saved."))
        if self._close_when_cancelled:
            super().reject()

    def _finish(self, icon_name: str, text: str) -> None:
        self._set_state(_State.FINISHED)
        self.report_icon.setPixmap(icon(icon_name).pixmap(20, 20))
        self.report_label.setText(text)
        self.skipped_list.clear()
        self.skipped_heading.hide()
        self.skipped_list.hide()

    def _set_state(self, state: _State) -> None:
        self._state = state
        importing = self.is_importing()
        finished = state is _State.FINISHED
        self.mapping_box.setEnabled(state is _State.CHOOSING)
        self.mapping_box.setVisible(not finished)
        self.region_box.setEnabled(state is _State.CHOOSING)
        self.region_box.setVisible(not finished)
        self.intro_label.setVisible(not finished)
        self.progress_box.setVisible(importing)
        self.report_box.setVisible(finished)
        self.import_button.setVisible(not finished)
        self.cancel_button.setText(self.tr("Close") if finished else self.tr("Cancel"))
        self.cancel_button.setEnabled(state is not _State.CANCELLING)
        self.cancel_button.setDefault(finished)
        if state is _State.CANCELLING:
            self.progress_label.setText(self.tr("Cancelling…"))
        if state is not _State.CHOOSING:
            self.problem_label.setText("")
        self._refresh()

    def _cancel_clicked(self) -> None:
        if self.is_importing():
            self._request_cancel()
        else:
            self.reject()

    def _request_cancel(self) -> None:
        if self._state is _State.IMPORTING:
            self._set_state(_State.CANCELLING)
            self.cancel_requested.emit()

    def reject(self) -> None:
        """Esc and the window's close button: while importing, cancel, then close."""
        if self.is_importing():
            self._close_when_cancelled = True
            self._request_cancel()
            return  # stay open until the import has stopped
        super().reject()


# helpers ----------------------------------------------------------------------------------
def _without_country_code(cell: str) -> bool:
    """A phone cell written without ``+`` or an international ``00`` prefix."""
    text = cell.strip().lstrip("'")
    return any(ch.isdigit() for ch in text) and not text.startswith(("+", "00"))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _column_count(layout: CsvLayout) -> int:
    mapping = layout.mapping
    referenced: list[int] = [
        *(column for column, _ in mapping.numbers),
        *mapping.label_columns,
        *mapping.label_columns.values(),
        *_single_role_columns(mapping).values(),
    ]
    widths = [len(layout.header), *(len(row) for row in layout.preview)]
    return max([*widths, *(column + 1 for column in referenced)])


def _single_role_columns(mapping: ColumnMapping) -> dict[str, int]:
    """``{"first_name": 0, "last_name": 2, ...}`` for the roles the mapping assigns."""
    columns: dict[str, int] = {}
    for role in SINGLE_ROLES:
        column = getattr(mapping, role)
        if isinstance(column, int) and column >= 0:
            columns[role] = column
    return columns


def _tr(text: str) -> str:
    """``text`` (a source text of this module) in the window's language."""
    return QCoreApplication.translate("ImportDialog", text)


def _column_title(header: list[str], column: int) -> str:
    name = header[column].strip() if column < len(header) else ""
    return name or QCoreApplication.translate("ImportDialog", "Column {n}").format(n=column + 1)


def _initial_roles(mapping: ColumnMapping, width: int) -> list[str]:
    roles = [IGNORE] * width
    for column, label in mapping.numbers:
        roles[column] = PHONE_PREFIX + label
    for role, column in _single_role_columns(mapping).items():
        roles[column] = role
    for number_column, label_column in mapping.label_columns.items():
        if roles[label_column] == IGNORE and roles[number_column].startswith(PHONE_PREFIX):
            roles[label_column] = f"{LABELS_PREFIX}{number_column}"
    return roles


def _role_text(role: str, header: list[str]) -> str:
    target = _labels_target(role)
    if target is not None:
        text = QCoreApplication.translate("ImportDialog", "Labels of “{column}”")
        return text.format(column=_column_title(header, target))
    text = QCoreApplication.translate("ImportDialog", "Phone ({label})")
    return text.format(label=role.removeprefix(PHONE_PREFIX))


def _labels_target(role: str) -> int | None:
    return int(role.removeprefix(LABELS_PREFIX)) if role.startswith(LABELS_PREFIX) else None


def _set_role(combo: QComboBox, role: str) -> None:
    combo.blockSignals(True)
    combo.setCurrentIndex(combo.findData(role))
    combo.blockSignals(False)


def _cell_item(text: str) -> QTableWidgetItem:
    flat = " ⏎ ".join(part.strip() for part in text.strip().splitlines())
    shown = flat if len(flat) <= _MAX_CELL_CHARS else flat[: _MAX_CELL_CHARS - 1] + "…"
    item = QTableWidgetItem(shown)
    if shown != text:
        item.setToolTip(text[:2000])
    return item


def _mapping_problem(mapping: ColumnMapping) -> str:
    no_name, no_number = not mapping.has_name_column(), not mapping.numbers
    if no_name and no_number:
        return QCoreApplication.translate(
            "ImportDialog",
            "To import, choose a column for the name (Name, First name, Last name or "
            "Company) and at least one phone column.",
        )
    if no_name:
        return QCoreApplication.translate(
            "ImportDialog",
            "To import, choose a column for the name (Name, First name, Last name or Company).",
        )
    if no_number:
        return QCoreApplication.translate(
            "ImportDialog", "To import, choose at least one phone column."
        )
    return ""


def _mapping_summary(mapping: ColumnMapping, header: list[str]) -> str:
    """'Name from “First Name” + “Last Name” · numbers from “Mobile”', for wide files."""

    def titles(columns: list[int], joiner: str) -> str:
        return joiner.join(f"“{_column_title(header, column)}”" for column in columns)

    name_columns = [mapping.name] if mapping.name is not None else []
    if not name_columns:
        parts = (mapping.first_name, mapping.middle_name, mapping.last_name)
        name_columns = [column for column in parts if column is not None]
    if not name_columns and mapping.company is not None:
        name_columns = [mapping.company]
    translate = QCoreApplication.translate
    if name_columns:
        name = translate("ImportDialog", "Name from {columns}")
    else:
        name = translate("ImportDialog", "No name column")
    number_columns = [column for column, _ in mapping.numbers]
    if number_columns:
        numbers = translate("ImportDialog", "numbers from {columns}")
    else:
        numbers = translate("ImportDialog", "no phone column")
    return (
        f"{name.format(columns=titles(name_columns, ' + '))} · "
        f"{numbers.format(columns=titles(number_columns, ', '))}"
    )
