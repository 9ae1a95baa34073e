"""Wires the contacts and history panels to the store, the dialogs and the calls."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog

from dialer_app.app.import_files import sniff_then_open
from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.dialer import CallIntent, Surface, history_entry
from dialer_app.core.settings import Settings
from dialer_app.core.store import HistoryEntry
from dialer_app.services.background import BackgroundRunner
from dialer_app.services.contacts import ContactsService
from dialer_app.ui.contacts_view import ContactsPanel
from dialer_app.ui.core_text import translated
from dialer_app.ui.history_view import HistoryPanel
from dialer_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    # Dialogs, exporters and the import child load when first used, not at start-up.
    from dialer_app.core.call_request import CallResult
    from dialer_app.core.contact_export import Exported
    from dialer_app.core.contact_import import ImportSummary
    from dialer_app.core.store import RestoredBackup
    from dialer_app.services.contacts import BackupSummary
    from dialer_app.ui.contact_dialog import ContactDialog
    from dialer_app.ui.import_dialog import ImportDialog
    from dialer_app.ui.restore_dialog import BackupChoice, RestoreDialog

log = logging.getLogger(__name__)


class CallPlacer(Protocol):
    """What the contacts need of the calls: one call at a time, through the Dialer."""

    @property
    def in_flight(self) -> bool: ...

    def request(self, intent: CallIntent) -> bool: ...


class ContactsFlow(QObject):
    """Everything between the contact/history widgets and the rest of the app."""

    shown = Signal(int)  # the list shows this many contacts (after a load, an edit, an import)

    def __init__(
        self,
        service: ContactsService,
        window: MainWindow,
        settings: Callable[[], Settings],
        io_runner: BackgroundRunner,
        calls: CallPlacer,
        parent: QObject | None = None,
    ) -> None:
        """``service``: opened already, so the list loads while this flow's views are built
        (what it loaded before is shown at once)."""
        super().__init__(parent)
        self._window = window
        self._settings = settings
        self._io = io_runner
        self._calls = calls
        self.service = service
        self.panel = ContactsPanel()
        self.model = self.panel.model
        self.history = HistoryPanel()
        self._contact_call_pending = False
        self._dialpad_query = False
        self.contact_dialog: ContactDialog | None = None
        self.import_dialog: ImportDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self._wire()

    def _wire(self) -> None:
        service, panel, window = self.service, self.panel, self._window
        service.index_changed.connect(self._show_index)
        service.notice.connect(window.show_message)
        service.history_changed.connect(self.history.set_entries)
        service.history_added.connect(self.history.add_entry)
        self.history.redial_requested.connect(self.redial)
        self.history.export_requested.connect(self.export_history)
        self.history.add_contact_requested.connect(self.add_contact_from_history)
        panel.edit_requested.connect(self.edit_contact)
        panel.import_requested.connect(self.choose_import_file)
        panel.export_requested.connect(self.choose_export_file)
        panel.restore_requested.connect(self.choose_backup)
        service.import_progress.connect(self._import_progress)
        service.import_finished.connect(self._import_finished)
        service.import_failed.connect(self._import_failed)
        service.import_cancelled.connect(self._import_cancelled)
        panel.call_requested.connect(self.call_contact)
        panel.favorite_toggled.connect(service.set_favorite)
        panel.delete_requested.connect(self.delete_contacts)
        window.number_changed.connect(self._narrow_from_dialpad)
        panel.search.textEdited.connect(self._search_typed)
        window.matches_requested.connect(self._to_matches)
        panel.dial_typed.connect(window.type_into_number)
        self.history.dial_typed.connect(window.type_into_number)

        if service.index is not None:
            self._show_index(service.index)
        if service.history is not None:
            self.history.set_entries(service.history)

    def _show_index(self, index: ContactIndex) -> None:
        self.model.set_index(index)
        # Long-lived data (the search index) moves out of the cyclic GC's reach: a full
        # collection over 100k rows would otherwise stall the window for tens of ms.
        gc.freeze()
        self.shown.emit(len(index))

    def start(self) -> None:
        """Start-up is over (the list is loading since the flow was built): prune old calls."""
        self.service.prune_history(self._settings().history_retention_days)

    def shutdown(self) -> None:
        self.service.shutdown()

    # calling a contact ----------------------------------------------------------------
    @property
    def call_pending(self) -> bool:
        """A contact's call is waiting for the contact to be read (then it is placed)."""
        return self._contact_call_pending

    def call_contact(
        self,
        contact_id: int,
        digits: str,
        mode: DeliveryMode | None,
        surface: Surface = Surface.CONTACT,
    ) -> None:
        """Fetch the contact (for its extra_params) on the store worker, then call once."""
        if self._contact_call_pending or self._calls.in_flight:
            return
        self._contact_call_pending = True
        window = self._window

        def place(contact: Contact | None) -> None:
            self._contact_call_pending = False
            self._calls.request(
                CallIntent(
                    "+" + digits,
                    surface,
                    mode or window.current_mode(),
                    window.current_caller_id(),
                    contact_id=contact.id if contact else None,
                    contact_name=contact.name if contact else "",
                    extra_params=contact.extra_params if contact else None,
                )
            )

        self.service.get_contact(contact_id, place)

    def redial(self, entry: HistoryEntry) -> None:
        """The same number, mode and caller id as the recorded call; a contact's call also
        carries the contact's extra_params again (fetched on the store worker)."""
        if self._contact_call_pending or self._calls.in_flight:
            return
        if entry.contact_id is None:
            self._redial(entry, None)
            return
        self._contact_call_pending = True

        def place(contact: Contact | None) -> None:
            self._contact_call_pending = False
            self._redial(entry, contact)

        self.service.get_contact(entry.contact_id, place)

    def _redial(self, entry: HistoryEntry, contact: Contact | None) -> None:
        self._calls.request(
            CallIntent(
                "+" + entry.number_digits,
                Surface.HISTORY,
                DeliveryMode.MOBILE if entry.mode == "mobile" else DeliveryMode.SOFTPHONE,
                entry.caller_id,
                contact_id=entry.contact_id,
                contact_name=entry.contact_name,
                extra_params=contact.extra_params if contact else None,
            )
        )

    def export_history(self, path: str) -> None:
        entries = self.history.entries()

        def done(count: int) -> None:
            text = self.tr("Exported {count} calls to {path}.", "", count)
            self._window.show_message(text.format(count=f"{count:,}", path=path), "info")

        def failed(error: BaseException) -> None:
            text = self.tr("Export failed: {reason}").format(reason=error)
            self._window.show_message(text, "error")

        self._io.submit(lambda: _write_history(Path(path), entries), done, failed)

    # editing --------------------------------------------------------------------------
    def edit_contact(self, contact_id: int | None) -> None:
        if contact_id is None:
            self.open_contact_dialog(None)
        else:
            self.service.get_contact(contact_id, self.open_contact_dialog)

    def add_contact_from_history(self, entry: HistoryEntry) -> None:
        number = ContactNumber(raw=entry.number_display, digits=entry.number_digits, label="mobile")
        self.open_contact_dialog(Contact(name=entry.contact_name, numbers=(number,)))

    def open_contact_dialog(self, contact: Contact | None) -> ContactDialog:
        from dialer_app.ui.contact_dialog import ContactDialog

        dialog = ContactDialog(contact, self._settings().default_region, self._window)
        dialog.accepted.connect(lambda: self._save_from_dialog(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "contact_dialog", None))
        self.contact_dialog = dialog
        dialog.open()
        return dialog

    def _save_from_dialog(self, dialog: ContactDialog) -> None:
        contact = dialog.result_contact()
        self.service.save_contact(
            contact,
            lambda saved: self._window.show_message(
                self.tr("Saved {name}.").format(name=saved.name), "info"
            ),
        )

    # import / export ------------------------------------------------------------------
    def choose_import_file(self) -> None:
        path = self._ask_import_path()
        if path:
            self.prepare_import(Path(path))

    def _ask_import_path(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import contacts"),
            str(Path.home()),
            self.tr("Contacts (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)"),
        )
        return path

    def prepare_import(self, path: Path) -> None:
        """Sniff the file on the I/O worker, then show the mapping/preview dialog."""
        sniff_then_open(self._io, self._window, path, self._open_import)

    def _open_import(self, path: Path, fmt: str, layout: object) -> ImportDialog:
        from dialer_app.ui.import_dialog import ImportDialog

        region = self._settings().default_region
        dialog = ImportDialog(path, fmt, layout, self._window, region=region)  # type: ignore[arg-type]
        dialog.start_requested.connect(
            lambda mapping, chosen: self.service.import_file(path, fmt, mapping, chosen)
        )
        dialog.cancel_requested.connect(self.service.cancel_import)
        dialog.finished.connect(lambda _r: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _import_progress(self, done: int, total: int, text: str) -> None:
        if self.import_dialog is not None:
            self.import_dialog.set_progress(done, total, text)

    def _import_finished(self, outcome: ImportSummary) -> None:
        added = self.tr("Imported {count} new contacts", "", outcome.added)
        merged = self.tr("merged {count} duplicates.", "", outcome.merged)
        message = (
            f"{added.format(count=f'{outcome.added:,}')}, "
            f"{merged.format(count=f'{outcome.merged:,}')}"
        )
        if self.import_dialog is not None:
            self.import_dialog.show_report(outcome.summary, list(outcome.notes))
        self._window.show_message(message, "info")

    def _import_failed(self, message: str) -> None:
        if self.import_dialog is not None:
            self.import_dialog.show_error(message)
        else:
            self._window.show_message(message, "error")

    def _import_cancelled(self) -> None:
        if self.import_dialog is not None:
            self.import_dialog.show_cancelled()
        self._window.show_message(self.tr("Import cancelled; nothing was saved."), "info")

    def choose_export_file(self) -> None:
        path = self._ask_export_path()
        if path:
            self.export_contacts(Path(path))

    def _ask_export_path(self) -> str:
        """The file the agent chose, ending in the extension of the format chosen with it
        ("contacts" or "contacts.txt" with vCard chosen become "….vcf")."""
        path, chosen = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export contacts"),
            str(Path.home() / "contacts.csv"),
            self.tr("CSV for Excel (*.csv);;vCard (*.vcf *.vcard)"),
        )
        extensions = (".vcf", ".vcard") if "*.vcf" in chosen else (".csv",)
        if path and Path(path).suffix.lower() not in extensions:
            path += extensions[0]
        return path

    def export_contacts(self, path: Path) -> None:
        """Export every contact to ``path``, in the format its extension says."""

        def done(exported: Exported) -> None:
            text = self.tr("Exported {count} contacts to {path}.", "", exported.count).format(
                count=f"{exported.count:,}", path=path
            )
            if exported.note:  # the database was recovered since the last export
                self._window.show_message(f"{text} {translated(exported.note)}", "error")
            else:
                self._window.show_message(text, "info")

        self.service.export_file(path, None, done)

    # restore ---------------------------------------------------------------------------
    def choose_backup(self) -> None:
        """List the backups (on the store worker), then let the agent pick one."""
        self.service.list_backups(self._open_restore_dialog)

    def _open_restore_dialog(self, summaries: list[BackupSummary]) -> RestoreDialog:
        from dialer_app.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog([self._backup_choice(s) for s in summaries], self._window)
        dialog.restore_requested.connect(self._restore)
        dialog.finished.connect(lambda _r: setattr(self, "restore_dialog", None))
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def _backup_choice(self, summary: BackupSummary) -> BackupChoice:
        """How the restore dialog shows one backup."""
        taken = summary.backup.describe()
        if summary.problem:
            problem = self.tr("cannot be read ({reason})").format(reason=summary.problem)
            return summary.backup.path, f"{taken} · {problem}", False
        contacts = self.tr("{count} contacts", "", summary.contacts)
        calls = self.tr("{count} calls", "", summary.history)
        contacts = contacts.format(count=f"{summary.contacts:,}")
        calls = calls.format(count=f"{summary.history:,}")
        return summary.backup.path, f"{taken} · {contacts} · {calls}", True

    def _restore(self, backup: Path) -> None:
        def done(restored: RestoredBackup) -> None:
            self._window.show_message(restored.sentence(), "info")

        self.service.restore_backup(backup, done)

    # history ------------------------------------------------------------------------
    def record_success(self, attempt: CallAttempt, result: CallResult) -> None:
        self.service.record_call(history_entry(attempt, result=result))

    def record_failure(self, attempt: CallAttempt, failure: CallFailure) -> None:
        self.service.record_call(history_entry(attempt, failure=failure))

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

    def _to_matches(self) -> None:
        """Down in the number field: the keyboard to the first matching contact (the
        Contacts tab shown); Up from it comes back to the number."""
        if self.panel.has_matches():
            self._window.show_side_panel(self.panel)
            self.panel.enter_list(self._window.focus_number)

    def delete_contacts(self, ids: list[int]) -> None:
        def deleted(contacts: list[Contact]) -> None:
            if not contacts:
                return
            if len(contacts) == 1:
                text = self.tr("Deleted {name}.").format(name=contacts[0].name)
            else:
                text = self.tr("Deleted {count} contacts.", "", len(contacts))
                text = text.format(count=f"{len(contacts):,}")
            self._window.show_undoable(text, lambda: self.service.restore_contacts(contacts))

        self.service.delete_contacts(ids, deleted)


def _write_history(path: Path, entries: list[HistoryEntry]) -> int:
    from dialer_app.core.history_export import write_history_csv

    return write_history_csv(path, entries)
