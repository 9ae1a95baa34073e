"""tel:/callto: links end to end: hand-over between real processes, never dialling by itself."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from dialer_app.sandbox.server import SandboxServer
from dialer_app.system.instance_link import instance_address
from tests.support.harness import REPO_ROOT, run_cli
from tests.support.wait import settled_requests, wait_until

ENV = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}


def _log(profile: Path) -> str:
    path = profile / "logs" / "dialer-app.log"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def _accepts(address: str) -> bool:
    """An empty connection: the running dialer takes it as a liveness probe."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(address)
        except OSError:
            return False
    return True


@pytest.fixture
def primary(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    profile = tmp_path / "profile"
    process = subprocess.Popen(
        [sys.executable, "-m", "dialer_app", "--sandbox", "--profile", str(profile)],
        cwd=REPO_ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_until(lambda: "starting" in _log(profile))
    address = instance_address(profile)
    wait_until(lambda: _accepts(address), what="the running dialer's socket")
    yield process, profile
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_second_launch_hands_the_link_to_the_running_dialer(
    primary: tuple[subprocess.Popen[bytes], Path],
) -> None:
    process, profile = primary
    started = time.monotonic()
    result = run_cli(
        "--profile", str(profile), "tel:+91-92000-00000", env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert result.code == 0, result.stderr
    assert time.monotonic() - started < 10
    wait_until(lambda: "Link opened: +91 92000 00000" in _log(profile))
    assert process.poll() is None, "the primary keeps running"
    quick = run_cli("--profile", str(profile), "--quick-call", env={"QT_QPA_PLATFORM": "offscreen"})
    assert quick.code == 0
    wait_until(lambda: "Request from another launch: quick_call" in _log(profile))


def test_killed_primary_is_replaced(primary: tuple[subprocess.Popen[bytes], Path]) -> None:
    process, profile = primary
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    replacement = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "dialer_app",
            "--sandbox",
            "--profile",
            str(profile),
            "callto://+919200000000",
        ],
        cwd=REPO_ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: _log(profile).count("starting") == 2)
        wait_until(lambda: "Link opened: +91 92000 00000" in _log(profile))
        assert replacement.poll() is None, "the new launch became the primary"
        handed = run_cli(
            "--profile", str(profile), "tel:+1-201-555-0123", env={"QT_QPA_PLATFORM": "offscreen"}
        )
        assert handed.code == 0
        wait_until(lambda: "Link opened: +1 201-555-0123" in _log(profile))
    finally:
        replacement.terminate()
        replacement.wait(10)


def test_link_fills_in_but_never_dials_by_default(
    dialer: object, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    app = dialer
    assert app.instance.open_link("tel:+91-92000-00000") is False  # type: ignore[attr-defined]
    assert app.window.number_input.text() == "+91 92000 00000"  # type: ignore[attr-defined]
    assert app.window.call_button.isEnabled()  # type: ignore[attr-defined]
    assert settled_requests(qtbot, app) == 0  # type: ignore[arg-type]
    assert sandbox.requests == []


def test_dial_links_immediately_sends_exactly_one_request(
    dialer: object, sandbox: SandboxServer, qtbot: QtBot
) -> None:
    app = dialer
    app.update_settings(replace(app.settings, dial_links_immediately=True))  # type: ignore[attr-defined]
    assert app.instance.open_link("callto://+919200000000/")  # type: ignore[attr-defined]
    sandbox.wait_for_requests(1)
    assert settled_requests(qtbot, app) == 1  # type: ignore[arg-type]
    assert len(sandbox.requests) == 1
    assert sandbox.requests[0].json_body["to"] == 919200000000  # type: ignore[index]


@pytest.mark.parametrize("link", ["tel:+1-900-FLOWERS", "javascript:alert(1)", "tel:", "sip:1@x"])
def test_bad_links_are_refused_with_a_reason(
    dialer: object, sandbox: SandboxServer, link: str
) -> None:
    app = dialer
    app.update_settings(replace(app.settings, dial_links_immediately=True))  # type: ignore[attr-defined]
    assert app.instance.open_link(link) is False  # type: ignore[attr-defined]
    assert "no number that can be called" in app.window.notice.text()  # type: ignore[attr-defined]
    assert sandbox.requests == []
