"""The settings model and its JSON file in the profile folder.

The secret is never part of it: it lives in the OS keyring (``core.credentials``).
A damaged settings file is kept aside and the defaults are used, with a notice.

Defaults come from the code and, on top, from the administrator's managed defaults
(``core.managed_defaults``); the file keeps only what the user set (format 2: a value equal
to the default is not written, so a default the administrator changes later still reaches
the desk), and a locked key always has the administrator's value. Every value, from the file,
the administrator, the dialog or ``settings set``, passes the same checks (``_CHECKS``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from dialer_app.core.atomic import move_aside, write_atomically
from dialer_app.core.call_request import (
    DeliveryMode,
    InvalidCallRequestError,
    validate_extra_params,
)
from dialer_app.core.calling_hours import CallingWindow, InvalidCallingHoursError
from dialer_app.core.client_config import ClientConfig
from dialer_app.core.dnc_source import InvalidSourceError, validate_source
from dialer_app.core.managed_defaults import ManagedDefaults, read_managed_defaults
from dialer_app.core.profile import irregular_file
from dialer_app.core.screen_pop import InvalidTemplateError, validate_template
from dialer_app.core.urls import DEFAULT_API_BASE, InvalidBaseUrlError, validate_base_url

log = logging.getLogger(__name__)
SETTINGS_FILE = "settings.json"
SCHEMA_VERSION = 2  # 1 wrote every value; 2 writes only what differs from the defaults
MAX_FILE_BYTES = 1024 * 1024  # a real file is ~1 KiB; anything this big is not settings
MAX_RETENTION_DAYS = 36_500  # 100 years; longer overflows date arithmetic when pruning
MAX_HOLD_OFF_S = 600.0
MAX_ATTEMPTS_PER_DAY = 1000
# The window's languages (a translation ships for each but English, the source language);
# "" follows the OS. tests/gui/test_language.py checks this against the compiled files.
LANGUAGES: dict[str, str] = {"en": "English", "hi": "हिन्दी"}  # code → its own name
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
    # Calling rules (core.compliance), for every call on every surface.
    calling_hours: str = ""  # "09:00-21:00" in the callee's time zone; "": no window
    max_attempts_per_day: int = 0  # calls to one number per day; 0: no limit
    dnc_source: str = ""  # the team's do-not-call list: a file path or an https:// address
    # CRM screen-pop: opened in the browser after a call was accepted (core.screen_pop).
    open_url_after_call: str = ""
    # The window's language: "" follows the OS, else one of LANGUAGES (the CLI stays English).
    language: str = ""

    def client_config(self) -> ClientConfig:
        return ClientConfig(
            base_url=self.api_base_url,
            connect_timeout=self.connect_timeout,
            total_timeout=self.request_timeout,
            use_get=self.use_get,
            proxy=self.proxy_url or None,
        )

    def validated(self, secrets: Iterable[str] = ()) -> Settings:
        """Return self if every value is acceptable, else raise ``SettingsError``.

        ``secrets``: texts no value may carry (the app secret, where the caller knows it)."""
        for check in _CHECKS.values():
            check(self)
        secrets = [secret for secret in secrets if secret]
        if secrets:
            try:
                validate_template(self.open_url_after_call, secrets)
            except InvalidTemplateError as exc:
                raise SettingsError(str(exc)) from None
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
        raise SettingsError(f"The repeat hold-off must be 0 (off) to {MAX_HOLD_OFF_S:.0f} seconds.")


def _check_calling_hours(s: Settings) -> None:
    try:
        CallingWindow.parse(s.calling_hours)
    except InvalidCallingHoursError as exc:
        raise SettingsError(str(exc)) from None


def _check_attempts(s: Settings) -> None:
    if not 0 <= s.max_attempts_per_day <= MAX_ATTEMPTS_PER_DAY:
        raise SettingsError(
            f"Calls per number per day must be 0 (no limit) to {MAX_ATTEMPTS_PER_DAY}."
        )


def _check_dnc_source(s: Settings) -> None:
    try:
        validate_source(s.dnc_source)
    except InvalidSourceError as exc:
        raise SettingsError(str(exc)) from None


def _check_screen_pop(s: Settings) -> None:
    try:
        validate_template(s.open_url_after_call)
    except InvalidTemplateError as exc:
        raise SettingsError(str(exc)) from None


def _check_language(s: Settings) -> None:
    if s.language and s.language not in LANGUAGES:
        shipped = ", ".join(LANGUAGES)
        raise SettingsError(
            f"Language {s.language!r} is not available: use one of {shipped}, "
            "or empty to follow the system."
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
    "calling_hours": _check_calling_hours,
    "max_attempts_per_day": _check_attempts,
    "dnc_source": _check_dnc_source,
    "open_url_after_call": _check_screen_pop,
    "language": _check_language,
}
SETTING_NAMES = tuple(f.name for f in fields(Settings) if f.name != "profile_id")
"""Every setting a user or an administrator can set (the profile id is the profile's own)."""


def settings_from_json(data: dict[str, Any]) -> tuple[Settings, list[str]]:
    """Build settings from a parsed file; bad or unknown values fall back to defaults.

    Returns the settings and one warning per value that was not taken.
    """
    base = Settings(profile_id=str(data.get("profile_id") or new_profile_id()))
    settings, warnings, _taken = apply_values(base, data)
    return settings, warnings


def apply_values(
    base: Settings,
    data: dict[str, Any],
    *,
    skip: Iterable[str] = (),
    warn: str = "Setting {name!r} was ignored: {why}",
) -> tuple[Settings, list[str], list[str]]:
    """``base`` with each known value of ``data`` that passes its check (in name order, so
    the caller ids come before the default caller id); also the warnings for the others and
    the names taken. ``skip``: names left alone (the profile id, locked keys)."""
    warnings: list[str] = []
    taken: list[str] = []
    settings = base
    for name in sorted((set(SETTING_NAMES) - set(skip)) & data.keys()):
        try:
            candidate = replace(settings, **{name: _coerce(name, data[name])})
            _CHECKS.get(name, lambda _s: None)(candidate)
        except (SettingsError, TypeError, ValueError, OverflowError) as exc:
            warnings.append(warn.format(name=name, why=exc))
            continue
        settings = candidate
        taken.append(name)
    return settings, warnings, taken


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
    if isinstance(default, int) and isinstance(value, bool):
        raise TypeError("expected a whole number")
    if not isinstance(value, type(default)):
        raise TypeError(f"expected {type(default).__name__}")
    return value


@dataclass(frozen=True)
class LoadedSettings:
    """``moved_aside``: where a damaged file, or one with ignored values, was kept."""

    settings: Settings
    warnings: tuple[str, ...] = ()
    moved_aside: Path | None = None


SettingSource = Literal["default", "administrator", "locked", "profile"]


class SettingsFile:
    """Reads and writes ``settings.json`` in one profile folder (atomic writes), on top of
    the administrator's managed defaults (read from the system file unless given)."""

    def __init__(self, profile_dir: Path, managed: ManagedDefaults | None = None) -> None:
        self.path = profile_dir / SETTINGS_FILE
        self.managed = read_managed_defaults() if managed is None else managed
        base, warnings, taken = apply_values(
            Settings(profile_id=""),
            dict(self.managed.values),
            skip=("profile_id",),
            warn=f"The administrator's default for {{name!r}} ({self.managed.path}) is "
            "ignored: {why}",
        )
        unknown = sorted(set(self.managed.values) - set(SETTING_NAMES), key=str)
        warnings += [
            f"The administrator's defaults file {self.managed.path} names an unknown "
            f"setting {name!r}; it is ignored."
            for name in unknown
        ]
        locked = self.managed.locked & set(SETTING_NAMES)
        warnings += [
            f"The administrator's defaults file {self.managed.path} locks an unknown "
            f"setting {name!r}; it is ignored."
            for name in sorted(self.managed.locked - locked)
        ]
        self._base = base  # the defaults in force: the code's, then the administrator's
        self._administered = frozenset(taken)
        self.locked: frozenset[str] = frozenset(locked)
        self.managed_warnings: tuple[str, ...] = (*self.managed.problems, *warnings)
        self._user_keys: frozenset[str] = frozenset()  # what the user set (as last read/saved)
        self._kept_locked: dict[str, Any] = {}  # the user's own values of locked keys

    def defaults(self) -> Settings:
        """The defaults in force (the administrator's on top of the code's), no profile id."""
        return self._base

    def source_of(self, name: str) -> SettingSource:
        """Where the value in force comes from: the lock, the user, the administrator's
        default or the code's default."""
        if name in self.locked:
            return "locked"
        if name in self._user_keys:
            return "profile"
        return "administrator" if name in self._administered else "default"

    def load(self) -> LoadedSettings:
        """Never raises for a bad file: keeps it aside and starts from defaults."""
        loaded = self._load_file()
        if not self.managed_warnings:
            return loaded
        for warning in self.managed_warnings:
            log.warning(warning)
        return replace(loaded, warnings=(*loaded.warnings, *self.managed_warnings))

    def _fresh(self) -> Settings:
        return replace(self._base, profile_id=new_profile_id())

    def _load_file(self) -> LoadedSettings:
        self._user_keys, self._kept_locked = frozenset(), {}
        kind = irregular_file(self.path)
        if kind and kind != "a folder":  # a named pipe would block the start for ever
            note = f"Settings could not be read: {self.path.name} is {kind}, not a file"
            return LoadedSettings(self._fresh(), (f"{note}; using defaults.",))
        try:
            raw = _read_at_most(self.path, MAX_FILE_BYTES)
        except FileNotFoundError:
            return LoadedSettings(self._fresh())
        except OSError as exc:
            return LoadedSettings(
                self._fresh(), (f"Settings could not be read ({exc.strerror}); using defaults.",)
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
            return LoadedSettings(self._fresh(), (note,), moved)
        if data.get("version") != SCHEMA_VERSION:
            data = _without_code_defaults(data)
        base = replace(self._base, profile_id=str(data.get("profile_id") or new_profile_id()))
        settings, warnings, taken = apply_values(base, data, skip=self.locked)
        self._user_keys = frozenset(taken)
        self._kept_locked = {
            name: data[name] for name in self.locked & data.keys() if _acceptable(name, data[name])
        }
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
        """Write what differs from the defaults in force (and the user's own values of locked
        keys, kept for the day the administrator unlocks them)."""
        settings.validated()
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        defaults = self._base.to_json()
        values = {
            name: value
            for name, value in settings.to_json().items()
            if name in SETTING_NAMES and name not in self.locked and value != defaults[name]
        }
        data = {"version": SCHEMA_VERSION, "profile_id": settings.profile_id}
        data.update(sorted({**values, **self._kept_locked}.items()))
        text = json.dumps(data, indent=2) + "\n"
        write_atomically(self.path, text.encode("utf-8"))
        self._user_keys = frozenset(values)

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


def _without_code_defaults(data: dict[str, Any]) -> dict[str, Any]:
    """A format-1 file wrote every value: those equal to the code's defaults were not the
    user's choice, so the administrator's defaults reach them too."""
    defaults = Settings(profile_id="").to_json()
    return {
        name: value
        for name, value in data.items()
        if name not in SETTING_NAMES or defaults[name] != value
    }


def _acceptable(name: str, value: Any) -> bool:
    """Whether a value would be taken on its own (for a locked key's kept user value)."""
    _settings, warnings, _taken = apply_values(Settings(profile_id=""), {name: value})
    return not warnings


def _read_at_most(path: Path, limit: int) -> bytes:
    """The file's first ``limit + 1`` bytes: enough to tell it is too big without reading it."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)
