"""Enter in every dialog does what its main button says, never something else.

In first-run setup Enter used to switch to the sandbox or close the dialog, throwing the typed
account away; these checks walk each dialog with a keyboard as an agent would.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from dialer_app.core.settings import Settings
from dialer_app.ui.contact_dialog import ContactDialog
from dialer_app.ui.settings_dialog import SettingsDialog
from dialer_app.ui.setup_dialog import SetupDialog


class Seen:
    def __init__(self) -> None:
        self.events: list[str] = []

    def note(self, what: str) -> None:
        self.events.append(what)


def test_enter_in_setup_saves_the_typed_account(qtbot: QtBot) -> None:
    dialog = SetupDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    seen = Seen()
    dialog.save_requested.connect(lambda form: seen.note(f"save {form.user_id}"))
    dialog.sandbox_requested.connect(lambda: seen.note("sandbox"))
    dialog.rejected.connect(lambda: seen.note("rejected"))
    dialog.sandbox_button.setFocus()  # a button that had the focus must not become "Enter"
    qtbot.keyClicks(dialog.user_id_input, "101_1111112")
    qtbot.keyClicks(dialog.secret_input, "a-secret")
    dialog.secret_input.setFocus()
    qtbot.keyClick(dialog.secret_input, Qt.Key.Key_Return)
    assert seen.events == ["save 101_1111112"]


def test_enter_on_an_incomplete_setup_moves_on_and_keeps_what_was_typed(qtbot: QtBot) -> None:
    dialog = SetupDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    seen = Seen()
    dialog.save_requested.connect(lambda _form: seen.note("save"))
    dialog.sandbox_requested.connect(lambda: seen.note("sandbox"))
    dialog.rejected.connect(lambda: seen.note("rejected"))
    dialog.user_id_input.setFocus()
    qtbot.keyClicks(dialog.user_id_input, "101_1111112")
    qtbot.keyClick(dialog.user_id_input, Qt.Key.Key_Enter)
    assert seen.events == []
    assert dialog.isVisible()
    assert dialog.user_id_input.text() == "101_1111112"
    assert dialog.focusWidget() is dialog.secret_input
    assert "app secret" in dialog.message_label.text()


def test_enter_on_the_focused_sandbox_button_presses_it(qtbot: QtBot) -> None:
    """Enter on a focused button presses that button, as Space does."""
    dialog = SetupDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    seen = Seen()
    dialog.sandbox_requested.connect(lambda: seen.note("sandbox"))
    dialog.sandbox_button.setFocus()
    qtbot.keyClick(dialog.sandbox_button, Qt.Key.Key_Return)
    assert seen.events == ["sandbox"]


def test_enter_in_settings_is_ok_even_after_another_button_had_the_focus(qtbot: QtBot) -> None:
    dialog = SettingsDialog(Settings(), tray_available=True)
    qtbot.addWidget(dialog)
    dialog.show()
    seen = Seen()
    dialog.accepted.connect(lambda: seen.note("accepted"))
    dialog.forget_account_requested.connect(lambda: seen.note("forget"))
    dialog.forget_button.setFocus()
    field = dialog.findChild(QLineEdit)
    assert field is not None
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert seen.events == ["accepted"]


def test_enter_in_a_complete_contact_saves_it(qtbot: QtBot) -> None:
    dialog = ContactDialog(None, "IN")
    qtbot.addWidget(dialog)
    dialog.show()
    seen = Seen()
    dialog.accepted.connect(lambda: seen.note("accepted"))
    add_number = dialog.findChild(QPushButton, "addNumberButton") or dialog.add_number_button
    add_number.setFocus()
    name = dialog.findChild(QLineEdit, "contactName")
    number = dialog.findChild(QLineEdit, "contactNumberInput")
    assert name is not None
    assert number is not None
    qtbot.keyClicks(name, "Asha Rao")
    qtbot.keyClicks(number, "+91 92000 00000")
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert seen.events == ["accepted"]
    assert dialog.result_contact().name == "Asha Rao"
