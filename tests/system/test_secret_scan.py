"""The app secret never leaves the keyring: a scripted session against the real Secret Service.

A unique secret is stored with ``credentials set`` (on stdin), then used by ``call`` through
every fault (POST with ``--json --verbose``; GET, whose URL carries the secret, with
``--verbose``), by the window as a real process (tel: links handed over to it, dialling at
once) through several faults, by a ``--verbose`` smoke start, and by a forced crash report.
Every child is the real dialer (``python -m tests.support.offline_child`` = ``python -m dialer_app``
with non-loopback name lookups refused). While each runs, its ``/proc`` cmdline and environ
are read; afterwards every file it could write (the profile, its XDG folders and TMPDIR) and
every captured stream are scanned for the secret in any spelling. Zero hits allowed.
"""

from __future__ import annotations

import base64
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from dialer_app.core.credentials import SERVICE_PREFIX
from dialer_app.core.diagnostics import CRASH_PREFIX, LOG_DIR, log_path
from dialer_app.sandbox.server import DEMO_USER_ID, RecordedRequest
from tests.support.fault_cases import (
    FAULT_CASES,
    LINK,
    NUMBER_DIGITS,
    NUMBER_TEXT,
    REQUEST_TIMEOUT_S,
    FaultCase,
    Lab,
    case_by_key,
)
from tests.support.fault_matrix_report import print_to_terminal
from tests.support.harness import TEST_PROFILE_ID, write_settings
from tests.support.secret_scan_support import (
    ChildRun,
    ChildSession,
    ProcessWatcher,
    ScanResult,
    hits_in,
    scan_tree,
    secret_forms,
)
from tests.support.wait import wait_until

SERVICE = f"{SERVICE_PREFIX}{TEST_PROFILE_ID}"
GET_CASES = tuple(
    case_by_key(key)
    for key in ("code_407_in_body", "html_500", "non_json_200", "reset", "hang", "dns")
)
WINDOW_CASES = tuple(
    case_by_key(key) for key in ("http_407", "html_502", "reset", "hang", "missing_request_id")
)
XDG_DIRS = ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME", "TMPDIR")


def unique_secret() -> str:
    """Lower-case, with characters that URL-encoding changes, so every spelling differs."""
    token = uuid.uuid4().hex
    return f"scan+{token[:16]}/k={token[16:]}&z"


@dataclass
class Script:
    """One scripted session: the profile, the servers, the children and what they sent."""

    secret: str
    profile: Path
    lab: Lab
    session: ChildSession
    sent: list[RecordedRequest] = field(default_factory=list)
    proxy_heads: list[bytes] = field(default_factory=list)

    def settings(self, **values: Any) -> None:
        write_settings(
            self.profile,
            user_id=DEMO_USER_ID,
            request_timeout=REQUEST_TIMEOUT_S,
            dial_links_immediately=True,
            repeat_hold_off_s=0,  # one number, called through every fault in a row
            **values,
        )

    def reset(self) -> None:
        """Keep what the servers received (for the positive control), then forget it."""
        self.sent += self.lab.sandbox.requests
        self.proxy_heads += self.lab.proxy.heads
        self.lab.reset()

    def log(self) -> str:
        path = log_path(self.profile)
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def call(self, label: str, case: FaultCase | None, *options: str, use_get: bool) -> ChildRun:
        """``dialer-app call`` in a child, through ``case`` (None: no fault)."""
        self.reset()
        target = self.lab.arm(case) if case is not None else self.lab.disarm()
        self.settings(proxy_url=target.proxy_url, use_get=use_get)
        args = ["call", NUMBER_TEXT, "--profile", str(self.profile), "--api-base", target.api_base]
        run = self.session.run(label, [*args, *options])
        if case is not None:
            self.lab.assert_traffic(case)
            assert run.code == case.exit_code, run.stderr
        else:
            assert run.code == 0, run.stderr
        return run


@pytest.fixture
def script(real_keyring: Any, tmp_path: Path) -> Iterator[Script]:
    secret = unique_secret()
    profile = tmp_path / "profile"
    profile.mkdir()
    with (
        Lab.running(tmp_path / "tls", accounts={DEMO_USER_ID: secret}) as lab,
        ProcessWatcher(secret_forms(secret)) as watcher,
    ):
        session = ChildSession(tmp_path / "streams", watcher)
        for name in XDG_DIRS:
            folder = tmp_path / "written" / name.lower()
            folder.mkdir(parents=True)
            session.env[name] = str(folder)
        current = Script(secret, profile, lab, session)
        current.settings()
        try:
            yield current
        finally:
            if real_keyring.get_password(SERVICE, DEMO_USER_ID) is not None:
                real_keyring.delete_password(SERVICE, DEMO_USER_ID)


# the session, step by step -----------------------------------------------------------------
def store_secret(script: Script, real_keyring: Any) -> None:
    profile = str(script.profile)
    stored = script.session.run(
        "credentials-set",
        ["credentials", "set", "--user-id", DEMO_USER_ID, "--profile", profile],
        stdin=script.secret + "\n",
    )
    assert stored.code == 0, stored.stderr
    assert real_keyring.get_password(SERVICE, DEMO_USER_ID) == script.secret
    status = script.session.run(
        "credentials-status", ["credentials", "status", "--json", "--profile", profile]
    )
    reply = json.loads(status.stdout)
    assert reply["secret_stored"] is True
    assert "SecretService" in reply["keyring_backend"]


def call_through_every_fault(script: Script) -> None:
    for case in FAULT_CASES:
        run = script.call(f"post-{case.key}", case, "--json", "--verbose", use_get=False)
        assert json.loads(run.stdout)["error_kind"] == case.kind
        assert "DEBUG" in run.stderr, "--verbose logs details"
    script.call("post-ok", None, "--json", "--verbose", use_get=False)
    for case in GET_CASES:
        run = script.call(f"get-{case.key}", case, "--verbose", use_get=True)
        assert "dialer-app: error:" in run.stderr
        if case.sandbox_requests and case.kind not in ("timeout", "cannot_connect"):
            # an answer arrived, so httpx logged the request URL: with the secret masked
            assert "secret=[REDACTED]" in run.stderr
    script.call("get-ok", None, "--verbose", use_get=True)


def dial_links_in_the_window(script: Script) -> ScanResult:
    """The window as a real process; tel: links handed over dial at once. Returns a scan of
    the profile taken while it runs (the database's -wal/-shm exist only then)."""
    script.reset()
    script.settings()
    profile = str(script.profile)
    base_url = script.lab.disarm().api_base
    recorded_by_the_cli = len(history(script.profile))  # the command line records its calls
    assert recorded_by_the_cli == len(FAULT_CASES) + len(GET_CASES) + 2
    window, run = script.session.start(
        "window", ["--profile", profile, "--api-base", base_url, "--verbose"]
    )
    running = ScanResult()
    try:
        wait_until(lambda: "starting" in script.log(), what="the window to start")
        for case in (*WINDOW_CASES, None):
            hand_over_link(script, case)
        assert window.poll() is None, "the window keeps running"
        expected_rows = recorded_by_the_cli + len(WINDOW_CASES) + 1
        wait_until(lambda: len(history(script.profile)) >= expected_rows, what="the history")
        kinds = [row[0] for row in history(script.profile)][recorded_by_the_cli:]
        assert kinds == [*(case.kind for case in WINDOW_CASES), None]
        assert Path(f"{script.profile}/contacts.db-wal").exists()
        scan_tree(script.profile, secret_forms(script.secret), running, "profile (window running)")
    finally:
        window.terminate()
        window.wait(10)
    run.code = window.returncode
    return running


def hand_over_link(script: Script, case: FaultCase | None) -> None:
    script.reset()
    if case is None:
        script.lab.disarm()
        expected, requests = f"Call to {NUMBER_DIGITS} initiated", 1
    else:
        script.lab.arm(case)
        expected, requests = f"Call to {NUMBER_DIGITS} failed: {case.kind}", case.sandbox_requests
    seen = script.log().count(expected)
    label = f"link-{case.key if case else 'ok'}"
    handed = script.session.run(label, ["--profile", str(script.profile), LINK])
    assert handed.code == 0, handed.stderr
    wait_until(lambda: script.log().count(expected) > seen, what=expected)
    assert len(script.lab.sandbox.requests) == requests


def history(profile: Path) -> list[tuple[str | None, str]]:
    database = profile / "contacts.db"
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn:
        rows = conn.execute("SELECT error_kind, outcome FROM history ORDER BY id").fetchall()
    return [(kind, outcome) for kind, outcome in rows]


def start_and_quit_the_window(script: Script) -> None:
    starts = script.log().count("starting")
    smoke = script.session.run(
        "window-smoke",
        [
            "--profile",
            str(script.profile),
            "--api-base",
            script.lab.sandbox.base_url,
            "--verbose",
            "--smoke-exit-after-ms",
            "200",
        ],
    )
    assert smoke.code == 0, smoke.stderr
    assert script.log().count("starting") == starts + 1, "it ran as the primary"


def force_crash_report(script: Script) -> None:
    crash = script.session.run(
        "crash-report", [str(script.profile)], module="tests.support.crash_child"
    )
    assert crash.code == 0, crash.stderr
    [report] = sorted((script.profile / LOG_DIR).glob(f"{CRASH_PREFIX}*"))
    text = report.read_text(encoding="utf-8")
    assert f"RuntimeError: unexpected state for {DEMO_USER_ID}: [REDACTED]" in text
    assert "secret=[REDACTED]" in text
    assert "Unexpected error" in script.log()


def forget_secret(script: Script, real_keyring: Any) -> None:
    cleared = script.session.run(
        "credentials-clear", ["credentials", "clear", "--profile", str(script.profile)]
    )
    assert cleared.code == 0, cleared.stderr
    assert real_keyring.get_password(SERVICE, DEMO_USER_ID) is None


# the scanner itself ------------------------------------------------------------------------
def test_scanner_finds_every_spelling_of_the_secret() -> None:
    secret = unique_secret()
    forms = secret_forms(secret)
    assert {"plain", "url-encoded", "json-escaped with \\/", "base64 (offset 2)"} <= set(forms)
    basic_auth = base64.b64encode(f"{DEMO_USER_ID}:{secret}".encode())
    for noise, text in (
        (b"GET /?secret=", quote(secret, safe="").encode()),
        (b'{"secret": "', json.dumps(secret)[1:-1].replace("/", "\\/").encode()),
        (b"Authorization: Basic ", basic_auth),
        (b"x", base64.urlsafe_b64encode(b"ab" + secret.encode())),
        (b"blob ", secret.encode().hex().encode()),
    ):
        assert hits_in(b"..." + noise + text + b"...", forms), text
    assert hits_in(b"nothing to see " + secret[:-1].encode(), forms) == []


def test_watcher_reads_a_childs_environ_and_cmdline(tmp_path: Path) -> None:
    secret = unique_secret()
    forms = secret_forms(secret)
    with ProcessWatcher(forms) as watcher:
        session = ChildSession(tmp_path, watcher)
        nap = ["-c", "import time; time.sleep(0.3)"]
        quiet = session.run("quiet", nap, module="")
        in_argv = session.run("argv", [*nap, quote(secret, safe="")], module="")
        session.env["LEAKY"] = secret
        in_env = session.run("env", nap, module="")
    assert (quiet.code, in_argv.code, in_env.code) == (0, 0, 0)
    by_pid = {
        run.pid: [hit for hit in watcher.hits if hit.startswith(f"pid {run.pid} ")]
        for run in (quiet, in_argv, in_env)
    }
    assert by_pid[quiet.pid] == []
    assert by_pid[in_argv.pid] == [f"pid {in_argv.pid} cmdline: url-encoded"]
    assert by_pid[in_env.pid] == [f"pid {in_env.pid} environ: plain"]


# the scripted session ----------------------------------------------------------------------
@pytest.mark.secret_service
def test_secret_appears_nowhere(
    script: Script, real_keyring: Any, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    forms = secret_forms(script.secret)
    store_secret(script, real_keyring)
    call_through_every_fault(script)
    result = dial_links_in_the_window(script)
    start_and_quit_the_window(script)
    force_crash_report(script)
    forget_secret(script, real_keyring)
    script.reset()

    # Positive control: the secret really went out, so the scanner would have found a leak.
    for method in ("POST", "GET"):
        sent = [r for r in script.sent if r.method == method]
        assert sent, f"no {method} reached the sandbox"
        assert all(r.query.get("secret", script.secret) == script.secret for r in sent)
        assert all(
            "plain" in hits_in(r.raw_body + r.query.get("secret", "").encode(), forms) for r in sent
        )

    scan_tree(script.profile, forms, result, "profile")
    scan_tree(tmp_path / "written", forms, result, "xdg")
    files = len(result.scanned)
    for stream in script.session.streams():
        result.add(f"stream:{stream.name}", stream.read_bytes(), forms)
    result.add("proxy: heads received", b"".join(script.proxy_heads), forms)
    streams = len(result.scanned) - files
    watcher = script.session.watcher
    seen_after_exec = {pid for pid, cmd in watcher.processes.items() if b"-m\0tests." in cmd}
    summary = (
        f"secret scan: {files} files, {streams} streams, {watcher.snapshots} /proc snapshots "
        f"of {len(watcher.processes)} processes; hits: {len(result.hits) + len(watcher.hits)}"
    )
    print_to_terminal(request.config, ["", summary, *(f"  {x}" for x in result.scanned[:files])])

    assert {run.pid for run in script.session.runs} <= seen_after_exec, "every child inspected"
    must_exist = {"profile:settings.json", "profile:contacts.db", "profile:logs/dialer-app.log"}
    assert must_exist <= set(result.scanned)
    assert any(label.startswith("profile:logs/crash-") for label in result.scanned)
    assert any(label.endswith("contacts.db-wal") for label in result.scanned)
    assert watcher.hits == []
    assert result.hits == []
