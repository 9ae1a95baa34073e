"""The Lists tab driven end to end, keyboard only: real widgets, the real wiring, calls to the
loopback sandbox (checked on what it received), the list read back from the profile's real
database with a second connection."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QPushButton, QTableView, QWidget
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.call_lists import import_list
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.dialer import CallIntent, Dialer
from dialer_app.core.phone import PhoneNumber
from dialer_app.core.store import CallListStore, ListEntry, Store
from dialer_app.sandbox.faults import Fault
from dialer_app.sandbox.server import SandboxServer
from dialer_app.ui.list_import_dialog import ListImportDialog
from dialer_app.ui.lists_view import EntryCard
from tests.support.harness import DATA_DIR, write_settings
from tests.support.wait import WAIT_MS, settled_requests
from tests.support.widgets import find

LEADS = DATA_DIR / "call_lists" / "leads.csv"
ASHA, BALA, CARL, DMITRI, ESHA = (
    "919200000001",
    "919800000002",
    "12015550123",
    "79161234567",
    "919200000005",
)


# helpers ----------------------------------------------------------------------------------


def profile_with_list(tmp_path: Path, name: str = "profile") -> Path:
    profile = tmp_path / name
    profile.mkdir()
    write_settings(profile, default_region="IN", user_id="101_1111112", repeat_hold_off_s=3)
    store, _notice = Store.open(profile / "contacts.db")
    with store:
        import_list(store, LEADS, "Leads", default_region="IN")
    return profile


def stored(profile: Path) -> list[ListEntry]:
    store, _notice = Store.open(profile / "contacts.db")
    with store:
        lists = CallListStore(store)
        found = lists.find("Leads")
        assert found is not None
        return lists.entries(found.id)


def card_of(app: DialerApp) -> EntryCard:
    return find(app.window, EntryCard, "callListCurrent")


def open_lists(qtbot: QtBot, app: DialerApp) -> EntryCard:
    """The Lists tab shown once its list is loaded; the entry has the keyboard focus."""
    panel = find(app.window, QWidget, "callListsPanel")
    qtbot.waitUntil(lambda: "Entry 1 of 6" in card_of(app).plain_text(), timeout=WAIT_MS)
    app.window.show_side_panel(panel)
    app.window.activateWindow()
    card = card_of(app)
    qtbot.waitUntil(card.hasFocus, timeout=WAIT_MS)
    return card


def shows(app: DialerApp, name: str) -> Callable[[], bool]:
    return lambda: card_of(app).plain_text().splitlines()[1:2] == [name]


def press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    qtbot.keyClick(widget, key)


def sent_numbers(sandbox: SandboxServer) -> list[object]:
    return [request.json_body["to"] for request in sandbox.requests if request.json_body]


def call_and_wait(qtbot: QtBot, app: DialerApp, sandbox: SandboxServer, count: int) -> None:
    press(qtbot, card_of(app), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(sandbox.requests) == count, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Call placed" in card_of(app).plain_text(), timeout=WAIT_MS)


class HoldBack:
    """A test calling rule through the Dialer's ``rules=`` hook (until the compliance rules
    exist): holds back the numbers it is given."""

    name = "test_rule"

    def __init__(self, *digits: str) -> None:
        self.digits = set(digits)

    def check(self, number: PhoneNumber, intent: CallIntent, now: float) -> str | None:
        return "on the test do-not-call list." if number.digits in self.digits else None


def hold_back(app: DialerApp, *digits: str) -> None:
    rule = HoldBack(*digits)
    guard = app.calls.dialer.guard
    app.calls.dialer = Dialer(lambda: app.settings, guard=guard, rules=lambda: [rule])


# tests --------------------------------------------------------------------------------------
def test_a_list_is_worked_with_the_keyboard_only(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp], sandbox: SandboxServer
) -> None:
    profile = profile_with_list(tmp_path)
    app = make_dialer(profile)
    card = open_lists(qtbot, app)
    text = card.plain_text()
    assert text.splitlines()[:3] == [
        "Entry 1 of 6 · Not called yet",
        "Asha Rao",
        "+91 92000 00001",
    ]
    assert "their time (Kolkata)" in text
    assert "Plan: Gold" in text
    assert "Notes: Prefers Hindi" in text
    assert card.accessibleName() == text
    progress = find(app.window, QProgressBar, "callListProgress")
    qtbot.waitUntil(lambda: progress.format() == "0 / 6 done · 1 not dialable", timeout=WAIT_MS)

    call_and_wait(qtbot, app, sandbox, 1)  # Enter calls, through the Dialer
    assert sent_numbers(sandbox) == [int(ASHA)]
    assert "Past calls:" in card.plain_text()
    press(qtbot, card, Qt.Key.Key_2)  # no answer
    qtbot.waitUntil(shows(app, "Bala Krishnan"), timeout=WAIT_MS)
    assert card.hasFocus()
    qtbot.waitUntil(lambda: stored(profile)[0].disposition == "no_answer", timeout=WAIT_MS)
    asha = stored(profile)[0]
    assert (asha.status, asha.attempts, asha.request_id is not None) == ("done", 1, True)

    press(qtbot, card, Qt.Key.Key_Right)  # skip Bala
    qtbot.waitUntil(shows(app, "Carl Jones"), timeout=WAIT_MS)
    press(qtbot, card, Qt.Key.Key_Left)  # back to Bala
    qtbot.waitUntil(shows(app, "Bala Krishnan"), timeout=WAIT_MS)
    call_and_wait(qtbot, app, sandbox, 2)
    note = find(app.window, QLineEdit, "callListNote")
    qtbot.keyClick(card, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # the note's mnemonic
    qtbot.waitUntil(note.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(note, "wants a call in March")
    press(qtbot, note, Qt.Key.Key_Return)  # back to the entry
    assert card.hasFocus()
    press(qtbot, card, Qt.Key.Key_1)  # connected
    qtbot.waitUntil(shows(app, "Carl Jones"), timeout=WAIT_MS)
    assert note.text() == ""
    qtbot.waitUntil(lambda: stored(profile)[1].note == "wants a call in March", timeout=WAIT_MS)
    assert stored(profile)[1].disposition == "connected"

    press(qtbot, card, Qt.Key.Key_3)  # busy, without a call (the agent knew)
    qtbot.waitUntil(shows(app, "Dmitri Ivanov"), timeout=WAIT_MS)
    note.setFocus()
    qtbot.keyClick(note, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # from anywhere in the tab
    # entry 5 has no valid number: passed over, said so, and Esha comes next
    qtbot.waitUntil(shows(app, "Esha Patel"), timeout=WAIT_MS)
    notice = find(app.window, QLabel, "noticeLabel")
    assert "Bad Number: Cannot call 12" in notice.text()
    qtbot.waitUntil(lambda: progress.format() == "4 / 6 done · 1 not dialable", timeout=WAIT_MS)
    table = find(app.window, QTableView, "callListEntries")
    statuses = [table.model().index(row, 3).data() for row in range(6)]
    assert statuses[:5] == ["No answer", "Connected", "Busy", "Voicemail", "Not dialable"]
    assert app.window.side_tabs.tabText(2) == "&Lists 4/6"
    assert sent_numbers(sandbox) == [int(ASHA), int(BALA)]


def test_alt_l_shows_the_lists_tab_with_the_entry_in_focus(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp]
) -> None:
    app = make_dialer(profile_with_list(tmp_path))
    qtbot.waitUntil(lambda: "Entry 1 of 6" in card_of(app).plain_text(), timeout=WAIT_MS)
    app.window.activateWindow()
    number = find(app.window, QLineEdit, "numberInput")
    number.setFocus()
    qtbot.waitUntil(number.hasFocus, timeout=WAIT_MS)
    qtbot.keyClick(number, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(card_of(app).hasFocus, timeout=WAIT_MS)
    assert app.window.side_tabs.currentWidget() is find(app.window, QWidget, "callListsPanel")


def test_one_enter_one_ring_and_a_failed_call_stays_to_call(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp], sandbox: SandboxServer
) -> None:
    profile = profile_with_list(tmp_path)
    app = make_dialer(profile)
    card = open_lists(qtbot, app)
    sandbox.set_fault(Fault.DELAY, delay=0.6, times=1)
    press(qtbot, card, Qt.Key.Key_Return)
    press(qtbot, card, Qt.Key.Key_Return)  # while the first is in flight: ignored
    qtbot.waitUntil(lambda: "Call placed" in card.plain_text(), timeout=WAIT_MS)
    press(qtbot, card, Qt.Key.Key_Return)  # just after: the repeat guard holds it back
    qtbot.waitUntil(lambda: "nothing was sent" in card.plain_text(), timeout=WAIT_MS)
    assert settled_requests(qtbot, app) == 1
    assert sent_numbers(sandbox) == [int(ASHA)]

    press(qtbot, card, Qt.Key.Key_Right)
    qtbot.waitUntil(shows(app, "Bala Krishnan"), timeout=WAIT_MS)
    sandbox.set_fault(Fault.CODE_400, times=1)
    press(qtbot, card, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "The call failed" in card.plain_text(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: stored(profile)[1].attempts == 1, timeout=WAIT_MS)
    bala = stored(profile)[1]
    assert (bala.status, bala.request_id) == ("pending", None)
    assert "failed:" in card.plain_text()  # the past call, with why


def test_an_entry_the_rules_block_is_shown_blocked_and_skipped(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp], sandbox: SandboxServer
) -> None:
    profile = profile_with_list(tmp_path)
    app = make_dialer(profile)
    card = open_lists(qtbot, app)
    hold_back(app, CARL)
    app.lists.recheck()
    progress = find(app.window, QProgressBar, "callListProgress")
    qtbot.waitUntil(lambda: "1 blocked" in progress.format(), timeout=WAIT_MS)
    press(qtbot, card, Qt.Key.Key_2)  # Asha: no answer
    qtbot.waitUntil(shows(app, "Bala Krishnan"), timeout=WAIT_MS)
    press(qtbot, card, Qt.Key.Key_Right)  # skip: Carl is blocked, Dmitri comes next
    qtbot.waitUntil(shows(app, "Dmitri Ivanov"), timeout=WAIT_MS)
    notice = find(app.window, QLabel, "noticeLabel")
    assert "(Carl Jones: on the test do-not-call list)." in notice.text()  # one full stop
    table = find(app.window, QTableView, "callListEntries")
    assert table.model().index(2, 3).data() == "Blocked: on the test do-not-call list."
    qtbot.waitUntil(
        lambda: stored(profile)[2].blocked_reason == "on the test do-not-call list.",
        timeout=WAIT_MS,
    )
    press(qtbot, card, Qt.Key.Key_Left)  # back: the blocked entry is shown as blocked
    qtbot.waitUntil(shows(app, "Carl Jones"), timeout=WAIT_MS)
    assert "Blocked: on the test do-not-call list" in card.plain_text()
    assert not find(app.window, QPushButton, "callListCallButton").isEnabled()
    press(qtbot, card, Qt.Key.Key_Return)  # the Call button is off: Enter does nothing
    assert settled_requests(qtbot, app) == 0

    # a rule that starts holding back the entry on screen: the Dialer refuses the call
    press(qtbot, card, Qt.Key.Key_Right)
    qtbot.waitUntil(shows(app, "Dmitri Ivanov"), timeout=WAIT_MS)
    hold_back(app, CARL, DMITRI)
    press(qtbot, card, Qt.Key.Key_Return)
    qtbot.waitUntil(shows(app, "Esha Patel"), timeout=WAIT_MS)
    assert settled_requests(qtbot, app) == 0
    assert sent_numbers(sandbox) == []
    assert "Dmitri Ivanov: on the test do-not-call list" in notice.text()
    status = find(app.window, QLabel, "statusLabel")
    assert "was not called: on the test do-not-call list" in status.text()
    assert stored(profile)[3].status == "pending"


def test_call_back_comes_back_at_its_time_with_a_notice(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp], sandbox: SandboxServer
) -> None:
    profile = profile_with_list(tmp_path)
    app = make_dialer(profile)
    card = open_lists(qtbot, app)
    press(qtbot, card, Qt.Key.Key_6)
    when = find(app.window, QWidget, "callListCallbackTime")
    qtbot.waitUntil(when.hasFocus, timeout=WAIT_MS)
    wanted = (datetime.now().astimezone() + timedelta(hours=2)).replace(second=0, microsecond=0)
    when.setDateTime(  # type: ignore[attr-defined]
        QDateTime(wanted.year, wanted.month, wanted.day, wanted.hour, wanted.minute, 0)
    )
    press(qtbot, when, Qt.Key.Key_Return)
    qtbot.waitUntil(shows(app, "Bala Krishnan"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: stored(profile)[0].status == "callback", timeout=WAIT_MS)
    assert stored(profile)[0].callback_at == wanted
    progress = find(app.window, QProgressBar, "callListProgress")
    qtbot.waitUntil(lambda: "1 call back" in progress.format(), timeout=WAIT_MS)

    app.lists._clock = lambda: datetime.now(UTC) + timedelta(hours=2, minutes=1)
    app.lists.check_callbacks()
    notice = find(app.window, QLabel, "noticeLabel")
    assert "Call back Asha Rao (+91 92000 00001) from the list Leads" in notice.text()
    press(qtbot, card, Qt.Key.Key_3)  # Bala busy: the call back, now due, comes first
    qtbot.waitUntil(shows(app, "Asha Rao"), timeout=WAIT_MS)


def test_the_list_resumes_where_it_was_after_a_restart(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp], sandbox: SandboxServer
) -> None:
    profile = profile_with_list(tmp_path)
    first = make_dialer(profile)
    card = open_lists(qtbot, first)
    call_and_wait(qtbot, first, sandbox, 1)
    press(qtbot, card, Qt.Key.Key_4)
    qtbot.waitUntil(shows(first, "Bala Krishnan"), timeout=WAIT_MS)
    press(qtbot, card, Qt.Key.Key_Right)
    qtbot.waitUntil(shows(first, "Carl Jones"), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: stored(profile)[0].status == "done", timeout=WAIT_MS)
    first.shutdown()

    again = make_dialer(profile)
    qtbot.waitUntil(shows(again, "Carl Jones"), timeout=WAIT_MS)
    progress = find(again.window, QProgressBar, "callListProgress")
    qtbot.waitUntil(lambda: progress.format().startswith("1 / 6 done"), timeout=WAIT_MS)
    press(qtbot, card_of(again), Qt.Key.Key_Left)
    press(qtbot, card_of(again), Qt.Key.Key_Left)
    qtbot.waitUntil(shows(again, "Asha Rao"), timeout=WAIT_MS)
    text = card_of(again).plain_text()
    assert "Entry 1 of 6 · Voicemail" in text
    assert "call placed (request id" in text
    call_and_wait(qtbot, again, sandbox, 2)  # a done entry is called again on purpose
    qtbot.waitUntil(lambda: stored(profile)[0].attempts == 2, timeout=WAIT_MS)
    assert stored(profile)[0].status == "called"


def test_import_export_and_delete_from_the_window(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp]
) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, default_region="IN", user_id="101_1111112")
    app = make_dialer(profile)
    qtbot.waitUntil(lambda: "No call list yet" in card_of(app).plain_text(), timeout=WAIT_MS)
    app.lists.prepare_import(LEADS)
    qtbot.waitUntil(lambda: app.lists.import_dialog is not None, timeout=WAIT_MS)
    dialog = app.lists.import_dialog
    assert isinstance(dialog, ListImportDialog)
    name = find(dialog, QLineEdit, "listImportName")
    assert name.text() == "leads"
    name.setText("March leads")
    press(qtbot, name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: app.lists.import_dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "Asha Rao" in card_of(app).plain_text(), timeout=WAIT_MS)
    notice = find(app.window, QLabel, "noticeLabel")
    assert "Imported the list “March leads”: 6 entries" in notice.text()

    app.lists.prepare_import(LEADS)  # the same name again: said in the dialog, kept open
    qtbot.waitUntil(lambda: app.lists.import_dialog is not None, timeout=WAIT_MS)
    second = app.lists.import_dialog
    assert second is not None
    find(second, QLineEdit, "listImportName").setText("MARCH LEADS")
    second.start()
    problem = find(second, QLabel, "listImportProblem")
    qtbot.waitUntil(lambda: "exists already" in problem.text(), timeout=WAIT_MS)
    second.reject()

    out = tmp_path / "results.csv"
    app.lists.export(out)
    qtbot.waitUntil(out.exists, timeout=WAIT_MS)
    rows = list(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][-5:] == ["disposition", "note", "attempts", "last_called", "request_id"]
    lists_store, _notice = Store.open(profile / "contacts.db")
    with lists_store:
        found = CallListStore(lists_store).find("March leads")
    assert found is not None
    app.lists.delete(found.id)
    qtbot.waitUntil(lambda: "No call list yet" in card_of(app).plain_text(), timeout=WAIT_MS)


@pytest.mark.parametrize("digits_key", [Qt.Key.Key_8, Qt.Key.Key_0])
def test_other_digits_do_nothing(
    qtbot: QtBot,
    tmp_path: Path,
    make_dialer: Callable[..., DialerApp],
    digits_key: Qt.Key,
) -> None:
    profile = profile_with_list(tmp_path)
    app = make_dialer(profile)
    card = open_lists(qtbot, app)
    press(qtbot, card, digits_key)  # handled at once: a disposition would be on its way now
    assert shows(app, "Asha Rao")()
    qtbot.waitUntil(lambda: app.lists.service.idle, timeout=WAIT_MS)
    assert stored(profile)[0].status == "pending"
    assert app.calls.requests_started == 0


def test_what_the_command_line_records_shows_up_in_the_open_window(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp]
) -> None:
    """Another process (a CRM script's ``lists record``) writes to the same list: the window
    takes it in when it is looked at again, without losing its place."""
    from dialer_app.cli.dispatch import main

    profile = profile_with_list(tmp_path)
    app = make_dialer(profile)
    card = open_lists(qtbot, app)
    press(qtbot, card, Qt.Key.Key_Right)
    qtbot.waitUntil(shows(app, "Bala Krishnan"), timeout=WAIT_MS)
    assert main(["lists", "record", "Leads", "2", "--disposition", "wrong_number",
                 "--note", "from the CRM", "--profile", str(profile)]) == 0  # fmt: skip
    app.lists.refresh()  # what showing the tab or activating the window does
    qtbot.waitUntil(lambda: "Entry 2 of 6 · Wrong number" in card.plain_text(), timeout=WAIT_MS)
    assert "Note: from the CRM" in card.plain_text()
    table = find(app.window, QTableView, "callListEntries")
    assert table.model().index(1, 3).data() == "Wrong number"
    progress = find(app.window, QProgressBar, "callListProgress")
    qtbot.waitUntil(lambda: progress.format().startswith("1 / 6 done"), timeout=WAIT_MS)


def test_do_not_call_by_key_7_holds_the_number_back_at_once_and_lists_it(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp], sandbox: SandboxServer
) -> None:
    """Disposition 7 puts the number on the do-not-call list the calling rules read: the
    window refuses it at once (from any surface), and the stored list has it."""
    profile = profile_with_list(tmp_path)
    app = make_dialer(profile)
    card = open_lists(qtbot, app)
    qtbot.waitUntil(lambda: app.compliance.ready, timeout=WAIT_MS)
    note = find(app.window, QLineEdit, "callListNote")
    note.setText("asked not to be called")
    press(qtbot, card, Qt.Key.Key_7)
    qtbot.waitUntil(shows(app, "Bala Krishnan"), timeout=WAIT_MS)

    with qtbot.waitSignal(app.calls.refused, timeout=WAIT_MS) as refused:
        app.dial_typed("+91 92000 00001", DeliveryMode.SOFTPHONE, None)
    assert (refused.args[1].kind, refused.args[1].rule) == ("blocked", "do_not_call")

    def listed() -> str | None:
        store, _notice = Store.open(profile / "contacts.db")
        with store:
            entry = store.do_not_call_entry(ASHA)
        return None if entry is None else entry.note

    qtbot.waitUntil(lambda: listed() == "Asha Rao: asked not to be called", timeout=WAIT_MS)
    assert stored(profile)[0].disposition == "do_not_call"
    assert settled_requests(qtbot, app) == 0
    assert sent_numbers(sandbox) == []


def test_calls_do_not_postpone_the_minute_recheck_of_the_rules(
    qtbot: QtBot, tmp_path: Path, make_dialer: Callable[..., DialerApp]
) -> None:
    """Every call changes the history, which asks the lists to start again: the recheck that
    keeps calling hours current must keep its minute instead of restarting each time."""
    app = make_dialer(profile_with_list(tmp_path))
    open_lists(qtbot, app)
    timer = app.lists._recheck_timer
    running = timer.timerId()  # Qt gives a restarted timer a new id
    assert timer.isActive()
    app.lists.start()  # what a history change does
    assert (timer.isActive(), timer.timerId()) == (True, running)
