"""The call history of the dialer window, end to end: every call is recorded (in the list and
in ``contacts.db``), rows redial with their mode, and the history exports to CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.store import HistoryEntry, Store
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, Fault, SandboxServer
from dialer_app.ui.history_view import DETAIL_COLUMN, EntryRole
from tests.support.contacts_window import (
    GLOBAL_EXTRA,
    SEEDS,
    WAIT_MS,
    body,
    context_action,
    double_click_row,
    find,
    find_action,
    notice_of,
    search_of,
    seed_store,
    status_of,
    trigger_and_close,
    type_search,
)
from tests.support.harness import write_settings
from tests.support.wait import settled_requests


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """The contacts tests' profile, without the repeat hold-off: these tests call one number
    many times in a row on purpose (tests/gui/test_one_ring.py covers the guard)."""
    path = tmp_path / "profile"
    path.mkdir()
    write_settings(
        path, user_id=DEMO_USER_ID, extra_params_template=GLOBAL_EXTRA, repeat_hold_off_s=0
    )
    return path


WRONG_SECRET = "wrong-secret-5f1e2d"
NUMBER_TEXT = "+91 92000 00000"
NUMBER_DIGITS = "919200000000"


# helpers ------------------------------------------------------------------------------------
def history_view(app: DialerApp) -> QAbstractItemView:
    return find(app.window, QAbstractItemView, "historyView")


def shown_entries(app: DialerApp) -> list[HistoryEntry]:
    """The rows of the history list, top first, as its model holds them."""
    model = history_view(app).model()
    return [model.index(row, 0).data(EntryRole) for row in range(model.rowCount())]


def shown_details(app: DialerApp) -> list[str]:
    model = history_view(app).model()
    return [str(model.index(row, DETAIL_COLUMN).data()) for row in range(model.rowCount())]


def wait_for_history(qtbot: QtBot, app: DialerApp, count: int) -> list[HistoryEntry]:
    qtbot.waitUntil(lambda: len(shown_entries(app)) == count, timeout=WAIT_MS)
    return shown_entries(app)


def stored_history(path: Path) -> list[HistoryEntry]:
    """The history as the database file holds it, through a second connection."""
    store, notice = Store.open(path)
    assert notice is None
    with store:
        return store.recent_history()


def dial_and_call(qtbot: QtBot, app: DialerApp, *, succeed: bool) -> None:
    number = find(app.window, QLineEdit, "numberInput")
    if number.text() != NUMBER_TEXT:
        number.clear()
        qtbot.keyClicks(number, NUMBER_TEXT)
    signal = app.calls.succeeded if succeed else app.calls.failed
    with qtbot.waitSignal(signal, timeout=WAIT_MS):
        qtbot.mouseClick(find(app.window, QPushButton, "callButton"), Qt.MouseButton.LeftButton)


def shown_request_id(app: DialerApp) -> str:
    """The request id of the last call, as the outcome shows it (whole, selectable)."""
    field = app.window.findChild(QLineEdit, "requestIdField")
    assert field is not None
    return field.text()


def show_history_tab(app: DialerApp) -> None:
    app.window.side_tabs.setCurrentWidget(app.contacts.history)


def mode_flags(request_body: dict[str, object]) -> tuple[object, object]:
    return request_body["webrtc"], request_body["followme"]


# 3 every call is recorded -------------------------------------------------------------------
FAILURES = (  # the fault, the kind the history records
    (Fault.HTML_500, "server_error"),
    (Fault.RESET, "cannot_connect"),
    (Fault.CODE_400_IN_BODY, "request_rejected"),
)


def test_history_records_every_outcome(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
) -> None:
    app = launch(profile, secret=WRONG_SECRET)
    show_history_tab(app)
    failures: list[CallFailure] = []
    app.calls.failed.connect(lambda _attempt, failure: failures.append(failure))
    assert shown_entries(app) == []

    dial_and_call(qtbot, app, succeed=False)  # the platform rejects the secret
    assert body(sandbox.wait_for_requests(1)[0])["secret"] == WRONG_SECRET
    wait_for_history(qtbot, app, 1)

    app.runtime.credentials.set_secret(DEMO_USER_ID, DEMO_SECRET)
    dial_and_call(qtbot, app, succeed=True)
    request_id = shown_request_id(app)
    wait_for_history(qtbot, app, 2)

    for position, (fault, _kind) in enumerate(FAILURES, start=3):
        sandbox.set_fault(fault, times=1)
        dial_and_call(qtbot, app, succeed=False)
        wait_for_history(qtbot, app, position)
    assert len(sandbox.requests) == 2 + len(FAILURES)

    kinds = ["invalid_secret", *(kind for _fault, kind in FAILURES)]
    assert [f.kind for f in failures] == kinds
    messages = [f.message for f in failures]
    expected = [  # newest first: (outcome, error kind, error text, request id)
        *reversed([("failed", k, m, None) for k, m in zip(kinds[1:], messages[1:], strict=True)]),
        ("initiated", None, None, request_id),
        ("failed", kinds[0], messages[0], None),
    ]

    def facts(entries: list[HistoryEntry]) -> list[tuple[object, ...]]:
        return [(e.outcome, e.error_kind, e.error_text, e.request_id) for e in entries]

    shown = shown_entries(app)
    assert facts(shown) == expected
    assert {(e.number_digits, e.mode) for e in shown} == {(NUMBER_DIGITS, "softphone")}
    details = shown_details(app)
    assert details[3] == request_id
    failed_details = [*details[:3], details[4]]
    for detail, message in zip(failed_details, [*reversed(messages[1:]), messages[0]], strict=True):
        assert message.strip()
        assert detail == " ".join(message.split())  # the error text, on one line

    stored = stored_history(app.runtime.database_path)
    assert facts(stored) == expected
    assert [e.started_at for e in stored] == [e.started_at for e in shown]

    data = b"".join(
        path.read_bytes()
        for path in (app.runtime.database_path, Path(f"{app.runtime.database_path}-wal"))
        if path.exists()
    )
    assert request_id.encode() in data  # the check below looks at the right bytes
    for secret in (DEMO_SECRET, WRONG_SECRET):
        assert secret.encode() not in data
        assert secret not in status_of(app).text()


# 4 redial -----------------------------------------------------------------------------------
def test_calls_on_the_built_in_sandbox_are_recorded_as_such_and_not_counted(
    profile: Path, launch: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app = launch(profile)
    dial_and_call(qtbot, app, succeed=True)  # the real account (here: the loopback server)
    app.use_sandbox()  # "Try the sandbox": calls go to the built-in one from now on
    dial_and_call(qtbot, app, succeed=True)
    entries = wait_for_history(qtbot, app, 2)

    assert [e.sandbox for e in entries] == [True, False]  # newest first
    assert [e.sandbox for e in stored_history(app.runtime.database_path)] == [True, False]
    assert len(sandbox.requests) == 1  # the second call never reached the real server
    counted = app.compliance.service.attempts.count_since(NUMBER_DIGITS, 0)
    assert counted == 1  # the sandbox call rang no one


def test_redial_keeps_number_and_mode(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
) -> None:
    app = launch(profile)
    window = app.window
    qtbot.mouseClick(find(window, QPushButton, "followmeToggle"), Qt.MouseButton.LeftButton)
    dial_and_call(qtbot, app, succeed=True)
    [first] = wait_for_history(qtbot, app, 1)
    assert first.mode == "mobile"
    assert mode_flags(body(sandbox.requests[0])) == (False, True)

    qtbot.mouseClick(find(window, QPushButton, "webrtcToggle"), Qt.MouseButton.LeftButton)
    find(window, QLineEdit, "numberInput").clear()
    show_history_tab(app)
    view = history_view(app)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))

    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.keyClick(view, Qt.Key.Key_Return)
    wait_for_history(qtbot, app, 2)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        double_click_row(qtbot, view, 1)
    wait_for_history(qtbot, app, 3)
    action = context_action(qtbot, view, 0, "Redial (softphone)")
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        trigger_and_close(action)
    entries = wait_for_history(qtbot, app, 4)

    requests = [body(r) for r in sandbox.requests]
    assert [r["to"] for r in requests] == [int(NUMBER_DIGITS)] * 4
    assert [mode_flags(r) for r in requests] == [
        (False, True),
        (False, True),  # Enter: the row's mode, not the window's
        (False, True),  # double-click
        (True, False),  # "Redial (softphone)"
    ]
    assert [e.mode for e in entries] == ["softphone", "mobile", "mobile", "mobile"]
    assert [r["extra_params"] for r in requests] == [GLOBAL_EXTRA] * 4


def test_redialing_a_contact_sends_its_extra_params(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
) -> None:
    seed_store(profile, SEEDS)
    app = launch(profile)
    type_search(qtbot, app, "asha rao")
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.keyClick(search_of(app), Qt.Key.Key_Return)
    [entry] = wait_for_history(qtbot, app, 1)
    assert entry.contact_name == "Asha Rao"
    assert entry.contact_id is not None

    show_history_tab(app)
    view = history_view(app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        double_click_row(qtbot, view, 0)
    second = wait_for_history(qtbot, app, 2)[0]

    first_body, redial_body = (body(r) for r in sandbox.requests)
    assert first_body["extra_params"] == {"crm": True, "crm_id": 77, "src": "contact"}
    assert redial_body["to"] == first_body["to"]
    assert redial_body["extra_params"] == first_body["extra_params"]
    assert (second.contact_id, second.contact_name) == (entry.contact_id, "Asha Rao")


def test_redial_while_a_call_is_in_flight_is_ignored(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
) -> None:
    app = launch(profile)
    dial_and_call(qtbot, app, succeed=True)
    wait_for_history(qtbot, app, 1)
    show_history_tab(app)
    view = history_view(app)
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    sandbox.set_fault(Fault.DELAY, delay=1.5)

    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        for _ in range(10):
            qtbot.keyClick(view, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(sandbox.requests) == 2, timeout=WAIT_MS)
        for _ in range(10):
            qtbot.keyClick(view, Qt.Key.Key_Return)
    wait_for_history(qtbot, app, 2)
    assert settled_requests(qtbot, app) == 2
    assert len(sandbox.requests) == 2


# history search and filter ------------------------------------------------------------------
def test_history_search_and_outcome_filter(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
) -> None:
    app = launch(profile)
    show_history_tab(app)
    dial_and_call(qtbot, app, succeed=True)
    sandbox.set_fault(Fault.HTML_500, times=1)
    dial_and_call(qtbot, app, succeed=False)
    wait_for_history(qtbot, app, 2)

    search = find(app.window, QLineEdit, "historySearch")
    qtbot.keyClicks(search, "92000")
    assert len(shown_entries(app)) == 2
    search.clear()
    qtbot.keyClicks(search, "98000")
    assert shown_entries(app) == []
    search.clear()

    outcome = find(app.window, QComboBox, "historyOutcomeFilter")
    outcome.setCurrentIndex(outcome.findData("failed"))
    assert [e.outcome for e in shown_entries(app)] == ["failed"]
    outcome.setCurrentIndex(outcome.findData("initiated"))
    assert [e.outcome for e in shown_entries(app)] == ["initiated"]


# 8 export -----------------------------------------------------------------------------------
def test_export_history_to_csv(
    profile: Path,
    launch: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    app = launch(profile)
    attempts: list[CallAttempt] = []
    app.calls.started.connect(attempts.append)
    dial_and_call(qtbot, app, succeed=True)
    request_id = shown_request_id(app)
    sandbox.set_fault(Fault.HTML_500, times=1)
    dial_and_call(qtbot, app, succeed=False)
    wait_for_history(qtbot, app, 2)

    target = tmp_path / "calls.csv"
    monkeypatch.setattr(app.contacts.history, "_ask_export_path", lambda: str(target))
    action = find_action(app.window, "exportHistoryAction")
    assert action.isEnabled()
    action.trigger()
    status = notice_of(app)
    qtbot.waitUntil(lambda: "Exported" in status.text(), timeout=WAIT_MS)
    assert status.text() == f"Exported 2 calls to {target}."

    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["number"], r["outcome"], r["mode"]) for r in rows] == [
        (NUMBER_DIGITS, "failed", "softphone"),
        (NUMBER_DIGITS, "initiated", "softphone"),
    ]
    # request ids are URL-safe base64 and may start with "-": the export then guards the cell
    # against spreadsheet formula evaluation with a leading apostrophe
    exported_id = "'" + request_id if request_id.startswith("-") else request_id
    assert (rows[1]["request_id"], rows[1]["error_kind"]) == (exported_id, "")
    assert (rows[0]["request_id"], rows[0]["error_kind"]) == ("", "server_error")
    assert rows[0]["error"]
    assert len(attempts) == 2
    assert DEMO_SECRET.encode() not in target.read_bytes()


def test_export_history_is_disabled_without_calls(
    profile: Path, launch: Callable[..., DialerApp]
) -> None:
    app = launch(profile)
    assert not find_action(app.window, "exportHistoryAction").isEnabled()
