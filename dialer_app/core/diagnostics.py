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
from typing import TYPE_CHECKING

from dialer_app import __version__
from dialer_app.core.atomic import write_new_private
from dialer_app.core.profile import irregular_file
from dialer_app.core.redact import RedactingFilter, protect_http_loggers, redact

if TYPE_CHECKING:
    from dialer_app.core.runtime import Runtime

LOG_DIR = "logs"
LOG_FILE = "dialer-app.log"
CRASH_PREFIX = "crash-"
# Profiles whose log file could not be opened, and why (for the diagnostics report).
_unwritable_logs: dict[Path, str] = {}
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
            _unwritable_logs.pop(profile_dir, None)
        except OSError as exc:
            path = None
            _unwritable_logs[profile_dir] = exc.strerror or str(exc)
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
    return [redact(line) for line in tail[-count:]] if count > 0 else []


def diagnostics_report(
    runtime: Runtime, *, extra: Sequence[tuple[str, str]] = (), log_lines: int = 50
) -> str:
    """The report for support, the same for Help › Copy diagnostics and ``dialer-app
    diagnostics``: versions, platform, display, keyring, account, profile paths, settings and
    the last log lines. Never the secret (``redact``); customers' phone numbers masked
    (``mask_phone_numbers``). ``extra``: what only the caller knows (the window: Qt's version).

    Reads the keyring (backend, whether a secret is stored): call it off the GUI thread.
    """
    from dialer_app.core.number_mask import mask_phone_numbers

    sections = [
        _versions(extra),
        _system(),
        _account(runtime),
        _paths(runtime),
        _settings_lines(runtime),
        [
            f"Last log lines (up to {log_lines}):",
            *(last_log_lines(runtime.profile_dir, log_lines) or ["  (none)"]),
        ],
    ]
    text = "\n\n".join("\n".join(lines) for lines in sections)
    return mask_phone_numbers(redact(text))


def _versions(extra: Sequence[tuple[str, str]]) -> list[str]:
    import platform

    where = "bundle" if getattr(sys, "frozen", False) else f"from {Path(__file__).parents[2]}"
    packages = ", ".join(f"{name} {_package_version(name)}" for name in _PACKAGES)
    return [
        f"dialer-app {__version__} ({where})",
        f"Python {platform.python_version()} ({platform.python_implementation()}, "
        f"{sys.executable})",
        *[f"{key}: {value}" for key, value in extra],
        f"Packages: {packages}",
    ]


_PACKAGES = ("PySide6-Essentials", "httpx", "keyring", "SecretStorage", "phonenumbers", "vobject")
_ENVIRONMENT = (
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "QT_QPA_PLATFORM",
    "LANG",
    "LC_ALL",
    "PYTHON_KEYRING_BACKEND",
    "DIALER_PROFILE",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
    "NO_PROXY",
    "no_proxy",
)


def _package_version(name: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _system() -> list[str]:
    import os
    import platform

    environment = [
        f"  {name}={_without_user_info(value)}"
        for name in _ENVIRONMENT
        if (value := os.environ.get(name))
    ]
    return [f"OS: {platform.platform()}", "Environment:", *(environment or ["  (none set)"])]


def _account(runtime: Runtime) -> list[str]:
    from dialer_app.core.credentials import KeyringUnavailableError

    user_id = runtime.settings.user_id
    stored = "(no user id)"
    if user_id:
        try:
            stored = "yes" if runtime.credentials.get_secret(user_id) else "no"
        except KeyringUnavailableError as exc:
            stored = f"unknown: {exc}"
    settings = runtime.settings
    in_use = runtime.effective_settings().api_base_url
    source = (
        "--sandbox"
        if runtime.sandbox_mode
        else "--api-base"
        if runtime.api_base_override
        else "the settings"
    )
    lines = [
        f"Sandbox: {'yes (no real calls)' if runtime.sandbox_mode else 'no'}",
        f"API base URL in use: {in_use} (from {source})",
        f"User id: {user_id or '(none)'}",
        f"Keyring backend: {runtime.credentials.backend_name()}",
        f"Secret stored: {stored}",
    ]
    if in_use != settings.api_base_url:
        lines.insert(2, f"API base URL in the settings: {settings.api_base_url} (not used now)")
    return lines


def _paths(runtime: Runtime) -> list[str]:
    profile = runtime.profile_dir
    crashes = sorted((profile / LOG_DIR).glob(f"{CRASH_PREFIX}*.txt"))
    newest = f", newest {crashes[-1].name}" if crashes else ""
    lines = [
        f"Profile: {profile}",
        f"  settings: {_describe_file(runtime.settings_file.path)}",
        f"  contacts and history: {_describe_file(runtime.database_path)}",
        f"  log file: {_log_file_state(profile)}",
        f"  crash reports: {len(crashes)}{newest}",
    ]
    if runtime.loaded.moved_aside is not None:
        lines.append(f"  damaged settings kept as: {runtime.loaded.moved_aside}")
    return lines


def _describe_file(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return f"{path} (not created yet)"
    except OSError as exc:
        return f"{path} (cannot be read: {exc.strerror})"
    return f"{path} ({_size(size)})"


def _size(count: int) -> str:
    value = float(count)
    for unit in ("bytes", "KiB", "MiB"):
        if value < 1024 or unit == "MiB":
            return f"{value:.0f} {unit}" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _log_file_state(profile_dir: Path) -> str:
    handler = _profile_log_handler()
    if handler is None and profile_dir in _unwritable_logs:
        reason = _unwritable_logs[profile_dir]
        return f"{log_path(profile_dir)} (cannot be written: {reason}; logging to stderr only)"
    if handler is None:  # the command line logs to stderr only; the window writes the file
        return _describe_file(log_path(profile_dir))
    if getattr(handler, "failed", False):
        return f"{handler.baseFilename} (cannot be written any more; logging to stderr only)"
    return handler.baseFilename


def _settings_lines(runtime: Runtime) -> list[str]:
    """Every setting by its name in settings.json (the secret is never one of them)."""
    from dataclasses import fields

    settings = runtime.settings
    lines = ["Settings:"]
    for field in fields(settings):
        value = getattr(settings, field.name)
        lines.append(f"  {field.name}: {_setting_text(field.name, value)}")
    lines.extend(f"  warning: {warning}" for warning in runtime.loaded.warnings)
    return lines


def _setting_text(name: str, value: object) -> str:
    import json
    from enum import Enum

    if name == "extra_params_template" and isinstance(value, dict):
        keys = ", ".join(sorted(map(str, value))) or "(none)"
        return f"keys {keys} (values not shown)" if value else "(none)"
    if isinstance(value, str) and name.endswith("_url"):
        return _without_user_info(value) or "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Enum):
        return str(value.value)
    if value is None or value in ("", ()):
        return "(none)"
    if isinstance(value, tuple | list):
        return ", ".join(map(str, value))
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 200 else text[:199] + "…"


def _without_user_info(url: str) -> str:
    """A URL (a proxy's) without its user name and password."""
    scheme, separator, rest = url.partition("://")
    if not separator or "@" not in rest.split("/", 1)[0]:
        return url
    return f"{scheme}://[user hidden]@{rest.split('@', 1)[1]}"


def _profile_log_handler() -> logging.FileHandler | None:
    """The file handler ``configure_logging`` opened in the profile, if any."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler) and getattr(handler, "_dialer_handler", False):
            return handler
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
