"""The quick-call popup driven from the keyboard, and picking a number off the clipboard.

Widgets are found by object name; contacts come from a real store on disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QClipboard, QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.clipboard import number_from_clipboard_text
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.phone import normalize
from dialer_app.core.store import Store
from dialer_app.ui.quick_call import (
    MAX_SUGGESTIONS,
    QuickCallPopup,
    clipboard_number,
    find_suggestions,
)
from tests.support.wait import WAIT_MS


def _number(text: str) -> ContactNumber:
    return ContactNumber(raw=text, digits=normalize(text, "IN").digits, label="mobile")


@dataclass(frozen=True)
class Saved:
    """Contacts saved to a real store (by name, with their ids) and the index built from it."""

    contacts: dict[str, Contact]
    index: ContactIndex

    def id_of(self, name: str) -> int:
        found = self.contacts[name].id
        assert found is not None
        return found


@pytest.fixture
def saved(tmp_path: Path) -> Saved:
    store, _notice = Store.open(tmp_path / "contacts.db")
    contacts = [
        store.add_contact(contact)
        for contact in (
            Contact(
                "Asha Rao",
                (_number("+91 92000 00000"), _number("080 4567 8901")),
                company="Acme Logistics",
            ),
            Contact("Ravi Kumar", (_number("98450 12345"),), company="Bharat Steel"),
            Contact("Rahul Sharma", (_number("+91 99001 23456"),)),
            Contact("Priya Raman", (_number("+44 20 7946 0958"),), company="Northwind"),
            Contact("No Number", (ContactNumber(raw="n/a", digits=""),), company="Ravine Ltd"),
        )
    ]
    rows = store.search_rows()
    store.close()
    return Saved({c.name: c for c in contacts}, ContactIndex(rows))


@pytest.fixture
def popup(qtbot: QtBot, saved: Saved) -> QuickCallPopup:
    widget = QuickCallPopup("IN")
    qtbot.addWidget(widget)
    widget.set_contacts(saved.index)
    return widget


def field(popup: QuickCallPopup) -> QLineEdit:
    found = popup.findChild(QLineEdit, "quickCallInput")
    assert found is not None
    return found


def suggestion_list(popup: QuickCallPopup) -> QListWidget:
    found = popup.findChild(QListWidget, "quickCallSuggestions")
    assert found is not None
    return found


def preview(popup: QuickCallPopup) -> QLabel:
    found = popup.findChild(QLabel, "quickCallPreview")
    assert found is not None
    return found


def listed_names(popup: QuickCallPopup) -> list[str]:
    listing = suggestion_list(popup)
    if listing.isHidden():
        return []
    return [s.name for s in popup.suggestions()][: listing.count()]


def open_and_type(qtbot: QtBot, popup: QuickCallPopup, text: str) -> QLineEdit:
    popup.open_with("", QPoint(300, 200))
    qtbot.waitExposed(popup)
    line = field(popup)
    qtbot.keyClicks(line, text)
    return line


# suggestions ----------------------------------------------------------------------------
def test_typing_filters_suggestions(qtbot: QtBot, popup: QuickCallPopup) -> None:
    line = open_and_type(qtbot, popup, "ra")
    names = listed_names(popup)
    # Every contact with a callable number whose name has "ra"; name-prefix matches first.
    assert set(names) == {"Ravi Kumar", "Rahul Sharma", "Asha Rao", "Priya Raman"}
    assert names.index("Ravi Kumar") < names.index("Asha Rao")
    assert "No Number" not in names  # matches on company, but has nothing to call
    assert names.count("Asha Rao") == 2  # one row per number
    qtbot.keyClicks(line, "v")
    assert listed_names(popup) == ["Ravi Kumar"]
    qtbot.keyClicks(line, "x")
    assert listed_names(popup) == []
    assert suggestion_list(popup).isHidden()
    assert preview(popup).property("state") == "invalid"


def test_number_query_suggests_the_matching_number_only(saved: Saved) -> None:
    index = saved.index
    found = find_suggestions(index, "4567 89")
    assert [(s.name, s.digits) for s in found] == [("Asha Rao", "918045678901")]
    assert find_suggestions(index, "92") == []  # too few digits to suggest anything
    assert len(find_suggestions(index, "9")) == 0


def test_suggestions_are_capped(qtbot: QtBot) -> None:
    rows = [
        (n, f"Agent {n:02d}", "", False, f"+91 92000 000{n:02d}", f"9192000000{n:02d}")
        for n in range(MAX_SUGGESTIONS + 4)
    ]
    widget = QuickCallPopup("IN")
    qtbot.addWidget(widget)
    widget.set_contacts(ContactIndex(rows))
    qtbot.keyClicks(field(widget), "agent")
    assert suggestion_list(widget).count() == MAX_SUGGESTIONS
    assert [s.name for s in widget.suggestions()][:2] == ["Agent 00", "Agent 01"]


# calling ------------------------------------------------------------------------------
def test_enter_calls_the_preselected_name_match(
    qtbot: QtBot, popup: QuickCallPopup, saved: Saved
) -> None:
    line = open_and_type(qtbot, popup, "rav")
    assert preview(popup).text() == "Call Ravi Kumar · +91 98450 12345"
    with qtbot.waitSignal(popup.call_requested) as blocker:
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert blocker.args == ["919845012345", "Ravi Kumar", saved.id_of("Ravi Kumar")]
    assert popup.isHidden()


def test_down_selects_another_suggestion(qtbot: QtBot, popup: QuickCallPopup, saved: Saved) -> None:
    line = open_and_type(qtbot, popup, "asha")
    assert suggestion_list(popup).currentRow() == 0
    qtbot.keyClick(line, Qt.Key.Key_Down)
    assert popup.selected_suggestion() == popup.suggestions()[1]
    qtbot.keyClick(line, Qt.Key.Key_Down)  # already on the last row: stays there
    assert suggestion_list(popup).currentRow() == 1
    with qtbot.waitSignal(popup.call_requested) as blocker:
        qtbot.keyClick(line, Qt.Key.Key_Enter)
    assert blocker.args == ["918045678901", "Asha Rao", saved.id_of("Asha Rao")]


def test_up_from_the_first_row_deselects_and_a_name_alone_does_not_call(
    qtbot: QtBot, popup: QuickCallPopup
) -> None:
    line = open_and_type(qtbot, popup, "asha")
    qtbot.keyClick(line, Qt.Key.Key_Up)
    assert popup.selected_suggestion() is None
    with qtbot.assertNotEmitted(popup.call_requested):
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert popup.isVisible()


def test_enter_calls_a_typed_number(qtbot: QtBot, popup: QuickCallPopup) -> None:
    line = open_and_type(qtbot, popup, "+44 20 7946 0000")
    assert preview(popup).text() == "+44 20 7946 0000 · United Kingdom"
    assert popup.selected_suggestion() is None
    with qtbot.waitSignal(popup.call_requested) as blocker:
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert blocker.args == ["442079460000", "", None]
    assert popup.isHidden()


def test_typed_number_of_a_contact_carries_the_contact(
    qtbot: QtBot, popup: QuickCallPopup, saved: Saved
) -> None:
    line = open_and_type(qtbot, popup, "098450 12345")
    assert popup.selected_suggestion() is None  # a typed number is never preselected
    with qtbot.waitSignal(popup.call_requested) as blocker:
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert blocker.args == ["919845012345", "Ravi Kumar", saved.id_of("Ravi Kumar")]


def test_invalid_number_does_not_call(qtbot: QtBot, popup: QuickCallPopup) -> None:
    line = open_and_type(qtbot, popup, "12345")
    button = popup.findChild(QPushButton, "quickCallButton")
    assert button is not None
    assert not button.isEnabled()
    assert preview(popup).property("state") == "invalid"
    assert preview(popup).text()
    with qtbot.assertNotEmitted(popup.call_requested):
        qtbot.keyClick(line, Qt.Key.Key_Return)
        button.click()
    assert popup.isVisible()


def test_clicking_a_suggestion_calls_it(qtbot: QtBot, popup: QuickCallPopup, saved: Saved) -> None:
    open_and_type(qtbot, popup, "priya")
    listing = suggestion_list(popup)
    center = listing.visualItemRect(listing.item(0)).center()
    with qtbot.waitSignal(popup.call_requested) as blocker:
        qtbot.mouseClick(listing.viewport(), Qt.MouseButton.LeftButton, pos=center)
    assert blocker.args == ["442079460958", "Priya Raman", saved.id_of("Priya Raman")]


# closing ------------------------------------------------------------------------------
def test_escape_closes_even_with_text(qtbot: QtBot, popup: QuickCallPopup) -> None:
    line = open_and_type(qtbot, popup, "98450")
    with qtbot.assertNotEmitted(popup.call_requested):
        qtbot.keyClick(line, Qt.Key.Key_Escape)
    assert popup.isHidden()


def test_losing_activation_closes(qtbot: QtBot, popup: QuickCallPopup) -> None:
    open_and_type(qtbot, popup, "ravi")
    QApplication.sendEvent(popup, QEvent(QEvent.Type.WindowDeactivate))
    assert popup.isHidden()


# opening and placement ---------------------------------------------------------------
def test_open_with_prefills_selects_and_focuses(qtbot: QtBot, popup: QuickCallPopup) -> None:
    popup.open_with("tel:+91-98450-12345", QPoint(100, 100))
    qtbot.waitExposed(popup)
    line = field(popup)
    assert line.text() == "+91 98450 12345"  # links are cleaned as they come in
    assert line.selectedText() == line.text()
    qtbot.waitUntil(line.hasFocus, timeout=WAIT_MS)
    assert preview(popup).text() == "+91 98450 12345 · India"
    # Typing replaces the selected prefill.
    qtbot.keyClicks(line, "99001 23456")
    assert line.text() == "99001 23456"
    # Opening again starts from a clean field.
    popup.hide()
    popup.open_with()
    assert field(popup).text() == ""
    assert listed_names(popup) == []


def _corners(area: QRect) -> list[QPoint]:
    return [area.topLeft(), area.topRight(), area.bottomLeft(), area.bottomRight()]


def test_stays_on_screen_at_every_corner(qtbot: QtBot, popup: QuickCallPopup) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    for corner in [*_corners(area), area.center()]:
        popup.open_with("ra", corner)
        qtbot.waitExposed(popup)
        assert len(popup.suggestions()) >= 4
        tall = popup.height()
        assert area.contains(popup.frameGeometry()), (corner, popup.frameGeometry())
        # Typing more shrinks the list; the popup stays on screen and next to the point.
        qtbot.keyClick(field(popup), Qt.Key.Key_End)
        qtbot.keyClicks(field(popup), "vi")
        assert listed_names(popup) == ["Ravi Kumar"]
        assert popup.height() < tall
        assert area.contains(popup.frameGeometry()), (corner, popup.frameGeometry())
        near = popup.frameGeometry().adjusted(-40, -40, 40, 40)
        assert near.contains(corner), (corner, popup.frameGeometry())
        popup.hide()


def test_opens_above_a_point_in_the_lower_half(qtbot: QtBot, popup: QuickCallPopup) -> None:
    screen = QGuiApplication.primaryScreen()
    assert screen is not None
    area = screen.availableGeometry()
    low = QPoint(area.center().x(), area.bottom() - 5)
    popup.open_with("ra", low)
    qtbot.waitExposed(popup)
    assert popup.frameGeometry().bottom() < low.y()
    high = QPoint(area.center().x(), area.top() + 5)
    popup.open_with("ra", high)
    assert popup.frameGeometry().top() > high.y()


def test_mode_hint_follows_the_mode(popup: QuickCallPopup) -> None:
    hint = popup.findChild(QLabel, "quickCallModeHint")
    assert hint is not None
    assert hint.text() == "Rings your softphone first"
    popup.set_mode(DeliveryMode.MOBILE)
    assert hint.text() == "Rings your mobile first"


def test_popup_window_flags(popup: QuickCallPopup) -> None:
    flags = popup.windowFlags()
    for flag in (
        Qt.WindowType.Tool,
        Qt.WindowType.FramelessWindowHint,
        Qt.WindowType.WindowStaysOnTopHint,
    ):
        assert flags & flag == flag


# clipboard ----------------------------------------------------------------------------
EMAIL_SIGNATURE = """Thanks & regards,
Asha Rao | Senior Account Manager
Acme Logistics Pvt. Ltd., 4th Floor, 12 MG Road, Bengaluru 560001
M: +91 98450 12345 | asha.rao@acme.example
"""
CRM_ROW = "2024-03-15\tORD-20240315-00427\tINV 884213\tRavi Kumar\t080 4567 8901\t₹12,450.00"
HTML_LINK = '<p>Sales desk: <a href="tel:+919900123456">call us</a> (Mon–Fri 09:00–18:00)</p>'
NOTHING = "Order 20240315-00427 shipped 2024-03-15, total 12,450.00, PIN 560001, qty 3"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (EMAIL_SIGNATURE, "919845012345"),
        (CRM_ROW, "918045678901"),
        (HTML_LINK, "919900123456"),
        (NOTHING, None),
        ("", None),
    ],
)
def test_number_from_messy_clipboard(text: str, expected: str | None) -> None:
    found = number_from_clipboard_text(text, "", "IN")
    assert (found.digits if found else None) == expected


def test_selection_wins_when_it_holds_a_number() -> None:
    found = number_from_clipboard_text(EMAIL_SIGNATURE, "Ravi: 99001 23456", "IN")
    assert found is not None
    assert found.digits == "919900123456"
    fallback = number_from_clipboard_text(EMAIL_SIGNATURE, NOTHING, "IN")
    assert fallback is not None
    assert fallback.digits == "919845012345"
    assert number_from_clipboard_text(NOTHING, "   ", "IN") is None


def test_region_reads_local_numbers() -> None:
    found = number_from_clipboard_text("call 020 7946 0958 today", "", "GB")
    assert found is not None
    assert found.digits == "442079460958"


def test_clipboard_number_reads_the_system_clipboard(qtbot: QtBot) -> None:
    board = QGuiApplication.clipboard()
    board.setText(CRM_ROW, QClipboard.Mode.Clipboard)
    if board.supportsSelection():
        board.setText("", QClipboard.Mode.Selection)
    found = clipboard_number("IN")
    assert found is not None
    assert found.international == "+91 80 4567 8901"
    board.setText(NOTHING, QClipboard.Mode.Clipboard)
    assert clipboard_number("IN") is None
