"""Wires the Lists tab to the stored call lists and to the calls.

Every call of a list is a ``CallIntent`` with ``Surface.CALL_LIST`` handed to the app's
DialerService (``calls.request``): the Dialer applies the repeat guard and the calling rules.
Before an entry is shown, ``Dialer.prepare`` (pure: it sends nothing) says whether the rules
hold it back; such entries are marked blocked with the reason and skipped. Each step is saved
as it happens: the call (before it leaves), its answer, the disposition, the entry shown.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from dialer_app.app.import_files import sniff_then_open
from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.call_lists import (
    CALLABLE,
    DISPOSITION_LABELS,
    EntryCheck,
    check_entry,
    entry_intent,
    is_due,
    list_progress,
    next_entry,
    refusal_check,
    to_call,
    when_text,
)
from dialer_app.core.dialer import CallIntent, CallRefusedError, Dialer, Surface
from dialer_app.core.settings import Settings
from dialer_app.core.store import CallList, Disposition, ListAttempt, ListEntry
from dialer_app.services.background import BackgroundRunner
from dialer_app.services.call_lists import CallListsService, LoadedList, SavedEntry
from dialer_app.ui.core_text import translated
from dialer_app.ui.lists_view import ListsPanel
from dialer_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from dialer_app.core.call_lists import ListImport
    from dialer_app.core.call_request import CallResult
    from dialer_app.core.contact_import import CsvLayout
    from dialer_app.ui.list_import_dialog import ListImportDialog

log = logging.getLogger(__name__)
RECHECK_MS = 60_000  # calling hours move on: the rules are asked again every minute
_CHECK_SLICE = 64  # entries checked per turn of the event loop (~10 ms at ~150 µs each)
_CALLBACK_POLL_MS = 60_000


class ListCalls(Protocol):
    """What the lists need of the calls: one call at a time, through the Dialer."""

    @property
    def in_flight(self) -> bool: ...

    def request(self, intent: CallIntent) -> bool: ...


@dataclass(frozen=True)
class _Call:
    """The entry a call of the list belongs to."""

    list_id: int
    entry_id: int
    intent: CallIntent | None = None


class ListsFlow(QObject):
    # "do not call" chosen for a number (E.164 digits, note): the composition root holds it
    # back at once; the disposition's own save puts it on the stored list.
    do_not_call_chosen = Signal(str, str)

    def __init__(
        self,
        database_path: Path,
        window: MainWindow,
        settings: Callable[[], Settings],
        calls: ListCalls,
        dialer: Callable[[], Dialer],
        io_runner: BackgroundRunner,
        notify: Callable[[str, str], None],
        set_title: Callable[[str], None] = lambda _title: None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._settings = settings
        self._calls = calls
        self._dialer = dialer
        self._io = io_runner
        self._notify = notify
        self._set_title = set_title
        self._clock = clock
        self.service = CallListsService(database_path, self)
        self.panel = ListsPanel()
        self.import_dialog: ListImportDialog | None = None
        self._list: CallList | None = None
        self._entries: list[ListEntry] = []
        self._rows: dict[int, int] = {}
        self._attempts: dict[int, list[ListAttempt]] = {}
        self._checks: dict[int, EntryCheck] = {}
        self._current: int | None = None
        self._phase = ""
        self._pending: _Call | None = None  # asked for, not started yet
        self._active: tuple[_Call, CallAttempt] | None = None  # started, no answer yet
        self._callbacks: list[tuple[CallList, ListEntry]] = []
        self._told: set[tuple[int, int, datetime]] = set()
        self._rechecking: Iterator[ListEntry] | None = None
        self._recheck_timer = QTimer(self, interval=RECHECK_MS)
        self._recheck_timer.timeout.connect(self.recheck)
        self._slice_timer = QTimer(self, interval=0, singleShot=True)
        self._slice_timer.timeout.connect(self._check_slice)
        self._progress_timer = QTimer(self, interval=0, singleShot=True)
        self._progress_timer.timeout.connect(self._show_progress)
        self._callback_timer = QTimer(self, singleShot=True)
        self._callback_timer.timeout.connect(self.check_callbacks)
        self._wire()

    def _wire(self) -> None:
        service, panel = self.service, self.panel
        service.lists_changed.connect(self._lists_changed)
        service.list_loaded.connect(self._list_loaded)
        service.entry_saved.connect(self._entry_saved)
        service.list_refreshed.connect(self._list_refreshed)
        service.callbacks_changed.connect(self._callbacks_changed)
        service.notice.connect(self._window.show_message)
        service.import_progress.connect(self._import_progress)
        service.import_finished.connect(self._import_finished)
        service.import_failed.connect(self._import_failed)
        panel.call_requested.connect(self.call_current)
        panel.disposition_chosen.connect(self.dispose)
        panel.skip_requested.connect(self.skip)
        panel.back_requested.connect(self.back)
        panel.entry_chosen.connect(self.show_entry)
        panel.list_chosen.connect(self.service.load)
        panel.looked_at.connect(self.refresh)
        panel.import_requested.connect(self.choose_import_file)
        panel.export_requested.connect(self.choose_export_file)
        panel.delete_requested.connect(self.confirm_delete)

    def start(self) -> None:
        """Open the lists (after the contacts' store is open: one opening at a time).
        Idempotent: asked again on every history change, it keeps the minute's recheck on
        its rhythm instead of restarting it."""
        self.service.open()
        if not self._recheck_timer.isActive():
            self._recheck_timer.start()

    def shutdown(self) -> None:
        timers = (self._recheck_timer, self._slice_timer, self._progress_timer)
        for timer in (*timers, self._callback_timer):
            timer.stop()
        self.service.shutdown()

    # what is shown ----------------------------------------------------------------------
    @property
    def current_entry(self) -> ListEntry | None:
        return self._entry(self._current)

    def show_entry(self, entry_id: int, phase: str = "") -> None:
        entry = self._entry(entry_id)
        if entry is None or self._list is None:
            return
        if entry_id != self._current:
            self._phase = phase
            self.panel.clear_note()
            self.service.set_position(self._list.id, entry_id)
        elif phase:
            self._phase = phase
        self._current = entry_id
        self._checks[entry_id] = self._check(entry)  # a done entry may be called again
        check = self._checks.get(entry_id, CALLABLE)
        attempts = self._attempts.get(entry_id, [])
        self.panel.show_entry(entry, self._list, check, attempts, self._phase)

    def skip(self) -> None:
        if self._current is not None:
            self._advance(self._current)

    def back(self) -> None:
        if self._current is None:
            if self._entries:
                self.show_entry(self._entries[-1].id)
            return
        if self._current > 1:
            self.show_entry(self._current - 1)
        else:
            self._window.show_message(self.tr("This is the first entry of the list."), "info")

    def _advance(self, after: int, held: ListEntry | None = None) -> None:
        """Show the next entry to call; entries the rules hold back are marked and passed
        (``held``: the one a refusal just held back), and the notice names them."""
        passed: list[ListEntry] = [] if held is None else [held]

        def usable(entry: ListEntry) -> bool:
            check = self._check(entry)
            self._checks[entry.id] = check
            if not check.callable:
                passed.append(entry)
            return check.callable

        found = next_entry(self._entries, after, self._clock(), usable)
        if passed:
            self._tell_passed(passed)
            self.panel.checks_changed()
        if found is None:
            self._show_finished()
        else:
            self.show_entry(found.id)
        self._update_progress()
        if self.panel.isVisible():
            self.panel.focus_current()

    def _show_finished(self) -> None:
        self._current = None
        assert self._list is not None
        progress = list_progress(self._entries, self._checks)
        waiting = [e for e in self._entries if e.status == "callback" and e.callback_at]
        text = self.tr("Nothing left to call in {list} for now ({progress}).").format(
            list=self._list.name, progress=translated(progress.text)
        )
        if waiting:
            first = min(waiting, key=lambda e: e.callback_at or self._clock())
            assert first.callback_at is not None
            text += " " + self.tr("Next call back: {name}, {when}.").format(
                name=first.name, when=when_text(first.callback_at)
            )
        self.panel.show_empty(text)

    def _tell_passed(self, passed: list[ListEntry]) -> None:
        shown = "; ".join(
            f"{entry.name}: {translated(self._checks[entry.id].reason).rstrip('.।')}"
            for entry in passed[:3]
        )  # each reason is a sentence; inside the brackets it loses its full stop
        if len(passed) > 3:
            shown += self.tr("; and {count} more").format(count=len(passed) - 3)
        count = len(passed)
        text = self.tr("Skipped {count} entries held back ({which}).", "", count)
        self._window.show_message(text.format(count=count, which=shown), "info")
        for entry in passed:
            check = self._checks[entry.id]
            if check.state == "blocked" and check.reason != entry.blocked_reason:
                assert self._list is not None
                self.service.note_blocked(self._list.id, entry.id, check.reason)

    # calling ------------------------------------------------------------------------------
    def call_current(self) -> None:
        entry = self.current_entry
        if entry is None or self._list is None or self._calls.in_flight:
            return
        window = self._window
        intent = entry_intent(entry, window.current_mode(), window.current_caller_id())
        self._pending = _Call(self._list.id, entry.id, intent)
        try:
            self._calls.request(intent)
        finally:
            self._pending = None

    def call_started(self, attempt: CallAttempt) -> None:
        if attempt.surface != Surface.CALL_LIST.value:
            return
        call = self._pending or self._entry_called(attempt)
        if call is None:
            return
        self._active = (call, attempt)
        at = datetime.fromtimestamp(attempt.started_at, UTC)
        self.service.start_attempt(call.list_id, call.entry_id, at)
        entry = self._entry(call.entry_id) if self._is_shown_list(call) else None
        if entry is not None:
            started = replace(
                entry, status="called", attempts=entry.attempts + 1, last_called_at=at
            )
            self._replace(started)
            if call.entry_id == self._current:
                calling = self.tr("Calling {number}…").format(number=attempt.display_number)
                self.show_entry(call.entry_id, calling)

    def call_succeeded(self, attempt: CallAttempt, result: CallResult) -> None:
        call = self._finished_call(attempt)
        if call is None:
            return
        self.service.finish_attempt(call.list_id, call.entry_id, "initiated", result.request_id)
        self._set_phase(call, self.tr("Call placed. What happened? Press 1–7 (or Alt+1–7)."))

    def call_failed(self, attempt: CallAttempt, failure: CallFailure) -> None:
        call = self._finished_call(attempt)
        if call is None:
            return
        self.service.finish_attempt(call.list_id, call.entry_id, "failed", None, failure.message)
        text = self.tr("The call failed: {reason} Enter tries again.")
        self._set_phase(call, text.format(reason=translated(failure.message)))

    def call_refused(self, intent: CallIntent, refusal: CallRefusedError) -> None:
        pending = self._pending
        if pending is None or intent is not pending.intent or self._list is None:
            return
        check = refusal_check(refusal)
        if check.callable:  # e.g. a repeat held back for seconds: the window offers Call again
            self._set_phase(pending, refusal.message)
            return
        self._checks[pending.entry_id] = check
        self._advance(pending.entry_id, self._entry(pending.entry_id))

    def _entry_called(self, attempt: CallAttempt) -> _Call | None:
        """A call of the list not asked for here ("Call again" after a repeat was held back):
        it belongs to the entry shown when that has the number."""
        entry = self.current_entry
        if entry is None or self._list is None or entry.digits != attempt.request.to:
            return None
        return _Call(self._list.id, entry.id)

    def _finished_call(self, attempt: CallAttempt) -> _Call | None:
        if self._active is None or self._active[1] is not attempt:
            return None
        call, self._active = self._active[0], None
        return call

    def _set_phase(self, call: _Call, phase: str) -> None:
        if self._is_shown_list(call) and call.entry_id == self._current:
            self.show_entry(call.entry_id, phase)

    # dispositions -----------------------------------------------------------------------
    def dispose(self, disposition: str, note: str, callback_at: datetime | None) -> None:
        entry = self.current_entry
        if entry is None or self._list is None or disposition not in DISPOSITION_LABELS:
            return
        chosen: Disposition = disposition
        if chosen == "do_not_call" and entry.digits:
            self.do_not_call_chosen.emit(entry.digits, note.strip())
        self.service.record_disposition(self._list.id, entry.id, chosen, note, callback_at)
        done = replace(
            entry,
            status="callback" if chosen == "callback" else "done",
            disposition=chosen,
            note=note.strip(),
            callback_at=callback_at,
        )
        self._replace(done)
        self.panel.clear_note()
        self._advance(entry.id)

    # the store's answers ----------------------------------------------------------------
    def _lists_changed(self, lists: list[CallList]) -> None:
        self.panel.set_lists(lists)

    def _list_loaded(self, loaded: LoadedList | None) -> None:
        self._current, self._phase, self._checks = None, "", {}
        if loaded is None:
            self._list, self._entries, self._rows, self._attempts = None, [], {}, {}
            self.panel.set_entries(None, [], self._checks)
            self.panel.show_empty(
                self.tr("No call list yet. Import a CSV or vCard file with Import list…")
            )
            self._set_title(self.tr("&Lists"))
            return
        self._list = loaded.call_list
        self._entries = list(loaded.entries)
        self._rows = {entry.id: row for row, entry in enumerate(self._entries)}
        self._attempts = dict(loaded.attempts)
        self.panel.set_entries(self._list, self._entries, self._checks)
        resume = self._entry(loaded.call_list.position)
        if resume is not None and to_call(resume, self._clock()) and self._check(resume).callable:
            self.show_entry(resume.id)
            self._update_progress()
        else:
            self._advance(loaded.call_list.position)
        self.recheck()

    def refresh(self) -> None:
        """Take in what another process changed in the current list (the command line)."""
        if self._list is not None:
            self.service.refresh(self._list.id)

    def _list_refreshed(self, loaded: LoadedList) -> None:
        if self._list is None or loaded.call_list.id != self._list.id:
            return
        self._list = loaded.call_list
        self._attempts = dict(loaded.attempts)
        for entry in loaded.entries:
            if self._entry(entry.id) != entry:
                self._replace(entry)
        current = self.current_entry
        if current is not None:
            self.show_entry(current.id)

    def _entry_saved(self, saved: SavedEntry) -> None:
        entry = saved.entry
        if self._list is None or entry.list_id != self._list.id or entry.id not in self._rows:
            return
        self._attempts[entry.id] = saved.attempts
        self._replace(entry)
        if entry.id == self._current:
            self.show_entry(entry.id)

    def _replace(self, entry: ListEntry) -> None:
        row = self._rows.get(entry.id)
        if row is None or self._list is None:
            return
        self._entries[row] = entry
        self.panel.update_entry(entry)
        self._update_progress()
        key = (entry.list_id, entry.id)
        others = [pair for pair in self._callbacks if (pair[0].id, pair[1].id) != key]
        if entry.status == "callback":
            others.append((self._list, entry))
        self._callbacks = others

    # checks -----------------------------------------------------------------------------
    def _check(self, entry: ListEntry) -> EntryCheck:
        window = self._window
        return check_entry(self._dialer(), entry, window.current_mode(), window.current_caller_id())

    def recheck(self) -> None:
        """Ask the rules again about every entry still to call, a slice per event-loop turn
        (a long list never stalls the window)."""
        self._rechecking = iter([e for e in self._entries if e.status != "done"])
        self._slice_timer.start()

    def _check_slice(self) -> None:
        if self._rechecking is None:
            return
        for count, entry in enumerate(self._rechecking, start=1):
            self._checks[entry.id] = self._check(entry)
            if count >= _CHECK_SLICE:
                self._slice_timer.start()
                return
        self._rechecking = None
        self.panel.checks_changed()
        self._update_progress()

    def _update_progress(self) -> None:
        """Once per event-loop turn, however many changes asked for it."""
        self._progress_timer.start()

    def _show_progress(self) -> None:
        if self._list is None:
            return
        progress = list_progress(self._entries, self._checks)
        self.panel.set_progress(progress)
        title = self.tr("&Lists {done}/{total}")
        self._set_title(title.format(done=progress.done, total=progress.total))

    # call backs -------------------------------------------------------------------------
    def _callbacks_changed(self, callbacks: list[tuple[CallList, ListEntry]]) -> None:
        self._callbacks = callbacks
        self.check_callbacks()

    def check_callbacks(self) -> None:
        """Tell each call back once when its time comes; wake up for the next one."""
        now = self._clock()
        upcoming: list[datetime] = []
        for call_list, entry in self._callbacks:
            if entry.callback_at is None:
                continue
            if entry.callback_at > now:
                upcoming.append(entry.callback_at)
                continue
            key = (call_list.id, entry.id, entry.callback_at)
            if key in self._told:
                continue
            self._told.add(key)
            text = self.tr("Call back {name} ({number}) from the list {list}: asked for {when}.")
            self._notify(
                self.tr("Call back now"),
                text.format(
                    name=entry.name,
                    number=entry.number,
                    list=call_list.name,
                    when=when_text(entry.callback_at),
                ),
            )
            shown = self._entry(entry.id)
            if (
                self._current is None
                and shown is not None
                and self._is_shown_list(_Call(call_list.id, entry.id))
                and is_due(shown, now)
            ):
                self.show_entry(entry.id)
        wait_ms = _CALLBACK_POLL_MS
        if upcoming:
            seconds = (min(upcoming) - now).total_seconds()
            wait_ms = max(1, min(_CALLBACK_POLL_MS, int(seconds * 1000) + 50))
        self._callback_timer.start(wait_ms)

    # import, export, delete ---------------------------------------------------------------
    def choose_import_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import a call list"),
            str(Path.home()),
            self.tr("Lists (*.csv *.tsv *.txt *.vcf *.vcard);;All files (*)"),
        )
        if path:
            self.prepare_import(Path(path))

    def prepare_import(self, path: Path) -> None:
        """Sniff the file on the I/O worker, then ask for the name and the columns."""
        sniff_then_open(self._io, self._window, path, self._open_import)

    def _open_import(self, path: Path, fmt: str, layout: CsvLayout | None) -> ListImportDialog:
        from dialer_app.ui.list_import_dialog import ListImportDialog

        region = self._settings().default_region
        dialog = ListImportDialog(path, fmt, layout, self._window, region=region)
        dialog.start_requested.connect(
            lambda name, mapping, chosen: self.service.import_file(path, name, fmt, chosen, mapping)
        )
        dialog.cancel_requested.connect(self.service.cancel_import)
        dialog.finished.connect(lambda _result: setattr(self, "import_dialog", None))
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _import_progress(self, done: int, total: int) -> None:
        if self.import_dialog is not None:
            self.import_dialog.set_progress(done, total)

    def _import_finished(self, imported: ListImport) -> None:
        if self.import_dialog is not None:
            self.import_dialog.accept()
        self._window.show_message(imported.summary(), "info")

    def _import_failed(self, message: str) -> None:
        if self.import_dialog is not None:
            self.import_dialog.show_error(message)
        else:
            self._window.show_message(message, "error")

    def choose_export_file(self) -> None:
        if self._list is None:
            return
        suggested = Path.home() / self.tr("{list} results.csv").format(list=self._list.name)
        path, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Export the list's results"),
            str(suggested),
            self.tr("CSV for Excel (*.csv)"),
        )
        if path:
            self.export(Path(path if path.lower().endswith(".csv") else path + ".csv"))

    def export(self, path: Path) -> None:
        if self._list is None:
            return
        name = self._list.name
        self.service.export(
            self._list.id,
            path,
            lambda count: self._window.show_message(
                self.tr("Exported {count} entries of {list} to {path}.", "", count).format(
                    count=f"{count:,}", list=name, path=path
                ),
                "info",
            ),
        )

    def confirm_delete(self) -> None:
        if self._list is None:
            return
        found = self._list
        answer = QMessageBox.question(
            self._window,
            self.tr("Delete the list?"),
            self.tr(
                "Delete the list {list} with its {count} entries and their outcomes? "
                "Export it first to keep the results.",
                "",
                found.total,
            ).format(list=found.name, count=found.total),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete(found.id)

    def delete(self, list_id: int) -> None:
        self.service.delete(
            list_id, lambda: self._window.show_message(self.tr("The list was deleted."), "info")
        )

    # helpers ----------------------------------------------------------------------------
    def _entry(self, entry_id: int | None) -> ListEntry | None:
        row = None if entry_id is None else self._rows.get(entry_id)
        return None if row is None else self._entries[row]

    def _is_shown_list(self, call: _Call) -> bool:
        return self._list is not None and self._list.id == call.list_id
