"""Calling hours in the callee's time zone (``core.calling_hours``), with an injected clock:
a number in India, one in New Jersey, numbers with several zones, and the window itself."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from dialer_app.core.calling_hours import (
    CalleeZones,
    CallingHoursRule,
    CallingWindow,
    InvalidCallingHoursError,
    callee_zones,
    calling_hours_reason,
    next_opening,
    normalized_window,
)
from dialer_app.core.phone import PhoneNumber, normalize

INDIA = normalize("+91 98765 43210")  # Asia/Calcutta, UTC+05:30 all year
NEW_JERSEY = normalize("+1 201 555 0123")  # America/New_York
IDAHO = normalize("+1 208 555 0100")  # America/Boise (Mountain) and America/Los_Angeles
AUSTRALIAN_MOBILE = normalize("+61 412 345 678")  # no area: every zone of Australia
US_TOLL_FREE = normalize("+1 800 555 0100")  # every NANP zone, Guam to Newfoundland
INDIA_HOURS = CallingWindow.parse("09:00-21:00")
US_HOURS = CallingWindow.parse("08:00-21:00")


def at(text: str) -> float:
    """Epoch seconds of an ISO time with its offset."""
    return datetime.fromisoformat(text).timestamp()


# the window -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("09:00-21:00", "09:00-21:00"),
        ("9:00 - 21:00", "09:00-21:00"),
        ("08:00–21:00", "08:00-21:00"),  # an en dash, as word processors write it
        ("22:00-06:00", "22:00-06:00"),
        ("18:00-24:00", "18:00-24:00"),
        ("00:00-24:00", "00:00-24:00"),  # the whole day
        ("", ""),
        ("   ", ""),
    ],
)
def test_a_window_reads_the_forms_people_write(text: str, canonical: str) -> None:
    assert normalized_window(text) == canonical


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("9-21", "must look like 09:00-21:00"),
        ("09:00", "must look like 09:00-21:00"),
        ("25:00-21:00", "hours go from 00 to 23"),
        ("09:60-21:00", "minutes"),
        ("24:30-01:00", "hours go from 00 to 23"),
        ("10:00-24:30", "24:00 is the latest"),
        ("09:00-09:00", "start and end at the same time"),
    ],
)
def test_a_bad_window_is_refused_with_what_to_write(text: str, says: str) -> None:
    with pytest.raises(InvalidCallingHoursError, match=says):
        CallingWindow.parse(text)


def test_the_end_is_exclusive_and_a_window_may_span_midnight() -> None:
    assert INDIA_HOURS is not None
    assert INDIA_HOURS.contains(time(9, 0))
    assert INDIA_HOURS.contains(time(20, 59))
    assert not INDIA_HOURS.contains(time(21, 0))
    assert not INDIA_HOURS.contains(time(8, 59))
    night = CallingWindow.parse("22:00-06:00")
    assert night is not None
    assert night.contains(time(23, 0))
    assert night.contains(time(5, 59))
    assert not night.contains(time(12, 0))
    assert not night.contains(time(6, 0))
    evening = CallingWindow.parse("18:00-24:00")
    assert evening is not None
    assert evening.contains(time(23, 59))
    assert not evening.contains(time(0))


# a number in India ------------------------------------------------------------------------
def test_india_before_nine_their_time_says_when_it_opens() -> None:
    assert INDIA_HOURS is not None
    now = at("2024-07-01T06:50:00+05:30")  # 01:20 UTC

    reason = calling_hours_reason(INDIA_HOURS, INDIA, now)

    assert reason is not None
    assert "it is 06:50 their time (Asia/Calcutta)" in reason
    assert reason.endswith("Calling opens at 09:00 their time, in 2 h 10 min.")


def test_india_is_callable_from_nine_to_just_before_nine_at_night() -> None:
    assert INDIA_HOURS is not None
    assert calling_hours_reason(INDIA_HOURS, INDIA, at("2024-07-01T09:00:00+05:30")) is None
    assert calling_hours_reason(INDIA_HOURS, INDIA, at("2024-07-01T20:59:59+05:30")) is None
    late = calling_hours_reason(INDIA_HOURS, INDIA, at("2024-07-01T21:00:00+05:30"))
    assert late is not None
    assert late.endswith("opens at 09:00 their time, in 12 h.")


def test_the_agents_own_clock_does_not_matter() -> None:
    """10:00 in London is 14:30 in India: inside, wherever the agent sits."""
    assert INDIA_HOURS is not None
    assert calling_hours_reason(INDIA_HOURS, INDIA, at("2024-01-15T10:00:00+00:00")) is None


# a number in New Jersey -------------------------------------------------------------------
def test_new_jersey_in_summer_and_in_winter() -> None:
    assert US_HOURS is not None
    summer = calling_hours_reason(US_HOURS, NEW_JERSEY, at("2024-07-01T07:45:00-04:00"))
    assert summer is not None
    assert "it is 07:45 their time (America/New_York)" in summer
    assert summer.endswith("opens at 08:00 their time, in 15 min.")
    # 12:45 UTC is 08:45 in July (EDT) but 07:45 in January (EST): the zone's rules count.
    assert calling_hours_reason(US_HOURS, NEW_JERSEY, at("2024-07-01T12:45:00+00:00")) is None
    winter = calling_hours_reason(US_HOURS, NEW_JERSEY, at("2024-01-15T12:45:00+00:00"))
    assert winter is not None
    assert "it is 07:45 their time" in winter


def test_new_jersey_on_the_night_the_clocks_go_forward() -> None:
    """21:30 on Saturday 9 March 2024 to 08:00 on Sunday is 10 h 30 min of wall clock, but
    the clocks skip an hour: 9 h 30 min really pass, and the message counts real time."""
    assert US_HOURS is not None
    reason = calling_hours_reason(US_HOURS, NEW_JERSEY, at("2024-03-09T21:30:00-05:00"))
    assert reason is not None
    assert reason.endswith("opens at 08:00 their time, in 9 h 30 min.")
    opening = next_opening(US_HOURS, ("America/New_York",), at("2024-03-09T21:30:00-05:00"))
    assert opening is not None
    assert opening[0] == datetime.fromisoformat("2024-03-10T08:00:00-04:00")


# several zones ----------------------------------------------------------------------------
def test_a_number_across_a_zone_line_waits_for_the_later_zone() -> None:
    """Idaho's 208: 08:30 in Boise is 07:30 in Los Angeles, so not yet."""
    assert US_HOURS is not None
    assert callee_zones(IDAHO) == CalleeZones(("America/Boise", "America/Los_Angeles"))
    now = at("2024-07-01T08:30:00-06:00")

    reason = calling_hours_reason(US_HOURS, IDAHO, now)

    assert reason is not None
    assert "it is 07:30 in America/Los_Angeles, one of its 2 time zones" in reason
    assert reason.endswith("opens at 08:00 in America/Los_Angeles, in 30 min.")
    assert calling_hours_reason(US_HOURS, IDAHO, at("2024-07-01T09:00:00-06:00")) is None
    # and at the end: 20:30 in Los Angeles is 21:30 in Boise, already closed there
    evening = calling_hours_reason(US_HOURS, IDAHO, at("2024-07-01T20:30:00-07:00"))
    assert evening is not None
    assert "it is 21:30 in America/Boise" in evening


def test_a_mobile_without_an_area_counts_every_zone_of_its_country_and_says_so() -> None:
    assert INDIA_HOURS is not None
    zones = callee_zones(AUSTRALIAN_MOBILE)
    assert zones.country_wide
    assert len(zones.zones) > 1
    assert "Australia/Perth" in zones.zones
    # 09:30 in Sydney is 07:30 in Perth
    reason = calling_hours_reason(INDIA_HOURS, AUSTRALIAN_MOBILE, at("2024-07-01T09:30+10:00"))
    assert reason is not None
    assert "its own time zone is not known" in reason
    assert "every time zone of its country counts" in reason
    assert not callee_zones(NEW_JERSEY).country_wide
    assert not callee_zones(INDIA).country_wide  # one zone: nothing to say


def test_zones_too_far_apart_never_open_together() -> None:
    """US toll-free spans Guam to Newfoundland: a three-hour window never holds everywhere."""
    window = CallingWindow.parse("09:00-12:00")
    assert window is not None
    reason = calling_hours_reason(window, US_TOLL_FREE, at("2024-07-01T12:00:00+00:00"))
    assert reason is not None
    assert "are never all inside 09:00-12:00 at the same moment" in reason
    # a full-day-wide window does open, at the moment it is 09:00 in Guam
    assert US_HOURS is not None
    opening = next_opening(US_HOURS, callee_zones(US_TOLL_FREE).zones, at("2024-07-01T12:00Z"))
    assert opening is not None
    moment, zone = opening
    assert zone == "Pacific/Guam"
    assert moment == datetime(2024, 7, 1, 22, 0, tzinfo=UTC)


def test_a_number_whose_zone_cannot_be_told_is_held_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """phonenumbers answers Etc/Unknown: the country's zones stand in, and when there are
    none either the call is held back (the hours cannot be checked)."""
    from phonenumbers import timezone

    from dialer_app.core import calling_hours

    calling_hours._zones_for_e164.cache_clear()
    monkeypatch.setattr(timezone, "time_zones_for_number", lambda _n: ("Etc/Unknown",))
    try:
        zones = callee_zones(INDIA)
        assert zones == CalleeZones(("Asia/Calcutta",), country_wide=True)
        satellite = PhoneNumber("88216123456", "+88216123456", "+882 16 123456", "", "", "")
        assert callee_zones(satellite).zones == ()
        assert INDIA_HOURS is not None
        reason = calling_hours_reason(INDIA_HOURS, satellite, at("2024-07-01T12:00Z"))
        assert reason is not None
        assert "its local time cannot be told" in reason
    finally:
        calling_hours._zones_for_e164.cache_clear()


# the rule ---------------------------------------------------------------------------------
def test_the_rule_reads_the_setting_each_time_and_is_off_when_empty() -> None:
    setting = {"hours": ""}
    rule = CallingHoursRule(lambda: setting["hours"])
    night = at("2024-07-01T02:00:00+05:30")
    assert rule.name == "calling_hours"
    assert rule.check(INDIA, object(), night) is None
    setting["hours"] = "09:00-21:00"
    reason = rule.check(INDIA, object(), night)
    assert reason is not None
    assert "opens at 09:00 their time, in 7 h" in reason
