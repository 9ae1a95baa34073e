"""The Dialer's policy where it lives (``core.dialer``): pure Python, an injected clock, and
real loopback HTTP (the sandbox) where a request is sent."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

import pytest

from dialer_app.core.call_attempt import CallFailure
from dialer_app.core.call_errors import Click2CallError
from dialer_app.core.call_request import Account, DeliveryMode
from dialer_app.core.click2call import Click2CallClient
from dialer_app.core.client_config import ClientConfig
from dialer_app.core.dialer import (
    CallIntent,
    CallRefusedError,
    Dialer,
    RepeatGuard,
    Surface,
    history_entry,
    last_possible_ring,
)
from dialer_app.core.phone import PhoneNumber
from dialer_app.core.settings import Settings
from dialer_app.core.store import HistoryEntry
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, Fault, SandboxServer

NUMBER = "+91 92000 00000"
DIGITS = "919200000000"


class Clock:
    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def intent(number: str = NUMBER, **changes: object) -> CallIntent:
    return replace(CallIntent(number, Surface.DIALPAD, DeliveryMode.SOFTPHONE), **changes)


def make_dialer(clock: Clock, **settings: object) -> Dialer:
    current = replace(Settings(), **settings)
    return Dialer(lambda: current, clock=clock)


# the request ------------------------------------------------------------------------------
def test_prepare_builds_the_request_with_the_template_under_the_contact_extras() -> None:
    dialer = make_dialer(Clock(), extra_params_template={"crm": True, "src": "global"})
    attempt = dialer.prepare(
        intent(
            "09200000000",
            mode=DeliveryMode.MOBILE,
            caller_id="+91 98000 00000",
            contact_id=7,
            contact_name="Asha Rao",
            extra_params={"src": "contact"},
        )
    )
    request = attempt.request
    assert (request.to, request.mode, request.caller_id) == (
        DIGITS,
        DeliveryMode.MOBILE,
        "919800000000",
    )
    assert dict(request.extra_params or {}) == {"crm": True, "src": "contact"}
    assert attempt.display_number == "Asha Rao (+91 92000 00000)"
    assert (attempt.contact_id, attempt.surface) == (7, "dialpad")


@pytest.mark.parametrize(
    "text", ["+1 201 555 0123 x123", "+1 201 555 0123 ext 12", "tel:+12015550123;ext=77"]
)
def test_an_extension_is_refused_with_what_to_do(text: str) -> None:
    with pytest.raises(CallRefusedError) as refused:
        make_dialer(Clock()).prepare(intent(text))
    assert refused.value.kind == "extension"
    assert "ask for extension" in refused.value.message
    assert "+1 201-555-0123" in refused.value.message


def test_invisible_characters_never_change_the_number() -> None:
    attempt = make_dialer(Clock()).prepare(intent("+91 \u202e92000\u200b 00000\u2069"))
    assert attempt.request.to == DIGITS


def test_a_name_is_isolated_so_it_cannot_reorder_the_number() -> None:
    attempt = make_dialer(Clock()).prepare(intent(contact_name="שרה\u202e"))
    label = attempt.display_number
    assert label == "\u2068שרה\u2069 (+91 92000 00000)"
    assert "\u202e" not in label


def test_an_unreadable_number_is_refused_with_the_reason() -> None:
    with pytest.raises(CallRefusedError) as refused:
        make_dialer(Clock()).prepare(intent("12"))
    assert refused.value.kind == "invalid_number"
    assert "Too short" in refused.value.message


# the repeat guard -------------------------------------------------------------------------
class FakeClient:
    """Stands in for the HTTP client only where the answer itself is the point."""

    def __init__(self, error: Click2CallError | None = None) -> None:
        self.error = error
        self.sent = 0

    def place_call(self, account: Account, request: object) -> object:
        self.sent += 1
        if self.error is not None:
            raise self.error
        from dialer_app.core.call_request import CallResult

        return CallResult("r" * 43, "Call initiated")


ACCOUNT = Account(DEMO_USER_ID, DEMO_SECRET)


def test_a_number_is_held_for_the_hold_off_after_a_request_left() -> None:
    clock = Clock()
    dialer = make_dialer(clock, repeat_hold_off_s=3.0)
    client = FakeClient()
    dialer.place(dialer.prepare(intent()), ACCOUNT, client)  # type: ignore[arg-type]
    clock.now += 2.9
    with pytest.raises(CallRefusedError) as held:
        dialer.prepare(intent())
    assert held.value.kind == "repeat"
    assert "3 seconds ago" in held.value.message
    dialer.prepare(intent(again=True))  # a deliberate Call again
    dialer.prepare(intent("+91 92000 00001"))  # another number
    clock.now += 0.2
    dialer.prepare(intent())  # past the hold-off
    assert client.sent == 1


def test_the_guard_holds_from_the_moment_the_request_may_leave() -> None:
    """A second intent while the first is on its way (another surface) is held too."""
    clock = Clock()
    dialer = make_dialer(clock)
    attempt = dialer.prepare(intent())

    class Reentrant(FakeClient):
        def place_call(self, account: Account, request: object) -> object:
            with pytest.raises(CallRefusedError):
                dialer.prepare(intent())
            return super().place_call(account, request)

    dialer.place(attempt, ACCOUNT, Reentrant())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("error", "held"),
    [
        (Click2CallError("refused"), False),  # never left: may_have_reached is False
        (type("Rejected", (Click2CallError,), {"may_have_reached": True})("x"), True),
    ],
)
def test_a_request_that_never_left_does_not_hold(error: Click2CallError, held: bool) -> None:
    clock = Clock()
    dialer = make_dialer(clock)
    with pytest.raises(Click2CallError):
        dialer.place(dialer.prepare(intent()), ACCOUNT, FakeClient(error))  # type: ignore[arg-type]
    if held:
        with pytest.raises(CallRefusedError):
            dialer.prepare(intent())
    else:
        dialer.prepare(intent())


def test_a_definite_refusal_from_the_platform_does_not_hold(sandbox: SandboxServer) -> None:
    """400/404/407 reached the platform but rang nobody: the next call goes at once."""
    dialer = make_dialer(Clock())
    sandbox.set_fault(Fault.CODE_400, times=1)
    with Click2CallClient(ClientConfig(base_url=sandbox.base_url)) as client:
        with pytest.raises(Click2CallError):
            dialer.place(dialer.prepare(intent()), ACCOUNT, client)
        result = dialer.place(dialer.prepare(intent()), ACCOUNT, client)
    assert result.request_id
    assert len(sandbox.requests) == 2


def test_a_server_error_holds_the_number(sandbox: SandboxServer) -> None:
    dialer = make_dialer(Clock())
    sandbox.set_fault(Fault.HTML_500, times=1)
    with (
        Click2CallClient(ClientConfig(base_url=sandbox.base_url)) as client,
        pytest.raises(Click2CallError),
    ):
        dialer.place(dialer.prepare(intent()), ACCOUNT, client)
    with pytest.raises(CallRefusedError) as held:
        dialer.prepare(intent())
    assert held.value.kind == "repeat"


def test_zero_turns_the_guard_off() -> None:
    dialer = make_dialer(Clock(), repeat_hold_off_s=0)
    for _ in range(3):
        dialer.place(dialer.prepare(intent()), ACCOUNT, FakeClient())  # type: ignore[arg-type]


def test_the_guard_asks_the_history_for_numbers_this_process_never_called() -> None:
    clock = Clock()
    asked: list[str] = []

    def history(digits: str) -> float | None:
        asked.append(digits)
        return clock.now - 1.0

    dialer = Dialer(lambda: Settings(), guard=RepeatGuard(clock, history), clock=clock)
    with pytest.raises(CallRefusedError):
        dialer.prepare(intent())
    assert asked == [DIGITS]


def entry(outcome: str, kind: str | None = None) -> HistoryEntry:
    return HistoryEntry(
        started_at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC),
        number_digits=DIGITS,
        number_display=NUMBER,
        mode="softphone",
        outcome=outcome,  # type: ignore[arg-type]
        error_kind=kind,
    )


@pytest.mark.parametrize(
    ("recorded", "holds"),
    [
        (None, False),
        (entry("initiated"), True),
        (entry("failed", "timeout"), True),
        (entry("failed", "server_error"), True),
        (entry("failed", "request_rejected"), False),
        (entry("failed", "invalid_secret"), False),
        (entry("failed", "no_account"), False),
    ],
)
def test_which_recorded_calls_may_have_rung(recorded: HistoryEntry | None, holds: bool) -> None:
    assert (last_possible_ring(recorded) is not None) is holds


# calling rules ------------------------------------------------------------------------------
@dataclass
class NeverOnSunday:
    name: str = "test_rule"

    def check(self, number: PhoneNumber, intent: CallIntent, now: float) -> str | None:
        return "it is Sunday" if number.digits == DIGITS else None


def test_a_rule_holds_the_call_back_and_call_again_does_not_override_it() -> None:
    dialer = Dialer(lambda: Settings(), clock=Clock(), rules=lambda: [NeverOnSunday()])
    for again in (False, True):
        with pytest.raises(CallRefusedError) as blocked:
            dialer.prepare(intent(again=again))
        assert (blocked.value.kind, blocked.value.rule) == ("blocked", "test_rule")
        assert "it is Sunday" in blocked.value.message
    dialer.prepare(intent("+91 92000 00001"))


# what the history keeps ---------------------------------------------------------------------
def test_history_entry_keeps_the_outcome_and_never_more() -> None:
    dialer = make_dialer(Clock())
    attempt = dialer.prepare(intent(contact_name="Asha Rao", contact_id=3))
    failed = history_entry(attempt, failure=CallFailure("timeout", "no answer", True))
    assert (failed.outcome, failed.error_kind, failed.error_text) == (
        "failed",
        "timeout",
        "no answer",
    )
    assert (failed.number_digits, failed.contact_name, failed.contact_id) == (
        DIGITS,
        "Asha Rao",
        3,
    )
    assert failed.started_at == datetime.fromtimestamp(attempt.started_at, UTC)
    assert failed.sandbox is False


def test_a_call_prepared_on_the_sandbox_is_recorded_as_one_whatever_happens_next() -> None:
    sandbox = {"on": True}
    dialer = Dialer(lambda: Settings(), clock=Clock(), sandbox=lambda: sandbox["on"])
    attempt = dialer.prepare(intent())
    sandbox["on"] = False  # a real account set up while the call was in flight
    real = dialer.prepare(intent(NUMBER.replace("0000", "0001", 1)))
    assert attempt.sandbox is True
    assert history_entry(attempt, failure=CallFailure("timeout", "no answer", True)).sandbox
    assert history_entry(real, failure=CallFailure("timeout", "no answer", True)).sandbox is False


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", None),
        ("  \n ", None),
        ('{"crm": true}', None),
        ("{bad", "not valid JSON"),
        ("[1, 2]", "must be a JSON object"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_extra_params_are_read_one_way(text: str, problem: str | None) -> None:
    """Settings, a contact and ``call --extra`` all read extra_params with this function."""
    from dialer_app.core.call_request import InvalidCallRequestError, parse_extra_params

    if problem is None:
        assert parse_extra_params(text) == ({"crm": True} if "crm" in text else {})
        return
    with pytest.raises(InvalidCallRequestError) as error:
        parse_extra_params(text)
    assert problem in str(error.value)
