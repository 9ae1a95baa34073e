"""Setting up a profile where a calling rule holds a number back, for the tests of every
surface (the window's, the command line's, call lists'): ``hold_back(profile, rule, number)``
returns the settings to write with it; ``assert_blocked`` checks a refusal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from dialer_app.core.calling_hours import callee_zones
from dialer_app.core.dialer import CallRefusedError
from dialer_app.core.do_not_call import DoNotCallEntry
from dialer_app.core.phone import normalize, pretty_digits
from dialer_app.core.store import HistoryEntry, Store

RULES = ("do_not_call", "calling_hours", "attempts_per_day")


def put_on_do_not_call(profile: Path, digits: str, note: str = "asked not to be called") -> None:
    """The agent's own do-not-call entry, stored as the app stores it."""
    store, _notice = Store.open(profile / "contacts.db")
    with store:
        store.add_do_not_call([DoNotCallEntry(digits, note, None, "agent")])


def record_calls_today(profile: Path, digits: str, count: int = 1) -> None:
    """``count`` calls to ``digits`` in the history, a minute apart, ending a minute ago."""
    store, _notice = Store.open(profile / "contacts.db")
    now = datetime.now(UTC)
    with store:
        for minutes in range(count, 0, -1):
            store.add_history(
                HistoryEntry(
                    started_at=max(now - timedelta(minutes=minutes), _local_midnight(now)),
                    number_digits=digits,
                    number_display=pretty_digits(digits),
                    mode="softphone",
                    outcome="initiated",
                )
            )


def _local_midnight(now: datetime) -> datetime:
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=1)


def calling_hours_closed_now(number: str) -> str:
    """A one-hour calling window that starts one to two hours from now in the number's
    (first) time zone: the number is outside it now."""
    from zoneinfo import ZoneInfo

    zone = callee_zones(normalize(number)).zones[0]
    start = (datetime.now(ZoneInfo(zone)) + timedelta(hours=2)).replace(minute=0)
    end = start + timedelta(hours=1)
    return f"{start:%H}:00-{end:%H}:00"


def hold_back(profile: Path, rule: str, number: str) -> dict[str, object]:
    """Make ``rule`` hold ``number`` back in ``profile``; the settings to write with it."""
    digits = normalize(number).digits
    if rule == "do_not_call":
        put_on_do_not_call(profile, digits)
        return {}
    if rule == "calling_hours":
        return {"calling_hours": calling_hours_closed_now(number)}
    if rule == "attempts_per_day":
        record_calls_today(profile, digits, 2)
        return {"max_attempts_per_day": 2}
    raise ValueError(f"unknown rule {rule!r}")


REASONS = {
    "do_not_call": "do-not-call list",
    "calling_hours": "outside calling hours",
    "attempts_per_day": "the limit is 2 a day",
}


def assert_blocked(refusal: CallRefusedError, rule: str) -> None:
    assert (refusal.kind, refusal.rule) == ("blocked", rule)
    assert " was not called: " in refusal.message
    assert REASONS[rule] in refusal.message
