"""Issue 16, the main window and its dialogs for keyboard and screen-reader users: every
focusable control named, no Alt key used twice, Down/Up between the number and the matching
contacts, digits typed where they mean nothing go to the number, Tab in a logical order,
outcomes and notices announced."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.call_request import CallRequest, DeliveryMode
from dialer_app.core.contact_import import sniff_csv
from dialer_app.services.contact_list import PrimaryDigitsRole
from dialer_app.ui import outcome_panel
from dialer_app.ui.contact_dialog import ContactDialog
from dialer_app.ui.import_dialog import ImportDialog
from dialer_app.ui.list_import_dialog import ListImportDialog
from dialer_app.ui.lists_view import EntryCard
from dialer_app.ui.restore_dialog import RestoreDialog
from tests.support.accessibility import (
    duplicate_mnemonics,
    menu_duplicate_mnemonics,
    nameless_controls,
)
from tests.support.harness import DATA_DIR, VCARDS_DIR
from tests.support.wait import WAIT_MS
from tests.support.window_profile import CONTACTS, agent_profile, open_lists

DIAL = "sideTabs"


@pytest.fixture
def app(tmp_path: Path, launch: Callable[..., DialerApp]) -> DialerApp:
    """The app with contacts and a call list, as an agent meets it."""
    return launch(agent_profile(tmp_path))


def tabs_of(app: DialerApp) -> QTabWidget:
    found = app.window.findChild(QTabWidget, DIAL)
    assert found is not None
    return found


def number_field(app: DialerApp) -> QLineEdit:
    found = app.window.findChild(QLineEdit, "numberInput")
    assert found is not None
    return found


def contacts_view(app: DialerApp) -> QTableView:
    found = app.window.findChild(QTableView, "contactsView")
    assert found is not None
    return found


def check_surface(root: QWidget, what: str) -> None:
    assert nameless_controls(root) == [], what
    assert duplicate_mnemonics(root) == {}, what


# walking every tab and dialog ------------------------------------------------------------
def test_every_tab_of_the_window_names_its_controls_and_uses_each_alt_key_once(
    app: DialerApp, qtbot: QtBot
) -> None:
    tabs = tabs_of(app)
    open_lists(qtbot, app)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        check_surface(app.window, tabs.tabText(index))
    app.window.outcome.show_outcome("Held back", "info", again=object())  # Call again shown
    app.window.show_undoable("Deleted Asha.", lambda: None)  # Undo shown
    lists = app.lists.panel
    tabs.setCurrentWidget(lists)
    lists.ask_callback_time(lists.callback_time.dateTime().toPython())  # type: ignore[arg-type]
    check_surface(app.window, "with Call again, Undo and the call-back time")
    for menu in app.window.menuBar().findChildren(QMenu):
        assert menu_duplicate_mnemonics(menu) == {}, menu.title()


def test_alt_h_is_the_help_menu_and_alt_s_the_history(app: DialerApp) -> None:
    texts = [tabs_of(app).tabText(i) for i in range(tabs_of(app).count())]
    assert texts == ["&Contacts", "Hi&story", "&Lists"]
    menus = [action.text() for action in app.window.menuBar().actions()]
    assert "&Help" in menus


def test_each_dialog_names_its_controls_and_uses_each_alt_key_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    contact = ContactDialog(CONTACTS[0], "IN")
    empty = ContactDialog(None, "IN")
    layout = sniff_csv(DATA_DIR / "call_lists" / "leads.csv")
    csv_import = ImportDialog(DATA_DIR / "call_lists" / "leads.csv", "csv", layout)
    vcard = next(VCARDS_DIR.glob("*.vcf"))
    vcard_import = ImportDialog(vcard, "vcard")
    list_import = ListImportDialog(DATA_DIR / "call_lists" / "leads.csv", "csv", layout)
    backup = tmp_path / "backup.db"
    restore = RestoreDialog([(backup, "Today 09:00 · 3 contacts · 1 call", True)])
    no_backups = RestoreDialog([])
    dialogs: list[QDialog] = [
        contact,
        empty,
        csv_import,
        vcard_import,
        list_import,
        restore,
        no_backups,
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        check_surface(dialog, dialog.objectName())
    contact.add_number()  # a second row is named apart from the first
    check_surface(contact, "contact dialog with two numbers")
    names = [row.number_input.accessibleName() for row in contact.number_rows()]
    assert len(set(names)) == len(names)


# the number field and the matching contacts -----------------------------------------------
def test_down_goes_to_the_matching_contacts_enter_calls_and_up_comes_back(
    app: DialerApp, qtbot: QtBot
) -> None:
    field = number_field(app)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    first = CONTACTS[0].numbers[0].digits
    qtbot.keyClicks(field, first[-6:])  # the dialpad narrows the list
    view = contacts_view(app)
    qtbot.waitUntil(lambda: view.model().rowCount() >= 1, timeout=WAIT_MS)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert tabs_of(app).currentWidget() is app.contacts.panel
    assert view.hasFocus()
    assert view.currentIndex().row() == 0

    calls: list[tuple[int, str]] = []
    app.contacts.panel.call_requested.disconnect()  # only what Enter asks for, not a call
    app.contacts.panel.call_requested.connect(lambda cid, digits, _m: calls.append((cid, digits)))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert [digits for _cid, digits in calls] == [view.currentIndex().data(PrimaryDigitsRole)]

    qtbot.keyClick(view, Qt.Key.Key_Up)  # the first row: back to the number
    assert field.hasFocus()
    assert field.text() == first[-6:]


def test_down_with_no_matching_contact_stays_in_the_number(app: DialerApp, qtbot: QtBot) -> None:
    field = number_field(app)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(field, "000000000")
    qtbot.waitUntil(lambda: contacts_view(app).model().rowCount() == 0, timeout=WAIT_MS)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.hasFocus()


# digits typed where they mean nothing ---------------------------------------------------
def test_digits_typed_after_switching_tabs_go_to_the_number(app: DialerApp, qtbot: QtBot) -> None:
    tabs = tabs_of(app)
    field = number_field(app)
    tabs.setCurrentIndex(1)
    tabs.tabBar().setFocus()  # a keyboard user moved onto the tabs
    qtbot.waitUntil(tabs.tabBar().hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(tabs.tabBar(), "98")
    qtbot.keyClick(tabs.tabBar(), Qt.Key.Key_Plus)  # not a digit, but a dial symbol
    assert field.text() == "98+"
    assert field.hasFocus()  # and the next digits go there directly


def test_on_the_lists_digits_one_to_seven_stay_dispositions(app: DialerApp, qtbot: QtBot) -> None:
    card = open_lists(qtbot, app)
    assert isinstance(card, EntryCard)
    chosen: list[str] = []
    app.lists.panel.disposition_chosen.connect(lambda d, _note, _at: chosen.append(d))
    qtbot.keyClicks(card, "9")  # means nothing on the card: not a number typed elsewhere
    assert number_field(app).text() == ""
    skip = app.lists.panel.skip_button
    skip.setFocus()
    qtbot.waitUntil(skip.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(skip, "3")  # on a button of the tab: still the disposition key
    assert chosen == ["busy"]
    assert number_field(app).text() == ""


def test_typing_on_the_contacts_list_dials_digits_and_searches_letters(
    app: DialerApp, qtbot: QtBot
) -> None:
    tabs_of(app).setCurrentWidget(app.contacts.panel)
    view = contacts_view(app)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(view, "92")
    assert number_field(app).text() == "92"
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=WAIT_MS)
    search = app.contacts.panel.search
    search.clear()
    qtbot.keyClicks(view, "a")
    assert search.hasFocus()
    assert search.text() == "a"


def test_typing_on_the_history_list_dials_digits(app: DialerApp, qtbot: QtBot) -> None:
    history = app.contacts.history
    tabs_of(app).setCurrentWidget(history)
    history.set_entries([])
    history.view.setVisible(True)
    history.view.setFocus()
    qtbot.waitUntil(history.view.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(history.view, "7")
    assert number_field(app).text() == "7"


# tab order ------------------------------------------------------------------------------
def tab_walk(qtbot: QtBot, dialog: QDialog, start: QWidget, steps: int) -> list[QWidget]:
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    start.setFocus()
    qtbot.waitUntil(start.hasFocus, timeout=WAIT_MS)
    visited = [start]
    for _ in range(steps):
        focused = dialog.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        now = dialog.focusWidget()
        assert now is not None
        visited.append(now)
    return visited


def test_new_contact_tab_order_has_no_invisible_stop_and_reaches_the_number(
    qtbot: QtBot,
) -> None:
    dialog = ContactDialog(None, "IN")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    [row] = dialog.number_rows()
    visited = tab_walk(qtbot, dialog, dialog.name_input, 8)
    assert visited[:9] == [
        dialog.name_input,
        dialog.company_input,
        dialog.favorite_check,
        row.number_input,  # the first number is not skipped
        row.label_combo,
        row.remove_button,
        dialog.add_number_button,
        dialog.notes_input,
        dialog.extra_input,
    ]
    assert all(widget.isVisible() for widget in visited)

    added = dialog.add_number()  # a new row sits between the first and "Add number"
    visited = tab_walk(qtbot, dialog, row.remove_button, 4)
    assert visited[1:] == [
        added.number_input,
        added.label_combo,
        added.remove_button,
        dialog.add_number_button,
    ]


def test_alt_u_goes_to_the_first_number(qtbot: QtBot) -> None:
    dialog = ContactDialog(None, "IN")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.numbers_label.buddy() is dialog.number_rows()[0].number_input


# announcements ----------------------------------------------------------------------------
def test_outcomes_and_notices_are_announced_failures_urgently(
    app: DialerApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[tuple[str, bool]] = []
    monkeypatch.setattr(
        outcome_panel, "announce", lambda _w, text, urgent=False: heard.append((text, urgent))
    )
    request = CallRequest(to="919200000001", mode=DeliveryMode.SOFTPHONE)
    attempt = CallAttempt(request=request, display_number="+91 92000 00001")
    app.window.show_failure(attempt, CallFailure("network", "The network is down."))
    app.window.show_message("Saved Asha Rao.", "info")
    app.window.show_message("The database is read-only.", "error")
    assert heard == [
        ("Call to +91 92000 00001 failed. The network is down.", True),
        ("Saved Asha Rao.", False),
        ("The database is read-only.", True),
    ]


def test_tab_in_the_window_stops_only_on_what_can_be_seen(app: DialerApp, qtbot: QtBot) -> None:
    """From the number field round the dial panel and each tab: every stop is visible, and a
    text stop (the call status) says something."""
    window = app.window
    field = number_field(app)
    window.activateWindow()
    qtbot.waitActive(window)
    window.set_number("+91 92000 00009")  # Call is on
    qtbot.waitUntil(field.hasFocus, timeout=WAIT_MS)
    seen: list[QWidget] = []
    for _ in range(40):
        focused = QApplication.focusWidget()
        assert focused is not None
        seen.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is field:
            break
    assert QApplication.focusWidget() is field, [w.objectName() for w in seen]  # a full round
    for widget in seen:
        assert widget.isVisible(), widget.objectName()
        if isinstance(widget, QLabel):
            assert widget.text().strip(), widget.objectName()
    names = [widget.objectName() for widget in seen]
    assert names.index("numberInput") < names.index("callButton")
    assert "contactsSearch" in names
