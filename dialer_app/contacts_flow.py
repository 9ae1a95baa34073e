"""Wires the contacts and history panels to the store, the dialogs and the call controller."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from dialer_app.core.call_request import CallRequest, DeliveryMode, InvalidCallRequestError
from dialer_app.core.contact import Contact
from dialer_app.core.history_export import write_history_csv
from dialer_app.core.phone import InvalidNumberError, normalize, pretty_digits
from dialer_app.core.store import CallMode, CallOutcome, HistoryEntry
from dialer_app.services.calls import CallAttempt, CallFailure
from dialer_app.services.contact_list import ContactListModel
from dialer_app.services.contacts import ContactsService
from dialer_app.ui.contacts_view import ContactsPanel
from dialer_app.ui.history_view import HistoryPanel

if TYPE_CHECKING:
    from dialer_app.app import DialerApp
    from dialer_app.core.call_request import CallResult

log = logging.getLogger(__name__)


class ContactsFlow(QObject):
    """Everything between the contact/history widgets and the rest of the app."""

    def __init__(self, app: DialerApp) -> None:
        super().__init__(app)
        self.app = app
        self.service = ContactsService(app.runtime.database_path, self)
        self.model = ContactListModel(self)
        self.panel = ContactsPanel(self.model)
        self.history = HistoryPanel()
        self._contact_call_pending = False
        self._dialpad_query = False
        self._wire()

    def _wire(self) -> None:
        service, panel, window = self.service, self.panel, self.app.window
        service.index_changed.connect(self.model.set_index)
        service.notice.connect(window.show_message)
        service.history_changed.connect(self.history.set_entries)
        self.history.redial_requested.connect(self.redial)
        self.history.export_requested.connect(self.export_history)
        panel.call_requested.connect(self.call_contact)
        panel.favorite_toggled.connect(service.set_favorite)
        panel.delete_requested.connect(self.delete_contacts)
        window.number_input.textChanged.connect(self._narrow_from_dialpad)
        panel.search.textEdited.connect(self._search_typed)
        calls = self.app.calls
        calls.succeeded.connect(self._record_success)
        calls.failed.connect(self._record_failure)

    def start(self) -> None:
        self.service.open()
        self.service.prune_history(self.app.settings.history_retention_days)

    def shutdown(self) -> None:
        self.service.shutdown()

    # calling a contact ----------------------------------------------------------------
    def call_contact(self, contact_id: int, digits: str, mode: DeliveryMode | None) -> None:
        """Fetch the contact (for its extra_params) on the store worker, then call once."""
        if self._contact_call_pending or self.app.calls.in_flight:
            return
        self._contact_call_pending = True

        def place(contact: Contact | None) -> None:
            self._contact_call_pending = False
            self._place(contact, digits, mode)

        self.service.get_contact(contact_id, place)

    def _place(self, contact: Contact | None, digits: str, mode: DeliveryMode | None) -> None:
        window, settings = self.app.window, self.app.settings
        try:
            number = normalize("+" + digits, None)
        except InvalidNumberError as exc:
            window.show_message(f"This contact's number cannot be called: {exc.reason}", "error")
            return
        extra = {**settings.extra_params_template, **(contact.extra_params if contact else {})}
        try:
            request = CallRequest(
                number.digits,
                mode or window.mode_switch.mode(),
                window.caller_id_combo.currentData(),
                extra or None,
            )
        except InvalidCallRequestError as exc:
            window.show_message(str(exc), "error")
            return
        label = f"{contact.name} ({number.international})" if contact else number.international
        self.app.calls.place(
            CallAttempt(
                request,
                label,
                contact_id=contact.id if contact else None,
                contact_name=contact.name if contact else "",
            )
        )

    def redial(self, entry: HistoryEntry) -> None:
        """The same number, mode and caller id as the recorded call."""
        if self.app.calls.in_flight:
            return
        mode = DeliveryMode.MOBILE if entry.mode == "mobile" else DeliveryMode.SOFTPHONE
        try:
            number = normalize("+" + entry.number_digits, None)
            request = CallRequest(
                number.digits,
                mode,
                entry.caller_id,
                dict(self.app.settings.extra_params_template) or None,
            )
        except (InvalidNumberError, InvalidCallRequestError) as exc:
            self.app.window.show_message(f"Cannot redial: {exc}", "error")
            return
        label = entry.contact_name or number.international
        if entry.contact_name:
            label = f"{entry.contact_name} ({number.international})"
        self.app.calls.place(CallAttempt(request, label, entry.contact_id, entry.contact_name))

    def export_history(self, path: str) -> None:
        entries = self.history.entries()

        def done(count: int) -> None:
            self.app.window.show_message(f"Exported {count} calls to {path}.", "info")

        self.app.io_runner.submit(
            lambda: write_history_csv(Path(path), entries),
            done,
            lambda error: self.app.window.show_message(f"Export failed: {error}", "error"),
        )

    # history --------------------------------------------------------------------------
    def _record_success(self, attempt: CallAttempt, result: CallResult) -> None:
        self.service.record_call(_history_entry(attempt, "initiated", request_id=result.request_id))

    def _record_failure(self, attempt: CallAttempt, failure: CallFailure) -> None:
        self.service.record_call(
            _history_entry(attempt, "failed", error_kind=failure.kind, error_text=failure.message)
        )

    # list behaviour -------------------------------------------------------------------
    def _narrow_from_dialpad(self, text: str) -> None:
        """Digits typed on the dialpad narrow the list, unless the agent is searching."""
        search = self.panel.search
        if search.text() and not self._dialpad_query:
            return
        self._dialpad_query = bool(text.strip())
        search.setText(text.strip())

    def _search_typed(self, _text: str) -> None:
        self._dialpad_query = False

    def delete_contacts(self, ids: list[int]) -> None:
        def deleted(contacts: list[Contact]) -> None:
            if not contacts:
                return
            what = contacts[0].name if len(contacts) == 1 else f"{len(contacts)} contacts"
            self.app.window.show_undoable(
                f"Deleted {what}.", lambda: self.service.restore_contacts(contacts)
            )

        self.service.delete_contacts(ids, deleted)


def _history_entry(
    attempt: CallAttempt,
    outcome: CallOutcome,
    *,
    request_id: str | None = None,
    error_kind: str | None = None,
    error_text: str | None = None,
) -> HistoryEntry:
    request = attempt.request
    mode: CallMode = "mobile" if request.mode is DeliveryMode.MOBILE else "softphone"
    return HistoryEntry(
        started_at=datetime.fromtimestamp(attempt.started_at, UTC),
        number_digits=request.to,
        number_display=pretty_digits(request.to),
        mode=mode,
        outcome=outcome,
        contact_id=attempt.contact_id,
        contact_name=attempt.contact_name,
        caller_id=request.caller_id,
        request_id=request_id,
        error_kind=error_kind,
        error_text=error_text,
    )
