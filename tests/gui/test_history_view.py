"""The call-history panel: rows, filters, redial, context menu, copy, export, layout."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from dialer_app.core.store import HistoryEntry
from dialer_app.ui.history_view import (
    DETAIL_COLUMN,
    MODE_COLUMN,
    OUTCOME_COLUMN,
    TIME_COLUMN,
    WHO_COLUMN,
    HistoryPanel,
    full_time_label,
    time_label,
)

NOW = datetime.now().astimezone().replace(hour=16, minute=30, second=0, microsecond=0)
FAILURE = "The number is not reachable: the agent is not logged in on any device right now"


def make(
    minutes_ago: int,
    digits: str,
    outcome: str = "initiated",
    mode: str = "softphone",
    **extra: object,
) -> HistoryEntry:
    return HistoryEntry(
        started_at=NOW - timedelta(minutes=minutes_ago),
        number_digits=digits,
        number_display="+" + digits,
        mode=mode,  # type: ignore[arg-type]
        outcome=outcome,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def sample_entries() -> list[HistoryEntry]:
    return [
        make(
            5, "919200000001", contact_id=1, contact_name="Priya Raman", request_id="c2c-7f3a", id=8
        ),
        make(42, "919876543210", "failed", error_kind="api", error_text=FAILURE, id=7),
        make(120, "14155550123", mode="mobile", request_id="c2c-1b2c", id=6),
        make(180, "919200000002", "cancelled", contact_id=2, contact_name="Rahul Verma", id=5),
        make(
            60 * 26,
            "442071838750",
            contact_id=3,
            contact_name="London office",
            request_id="r-9",
            id=4,
        ),
        make(
            60 * 72,
            "919200000003",
            "failed",
            "mobile",
            contact_name="Sanjay",
            error_text="Timed out",
            id=3,
        ),
        make(60 * 24 * 20, "12", "failed", error_text="Too short to be a phone number", id=2),
        make(60 * 24 * 400, "918044556677", request_id="c2c-0001", id=1),
    ]


@pytest.fixture
def panel(qtbot: QtBot) -> HistoryPanel:
    widget = HistoryPanel(clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(420, 520)
    widget.set_entries(sample_entries())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def shown_ids(panel: HistoryPanel) -> list[int | None]:
    return [entry.id for entry in panel.visible_entries()]


def cell(
    panel: HistoryPanel, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole
) -> object:
    return panel.proxy.index(row, column).data(role)


def select_row(panel: HistoryPanel, row: int) -> QModelIndex:
    index = panel.proxy.index(row, 0)
    panel.view.setCurrentIndex(index)
    return index


def action(menu: QMenu, text: str) -> QAction:
    matches = [a for a in menu.actions() if a.text().replace("&", "") == text]
    assert len(matches) == 1, [a.text() for a in menu.actions()]
    return matches[0]


# rows ---------------------------------------------------------------------------------
def test_rows_appear_in_the_given_order_with_readable_cells(panel: HistoryPanel) -> None:
    assert shown_ids(panel) == [8, 7, 6, 5, 4, 3, 2, 1]
    assert cell(panel, 0, TIME_COLUMN) == f"{NOW - timedelta(minutes=5):%H:%M}"
    assert cell(panel, 0, WHO_COLUMN) == "Priya Raman"
    assert cell(panel, 1, WHO_COLUMN) == "+91 98765 43210"  # no contact: the formatted number
    assert cell(panel, 0, DETAIL_COLUMN) == "c2c-7f3a"
    assert cell(panel, 1, DETAIL_COLUMN) == FAILURE
    assert cell(panel, 3, DETAIL_COLUMN) == "Cancelled"
    assert cell(panel, 0, OUTCOME_COLUMN, Qt.ItemDataRole.AccessibleTextRole) == "Initiated"
    assert cell(panel, 1, OUTCOME_COLUMN, Qt.ItemDataRole.AccessibleTextRole) == "Failed"
    assert cell(panel, 2, MODE_COLUMN, Qt.ItemDataRole.AccessibleTextRole) == "Mobile"
    assert cell(panel, 0, MODE_COLUMN, Qt.ItemDataRole.AccessibleTextRole) == "Softphone"
    assert not cell(panel, 0, MODE_COLUMN)  # the mode is an icon, not text
    assert panel.count_label.text() == "8 calls"
    assert not panel.empty_label.isVisible()


def test_sandbox_calls_say_so_in_the_row_its_tooltip_and_the_search(qtbot: QtBot) -> None:
    widget = HistoryPanel(clock=lambda: NOW)
    qtbot.addWidget(widget)
    widget.set_entries(
        [
            make(1, "919200000001", request_id="sbx-1", sandbox=True, id=2),
            make(2, "919200000002", id=1),
        ]
    )
    assert cell(widget, 0, DETAIL_COLUMN) == "Sandbox, no real call · sbx-1"
    assert cell(widget, 1, DETAIL_COLUMN) == ""
    assert cell(widget, 0, OUTCOME_COLUMN, Qt.ItemDataRole.AccessibleTextRole) == (
        "Initiated (sandbox)"
    )
    assert "no real call was placed" in str(
        cell(widget, 0, WHO_COLUMN, Qt.ItemDataRole.ToolTipRole)
    )
    assert "sandbox" not in str(cell(widget, 1, WHO_COLUMN, Qt.ItemDataRole.ToolTipRole))
    widget.search.setText("sandbox")
    qtbot.waitUntil(lambda: shown_ids(widget) == [2])


def test_failed_row_tooltip_carries_the_full_error_text(panel: HistoryPanel) -> None:
    for column in range(panel.proxy.columnCount()):
        tooltip = str(cell(panel, 1, column, Qt.ItemDataRole.ToolTipRole))
        assert FAILURE in tooltip
    assert full_time_label(NOW - timedelta(minutes=42)) in str(
        cell(panel, 1, TIME_COLUMN, Qt.ItemDataRole.ToolTipRole)
    )
    assert "c2c-7f3a" in str(cell(panel, 0, WHO_COLUMN, Qt.ItemDataRole.ToolTipRole))


def test_time_labels_today_this_year_and_older() -> None:
    now = datetime(2024, 11, 26, 18, 0).astimezone()
    assert time_label(now.replace(hour=14, minute=5), now) == "14:05"
    assert time_label(now - timedelta(days=1, hours=3, minutes=55), now) == "25 Nov 14:05"
    assert time_label(datetime(2023, 12, 31, 9, 0).astimezone(), now) == "31 Dec 2023"
    assert full_time_label(datetime(2024, 11, 26, 14, 5, 9).astimezone()) == (
        "Tuesday 26 November 2024, 14:05:09"
    )


def test_empty_history_says_so_and_disables_export(qtbot: QtBot) -> None:
    widget = HistoryPanel()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.empty_label.isVisible()
    assert widget.empty_label.text() == "No calls yet."
    assert not widget.view.isVisible()
    assert not widget.export_action.isEnabled()
    widget.set_entries(sample_entries()[:1])
    assert not widget.empty_label.isVisible()
    assert widget.view.isVisible()
    assert widget.export_action.isEnabled()
    assert widget.count_label.text() == "1 call"


# filtering ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("priya", [8]),  # contact name, case-insensitive
        ("RAHUL verma", [5]),
        ("92000", [8, 5, 3]),  # digits
        ("+91 92000 00002", [5]),  # formatted number
        ("415-555", [6]),  # digits typed with other separators
        ("C2C-1B2C", [6]),  # request id
        ("logged in", [7]),  # error text
        ("timed OUT", [3]),
        ("nobody", []),
    ],
)
def test_search_matches_numbers_names_request_ids_and_errors(
    panel: HistoryPanel, qtbot: QtBot, query: str, expected: list[int]
) -> None:
    qtbot.keyClicks(panel.search, query)
    assert shown_ids(panel) == expected
    assert panel.empty_label.isVisible() == (not expected)
    assert panel.view.isVisible() == bool(expected)


def test_no_match_message_names_the_query(panel: HistoryPanel) -> None:
    panel.search.setText("  zebra ")
    assert panel.empty_label.text() == "No call matches “zebra”."
    assert panel.count_label.text() == "0 of 8 calls"
    panel.search.clear()
    assert shown_ids(panel) == [8, 7, 6, 5, 4, 3, 2, 1]


def test_outcome_filter_combines_with_the_search(panel: HistoryPanel) -> None:
    combo = panel.outcome_filter
    assert [combo.itemText(i) for i in range(combo.count())] == ["All", "Initiated", "Failed"]
    combo.setCurrentIndex(combo.findText("Failed"))
    assert shown_ids(panel) == [7, 3, 2]
    panel.search.setText("sanjay")
    assert shown_ids(panel) == [3]
    panel.search.setText("priya")
    assert panel.empty_label.text() == "No failed call matches “priya”."
    combo.setCurrentIndex(combo.findText("Initiated"))
    assert shown_ids(panel) == [8]
    panel.search.clear()
    assert shown_ids(panel) == [8, 6, 4, 1]
    combo.setCurrentIndex(combo.findText("All"))
    assert len(shown_ids(panel)) == 8


def test_new_entries_keep_the_filter_and_the_selection(panel: HistoryPanel) -> None:
    panel.search.setText("9200000")
    select_row(panel, 1)
    assert panel.current_entry() == sample_entries()[3]  # Rahul, id 5
    newest = make(0, "919200000009", request_id="c2c-new", id=9)
    panel.set_entries([newest, *sample_entries()])
    assert panel.search.text() == "9200000"
    assert shown_ids(panel) == [9, 8, 5, 3]
    assert panel.current_entry() == sample_entries()[3]
    assert panel.view.selectionModel().isRowSelected(2)


def test_selection_is_dropped_when_its_entry_is_gone(panel: HistoryPanel) -> None:
    select_row(panel, 0)
    panel.set_entries(sample_entries()[1:])
    assert panel.current_entry(fallback=False) is None
    assert panel.current_entry() == sample_entries()[1]  # Enter would redial the top row


# redial -------------------------------------------------------------------------------
def test_enter_on_a_row_emits_redial_with_that_entry(panel: HistoryPanel, qtbot: QtBot) -> None:
    select_row(panel, 2)
    panel.view.setFocus()
    with qtbot.waitSignal(panel.redial_requested) as blocker:
        qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert blocker.args == [sample_entries()[2]]


def test_double_click_emits_redial_with_the_clicked_entry(
    panel: HistoryPanel, qtbot: QtBot
) -> None:
    rect = panel.view.visualRect(panel.proxy.index(4, WHO_COLUMN))
    viewport = panel.view.viewport()
    with qtbot.assertNotEmitted(panel.redial_requested):
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    # A real double click: the press above, then the double-click event (all QTest sends).
    with qtbot.waitSignal(panel.redial_requested) as blocker:
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [sample_entries()[4]]


def test_enter_in_the_search_redials_the_top_match(panel: HistoryPanel, qtbot: QtBot) -> None:
    qtbot.keyClicks(panel.search, "london")
    with qtbot.waitSignal(panel.redial_requested) as blocker:
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert blocker.args[0].contact_name == "London office"


def test_arrow_keys_in_the_search_move_through_the_rows(panel: HistoryPanel, qtbot: QtBot) -> None:
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    qtbot.keyClick(panel.search, Qt.Key.Key_Down)
    assert panel.current_entry() == sample_entries()[1]
    qtbot.keyClick(panel.search, Qt.Key.Key_Up)
    assert panel.current_entry() == sample_entries()[0]


# context menu -------------------------------------------------------------------------
def test_menu_redials_with_the_other_mode(panel: HistoryPanel, qtbot: QtBot) -> None:
    original = sample_entries()[0]
    menu = panel._build_menu(panel.proxy.index(0, TIME_COLUMN))
    assert menu.defaultAction() is action(menu, "Redial (softphone)")
    with qtbot.waitSignal(panel.redial_requested) as blocker:
        action(menu, "Redial (mobile)").trigger()
    redial = blocker.args[0]
    assert redial.mode == "mobile"
    assert redial.number_digits == original.number_digits
    assert redial.contact_id == original.contact_id
    assert original.mode == "softphone"
    with qtbot.waitSignal(panel.redial_requested) as blocker:
        action(menu, "Redial (softphone)").trigger()
    assert blocker.args == [original]


def test_menu_add_to_contacts_only_for_unknown_numbers(panel: HistoryPanel, qtbot: QtBot) -> None:
    known = panel._build_menu(panel.proxy.index(0, 0))
    assert not action(known, "Add to contacts…").isEnabled()
    unknown = panel._build_menu(panel.proxy.index(1, 0))
    add = action(unknown, "Add to contacts…")
    assert add.isEnabled()
    with qtbot.waitSignal(panel.add_contact_requested) as blocker:
        add.trigger()
    assert blocker.args == [sample_entries()[1]]


def test_menu_copies_number_and_request_id(panel: HistoryPanel) -> None:
    clipboard = QGuiApplication.clipboard()
    menu = panel._build_menu(panel.proxy.index(0, 0))
    action(menu, "Copy number").trigger()
    assert clipboard.text() == "+91 92000 00001"
    copy_id = action(menu, "Copy request id")
    assert copy_id.isEnabled()
    copy_id.trigger()
    assert clipboard.text() == "c2c-7f3a"
    failed_menu = panel._build_menu(panel.proxy.index(1, 0))
    assert not action(failed_menu, "Copy request id").isEnabled()


def test_menu_on_empty_space_offers_only_export(panel: HistoryPanel) -> None:
    menu = panel._build_menu(QModelIndex())
    assert [a.text().replace("&", "") for a in menu.actions()] == ["Export history…"]


def test_ctrl_c_copies_the_selected_number(panel: HistoryPanel, qtbot: QtBot) -> None:
    select_row(panel, 2)
    panel.view.setFocus()
    QGuiApplication.clipboard().setText("something else")
    qtbot.keyClick(panel.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "+1 415-555-0123"


# export -------------------------------------------------------------------------------
def test_export_emits_the_chosen_path(
    panel: HistoryPanel, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = str(tmp_path / "mine.csv")
    monkeypatch.setattr(panel, "_ask_export_path", lambda: target)
    assert panel.export_action.objectName() == "exportHistoryAction"
    menu = panel._build_menu(panel.proxy.index(0, 0))
    assert action(menu, "Export history…") is panel.export_action
    with qtbot.waitSignal(panel.export_requested) as blocker:
        panel.export_action.trigger()
    assert blocker.args == [target]
    assert panel.export_directory == str(tmp_path)


def test_cancelled_export_dialog_emits_nothing(
    panel: HistoryPanel, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(panel, "_ask_export_path", lambda: "")
    with qtbot.assertNotEmitted(panel.export_requested):
        panel.export_action.trigger()


# layout and accessibility -------------------------------------------------------------
def test_everything_is_named_for_assistive_technology(panel: HistoryPanel) -> None:
    assert panel.objectName() == "historyPanel"
    assert panel.view.objectName() == "historyView"
    assert panel.view.accessibleName() == "Call history"
    assert panel.search.objectName() == "historySearch"
    assert panel.outcome_filter.objectName() == "historyOutcomeFilter"
    for widget in (panel, panel.view, panel.search, panel.outcome_filter):
        assert widget.accessibleName()
    for row in range(panel.proxy.rowCount()):
        for column in range(panel.proxy.columnCount()):
            index = panel.proxy.index(row, column)
            name = index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data()
            if column != DETAIL_COLUMN:
                assert name, (row, column)


def test_fits_420_pixels_without_a_horizontal_scrollbar(
    panel: HistoryPanel, qtbot: QtBot, tmp_path: Path
) -> None:
    header = panel.view.header()
    assert header.length() <= panel.view.viewport().width()
    assert not panel.view.horizontalScrollBar().isVisible()
    metrics = panel.view.fontMetrics()
    assert panel.view.columnWidth(TIME_COLUMN) > metrics.horizontalAdvance("28 May 00:00")
    assert panel.view.columnWidth(WHO_COLUMN) > metrics.horizontalAdvance("+91 98765 43210")
    shot = tmp_path / "history.png"
    assert panel.grab().save(str(shot))
    assert shot.stat().st_size > 0
