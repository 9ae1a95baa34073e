"""First-run setup and the settings dialog, driven through their widgets."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
)
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.credentials import CredentialStore
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, RecordedRequest, SandboxServer
from tests.support.dialogs import fill_account, profile_without_account, start_setup
from tests.support.focus import leave
from tests.support.memory_keyring import MemoryKeyring
from tests.support.wait import WAIT_MS
from tests.support.widgets import find

LEFT = Qt.MouseButton.LeftButton
CALLER_ID = "919800000000"


def place_call(qtbot: QtBot, app: DialerApp) -> str:
    """Type a number, click Call, wait for success; return the status text."""
    window = app.window
    qtbot.keyClicks(find(window, QLineEdit, "numberInput"), "+91 92000 00000")
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        qtbot.mouseClick(find(window, QPushButton, "callButton"), LEFT)
    return find(window, QLabel, "statusLabel").text()


def json_body(request: RecordedRequest) -> dict[str, object]:
    assert request.json_body is not None
    return request.json_body


def files_containing(folder: Path, needle: str) -> list[Path]:
    files = (path for path in folder.rglob("*") if path.is_file())
    return [path for path in files if needle.encode() in path.read_bytes()]


def saved_settings(profile: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((profile / "settings.json").read_text("utf-8"))
    return data


@pytest.fixture
def fresh_profile(tmp_path: Path) -> Path:
    """A profile with no account yet."""
    return profile_without_account(tmp_path)


@pytest.fixture
def open_app(qtbot: QtBot, sandbox: SandboxServer) -> Iterator[Callable[..., DialerApp]]:
    """Build (not start) an app on ``profile`` whose keyring is ``backend``."""
    apps: list[DialerApp] = []

    def make(profile: Path, backend: KeyringBackend) -> DialerApp:
        app = build(["--profile", str(profile), "--api-base", sandbox.base_url])
        app.runtime.credentials = CredentialStore(app.settings.profile_id, backend=backend)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.shutdown()


# 12 first run ---------------------------------------------------------------------------------
def test_first_run_setup_stores_secret_in_keyring_only(
    open_app: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    fresh_profile: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    app = open_app(fresh_profile, memory_keyring)
    dialog = start_setup(qtbot, app)
    save = find(dialog, QPushButton, "setupSaveButton")
    assert not save.isEnabled()  # nothing typed yet
    fill_account(qtbot, dialog)
    assert save.isEnabled()

    qtbot.mouseClick(save, LEFT)

    qtbot.waitUntil(lambda: DEMO_SECRET in memory_keyring.entries.values(), timeout=WAIT_MS)
    [(service, user)] = memory_keyring.entries
    assert (service, user) == (app.runtime.credentials.service_name, DEMO_USER_ID)
    qtbot.waitUntil(lambda: app.setup_dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: saved_settings(fresh_profile).get("user_id") == DEMO_USER_ID, timeout=WAIT_MS
    )
    assert files_containing(fresh_profile, DEMO_SECRET) == []
    assert not app.needs_setup()

    assert "Call initiated" in place_call(qtbot, app)
    sent = json_body(sandbox.wait_for_requests(1)[0])
    assert (sent["user_id"], sent["secret"]) == (DEMO_USER_ID, DEMO_SECRET)
    assert files_containing(fresh_profile, DEMO_SECRET) == []


def test_setup_without_keyring_offers_session_only(
    open_app: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    fresh_profile: Path,
) -> None:
    app = open_app(fresh_profile, fail.Keyring())
    dialog = start_setup(qtbot, app)
    session_only = find(dialog, QPushButton, "setupSessionOnlyButton")
    assert not session_only.isVisible()
    fill_account(qtbot, dialog)

    qtbot.mouseClick(find(dialog, QPushButton, "setupSaveButton"), LEFT)

    qtbot.waitUntil(session_only.isVisible, timeout=WAIT_MS)
    message = find(dialog, QLabel, "setupMessage").text()
    assert "keyring" in message.lower()
    assert DEMO_SECRET not in message
    assert session_only.isEnabled()
    qtbot.mouseClick(session_only, LEFT)

    qtbot.waitUntil(lambda: app.setup_dialog is None, timeout=WAIT_MS)
    assert "Call initiated" in place_call(qtbot, app)
    sent = json_body(sandbox.wait_for_requests(1)[0])
    assert (sent["user_id"], sent["secret"]) == (DEMO_USER_ID, DEMO_SECRET)
    qtbot.waitUntil(
        lambda: saved_settings(fresh_profile).get("user_id") == DEMO_USER_ID, timeout=WAIT_MS
    )
    assert files_containing(fresh_profile, DEMO_SECRET) == []


def test_setup_try_the_sandbox(
    open_app: Callable[..., DialerApp],
    qtbot: QtBot,
    sandbox: SandboxServer,
    fresh_profile: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    app = open_app(fresh_profile, memory_keyring)
    dialog = start_setup(qtbot, app)
    assert "Sandbox" not in app.window.windowTitle()

    qtbot.mouseClick(find(dialog, QPushButton, "setupSandboxButton"), LEFT)

    qtbot.waitUntil(lambda: app.setup_dialog is None, timeout=WAIT_MS)
    assert "Sandbox" in app.window.windowTitle()
    # the platform appends "— Dialer" (the application's display name): not twice
    assert "Dialer" not in app.window.windowTitle()
    builtin = app.runtime.sandbox
    assert builtin is not None
    assert "Call initiated" in place_call(qtbot, app)
    assert len(builtin.wait_for_requests(1)) == 1
    assert sandbox.requests == []  # the --api-base server got nothing
    assert memory_keyring.entries == {}


# 13 settings ----------------------------------------------------------------------------------
def open_settings(qtbot: QtBot, app: DialerApp) -> tuple[QDialog, QPushButton, QLabel]:
    dialog = app.open_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None
    return dialog, ok, find(dialog, QLabel, "settingsError")


def show_tab(dialog: QDialog, title: str) -> None:
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    tabs.setCurrentIndex(titles.index(title))


def test_settings_extra_params(
    dialer: DialerApp, qtbot: QtBot, sandbox: SandboxServer, profile_dir: Path
) -> None:
    dialog, ok, error = open_settings(qtbot, dialer)
    show_tab(dialog, "Calling")
    extra = find(dialog, QPlainTextEdit, "extraParamsInput")
    assert ok.isEnabled()

    extra.setPlainText('{"crm": tru')
    assert error.text() == ""  # not while typing
    leave(extra)
    assert "extra_params" in error.text()
    qtbot.mouseClick(ok, LEFT)
    assert dialog.isVisible()  # refused
    extra.setPlainText("[1, 2]")
    assert "JSON object" in error.text()  # shown already: it follows the text
    extra.setPlainText('{"crm": true}')
    assert error.text() == ""

    qtbot.mouseClick(ok, LEFT)

    assert not dialog.isVisible()
    assert dialer.settings.extra_params_template == {"crm": True}
    place_call(qtbot, dialer)
    assert json_body(sandbox.wait_for_requests(1)[0])["extra_params"] == {"crm": True}
    qtbot.waitUntil(
        lambda: saved_settings(profile_dir).get("extra_params_template") == {"crm": True},
        timeout=WAIT_MS,
    )


def test_settings_added_caller_id_reaches_the_window(
    dialer: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    dialog, ok, _error = open_settings(qtbot, dialer)
    show_tab(dialog, "Calling")
    caller_input = find(dialog, QLineEdit, "callerIdInput")
    caller_list = find(dialog, QListWidget, "callerIdList")

    qtbot.keyClicks(caller_input, "+91 98000 00000")
    qtbot.keyClick(caller_input, Qt.Key.Key_Return)

    assert dialog.isVisible(), "Enter in the caller id field must not close the dialog"
    assert caller_list.count() == 1
    assert caller_input.text() == ""
    qtbot.mouseClick(ok, LEFT)
    assert not dialog.isVisible()

    combo = find(dialer.window, QComboBox, "callerIdCombo")
    index = combo.findData(CALLER_ID)
    assert index > 0
    combo.setCurrentIndex(index)
    place_call(qtbot, dialer)
    assert json_body(sandbox.wait_for_requests(1)[0])["callerid"] == int(CALLER_ID)


def test_settings_refuse_plain_http_to_other_hosts(dialer: DialerApp, qtbot: QtBot) -> None:
    original = dialer.settings
    dialog, ok, error = open_settings(qtbot, dialer)
    show_tab(dialog, "Connection")
    base_url = find(dialog, QLineEdit, "apiBaseInput")

    base_url.clear()
    qtbot.keyClicks(base_url, "http://example.com")
    assert error.text() == ""  # not while typing
    qtbot.mouseClick(ok, LEFT)
    assert dialog.isVisible()
    assert "http://" in error.text()  # shown on submit

    base_url.clear()
    qtbot.keyClicks(base_url, "https://rest.telecmi.com")
    assert error.text() == ""
    dialog.reject()
    assert dialer.settings == original
