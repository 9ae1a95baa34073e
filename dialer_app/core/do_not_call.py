"""The do-not-call list: the agent's own entries and the team's shared list, and its rule.

Numbers are kept as the API's digits (``core.phone``'s rules, whatever way they were written),
so "+91 98765 43210", "098765 43210" and "tel:+919876543210" are one entry. The agent's own
entries live in the profile's database with a note; the team's list is a copy of a shared
file or https address (``core.dnc_source``) kept in the same database, so a source that
cannot be read keeps the last good copy.

``DoNotCallList`` is the in-memory form the window checks on the GUI thread (no SQLite
there): a dict of own entries and the team's numbers as a sorted array of integers (8 bytes a
number: a million-number list is 8 MB, and a look-up is a binary search).
"""

from __future__ import annotations

import bisect
import threading
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from dialer_app.core.phone import pretty_digits

if TYPE_CHECKING:
    from dialer_app.core.phone import PhoneNumber

__all__ = [
    "DoNotCallEntry",
    "DoNotCallList",
    "DoNotCallRule",
    "TeamCopy",
    "own_reason",
    "sorted_numbers",
    "team_reason",
]

MAX_NOTE_CHARS = 500
SOURCES = ("agent", "import", "call_list")


@dataclass(frozen=True)
class DoNotCallEntry:
    """One number the agent's team must not call. ``source``: how it was added (``agent``:
    by hand, ``import``: from a file, ``call_list``: a call list's "do not call")."""

    digits: str
    note: str = ""
    added_at: datetime | None = None
    source: str = "agent"

    @property
    def display(self) -> str:
        return pretty_digits(self.digits)


@dataclass(frozen=True)
class TeamCopy:
    """The last good copy of the team's list: where it came from, when, how big."""

    source: str
    loaded_at: datetime
    count: int
    skipped: int = 0


def clean_note(note: str) -> str:
    """One line of printable text, capped."""
    if note.isprintable() and "  " not in note and note == note.strip():
        return note[:MAX_NOTE_CHARS]  # the usual case, without rebuilding the text
    text = " ".join("".join(ch if ch.isprintable() else " " for ch in note).split())
    return text[:MAX_NOTE_CHARS]


def own_reason(entry: DoNotCallEntry) -> str:
    """Why a call is held back by the agent's own entry, in words for the agent."""
    reason = "the number is on the do-not-call list"
    details = []
    if entry.added_at is not None:
        details.append(f"added {entry.added_at.astimezone():%d %b %Y}")
    if entry.note:
        details.append(f"“{entry.note}”")
    return f"{reason} ({', '.join(details)})." if details else f"{reason}."


def team_reason(source: str, note: str = "") -> str:
    reason = f"the number is on the team's do-not-call list ({source})"
    return f"{reason}: “{note}”." if note else f"{reason}."


# the list in memory -----------------------------------------------------------------------
def _as_int(digits: str) -> int | None:
    return int(digits) if digits.isdigit() and len(digits) <= 19 else None


def sorted_numbers(digits: Iterable[str]) -> array[int]:
    """The team's numbers as a sorted array of unsigned 64-bit integers."""
    values = sorted({value for d in digits if (value := _as_int(d)) is not None})
    return array("Q", values)


class DoNotCallList:
    """The whole list in memory (thread-safe): own entries and the team's numbers.

    ``problem`` is set when it could not be loaded: every look-up then says so, and the call
    is held back (a list that cannot be read must not let a listed number through)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._own: dict[str, DoNotCallEntry] = {}
        self._team: array[int] = array("Q")
        self._team_copy: TeamCopy | None = None
        self._team_in_use = False
        self.loaded = False
        self.problem = ""

    def load(self, own: Iterable[DoNotCallEntry]) -> None:
        with self._lock:
            self._own = {entry.digits: entry for entry in own}
            self.loaded, self.problem = True, ""

    def fail(self, problem: str) -> None:
        self.problem = problem

    def set_team(self, numbers: array[int], copy: TeamCopy | None, *, in_use: bool) -> None:
        """The team's numbers (sorted), their copy's details; ``in_use``: a source is set."""
        with self._lock:
            self._team, self._team_copy, self._team_in_use = numbers, copy, in_use

    def use_team(self, in_use: bool) -> None:
        with self._lock:
            self._team_in_use = in_use

    def add(self, entry: DoNotCallEntry) -> None:
        with self._lock:
            self._own[entry.digits] = entry

    def remove(self, digits: str) -> DoNotCallEntry | None:
        with self._lock:
            return self._own.pop(digits, None)

    def own_entries(self) -> list[DoNotCallEntry]:
        with self._lock:
            return sorted(self._own.values(), key=lambda e: e.digits)

    def own_entry(self, digits: str) -> DoNotCallEntry | None:
        with self._lock:
            return self._own.get(digits)

    @property
    def team_copy(self) -> TeamCopy | None:
        return self._team_copy

    def on_team_list(self, digits: str) -> bool:
        value = _as_int(digits)
        with self._lock:
            team = self._team if self._team_in_use else array("Q")
        if value is None or not team:
            return False
        index = bisect.bisect_left(team, value)
        return index < len(team) and team[index] == value

    def reason(self, digits: str) -> str | None:
        """Why ``digits`` must not be called, or None."""
        if not self.loaded:
            if self.problem:
                return f"the do-not-call list cannot be read ({self.problem})."
            return "the do-not-call list is still loading; try again in a moment."
        entry = self.own_entry(digits)
        if entry is not None:
            return own_reason(entry)
        if self.on_team_list(digits):
            copy = self._team_copy
            return team_reason(copy.source if copy is not None else "shared list")
        return None


class DoNotCallRule:
    """The Dialer's rule: ``lookup(digits)`` says why a number is listed, or None."""

    name = "do_not_call"

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        self._lookup = lookup

    def check(self, number: PhoneNumber, intent: object, now: float) -> str | None:
        return self._lookup(number.digits)
