"""The system tray and the quick-call popup: what they show and what they ask for.

The composition root feeds it the contacts, the history and the calls' progress, and turns
its requests (call, show the window, settings, quit) into actions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.dialer import CallIntent, CallRefusedError, Surface
from dialer_app.core.settings import Settings
from dialer_app.core.store import HistoryEntry
from dialer_app.ui.main_window import MainWindow
from dialer_app.ui.quick_call import QuickCallPopup, clipboard_number
from dialer_app.ui.tray import TrayController, favorites_from_index

if TYPE_CHECKING:
    from dialer_app.core.call_request import CallResult
    from dialer_app.core.contact import Contact

ContactReader = Callable[[int, Callable[["Contact | None"], object]], None]


class TrayFlow(QObject):
    """The tray icon (where the desktop has one) and the quick-call popup (always)."""

    call_requested = Signal(str, object, object)  # API digits, contact id | None, Surface
    toggle_window_requested = Signal()
    show_window_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        window: MainWindow,
        settings: Callable[[], Settings],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._settings = settings
        settings_now = settings()
        self.tray = TrayController(self)
        self.tray.set_mode(settings_now.default_mode)
        self.tray.set_notifications(settings_now.notifications)
        self._popup: QuickCallPopup | None = None  # made when first opened
        self._read_contact: ContactReader | None = None
        self._index = ContactIndex([])
        self._history: list[HistoryEntry] = []
        self.tray.set_providers(
            favorites=lambda: favorites_from_index(self._index),
            recent=lambda: self._history,
            window_visible=window.isVisible,
        )
        self._wire()

    @property
    def available(self) -> bool:
        return self.tray.available()

    def _wire(self) -> None:
        tray, window = self.tray, self._window
        tray.quick_call_requested.connect(self.quick_call)
        tray.clipboard_call_requested.connect(self.call_from_clipboard)
        tray.call_requested.connect(
            lambda digits, _label: self.call_requested.emit(digits, None, Surface.TRAY)
        )
        tray.mode_changed.connect(window.set_mode)
        window.mode_changed.connect(tray.set_mode)
        tray.activated_primary.connect(self.toggle_window_requested)
        tray.toggle_window_requested.connect(self.toggle_window_requested)
        tray.notification_clicked.connect(self.show_window_requested)
        tray.settings_requested.connect(self.settings_requested)
        tray.quit_requested.connect(self.quit_requested)

    def start(self) -> None:
        if self.available:
            self.tray.show()

    def shutdown(self) -> None:
        if self._popup is not None:
            self._popup.hide()
        self.tray.hide()

    def apply_settings(self, settings: Settings) -> None:
        self.tray.set_notifications(settings.notifications)
        if self._popup is not None:
            self._popup.set_region(settings.default_region)

    @property
    def popup(self) -> QuickCallPopup:
        """The quick-call popup, built the first time it is needed (most days: never)."""
        if self._popup is None:
            window = self._window
            popup = QuickCallPopup(self._settings().default_region, window.current_mode())
            popup.set_contacts(self._index)
            popup.call_requested.connect(
                lambda digits, _label, contact_id: self.call_requested.emit(
                    digits, contact_id, Surface.QUICK_CALL
                )
            )
            popup.number_labels_wanted.connect(self._read_number_labels)
            window.mode_changed.connect(popup.set_mode)
            self._popup = popup
        return self._popup

    def set_contact_reader(self, reader: ContactReader) -> None:
        """How to read one contact off the GUI thread (the contacts service's store worker):
        the quick-call popup shows the labels of a contact's several numbers from it."""
        self._read_contact = reader

    def _read_number_labels(self, contact_id: int) -> None:
        if self._read_contact is None:
            return

        def show(contact: Contact | None) -> None:
            if contact is not None and self._popup is not None:
                labels = {n.digits: n.label for n in contact.numbers if n.digits}
                self._popup.set_number_labels(contact_id, labels)

        self._read_contact(contact_id, show)

    # actions --------------------------------------------------------------------------
    def quick_call(self) -> None:
        self.popup.open_with()

    def call_from_clipboard(self) -> None:
        """The first number in the clipboard (or X11 selection), shown for confirmation."""
        number = clipboard_number(self._settings().default_region)
        if number is None:
            self._window.show_message(self.tr("No phone number found in the clipboard."), "info")
            self.popup.open_with()
            return
        self.popup.open_with(number.international)

    # state ----------------------------------------------------------------------------
    def set_index(self, index: ContactIndex) -> None:
        self._index = index
        if self._popup is not None:
            self._popup.set_contacts(index)

    def set_history(self, entries: list[HistoryEntry]) -> None:
        self._history = entries

    def add_history(self, entry: HistoryEntry) -> None:
        self._history = [entry, *self._history[:499]]

    def show_calling(self, attempt: CallAttempt) -> None:
        self.tray.set_state("calling", attempt.display_number)

    def show_success(self, attempt: CallAttempt, result: CallResult) -> None:
        self.tray.set_state("idle")
        if not self._window.isVisible():
            text = (
                self.tr("{number}: your mobile rings first.")
                if attempt.request.mode is DeliveryMode.MOBILE
                else self.tr("{number}: your softphone rings first.")
            )
            self.tray.notify(self.tr("Call initiated"), text.format(number=attempt.display_number))

    def show_refusal(self, intent: CallIntent, refusal: CallRefusedError) -> None:
        """Nothing was sent: say why where the agent is looking (the window says it too)."""
        if not self._window.isVisible():
            self.tray.notify(self.tr("Call not placed"), refusal.message, failed=True)

    def show_failure(self, attempt: CallAttempt, failure: CallFailure) -> None:
        self.tray.set_state("failed", attempt.display_number)
        if not self._window.isVisible():
            self.tray.notify(self.tr("Call failed"), failure.message, failed=True)
