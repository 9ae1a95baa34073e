"""One agent intent, exactly one ring, always confirmed: the window's side of the Dialer.

Real widgets, the real loopback sandbox (which answers in a few milliseconds: a fast
platform is where a double-click used to ring twice). "Nothing was sent" is always proven
positively: the Dialer reports every intent it does not send (``refused``), and ``started``
fires for every request that may leave, synchronously, before any network work.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.call_response import interpret_response
from dialer_app.core.dialer import CallIntent, CallRefusedError, Dialer, Surface
from dialer_app.sandbox.faults import HUGE_REQUEST_ID_CHARS
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, Fault, SandboxServer
from tests.support.fault_cases import assert_clean_line
from tests.support.harness import write_settings
from tests.support.wait import WAIT_MS
from tests.support.widgets import find

NUMBER = "+91 92000 00000"
DIGITS = 919200000000
LINK = "tel:+91-92000-00000"


class Recorder:
    """Counts what the Dialer did with each intent: started (may leave) or refused."""

    def __init__(self, app: DialerApp) -> None:
        self.started: list[object] = []
        self.refused: list[CallRefusedError] = []
        app.calls.started.connect(self.started.append)
        app.calls.refused.connect(lambda _intent, refusal: self.refused.append(refusal))


def call_button(app: DialerApp) -> QPushButton:
    button = find(app.window, QPushButton, "callButton")
    assert isinstance(button, QPushButton)
    return button


def type_number(qtbot: QtBot, app: DialerApp, text: str = NUMBER) -> None:
    field = find(app.window, QLineEdit, "numberInput")
    assert isinstance(field, QLineEdit)
    field.clear()
    qtbot.keyClicks(field, text)


def status_text(app: DialerApp) -> str:
    label = find(app.window, QLabel, "statusLabel")
    assert isinstance(label, QLabel)
    return label.text()


def wait_idle(qtbot: QtBot, app: DialerApp) -> None:
    qtbot.waitUntil(lambda: not app.calls.in_flight, timeout=WAIT_MS)


def sent_to(sandbox: SandboxServer) -> list[object]:
    return [request.json_body["to"] for request in sandbox.requests if request.json_body]


@pytest.fixture
def app(make_dialer: Callable[..., DialerApp], tmp_path: Path) -> DialerApp:
    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, user_id=DEMO_USER_ID)
    return make_dialer(profile)


# double-clicks and mixed surfaces -----------------------------------------------------------
@pytest.mark.parametrize("gap_ms", [60, 150, 300])
def test_a_double_click_rings_once(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer, gap_ms: int
) -> None:
    seen = Recorder(app)
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    qtbot.wait(gap_ms)  # the second click of the double-click, this long after the first
    qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert len(seen.started) == 1
    assert [refusal.kind for refusal in seen.refused] == ["repeat"]
    assert sent_to(sandbox) == [DIGITS]
    assert "nothing was sent" in status_text(app)
    assert find(app.window, QPushButton, "callAgainButton").isVisible()


def test_two_clicks_with_no_gap_ring_once(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    """The second click lands while the first request is still in flight."""
    seen = Recorder(app)
    type_number(qtbot, app)
    for _ in range(2):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert len(seen.started) == 1
    wait_idle(qtbot, app)
    assert sent_to(sandbox) == [DIGITS]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_click_then_enter_on_the_focused_call_button_rings_once(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer, key: Qt.Key
) -> None:
    seen = Recorder(app)
    type_number(qtbot, app)
    button = call_button(app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    button.setFocus()
    qtbot.keyClick(button, key)
    assert len(seen.started) == 1
    assert [refusal.kind for refusal in seen.refused] == ["repeat"]
    assert sent_to(sandbox) == [DIGITS]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_on_the_focused_call_button_dials(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer, key: Qt.Key
) -> None:
    type_number(qtbot, app)
    button = call_button(app)
    button.setFocus()
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.keyClick(button, key)
    assert sent_to(sandbox) == [DIGITS]


def test_a_link_then_enter_dials_and_the_same_link_again_does_not(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    """The link fills the number and focuses Call: "click link, press Enter" calls."""
    seen = Recorder(app)
    assert app.instance is not None
    for _ in range(2):
        app.instance.open_link(LINK)
        focused = app.window.focusWidget()
        assert focused is call_button(app)
        qtbot.keyClick(focused, Qt.Key.Key_Return)
        wait_idle(qtbot, app)
    assert len(seen.started) == 1
    assert [refusal.kind for refusal in seen.refused] == ["repeat"]
    assert sent_to(sandbox) == [DIGITS]


def test_a_link_dialled_immediately_twice_rings_once(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app.update_settings(replace(app.settings, dial_links_immediately=True))
    seen = Recorder(app)
    assert app.instance is not None
    assert app.instance.open_link(LINK)
    wait_idle(qtbot, app)
    assert not app.instance.open_link(LINK)
    assert len(seen.started) == 1
    assert [refusal.kind for refusal in seen.refused] == ["repeat"]
    assert sent_to(sandbox) == [DIGITS]


def test_the_tray_then_the_window_rings_once(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    seen = Recorder(app)
    popup = app.tray.popup
    popup.open_with(NUMBER)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        assert popup.activate()
    type_number(qtbot, app)
    qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    app.call_digits(str(DIGITS), None)  # a tray favourite for the same number
    assert len(seen.started) == 1
    assert [refusal.kind for refusal in seen.refused] == ["repeat", "repeat"]
    assert sent_to(sandbox) == [DIGITS]


def test_call_again_sends_exactly_one_more(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    seen = Recorder(app)
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    again = find(app.window, QPushButton, "callAgainButton")
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(again, Qt.MouseButton.LeftButton)
    assert not again.isVisible()
    assert len(seen.started) == 2
    assert sent_to(sandbox) == [DIGITS, DIGITS]


def test_another_number_is_not_held(app: DialerApp, qtbot: QtBot, sandbox: SandboxServer) -> None:
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    type_number(qtbot, app, "+91 92000 00001")
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert sent_to(sandbox) == [DIGITS, DIGITS + 1]


def test_the_hold_off_is_a_setting_and_zero_turns_it_off(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app.update_settings(replace(app.settings, repeat_hold_off_s=0))
    type_number(qtbot, app)
    for _ in range(2):
        with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
            qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert sent_to(sandbox) == [DIGITS, DIGITS]


def test_the_number_is_free_again_after_the_hold_off(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app.update_settings(replace(app.settings, repeat_hold_off_s=0.4))
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    qtbot.wait(500)  # past the hold-off; what follows asserts that something did happen
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert sent_to(sandbox) == [DIGITS, DIGITS]


def test_a_refused_connection_does_not_hold_the_number(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    """Nobody was rung when the request never left: trying again at once is allowed."""
    app.update_settings(replace(app.settings, repeat_hold_off_s=60))
    sandbox.set_fault(Fault.CODE_400, times=1)  # a definite "no": the platform rang nobody
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.failed, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert sent_to(sandbox) == [DIGITS, DIGITS]


# the outcome stays ------------------------------------------------------------------------
def test_the_outcome_and_its_whole_request_id_survive_a_history_failure(
    make_dialer: Callable[..., DialerApp], qtbot: QtBot, sandbox: SandboxServer, tmp_path: Path
) -> None:
    """The history table is gone from contacts.db (damaged by something else while the app
    runs), so the call cannot be saved: that is said in the notice line; the success and its
    request id stay as they were. (A database that cannot be opened at all holds calls back:
    the do-not-call list in it cannot be read; see tests/gui/test_compliance_window.py.)"""
    import sqlite3
    from contextlib import closing

    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, user_id=DEMO_USER_ID)
    app = make_dialer(profile)
    notice = find(app.window, QLabel, "noticeLabel")
    assert isinstance(notice, QLabel)
    with closing(sqlite3.connect(profile / "contacts.db")) as other:
        other.execute("DROP TABLE history")
        other.commit()
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    request_id = blocker.args[1].request_id
    qtbot.waitUntil(lambda: "not saved in the call history" in notice.text(), timeout=WAIT_MS)
    assert status_text(app).startswith("Call initiated")
    assert app.window.status_frame.property("state") == "success"
    field = find(app.window, QLineEdit, "requestIdField")
    assert isinstance(field, QLineEdit)
    assert field.text() == request_id
    assert field.isVisible()


def test_a_long_request_id_is_never_clipped(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    """A 128-character id (the most a request id may be) at the default window size: shown
    elided in the middle, whole in the field's text, its tooltip and the copy button's."""
    long_id = "R" * 60 + "-middle-" + "Z" * 60
    reply = {"code": 200, "msg": "Call initiated", "request_id": long_id}
    result = interpret_response(200, {}, json.dumps(reply).encode())
    attempt = Dialer(lambda: app.settings).prepare(
        CallIntent(NUMBER, Surface.DIALPAD, app.window.current_mode())
    )
    app.window.show_success(attempt, result)
    field = find(app.window, QLineEdit, "requestIdField")
    assert isinstance(field, QLineEdit)
    assert field.text() == long_id
    assert long_id in field.toolTip()
    assert long_id in find(app.window, QWidget, "copyRequestIdButton").toolTip()
    shown = field.shown_text()  # type: ignore[attr-defined]
    if field.is_elided():  # type: ignore[attr-defined]
        assert "…" in shown
        assert shown.startswith("RRR")
        assert shown.endswith("ZZZ")
    else:
        assert shown == long_id
    field.selectAll()
    assert field.selectedText() == long_id


# unreadable request ids ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "fault", [Fault.HUGE_REQUEST_ID, Fault.HOSTILE_REQUEST_ID, Fault.SECRET_REQUEST_ID]
)
def test_a_call_with_an_unreadable_request_id_is_placed_without_one(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer, fault: Fault
) -> None:
    sandbox.set_fault(fault, times=1)
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS) as blocker:
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert blocker.args[1].request_id is None
    text = status_text(app)
    assert text.startswith("Call initiated")
    assert "no usable request id" in text
    assert_clean_line(text.replace("\n", " "))
    assert not find(app.window, QLineEdit, "requestIdField").isVisible()
    entry = wait_for_history(qtbot, app)
    assert (entry.outcome, entry.request_id) == ("initiated", None)
    assert len(text) < HUGE_REQUEST_ID_CHARS // 1000


def wait_for_history(qtbot: QtBot, app: DialerApp) -> object:
    history = app.contacts.history
    qtbot.waitUntil(lambda: bool(history.entries()), timeout=WAIT_MS)
    return history.entries()[0]


# server text ------------------------------------------------------------------------------
def test_a_platform_echoing_the_secret_leaves_no_trace(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.set_fault(Fault.ECHO_SECRET, times=1)
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.failed, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    text = status_text(app)
    assert "[REDACTED]" in text
    assert_clean_line(text)
    entry = wait_for_history(qtbot, app)
    assert_clean_line(str(entry.error_text))  # type: ignore[attr-defined]
    app.shutdown()  # everything written is on disk now
    for file in app.runtime.profile_dir.rglob("*"):
        if file.is_file():
            data = file.read_bytes().lower()
            assert DEMO_SECRET.encode() not in data, file
            assert DEMO_SECRET.upper().encode().lower() not in data, file


def test_hostile_text_from_the_platform_is_one_clean_line(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.set_fault(Fault.HOSTILE_TEXT, times=1)
    type_number(qtbot, app)
    with qtbot.waitSignal(app.calls.failed, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    text = status_text(app)
    assert "\n" not in text
    assert "\x1b" not in text
    assert_clean_line(text)


# numbers that are not what they look like ---------------------------------------------------
def test_a_pasted_bidi_override_is_removed_before_it_is_shown(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    field = find(app.window, QLineEdit, "numberInput")
    assert isinstance(field, QLineEdit)
    field.setText("+91 \u202e91234 56789\u200b")
    shown = field.text()
    assert not any(unicodedata.category(ch) == "Cf" for ch in shown)
    assert shown == "+91 91234 56789"
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert sent_to(sandbox) == [int("91" + "9123456789")]  # what was shown is what was dialled


@pytest.mark.parametrize(
    "text", ["+1 201 555 0123 x123", "+1 201 555 0123 ext 12", "tel:+12015550123;ext=77"]
)
def test_a_number_with_an_extension_is_refused_with_what_to_do(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer, text: str
) -> None:
    seen = Recorder(app)
    field = find(app.window, QLineEdit, "numberInput")
    assert isinstance(field, QLineEdit)
    field.setText(text)
    preview = find(app.window, QLabel, "previewLabel")
    assert isinstance(preview, QLabel)
    assert "click2call cannot dial it" in preview.text()
    assert not call_button(app).isEnabled()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    app.dial_typed(field.text(), app.window.current_mode(), None)  # any surface: refused
    assert seen.started == []
    assert [refusal.kind for refusal in seen.refused] == ["extension"]
    assert "ask for extension" in status_text(app)
    assert sandbox.requests == []


def test_a_link_with_an_extension_is_refused_even_when_links_dial_at_once(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    app.update_settings(replace(app.settings, dial_links_immediately=True))
    seen = Recorder(app)
    assert app.instance is not None
    assert not app.instance.open_link("tel:+12015550123;ext=77")
    assert seen.started == []
    assert [refusal.kind for refusal in seen.refused] == ["extension"]
    assert "extension 77" in status_text(app)
    assert sandbox.requests == []


def test_the_hold_off_set_in_the_settings_dialog_is_used(
    app: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    from PySide6.QtWidgets import QDoubleSpinBox

    dialog = app.open_settings()
    spin = dialog.findChild(QDoubleSpinBox, "repeatHoldOffSpin")
    assert isinstance(spin, QDoubleSpinBox)
    assert spin.value() == 3.0
    spin.setValue(0)
    assert spin.text() == "off"
    dialog.accept()
    assert app.settings.repeat_hold_off_s == 0
    type_number(qtbot, app)
    for _ in range(2):
        with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
            qtbot.mouseClick(call_button(app), Qt.MouseButton.LeftButton)
    assert sent_to(sandbox) == [DIGITS, DIGITS]


def test_a_company_cannot_reorder_the_number_beside_it_in_the_contact_list(qapp: object) -> None:
    from dialer_app.core.contact_search import ContactIndex
    from dialer_app.core.store import SearchRow
    from dialer_app.services.contact_list import ContactListModel, SubtitleRole

    row: SearchRow = (1, "Asha Rao", "Acme\u202e", False, "+91 92000 00000", str(DIGITS))
    model = ContactListModel()
    model.set_index(ContactIndex([row]))
    subtitle = model.data(model.index(0, 0), SubtitleRole)
    assert subtitle == "+91 92000 00000 · Acme"  # the override is gone
    row = (2, "Sara", "שרה בע״מ", False, "+91 92000 00000", str(DIGITS))
    model.set_index(ContactIndex([row]))
    assert model.data(model.index(0, 0), SubtitleRole) == "+91 92000 00000 · \u2068שרה בע״מ\u2069"
