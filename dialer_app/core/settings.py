"""The settings model and its JSON file in the profile folder.

The secret is never part of it: it lives in the OS keyring (``core.credentials``).
A damaged settings file is kept aside and the defaults are used, with a notice.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from dialer_app.core.atomic import move_aside, write_atomically
from dialer_app.core.call_request import (
    DeliveryMode,
    InvalidCallRequestError,
    validate_extra_params,
)
from dialer_app.core.client_config import ClientConfig
from dialer_app.core.profile import irregular_file
from dialer_app.core.urls import DEFAULT_API_BASE, InvalidBaseUrlError, validate_base_url

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"
SCHEMA_VERSION = 1
MAX_FILE_BYTES = 1024 * 1024  # a real file is ~1 KiB; anything this big is not settings
MAX_RETENTION_DAYS = 36_500  # 100 years; longer overflows date arithmetic when pruning
MAX_HOLD_OFF_S = 600.0
_DIGITS = re.compile(r"[1-9][0-9]{3,16}")
_REGION = re.compile(r"[A-Z]{2}")


def new_profile_id() -> str:
    """32 random hex digits, like ``uuid.uuid4().hex`` (uuid imports ``platform``: slower)."""
    return os.urandom(16).hex()


class SettingsError(ValueError):
    """A settings value is not acceptable; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    """Everything the user can set, except the secret."""

    profile_id: str = field(default_factory=new_profile_id)
    user_id: str = ""
    default_mode: DeliveryMode = DeliveryMode.SOFTPHONE
    caller_ids: tuple[str, ...] = ()
    default_caller_id: str | None = None
    default_region: str = "IN"
    api_base_url: str = DEFAULT_API_BASE
    connect_timeout: float = 5.0
    request_timeout: float = 20.0
    use_get: bool = False
    proxy_url: str = ""
    extra_params_template: dict[str, Any] = field(default_factory=dict)
    close_to_tray: bool = False
    start_minimized: bool = False
    notifications: bool = True
    dial_links_immediately: bool = False
    history_retention_days: int | None = None
    # A second intent for a number called this recently sends nothing (0: off); see core.dialer.
    repeat_hold_off_s: float = 3.0

    def client_config(self) -> ClientConfig:
        return ClientConfig(
            base_url=self.api_base_url,
            connect_timeout=self.connect_timeout,
            total_timeout=self.request_timeout,
            use_get=self.use_get,
            proxy=self.proxy_url or None,
        )

    def validated(self) -> Settings:
        """Return self if every value is acceptable, else raise ``SettingsError``."""
        for check in _CHECKS.values():
            check(self)
        return self

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["default_mode"] = self.default_mode.value
        data["caller_ids"] = list(self.caller_ids)
        return {"version": SCHEMA_VERSION, **data}


def _check_user_id(s: Settings) -> None:
    if s.user_id and not re.fullmatch(r"[A-Za-z0-9_.\-@]{1,64}", s.user_id):
        raise SettingsError(f"User id {s.user_id!r} has characters a TeleCMI user id cannot have.")


def _check_caller_ids(s: Settings) -> None:
    for caller_id in s.caller_ids:
        if not _DIGITS.fullmatch(caller_id):
            raise SettingsError(
                f"Caller id {caller_id!r} must be digits with country code, no '+'."
            )
    if s.default_caller_id is not None and s.default_caller_id not in s.caller_ids:
        raise SettingsError("The default caller id must be one of the caller ids.")


def _check_region(s: Settings) -> None:
    if not _REGION.fullmatch(s.default_region):
        raise SettingsError(
            f"Default region {s.default_region!r} must be a two-letter country code like IN."
        )


def _check_url(s: Settings) -> None:
    try:
        validate_base_url(s.api_base_url)
    except InvalidBaseUrlError as exc:
        raise SettingsError(str(exc)) from None


def _check_timeouts(s: Settings) -> None:
    if not 0.5 <= s.connect_timeout <= 60:
        raise SettingsError("The connect timeout must be between 0.5 and 60 seconds.")
    if not 1 <= s.request_timeout <= 300:
        raise SettingsError("The request timeout must be between 1 and 300 seconds.")


def _check_extra(s: Settings) -> None:
    try:
        validate_extra_params(s.extra_params_template)
    except InvalidCallRequestError as exc:
        raise SettingsError(str(exc)) from None


def _check_retention(s: Settings) -> None:
    days = s.history_retention_days
    if days is not None and not 1 <= days <= MAX_RETENTION_DAYS:
        raise SettingsError("History retention must be 1 to 36500 days, or forever.")


def _check_hold_off(s: Settings) -> None:
    if not 0 <= s.repeat_hold_off_s <= MAX_HOLD_OFF_S:
        raise SettingsError(
            f"The repeat hold-off must be 0 (off) to {MAX_HOLD_OFF_S:.0f} seconds."
        )


_CHECKS = {
    "user_id": _check_user_id,
    "caller_ids": _check_caller_ids,
    "default_caller_id": _check_caller_ids,
    "default_region": _check_region,
    "api_base_url": _check_url,
    "connect_timeout": _check_timeouts,
    "request_timeout": _check_timeouts,
    "extra_params_template": _check_extra,
    "history_retention_days": _check_retention,
    "repeat_hold_off_s": _check_hold_off,
}


def settings_from_json(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Build settings from a parsed file; bad or unknown values fall back to defaults.

    Returns the settings and one warning per value that was not taken.
    """
    warnings: list[str] = []
    settings = Settings(profile_id=str(data.get("profile_id") or new_profile_id()))
    known = {f.name for f in fields(Settings)} - {"profile_id"}
    for name in sorted(known & data.keys()):
        try:
            candidate = replace(settings, **{name: _coerce(name, data[name])})
            _CHECKS.get(name, lambda _s: None)(candidate)
        except (SettingsError, TypeError, ValueError, OverflowError) as exc:
            warnings.append(f"Setting {name!r} was ignored: {exc}")
            continue
        settings = candidate
    return settings, warnings


def _coerce(name: str, value: Any) -> Any:
    default = getattr(Settings(), name)
    if name == "default_mode":
        return DeliveryMode(value)
    if name == "caller_ids":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise TypeError("expected a list of digit strings")
        return tuple(value)
    if name in ("default_caller_id", "history_retention_days"):
        expected: type = str if name == "default_caller_id" else int
        if value is not None and (not isinstance(value, expected) or isinstance(value, bool)):
            raise TypeError(f"expected {expected.__name__} or null")
        return value
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError("expected a number")
        return float(value)
    if not isinstance(value, type(default)):
        raise TypeError(f"expected {type(default).__name__}")
    return value


@dataclass(frozen=True)
class LoadedSettings:
    """``moved_aside``: where a damaged file, or one with ignored values, was kept."""

    settings: Settings
    warnings: tuple[str, ...] = ()
    moved_aside: Path | None = None


class SettingsFile:
    """Reads and writes ``settings.json`` in one profile folder (atomic writes)."""

    def __init__(self, profile_dir: Path) -> None:
        self.path = profile_dir / SETTINGS_FILE

    def load(self) -> LoadedSettings:
        """Never raises for a bad file: keeps it aside and starts from defaults."""
        kind = irregular_file(self.path)
        if kind and kind != "a folder":  # a named pipe would block the start for ever
            note = f"Settings could not be read: {self.path.name} is {kind}, not a file"
            return LoadedSettings(Settings(), (f"{note}; using defaults.",))
        try:
            raw = _read_at_most(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return LoadedSettings(Settings())
        except OSError as exc:
            return LoadedSettings(
                Settings(), (f"Settings could not be read ({exc.strerror}); using defaults.",)
            )
        try:
            if len(raw) > MAX_FILE_BYTES:
                raise ValueError(f"larger than {MAX_FILE_BYTES // 1024} KiB")
            data = json.loads(raw.decode("utf-8-sig"))  # a BOM from a hand edit is fine
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            moved = self._move_aside()
            note = (
                f"The settings file was damaged ({exc}); it was kept as {moved} "
                "and default settings are used."
                if moved
                else f"The settings file was damaged ({exc}); default settings are used."
            )
            log.warning(note)
            return LoadedSettings(Settings(), (note,), moved)
        settings, warnings = settings_from_json(data)
        for warning in warnings:
            log.warning(warning)
        if not warnings:
            return LoadedSettings(settings)
        # The next save drops the ignored values: keep the file as it was, for the user.
        moved = self._move_aside("invalid")
        if moved is not None:
            warnings.append(f"The settings file as it was is kept as {moved}.")
        return LoadedSettings(settings, tuple(warnings), moved)

    def save(self, settings: Settings) -> None:
        settings.validated()
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps(settings.to_json(), indent=2, sort_keys=True) + "\n"
        write_atomically(self.path, text.encode("utf-8"))

    def load_or_create(self) -> LoadedSettings:
        """Load, and write the file when it did not exist yet (fixes the profile id)."""
        self._remove_stale_temp_files()
        loaded = self.load()
        if not self.path.exists():
            try:
                self.save(loaded.settings)
            except OSError as exc:
                note = f"Settings could not be saved in {self.path.parent} ({exc.strerror})."
                return replace(loaded, warnings=(*loaded.warnings, note))
        return loaded

    def _remove_stale_temp_files(self) -> None:
        """Temp files of saves that a crash interrupted (the real file is intact)."""
        for stale in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                stale.unlink()

    def _move_aside(self, label: str = "corrupt") -> Path | None:
        try:
            return move_aside(self.path, label)
        except OSError:
            return None


def _read_at_most(path: Path, limit: int) -> bytes:
    """The file's first ``limit + 1`` bytes: enough to tell it is too big without reading it."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)
