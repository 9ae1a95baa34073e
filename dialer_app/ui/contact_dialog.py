"""Add or edit one contact: name, numbers with labels, company, notes, favorite, extra_params.

Every number and the extra_params JSON are checked as the agent types, but a problem is shown
only once the agent leaves the field or presses Save (never on an untouched form, never while
a number is still being typed); a number that reads well shows its ✓ at once. Save with a
problem shows every problem and puts the keyboard on the first one.
"""

from __future__ import annotations

import json
from dataclasses import replace
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.call_request import parse_extra_params
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.phone import InvalidNumberError, PhoneNumber, normalize, pretty_digits
from dialer_app.ui.core_text import QT_TRANSLATE_NOOP, translated
from dialer_app.ui.icons import icon

__all__ = ["NUMBER_LABELS", "ContactDialog", "NumberRow"]

NUMBER_LABELS = ("mobile", "work", "home", "main", "fax", "other")
_LABEL_TEXTS = {
    "mobile": QT_TRANSLATE_NOOP("NumberRow", "Mobile"),
    "work": QT_TRANSLATE_NOOP("NumberRow", "Work"),
    "home": QT_TRANSLATE_NOOP("NumberRow", "Home"),
    "main": QT_TRANSLATE_NOOP("NumberRow", "Main"),
    "fax": QT_TRANSLATE_NOOP("NumberRow", "Fax"),
    "other": QT_TRANSLATE_NOOP("NumberRow", "Other"),
}
MAX_NAME_CHARS = 200
MAX_NUMBER_CHARS = 200
_ERROR_STYLE = "color: #c62828;"
_MUTED_STYLE = "color: palette(placeholder-text);"
_VISIBLE_NUMBER_ROWS = 4


class NumberRow(QWidget):
    """One number: the text, its label and a remove button, with the check result below."""

    changed = Signal()
    remove_requested = Signal(object)  # this row

    def __init__(self, number: ContactNumber | None, default_region: str) -> None:
        super().__init__()
        self.setObjectName("contactNumberRow")
        self.default_region = default_region
        self.number_input = QLineEdit(_initial_text(number, default_region))
        self.number_input.setObjectName("contactNumberInput")
        self.number_input.setAccessibleName(self.tr("Phone number"))
        self.number_input.setPlaceholderText("+91 92000 00000")
        self.number_input.setMaxLength(MAX_NUMBER_CHARS)
        self.label_combo = QComboBox()
        self.label_combo.setObjectName("contactNumberLabel")
        self.label_combo.setAccessibleName(self.tr("Label"))
        for label in NUMBER_LABELS:
            self.label_combo.addItem(_label_text(label), label)
        wanted = number.label if number is not None else "mobile"
        if self.label_combo.findData(wanted) < 0:  # keep a label this app does not offer
            self.label_combo.addItem(wanted, wanted)
        self.label_combo.setCurrentIndex(self.label_combo.findData(wanted))
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("removeNumberButton")
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(self.tr("Remove this number"))
        self.remove_button.setAccessibleName(self.tr("Remove number"))
        self.remove_button.setAutoRaise(True)
        self.status_label = QLabel("")
        self.status_label.setObjectName("contactNumberStatus")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.number_input, 0, 0)
        grid.addWidget(self.label_combo, 0, 1)
        grid.addWidget(self.remove_button, 0, 2)
        grid.addWidget(self.status_label, 1, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.parsed: PhoneNumber | None = None
        self.reason = ""
        self.revealed = False  # a problem shows once the field was left (or on Save)
        self.number_input.textChanged.connect(self._revalidate)
        self.number_input.textEdited.connect(self._typing)
        self.number_input.editingFinished.connect(self.reveal)
        self.label_combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self._revalidate()

    def text(self) -> str:
        return self.number_input.text().strip()

    def label(self) -> str:
        return str(self.label_combo.currentData())

    def is_empty(self) -> bool:
        return not self.text()

    def set_position(self, position: int) -> None:
        """Names that tell the rows apart ("Phone number 2")."""
        self.number_input.setAccessibleName(self.tr("Phone number {n}").format(n=position))
        self.label_combo.setAccessibleName(self.tr("Label of number {n}").format(n=position))
        self.remove_button.setAccessibleName(self.tr("Remove number {n}").format(n=position))

    def reveal(self) -> None:
        """Show the number's problem (the field was left, or Save was pressed)."""
        if not self.revealed:
            self.revealed = True
            self._revalidate()

    def _typing(self) -> None:
        self.revealed = False  # a problem waits until the agent has finished typing

    def contact_number(self) -> ContactNumber:
        """The number as stored; only valid rows have one."""
        if self.parsed is None:
            raise ValueError(self.reason or "empty number")
        return ContactNumber(raw=self.text(), digits=self.parsed.digits, label=self.label())

    def _revalidate(self) -> None:
        self.parsed, self.reason = None, ""
        if self.text():
            try:
                self.parsed = normalize(self.text(), self.default_region)
            except InvalidNumberError as exc:
                self.reason = exc.reason
        if self.parsed is not None:
            self.status_label.setText(f"✓ {self.parsed.display()}")
            self.status_label.setStyleSheet(_MUTED_STYLE)
        else:
            self.status_label.setText(translated(self.reason) if self.revealed else "")
            self.status_label.setStyleSheet(_ERROR_STYLE)
        self.status_label.setVisible(bool(self.status_label.text()))
        self.changed.emit()


class ContactDialog(QDialog):
    """Edits a copy of ``contact`` (or a new one); ``result_contact()`` gives the result."""

    def __init__(
        self, contact: Contact | None, default_region: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(
            self.tr("Edit contact") if contact is not None else self.tr("New contact")
        )
        self._original = contact if contact is not None else Contact(name="")
        self.default_region = default_region
        self._rows: list[NumberRow] = []
        self._problem = ""
        self._problem_owner: QWidget | None = None
        self._name_revealed = False
        self._extra_revealed = False
        self._submitted = False

        root = QVBoxLayout(self)
        root.setSpacing(10)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.name_input = QLineEdit(self._original.name)
        self.name_input.setObjectName("contactName")
        self.name_input.setAccessibleName(self.tr("Name"))
        self.name_input.setPlaceholderText(self.tr("Required"))
        self.name_input.setMaxLength(MAX_NAME_CHARS)
        form.addRow(self.tr("&Name"), self.name_input)
        self.company_input = QLineEdit(self._original.company)
        self.company_input.setObjectName("contactCompany")
        self.company_input.setAccessibleName(self.tr("Company"))
        form.addRow(self.tr("&Company"), self.company_input)
        self.favorite_check = QCheckBox(self.tr("&Favorite"))
        self.favorite_check.setObjectName("contactFavorite")
        self.favorite_check.setIcon(icon("star", "#f5a623"))
        self.favorite_check.setChecked(self._original.favorite)
        form.addRow("", self.favorite_check)
        self.numbers_label = QLabel(self.tr("N&umbers"))
        form.addRow(self.numbers_label, self._numbers_widget())
        self.notes_input = QPlainTextEdit(self._original.notes)
        self.notes_input.setObjectName("contactNotes")
        self.notes_input.setAccessibleName(self.tr("Notes"))
        self.notes_input.setTabChangesFocus(True)
        self.notes_input.setFixedHeight(64)
        form.addRow(self.tr("No&tes"), self.notes_input)
        self.extra_input = QPlainTextEdit(_json_text(self._original.extra_params))
        self.extra_input.setObjectName("contactExtraParams")
        self.extra_input.setAccessibleName(self.tr("extra_params for this contact"))
        self.extra_input.setPlaceholderText(self.tr('Optional, e.g. {"crm_id": 4711}'))
        self.extra_input.setToolTip(
            self.tr("A JSON object sent with calls to this contact, over the global extra_params")
        )
        self.extra_input.setAccessibleDescription(self.extra_input.toolTip())
        self.extra_input.installEventFilter(self)
        self.extra_input.setTabChangesFocus(True)
        self.extra_input.setFixedHeight(64)
        self.extra_status = QLabel("")
        self.extra_status.setObjectName("contactExtraStatus")
        self.extra_status.setTextFormat(Qt.TextFormat.PlainText)
        self.extra_status.setWordWrap(True)
        extra_box = QWidget()
        extra_layout = QVBoxLayout(extra_box)
        extra_layout.setContentsMargins(0, 0, 0, 0)
        extra_layout.setSpacing(2)
        extra_layout.addWidget(self.extra_input)
        extra_layout.addWidget(self.extra_status)
        extra_label = QLabel(self.tr("e&xtra_params"))
        extra_label.setBuddy(self.extra_input)
        form.addRow(extra_label, extra_box)
        root.addLayout(form)
        root.addStretch(1)

        self.problem_label = QLabel("")
        self.problem_label.setObjectName("contactProblem")
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet(_ERROR_STYLE)
        root.addWidget(self.problem_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Save"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        root.addWidget(self.buttons)

        for number in self._original.numbers or (None,):
            self._add_row(number)
        self.name_input.textChanged.connect(self._revalidate)
        self.name_input.textEdited.connect(lambda _text: self._reveal_name(False))
        self.name_input.editingFinished.connect(lambda: self._reveal_name(True))
        self.extra_input.textChanged.connect(self._extra_typed)
        self._revalidate()
        self.resize(500, self.sizeHint().height())
        self.name_input.setFocus()

    # numbers --------------------------------------------------------------------------
    def _numbers_widget(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self._rows_box = QWidget()
        self._rows_layout = QVBoxLayout(self._rows_box)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(8)
        self._rows_layout.addStretch(1)
        self.numbers_scroll = QScrollArea()
        self.numbers_scroll.setObjectName("contactNumbers")
        self.numbers_scroll.setWidget(self._rows_box)
        self.numbers_scroll.setWidgetResizable(True)
        self.numbers_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.numbers_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.numbers_scroll)
        self.numbers_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no invisible Tab stop
        self.add_number_button = QPushButton(icon("call"), self.tr("&Add number"))
        self.add_number_button.setObjectName("addNumberButton")
        self.add_number_button.clicked.connect(self._add_empty_row)
        layout.addWidget(self.add_number_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def number_rows(self) -> list[NumberRow]:
        return list(self._rows)

    def add_number(self, number: ContactNumber | None = None) -> NumberRow:
        """Append a row (empty, or showing ``number``) and return it."""
        return self._add_row(number)

    def _add_empty_row(self) -> None:
        row = self._add_row(None)
        row.number_input.setFocus()
        self.numbers_scroll.ensureWidgetVisible(row)

    def _add_row(self, number: ContactNumber | None) -> NumberRow:
        row = NumberRow(number, self.default_region)
        row.changed.connect(self._row_changed)
        row.remove_requested.connect(self._remove_row)
        self._rows.append(row)
        self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)
        row.show()  # now, not on the next event loop pass, so it can take the focus
        self._order_rows()
        self._fit_numbers()
        self._revalidate()
        return row

    def _row_changed(self) -> None:
        self._fit_numbers()  # a status line may have appeared, gone or wrapped
        self._revalidate()

    def _remove_row(self, row: NumberRow) -> None:
        position = self._rows.index(row)
        self._rows.remove(row)
        row.hide()
        row.deleteLater()
        self._order_rows()
        self._fit_numbers()
        if self._rows:  # the keyboard stays on the numbers, not lost with the row
            self._rows[min(position, len(self._rows) - 1)].number_input.setFocus()
        else:
            self.add_number_button.setFocus()
        self._revalidate()

    def _order_rows(self) -> None:
        """Tab goes through the rows in their order, between Favorite and Add number (rows
        made after the button would otherwise come after Notes); the label's Alt key goes
        to the first number."""
        chain: list[QWidget] = [self.name_input, self.company_input, self.favorite_check]
        for position, row in enumerate(self._rows, 1):
            row.set_position(position)
            chain += [row.number_input, row.label_combo, row.remove_button]
        chain += [self.add_number_button, self.notes_input, self.extra_input]
        chain += list(self.buttons.buttons())
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.numbers_label.setBuddy(
            self._rows[0].number_input if self._rows else self.add_number_button
        )

    def _fit_numbers(self) -> None:
        """Grow with the rows up to a few of them, then scroll.

        The dialog has no explicit minimum size, so Qt grows it to fit the new rows.
        """
        self._rows_layout.activate()
        spacing = self._rows_layout.spacing()
        width = self.numbers_scroll.viewport().width()
        heights = [_row_height(row, width) + spacing for row in self._rows]
        shown = sum(heights[:_VISIBLE_NUMBER_ROWS])
        self.numbers_scroll.setFixedHeight(max(shown - spacing, 1))

    # validation and result --------------------------------------------------------------
    def problem(self) -> str:
        """Why the contact cannot be saved yet ('' when it can)."""
        return self._problem

    def _extra_params(self) -> dict[str, Any]:
        return parse_extra_params(self.extra_input.toPlainText())  # a ValueError: the problem

    def _number_problem(self) -> tuple[str, NumberRow | None]:
        """The first problem of the numbers and the row it is in."""
        seen: dict[str, int] = {}
        for position, row in enumerate(self._rows, 1):
            if row.is_empty():
                continue
            if row.parsed is None:
                text = self.tr("Number {n}: {reason}.")
                return text.format(n=position, reason=translated(row.reason)), row
            key = f"{row.parsed.digits}x{row.parsed.extension}"
            if key in seen:
                text = self.tr("Number {n} is the same as number {first}.")
                return text.format(n=position, first=seen[key]), row
            seen[key] = position
        if seen:
            return "", None
        return self.tr("Add at least one phone number."), self._rows[0] if self._rows else None

    def _reveal_name(self, left: bool) -> None:
        self._name_revealed = left
        self._revalidate()

    def _extra_typed(self) -> None:
        self._extra_revealed = False
        self._revalidate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Leaving extra_params shows its problem."""
        if watched is self.extra_input and event.type() == QEvent.Type.FocusOut:
            self._extra_revealed = True
            self._revalidate()
        return super().eventFilter(watched, event)

    def _revalidate(self) -> None:
        if not hasattr(self, "ok_button"):
            return  # still building
        extra_problem = ""
        try:
            self._extra_params()
            has_json = bool(self.extra_input.toPlainText().strip())
            self.extra_status.setText(self.tr("✓ valid JSON object") if has_json else "")
            self.extra_status.setStyleSheet(_MUTED_STYLE)
        except ValueError as exc:
            extra_problem = str(exc)
            shown = self._extra_revealed or self._submitted
            self.extra_status.setText(extra_problem if shown else "")
            self.extra_status.setStyleSheet(_ERROR_STYLE)
        self.extra_status.setVisible(bool(self.extra_status.text()))
        number_problem, row = self._number_problem()
        owner: QWidget | None
        if not self.name_input.text().strip():
            self._problem, owner = self.tr("Enter a name."), self.name_input
            revealed = self._name_revealed
        elif number_problem:
            self._problem = number_problem
            owner = row.number_input if row is not None else self.add_number_button
            revealed = row is not None and row.revealed
        else:
            self._problem, owner = extra_problem, self.extra_input
            revealed = self._extra_revealed
        self._problem_owner = owner if self._problem else None
        shown = bool(self._problem) and (revealed or self._submitted)
        self.problem_label.setText(self._problem if shown else "")

    def result_contact(self) -> Contact:
        """The edited contact (same ``id``); raises ValueError while it cannot be saved."""
        if self._problem:
            raise ValueError(self._problem)
        return replace(
            self._original,
            name=" ".join(self.name_input.text().split()),
            numbers=tuple(row.contact_number() for row in self._rows if not row.is_empty()),
            company=self.company_input.text().strip(),
            notes=self.notes_input.toPlainText().strip(),
            favorite=self.favorite_check.isChecked(),
            extra_params=self._extra_params(),
        )

    def accept(self) -> None:
        """Save: with a problem, every problem shows and the keyboard goes to the first."""
        self._submitted = True
        for row in self._rows:
            row.reveal()
        self._revalidate()
        if not self._problem:
            super().accept()
        elif self._problem_owner is not None:
            self._problem_owner.setFocus(Qt.FocusReason.OtherFocusReason)


def _label_text(label: str) -> str:
    """How a number's label reads (a label this app does not offer: as it was stored)."""
    known = _LABEL_TEXTS.get(label)
    return QCoreApplication.translate("NumberRow", known) if known else label


def _initial_text(number: ContactNumber | None, default_region: str) -> str:
    """The stored text, unless it now reads as another number (the default region changed):
    then the stored digits in international form, so opening and saving never changes it."""
    if number is None:
        return ""
    if not number.digits:
        return number.raw
    try:
        same = normalize(number.raw, default_region).digits == number.digits
    except InvalidNumberError:
        same = False
    return number.raw if same else pretty_digits(number.digits)


def _row_height(row: QWidget, width: int) -> int:
    if width > 0 and row.hasHeightForWidth():
        return row.heightForWidth(width)
    return row.sizeHint().height()


def _json_text(params: dict[str, Any]) -> str:
    return json.dumps(params, indent=2, ensure_ascii=False) if params else ""
