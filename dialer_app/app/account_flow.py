"""The account: first-run setup, a secret kept for the session, the sandbox, forgetting it.

Keyring reads and writes run on the keyring worker; the dialogs only collect the form.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from dialer_app.core.call_request import Account
from dialer_app.core.runtime import Runtime
from dialer_app.services.background import BackgroundRunner
from dialer_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from collections.abc import Callable

    from dialer_app.core.settings import Settings
    from dialer_app.ui.settings_dialog import SettingsDialog
    from dialer_app.ui.setup_dialog import AccountForm, SetupDialog


KEYRING_PROMPT_HINT_MS = 1500  # no answer by then: the keyring is most likely prompting


class AccountFlow(QObject):
    """Everything that changes which account calls go out with."""

    endpoint_changed = Signal()  # sandbox on or off: calls need a fresh client

    def __init__(
        self,
        runtime: Runtime,
        window: MainWindow,
        keyring_runner: BackgroundRunner,
        update_settings: Callable[[Settings], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runtime = runtime
        self._window = window
        self._keyring = keyring_runner
        self._update_settings = update_settings
        self.setup_dialog: SetupDialog | None = None

    def needs_setup(self) -> bool:
        runtime = self._runtime
        return (
            not runtime.sandbox_mode
            and runtime.session_account is None
            and not runtime.settings.user_id
        )

    # first run ------------------------------------------------------------------------
    def open_setup(self) -> SetupDialog:
        from dialer_app.ui.setup_dialog import SetupDialog

        dialog = SetupDialog(self._runtime.settings, self._window)
        dialog.save_requested.connect(self._save_account)
        dialog.session_only_requested.connect(self._use_session_account)
        dialog.sandbox_requested.connect(self.use_sandbox)
        dialog.finished.connect(lambda _result: setattr(self, "setup_dialog", None))
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def _save_account(self, form: AccountForm) -> None:
        dialog = self.setup_dialog
        runtime = self._runtime

        def store() -> None:
            runtime.credentials.set_secret(form.user_id, form.secret)

        def stored(_result: object) -> None:
            waiting.stop()
            runtime.forget_cached_account()
            self._apply_account_form(form)
            if dialog is not None:
                dialog.accept()
            self._window.show_message(
                self.tr("Account {user_id} saved. Ready to call.").format(user_id=form.user_id),
                "info",
            )

        def failed(error: BaseException) -> None:
            from dialer_app.core.credentials import KeyringUnavailableError

            waiting.stop()
            if dialog is None:
                return
            keyring_down = isinstance(error, KeyringUnavailableError)
            text = (
                str(error)
                if isinstance(error, KeyringUnavailableError | ValueError)
                else self.tr("Saving failed ({error}).").format(error=type(error).__name__)
            )
            if keyring_down:
                text += "\n" + self.tr("You can keep the secret in memory until the app quits.")
            dialog.show_error(text, offer_session_only=keyring_down)

        # A keyring that asks for a password (none created yet, or locked) answers only when
        # the agent does: say so, rather than leave "Storing…" on screen for seconds.
        waiting = QTimer(self)
        waiting.setSingleShot(True)
        waiting.setInterval(KEYRING_PROMPT_HINT_MS)
        if dialog is not None:
            waiting.timeout.connect(dialog.show_keyring_waiting)
        waiting.start()
        self._keyring.submit(store, stored, failed)

    def _apply_account_form(self, form: AccountForm) -> None:
        runtime = self._runtime
        self._update_settings(
            replace(
                runtime.settings,
                user_id=form.user_id,
                default_mode=form.mode,
                default_region=form.region,
            )
        )
        self._window.set_mode(form.mode)
        if runtime.sandbox_mode:  # a real account ends the demo
            runtime.stop_sandbox()
            self._window.set_sandbox(False)
            self.endpoint_changed.emit()

    def _use_session_account(self, form: AccountForm) -> None:
        self._runtime.session_account = Account(form.user_id, form.secret)
        self._apply_account_form(form)
        if self.setup_dialog is not None:
            self.setup_dialog.accept()
        self._window.show_message(
            self.tr(
                "The secret is kept in memory for this session only; it is forgotten when you quit."
            ),
            "info",
        )

    def use_sandbox(self) -> None:
        self._runtime.start_sandbox()
        self._window.set_sandbox(True)
        self.endpoint_changed.emit()
        if self.setup_dialog is not None:
            self.setup_dialog.accept()
        self._window.show_message(
            self.tr("Sandbox mode: calls go to the built-in demo server; no phone rings."), "info"
        )

    # changes from the Settings dialog -------------------------------------------------
    def apply_edit(self, user_id: str, secret: str, _user_changed: bool) -> None:
        """A new user id or secret was entered: drop the old one, store the new secret."""
        runtime = self._runtime
        runtime.forget_cached_account()
        runtime.session_account = None
        if secret and user_id:
            self._keyring.submit(
                lambda: runtime.credentials.set_secret(user_id, secret),
                lambda _r: self._window.show_message(
                    self.tr("The new app secret was stored."), "info"
                ),
                lambda error: self._window.show_message(
                    self.tr("The new secret was not stored: {error}").format(error=error), "error"
                ),
            )

    def forget(self, dialog: SettingsDialog) -> None:
        from PySide6.QtWidgets import QMessageBox

        runtime = self._runtime
        user_id = runtime.settings.user_id
        question = (
            self.tr("Remove the app secret of {user_id} from the keyring and clear the user id?")
            if user_id
            else self.tr("Remove this profile's app secret from the keyring and clear the user id?")
        ).format(user_id=user_id)
        box = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Forget account"), question, parent=dialog
        )
        forget = box.addButton(self.tr("&Forget"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("&Keep"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        if box.clickedButton() is not forget:
            return
        dialog.reject()
        runtime.forget_cached_account()
        runtime.session_account = None
        self._update_settings(replace(runtime.settings, user_id=""))
        if user_id:
            self._keyring.submit(
                lambda: runtime.credentials.delete_secret(user_id),
                lambda _r: self._window.show_message(self.tr("The account was forgotten."), "info"),
                lambda error: self._window.show_message(
                    self.tr("The secret could not be removed: {error}").format(error=error),
                    "error",
                ),
            )
