"""Wires the system tray and the quick-call popup to the window, contacts and calls."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.store import HistoryEntry
from dialer_app.services.calls import CallAttempt, CallFailure
from dialer_app.ui.quick_call import QuickCallPopup, clipboard_number
from dialer_app.ui.tray import TrayController, favorites_from_index

if TYPE_CHECKING:
    from dialer_app.app import DialerApp
    from dialer_app.core.call_request import CallResult


class TrayFlow(QObject):
    """The tray icon (where the desktop has one) and the quick-call popup (always)."""

    def __init__(self, app: DialerApp) -> None:
        super().__init__(app)
        self.app = app
        settings = app.settings
        self.tray = TrayController(self)
        self.tray.set_mode(settings.default_mode)
        self.tray.set_notifications(settings.notifications)
        self._popup: QuickCallPopup | None = None  # made when first opened
        self._index = ContactIndex([])
        self._history: list[HistoryEntry] = []
        self.tray.set_providers(
            favorites=lambda: favorites_from_index(self._index),
            recent=lambda: self._history,
            window_visible=app.window.isVisible,
        )
        self._wire()

    @property
    def available(self) -> bool:
        return self.tray.available()

    def _wire(self) -> None:
        app, tray, window = self.app, self.tray, self.app.window
        tray.quick_call_requested.connect(self.quick_call)
        tray.clipboard_call_requested.connect(self.call_from_clipboard)
        tray.call_requested.connect(lambda digits, _label: app.call_digits(digits, None))
        tray.mode_changed.connect(window.mode_switch.set_mode)
        window.mode_changed.connect(tray.set_mode)
        tray.activated_primary.connect(app.toggle_window)
        tray.toggle_window_requested.connect(app.toggle_window)
        tray.notification_clicked.connect(app.show_window)
        tray.settings_requested.connect(app.open_settings)
        tray.quit_requested.connect(app.quit)
        contacts = app.contacts
        contacts.service.index_changed.connect(self._set_index)
        contacts.service.history_changed.connect(self._set_history)
        contacts.service.history_added.connect(self._add_history)
        app.calls.started.connect(self._calling)
        app.calls.succeeded.connect(self._succeeded)
        app.calls.failed.connect(self._failed)

    def start(self) -> None:
        if self.available:
            self.tray.show()

    def shutdown(self) -> None:
        if self._popup is not None:
            self._popup.hide()
        self.tray.hide()

    def apply_settings(self) -> None:
        settings = self.app.settings
        self.tray.set_notifications(settings.notifications)
        if self._popup is not None:
            self._popup.set_region(settings.default_region)

    @property
    def popup(self) -> QuickCallPopup:
        """The quick-call popup, built the first time it is needed (most days: never)."""
        if self._popup is None:
            app = self.app
            popup = QuickCallPopup(app.settings.default_region, app.window.mode_switch.mode())
            popup.set_contacts(self._index)
            popup.call_requested.connect(
                lambda digits, _label, contact_id: app.call_digits(digits, contact_id)
            )
            app.window.mode_changed.connect(popup.set_mode)
            self._popup = popup
        return self._popup

    # actions --------------------------------------------------------------------------
    def quick_call(self) -> None:
        self.popup.open_with()

    def call_from_clipboard(self) -> None:
        """The first number in the clipboard (or X11 selection), shown for confirmation."""
        number = clipboard_number(self.app.settings.default_region)
        if number is None:
            self.app.window.show_message("No phone number found in the clipboard.", "info")
            self.popup.open_with()
            return
        self.popup.open_with(number.international)

    # state ----------------------------------------------------------------------------
    def _set_index(self, index: ContactIndex) -> None:
        self._index = index
        if self._popup is not None:
            self._popup.set_contacts(index)

    def _set_history(self, entries: list[HistoryEntry]) -> None:
        self._history = entries

    def _add_history(self, entry: HistoryEntry) -> None:
        self._history = [entry, *self._history[:499]]

    def _calling(self, attempt: CallAttempt) -> None:
        self.tray.set_state("calling", attempt.display_number)

    def _succeeded(self, attempt: CallAttempt, result: CallResult) -> None:
        self.tray.set_state("idle")
        if not self.app.window.isVisible():
            ring = attempt.request.mode.rings_first
            self.tray.notify("Call initiated", f"{attempt.display_number}: {ring} rings first.")

    def _failed(self, attempt: CallAttempt, failure: CallFailure) -> None:
        self.tray.set_state("failed", attempt.display_number)
        if not self.app.window.isVisible():
            self.tray.notify("Call failed", failure.message, failed=True)
