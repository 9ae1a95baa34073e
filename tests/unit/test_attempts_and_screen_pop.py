"""Attempts per day (``core.attempts``: the window's log and the stored history) and the CRM
screen-pop template (``core.screen_pop``), where they live."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from dialer_app.core.attempts import AttemptLog, AttemptsRule, start_of_day
from dialer_app.core.compliance import stored_attempts
from dialer_app.core.phone import normalize
from dialer_app.core.screen_pop import (
    InvalidTemplateError,
    contains_secret,
    fill_template,
    validate_template,
)
from dialer_app.core.settings import Settings, SettingsError
from dialer_app.core.store import HistoryEntry, Store

NUMBER = normalize("+91 98765 43210")
IST = timezone(timedelta(hours=5, minutes=30))


def call(at: datetime, outcome: str = "initiated", error_kind: str | None = None) -> HistoryEntry:
    return HistoryEntry(
        started_at=at,
        number_digits=NUMBER.digits,
        number_display=NUMBER.international,
        mode="softphone",
        outcome=outcome,  # type: ignore[arg-type]
        error_kind=error_kind,
    )


MORNING = datetime(2024, 7, 1, 9, 0, tzinfo=IST)
CALLS = [
    call(MORNING - timedelta(hours=10)),  # yesterday evening: not today
    call(MORNING),
    call(MORNING + timedelta(hours=1), "failed", "timeout"),  # may have rung: counts
    call(MORNING + timedelta(hours=2), "failed", "request_rejected"),  # never rang
    call(MORNING + timedelta(hours=3), "failed", "cannot_connect"),
]
NOON = (MORNING + timedelta(hours=3, minutes=30)).timestamp()


def test_today_starts_at_the_agents_midnight() -> None:
    assert start_of_day(NOON, IST) == datetime(2024, 7, 1, tzinfo=IST).timestamp()


def test_the_log_counts_calls_that_may_have_rung_today_once_each() -> None:
    log = AttemptLog()
    log.load(CALLS)
    log.record(CALLS[1])  # reported again when it ended: still one call
    assert log.count_since(NUMBER.digits, start_of_day(NOON, IST)) == 3
    assert log.count_since("919000000000", start_of_day(NOON, IST)) == 0


def test_the_rule_holds_the_next_call_back_at_the_limit() -> None:
    log = AttemptLog()
    log.load(CALLS)
    limit = {"value": 0}
    rule = AttemptsRule(lambda: limit["value"], log.count_since, IST)
    assert rule.name == "attempts_per_day"
    assert rule.check(NUMBER, object(), NOON) is None  # 0: off
    limit["value"] = 4
    assert rule.check(NUMBER, object(), NOON) is None
    limit["value"] = 3
    reason = rule.check(NUMBER, object(), NOON)
    assert reason is not None
    assert reason.startswith("it was called 3 times today already, and the limit is 3 a day")
    tomorrow = (MORNING + timedelta(days=1)).timestamp()
    assert rule.check(NUMBER, object(), tomorrow) is None


def test_the_command_line_counts_the_same_from_the_stored_history(tmp_path: Path) -> None:
    store, _notice = Store.open(tmp_path / "contacts.db")
    with store:
        for entry in CALLS:
            store.add_history(entry)
        count = stored_attempts(store)
        assert count(NUMBER.digits, start_of_day(NOON, IST)) == 3
        rule = AttemptsRule(lambda: 3, count, IST)
        assert rule.check(NUMBER, object(), NOON) is not None
        since_morning = store.history_since(MORNING.astimezone(UTC))
        assert [entry.started_at for entry in since_morning] == [c.started_at for c in CALLS[1:]]
        assert store.history_since(MORNING, "919000000000") == []


def test_sandbox_calls_rang_no_one_and_never_count(tmp_path: Path) -> None:
    """A call on the built-in sandbox is kept (marked) but is not an attempt on the number:
    neither the window's log nor the command line's count sees it."""
    sandbox_calls = [
        replace(call(MORNING + timedelta(minutes=m)), sandbox=True) for m in (5, 6, 7, 8)
    ]
    log = AttemptLog()
    log.load([*CALLS, *sandbox_calls])
    log.record(replace(call(MORNING + timedelta(minutes=9)), sandbox=True))
    assert log.count_since(NUMBER.digits, start_of_day(NOON, IST)) == 3
    store, _notice = Store.open(tmp_path / "contacts.db")
    with store:
        for entry in [*CALLS, *sandbox_calls]:
            store.add_history(entry)
        assert stored_attempts(store)(NUMBER.digits, start_of_day(NOON, IST)) == 3
        marked = [e.sandbox for e in store.history_since(MORNING.astimezone(UTC))]
        assert marked.count(True) == 4  # kept in the history, marked
        rule = AttemptsRule(lambda: 4, stored_attempts(store), IST)
        assert rule.check(NUMBER, object(), NOON) is None  # 3 real calls, 4 sandbox ones


# screen-pop -------------------------------------------------------------------------------
TEMPLATE = "https://crm.example.com/calls/new?phone={e164}&id={request_id}&who={contact_name}"


def test_the_fields_are_filled_in_url_encoded() -> None:
    url = fill_template(
        TEMPLATE,
        {"e164": "+919876543210", "request_id": "a/b c", "contact_name": "Asha & Ravi"},
    )
    assert url == (
        "https://crm.example.com/calls/new?phone=%2B919876543210&id=a%2Fb%20c&who=Asha%20%26%20Ravi"
    )


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("https://crm.example.com/?s={secret}", "cannot contain {secret}"),
        ("https://crm.example.com/?s={app_secret}", "cannot contain {app_secret}"),
        ("https://crm.example.com/?t={token}", "cannot contain {token}"),
        ("https://crm.example.com/?n={number}", "unknown field {number}"),
        ("https://agent:pw@crm.example.com/?n={e164}", "user name or password"),
        ("https://{contact_name}.example.com/", "only after the server name"),
        ("ftp://crm.example.com/{e164}", "must start with https://"),
        ("javascript:alert(1)", "must start with https://"),
        ("https://crm.example.com/?n={e164", "stray brace"),
        ("https://crm.example.com/?n={e164!r}", "not one of its plain fields"),
        ("https://crm.example.com/a b", "spaces"),
    ],
)
def test_a_template_that_could_leak_or_mislead_is_refused(template: str, says: str) -> None:
    with pytest.raises(InvalidTemplateError, match=says):
        validate_template(template)
    with pytest.raises(SettingsError, match=says):
        Settings(open_url_after_call=template).validated()


def test_the_secrets_own_text_is_refused_in_any_spelling() -> None:
    secret = "s3cr3t+Key/9"
    for spelling in (secret, secret.upper(), "s3cr3t%2BKey%2F9", "s3cr3t%2bkey%2f9"):
        template = f"https://crm.example.com/?k={spelling}&n={{e164}}"
        assert contains_secret(template, secret)
        with pytest.raises(InvalidTemplateError, match="contains the app secret"):
            validate_template(template, [secret])
        with pytest.raises(SettingsError, match="contains the app secret"):
            Settings(open_url_after_call=template).validated([secret])
    assert validate_template(TEMPLATE, [secret]) == TEMPLATE
    assert validate_template("  ") == ""
    assert validate_template("http://localhost:8080/pop?n={digits}") != ""
