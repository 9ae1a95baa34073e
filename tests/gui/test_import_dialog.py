"""The import dialog driven through its widgets, with layouts sniffed from real CSV files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QTableWidget
from pytestqt.qtbot import QtBot

from dialer_app.core.contact_import import ColumnMapping, CsvLayout, sniff_csv
from dialer_app.ui.import_dialog import ImportDialog

LEFT = Qt.MouseButton.LeftButton

GOOGLE_CSV = (
    "Name,Given Name,Additional Name,Family Name,Nickname,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,"
    "Phone 2 - Type,Phone 2 - Value,Organization 1 - Name\n"
    "Asha Rao,Asha,,Rao,,Prefers mornings,* myContacts,* Work,asha@acme.in,"
    "Mobile,+91 92000 00000,Work,080 4000 0000,Acme Traders\n"
    "Vikram Mehta,Vikram,K,Mehta,Vicky,,* myContacts,,,"
    "Mobile,98000 00001 ::: 98000 00002,,,\n"
)
OUTLOOK_CSV = (
    "First Name,Middle Name,Last Name,Title,E-mail Address,Home Phone,Business Phone,"
    "Mobile Phone,Primary Phone,Business Fax,Company,Notes\n"
    "Ravi,,Kumar,,ravi@example.in,,+91 80 4000 0001,+91 92000 00003,,,Kumar & Co,\n"
)


def sniffed(tmp_path: Path, name: str, text: str) -> tuple[Path, CsvLayout]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, sniff_csv(path)


@pytest.fixture
def google(tmp_path: Path) -> tuple[Path, CsvLayout]:
    return sniffed(tmp_path, "google.csv", GOOGLE_CSV)


@pytest.fixture
def outlook(tmp_path: Path) -> tuple[Path, CsvLayout]:
    return sniffed(tmp_path, "outlook.csv", OUTLOOK_CSV)


def open_dialog(qtbot: QtBot, path: Path, fmt: str, layout: CsvLayout | None) -> ImportDialog:
    dialog = ImportDialog(path, fmt, layout)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def combo_for(dialog: ImportDialog, title: str) -> QComboBox:
    table = dialog.findChild(QTableWidget, "importPreview")
    assert table is not None
    for column in range(table.columnCount()):
        header = table.horizontalHeaderItem(column)
        if header is not None and header.text() == title:
            combo = table.cellWidget(0, column)
            assert isinstance(combo, QComboBox)
            return combo
    raise AssertionError(f"no column {title!r}")


def choose(combo: QComboBox, role: str) -> None:
    index = combo.findData(role)
    assert index >= 0, role
    combo.setCurrentIndex(index)


def start(qtbot: QtBot, dialog: ImportDialog) -> object:
    with qtbot.waitSignal(dialog.start_requested, timeout=1000) as blocker:
        qtbot.mouseClick(dialog.import_button, LEFT)
    return blocker.args[0]


# mapping ----------------------------------------------------------------------------------
def test_google_csv_is_prefilled_from_the_sniffed_layout(
    qtbot: QtBot, google: tuple[Path, CsvLayout]
) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    table = dialog.findChild(QTableWidget, "importPreview")
    assert table is not None
    assert table.columnCount() == len(layout.header)
    assert table.rowCount() == 1 + len(layout.preview)
    first_row = [table.item(1, column) for column in range(3)]
    assert [item.text() if item else None for item in first_row] == layout.preview[0][:3]
    assert combo_for(dialog, "Name").currentData() == "name"
    assert combo_for(dialog, "Given Name").currentData() == "first_name"
    assert combo_for(dialog, "Family Name").currentData() == "last_name"
    assert combo_for(dialog, "Organization 1 - Name").currentData() == "company"
    assert combo_for(dialog, "Phone 1 - Value").currentData() == "phone:other"
    phone_1 = layout.header.index("Phone 1 - Value")
    assert combo_for(dialog, "Phone 1 - Type").currentData() == f"labels:{phone_1}"
    assert combo_for(dialog, "Nickname").currentData() == "ignore"
    assert dialog.mapping() == layout.mapping
    assert dialog.mapping().label_columns  # the "Phone N - Type" columns survive
    assert dialog.import_button.isEnabled()
    assert dialog.problem() == ""


def test_outlook_csv_is_prefilled_with_labelled_phone_columns(
    qtbot: QtBot, outlook: tuple[Path, CsvLayout]
) -> None:
    path, layout = outlook
    dialog = open_dialog(qtbot, path, "csv", layout)
    assert combo_for(dialog, "First Name").currentData() == "first_name"
    assert combo_for(dialog, "Middle Name").currentData() == "middle_name"
    assert combo_for(dialog, "Home Phone").currentData() == "phone:home"
    assert combo_for(dialog, "Business Phone").currentData() == "phone:work"
    assert combo_for(dialog, "Mobile Phone").currentData() == "phone:mobile"
    assert combo_for(dialog, "Business Fax").currentData() == "phone:fax"
    assert combo_for(dialog, "Company").currentData() == "company"
    assert combo_for(dialog, "E-mail Address").currentData() == "ignore"
    assert dialog.mapping() == layout.mapping


def test_changing_a_combo_changes_the_mapping(
    qtbot: QtBot, outlook: tuple[Path, CsvLayout]
) -> None:
    path, layout = outlook
    dialog = open_dialog(qtbot, path, "csv", layout)
    mobile = layout.header.index("Mobile Phone")
    title = layout.header.index("Title")
    notes = layout.header.index("Notes")

    choose(combo_for(dialog, "Mobile Phone"), "phone:work")
    assert (mobile, "work") in dialog.mapping().numbers
    assert (mobile, "mobile") not in dialog.mapping().numbers

    choose(combo_for(dialog, "Title"), "extra_params")
    assert dialog.mapping().extra_params == title

    choose(combo_for(dialog, "Title"), "notes")  # Notes moves: only one column can hold it
    assert dialog.mapping().notes == title
    assert combo_for(dialog, "Notes").currentData() == "ignore"
    assert dialog.mapping().extra_params is None
    assert notes not in (dialog.mapping().notes, dialog.mapping().extra_params)

    choose(combo_for(dialog, "Home Phone"), "ignore")
    assert layout.header.index("Home Phone") not in [c for c, _ in dialog.mapping().numbers]

    dialog.split_check.setChecked(False)
    assert dialog.mapping().split_cells is False


def test_ignoring_a_phone_column_drops_its_label_column(
    qtbot: QtBot, google: tuple[Path, CsvLayout]
) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    phone_1 = layout.header.index("Phone 1 - Value")
    phone_2 = layout.header.index("Phone 2 - Value")

    choose(combo_for(dialog, "Phone 1 - Value"), "phone:mobile")  # still a phone column
    assert dialog.mapping().label_columns[phone_1] == layout.header.index("Phone 1 - Type")

    choose(combo_for(dialog, "Phone 1 - Value"), "ignore")
    mapping = dialog.mapping()
    assert phone_1 not in mapping.label_columns
    assert phone_2 in mapping.label_columns
    assert combo_for(dialog, "Phone 1 - Type").currentData() == "ignore"


def test_import_is_disabled_without_a_phone_or_name_column(
    qtbot: QtBot, outlook: tuple[Path, CsvLayout]
) -> None:
    path, layout = outlook
    dialog = open_dialog(qtbot, path, "csv", layout)
    for title in ("Home Phone", "Business Phone", "Mobile Phone", "Primary Phone", "Business Fax"):
        choose(combo_for(dialog, title), "ignore")
    assert dialog.mapping().numbers == []
    assert not dialog.import_button.isEnabled()
    assert "phone column" in dialog.problem()
    assert dialog.problem_label.text() == dialog.problem()
    assert dialog.import_button.toolTip() == dialog.problem()

    for title in ("First Name", "Middle Name", "Last Name", "Company"):
        choose(combo_for(dialog, title), "ignore")
    assert "name" in dialog.problem()
    assert "phone column" in dialog.problem()

    choose(combo_for(dialog, "Title"), "name")
    choose(combo_for(dialog, "Mobile Phone"), "phone:mobile")
    assert dialog.problem() == ""
    assert dialog.import_button.isEnabled()
    assert not dialog.problem_label.isVisible()


# import states ----------------------------------------------------------------------------
def test_start_progress_cancel_and_cancelled(qtbot: QtBot, google: tuple[Path, CsvLayout]) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    choose(combo_for(dialog, "Phone 2 - Value"), "phone:home")
    expected = dialog.mapping()

    mapping = start(qtbot, dialog)
    assert isinstance(mapping, ColumnMapping)
    assert mapping == expected
    assert dialog.is_importing()
    assert dialog.progress.isVisible()
    assert not dialog.mapping_box.isEnabled()
    assert not dialog.import_button.isEnabled()

    dialog.set_progress(30, 120, "Reading line 30 of 120")
    assert (dialog.progress.minimum(), dialog.progress.maximum()) == (0, 120)
    assert dialog.progress.value() == 30
    assert dialog.progress_label.text() == "Reading line 30 of 120"
    dialog.set_progress(0, 0, "Saving")
    assert (dialog.progress.minimum(), dialog.progress.maximum()) == (0, 0)  # busy

    with qtbot.waitSignal(dialog.cancel_requested, timeout=1000):
        qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert dialog.isVisible()  # Cancel asks, it does not close
    assert not dialog.cancel_button.isEnabled()
    assert "Cancelling" in dialog.progress_label.text()

    dialog.show_cancelled()
    assert dialog.isVisible()  # stopped from the Cancel button: say so, offer Close
    assert "cancelled" in dialog.report_label.text()
    assert dialog.cancel_button.text() == "Close"
    assert dialog.cancel_button.isEnabled()
    assert not dialog.import_button.isVisible()
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible()


def test_report_lists_skipped_rows_and_offers_close(
    qtbot: QtBot, google: tuple[Path, CsvLayout]
) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    start(qtbot, dialog)
    skipped = [(4, "no name"), (9, "number '12' is not a phone number: Too short")]
    dialog.show_report("Imported 2 contacts, skipped 2 rows", skipped)

    assert not dialog.is_importing()
    assert dialog.report_label.text() == "Imported 2 contacts, skipped 2 rows"
    items = [dialog.skipped_list.item(i).text() for i in range(dialog.skipped_list.count())]
    assert items == ["Line 4: no name", "Line 9: number '12' is not a phone number: Too short"]
    assert dialog.skipped_list.isVisible()
    assert not dialog.progress.isVisible()
    assert not dialog.mapping_box.isVisible()
    assert not dialog.import_button.isVisible()
    assert dialog.cancel_button.text() == "Close"

    dialog.set_progress(5, 10, "late update")  # ignored once the report is shown
    assert dialog.progress_label.text() != "late update"
    with qtbot.assertNotEmitted(dialog.cancel_requested):
        qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible()


def test_report_without_skipped_rows_hides_the_list(
    qtbot: QtBot, google: tuple[Path, CsvLayout]
) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    start(qtbot, dialog)
    dialog.show_report("Imported 2 contacts", [])
    assert dialog.report_label.isVisible()
    assert not dialog.skipped_list.isVisible()
    assert dialog.skipped_list.count() == 0


def test_error_says_why_and_offers_close(qtbot: QtBot, google: tuple[Path, CsvLayout]) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    start(qtbot, dialog)
    dialog.show_error("line 3: field larger than field limit (131072)")
    assert "field larger than field limit" in dialog.report_label.text()
    assert "Nothing was saved" in dialog.report_label.text()
    assert not dialog.is_importing()
    assert not dialog.import_button.isVisible()
    assert dialog.cancel_button.text() == "Close"
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible()


def test_closing_while_importing_cancels_and_stays_open_until_stopped(
    qtbot: QtBot, google: tuple[Path, CsvLayout]
) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    start(qtbot, dialog)
    cancels: list[bool] = []
    dialog.cancel_requested.connect(lambda: cancels.append(True))

    assert dialog.close() is False
    assert dialog.isVisible()
    assert cancels == [True]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # a second request does not cancel twice
    assert dialog.isVisible()
    assert cancels == [True]

    dialog.show_cancelled()  # the agent closed the window: it goes once the import stopped
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_closing_while_importing_still_shows_a_report_that_arrives(
    qtbot: QtBot, google: tuple[Path, CsvLayout]
) -> None:
    """The import may finish before the cancel reaches it: the agent must see what was saved."""
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    start(qtbot, dialog)
    with qtbot.waitSignal(dialog.cancel_requested, timeout=1000):
        dialog.close()
    dialog.show_report("Imported 2 contacts", [])
    assert dialog.isVisible()
    assert dialog.close() is True


def test_closing_before_import_just_closes(qtbot: QtBot, google: tuple[Path, CsvLayout]) -> None:
    path, layout = google
    dialog = open_dialog(qtbot, path, "csv", layout)
    with qtbot.assertNotEmitted(dialog.cancel_requested):
        qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


# vCard and arguments -------------------------------------------------------------------------
def test_vcard_has_no_mapping_and_starts_with_none(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, tmp_path / "phone.vcf", "vcard", None)
    assert dialog.findChild(QTableWidget, "importPreview") is None
    assert dialog.mapping_box.isVisible()
    assert "phone.vcf" in dialog.intro_label.text()
    with pytest.raises(ValueError, match="no column mapping"):
        dialog.mapping()
    assert dialog.import_button.isEnabled()
    assert start(qtbot, dialog) is None
    dialog.show_report("Imported 1 contact, skipped 1 card (line 7: no name)", [(7, "no name")])
    assert dialog.skipped_heading.text().startswith("Skipped cards")


def test_csv_needs_a_layout_and_formats_are_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="CsvLayout"):
        ImportDialog(tmp_path / "a.csv", "csv", None)
    with pytest.raises(ValueError, match="format"):
        ImportDialog(tmp_path / "a.xls", "excel", None)


def test_the_dialog_does_not_read_the_file(qtbot: QtBot, google: tuple[Path, CsvLayout]) -> None:
    path, layout = google
    path.unlink()  # the app sniffed it already; the dialog must work from the layout alone
    dialog = open_dialog(qtbot, path, "csv", layout)
    assert dialog.mapping() == layout.mapping
