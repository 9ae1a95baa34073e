"""The contacts side of the dialer window, driven end to end through the real wiring.

Contacts are seeded through the real ``contacts.db`` before the app starts (or added through
the dialogs under test); calls go to the loopback sandbox and are checked on what it received;
the database is read back with a second ``Store`` on the same file.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
)
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.contact_import import read_contacts
from dialer_app.sandbox.server import (
    Fault,
    SandboxServer,
)
from dialer_app.services.contact_list import ContactIdRole
from dialer_app.ui.contact_dialog import ContactDialog
from tests.support.contacts_window import (
    DISPLAY_ORDER,
    GLOBAL_EXTRA,
    LEFT,
    REGION,
    SEEDS,
    VCARD_DIRS,
    body,
    context_action,
    double_click_row,
    find,
    find_action,
    import_button,
    notice_of,
    row_of,
    run_import,
    search_of,
    seed_store,
    show_contacts_tab,
    shown_names,
    start_import,
    status_of,
    stored_contacts,
    stored_names,
    trigger_and_close,
    type_search,
    view_of,
    wait_for_dialog,
    write_csv,
)
from tests.support.wait import WAIT_MS, settled_requests

# helpers ------------------------------------------------------------------------------------


# fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def seeded(profile: Path, launch: Callable[..., DialerApp]) -> DialerApp:
    seed_store(profile, SEEDS)
    app = launch(profile)
    assert app.contacts.model.total == len(SEEDS)
    show_contacts_tab(app)
    return app


# 1 search -----------------------------------------------------------------------------------
def test_search_narrows_the_list(seeded: DialerApp, qtbot: QtBot) -> None:
    app = seeded
    count = find(app.window, QLabel, "contactsCount")
    assert shown_names(app) == DISPLAY_ORDER  # favorites first, then by name
    assert count.text() == "5 contacts"

    type_search(qtbot, app, "asha")
    assert shown_names(app) == ["Asha Rao", "Asha Verma"]
    assert count.text() == "2 of 5 contacts"

    type_search(qtbot, app, "GLOBEX")  # company, any case; the favorite still leads
    assert shown_names(app) == ["Zara Khan", "Asha Verma", "Vikram Mehta"]
    assert count.text() == "3 of 5 contacts"

    type_search(qtbot, app, "9200")  # digits inside +91 92000 00000
    assert shown_names(app) == ["Asha Rao"]
    type_search(qtbot, app, "+91 980")
    assert shown_names(app) == ["Zara Khan", "Asha Verma", "Vikram Mehta"]

    type_search(qtbot, app, "asha globex")  # every word must match
    assert shown_names(app) == ["Asha Verma"]
    type_search(qtbot, app, "globex asha")
    assert shown_names(app) == ["Asha Verma"]
    assert count.text() == "1 of 5 contacts"

    type_search(qtbot, app, "nobody")
    assert shown_names(app) == []
    assert count.text() == "0 of 5 contacts"
    empty = find(app.window, QLabel, "contactsEmptyLabel")
    assert "nobody" in empty.text()

    type_search(qtbot, app, "")
    assert shown_names(app) == DISPLAY_ORDER
    assert count.text() == "5 contacts"


def test_dialpad_digits_narrow_the_list_unless_the_agent_searches(
    seeded: DialerApp, qtbot: QtBot
) -> None:
    app = seeded
    number_input = find(app.window, QLineEdit, "numberInput")
    search = search_of(app)

    qtbot.keyClicks(number_input, "98000")
    assert search.text() == "98000"
    assert shown_names(app) == ["Zara Khan", "Asha Verma", "Vikram Mehta"]
    qtbot.keyClicks(number_input, "00003")
    assert search.text() == "9800000003"
    assert shown_names(app) == ["Asha Verma"]

    number_input.clear()  # the dialpad's own query goes with it
    assert search.text() == ""
    assert shown_names(app) == DISPLAY_ORDER

    type_search(qtbot, app, "asha")  # the agent's own search wins over the dialpad
    qtbot.keyClicks(number_input, "97000")
    assert search.text() == "asha"
    assert shown_names(app) == ["Asha Rao", "Asha Verma"]
    number_input.clear()
    assert search.text() == "asha"


# 2 keyboard ---------------------------------------------------------------------------------
def test_keyboard_search_move_and_call_with_merged_extra_params(
    seeded: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app = seeded
    search, view = search_of(app), view_of(app)
    app.window.side_tabs.setCurrentIndex(1)  # Ctrl+F must bring the contacts back
    qtbot.keyClick(app.window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is search, timeout=WAIT_MS)
    assert app.window.side_tabs.currentWidget() is app.contacts.panel

    assert view.currentIndex().row() == 0
    qtbot.keyClick(search, Qt.Key.Key_Down)
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(search, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    assert view.currentIndex().data() == "Asha Rao"
    assert [index.row() for index in view.selectionModel().selectedRows()] == [1]
    assert QApplication.focusWidget() is search  # the arrows never leave the search box

    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.keyClick(search, Qt.Key.Key_Return)

    [request] = sandbox.wait_for_requests(1)
    sent = body(request)
    assert sent["to"] == 919200000000
    assert type(sent["to"]) is int
    assert sent["extra_params"] == {"crm": True, "crm_id": 77, "src": "contact"}
    assert "Asha Rao" in status_of(app).text()
    assert settled_requests(qtbot, app) == 1
    assert len(sandbox.requests) == 1


def test_double_click_calls_the_contact(
    seeded: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app = seeded
    view = view_of(app)
    row = row_of(app, "Bina Das")
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        double_click_row(qtbot, view, row)

    [request] = sandbox.wait_for_requests(1)
    sent = body(request)
    assert sent["to"] == 919700000004
    assert sent["extra_params"] == GLOBAL_EXTRA  # Bina has no extra_params of her own
    assert settled_requests(qtbot, app) == 1
    assert len(sandbox.requests) == 1


def test_enter_mashing_places_one_call(
    seeded: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app = seeded
    sandbox.set_fault(Fault.DELAY, delay=1.5)
    view = view_of(app)
    view.setFocus()
    view.setCurrentIndex(view.model().index(row_of(app, "Vikram Mehta"), 0))

    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        for _ in range(10):  # the first one is still fetching the contact
            qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(sandbox.requests) == 1, timeout=WAIT_MS)
        for _ in range(10):  # the request is at the server
            qtbot.keyClick(view, Qt.Key.Key_Enter)
        assert app.calls.in_flight

    [request] = sandbox.requests
    assert body(request)["to"] == 919800000001
    assert settled_requests(qtbot, app) == 1
    assert len(sandbox.requests) == 1


# 5 add / edit / delete / undo / favorite ----------------------------------------------------


def open_dialog(qtbot: QtBot, app: DialerApp) -> ContactDialog:
    return wait_for_dialog(qtbot, app, ContactDialog, "contactDialog")


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    qtbot.keyClicks(field, text)


def save(qtbot: QtBot, dialog: ContactDialog) -> None:
    assert dialog.problem() == ""
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def test_add_edit_delete_undo_and_favorite(seeded: DialerApp, qtbot: QtBot, profile: Path) -> None:
    app = seeded
    db = app.runtime.database_path
    assert db == profile / "contacts.db"
    view = view_of(app)

    # add
    app.contacts.open_contact_dialog(None)
    dialog = open_dialog(qtbot, app)
    qtbot.keyClicks(find(dialog, QLineEdit, "contactName"), "Neha Kapoor")
    qtbot.keyClicks(find(dialog, QLineEdit, "contactCompany"), "Umbrella")
    qtbot.keyClicks(find(dialog, QLineEdit, "contactNumberInput"), "96000 00005")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: app.contacts.model.total == len(SEEDS) + 1, timeout=WAIT_MS)
    assert "Neha Kapoor" in shown_names(app)
    [added] = [c for c in stored_contacts(db) if c.name == "Neha Kapoor"]
    assert added.company == "Umbrella"
    assert [n.digits for n in added.numbers] == ["919600000005"]
    assert not added.favorite
    assert added.id is not None

    # edit (context menu → Edit…)
    trigger_and_close(context_action(qtbot, view, row_of(app, "Neha Kapoor"), "Edit…"))
    dialog = open_dialog(qtbot, app)
    name_field = find(dialog, QLineEdit, "contactName")
    assert name_field.text() == "Neha Kapoor"
    retype(qtbot, name_field, "Neha Sharma")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Neha Sharma" in shown_names(app), timeout=WAIT_MS)
    assert "Neha Kapoor" not in shown_names(app)
    assert app.contacts.model.total == len(SEEDS) + 1
    [edited] = [c for c in stored_contacts(db) if c.id == added.id]
    assert (edited.name, edited.company, edited.numbers) == (
        "Neha Sharma",
        "Umbrella",
        added.numbers,
    )

    # delete (select, Delete key), then Undo
    view.setFocus()
    view.selectRow(row_of(app, "Neha Sharma"))
    assert app.contacts.panel.selected_ids() == [added.id]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    undo = find(app.window, QPushButton, "undoButton")
    qtbot.waitUntil(undo.isVisible, timeout=WAIT_MS)
    assert "Deleted Neha Sharma" in notice_of(app).text()
    assert "Neha Sharma" not in shown_names(app)
    assert app.contacts.model.total == len(SEEDS)
    assert added.id not in [c.id for c in stored_contacts(db)]

    qtbot.mouseClick(undo, LEFT)
    qtbot.waitUntil(lambda: "Neha Sharma" in shown_names(app), timeout=WAIT_MS)
    assert not undo.isVisible()
    assert app.contacts.model.total == len(SEEDS) + 1
    [restored] = [c for c in stored_contacts(db) if c.name == "Neha Sharma"]
    assert restored == edited  # same id, same fields

    # favorite: moves to the top (favorites sort by name: Neha before Zara)
    assert row_of(app, "Neha Sharma") > 0
    trigger_and_close(context_action(qtbot, view, row_of(app, "Neha Sharma"), "Add to favorites"))
    qtbot.waitUntil(lambda: shown_names(app)[0] == "Neha Sharma", timeout=WAIT_MS)
    assert shown_names(app)[:2] == ["Neha Sharma", "Zara Khan"]
    [favorite] = [c for c in stored_contacts(db) if c.id == added.id]
    assert favorite.favorite
    assert view.model().index(0, 0).data(ContactIdRole) == added.id


def test_contact_dialog_extra_params_reach_the_call(
    seeded: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app = seeded
    app.contacts.open_contact_dialog(None)
    dialog = open_dialog(qtbot, app)
    qtbot.keyClicks(find(dialog, QLineEdit, "contactName"), "Omar Ali")
    qtbot.keyClicks(find(dialog, QLineEdit, "contactNumberInput"), "+91 95000 00006")
    dialog.extra_input.setPlainText('{"crm_id": 4711, "src": "dialog"}')
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: "Omar Ali" in shown_names(app), timeout=WAIT_MS)

    type_search(qtbot, app, "omar")
    assert shown_names(app) == ["Omar Ali"]
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.keyClick(search_of(app), Qt.Key.Key_Return)
    [request] = sandbox.wait_for_requests(1)
    assert body(request)["to"] == 919500000006
    assert body(request)["extra_params"] == {"crm": True, "crm_id": 4711, "src": "dialog"}


# 6 import through the UI --------------------------------------------------------------------
IMPORT_ROWS = (
    ("Imran Sheikh", "Alpha", "+91 93000 00001"),
    ("Kavya Iyer", "Alpha", "93000 00002"),
    ("Leela Menon", "Beta", "+91-93000-00003"),
    ("Manoj Pillai", "Beta", "(+91) 93000 00004"),
    ("Bad Number", "Beta", "12345"),
    ("Nisha Gupta", "Gamma", "093000 00005"),
    ("No Number", "Gamma", ""),
    ("Farah Naqvi", "Gamma", "+91 93000 00006"),
    ("Gopal Rao", "Delta", "+91 93000 00007"),
    ("Hari Nair", "Delta", "+91 93000 00008"),
)
BAD_NUMBER_LINE = 2 + 4  # the header is line 1
NO_NUMBER_LINE = 2 + 6


def test_import_csv_reports_skipped_rows(
    seeded: DialerApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = seeded
    db = app.runtime.database_path
    dialog = start_import(qtbot, app, monkeypatch, write_csv(tmp_path / "leads.csv", IMPORT_ROWS))
    run_import(qtbot, app, dialog)

    kept = [name for name, _company, phone in IMPORT_ROWS if phone]
    qtbot.waitUntil(lambda: app.contacts.model.total == len(SEEDS) + len(kept), timeout=WAIT_MS)
    for name in kept:
        assert name in shown_names(app)
    assert "No Number" not in shown_names(app)
    report = find(dialog, QLabel, "importReport").text()
    assert report.startswith(f"Imported {len(kept)} contacts, skipped 1 row"), report
    assert "kept 1 number as typed" in report
    details = find(dialog, QListWidget, "importSkipped")
    assert details.isVisible()
    lines = [details.item(i).text() for i in range(details.count())]
    assert f"Line {NO_NUMBER_LINE}: skipped: no phone number" in lines
    assert any(line.startswith(f"Line {BAD_NUMBER_LINE}: not dialable: ") for line in lines)
    assert "Line 3: no country code: '93000 00002' read as +919300000002" in lines
    assert len(lines) == 4  # and line 7's number, also read as an Indian number
    assert "Imported 9 new contacts" in notice_of(app).text()

    by_name = {c.name: c for c in stored_contacts(db)}
    assert set(kept) | {c.name for c in SEEDS} == set(by_name)
    assert [n.digits for n in by_name["Kavya Iyer"].numbers] == ["919300000002"]
    assert [n.digits for n in by_name["Nisha Gupta"].numbers] == ["919300000005"]
    assert [(n.raw, n.digits) for n in by_name["Bad Number"].numbers] == [("12345", "")]
    assert by_name["Imran Sheikh"].company == "Alpha"

    close = find(dialog, QPushButton, "importCancelButton")
    assert close.text() == "Close"
    qtbot.mouseClick(close, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT_MS)


def vcard_file(name: str) -> Path:
    for folder in VCARD_DIRS:
        if folder.is_dir():
            return folder / name
    raise AssertionError(f"no vCard test data in {VCARD_DIRS}")


@pytest.mark.parametrize(
    "file_name", ["John_Doe_IPHONE.vcf", "rfc2426-example.vcf", "John_Doe_ANDROID.vcf"]
)
def test_import_real_vcard_file(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    file_name: str,
) -> None:
    path = vcard_file(file_name)
    expected = read_contacts(path, "vcard", REGION)
    assert expected.contacts
    app = launch(profile)
    assert app.contacts.model.total == 0
    dialog = start_import(qtbot, app, monkeypatch, path)
    assert dialog.fmt == "vcard"
    run_import(qtbot, app, dialog)

    qtbot.waitUntil(lambda: app.contacts.model.total == len(expected.contacts), timeout=WAIT_MS)
    stored = stored_contacts(app.runtime.database_path)
    assert sorted((c.name, [n.digits for n in c.numbers]) for c in stored) == sorted(
        (c.name, [n.digits for n in c.numbers]) for c in expected.contacts
    )
    assert sorted(shown_names(app)) == sorted(c.name for c in expected.contacts)
    details = [dialog.skipped_list.item(i).text() for i in range(dialog.skipped_list.count())]
    for row in expected.skipped:
        assert f"Line {row.line}: skipped: {row.reason}" in details
    for row in expected.unverified:
        assert f"Line {row.line}: not dialable: {row.reason}" in details


BULK_ROWS = 60_000


def write_bulk_csv(path: Path, rows: int = BULK_ROWS) -> Path:
    lines = ["Name,Company,Phone"]
    lines += [f"Bulk Contact {i:05d},Bulk Co,+91 9{i:09d}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cancel_a_large_import_saves_nothing(
    seeded: DialerApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = seeded
    db = app.runtime.database_path
    dialog = start_import(qtbot, app, monkeypatch, write_bulk_csv(tmp_path / "bulk.csv"))
    progress = find(dialog, QProgressBar, "importProgress")
    cancel = find(dialog, QPushButton, "importCancelButton")

    with qtbot.waitSignal(app.contacts.service.import_cancelled, timeout=WAIT_MS * 3):
        qtbot.mouseClick(import_button(dialog), LEFT)
        qtbot.waitUntil(lambda: progress.value() > 0, timeout=WAIT_MS)
        assert cancel.text() == "Cancel"
        qtbot.mouseClick(cancel, LEFT)
        assert not cancel.isEnabled()  # "Cancelling…" until the worker stops

    report = find(dialog, QLabel, "importReport")
    qtbot.waitUntil(report.isVisible, timeout=WAIT_MS)
    assert "cancelled" in report.text().lower()
    assert "Nothing was saved" in report.text()
    assert dialog.isVisible()
    assert cancel.text() == "Close"
    assert cancel.isEnabled()
    qtbot.waitUntil(lambda: app.contacts.service.idle, timeout=WAIT_MS)  # nothing comes late
    assert app.contacts.model.total == len(SEEDS)
    assert sorted(stored_names(db)) == sorted(c.name for c in SEEDS)
    assert "cancelled" in notice_of(app).text().lower()


def test_window_stays_responsive_during_a_large_import(
    seeded: DialerApp, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    app = seeded
    dialog = start_import(qtbot, app, monkeypatch, write_bulk_csv(tmp_path / "bulk.csv"))
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(time.perf_counter()))
    button = import_button(dialog)
    heartbeat.start()
    try:
        with qtbot.waitSignal(app.contacts.service.import_finished, timeout=WAIT_MS * 3):
            qtbot.mouseClick(button, LEFT)
    finally:
        heartbeat.stop()

    assert app.contacts.model.total == len(SEEDS) + BULK_ROWS
    assert len(ticks) > 10, "the GUI thread never ran during the import"
    worst_gap = max(b - a for a, b in itertools.pairwise(ticks))
    assert worst_gap <= 0.050, f"GUI thread stalled for {worst_gap * 1000:.0f} ms"


# 7 export -----------------------------------------------------------------------------------
@pytest.mark.parametrize("file_name", ["contacts.csv", "contacts.vcf"])
def test_export_writes_every_contact(
    seeded: DialerApp,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    file_name: str,
) -> None:
    app = seeded
    target = tmp_path / "out" / file_name
    target.parent.mkdir()
    monkeypatch.setattr(app.contacts, "_ask_export_path", lambda: str(target))
    type_search(qtbot, app, "asha")  # a filter on screen does not limit the export

    find_action(app.window, "exportContactsAction").trigger()
    qtbot.waitUntil(lambda: "Exported" in notice_of(app).text(), timeout=WAIT_MS)

    assert notice_of(app).text() == f"Exported {len(SEEDS)} contacts to {target}."
    report = read_contacts(target, None, REGION)
    assert report.skipped == []
    assert sorted((c.name, [n.digits for n in c.numbers], c.company) for c in report.contacts) == (
        sorted((c.name, [n.digits for n in c.numbers], c.company) for c in SEEDS)
    )


# 9 a damaged database -----------------------------------------------------------------------
def test_corrupt_database_is_moved_aside_and_a_new_one_works(
    profile: Path, launch: Callable[..., DialerApp], qtbot: QtBot
) -> None:
    garbage = random.Random(9).randbytes(64 * 1024)
    damaged = profile / "contacts.db"
    damaged.write_bytes(garbage)

    app = launch(profile)

    status = notice_of(app)
    qtbot.waitUntil(lambda: "could not be read" in status.text(), timeout=WAIT_MS)
    moved = [p for p in profile.iterdir() if p.name.startswith("contacts.db.corrupt-")]
    assert len(moved) == 1, sorted(p.name for p in profile.iterdir())
    assert moved[0].read_bytes() == garbage  # kept as it was
    assert str(moved[0]) in status.text()
    assert app.contacts.model.total == 0

    app.contacts.open_contact_dialog(None)
    dialog = open_dialog(qtbot, app)
    qtbot.keyClicks(find(dialog, QLineEdit, "contactName"), "Fresh Start")
    qtbot.keyClicks(find(dialog, QLineEdit, "contactNumberInput"), "+91 94000 00009")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: shown_names(app) == ["Fresh Start"], timeout=WAIT_MS)
    [saved] = stored_contacts(damaged)
    assert (saved.name, [n.digits for n in saved.numbers]) == ("Fresh Start", ["919400000009"])
    assert moved[0].read_bytes() == garbage
