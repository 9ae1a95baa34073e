"""The command line end to end: real subprocesses, real loopback HTTP, real keyring.

Every test also checks that the secret never shows in what the process printed.
"""

from __future__ import annotations

import resource
import signal
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from keyring.backend import KeyringBackend

from dialer_app.cli.output import EXIT_NO_ACCOUNT, EXIT_PROFILE
from dialer_app.core.credentials import CredentialStore
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, Fault, SandboxServer
from tests.support.harness import CliResult, run_cli, write_settings

NUMBER = "+91 92000 00000"


def assert_no_secret(result: CliResult, secret: str = DEMO_SECRET) -> None:
    assert secret not in result.stdout
    assert secret not in result.stderr


@pytest.fixture
def account_profile(tmp_path: Path, real_keyring: KeyringBackend) -> Iterator[Path]:
    """A profile with the demo account's secret stored in the real Secret Service."""
    profile = tmp_path / "profile"
    profile.mkdir()
    profile_id = uuid.uuid4().hex
    write_settings(profile, profile_id=profile_id, user_id=DEMO_USER_ID)
    store = CredentialStore(profile_id, backend=real_keyring)
    store.set_secret(DEMO_USER_ID, DEMO_SECRET)
    yield profile
    store.delete_secret(DEMO_USER_ID)


def call(profile: Path, sandbox: SandboxServer, *extra: str) -> CliResult:
    result = run_cli(
        "call", NUMBER, "--json", "--profile", str(profile), "--api-base", sandbox.base_url, *extra
    )
    assert_no_secret(result)
    return result


def test_call_with_builtin_sandbox_prints_request_id(tmp_path: Path) -> None:
    result = run_cli("--sandbox", "--profile", str(tmp_path / "p"), "call", NUMBER)
    assert result.code == 0, result.stderr
    request_id = result.stdout.strip()
    assert len(request_id) == 43
    assert "softphone will ring first" in result.stderr
    assert_no_secret(result)


def test_global_options_also_accepted_after_the_command(tmp_path: Path) -> None:
    result = run_cli("call", NUMBER, "--json", "--sandbox", "--profile", str(tmp_path / "p"))
    assert result.code == 0, result.stderr
    assert result.json["ok"] is True
    assert result.json["to"] == "919200000000"


def test_call_sends_documented_request(account_profile: Path, sandbox: SandboxServer) -> None:
    result = call(
        account_profile,
        sandbox,
        "--mobile",
        "--caller-id",
        "+91 98000 00000",
        "--extra",
        '{"crm": true, "ticket": 42}',
    )
    assert result.code == 0, result.stderr
    (recorded,) = sandbox.requests
    assert result.json["request_id"]
    assert recorded.json_body == {
        "user_id": DEMO_USER_ID,
        "secret": DEMO_SECRET,
        "to": 919200000000,
        "webrtc": False,
        "followme": True,
        "callerid": 919800000000,
        "extra_params": {"crm": True, "ticket": 42},
    }
    assert result.json["mode"] == "mobile"


def test_plain_output_is_just_the_request_id(account_profile: Path, sandbox: SandboxServer) -> None:
    result = run_cli(
        "call",
        "tel:+91-92000-00000",
        "--profile",
        str(account_profile),
        "--api-base",
        sandbox.base_url,
    )
    assert result.code == 0, result.stderr
    assert len(sandbox.requests) == 1
    assert len(result.stdout.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("fault", "code", "kind"),
    [
        (Fault.CODE_407_IN_BODY, 3, "invalid_secret"),
        (Fault.CODE_404_IN_BODY, 3, "invalid_user_id"),
        (Fault.CODE_400_IN_BODY, 4, "request_rejected"),
        (Fault.PROXY_407, 5, "proxy_auth_required"),
        (Fault.HTML_500, 5, "server_error"),
        (Fault.HTML_502, 5, "server_error"),
        (Fault.HTML_503, 5, "server_error"),
        (Fault.NON_JSON_200, 5, "unreadable_response"),
        (Fault.MISSING_REQUEST_ID, 5, "unreadable_response"),
        (Fault.BIG_BODY, 5, "unreadable_response"),
        (Fault.RESET, 5, "cannot_connect"),
    ],
)
def test_each_fault_gives_its_exit_code_and_one_request(
    account_profile: Path, sandbox: SandboxServer, fault: Fault, code: int, kind: str
) -> None:
    sandbox.set_fault(fault)
    result = call(account_profile, sandbox)
    assert result.code == code, result.stdout + result.stderr
    assert result.json["ok"] is False
    assert result.json["error_kind"] == kind
    assert result.json["error"]
    assert len(sandbox.requests) == 1, "an answered or possibly-sent call must not be re-sent"


@pytest.mark.parametrize("fault", [Fault.HANG, Fault.NO_HEADERS])
def test_hung_server_times_out_without_resending(
    account_profile: Path, sandbox: SandboxServer, fault: Fault
) -> None:
    write_settings(
        account_profile,
        profile_id=_profile_id(account_profile),
        user_id=DEMO_USER_ID,
        request_timeout=1.5,
    )
    sandbox.set_fault(fault, delay=10)
    result = call(account_profile, sandbox)
    assert result.code == 5
    assert result.json["error_kind"] == "timeout"
    assert "check your phone" in str(result.json["error"])
    assert sandbox.connections_accepted == 1


def test_wrong_secret_and_unknown_user(
    account_profile: Path, tmp_path: Path, real_keyring: KeyringBackend, sandbox: SandboxServer
) -> None:
    store = CredentialStore(_profile_id(account_profile), backend=real_keyring)
    store.set_secret(DEMO_USER_ID, "not-the-right-secret")
    result = call(account_profile, sandbox)
    assert (result.code, result.json["error_kind"]) == (3, "invalid_secret")
    assert "not-the-right-secret" not in result.stdout + result.stderr
    assert "app secret" in str(result.json["error"])

    other = tmp_path / "other"
    other.mkdir()
    other_id = uuid.uuid4().hex
    write_settings(other, profile_id=other_id, user_id="999_0000000")
    other_store = CredentialStore(other_id, backend=real_keyring)
    other_store.set_secret("999_0000000", DEMO_SECRET)
    try:
        result = call(other, sandbox)
    finally:
        other_store.delete_secret("999_0000000")
    assert (result.code, result.json["error_kind"]) == (3, "invalid_user_id")


def test_connection_refused_exits_5_and_nothing_was_sent(account_profile: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli(
        "call",
        NUMBER,
        "--json",
        "--profile",
        str(account_profile),
        "--api-base",
        f"http://127.0.0.1:{port}",
    )
    assert result.code == 5
    assert result.json["error_kind"] == "cannot_connect"
    assert_no_secret(result)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["call", "12"], "Too short"),
        (["call", "abc"], "Letters"),
        (["call", NUMBER, "--mobile", "--softphone"], "not allowed with"),
        (["call", NUMBER, "--extra", "[1, 2]"], "JSON object"),
        (["call", NUMBER, "--extra", "{bad"], "JSON object"),
        (["call", NUMBER, "--api-base", "http://example.com"], "http://"),
        (["call"], "required"),
        (["credentials"], "required"),
        (["call", NUMBER, "--bogus"], "unrecognized"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = run_cli("--sandbox", "--profile", str(tmp_path / "p"), *args)
    assert result.code == 2, result.stdout + result.stderr
    assert fragment in result.stdout + result.stderr


def test_no_account_exits_6_with_the_fix(tmp_path: Path) -> None:
    result = run_cli("call", NUMBER, "--json", "--profile", str(tmp_path / "fresh"))
    assert result.code == 6
    assert result.json["error_kind"] == "no_account"
    assert "credentials set" in str(result.json["error"])


def test_keyring_unavailable_exits_6(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    profile.mkdir()
    write_settings(profile, profile_id=uuid.uuid4().hex, user_id=DEMO_USER_ID)
    result = run_cli(
        "call",
        NUMBER,
        "--json",
        "--profile",
        str(profile),
        env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    assert result.code == 6
    assert result.json["error_kind"] == "keyring_unavailable"
    assert "keyring" in str(result.json["error"]).lower()


def test_credentials_set_status_clear_round_trip(
    tmp_path: Path, real_keyring: KeyringBackend, sandbox: SandboxServer
) -> None:
    profile = tmp_path / "p"
    secret = DEMO_SECRET
    stored = set_credentials(profile, secret + "\n")
    assert stored.code == 0, stored.stderr
    assert_no_secret(stored)
    try:
        status = run_cli("credentials", "status", "--json", "--profile", str(profile))
        assert status.code == 0, status.stderr
        assert status.json["user_id"] == DEMO_USER_ID
        assert status.json["secret_stored"] is True
        assert "SecretService" in str(status.json["keyring_backend"])
        assert_no_secret(status)
        placed = call(profile, sandbox)
        assert placed.code == 0, placed.stderr
        for file in profile.rglob("*"):
            if file.is_file():
                assert secret.encode() not in file.read_bytes(), file
    finally:
        cleared = run_cli("credentials", "clear", "--profile", str(profile))
    assert cleared.code == 0
    status = run_cli("credentials", "status", "--json", "--profile", str(profile))
    assert status.json["user_id"] is None
    assert call(profile, sandbox, "--again").code == 6  # --again: past the repeat hold-off


def test_empty_secret_on_stdin_is_refused(tmp_path: Path) -> None:
    result = set_credentials(tmp_path / "p", "\n")
    assert result.code == 2
    assert "empty" in result.stderr


def set_credentials(profile: Path, stdin: str, **options: Any) -> CliResult:
    """``credentials set --user-id DEMO_USER_ID`` with ``stdin`` as the piped secret."""
    return run_cli(
        "credentials",
        "set",
        "--user-id",
        DEMO_USER_ID,
        "--profile",
        str(profile),
        stdin=stdin,
        **options,
    )


def _profile_id(profile: Path) -> str:
    import json

    return str(json.loads((profile / "settings.json").read_text())["profile_id"])


def test_credentials_set_refused_by_the_keyring_saves_nothing(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    profile.mkdir()
    write_settings(profile, profile_id=uuid.uuid4().hex, user_id="")
    before = (profile / "settings.json").read_bytes()
    result = set_credentials(
        profile, DEMO_SECRET + "\n", env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    )
    assert result.code == EXIT_NO_ACCOUNT, result.stderr
    assert "No secure keyring is available" in result.stderr
    assert (profile / "settings.json").read_bytes() == before
    assert_no_secret(result)


def full_disk() -> None:
    """``preexec_fn``: every file write fails with EFBIG, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))


def test_credentials_set_on_a_full_disk_takes_the_secret_back_out(
    tmp_path: Path, real_keyring: KeyringBackend
) -> None:
    profile = tmp_path / "p"
    profile.mkdir()
    profile_id = uuid.uuid4().hex
    write_settings(profile, profile_id=profile_id, user_id="")
    before = (profile / "settings.json").read_bytes()
    result = set_credentials(profile, DEMO_SECRET + "\n", preexec=full_disk)
    assert result.code == EXIT_PROFILE, result.stderr
    assert "Settings could not be saved" in result.stderr
    assert "taken out of the keyring again: nothing was stored" in result.stderr
    assert (profile / "settings.json").read_bytes() == before
    assert CredentialStore(profile_id, backend=real_keyring).get_secret(DEMO_USER_ID) is None


def test_diagnostics_prints_the_report_without_secret_or_numbers(
    account_profile: Path, sandbox: SandboxServer
) -> None:
    placed = call(account_profile, sandbox)  # the window and commands log to the same file
    assert placed.code == 0, placed.stderr
    logs = account_profile / "logs"
    logs.mkdir(exist_ok=True)
    (logs / "dialer-app.log").write_text(
        "2025-01-02 10:11:12,345 INFO dialer_app.services.calls [MainThread]: "
        "Call to 919200000789 initiated\n"
        f"2025-01-02 10:11:13,000 WARNING x [MainThread]: body secret={DEMO_SECRET}\n",
        encoding="utf-8",
    )
    result = run_cli("diagnostics", "--profile", str(account_profile), "--log-lines", "2")
    assert result.code == 0, result.stderr
    report = result.stdout
    assert report.startswith("dialer-app ")
    assert "SecretService" in report
    assert "Secret stored: yes" in report
    assert f"User id: {DEMO_USER_ID}" in report
    assert f"Profile: {account_profile}" in report
    assert "Settings:\n" in report
    assert "Call to +91 ••••• ••789 initiated" in report
    assert "919200000789" not in report
    assert report.rstrip().endswith("body secret=[REDACTED]")
    assert_no_secret(result)
    refused = run_cli("diagnostics", "--log-lines", "-1", "--profile", str(account_profile))
    assert (refused.code, refused.stdout) == (2, "")
    assert "--log-lines: expected a whole number from 0 to 10000" in refused.stderr
