"""The command line's calling rules, do-not-call list, settings and managed defaults: real
subprocesses, real loopback HTTP (the sandbox and a list server), the real Secret Service."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dialer_app.core.store import Store
from dialer_app.sandbox.server import SandboxServer
from tests.support.compliance import REASONS, RULES, hold_back
from tests.support.harness import CliResult, run_cli
from tests.support.list_server import ListServer
from tests.support.restricted import file_size_limit, run_restricted

NUMBER = "+91 98765 43210"
DIGITS = "919876543210"
EXIT_USAGE, EXIT_NETWORK, EXIT_CALLING_RULE = 2, 5, 8


def cli(profile: Path, *args: str, env: dict[str, str] | None = None) -> CliResult:
    return run_cli(*args, "--profile", str(profile), env=env)


def update_settings(profile: Path, **values: object) -> None:
    path = profile / "settings.json"
    data = json.loads(path.read_text("utf-8")) if path.exists() else {"version": 2}
    path.write_text(json.dumps({**data, **values}), encoding="utf-8")


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir()
    return path


# call -------------------------------------------------------------------------------------
@pytest.mark.parametrize("rule", RULES)
def test_call_held_back_by_each_rule_exits_8_and_sends_nothing(
    account_profile: Path, sandbox: SandboxServer, rule: str
) -> None:
    update_settings(account_profile, **hold_back(account_profile, rule, NUMBER))

    held = run_cli(
        "call", NUMBER, "--json", "--again", "--profile", str(account_profile),
        "--api-base", sandbox.base_url,
    )  # fmt: skip

    assert held.code == EXIT_CALLING_RULE, held.stdout + held.stderr
    assert held.json["ok"] is False
    assert held.json["error_kind"] == "blocked"
    assert held.json["rule"] == rule
    assert REASONS[rule] in str(held.json["reason"])
    assert sandbox.requests == []
    text = run_cli(
        "call", NUMBER, "--profile", str(account_profile), "--api-base", sandbox.base_url
    )
    assert text.code == EXIT_CALLING_RULE
    assert text.stdout == ""
    assert text.stderr.startswith(f"dialer-app: error: {NUMBER} was not called: ")


def test_the_limit_counts_the_calls_this_command_placed(
    account_profile: Path, sandbox: SandboxServer
) -> None:
    update_settings(account_profile, max_attempts_per_day=2, repeat_hold_off_s=0)
    args = ("call", NUMBER, "--json", "--profile", str(account_profile))
    assert run_cli(*args, "--api-base", sandbox.base_url).code == 0
    assert run_cli(*args, "--api-base", sandbox.base_url).code == 0
    third = run_cli(*args, "--api-base", sandbox.base_url)
    assert third.code == EXIT_CALLING_RULE
    assert "called 2 times today already" in str(third.json["reason"])
    assert len(sandbox.requests) == 2


def test_sandbox_calls_are_marked_and_not_counted_against_the_number(
    account_profile: Path, sandbox: SandboxServer
) -> None:
    """A call on the built-in sandbox rings no one: it is kept in the history marked as
    such (and says so in the CSV export), and is no attempt on the real number."""
    update_settings(account_profile, max_attempts_per_day=1, repeat_hold_off_s=0)
    for _ in range(2):
        demo = run_cli("call", NUMBER, "--json", "--sandbox", "--profile", str(account_profile))
        assert demo.code == 0, demo.stderr
    args = ("call", NUMBER, "--json", "--profile", str(account_profile))
    assert run_cli(*args, "--api-base", sandbox.base_url).code == 0  # the first real call
    again = run_cli(*args, "--api-base", sandbox.base_url)
    assert again.code == EXIT_CALLING_RULE
    assert "called once today already" in str(again.json["reason"])
    assert len(sandbox.requests) == 1
    store, _notice = Store.open(account_profile / "contacts.db")
    with store:
        assert [e.sandbox for e in reversed(store.recent_history())] == [True, True, False]


def test_a_call_checks_the_teams_list_read_from_a_server(
    account_profile: Path, sandbox: SandboxServer
) -> None:
    with ListServer() as server:
        server.body = b"+91 98765 43210\n"
        update_settings(account_profile, dnc_source=server.url())
        held = run_cli(
            "call", NUMBER, "--json", "--profile", str(account_profile),
            "--api-base", sandbox.base_url,
        )  # fmt: skip
        assert held.code == EXIT_CALLING_RULE, held.stderr
        assert "team's do-not-call list" in str(held.json["reason"])
        # the kept copy is fresh: the next command does not read the source again
        assert cli(account_profile, "dnc", "check", NUMBER).code == EXIT_CALLING_RULE
        assert server.requests == ["/dnc.csv"]
    assert sandbox.requests == []


# dnc --------------------------------------------------------------------------------------
def test_dnc_add_list_check_remove(profile: Path) -> None:
    added = cli(profile, "dnc", "add", "098765 43210", "--note", "asked twice", "--json")
    assert added.code == 0, added.stderr
    assert added.json == {"ok": True, "number": f"+{DIGITS}", "added": True, "note": "asked twice"}
    again = cli(profile, "dnc", "add", NUMBER)
    assert again.code == 0
    assert again.stderr == "+91 98765 43210 was already on the do-not-call list.\n"

    listed = cli(profile, "dnc", "list", "--json")
    assert [e["number"] for e in listed.json["entries"]] == [f"+{DIGITS}"]  # type: ignore[index]
    assert cli(profile, "dnc", "list").stdout.startswith(f"+{DIGITS}\t")

    check = cli(profile, "dnc", "check", f"tel:+{DIGITS}", "--json")
    assert check.code == EXIT_CALLING_RULE
    assert check.json["error_kind"] == "blocked"
    assert check.json["rule"] == "do_not_call"
    assert "asked twice" in str(check.json["reason"])
    free = cli(profile, "dnc", "check", "+91 92000 00000")
    assert free.code == 0
    assert "not on the do-not-call list" in free.stderr

    assert cli(profile, "dnc", "remove", NUMBER).code == 0
    gone = cli(profile, "dnc", "remove", NUMBER)
    assert gone.code == EXIT_USAGE
    assert "is not on your do-not-call list" in gone.stderr
    assert cli(profile, "dnc", "check", NUMBER).code == 0


def test_dnc_refuses_what_is_not_a_number(profile: Path) -> None:
    bad = cli(profile, "dnc", "add", "call me maybe")
    assert bad.code == EXIT_USAGE
    assert "is not a phone number" in bad.stderr


def test_dnc_import_reports_added_listed_and_skipped_lines(profile: Path, tmp_path: Path) -> None:
    listing = tmp_path / "dnc.csv"
    listing.write_text(
        "Name;Phone;Reason\nAsha;+91 98765 43210;asked\nBob;+1 201 555 0123;\nX;nope;\n",
        encoding="utf-8",
    )
    cli(profile, "dnc", "add", NUMBER)
    done = cli(profile, "dnc", "import", str(listing), "--json")
    assert done.code == 0, done.stderr
    assert (done.json["numbers"], done.json["added"], done.json["already_listed"]) == (2, 1, 1)
    assert done.json["skipped"] == [
        {"line": 4, "text": "nope", "reason": "Letters are not allowed in a phone number"}
    ]
    store, _notice = Store.open(profile / "contacts.db")
    with store:
        entry = store.do_not_call_entry("12015550123")
        assert entry is not None
        assert entry.source == "import"
    missing = cli(profile, "dnc", "import", str(tmp_path / "none.csv"))
    assert missing.code == EXIT_USAGE
    assert "was not imported" in missing.stderr


def test_dnc_refresh_keeps_the_last_copy_when_the_server_fails(profile: Path) -> None:
    with ListServer() as server:
        server.body = b"number\n+91 98765 43210\n+1 201 555 0123\n"
        cli(profile, "settings", "set", "dnc_source", server.url())
        read = cli(profile, "dnc", "refresh", "--json")
        assert read.code == 0, read.stderr
        assert read.json["team"]["count"] == 2  # type: ignore[index]
        server.status = 500
        failed = cli(profile, "dnc", "refresh")
        assert failed.code == EXIT_NETWORK
        assert "HTTP 500" in failed.stderr
        assert "(2 numbers) is still used" in failed.stderr
    assert cli(profile, "dnc", "check", "+1 201 555 0123").code == EXIT_CALLING_RULE
    no_source = cli(profile, "settings", "set", "dnc_source", "")
    assert no_source.code == 0
    assert cli(profile, "dnc", "check", "+1 201 555 0123").code == 0  # not in use any more
    assert cli(profile, "dnc", "refresh").code == EXIT_USAGE


# settings ---------------------------------------------------------------------------------
def test_settings_set_get_list_and_reset(profile: Path) -> None:
    assert cli(profile, "settings", "set", "calling_hours", "9:00 – 21:00").code == 0
    assert cli(profile, "settings", "get", "calling_hours").stdout == "09:00-21:00\n"
    listed = cli(profile, "settings", "list", "--json")
    entry = listed.json["settings"]["calling_hours"]  # type: ignore[index]
    assert entry == {"value": "09:00-21:00", "source": "profile"}
    assert (
        "calling_hours           09:00-21:00   (this profile)"
        in cli(profile, "settings", "list").stdout
    )
    assert cli(profile, "settings", "reset", "calling_hours").code == 0
    assert cli(profile, "settings", "get", "calling_hours").stdout == "\n"
    saved = json.loads((profile / "settings.json").read_text("utf-8"))
    assert "calling_hours" not in saved


@pytest.mark.parametrize(
    ("key", "value", "says"),
    [
        ("calling_hours", "9-5", "must look like 09:00-21:00"),
        ("max_attempts_per_day", "-1", "0 (no limit) to 1000"),
        ("dnc_source", "http://lists.example.com/dnc.csv", "must use https://"),
        ("open_url_after_call", "https://crm.example.com/?s={secret}", "cannot contain {secret}"),
        ("default_region", "India", "two-letter country code"),
        ("callling_hours", "x", "Did you mean 'calling_hours'?"),
    ],
)
def test_settings_set_refuses_a_bad_key_or_value_with_the_reason(
    profile: Path, key: str, value: str, says: str
) -> None:
    refused = cli(profile, "settings", "set", key, value)
    assert refused.code == EXIT_USAGE
    assert says in refused.stderr
    assert not (profile / "settings.json").exists() or key not in json.loads(
        (profile / "settings.json").read_text("utf-8")
    )


def test_settings_set_refuses_an_address_holding_the_stored_secret(
    account_profile: Path,
) -> None:
    from dialer_app.sandbox.server import DEMO_SECRET

    template = f"https://crm.example.com/?k={DEMO_SECRET}&n={{e164}}"
    refused = cli(account_profile, "settings", "set", "open_url_after_call", template)
    assert refused.code == EXIT_USAGE
    assert "contains the app secret" in refused.stderr
    assert DEMO_SECRET not in refused.stderr


# managed defaults -------------------------------------------------------------------------
def test_a_locked_key_is_refused_and_defaults_apply(profile: Path, tmp_path: Path) -> None:
    defaults = tmp_path / "defaults.json"
    defaults.write_text(
        json.dumps(
            {
                "settings": {"calling_hours": "09:00-21:00", "max_attempts_per_day": 3},
                "locked": ["calling_hours"],
            }
        ),
        encoding="utf-8",
    )
    env = {"DIALER_SYSTEM_DEFAULTS": str(defaults)}
    refused = cli(profile, "settings", "set", "calling_hours", "08:00-20:00", env=env)
    assert refused.code == EXIT_USAGE
    assert f"set by your administrator ({defaults})" in refused.stderr
    assert cli(profile, "settings", "reset", "calling_hours", env=env).code == EXIT_USAGE
    listed = cli(profile, "settings", "list", "--json", env=env).json
    settings = listed["settings"]
    assert settings["calling_hours"] == {"value": "09:00-21:00", "source": "locked"}  # type: ignore[index]
    assert settings["max_attempts_per_day"] == {"value": 3, "source": "administrator"}  # type: ignore[index]
    assert listed["managed_defaults"]["locked"] == ["calling_hours"]  # type: ignore[index]
    assert cli(profile, "settings", "set", "max_attempts_per_day", "5", env=env).code == 0
    assert cli(profile, "settings", "get", "max_attempts_per_day", env=env).stdout == "5\n"


def test_a_broken_defaults_file_is_a_warning_never_fatal(profile: Path, tmp_path: Path) -> None:
    defaults = tmp_path / "defaults.json"
    defaults.write_bytes(b'{"settings": ')
    env = {"DIALER_SYSTEM_DEFAULTS": str(defaults)}
    listed = cli(profile, "settings", "get", "calling_hours", env=env)
    assert listed.code == 0
    assert listed.stdout == "\n"
    assert (
        f"dialer-app: warning: The administrator's defaults file {defaults} is ignored: "
        "it is not valid JSON"
    ) in listed.stderr
    assert cli(profile, "dnc", "check", NUMBER, env=env).code == 0


def test_a_full_disk_still_checks_the_list_read_without_writing(tmp_path: Path) -> None:
    """SQLite cannot open the database for writing on a full disk: the list is read without
    writing, so a listed number is still held back and the others are still called."""
    profile = tmp_path / "profile"
    profile.mkdir()
    assert cli(profile, "dnc", "add", NUMBER).code == 0
    args = ["-m", "dialer_app", "--sandbox", "--profile", str(profile), "call"]

    held = run_restricted([*args, NUMBER, "--json"], file_size_limit(0))
    free = run_restricted([*args, "+91 92000 00000"], file_size_limit(0))

    assert held.code == EXIT_CALLING_RULE, held.stderr
    assert held.json["rule"] == "do_not_call"
    assert free.code == 0, free.stderr
    assert "the call was not recorded in the history" in free.stderr  # opened read-only
