"""Logging to a rotating file in the profile, the diagnostics report and crash reports.

Every handler carries ``RedactingFilter``: the secret never reaches a log line, the report or
a crash file, even when an exception message or a URL contains it.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from dialer_app import __version__
from dialer_app.core.atomic import write_new_private
from dialer_app.core.profile import irregular_file
from dialer_app.core.redact import RedactingFilter, protect_http_loggers, redact

LOG_DIR = "logs"
LOG_FILE = "dialer-app.log"
CRASH_PREFIX = "crash-"
_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s]: %(message)s"


def log_path(profile_dir: Path) -> Path:
    return profile_dir / LOG_DIR / LOG_FILE


def configure_logging(profile_dir: Path | None, *, verbose: bool = False) -> Path | None:
    """stderr (warnings) plus, when a profile is known, a rotating file (info): 1 MiB × 5.

    Without a profile, records are also kept in memory (at most ``EarlyRecords.LIMIT``) and
    written to the file once it is opened: the window opens it after its first paint.
    Returns the log file's path, or None when it cannot be written (read-only profile): the
    app then logs to stderr only and says so in the diagnostics.
    """
    root = logging.getLogger()
    early: list[logging.LogRecord] = []
    for handler in list(root.handlers):
        if getattr(handler, "_dialer_handler", False):
            if isinstance(handler, EarlyRecords):
                early = handler.records
            root.removeHandler(handler)
            handler.close()
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    stderr.setFormatter(logging.Formatter("dialer-app: %(levelname)s: %(message)s"))
    handlers: list[logging.Handler] = [stderr]
    path: Path | None = None
    if profile_dir is None:
        handlers.append(EarlyRecords())
    else:
        from dialer_app.core.log_file import ProfileLogHandler

        try:
            path = log_path(profile_dir)
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            # Not delay=True: opening now is what tells an unwritable (read-only) log file,
            # instead of a "Logging error" traceback on stderr for every record.
            file_handler = ProfileLogHandler(
                path, maxBytes=1024 * 1024, backupCount=5, encoding="utf-8"
            )
            file_handler.setLevel(logging.DEBUG if verbose else logging.INFO)
            file_handler.setFormatter(logging.Formatter(_FORMAT))
            handlers.append(file_handler)
        except OSError:
            path = None
    for handler in handlers:
        handler.addFilter(RedactingFilter())
        handler._dialer_handler = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    if path is not None:
        for record in early:  # what was logged before the file was opened, in order
            if record.levelno >= handlers[-1].level:
                handlers[-1].handle(record)
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for noisy in ("httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.DEBUG if verbose else logging.WARNING)
    protect_http_loggers()
    return path


class EarlyRecords(logging.Handler):
    """Keeps the records logged before the log file is opened, to write them there first."""

    LIMIT = 1000

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.LIMIT:
            self.records.append(record)


def last_log_lines(profile_dir: Path, count: int = 50) -> list[str]:
    """The newest ``count`` lines of the log, redacted once more (belt and braces)."""
    path = log_path(profile_dir)
    if irregular_file(path):  # a named pipe there would block for ever
        return []
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(size - 256 * 1024, 0))
            tail = handle.read().decode("utf-8", errors="replace").splitlines()
    except OSError:
        return []
    return [redact(line) for line in tail[-count:]]


def diagnostics_report(
    *,
    profile_dir: Path,
    api_base_url: str,
    keyring_backend: str,
    extra: Sequence[tuple[str, str]] = (),
) -> str:
    """Plain text for support: versions, OS, keyring backend, API URL and the last log lines."""
    import platform

    lines = [
        f"dialer-app {__version__}",
        f"Python {platform.python_version()} ({platform.python_implementation()})",
        f"OS: {platform.platform()}",
        f"Keyring backend: {keyring_backend}",
        f"API base URL: {api_base_url}",
        f"Profile: {profile_dir}",
        f"Log file: {_active_log_file() or 'none (cannot write to the profile; stderr only)'}",
        *[f"{key}: {value}" for key, value in extra],
        "",
        "Last log lines:",
        *last_log_lines(profile_dir),
    ]
    return redact("\n".join(lines))


def _active_log_file() -> str | None:
    """The file ``configure_logging`` is writing to, if it could open one."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler) and not getattr(handler, "failed", False):
            return handler.baseFilename
    return None


def write_crash_report(
    profile_dir: Path,
    kind: type[BaseException],
    value: BaseException,
    tb: TracebackType | None,
) -> Path | None:
    """Save a redacted traceback as ``logs/crash-<time>.txt``; None when it can't be written."""
    text = redact("".join(traceback.format_exception(kind, value, tb)))
    path = profile_dir / LOG_DIR / f"{CRASH_PREFIX}{time.strftime('%Y%m%d-%H%M%S')}.txt"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_new_private(path, f"dialer-app {__version__}\n{text}".encode())
    except OSError:
        return None
    return path
