"""The customer's local time, from the time zones ``phonenumbers`` knows for the number."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_UNKNOWN_ZONE = "Etc/Unknown"
# Old zone names phonenumbers still gives, as people know the places now.
_PLACE_NAMES = {"Calcutta": "Kolkata", "Saigon": "Ho Chi Minh City", "Rangoon": "Yangon",
                "Katmandu": "Kathmandu", "Kiev": "Kyiv"}  # fmt: skip


@dataclass(frozen=True)
class CustomerTime:
    """The local time(s) where a number rings. ``zones`` holds every zone the number may be
    in (a whole country when the number does not say more, e.g. a mobile in Russia)."""

    zones: tuple[ZoneInfo, ...]
    earliest: datetime
    latest: datetime

    @property
    def text(self) -> str:
        """"14:05 their time (Kolkata)", or a range for a number spanning several zones."""
        if len(self.zones) == 1:
            return f"{_clock(self.earliest)} their time ({_place(self.zones[0])})"
        first, last = _clock(self.earliest), _clock(self.latest)
        spread = f"{len(self.zones)} time zones"
        if first == last:
            return f"{first} their time ({spread})"
        return f"between {first} and {last} their time ({spread})"


@functools.lru_cache(maxsize=4096)
def number_time_zones(digits: str) -> tuple[ZoneInfo, ...]:
    """The time zones of a number given as its E.164 digits (empty when unknown)."""
    if not digits:
        return ()
    # Loaded at the first number asked about: the Lists tab is built at start-up without it.
    import phonenumbers
    from phonenumbers import timezone as number_zones

    try:
        parsed = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return ()
    zones: list[ZoneInfo] = []
    for name in number_zones.time_zones_for_number(parsed):
        if name == _UNKNOWN_ZONE:
            continue
        try:
            zones.append(ZoneInfo(name))
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return tuple(zones)


def customer_time(digits: str, now: datetime) -> CustomerTime | None:
    """The customer's local time at ``now`` (timezone-aware), or None when unknown."""
    zones = number_time_zones(digits)
    if not zones:
        return None
    local = sorted((now.astimezone(zone) for zone in zones), key=lambda t: t.replace(tzinfo=None))
    return CustomerTime(zones, local[0], local[-1])


def _clock(moment: datetime) -> str:
    return moment.strftime("%a %H:%M")


def _place(zone: ZoneInfo) -> str:
    place = str(zone.key).rsplit("/", 1)[-1].replace("_", " ")
    return _PLACE_NAMES.get(place, place)
