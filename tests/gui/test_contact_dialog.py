"""The add/edit contact dialog driven through its widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.ui.contact_dialog import ContactDialog, NumberRow

LEFT = Qt.MouseButton.LeftButton

ASHA = Contact(
    name="Asha Rao",
    numbers=(
        ContactNumber(raw="+91 92000 00000", digits="919200000000", label="mobile"),
        ContactNumber(raw="080 4000 0000", digits="918040000000", label="work"),
        ContactNumber(raw="044 2811 0000", digits="914428110000", label="home"),
    ),
    company="Acme Traders",
    notes="Prefers mornings",
    favorite=True,
    extra_params={"crm_id": 4711},
    id=42,
)


def open_dialog(qtbot: QtBot, contact: Contact | None, region: str = "IN") -> ContactDialog:
    dialog = ContactDialog(contact, region)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def reason_for(text: str, region: str = "IN") -> str:
    with pytest.raises(InvalidNumberError) as caught:
        normalize(text, region)
    return caught.value.reason


def leave(qtbot: QtBot, dialog: ContactDialog, field: QWidget) -> None:
    """Put the keyboard in ``field``, then Tab out of it, as an agent does."""
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert not field.hasFocus()


def type_into_row(qtbot: QtBot, row: NumberRow, text: str) -> None:
    row.number_input.clear()
    qtbot.keyClicks(row.number_input, text)


def test_new_contact_round_trip(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, None)
    assert dialog.windowTitle() == "New contact"
    assert dialog.problem() == "Enter a name."
    assert dialog.problem_label.text() == ""  # nothing red on an untouched form

    qtbot.keyClicks(dialog.name_input, "  Vikram   Mehta ")
    assert dialog.problem() == "Add at least one phone number."
    [row] = dialog.number_rows()
    type_into_row(qtbot, row, "98000 00001")
    row.label_combo.setCurrentIndex(row.label_combo.findData("work"))
    qtbot.keyClicks(dialog.company_input, "Mehta & Sons")
    qtbot.keyClicks(dialog.notes_input, "Call after 5")
    dialog.favorite_check.setChecked(True)
    dialog.extra_input.setPlainText('{"crm_id": 7}')

    assert dialog.ok_button.isEnabled()
    assert dialog.problem_label.text() == ""
    assert row.status_label.text() == "✓ " + normalize("98000 00001", "IN").display()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.result_contact() == Contact(
        name="Vikram Mehta",
        numbers=(ContactNumber(raw="98000 00001", digits="919800000001", label="work"),),
        company="Mehta & Sons",
        notes="Call after 5",
        favorite=True,
        extra_params={"crm_id": 7},
        id=None,
    )


def test_edit_without_changes_returns_the_same_contact(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    assert dialog.windowTitle() == "Edit contact"
    assert [row.label() for row in dialog.number_rows()] == ["mobile", "work", "home"]
    assert dialog.ok_button.isEnabled()
    assert dialog.result_contact() == ASHA


def test_edit_keeps_id_and_labels_while_numbers_change(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    rows = dialog.number_rows()
    type_into_row(qtbot, rows[1], "+44 20 7946 0958")
    dialog.favorite_check.setChecked(False)
    result = dialog.result_contact()
    assert result.id == 42
    assert result.favorite is False
    assert [(n.digits, n.label) for n in result.numbers] == [
        ("919200000000", "mobile"),
        ("442079460958", "work"),
        ("914428110000", "home"),
    ]
    assert result.numbers[1].raw == "+44 20 7946 0958"


def test_invalid_number_blocks_ok_with_its_reason(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    row = dialog.number_rows()[2]
    type_into_row(qtbot, row, "12345")
    reason = reason_for("12345")
    assert dialog.problem() == f"Number 3: {reason}."
    assert row.status_label.text() == ""  # not while the number is being typed
    assert dialog.problem_label.text() == ""
    leave(qtbot, dialog, row.number_input)
    assert row.status_label.text() == reason
    assert dialog.problem_label.text() == dialog.problem()
    with pytest.raises(ValueError, match=reason):
        dialog.result_contact()
    dialog.accept()  # Enter or a script pressing OK does not get through either
    assert dialog.isVisible()

    type_into_row(qtbot, row, "044 2811 0001")
    assert row.status_label.text().startswith("✓ ")
    assert dialog.ok_button.isEnabled()


def test_a_stored_number_that_cannot_be_read_must_be_fixed_or_removed(qtbot: QtBot) -> None:
    broken = Contact(
        name="Imported",
        numbers=(
            ContactNumber(raw="98000 00001", digits="919800000001", label="mobile"),
            ContactNumber(raw="ext 12", digits="", label="other"),
        ),
    )
    dialog = open_dialog(qtbot, broken)
    assert dialog.number_rows()[1].number_input.text() == "ext 12"
    assert dialog.problem().startswith("Number 2: ")
    qtbot.mouseClick(dialog.number_rows()[1].remove_button, LEFT)
    assert dialog.ok_button.isEnabled()
    assert [n.digits for n in dialog.result_contact().numbers] == ["919800000001"]


def test_invalid_json_blocks_ok(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    assert dialog.extra_status.text() == "✓ valid JSON object"

    dialog.extra_input.setPlainText('{"crm_id": ')
    assert "not valid JSON" in dialog.problem()
    assert dialog.extra_status.text() == ""  # still being typed
    dialog.accept()  # Save shows it, and stays open on the field
    assert dialog.isVisible()
    assert dialog.extra_status.text() == dialog.problem()
    assert dialog.focusWidget() is dialog.extra_input

    dialog.extra_input.setPlainText("[1, 2]")
    assert "JSON object" in dialog.problem()

    dialog.extra_input.setPlainText('{"crm_id": 4712, "tags": ["vip"]}')
    assert dialog.ok_button.isEnabled()
    assert dialog.result_contact().extra_params == {"crm_id": 4712, "tags": ["vip"]}

    dialog.extra_input.setPlainText("   ")
    assert dialog.ok_button.isEnabled()
    assert dialog.extra_status.text() == ""
    assert dialog.result_contact().extra_params == {}


def test_removing_numbers(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    qtbot.mouseClick(dialog.number_rows()[1].remove_button, LEFT)
    assert len(dialog.number_rows()) == 2
    assert [n.label for n in dialog.result_contact().numbers] == ["mobile", "home"]

    for row in dialog.number_rows():
        qtbot.mouseClick(row.remove_button, LEFT)
    assert dialog.number_rows() == []
    assert dialog.problem() == "Add at least one phone number."
    assert dialog.focusWidget() is dialog.add_number_button  # not lost with the last row

    qtbot.mouseClick(dialog.add_number_button, LEFT)
    [row] = dialog.number_rows()
    type_into_row(qtbot, row, "+91 92000 00009")
    assert [n.digits for n in dialog.result_contact().numbers] == ["919200000009"]


def test_empty_extra_rows_are_left_out(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    qtbot.mouseClick(dialog.add_number_button, LEFT)
    assert len(dialog.number_rows()) == 4
    assert dialog.focusWidget() is dialog.number_rows()[3].number_input
    assert dialog.ok_button.isEnabled()
    assert dialog.result_contact() == ASHA


def test_the_same_number_twice_is_refused(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    row = dialog.add_number()
    type_into_row(qtbot, row, "92000 00000")  # number 1 without the country code
    assert dialog.problem() == "Number 4 is the same as number 1."


def test_unknown_label_is_preserved(qtbot: QtBot) -> None:
    contact = Contact(
        name="Pager",
        numbers=(ContactNumber(raw="+91 92000 00001", digits="919200000001", label="pager"),),
    )
    dialog = open_dialog(qtbot, contact)
    assert dialog.number_rows()[0].label() == "pager"
    assert dialog.result_contact().numbers[0].label == "pager"


def test_stored_digits_win_when_the_default_region_changed(qtbot: QtBot) -> None:
    """'080 4000 0000' was read as Indian; with region US it must not change on save."""
    dialog = open_dialog(qtbot, ASHA, region="US")
    rows = dialog.number_rows()
    assert rows[1].number_input.text() == normalize("+918040000000", None).international
    assert dialog.ok_button.isEnabled()
    assert [n.digits for n in dialog.result_contact().numbers] == [n.digits for n in ASHA.numbers]


def test_name_is_required(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, ASHA)
    dialog.name_input.setText("   ")
    assert dialog.problem() == "Enter a name."
    qtbot.keyClick(dialog.name_input, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.problem_label.text() == "Enter a name."
