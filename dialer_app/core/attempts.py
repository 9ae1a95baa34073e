"""Attempts per day: how often a number was called today, and the rule that caps it.

A call counts when it may have rung the number: initiated, or failed in a way that may have
reached the platform (a timeout, a dropped connection...): the same test as the repeat guard
(``core.dialer.last_possible_ring``); a call on the built-in sandbox rang no one and never
counts. "Today" is the agent's calendar day, from local
midnight. The command line counts from the stored history (one query); the window keeps an
``AttemptLog`` in memory, loaded with the history and told of every call as it ends, because
its check runs on the GUI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from dialer_app.core.dialer import last_possible_ring

if TYPE_CHECKING:
    from dialer_app.core.phone import PhoneNumber
    from dialer_app.core.store import HistoryEntry

__all__ = ["AttemptLog", "AttemptsRule", "start_of_day"]

MAX_ATTEMPTS_PER_DAY = 1000
KEEP_S = 2 * 86_400.0  # what the log keeps: today, whatever the clock and zone changes


def start_of_day(now: float, zone: tzinfo | None = None) -> float:
    """Local midnight (in ``zone``, else this computer's) before ``now``, as epoch seconds."""
    local = datetime.fromtimestamp(now, zone).astimezone(zone)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight.timestamp()


def counted(entry: HistoryEntry) -> float | None:
    """When ``entry`` may have rung its number (it counts as an attempt), else None. A call
    placed on the built-in sandbox rang no one: it never counts."""
    return None if entry.sandbox else last_possible_ring(entry)


class AttemptLog:
    """Recent calls that may have rung, per number (thread-safe). Calls are told apart by
    their start time, so a call recorded twice (loaded, then reported) counts once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: dict[str, set[float]] = {}
        self.loaded = False

    def load(self, entries: Iterable[HistoryEntry]) -> None:
        with self._lock:
            for entry in entries:
                self._add(entry)
            self.loaded = True

    def record(self, entry: HistoryEntry) -> None:
        with self._lock:
            self._add(entry)

    def _add(self, entry: HistoryEntry) -> None:
        at = counted(entry)
        if at is not None:
            self._calls.setdefault(entry.number_digits, set()).add(at)

    def count_since(self, digits: str, since: float) -> int:
        with self._lock:
            calls = self._calls.get(digits)
            if not calls:
                return 0
            self._forget_older(calls, since - KEEP_S)
            return sum(1 for at in calls if at >= since)

    @staticmethod
    def _forget_older(calls: set[float], cutoff: float) -> None:
        for at in [at for at in calls if at < cutoff]:
            calls.discard(at)


def history_window_start(now: float, zone: tzinfo | None = None) -> datetime:
    """From when the window's log needs the history (yesterday's local midnight)."""
    return datetime.fromtimestamp(start_of_day(now, zone), zone).astimezone() - timedelta(days=1)


class AttemptsRule:
    """The Dialer's rule for ``max_attempts_per_day`` (0: off): ``count_since(digits, t)``
    says how many calls to the number may have rung since ``t`` (epoch seconds)."""

    name = "attempts_per_day"

    def __init__(
        self,
        limit: Callable[[], int],
        count_since: Callable[[str, float], int],
        zone: tzinfo | None = None,
    ) -> None:
        self._limit = limit
        self._count_since = count_since
        self._zone = zone

    def check(self, number: PhoneNumber, intent: object, now: float) -> str | None:
        limit = self._limit()
        if limit <= 0:
            return None
        done = self._count_since(number.digits, start_of_day(now, self._zone))
        if done < limit:
            return None
        times = "once" if done == 1 else f"{done} times"
        return (
            f"it was called {times} today already, and the limit is {limit} a day "
            "(Settings › Compliance); it can be called again tomorrow."
        )
