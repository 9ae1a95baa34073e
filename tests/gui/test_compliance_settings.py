"""The Settings dialog's Compliance and Do-not-call tabs driven by keyboard and mouse, the
screen-pop field's checks, and managed defaults: locked keys shown disabled "set by your
administrator", a broken defaults file reported in the window."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.settings import SettingsFile
from dialer_app.core.store import Store
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID
from dialer_app.ui.settings_dialog import SettingsDialog
from tests.support.harness import write_settings
from tests.support.wait import WAIT_MS

ASHA = "919876543210"


@pytest.fixture
def app(make_dialer: Callable[..., DialerApp], tmp_path: Path) -> DialerApp:
    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, user_id=DEMO_USER_ID)
    return make_dialer(profile)


def child(dialog: SettingsDialog, kind: type, name: str) -> object:
    found = dialog.findChild(kind, name)
    assert found is not None, name
    return found


def stored_entries(app: DialerApp) -> list[tuple[str, str]]:
    store, _notice = Store.open(app.runtime.database_path)
    with store:
        return [(e.digits, e.note) for e in store.do_not_call_entries()]


def ok_button(dialog: SettingsDialog) -> object:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


# the do-not-call tab ----------------------------------------------------------------------
def test_numbers_are_added_with_enter_and_removed_with_delete(app: DialerApp, qtbot: QtBot) -> None:
    dialog = app.open_settings()
    dialog.tabs.setCurrentWidget(dialog.do_not_call)
    number = child(dialog, QLineEdit, "doNotCallNumber")
    note = child(dialog, QLineEdit, "doNotCallNote")
    assert isinstance(number, QLineEdit)
    assert isinstance(note, QLineEdit)

    qtbot.keyClicks(number, "098765 43210")
    qtbot.keyClicks(note, "asked twice")
    qtbot.keyClick(note, Qt.Key.Key_Return)

    assert dialog.isVisible()  # Enter added the number; it did not press OK
    assert dialog.do_not_call.shown_digits() == [ASHA]
    assert number.text() == ""
    assert "+91 98765 43210 is on the do-not-call list" in dialog.do_not_call.message.text()
    qtbot.waitUntil(lambda: stored_entries(app) == [(ASHA, "asked twice")], timeout=WAIT_MS)
    assert app.compliance.service.do_not_call.reason(ASHA) is not None

    qtbot.keyClicks(number, "not a number")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    assert "not a number that can be listed" in dialog.do_not_call.message.text()

    view = dialog.do_not_call.view
    view.selectRow(0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert dialog.do_not_call.shown_digits() == []
    qtbot.waitUntil(lambda: stored_entries(app) == [], timeout=WAIT_MS)
    assert app.compliance.service.do_not_call.reason(ASHA) is None


def test_a_file_is_imported_and_searched(app: DialerApp, qtbot: QtBot, tmp_path: Path) -> None:
    listing = tmp_path / "dnc.csv"
    listing.write_text(
        "Name,Phone,Notes\nAsha,+91 98765 43210,asked\nBob,+1 201 555 0123,\nX,hello,\n",
        encoding="utf-8",
    )
    dialog = app.open_settings()
    app.compliance.import_file(listing)
    tab = dialog.do_not_call
    qtbot.waitUntil(lambda: "Imported 2 numbers" in tab.message.text(), timeout=WAIT_MS)
    assert "2 added, 0 already listed, 1 lines skipped" in tab.message.text()
    assert "line 4: 'hello'" in tab.message.text()
    assert sorted(tab.shown_digits()) == ["12015550123", ASHA]
    qtbot.keyClicks(tab.search, "98765 432")
    assert tab.shown_digits() == [ASHA]
    tab.search.clear()
    qtbot.keyClicks(tab.search, "ASKED")
    assert tab.shown_digits() == [ASHA]
    qtbot.waitUntil(lambda: len(stored_entries(app)) == 2, timeout=WAIT_MS)


def test_an_unreadable_file_says_nothing_was_imported(
    app: DialerApp, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = app.open_settings()
    app.compliance.import_file(tmp_path / "missing.csv")
    qtbot.waitUntil(
        lambda: "Nothing was imported" in dialog.do_not_call.message.text(), timeout=WAIT_MS
    )
    assert stored_entries(app) == []


# the compliance tab -----------------------------------------------------------------------
def test_a_preset_and_a_limit_are_saved(app: DialerApp, qtbot: QtBot) -> None:
    dialog = app.open_settings()
    dialog.tabs.setCurrentWidget(dialog.compliance)
    combo = child(dialog, QComboBox, "callingHoursPreset")
    spin = child(dialog, QSpinBox, "maxAttemptsSpin")
    assert isinstance(combo, QComboBox)
    assert isinstance(spin, QSpinBox)
    combo.setCurrentIndex(combo.findText("India (TRAI): 09:00-21:00"))
    spin.setValue(3)
    dialog.accept()
    assert (app.settings.calling_hours, app.settings.max_attempts_per_day) == ("09:00-21:00", 3)
    qtbot.waitUntil(
        lambda: (
            SettingsFile(app.runtime.profile_dir).load().settings.calling_hours == "09:00-21:00"
        ),
        timeout=WAIT_MS,
    )


def test_custom_hours_are_checked_as_you_type(app: DialerApp, qtbot: QtBot) -> None:
    dialog = app.open_settings()
    combo = child(dialog, QComboBox, "callingHoursPreset")
    custom = child(dialog, QLineEdit, "callingHoursCustom")
    assert isinstance(combo, QComboBox)
    assert isinstance(custom, QLineEdit)
    assert not custom.isEnabled()
    combo.setCurrentIndex(combo.findData("custom"))
    assert custom.isEnabled()
    qtbot.keyClicks(custom, "9 to 5")
    assert "must look like 09:00-21:00" in dialog.error_label.text()
    assert not ok_button(dialog).isEnabled()  # type: ignore[attr-defined]
    custom.clear()
    qtbot.keyClicks(custom, "10:00 - 18:30")
    assert dialog.error_label.text() == ""
    assert dialog.result_settings().calling_hours == "10:00-18:30"


def test_a_team_source_that_cannot_be_one_is_refused(app: DialerApp, qtbot: QtBot) -> None:
    dialog = app.open_settings()
    source = child(dialog, QLineEdit, "dncSourceInput")
    assert isinstance(source, QLineEdit)
    qtbot.keyClicks(source, "http://lists.example.com/dnc.csv")
    assert "must use https://" in dialog.error_label.text()


def test_the_screen_pop_field_refuses_what_could_carry_the_secret(
    app: DialerApp, qtbot: QtBot
) -> None:
    dialog = app.open_settings()
    field = child(dialog, QLineEdit, "openUrlInput")
    assert isinstance(field, QLineEdit)
    qtbot.keyClicks(field, "https://crm.example.com/?s={secret}")
    assert "cannot contain {secret}" in dialog.error_label.text()
    field.clear()
    # the stored secret reaches the dialog from the keyring worker
    qtbot.waitUntil(lambda: bool(dialog._secrets), timeout=WAIT_MS)
    qtbot.keyClicks(field, f"https://crm.example.com/?k={DEMO_SECRET}&n={{e164}}")
    assert "contains the app secret" in dialog.error_label.text()
    assert DEMO_SECRET not in dialog.error_label.text()
    field.clear()
    qtbot.keyClicks(field, "https://crm.example.com/?n={e164}")
    assert dialog.error_label.text() == ""


# managed defaults -------------------------------------------------------------------------
def test_locked_keys_are_disabled_set_by_the_administrator_and_kept(
    make_dialer: Callable[..., DialerApp],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    defaults = tmp_path / "defaults.json"
    defaults.write_text(
        json.dumps(
            {
                "settings": {"calling_hours": "08:00-21:00", "dial_links_immediately": True},
                "locked": ["calling_hours", "dial_links_immediately"],
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("DIALER_SYSTEM_DEFAULTS", str(defaults))
    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, user_id=DEMO_USER_ID, calling_hours="10:00-11:00")
    app = make_dialer(profile)
    assert app.settings.calling_hours == "08:00-21:00"

    dialog = app.open_settings()

    combo = child(dialog, QComboBox, "callingHoursPreset")
    assert isinstance(combo, QComboBox)
    assert not combo.isEnabled()
    assert combo.toolTip() == "Set by your administrator"
    assert combo.currentText() == "United States (TCPA): 08:00-21:00"
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Calling hours (set by your administrator)" in labels
    assert dialog.locked_note.isVisibleTo(dialog)
    assert dialog.dial_links.text().endswith("(set by your administrator)")
    assert not dialog.dial_links.isEnabled()
    assert dialog.locked == {"calling_hours", "dial_links_immediately"}
    assert child(dialog, QSpinBox, "maxAttemptsSpin").isEnabled()  # type: ignore[attr-defined]

    dialog.accept()
    saved = json.loads((profile / "settings.json").read_text("utf-8"))
    assert saved["calling_hours"] == "10:00-11:00"  # the agent's own, kept for an unlock
    assert "dial_links_immediately" not in saved
    assert app.settings.calling_hours == "08:00-21:00"


def test_a_broken_defaults_file_is_reported_in_the_window_and_ignored(
    make_dialer: Callable[..., DialerApp],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    defaults = tmp_path / "defaults.json"
    defaults.write_text('{"settings": {"calling_hours": "09:00-21:00"', encoding="utf-8")
    monkeypatch.setenv("DIALER_SYSTEM_DEFAULTS", str(defaults))
    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, user_id=DEMO_USER_ID)
    app = make_dialer(profile)
    notice = app.window.findChild(QLabel, "noticeLabel")
    assert isinstance(notice, QLabel)
    assert f"The administrator's defaults file {defaults} is ignored" in notice.text()
    assert app.settings.calling_hours == ""
    assert not app.open_settings().locked_note.isVisibleTo(app.window)
