"""Quitting with a call hung at the server: prompt, clean, and silent afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.sandbox.server import Fault, SandboxServer
from tests.support.harness import REPO_ROOT
from tests.support.wait import WAIT_MS

STARTUP_TIMEOUT_S = 60.0  # importing Qt on a loaded machine can be slow; not what is measured
QUIT_BUDGET_S = 2.5
FORBIDDEN_IN_STDERR = ("QThread", "Destroyed while", "Traceback")


def read_marker(stream: object, marker: str, lines: list[str]) -> bool:
    """Read lines until ``marker`` (True) or end of output (False)."""
    assert hasattr(stream, "readline")
    while line := stream.readline():
        lines.append(line)
        if line.strip() == marker:
            return True
    return False


def test_quit_action_during_hung_call_exits_cleanly(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support.quit_during_call", str(tmp_path / "profile")],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    stderr_chunks: list[str] = []
    drain = threading.Thread(target=lambda: stderr_chunks.append(process.stderr.read()))
    drain.start()
    watchdog = threading.Timer(STARTUP_TIMEOUT_S, process.kill)
    watchdog.start()
    lines: list[str] = []
    try:
        held = read_marker(process.stdout, "REQUEST_HELD", lines)
        quitting = held and read_marker(process.stdout, "QUITTING", lines)
        quit_at = time.monotonic()
        watchdog.cancel()
        code = process.wait(timeout=30)
        exit_seconds = time.monotonic() - quit_at
    finally:
        watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
        drain.join(10)
    stderr = "".join(stderr_chunks)

    assert held, f"the call never reached the sandbox: {lines} {stderr}"
    assert quitting, f"the quit action never fired: {lines} {stderr}"
    assert code == 0, stderr
    assert exit_seconds <= QUIT_BUDGET_S, f"exit took {exit_seconds:.2f} s"
    for forbidden in FORBIDDEN_IN_STDERR:
        assert forbidden not in stderr, stderr


def test_shutdown_with_hung_call_is_prompt_and_silent(
    dialer: DialerApp, qtbot: QtBot, sandbox: SandboxServer
) -> None:
    sandbox.set_fault(Fault.HANG, delay=60.0)
    window = dialer.window
    number = window.findChild(QLineEdit, "numberInput")
    call = window.findChild(QPushButton, "callButton")
    assert number is not None
    assert call is not None
    number.setText("+91 92000 00000")  # programmatic: no warm-up job starts a worker early
    threads_before = set(threading.enumerate())
    fired: list[str] = []
    calls = dialer.calls
    calls.succeeded.connect(lambda *_: fired.append("succeeded"))
    calls.failed.connect(lambda *_: fired.append("failed"))
    calls.busy_changed.connect(lambda *_: fired.append("busy_changed"))

    qtbot.mouseClick(call, Qt.MouseButton.LeftButton)
    sandbox.wait_for_requests(1)
    assert calls.in_flight
    fired.clear()
    workers = [t for t in set(threading.enumerate()) - threads_before if "calls" in t.name]
    assert len(workers) == 1

    started = time.monotonic()
    dialer.shutdown()
    assert time.monotonic() - started < 1.0

    sandbox.stop()  # drop the hung connection: the worker now finishes with an error...
    qtbot.waitUntil(lambda: not workers[0].is_alive(), timeout=WAIT_MS)
    # ...had it queued a result, it would be in the event queue now: deliver everything posted
    QCoreApplication.sendPostedEvents()
    QCoreApplication.processEvents()
    assert fired == []
