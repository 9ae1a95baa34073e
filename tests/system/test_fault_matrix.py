"""Every fault on every surface: the message, the history, the traffic, and recovery.

Faults come from ``tests/support/fault_cases.py``. Surfaces: the window's Call button, the tray's
quick-call popup, a tel: link (with "dial links immediately" on) and ``dialer-app call --json``
run in-process. One wired app serves the three GUI surfaces (its state is reset between
tests); the CLI gets its own profile. The matrix is printed at the end of the run and saved
to ``docs/fault-matrix.md``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, replace
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dialer_app.__main__ import main as cli_main
from dialer_app.app.composition import DialerApp, build
from dialer_app.cli.output import EXIT_OK
from dialer_app.core.call_attempt import CallFailure
from dialer_app.core.call_request import CallResult
from dialer_app.sandbox.server import DEMO_USER_ID
from tests.support.fault_cases import (
    FAULT_CASES,
    LINK,
    MAY_HAVE_BEEN_PLACED,
    NUMBER_DIGITS,
    NUMBER_TEXT,
    REQUEST_TIMEOUT_S,
    FaultCase,
    Lab,
    Target,
    assert_clean_line,
)
from tests.support.fault_matrix_report import FaultMatrix
from tests.support.fault_servers import OfflineResolver, offline_resolver
from tests.support.harness import REPO_ROOT, TEST_PROFILE_ID, memory_credentials, write_settings
from tests.support.memory_keyring import MemoryKeyring
from tests.support.wait import WAIT_MS

GUI_SURFACES = ("window", "tray", "link")
SURFACES = (*GUI_SURFACES, "cli")
MATRIX = FaultMatrix(FAULT_CASES, SURFACES)
MATRIX_DOC = REPO_ROOT / "docs" / "fault-matrix.md"
PROXY_ENV = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@dataclass(frozen=True)
class HistoryRow:
    id: int
    outcome: str
    error_kind: str | None
    error_text: str | None
    request_id: str | None
    number_digits: str


def history_rows(database: Path, after_id: int = 0) -> list[HistoryRow]:
    """What the profile's store holds, read through its own connection (not the app's)."""
    if not database.exists():
        return []
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'history'").fetchone():
            return []  # the app is still creating the file: no call recorded yet
        rows = conn.execute(
            "SELECT id, outcome, error_kind, error_text, request_id, number_digits"
            " FROM history WHERE id > ? ORDER BY id",
            (after_id,),
        ).fetchall()
    return [HistoryRow(*row) for row in rows]


# fixtures ---------------------------------------------------------------------------------
@pytest.fixture(scope="module", autouse=True)
def _publish_matrix(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    MATRIX.publish(request.config, MATRIX_DOC)


@pytest.fixture(scope="module")
def resolver() -> Iterator[OfflineResolver]:
    """No name but loopback resolves in this process, and no proxy comes from the env."""
    with pytest.MonkeyPatch.context() as patch:
        for name in (*PROXY_ENV, *(n.lower() for n in PROXY_ENV)):
            patch.delenv(name, raising=False)
        with offline_resolver() as offline:
            yield offline


@pytest.fixture(scope="module")
def lab(resolver: OfflineResolver, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    with Lab.running(tmp_path_factory.mktemp("tls"), resolver=resolver) as running:
        yield running


@pytest.fixture(scope="module")
def gui(
    qapp: QApplication, lab: Lab, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DialerApp]:
    """One fully wired app (as ``main`` builds it) for the window, tray and link surfaces."""
    profile = tmp_path_factory.mktemp("gui") / "profile"
    profile.mkdir()
    write_settings(
        profile,
        user_id=DEMO_USER_ID,
        request_timeout=REQUEST_TIMEOUT_S,
        dial_links_immediately=True,
        repeat_hold_off_s=0,  # every row calls one number right after the last: see test_one_ring
    )
    app = build(["--profile", str(profile), "--api-base", lab.sandbox.base_url])
    app.runtime.credentials = memory_credentials(app.settings.profile_id, MemoryKeyring())
    app.start()
    yield app
    app.shutdown()


@pytest.fixture(scope="module")
def cli_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    profile = tmp_path_factory.mktemp("cli") / "profile"
    profile.mkdir()
    return profile


@pytest.fixture(scope="module")
def cli_keyring() -> Iterator[MemoryKeyring]:
    """The in-process CLI finds the demo secret through ``keyring``; restored afterwards."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    memory_credentials(TEST_PROFILE_ID, backend)
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


# GUI surfaces -----------------------------------------------------------------------------
class GuiDriver:
    """Places calls on one surface of the shared app and reads what the agent sees."""

    def __init__(self, app: DialerApp, qtbot: QtBot) -> None:
        self.app = app
        self.qtbot = qtbot
        self.database = app.runtime.database_path

    def point_at(self, target: Target) -> None:
        """Send the next call to ``target`` on a fresh connection (as a settings change does)."""
        app = self.app
        app.runtime.api_base_override = target.api_base
        if app.settings.proxy_url != target.proxy_url:
            app.update_settings(replace(app.settings, proxy_url=target.proxy_url))
        app.calls.reset_client()

    def place(self, surface: str) -> tuple[str, object]:
        """Trigger one call from ``surface``; ("failed", CallFailure) or ("succeeded", result)."""
        outcomes: list[tuple[str, object]] = []

        def succeeded(_attempt: object, result: object) -> None:
            outcomes.append(("succeeded", result))

        def failed(_attempt: object, failure: object) -> None:
            outcomes.append(("failed", failure))

        calls = self.app.calls
        calls.succeeded.connect(succeeded)
        calls.failed.connect(failed)
        try:
            self._trigger(surface)
            self.qtbot.waitUntil(lambda: bool(outcomes), timeout=WAIT_MS)
        finally:
            calls.succeeded.disconnect(succeeded)
            calls.failed.disconnect(failed)
        assert len(outcomes) == 1, outcomes
        assert not calls.in_flight
        return outcomes[0]

    def _trigger(self, surface: str) -> None:
        app, window = self.app, self.app.window
        if surface == "window":
            window.set_number(NUMBER_TEXT)
            assert window.call_button.isEnabled()
            self.qtbot.mouseClick(window.call_button, Qt.MouseButton.LeftButton)
        elif surface == "tray":
            popup = app.tray.popup
            popup.open_with(NUMBER_TEXT)
            assert popup.activate()
            assert not popup.isVisible()
        else:
            assert app.instance is not None
            assert app.instance.open_link(LINK), "the link must dial at once"

    def status(self) -> tuple[str, str]:
        window = self.app.window
        return window.status_label.text(), str(window.status_frame.property("state"))

    def last_history_id(self) -> int:
        rows = history_rows(self.database)
        return rows[-1].id if rows else 0

    def wait_for_history(self, after_id: int) -> HistoryRow:
        """The one row recorded after ``after_id`` (waits for the store worker)."""
        self.qtbot.waitUntil(lambda: bool(history_rows(self.database, after_id)), timeout=WAIT_MS)
        [row] = history_rows(self.database, after_id)
        return row


def _check_failure_shown(driver: GuiDriver, surface: str, failure: CallFailure) -> None:
    text, state = driver.status()
    assert text == f"Call to {NUMBER_TEXT} failed. {failure.message}"
    assert state == "error"
    assert_clean_line(text)
    if surface == "tray":
        tray = driver.app.tray.tray
        assert tray.state() == "failed"
        assert tray.tray_icon.toolTip().endswith(f"last call failed ({NUMBER_TEXT})")


@pytest.mark.parametrize("surface", GUI_SURFACES)
@pytest.mark.parametrize("case", FAULT_CASES, ids=lambda case: case.key)
def test_gui_surface_reports_records_and_recovers(
    case: FaultCase, surface: str, gui: DialerApp, lab: Lab, qtbot: QtBot
) -> None:
    with MATRIX.cell(case, surface) as cell:
        driver = GuiDriver(gui, qtbot)
        lab.reset()
        before = driver.last_history_id()
        driver.point_at(lab.arm(case))

        outcome, failure = driver.place(surface)
        assert outcome == "failed", failure
        assert isinstance(failure, CallFailure)
        cell.kind = failure.kind
        assert failure.kind == case.kind
        assert case.message in failure.message
        assert (MAY_HAVE_BEEN_PLACED in failure.message) is case.warns_placed
        _check_failure_shown(driver, surface, failure)
        row = driver.wait_for_history(before)
        assert (row.outcome, row.error_kind, row.error_text, row.request_id) == (
            "failed",
            case.kind,
            failure.message,
            None,
        )
        assert row.number_digits == NUMBER_DIGITS
        panel = gui.contacts.history  # the History tab, fed by ``history_changed``
        qtbot.waitUntil(
            lambda: bool(panel.entries()) and panel.entries()[0].id == row.id, timeout=WAIT_MS
        )
        assert panel.entries()[0].error_kind == case.kind
        lab.assert_traffic(case)

        driver.point_at(lab.disarm())
        outcome, result = driver.place(surface)
        assert outcome == "succeeded", result
        assert isinstance(result, CallResult)
        text, state = driver.status()
        assert text.startswith("Call initiated")
        assert driver.app.window.outcome.request_id() == result.request_id
        assert state == "success"
        if surface == "tray":
            assert gui.tray.tray.state() == "idle"
        assert len(lab.sandbox.requests) == case.sandbox_requests + 1
        recovered = driver.wait_for_history(row.id)
        assert (recovered.outcome, recovered.error_kind, recovered.request_id) == (
            "initiated",
            None,
            result.request_id,
        )


# CLI --------------------------------------------------------------------------------------
def _cli_call(
    profile: Path, target: Target, capsys: pytest.CaptureFixture[str]
) -> tuple[int, dict[str, object]]:
    write_settings(
        profile,
        user_id=DEMO_USER_ID,
        request_timeout=REQUEST_TIMEOUT_S,
        proxy_url=target.proxy_url,
        repeat_hold_off_s=0,  # every row calls one number right after the last: see test_one_ring
    )
    code = cli_main(
        ["call", NUMBER_TEXT, "--profile", str(profile), "--api-base", target.api_base, "--json"]
    )
    out = capsys.readouterr().out
    [line] = out.splitlines()
    reply: dict[str, object] = json.loads(line)
    return code, reply


@pytest.mark.parametrize("case", FAULT_CASES, ids=lambda case: case.key)
def test_cli_reports_and_recovers(
    case: FaultCase,
    lab: Lab,
    cli_profile: Path,
    cli_keyring: MemoryKeyring,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with MATRIX.cell(case, "cli") as cell:
        lab.reset()
        rows = history_rows(cli_profile / "contacts.db")
        last_id = rows[-1].id if rows else 0
        code, reply = _cli_call(cli_profile, lab.arm(case), capsys)
        cell.kind, cell.exit_code = str(reply.get("error_kind")), code
        assert reply["ok"] is False
        assert reply["error_kind"] == case.kind
        assert code == case.exit_code
        message = str(reply["error"])
        assert case.message in message
        assert_clean_line(message)
        assert (MAY_HAVE_BEEN_PLACED in message) is case.warns_placed
        lab.assert_traffic(case)
        [recorded] = history_rows(cli_profile / "contacts.db", after_id=last_id)
        assert (recorded.outcome, recorded.error_kind) == ("failed", case.kind)
        assert recorded.error_text == message

        code, reply = _cli_call(cli_profile, lab.disarm(), capsys)
        assert code == EXIT_OK, reply
        assert reply["ok"] is True
        assert reply["to"] == NUMBER_DIGITS
        assert isinstance(reply["request_id"], str)
        assert reply["request_id"]
        assert len(lab.sandbox.requests) == case.sandbox_requests + 1
