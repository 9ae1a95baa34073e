"""The dialer window driven like an agent would: real widgets, real loopback sandbox.

Widgets are found by their object names (the automation contract), and every call is checked
on what the sandbox really received.
"""

from __future__ import annotations

import itertools
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.core.settings import SettingsFile
from dialer_app.sandbox.server import (
    DEMO_SECRET,
    DEMO_USER_ID,
    Fault,
    RecordedRequest,
    SandboxServer,
)
from tests.support.harness import write_settings
from tests.support.wait import WAIT_MS, settled_requests
from tests.support.widgets import find

LEFT = Qt.MouseButton.LeftButton
URL_SAFE_43 = re.compile(r"[A-Za-z0-9_-]{43}")
TO_DIGITS = 919200000000
CALLER_ID = "919800000000"


@dataclass(frozen=True)
class Controls:
    """The window's controls, looked up by object name only."""

    window: QWidget
    number: QLineEdit
    call: QPushButton
    backspace: QWidget
    webrtc: QPushButton
    followme: QPushButton
    caller_id: QComboBox
    status: QLabel

    @classmethod
    def of(cls, window: QWidget) -> Controls:
        return cls(
            window=window,
            number=find(window, QLineEdit, "numberInput"),
            call=find(window, QPushButton, "callButton"),
            backspace=find(window, QWidget, "backspaceButton"),
            webrtc=find(window, QPushButton, "webrtcToggle"),
            followme=find(window, QPushButton, "followmeToggle"),
            caller_id=find(window, QComboBox, "callerIdCombo"),
            status=find(window, QLabel, "statusLabel"),
        )

    def key(self, name: str) -> QPushButton:
        return find(self.window, QPushButton, f"dialKey_{name}")

    def preview(self) -> str:
        return find(self.window, QLabel, "previewLabel").text()

    def request_id(self) -> str:
        """The request id of the last call, as the outcome shows it (whole, selectable)."""
        return find(self.window, QLineEdit, "requestIdField").text()


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, LEFT)


def hold(qtbot: QtBot, widget: QWidget, ms: int) -> None:
    qtbot.mousePress(widget, LEFT)
    qtbot.wait(ms)
    qtbot.mouseRelease(widget, LEFT)


def dial_by_mouse(qtbot: QtBot, ui: Controls, digits: str) -> None:
    for digit in digits:
        click(qtbot, ui.key(digit))


def body(request: RecordedRequest) -> dict[str, object]:
    assert request.method == "POST"
    assert request.json_body is not None
    return request.json_body


def call_and_wait(qtbot: QtBot, app: DialerApp, ui: Controls, *, succeed: bool = True) -> str:
    """Click Call, wait for the outcome; return the status text."""
    signal = app.calls.succeeded if succeed else app.calls.failed
    with qtbot.waitSignal(signal, timeout=WAIT_MS):
        click(qtbot, ui.call)
    return ui.status.text()


@pytest.fixture
def ui(dialer: DialerApp, qtbot: QtBot) -> Controls:
    qtbot.waitExposed(dialer.window)
    return Controls.of(dialer.window)


# 1 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("toggle", "webrtc", "followme"),
    [("webrtcToggle", True, False), ("followmeToggle", False, True)],
)
def test_dial_by_mouse_places_one_call(
    dialer: DialerApp,
    ui: Controls,
    qtbot: QtBot,
    sandbox: SandboxServer,
    toggle: str,
    webrtc: bool,
    followme: bool,
) -> None:
    click(qtbot, find(ui.window, QPushButton, toggle))
    dial_by_mouse(qtbot, ui, "9200000000")
    assert ui.number.text() == "9200000000"
    assert "India" in ui.preview()
    assert ui.call.isEnabled()

    status = call_and_wait(qtbot, dialer, ui)

    [request] = sandbox.wait_for_requests(1)
    sent = body(request)
    assert sent["to"] == TO_DIGITS
    assert type(sent["to"]) is int
    assert (sent["webrtc"], sent["followme"]) == (webrtc, followme)
    assert sent["user_id"] == DEMO_USER_ID
    assert sent["secret"] == DEMO_SECRET
    assert "callerid" not in sent
    assert "extra_params" not in sent
    assert "Call initiated" in status
    assert URL_SAFE_43.fullmatch(ui.request_id())
    assert DEMO_SECRET not in status
    assert settled_requests(qtbot, dialer) == 1
    assert len(sandbox.requests) == 1


# 2 ------------------------------------------------------------------------------------------
def test_dial_by_keyboard_only(
    dialer: DialerApp, ui: Controls, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    qtbot.waitUntil(lambda: QApplication.focusWidget() is ui.number, timeout=WAIT_MS)
    qtbot.keyClicks(ui.number, "+91 92000 00000")
    assert ui.call.isEnabled()

    with qtbot.waitSignal(dialer.calls.succeeded, timeout=WAIT_MS):
        qtbot.keyClick(ui.number, Qt.Key.Key_Return)

    [request] = sandbox.wait_for_requests(1)
    assert body(request)["to"] == TO_DIGITS
    assert "Call initiated" in ui.status.text()
    qtbot.keyClick(ui.number, Qt.Key.Key_Escape)
    assert ui.number.text() == ""
    assert not ui.call.isEnabled()
    assert settled_requests(qtbot, dialer) == 1
    assert len(sandbox.requests) == 1


# 3 ------------------------------------------------------------------------------------------
def test_long_press_zero_types_plus(dialer: DialerApp, ui: Controls, qtbot: QtBot) -> None:
    hold(qtbot, ui.key("0"), 800)
    assert ui.number.text() == "+"
    click(qtbot, ui.key("0"))
    assert ui.number.text() == "+0"


def test_clicks_on_a_key_s_digit_and_letters_reach_the_key(
    dialer: DialerApp, ui: Controls, qtbot: QtBot
) -> None:
    """The digit and the letters are labels inside the key: a press on them is the key's."""
    digit, letters = ui.key("5").findChildren(QLabel)
    assert (digit.text(), letters.text()) == ("5", "JKL")
    click(qtbot, digit)
    click(qtbot, letters)
    hold(qtbot, ui.key("0").findChildren(QLabel)[0], 800)
    assert ui.number.text() == "55+"


def test_backspace_click_deletes_one_and_hold_clears(
    dialer: DialerApp, ui: Controls, qtbot: QtBot
) -> None:
    dial_by_mouse(qtbot, ui, "92000")
    click(qtbot, ui.backspace)
    assert ui.number.text() == "9200"
    click(qtbot, ui.backspace)
    assert ui.number.text() == "920"
    hold(qtbot, ui.backspace, 900)
    assert ui.number.text() == ""
    assert not ui.call.isEnabled()


# 4 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["12", "abc", "+999 123"])
def test_invalid_number_blocks_calling(
    dialer: DialerApp, ui: Controls, qtbot: QtBot, sandbox: SandboxServer, text: str
) -> None:
    with pytest.raises(InvalidNumberError) as expected:
        normalize(text, dialer.settings.default_region)
    qtbot.keyClicks(ui.number, text)

    assert not ui.call.isEnabled()
    assert not ui.preview().strip()  # not wrong yet: the agent may still be typing
    assert ui.call.toolTip() == expected.value.reason
    qtbot.keyClick(ui.number, Qt.Key.Key_Return)  # Enter says why nothing happens
    assert ui.preview() == expected.value.reason
    click(qtbot, ui.call)
    assert settled_requests(qtbot, dialer) == 0
    assert sandbox.requests == []


# 5 ------------------------------------------------------------------------------------------
def test_paste_tel_link_gives_clean_number(
    dialer: DialerApp, ui: Controls, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    QGuiApplication.clipboard().setText("tel:+91-92000-00000")
    qtbot.keySequence(ui.number, QKeySequence.StandardKey.Paste)

    assert ui.number.text() == "+91 92000 00000"
    assert ui.call.isEnabled()
    call_and_wait(qtbot, dialer, ui)
    assert body(sandbox.wait_for_requests(1)[0])["to"] == TO_DIGITS


# 6 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3, 7, 11])
def test_mode_toggles_keep_exactly_one_on(
    dialer: DialerApp,
    ui: Controls,
    qtbot: QtBot,
    sandbox: SandboxServer,
    profile_dir: Path,
    seed: int,
) -> None:
    rng = random.Random(seed)
    switches = 0
    for _ in range(16):
        toggle = rng.choice([ui.webrtc, ui.followme])
        was_checked = toggle.isChecked()
        switches += not was_checked
        click(qtbot, toggle)
        assert toggle.isChecked()
        assert ui.webrtc.isChecked() != ui.followme.isChecked()
    assert switches >= 1  # the seed exercised a real switch

    mode = DeliveryMode.MOBILE if ui.followme.isChecked() else DeliveryMode.SOFTPHONE
    dial_by_mouse(qtbot, ui, "9200000000")
    call_and_wait(qtbot, dialer, ui)

    sent = body(sandbox.wait_for_requests(1)[0])
    assert (sent["webrtc"], sent["followme"]) == (ui.webrtc.isChecked(), ui.followme.isChecked())
    assert dialer.runtime.settings.default_mode is mode
    # the file keeps what differs from the default: read it as the next start would
    qtbot.waitUntil(
        lambda: SettingsFile(profile_dir).load().settings.default_mode is mode,
        timeout=WAIT_MS,
    )


# 7 ------------------------------------------------------------------------------------------
def test_caller_id_choice_is_sent(
    make_dialer: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    tmp_path: Path,
) -> None:
    profile = tmp_path / "callers"
    profile.mkdir()
    write_settings(profile, user_id=DEMO_USER_ID, caller_ids=[CALLER_ID])
    app = make_dialer(profile)
    ui = Controls.of(app.window)
    assert ui.caller_id.currentText() == "Account default"
    qtbot.keyClicks(ui.number, "+91 92000 00000")

    ui.caller_id.setCurrentIndex(ui.caller_id.findData(CALLER_ID))
    call_and_wait(qtbot, app, ui)
    sent = body(sandbox.wait_for_requests(1)[0])
    assert sent["callerid"] == int(CALLER_ID)
    assert type(sent["callerid"]) is int

    ui.caller_id.setCurrentIndex(ui.caller_id.findText("Account default"))
    ui.number.clear()
    qtbot.keyClicks(ui.number, "+91 92000 00001")  # another number: no repeat hold-off
    call_and_wait(qtbot, app, ui)
    assert "callerid" not in body(sandbox.wait_for_requests(2)[1])


# 8 ------------------------------------------------------------------------------------------
WRONG_SECRET = "wrong-secret-5f1e2d"
UNKNOWN_USER = "999_0000000"


@dataclass(frozen=True)
class ErrorCase:
    """How to break the next call, which words the status must contain, how to repair."""

    words: tuple[str, ...]
    fault: Fault | None = None
    secret: str = DEMO_SECRET
    user_id: str = DEMO_USER_ID
    may_have_rung: bool = False  # the answer leaves open whether the platform started it


ERROR_CASES = {
    "wrong_secret": ErrorCase(("app secret was rejected", "Settings"), secret=WRONG_SECRET),
    "unknown_user": ErrorCase(("user id",), user_id=UNKNOWN_USER),
    "html_500": ErrorCase(("server error", "500"), Fault.HTML_500, may_have_rung=True),
    "code_407_in_body": ErrorCase(("app secret was rejected",), Fault.CODE_407_IN_BODY),
    "proxy_407": ErrorCase(("proxy",), Fault.PROXY_407),
    "non_json_200": ErrorCase(("not with JSON",), Fault.NON_JSON_200, may_have_rung=True),
    "missing_request_id": ErrorCase(
        ("no request_id",), Fault.MISSING_REQUEST_ID, may_have_rung=True
    ),
    "reset": ErrorCase(("broke", "check your phone"), Fault.RESET, may_have_rung=True),
}


@pytest.mark.parametrize("case", ERROR_CASES.values(), ids=ERROR_CASES.keys())
def test_call_errors_are_explained_and_recoverable(
    make_dialer: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    tmp_path: Path,
    case: ErrorCase,
) -> None:
    profile = tmp_path / "errors"
    profile.mkdir()
    write_settings(profile, user_id=case.user_id)
    app = make_dialer(profile, secret=None)
    app.runtime.credentials.set_secret(case.user_id, case.secret)
    if case.fault is not None:
        sandbox.set_fault(case.fault)
    ui = Controls.of(app.window)
    qtbot.keyClicks(ui.number, "+91 92000 00000")

    status = call_and_wait(qtbot, app, ui, succeed=False)

    [first] = sandbox.wait_for_requests(1)
    assert (body(first)["user_id"], body(first)["secret"]) == (case.user_id, case.secret)
    assert "failed" in status
    for word in case.words:
        assert word.lower() in status.lower(), status
    assert DEMO_SECRET not in status
    assert WRONG_SECRET not in status
    assert ui.call.isEnabled()

    # repair what was broken: the very next call goes through
    sandbox.set_fault(Fault.NONE)
    app.runtime.credentials.set_secret(DEMO_USER_ID, DEMO_SECRET)
    if case.user_id != DEMO_USER_ID:
        app.update_settings(replace(app.settings, user_id=DEMO_USER_ID))
    if case.may_have_rung:
        # The platform may have started that call: a quick second click is held back (the
        # customer must not ring twice) and Call again is offered instead.
        with qtbot.waitSignal(app.calls.refused, timeout=WAIT_MS):
            click(qtbot, ui.call)
        assert "nothing was sent" in ui.status.text()
        again = find(app.window, QPushButton, "callAgainButton")
        assert again.isVisible()
        with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
            click(qtbot, again)
        status = ui.status.text()
    else:  # refused outright (400, 404, 407): nobody rang, the very next call goes through
        status = call_and_wait(qtbot, app, ui)
    assert "Call initiated" in status
    assert len(sandbox.wait_for_requests(2)) == 2
    assert len(sandbox.requests) == 2
    assert body(sandbox.requests[1])["secret"] == DEMO_SECRET


# 9 ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("how", ["click", "enter"])
def test_mashing_call_sends_one_request(
    dialer: DialerApp, ui: Controls, qtbot: QtBot, sandbox: SandboxServer, how: str
) -> None:
    sandbox.set_fault(Fault.DELAY, delay=1.0)
    qtbot.keyClicks(ui.number, "+91 92000 00000")

    with qtbot.waitSignal(dialer.calls.succeeded, timeout=WAIT_MS):
        for _ in range(10):
            if how == "click":
                click(qtbot, ui.call)
            else:
                qtbot.keyClick(ui.number, Qt.Key.Key_Return)
            assert not ui.call.isEnabled()
        sandbox.wait_for_requests(1)
        assert not ui.call.isEnabled()

    assert ui.call.isEnabled()
    assert settled_requests(qtbot, dialer) == 1
    assert len(sandbox.requests) == 1


# 10 -----------------------------------------------------------------------------------------
def test_window_stays_responsive_during_a_slow_call(
    dialer: DialerApp, ui: Controls, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.set_fault(Fault.DELAY, delay=3.0)
    qtbot.keyClicks(ui.number, "+91 92000 00000")
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.setInterval(10)

    def beat() -> None:
        if dialer.calls.in_flight:
            ticks.append(time.perf_counter())

    heartbeat.timeout.connect(beat)
    heartbeat.start()
    try:
        call_and_wait(qtbot, dialer, ui)
    finally:
        heartbeat.stop()

    assert len(ticks) > 1, "the GUI thread never ran while the call was in flight"
    assert ticks[-1] - ticks[0] >= 2.5  # measured over (nearly) the whole call
    worst_gap = max(b - a for a, b in itertools.pairwise(ticks))
    assert worst_gap <= 0.050, f"GUI thread stalled for {worst_gap * 1000:.0f} ms"


def test_typing_does_not_drain_bool_references(
    dialer: DialerApp, ui: Controls, qtbot: QtBot
) -> None:
    """Every keystroke emits Python-side signals. PySide6 6.12.0's ``SignalInstance.emit``
    returns ``True`` without a new reference, so on Python 3.11 (mortal ``True``) each emit
    drains one reference and the dialer aborts ("bool_dealloc") after ~1,000 keystrokes.
    """
    before = sys.getrefcount(True)
    for _ in range(150):
        qtbot.keyClick(ui.number, Qt.Key.Key_9)
        qtbot.keyClick(ui.number, Qt.Key.Key_Backspace)
    lost = before - sys.getrefcount(True)
    assert lost < 50, f"{lost} references to True lost in 300 keystrokes"


# 14 -----------------------------------------------------------------------------------------
CONTRACT_NAMES = (
    "numberInput",
    "callButton",
    *(f"dialKey_{d}" for d in "0123456789"),
    "dialKey_star",
    "dialKey_hash",
    "backspaceButton",
    "webrtcToggle",
    "followmeToggle",
    "callerIdCombo",
    "statusLabel",
)


def test_automation_contract(dialer: DialerApp, ui: Controls) -> None:
    for name in CONTRACT_NAMES:
        widget = find(ui.window, QWidget, name)
        assert widget.accessibleName().strip(), f"{name} has no accessible name"
    assert ui.webrtc.isCheckable()
    assert ui.followme.isCheckable()
    assert ui.webrtc.isChecked() != ui.followme.isChecked()


# 15 -----------------------------------------------------------------------------------------
def test_build_twice_in_one_process(
    make_dialer: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    profile_dir: Path,
) -> None:
    for round_number in (1, 2):
        app = make_dialer(profile_dir)
        ui = Controls.of(app.window)
        qtbot.keyClicks(ui.number, "+91 92000 00000")
        assert "Call initiated" in call_and_wait(qtbot, app, ui)
        assert len(sandbox.wait_for_requests(round_number)) == round_number
        app.shutdown()
