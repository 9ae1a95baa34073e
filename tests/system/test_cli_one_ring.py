"""The command line keeps the Dialer's promises: one call per intent (across processes too),
numbers it cannot dial refused, and what the platform says printed as one clean line.

Real subprocesses, real loopback HTTP, the real Secret Service.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dialer_app.sandbox.server import DEMO_SECRET, Fault, SandboxServer
from tests.support.fault_cases import assert_clean_line
from tests.support.harness import CliResult, run_cli

NUMBER = "+91 92000 00000"
EXIT_CALLING_RULE = 8


def call(profile: Path, sandbox: SandboxServer, *extra: str, number: str = NUMBER) -> CliResult:
    return run_cli(
        "call", number, "--profile", str(profile), "--api-base", sandbox.base_url, *extra
    )


def assert_one_clean_line_each(result: CliResult) -> None:
    """Text mode: exactly one line on stdout and one on stderr, nothing hidden in them."""
    assert result.stdout.count("\n") == 1, repr(result.stdout)
    assert result.stderr.count("\n") == 1, repr(result.stderr)
    for stream in (result.stdout, result.stderr):
        assert_clean_line(stream.rstrip("\n"))


def test_a_second_call_from_another_process_is_held_back(
    account_profile: Path, sandbox: SandboxServer
) -> None:
    first = call(account_profile, sandbox, "--json")
    assert first.code == 0, first.stderr
    second = call(account_profile, sandbox, "--json")
    assert second.code == EXIT_CALLING_RULE, second.stdout + second.stderr
    assert second.json["ok"] is False
    assert second.json["error_kind"] == "blocked"
    assert second.json["rule"] == "repeat"
    assert "nothing was sent" in str(second.json["reason"])
    assert len(sandbox.requests) == 1


def test_again_calls_once_more_on_purpose(account_profile: Path, sandbox: SandboxServer) -> None:
    assert call(account_profile, sandbox).code == 0
    again = call(account_profile, sandbox, "--again")
    assert again.code == 0, again.stderr
    assert len(sandbox.requests) == 2


def test_a_held_call_in_text_mode_says_why_on_one_line(
    account_profile: Path, sandbox: SandboxServer
) -> None:
    assert call(account_profile, sandbox).code == 0
    held = call(account_profile, sandbox)
    assert held.code == EXIT_CALLING_RULE
    assert held.stdout == ""
    assert held.stderr.count("\n") == 1
    assert "--again" in held.stderr or "Call again" in held.stderr


@pytest.mark.parametrize(
    "number", ["+1 201 555 0123 x123", "+1 201 555 0123 ext 12", "tel:+12015550123;ext=77"]
)
def test_a_number_with_an_extension_exits_2_and_sends_nothing(
    account_profile: Path, sandbox: SandboxServer, number: str
) -> None:
    result = call(account_profile, sandbox, "--json", number=number)
    assert result.code == 2, result.stdout + result.stderr
    assert result.json["error_kind"] == "extension"
    assert "ask for extension" in str(result.json["error"])
    assert sandbox.requests == []


def test_text_mode_prints_one_line_per_call(account_profile: Path, sandbox: SandboxServer) -> None:
    result = call(account_profile, sandbox)
    assert result.code == 0, result.stderr
    assert_one_clean_line_each(result)
    assert len(result.stdout.strip()) == 43


@pytest.mark.parametrize(
    "fault", [Fault.HUGE_REQUEST_ID, Fault.HOSTILE_REQUEST_ID, Fault.SECRET_REQUEST_ID]
)
def test_an_unreadable_request_id_is_reported_as_placed_without_one(
    account_profile: Path, sandbox: SandboxServer, fault: Fault
) -> None:
    sandbox.set_fault(fault)
    text = call(account_profile, sandbox)
    assert text.code == 0, text.stderr
    assert text.stdout == "\n"  # the one line per call, empty: there is no usable id
    assert_one_clean_line_each(text)
    assert "no usable request id" in text.stderr
    as_json = call(account_profile, sandbox, "--json", "--again")
    assert as_json.code == 0
    assert as_json.stdout.count("\n") == 1
    assert as_json.json["ok"] is True
    assert as_json.json["request_id"] is None
    assert len(sandbox.requests) == 2


@pytest.mark.parametrize("fault", [Fault.ECHO_SECRET, Fault.HOSTILE_TEXT])
def test_hostile_platform_text_never_reaches_the_terminal_or_the_profile(
    account_profile: Path, sandbox: SandboxServer, fault: Fault
) -> None:
    sandbox.set_fault(fault)
    text = call(account_profile, sandbox)
    assert text.code == 4
    assert text.stdout == ""
    assert text.stderr.count("\n") == 1
    assert_clean_line(text.stderr.rstrip("\n"))
    as_json = call(account_profile, sandbox, "--json")
    assert as_json.code == 4
    assert as_json.stdout.count("\n") == 1
    assert_clean_line(str(as_json.json["error"]))
    for file in account_profile.rglob("*"):
        if file.is_file():
            data = file.read_bytes().lower()
            assert DEMO_SECRET.lower().encode() not in data, file
