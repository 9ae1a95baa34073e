"""Settings: apply a change at once, save it off the GUI thread, and the Settings dialog."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.runtime import Runtime
from dialer_app.core.settings import Settings
from dialer_app.services.background import BackgroundRunner, ignore
from dialer_app.ui.main_window import MainWindow
from dialer_app.ui.translations import install as install_language

if TYPE_CHECKING:
    from collections.abc import Callable

    from dialer_app.ui.settings_dialog import ConnectionInUse, SettingsDialog


class SettingsFlow(QObject):
    """Owns changes to the profile's settings; ``changed`` tells everyone else."""

    changed = Signal(object, bool)  # Settings now in force, whether the connection changed
    account_edited = Signal(str, str, bool)  # user id, new secret (or ""), user id changed
    forget_account_requested = Signal(object)  # the open SettingsDialog

    def __init__(
        self,
        runtime: Runtime,
        window: MainWindow,
        io_runner: BackgroundRunner,
        tray_available: Callable[[], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runtime = runtime
        self._window = window
        self._io = io_runner
        self._tray_available = tray_available

    @property
    def settings(self) -> Settings:
        return self._runtime.settings

    def update(self, settings: Settings) -> None:
        """Apply at once; write the file on the I/O worker."""
        changed_connection = settings.client_config() != self.settings.client_config()
        changed_language = settings.language != self.settings.language
        self._runtime.loaded = replace(self._runtime.loaded, settings=settings)
        if changed_language:
            self._change_language(settings.language)
        self.changed.emit(settings, changed_connection)
        self._io.submit(
            lambda: self._runtime.settings_file.save(settings),
            ignore,
            lambda error: self._window.show_message(
                self.tr("Settings could not be saved: {error}").format(error=error), "error"
            ),
        )

    def _change_language(self, language: str) -> None:
        """New windows and dialogs use the new language at once; the main window, built at
        start, changes when the dialer restarts (it is not retranslated live)."""
        install_language(language)
        self._window.show_message(
            self.tr(
                "The language was changed: dialogs use it now, the main window after you "
                "restart the dialer."
            ),
            "info",
        )

    def remember_mode(self, mode: DeliveryMode) -> None:
        if mode is not self.settings.default_mode:
            self.update(replace(self.settings, default_mode=mode))

    def open_dialog(self) -> SettingsDialog:
        from dialer_app.system.autostart import autostart_enabled
        from dialer_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings,
            tray_available=self._tray_available(),
            locked=self._runtime.settings_file.locked,
            connection_in_use=self.connection_in_use(),
            parent=self._window,
        )
        self._io.submit(autostart_enabled, lambda on: dialog.set_autostart(bool(on)), ignore)
        dialog.forget_account_requested.connect(lambda: self.forget_account_requested.emit(dialog))
        dialog.accepted.connect(lambda: self._apply_dialog(dialog))
        dialog.open()
        return dialog

    def connection_in_use(self) -> ConnectionInUse | None:
        """Where calls go when it is not the saved API base URL (sandbox, --api-base)."""
        from dialer_app.ui.settings_dialog import ConnectionInUse

        runtime = self._runtime
        if runtime.sandbox_mode:
            return ConnectionInUse("sandbox")
        if runtime.api_base_override:
            return ConnectionInUse("api_base", runtime.api_base_override)
        return None

    def _apply_dialog(self, dialog: SettingsDialog) -> None:
        autostart = dialog.autostart_choice()
        if autostart is not None:
            from dialer_app.system.autostart import set_autostart

            self._io.submit(
                lambda: set_autostart(autostart),
                ignore,
                lambda error: self._window.show_message(
                    self.tr("Start at login could not be changed: {error}").format(error=error),
                    "error",
                ),
            )
        settings = dialog.result_settings()
        secret = dialog.new_secret()
        user_changed = settings.user_id != self.settings.user_id
        self.update(settings)
        if user_changed or secret:
            self.account_edited.emit(settings.user_id, secret, user_changed)
