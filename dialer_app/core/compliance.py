"""The calling rules together, as the Dialer consults them for every call on every surface.

Three rules, in this order: the do-not-call list (``core.do_not_call``: the agent's own
entries and the team's list), calling hours in the callee's time zone
(``core.calling_hours``) and attempts per number per day (``core.attempts``). Each is a
``core.dialer.CallRule``: a reason holds the call back with ``kind == "blocked"`` and the rule's
name, and "Call again" never overrides it.

The window feeds them from memory (``services.compliance``: its checks run on the GUI
thread); the command line from the profile's database (``stored_do_not_call``,
``stored_attempts``), reading the team's list first when the kept copy is more than an hour
old (``refresh_team_copy``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING

from dialer_app.core.attempts import AttemptLog, AttemptsRule, counted
from dialer_app.core.calling_hours import CallingHoursRule
from dialer_app.core.do_not_call import (
    DoNotCallList,
    DoNotCallRule,
    TeamCopy,
    own_reason,
    team_reason,
)

if TYPE_CHECKING:
    from dialer_app.core.dialer import CallIntent, CallRule
    from dialer_app.core.dnc_source import TeamList
    from dialer_app.core.phone import PhoneNumber
    from dialer_app.core.settings import Settings
    from dialer_app.core.store import DoNotCallLists, Store

__all__ = [
    "TeamRefresh",
    "calling_rules",
    "fill",
    "first_block",
    "in_memory",
    "keep_team_copy",
    "read_team_source",
    "refresh_team_copy",
    "stored_attempts",
    "stored_do_not_call",
    "team_copy_is_stale",
    "team_problem",
]


def calling_rules(
    settings: Callable[[], Settings],
    *,
    do_not_call: Callable[[str], str | None],
    attempts_since: Callable[[str, float], int],
    zone: tzinfo | None = None,
) -> tuple[CallRule, ...]:
    """The rules for a Dialer: ``do_not_call(digits)`` says why a number is listed (or None),
    ``attempts_since(digits, t)`` counts the calls to it that may have rung since ``t``;
    ``zone`` is the agent's time zone for "today" (None: this computer's)."""
    return (
        DoNotCallRule(do_not_call),
        CallingHoursRule(lambda: settings().calling_hours),
        AttemptsRule(lambda: settings().max_attempts_per_day, attempts_since, zone),
    )


def first_block(
    rules: tuple[CallRule, ...], number: PhoneNumber, intent: CallIntent, now: float
) -> tuple[str, str] | None:
    """``(rule name, reason)`` of the first rule that holds ``number`` back at ``now``, or
    None: what a surface shows before any call is asked for (a call list's blocked entries);
    the Dialer checks the same rules again when the call is asked for."""
    for rule in rules:
        reason = rule.check(number, intent, now)
        if reason:
            return rule.name, reason
    return None


def in_memory(lists: DoNotCallLists, team_in_use: bool) -> tuple[DoNotCallList, AttemptLog]:
    """The lists as the window checks them (in memory, no SQLite): the do-not-call list and
    the log of recent calls; the team's copy counts while a team source is set."""
    listed, log = DoNotCallList(), AttemptLog()
    fill(listed, log, lists, team_in_use)
    return listed, log


def fill(
    listed: DoNotCallList, log: AttemptLog, lists: DoNotCallLists, team_in_use: bool
) -> None:
    """Load ``lists`` into the in-memory list and log (``in_memory``)."""
    from array import array

    listed.load(lists.own)
    listed.set_team(
        array("Q", lists.team_numbers),
        lists.team_copy,
        in_use=team_in_use and lists.team_copy is not None,
    )
    log.load(lists.calls)


# the profile's database (the command line) ------------------------------------------------
def stored_do_not_call(
    store: Store, team_in_use: Callable[[], bool]
) -> Callable[[str], str | None]:
    """``do_not_call`` for ``calling_rules`` from the database (own entries, then the kept
    copy of the team's list while a team source is set)."""

    def lookup(digits: str) -> str | None:
        entry = store.do_not_call_entry(digits)
        if entry is not None:
            return own_reason(entry)
        if not team_in_use():
            return None
        note = store.team_do_not_call_note(digits)
        if note is None:
            return None
        copy = store.team_do_not_call_copy()
        return team_reason(copy.source if copy is not None else "shared list", note)

    return lookup


def stored_attempts(store: Store) -> Callable[[str, float], int]:
    """``attempts_since`` for ``calling_rules`` from the stored history (one query)."""

    def count(digits: str, since: float) -> int:
        calls = store.history_since(datetime.fromtimestamp(since, UTC), digits)
        return sum(1 for call in calls if counted(call) is not None)

    return count


# the team's list --------------------------------------------------------------------------
@dataclass(frozen=True)
class TeamRefresh:
    """What reading the team's list gave: the copy now kept, and a problem to tell."""

    copy: TeamCopy | None
    problem: str = ""
    read_now: bool = False


def read_team_source(settings: Settings) -> TeamList:
    """Read the settings' team source now (blocking); ``dnc_source.SourceError`` if it cannot
    be used. Numbers without a country code are read in the default region."""
    from dialer_app.core.dnc_source import read_team_list

    return read_team_list(
        settings.dnc_source, settings.default_region, proxy=settings.proxy_url or None
    )


def keep_team_copy(store: Store, team: TeamList) -> TeamCopy:
    """Keep what was read as the last good copy (replacing the previous one whole)."""
    numbers = team.numbers
    copy = TeamCopy(team.source, team.loaded_at, len(numbers.numbers), numbers.skipped_count)
    store.replace_team_do_not_call(copy, numbers.numbers)
    return copy


def team_problem(source: str, why: str, copy: TeamCopy | None) -> str:
    """The notice for a team source that could not be read: what is used instead."""
    text = f"The team's do-not-call list ({source}) could not be read: {why}."
    if copy is None:
        return text + " No copy of it was ever read, so only your own list is checked."
    when = copy.loaded_at.astimezone().strftime("%d %b %Y %H:%M")
    where = "" if copy.source == source else f" from {copy.source}"
    return text + f" The copy read{where} on {when} ({copy.count:,} numbers) is still used."


def team_copy_is_stale(copy: TeamCopy | None, source: str, now: float, max_age: float) -> bool:
    """Whether the kept copy should be read again: none yet, another source, or too old."""
    if copy is None or copy.source != source:
        return True
    return now - copy.loaded_at.timestamp() >= max_age


def refresh_team_copy(store: Store, settings: Settings, now: float) -> TeamRefresh:
    """The command line's refresh: read the source when the kept copy is stale; a source
    that cannot be read keeps the copy (and says so)."""
    from dialer_app.core.dnc_source import REFRESH_INTERVAL_S, SourceError

    copy = store.team_do_not_call_copy()
    source = settings.dnc_source.strip()
    if not source or not team_copy_is_stale(copy, source, now, REFRESH_INTERVAL_S):
        return TeamRefresh(copy)
    try:
        team = read_team_source(settings)
    except SourceError as exc:
        return TeamRefresh(copy, team_problem(source, str(exc), copy))
    return TeamRefresh(keep_team_copy(store, team), read_now=True)
