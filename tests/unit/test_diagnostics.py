"""Log file, diagnostics report and crash reports: useful to support, never the secret."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from dialer_app import __version__
from dialer_app.core.credentials import describe_backend
from dialer_app.core.diagnostics import (
    configure_logging,
    diagnostics_report,
    last_log_lines,
    log_path,
    write_crash_report,
)
from dialer_app.core.redact import register_secret
from dialer_app.core.runtime import Runtime, RuntimeOptions
from dialer_app.sandbox.server import DEMO_USER_ID
from tests.support.harness import TEST_PROFILE_ID, memory_credentials, write_settings
from tests.support.memory_keyring import MemoryKeyring

SECRET = "diag-probe-secret-91c0ffee"


@pytest.fixture
def logging_to(tmp_path: Path) -> Iterator[Path]:
    path = configure_logging(tmp_path)
    assert path is not None
    yield path
    configure_logging(None)


def test_log_file_never_holds_the_secret(logging_to: Path, tmp_path: Path) -> None:
    register_secret(SECRET)
    log = logging.getLogger("dialer_app.test")
    log.info("GET /v2/webrtc/click2call?user_id=1&secret=%s&to=9", SECRET)
    log.warning('body {"secret": "%s"}', SECRET)
    try:
        raise RuntimeError(f"failed with {SECRET}")
    except RuntimeError:
        log.exception("boom")
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = logging_to.read_text(encoding="utf-8")
    assert "click2call" in text
    assert "boom" in text
    assert SECRET not in text
    assert all(SECRET not in line for line in last_log_lines(tmp_path))


def test_report_has_versions_and_recent_lines(
    logging_to: Path, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    write_settings(
        tmp_path,
        user_id=DEMO_USER_ID,
        caller_ids=["919800000456"],
        default_caller_id="919800000456",
        proxy_url="http://agent:proxy-pass-77@proxy.example:3128",
        extra_params_template={"crm_phone": "919200000111"},
    )
    runtime = Runtime.open(RuntimeOptions(str(tmp_path)))
    runtime.credentials = memory_credentials(TEST_PROFILE_ID, memory_keyring, secret=SECRET)
    logging.getLogger("dialer_app.test").info("Call to 919200000789 initiated")
    for handler in logging.getLogger().handlers:
        handler.flush()
    report = diagnostics_report(runtime, extra=[("Note", f"contains {SECRET}")])
    assert f"dialer-app {__version__}" in report
    assert "Python 3." in report
    assert "Packages: PySide6-Essentials 6." in report
    assert f"Keyring backend: {describe_backend(memory_keyring)}" in report
    assert "Secret stored: yes" in report
    assert f"User id: {DEMO_USER_ID}" in report
    assert f"Profile: {tmp_path}" in report
    assert f"log file: {logging_to}" in report
    assert "API base URL in use: https://rest.telecmi.com (from the settings)" in report
    assert "Call to +91 ••••• ••789 initiated" in report
    assert "caller_ids: +91 ••••• ••456" in report
    assert "extra_params_template: keys crm_phone (values not shown)" in report
    assert "proxy_url: http://[user hidden]@proxy.example:3128" in report
    for private in (SECRET, "919200000789", "919800000456", "919200000111", "proxy-pass-77"):
        assert private not in report
    assert re.search(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} INFO", report, re.M)


def test_report_log_lines_are_the_newest_ones(tmp_path: Path) -> None:
    (tmp_path / "logs").mkdir()
    log_path(tmp_path).write_text("".join(f"line {n}\n" for n in range(100)), encoding="utf-8")
    runtime = Runtime.open(RuntimeOptions(str(tmp_path)))
    runtime.credentials = memory_credentials(runtime.settings.profile_id, MemoryKeyring(), None)
    report = diagnostics_report(runtime, log_lines=3)
    assert report.endswith("Last log lines (up to 3):\nline 97\nline 98\nline 99")
    assert diagnostics_report(runtime, log_lines=0).endswith("(up to 0):\n  (none)")


def test_records_before_the_file_opens_are_written_to_it_first(tmp_path: Path) -> None:
    """The window opens its log file after the first paint; nothing logged before is lost."""
    register_secret(SECRET)
    configure_logging(None)
    log = logging.getLogger("dialer_app.test")
    log.debug("too detailed for the file")
    log.info("starting with secret=%s", SECRET)
    log.warning("settings damaged")
    path = configure_logging(tmp_path)
    assert path is not None
    log.info("after the first paint")
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = path.read_text(encoding="utf-8").splitlines()
    configure_logging(None)
    assert [line.split(": ", 1)[1] for line in lines] == [
        "starting with secret=[REDACTED]",
        "settings damaged",
        "after the first paint",
    ]


def test_read_only_profile_logs_to_stderr_only(tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    (locked / "logs").write_text("a file where the folder should be")
    assert configure_logging(locked) is None
    logging.getLogger("dialer_app.test").warning("still works")
    configure_logging(None)


def test_crash_report_is_redacted(tmp_path: Path) -> None:
    register_secret(SECRET)
    try:
        raise ValueError(f"secret={SECRET} leaked into an exception")
    except ValueError:
        kind, value, tb = sys.exc_info()
    assert kind is not None
    assert value is not None
    path = write_crash_report(tmp_path, kind, value, tb)
    assert path is not None
    assert path.parent == log_path(tmp_path).parent
    text = path.read_text(encoding="utf-8")
    assert "ValueError" in text
    assert SECRET not in text


def test_uncaught_exception_shows_dialog_and_saves_report(
    dialer: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from dialer_app.app.crash import install_crash_handler

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler(
        dialer.runtime.profile_dir,  # type: ignore[attr-defined]
        dialer.window,  # type: ignore[attr-defined]
        dialer.quit,  # type: ignore[attr-defined]
    )
    register_secret(SECRET)
    try:
        raise KeyError(SECRET)
    except KeyError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    profile = dialer.runtime.profile_dir  # type: ignore[attr-defined]
    reports = list((profile / "logs").glob("crash-*.txt"))
    assert len(reports) == 1
    assert SECRET not in reports[0].read_text(encoding="utf-8")
    assert shown
    assert "KeyError" in shown[0]
    assert SECRET not in shown[0]


def test_copy_diagnostics_action(dialer: object, qtbot: QtBot) -> None:
    """The window copies the report ``dialer-app diagnostics`` prints, plus Qt's version."""
    window = dialer.window  # type: ignore[attr-defined]
    profile = dialer.runtime.profile_dir  # type: ignore[attr-defined]
    log_path(profile).parent.mkdir(exist_ok=True)
    with log_path(profile).open("a", encoding="utf-8") as log:
        log.write("2025-01-02 10:11:12,345 INFO calls: Call to 919200000789 initiated\n")
    QGuiApplication.clipboard().clear()
    window.diagnostics_action.trigger()
    qtbot.waitUntil(lambda: "Keyring backend" in QGuiApplication.clipboard().text(), timeout=10000)
    text = QGuiApplication.clipboard().text()
    assert "API base URL in use: http://127.0.0.1" in text
    assert f"Qt: {qVersion()}" in text
    assert "Secret stored: yes" in text
    assert "2025-01-02 10:11:12,345 INFO calls: Call to +91 ••••• ••789 initiated" in text
    assert "919200000789" not in text
    assert "sandbox-demo-secret" not in text
    assert "copied" in window.notice.text()
