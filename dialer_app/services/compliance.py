"""The calling rules for the window: lists in memory, the database and the team's source
behind workers.

The Dialer checks every intent on the GUI thread, so the do-not-call list and the attempts
log live in memory here (``core.do_not_call.DoNotCallList``, ``core.attempts.AttemptLog``).
They are loaded on the store worker (``ContactsService.run_job``: the one thread that
touches the database), changed in memory at once and saved there; the team's list is read on
its own worker (a slow share or server never delays the database) at start and hourly, and
its copy kept in the database. Until the lists are loaded, a call is held back with "still
loading" (``when_loaded`` runs a launch's link once they are).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from dialer_app.core.attempts import AttemptLog, history_window_start
from dialer_app.core.compliance import calling_rules
from dialer_app.core.do_not_call import DoNotCallEntry, DoNotCallList, TeamCopy
from dialer_app.services.background import BackgroundRunner

if TYPE_CHECKING:
    from array import array

    from dialer_app.core.dialer import CallIntent, CallRule
    from dialer_app.core.dnc_file import NumberFile
    from dialer_app.core.dnc_source import TeamList
    from dialer_app.core.settings import Settings
    from dialer_app.core.store import DoNotCallLists, HistoryEntry, Store

log = logging.getLogger(__name__)
REFRESH_MS = 3_600_000
MAX_IMPORT_BYTES = 64 * 1024 * 1024


class StoreJobs(Protocol):
    """Runs ``work(store)`` on the store worker (``ContactsService.run_job``)."""

    def __call__(
        self,
        work: Callable[[Store], Any],
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object],
    ) -> None: ...


class ComplianceService(QObject):
    """The do-not-call list and the attempts log in memory, and the rules that read them."""

    loaded = Signal()  # the lists are in memory (or could not be read: ``problem``)
    entries_changed = Signal(list)  # list[DoNotCallEntry]: the agent's own list, by number
    team_changed = Signal(str, bool)  # the team list's state in words, whether it is a problem
    notice = Signal(str, str)  # message, state ("info" | "error")
    imported = Signal(str)  # what an import did, in words
    import_failed = Signal(str)

    def __init__(
        self,
        settings: Callable[[], Settings],
        parent: QObject | None = None,
        *,
        zone: tzinfo | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._clock = clock
        self._zone = zone
        self.do_not_call = DoNotCallList()
        self.attempts = AttemptLog()
        self.rules: tuple[CallRule, ...] = calling_rules(
            settings,
            do_not_call=self.do_not_call.reason,
            attempts_since=self.attempts.count_since,
            zone=zone,
        )
        self._jobs: StoreJobs | None = None
        self._source_runner = BackgroundRunner("dnc-source", self)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh_team_list)
        self._waiting: list[Callable[[], object]] = []
        self._reading_source = False
        self._source = settings().dnc_source.strip()
        self._told_problem = ""
        self._closed = False

    @property
    def ready(self) -> bool:
        """The lists were loaded, or could not be (calls are then held back, with why)."""
        return self.do_not_call.loaded or bool(self.do_not_call.problem)

    # lifecycle --------------------------------------------------------------------------
    def start(self, jobs: StoreJobs, database: Path) -> None:
        """Load the lists with ``jobs`` (the store worker), then read the team's list. A
        database that cannot be opened (a full disk) is read without writing instead."""
        self._jobs = jobs
        since = history_window_start(self._clock(), self._zone)

        def read_without_store(error: BaseException) -> None:
            log.warning("Do-not-call list read without the store: %s", error)
            self._source_runner.submit(
                lambda: _read_only(database, since),
                lambda lists: self._loaded(lists, read_only=str(error)),
                self._load_failed,
            )

        jobs(lambda store: _load(store, since), self._loaded, read_without_store)

    def reload(self) -> None:
        """Read the lists again (the database was restored from a backup or rebuilt after
        damage: it may list numbers the lists in memory do not)."""
        if self._jobs is None or self._closed:
            return
        since = history_window_start(self._clock(), self._zone)
        self._jobs(lambda store: _load(store, since), self._loaded, self._load_failed)

    def when_loaded(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the lists are loaded (now, if they are)."""
        if self.ready:
            callback()
        else:
            self._waiting.append(callback)

    def shutdown(self) -> None:
        self._closed = True
        self._timer.stop()
        self._waiting.clear()
        self._source_runner.shutdown(wait=0.1)  # a hung share or server never holds the exit

    def _loaded(self, lists: DoNotCallLists, read_only: str = "") -> None:
        from dialer_app.core.compliance import fill

        source = self._settings().dnc_source.strip()
        fill(self.do_not_call, self.attempts, lists, bool(source))
        self.team_changed.emit(team_state(lists.team_copy, source), False)
        log.info(
            "Do-not-call list loaded: %d own numbers, %d on the team's copy",
            len(lists.own),
            len(lists.team_numbers),
        )
        self.entries_changed.emit(self.do_not_call.own_entries())
        self._ready()
        if read_only:
            self._jobs = None  # nothing can be saved: say so rather than queue failing writes
            self.notice.emit(
                f"The do-not-call list was read from the database without opening it "
                f"({read_only}); calls are checked against it, but changes to it are not "
                "saved until the database can be used again.",
                "error",
            )
            return
        self.refresh_team_list()
        self._timer.start()

    def _load_failed(self, error: BaseException) -> None:
        problem = str(error) or type(error).__name__
        log.error("Do-not-call list not loaded: %s", problem)
        self.do_not_call.fail(problem)
        self.notice.emit(
            f"The do-not-call list cannot be read ({problem}); calls are held back until it can.",
            "error",
        )
        self._ready()

    def _ready(self) -> None:
        self.loaded.emit()
        waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback()

    # settings ---------------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        source = settings.dnc_source.strip()
        if source != self._source:
            self._source = source
            self._told_problem = ""
            self.do_not_call.use_team(False)
            if self.do_not_call.loaded:
                self.refresh_team_list()

    # the team's list --------------------------------------------------------------------
    def refresh_team_list(self) -> None:
        """Read the team's source now (off the GUI thread); a source that cannot be read
        keeps the last good copy and says so."""
        settings = self._settings()
        source = settings.dnc_source.strip()
        copy = self.do_not_call.team_copy
        if not source:
            self.do_not_call.use_team(False)
            self.team_changed.emit("No team list is set.", False)
            return
        # The kept copy counts at once (even from another source): never fewer numbers.
        self.do_not_call.use_team(copy is not None)
        if self._reading_source or self._closed:
            return
        self._reading_source = True
        self._source_runner.submit(
            lambda: _read_source(settings),
            lambda team: self._keep(source, team),
            lambda error: self._source_failed(source, error),
        )

    def _keep(self, source: str, team: TeamList) -> None:
        if self._jobs is None or source != self._source:
            self._reading_source = False
            if source != self._source:  # the setting changed meanwhile: read the new one
                self.refresh_team_list()
            return

        def failed(error: BaseException) -> None:
            self._source_failed(source, error, kept=False)

        self._jobs(lambda store: _keep_copy(store, team), self._kept, failed)

    def _kept(self, kept: tuple[array[int], TeamCopy]) -> None:
        self._reading_source = False
        numbers, copy = kept
        self._set_team(numbers, copy)
        self._told_problem = ""
        log.info("Team do-not-call list read: %d numbers from %s", copy.count, copy.source)

    def _source_failed(self, source: str, error: BaseException, *, kept: bool = True) -> None:
        from dialer_app.core.compliance import team_problem

        self._reading_source = False
        if source != self._source:  # the setting changed meanwhile: read the new one
            self.refresh_team_list()
            return
        why = str(error) if kept else f"the copy could not be saved ({error})"
        problem = team_problem(source, why, self.do_not_call.team_copy)
        log.warning("%s", problem)
        self.team_changed.emit(problem, True)
        if problem != self._told_problem:  # hourly retries do not repeat the same notice
            self._told_problem = problem
            self.notice.emit(problem, "error")

    def _set_team(self, numbers: array[int], copy: TeamCopy | None) -> None:
        source = self._settings().dnc_source.strip()
        self.do_not_call.set_team(numbers, copy, in_use=bool(source) and copy is not None)
        self.team_changed.emit(team_state(copy, source), False)

    # the agent's own list ---------------------------------------------------------------
    def add_to_do_not_call(
        self, number: str, note: str = "", source: str = "agent", *, save: bool = True
    ) -> DoNotCallEntry:
        """Put a number on the list: it is held back at once and saved on the store worker
        (a number in any form; ``InvalidNumberError`` when it is not one). Without ``save``
        it is only held back in memory: a call list's "do not call" is saved with the
        disposition (``core.call_lists.add_to_do_not_call``)."""
        from dialer_app.core.do_not_call import clean_note
        from dialer_app.core.phone import normalize

        digits = normalize(number, self._settings().default_region).digits
        entry = self.do_not_call.own_entry(digits)
        text = clean_note(note)
        if entry is None or (text and text != entry.note):
            entry = DoNotCallEntry(
                digits,
                text or (entry.note if entry else ""),
                entry.added_at if entry else datetime.now(UTC),
                entry.source if entry else source,
            )
            self.do_not_call.add(entry)
            if save:
                saved = entry
                self._store_job(
                    lambda store: store.add_do_not_call([saved]),
                    f"{entry.display} is held back for now, but could not be saved on the list",
                )
        self.entries_changed.emit(self.do_not_call.own_entries())
        return entry

    def remove_from_do_not_call(self, digits: str) -> None:
        removed = self.do_not_call.remove(digits)
        if removed is None:
            return
        self.entries_changed.emit(self.do_not_call.own_entries())

        def undo(_error: BaseException) -> None:
            self.do_not_call.add(removed)
            self.entries_changed.emit(self.do_not_call.own_entries())

        self._store_job(
            lambda store: store.remove_do_not_call(digits),
            f"{removed.display} stays on the do-not-call list: it could not be removed",
            undo,
        )

    def import_file(self, path: Path) -> None:
        """Add the numbers of a file (on the store worker: reading it is part of the job)."""
        region = self._settings().default_region
        if self._jobs is None:
            self.import_failed.emit("The do-not-call list is not loaded yet.")
            return
        self._jobs(lambda store: _import(store, path, region), self._imported, self._not_imported)

    def _imported(self, result: tuple[NumberFile, int]) -> None:
        found, added = result
        now = datetime.now(UTC)
        for digits, note in found.numbers.items():  # as the store's upsert did
            known = self.do_not_call.own_entry(digits)
            if known is None:
                self.do_not_call.add(DoNotCallEntry(digits, note, now, "import"))
            elif note and note != known.note:
                self.do_not_call.add(DoNotCallEntry(digits, note, known.added_at, known.source))
        self.entries_changed.emit(self.do_not_call.own_entries())
        total = len(found.numbers)
        text = (
            f"Imported {total:,} numbers: {added:,} added, {total - added:,} already listed, "
            f"{found.skipped_count:,} lines skipped."
        )
        shown = [f"line {s.line}: {s.text!r}: {s.reason}" for s in found.skipped[:5]]
        if shown:
            text += "\n" + "\n".join(shown)
        if found.skipped_count > len(shown):
            text += f"\n… and {found.skipped_count - len(shown):,} more."
        self.imported.emit(text)

    def _not_imported(self, error: BaseException) -> None:
        self.import_failed.emit(f"Nothing was imported: {error}.")

    def _store_job(
        self,
        work: Callable[[Store], object],
        failure: str,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        def failed(error: BaseException) -> None:
            if on_error is not None:
                on_error(error)
            self.notice.emit(f"{failure}: {error}", "error")

        if self._jobs is None:
            failed(RuntimeError("the database is not open yet"))
            return
        self._jobs(work, lambda _result: None, failed)

    def blocked_reason(self, intent: CallIntent) -> tuple[str, str] | None:
        """``(rule, reason)`` when a rule holds the number of ``intent`` back now, else None
        (a number that cannot be read raises ``InvalidNumberError``): for surfaces that show
        blocked entries before a call is asked for (call lists)."""
        from dialer_app.core.compliance import first_block
        from dialer_app.core.phone import normalize

        number = normalize(intent.number, self._settings().default_region)
        return first_block(self.rules, number, intent, self._clock())

    # attempts ---------------------------------------------------------------------------
    def record_call(self, entry: HistoryEntry) -> None:
        """A call that ended (as the history records it): it counts for attempts per day."""
        self.attempts.record(entry)


def team_state(copy: TeamCopy | None, source: str) -> str:
    """The team list's state in words, for the Settings dialog (in the window's language)."""
    if not source:
        return QCoreApplication.translate("ComplianceService", "No team list is set.")
    if copy is None:
        return QCoreApplication.translate(
            "ComplianceService", "The team's list ({source}) has not been read yet."
        ).format(source=source)
    when = copy.loaded_at.astimezone().strftime("%Y-%m-%d %H:%M")
    count = f"{copy.count:,}"
    if copy.source == source:
        return QCoreApplication.translate(
            "ComplianceService", "The team's list: {count} numbers, read {when}."
        ).format(count=count, when=when)
    return QCoreApplication.translate(
        "ComplianceService",
        "The team's list: {count} numbers, read {when} (an earlier copy, from {source}).",
    ).format(count=count, when=when, source=copy.source)


def _load(store: Store, since: datetime) -> DoNotCallLists:
    """What the store worker loads at start."""
    from dialer_app.core.store import DoNotCallLists

    return DoNotCallLists(
        store.do_not_call_entries(),
        store.team_do_not_call_copy(),
        store.team_do_not_call_numbers(),
        store.history_since(since),
    )


def _read_only(database: Path, since: datetime) -> DoNotCallLists:
    from dialer_app.core.store import read_do_not_call_lists

    return read_do_not_call_lists(database, since)


def _read_source(settings: Settings) -> TeamList:
    from dialer_app.core.compliance import read_team_source

    return read_team_source(settings)


def _keep_copy(store: Store, team: TeamList) -> tuple[array[int], TeamCopy]:
    from array import array

    from dialer_app.core.compliance import keep_team_copy

    copy = keep_team_copy(store, team)
    return array("Q", store.team_do_not_call_numbers()), copy


def _import(store: Store, path: Path, region: str) -> tuple[NumberFile, int]:
    from dialer_app.core.dnc_file import read_number_file

    found = read_number_file(path, region, MAX_IMPORT_BYTES)
    if not found.numbers:
        raise ValueError(f"no line of {path.name} is a phone number")
    entries = [DoNotCallEntry(d, note, None, "import") for d, note in found.numbers.items()]
    return found, store.add_do_not_call(entries)
