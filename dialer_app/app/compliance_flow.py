"""Wires the calling rules to the window: the lists behind the Dialer, the Settings dialog's
Compliance and Do-not-call tabs, calls counted as they end, and the CRM screen-pop.

The screen-pop opens ``open_url_after_call`` (fields filled in, URL-encoded) in the default
browser after the platform accepted a call; the address is checked once more against the
stored secret (read on the keyring worker) before it is opened, and it is never logged.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices

from dialer_app.core.dialer import history_entry
from dialer_app.core.runtime import Runtime
from dialer_app.services.background import BackgroundRunner, ignore
from dialer_app.services.compliance import ComplianceService, StoreJobs
from dialer_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from dialer_app.core.call_attempt import CallAttempt, CallFailure
    from dialer_app.core.call_request import CallResult
    from dialer_app.core.dialer import CallRule
    from dialer_app.core.do_not_call import DoNotCallEntry
    from dialer_app.core.settings import Settings
    from dialer_app.ui.settings_dialog import SettingsDialog

log = logging.getLogger(__name__)


class ComplianceFlow(QObject):
    """Everything between the calling rules and the rest of the app."""

    def __init__(
        self,
        runtime: Runtime,
        window: MainWindow,
        keyring_runner: BackgroundRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runtime = runtime
        self._window = window
        self._keyring = keyring_runner
        self.service = ComplianceService(lambda: runtime.settings, self)
        self.service.notice.connect(window.show_message)
        self.service.entries_changed.connect(self._entries_changed)
        self.service.team_changed.connect(self._team_changed)
        self.service.imported.connect(lambda text: self._tell_dialog(text, "info"))
        self.service.import_failed.connect(lambda text: self._tell_dialog(text, "error"))
        self._team_status = ("", False)
        self._dialog: SettingsDialog | None = None

    def rules(self) -> tuple[CallRule, ...]:
        """The Dialer's rules (``Dialer(rules=flow.rules)``)."""
        return self.service.rules

    @property
    def ready(self) -> bool:
        return self.service.ready

    def start(self, jobs: StoreJobs, on_ready: Callable[[], object]) -> None:
        """Load the lists on the store worker; ``on_ready`` once they are (or failed)."""
        self.service.start(jobs, self._runtime.database_path)
        self.service.when_loaded(on_ready)

    def shutdown(self) -> None:
        self.service.shutdown()

    def apply_settings(self, settings: Settings, _connection_changed: bool = False) -> None:
        self.service.apply_settings(settings)

    # calls ------------------------------------------------------------------------------
    def call_succeeded(self, attempt: CallAttempt, result: CallResult) -> None:
        self.service.record_call(history_entry(attempt, result=result))
        self.screen_pop(attempt, result)

    def call_failed(self, attempt: CallAttempt, failure: CallFailure) -> None:
        self.service.record_call(history_entry(attempt, failure=failure))

    def screen_pop(self, attempt: CallAttempt, result: CallResult) -> None:
        """Open the CRM page for an accepted call, when a template is set."""
        from dialer_app.core.screen_pop import fill_template

        template = self._runtime.settings.open_url_after_call.strip()
        if not template:
            return
        digits = attempt.request.to
        url = fill_template(
            template,
            {
                "e164": f"+{digits}",
                "digits": digits,
                "request_id": result.request_id or "",
                "contact_name": attempt.contact_name,
            },
        )
        self._keyring.submit(
            lambda: self._runtime.account().secret,
            lambda secret: self._open(url, secret, result.request_id),
            lambda error: self._window.show_message(
                self.tr(
                    "The CRM page was not opened: the address could not be checked against "
                    "the app secret ({error})."
                ).format(error=error),
                "error",
            ),
        )

    def _open(self, url: str, secret: str, request_id: str | None) -> None:
        from dialer_app.core.screen_pop import contains_secret

        if contains_secret(url, secret):
            self._window.show_message(
                self.tr(
                    "The CRM page was not opened: its address holds the app secret. Change "
                    "Settings › Calling › Open after a call."
                ),
                "error",
            )
            return
        if not QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode)):
            self._window.show_message(
                self.tr("The CRM page could not be opened: no browser took the address."),
                "error",
            )
            return
        log.info("Opened the CRM page after call %s", request_id or "(no request id)")

    # the settings dialog ----------------------------------------------------------------
    def attach_dialog(self, dialog: SettingsDialog) -> None:
        """Give an open Settings dialog the lists, and take its requests."""
        self._dialog = dialog
        dialog.finished.connect(lambda _result: self._detach(dialog))
        dialog.set_do_not_call_entries(self.service.do_not_call.own_entries())
        dialog.set_team_list_status(*self._team_status)
        dialog.do_not_call_add_requested.connect(self.add_from_dialog)
        dialog.do_not_call_remove_requested.connect(self.service.remove_from_do_not_call)
        dialog.do_not_call_import_requested.connect(self.choose_import_file)
        dialog.team_list_refresh_requested.connect(self.service.refresh_team_list)
        if self._runtime.settings.user_id or self._runtime.sandbox_mode:
            self._keyring.submit(
                lambda: self._runtime.account().secret,
                lambda secret: self._give_secret(dialog, secret),
                ignore,
            )

    def _give_secret(self, dialog: SettingsDialog, secret: str) -> None:
        if self._dialog is dialog:
            dialog.set_known_secrets((secret,))

    def _detach(self, dialog: SettingsDialog) -> None:
        if self._dialog is dialog:
            self._dialog = None

    def add_from_dialog(self, number: str, note: str) -> None:
        from dialer_app.core.phone import InvalidNumberError

        try:
            entry = self.service.add_to_do_not_call(number, note)
        except InvalidNumberError as exc:
            self._tell_dialog(
                self.tr("{number} is not a number that can be listed: {reason}.").format(
                    number=number, reason=exc.reason
                ),
                "error",
            )
            return
        if self._dialog is not None:
            self._dialog.do_not_call_added(
                self.tr("{number} is on the do-not-call list.").format(number=entry.display)
            )

    def choose_import_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self._dialog or self._window,
            self.tr("Import numbers for the do-not-call list"),
            str(Path.home()),
            self.tr("Lists of numbers ({patterns});;All files (*)").format(
                patterns="*.csv *.tsv *.txt"
            ),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        self._tell_dialog(self.tr("Importing {file}…").format(file=path.name), "info")
        self.service.import_file(path)

    def _entries_changed(self, entries: list[DoNotCallEntry]) -> None:
        if self._dialog is not None:
            self._dialog.set_do_not_call_entries(entries)

    def _team_changed(self, text: str, problem: bool) -> None:
        self._team_status = (text, problem)
        if self._dialog is not None:
            self._dialog.set_team_list_status(text, problem)

    def _tell_dialog(self, text: str, state: str) -> None:
        if self._dialog is not None:
            self._dialog.show_do_not_call_message(text, state)
        elif state == "error":
            self._window.show_message(text, state)
