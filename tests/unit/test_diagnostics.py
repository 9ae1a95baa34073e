"""Log file, diagnostics report and crash reports: useful to support, never the secret."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from dialer_app.core.diagnostics import (
    configure_logging,
    diagnostics_report,
    last_log_lines,
    log_path,
    write_crash_report,
)
from dialer_app.core.redact import register_secret

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


def test_report_has_versions_and_recent_lines(logging_to: Path, tmp_path: Path) -> None:
    logging.getLogger("dialer_app.test").info("call to 919200000000 initiated")
    for handler in logging.getLogger().handlers:
        handler.flush()
    report = diagnostics_report(
        profile_dir=tmp_path,
        api_base_url="https://rest.telecmi.com",
        keyring_backend="SecretService Keyring",
        extra=[("Note", f"contains {SECRET}")],
    )
    assert "dialer-app" in report
    assert "Python 3." in report
    assert "SecretService Keyring" in report
    assert "call to 919200000000 initiated" in report
    assert SECRET not in report


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
    window = dialer.window  # type: ignore[attr-defined]
    QGuiApplication.clipboard().clear()
    window.diagnostics_action.trigger()
    qtbot.waitUntil(lambda: "Keyring backend" in QGuiApplication.clipboard().text(), timeout=10000)
    text = QGuiApplication.clipboard().text()
    assert "API base URL: http://127.0.0.1" in text
    assert "sandbox-demo-secret" not in text
    assert "copied" in window.notice.text()
