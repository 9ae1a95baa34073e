"""Calling hours in the callee's own time: the ``calling_hours`` setting and its rule.

The window is a setting (``"09:00-21:00"``; empty: off) because the rules differ by country
and kind of call (US TCPA 08:00-21:00, India TRAI 09:00-21:00; see PRESETS). The callee's
time zones come from the number (``phonenumbers.timezone``): a number may map to several
zones (an area code across a zone line, a mobile range covering a whole country), and then
the call is inside the window only when it is inside it in every one of them. A number whose
zone is unknown falls back to its country's zones, and the reason says so.

Pure Python. ``phonenumbers`` and ``zoneinfo`` load when a number is first checked.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from zoneinfo import ZoneInfo

    from dialer_app.core.phone import PhoneNumber

__all__ = [
    "PRESETS",
    "CalleeZones",
    "CallingHoursRule",
    "CallingWindow",
    "InvalidCallingHoursError",
    "callee_zones",
    "calling_hours_reason",
    "next_opening",
]

PRESETS: tuple[tuple[str, str], ...] = (
    ("United States (TCPA): 08:00-21:00", "08:00-21:00"),
    ("India (TRAI): 09:00-21:00", "09:00-21:00"),
)
"""(label, window) for the Settings dialog; anything else is "Custom"."""

_WINDOW = re.compile(r"\s*(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*")
_UNKNOWN_ZONE = "Etc/Unknown"
_LOOK_AHEAD_DAYS = 3  # an opening further away than this never comes (zones too far apart)


class InvalidCallingHoursError(ValueError):
    """The text is not a calling window; the message says what is expected."""


@dataclass(frozen=True)
class CallingWindow:
    """From ``start`` to ``end`` local time, each day; ``start > end`` spans midnight.
    The end is exclusive: with 09:00-21:00 a call at 21:00 is already outside."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> CallingWindow | None:
        """``"09:00-21:00"`` (also ``9:00 – 21:00``); None for an empty text (no window)."""
        if not text.strip():
            return None
        match = _WINDOW.fullmatch(text)
        if match is None:
            raise InvalidCallingHoursError(
                f"Calling hours {text.strip()!r} must look like 09:00-21:00 (from-to, 24-hour "
                "clock, in the customer's time), or be empty for none."
            )
        start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
        if not (start_h < 24 and end_h <= 24 and start_m < 60 and end_m < 60):
            raise InvalidCallingHoursError(
                f"Calling hours {text.strip()!r}: hours go from 00 to 23 and minutes from 00 "
                "to 59 (24:00 means midnight at the end)."
            )
        if end_h == 24 and end_m:
            raise InvalidCallingHoursError(f"Calling hours {text.strip()!r}: 24:00 is the latest.")
        start = time(start_h, start_m)
        end = time(0, 0) if end_h == 24 else time(end_h, end_m)
        if start == end and end_h != 24:  # 00:00-24:00 is the whole day
            raise InvalidCallingHoursError(
                f"Calling hours {text.strip()!r} start and end at the same time; leave the "
                "setting empty for no calling hours."
            )
        return cls(start, end)

    def __str__(self) -> str:
        end = "24:00" if self.end == time(0, 0) else f"{self.end:%H:%M}"
        return f"{self.start:%H:%M}-{end}"

    def contains(self, moment: time) -> bool:
        if self.start < self.end:
            return self.start <= moment < self.end
        if self.end == time(0, 0):
            return moment >= self.start
        return moment >= self.start or moment < self.end


def normalized_window(text: str) -> str:
    """The canonical form of a calling window text (``"9:00 – 21:00"`` → ``"09:00-21:00"``);
    raises ``InvalidCallingHoursError``."""
    window = CallingWindow.parse(text)
    return "" if window is None else str(window)


@dataclass(frozen=True)
class CalleeZones:
    """The IANA zones of a number; ``country_wide``: its own zone is not known (a mobile or
    non-geographic number, or no data) and these are all its country's zones."""

    zones: tuple[str, ...]
    country_wide: bool = False


@functools.lru_cache(maxsize=4096)
def _zones_for_e164(e164: str) -> CalleeZones:
    import phonenumbers
    from phonenumbers import timezone

    parsed = phonenumbers.parse(e164)
    zones = tuple(z for z in timezone.time_zones_for_number(parsed) if z != _UNKNOWN_ZONE)
    # The country's zones (phonenumbers keys its table by prefix; the country code is one).
    table: dict[str, tuple[str, ...]] = getattr(timezone, "TIMEZONE_DATA", {})
    country = tuple(z for z in table.get(str(parsed.country_code), ()) if z != _UNKNOWN_ZONE)
    if not zones:
        return CalleeZones(_usable(country), country_wide=True)
    # A mobile or non-geographic number gets its whole country's zones from phonenumbers.
    return CalleeZones(_usable(zones), country_wide=len(country) > 1 and set(zones) == set(country))


def _usable(names: tuple[str, ...]) -> tuple[str, ...]:
    """The names ``zoneinfo`` knows (all of them with the system's or tzdata's database)."""
    return tuple(name for name in names if _zone(name) is not None)


@functools.lru_cache(maxsize=512)
def _zone(name: str) -> ZoneInfo | None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def callee_zones(number: PhoneNumber) -> CalleeZones:
    """The time zones the callee may be in (empty when not even the country's are known)."""
    return _zones_for_e164(number.e164)


def _local(name: str, at: datetime) -> datetime:
    zone = _zone(name)
    assert zone is not None  # _usable kept only known zones
    return at.astimezone(zone)


def _inside_everywhere(window: CallingWindow, zones: tuple[str, ...], at: datetime) -> bool:
    return all(window.contains(_local(name, at).time().replace(tzinfo=None)) for name in zones)


def next_opening(
    window: CallingWindow, zones: tuple[str, ...], now: float
) -> tuple[datetime, str] | None:
    """The first moment after ``now`` when it is inside ``window`` in every zone, with the
    zone whose opening it is; None when that never happens (zones too far apart)."""
    at = datetime.fromtimestamp(now, UTC)
    candidates: list[tuple[datetime, str]] = []
    for name in zones:
        zone = _zone(name)
        local_day = _local(name, at).date()
        for offset in range(-1, _LOOK_AHEAD_DAYS + 1):
            opening = _wall_clock(local_day + timedelta(days=offset), window.start, zone)
            if opening > at:
                candidates.append((opening, name))
    for opening, name in sorted(candidates):
        if _inside_everywhere(window, zones, opening):
            return opening, name
    return None


def _wall_clock(day: date, at: time, zone: ZoneInfo | None) -> datetime:
    """``day`` at ``at`` in ``zone`` as UTC (a time skipped by a DST change moves on by the
    gap, as clocks do)."""
    local = datetime.combine(day, at, tzinfo=zone)
    return local.astimezone(UTC)


def calling_hours_reason(window: CallingWindow, number: PhoneNumber, now: float) -> str | None:
    """Why ``number`` must not be called at ``now`` (epoch seconds), or None."""
    found = callee_zones(number)
    if not found.zones:
        return (
            f"its local time cannot be told (no time zone is known for {number.international}), "
            f"so calling hours {window} cannot be checked."
        )
    at = datetime.fromtimestamp(now, UTC)
    if _inside_everywhere(window, found.zones, at):
        return None
    return _outside_reason(window, found, now, at)


def _outside_reason(window: CallingWindow, found: CalleeZones, now: float, at: datetime) -> str:
    zones = found.zones
    outside = [name for name in zones if not window.contains(_local(name, at).time())]
    where = _zone_list(zones)
    if len(zones) == 1:
        local_now = f"it is {_local(zones[0], at):%H:%M} their time ({where})"
    else:
        first = outside[0]
        local_now = (
            f"it is {_local(first, at):%H:%M} in {first}, one of its {len(zones)} time zones"
        )
    reason = f"outside calling hours {window}: {local_now}"
    if found.country_wide:
        reason += (
            "; its own time zone is not known (a mobile or non-geographic number), so every "
            "time zone of its country counts"
        )
    opening = next_opening(window, zones, now)
    if opening is None:
        return (
            f"{reason}. Its time zones ({where}) are never all inside {window} at the same "
            "moment, so it cannot be called within calling hours."
        )
    moment, zone_name = opening
    their = "their time" if len(zones) == 1 else f"in {zone_name}"
    return (
        f"{reason}. Calling opens at {_local(zone_name, moment):%H:%M} {their}, "
        f"in {_duration(moment.timestamp() - now)}."
    )


def _zone_list(zones: tuple[str, ...]) -> str:
    shown = ", ".join(zones[:4])
    return shown if len(zones) <= 4 else f"{shown} and {len(zones) - 4} more"


def _duration(seconds: float) -> str:
    minutes = max(1, int(-(-seconds // 60)))  # rounded up: never "in 0 min"
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} h {minutes} min"
    return f"{hours} h" if hours else f"{minutes} min"


class CallingHoursRule:
    """The Dialer's rule for ``calling_hours`` (the window is read for every call)."""

    name = "calling_hours"

    def __init__(self, window_text: Callable[[], str]) -> None:
        self._window_text = window_text

    def check(self, number: PhoneNumber, intent: object, now: float) -> str | None:
        try:
            window = CallingWindow.parse(self._window_text())
        except InvalidCallingHoursError:
            return None  # settings are validated; an invalid window never gets here
        return None if window is None else calling_hours_reason(window, number, now)
