"""What the dialogs say: the address calls really go to, a keyring waiting on a password
prompt, a set-up dialog that grows with its message, the label of each of a contact's
numbers in quick call."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_search import ContactIndex
from dialer_app.sandbox.server import SandboxServer
from tests.support.dialogs import (
    app_with_keyring,
    clipped,
    fill_account,
    find,
    profile_without_account,
    start_setup,
)
from tests.support.memory_keyring import HangingKeyring
from tests.support.wait import WAIT_MS

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def fresh_profile(tmp_path: Path) -> Path:
    """A profile with no account yet."""
    return profile_without_account(tmp_path)


@pytest.fixture
def open_app(sandbox: SandboxServer) -> Iterator[Callable[..., DialerApp]]:
    """Build (not start) apps on a profile with a given keyring, calling the sandbox."""
    apps: list[DialerApp] = []

    def make(profile: Path, backend: KeyringBackend) -> DialerApp:
        apps.append(app_with_keyring(profile, backend, "--api-base", sandbox.base_url))
        return apps[-1]

    yield make
    for app in apps:
        app.shutdown()


ASHA = Contact(
    "Asha Rao",
    (
        ContactNumber("+91 92000 00000", "919200000000", "mobile"),
        ContactNumber("+91 92000 00001", "919200000001", "work"),
    ),
    id=1,
)


def connection_note(app: DialerApp) -> QLabel:
    dialog = app.open_settings()
    dialog.tabs.setCurrentIndex(2)
    return dialog.connection_note


def test_settings_say_when_api_base_overrides_the_saved_address(
    open_app: Callable[..., DialerApp],
    sandbox: SandboxServer,
    fresh_profile: Path,
) -> None:
    app = open_app(fresh_profile, HangingKeyring())
    note = connection_note(app)
    assert note.isVisibleTo(note.window())
    assert sandbox.base_url in note.text()
    assert "--api-base" in note.text()
    assert "not used" in note.text()
    field = note.window().base_url_input  # type: ignore[attr-defined]
    assert field.text() == "https://rest.telecmi.com"  # what is saved, said to be unused
    assert sandbox.base_url in field.accessibleDescription()


def test_settings_say_when_the_sandbox_is_in_use(qtbot: QtBot, fresh_profile: Path) -> None:
    app = build(["--profile", str(fresh_profile), "--sandbox"])
    try:
        note = connection_note(app)
        assert note.isVisibleTo(note.window())
        assert "sandbox" in note.text()
    finally:
        app.shutdown()


def test_settings_say_nothing_when_the_saved_address_is_used(
    qtbot: QtBot, fresh_profile: Path
) -> None:
    app = build(["--profile", str(fresh_profile)])
    try:
        note = connection_note(app)
        assert not note.isVisibleTo(note.window())
    finally:
        app.shutdown()


def test_set_up_says_a_keyring_password_prompt_may_be_waiting(
    open_app: Callable[..., DialerApp], qtbot: QtBot, fresh_profile: Path
) -> None:
    keyring = HangingKeyring()
    app = open_app(fresh_profile, keyring)
    dialog = start_setup(qtbot, app)
    fill_account(qtbot, dialog)
    save = find(dialog, QPushButton, "setupSaveButton")
    qtbot.mouseClick(save, LEFT)
    message = find(dialog, QLabel, "setupMessage")
    assert "password prompt" not in message.text()  # not at once: most keyrings just answer
    qtbot.waitUntil(lambda: keyring.calls_started.is_set(), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: "password prompt may be open" in message.text(), timeout=WAIT_MS)
    assert dialog.isVisible()
    assert not save.isEnabled()
    keyring.release()  # the agent answered the prompt
    qtbot.waitUntil(lambda: app.setup_dialog is None, timeout=WAIT_MS)


def test_set_up_grows_with_a_keyring_failure_instead_of_squashing(
    open_app: Callable[..., DialerApp], qtbot: QtBot, fresh_profile: Path
) -> None:
    from keyring.backends import fail

    app = open_app(fresh_profile, fail.Keyring())
    dialog = start_setup(qtbot, app)
    fill_account(qtbot, dialog)
    qtbot.mouseClick(find(dialog, QPushButton, "setupSaveButton"), LEFT)
    session_only = find(dialog, QPushButton, "setupSessionOnlyButton")
    qtbot.waitUntil(session_only.isVisible, timeout=WAIT_MS)
    qtbot.wait(0)  # the layout settles on the next turn of the event loop
    assert clipped(dialog) == []
    assert session_only.width() >= session_only.sizeHint().width()


def test_quick_call_rows_of_one_person_show_each_numbers_label(
    qtbot: QtBot, fresh_profile: Path
) -> None:
    app = build(["--profile", str(fresh_profile), "--sandbox"])
    try:
        tray = app.tray
        asked: list[int] = []

        def read(contact_id: int, done: Callable[[Contact | None], object]) -> None:
            asked.append(contact_id)
            done(ASHA if contact_id == 1 else None)

        tray.set_contact_reader(read)
        tray.set_index(
            ContactIndex(
                [
                    (
                        1,
                        "Asha Rao",
                        "",
                        False,
                        "+91 92000 00000, +91 92000 00001",
                        "919200000000 919200000001",
                    ),
                    (2, "Asha Verma", "", False, "+91 93000 00000", "919300000000"),
                ]
            )
        )
        popup = tray.popup
        popup.open_with("asha")
        labels = [(s.name, s.label) for s in popup.suggestions()]
        assert labels == [("Asha Rao", "mobile"), ("Asha Rao", "work"), ("Asha Verma", "")]
        assert asked == [1]  # one read for the contact with several numbers, none for one
        assert "mobile" in popup.preview_label.text()
        items = [popup.suggestion_list.item(i).text() for i in range(2)]
        assert items == ["Asha Rao, mobile, +91 92000 00000", "Asha Rao, work, +91 92000 00001"]
        popup.open_with("asha r")
        assert asked == [1]  # known now: not read again
    finally:
        app.shutdown()
