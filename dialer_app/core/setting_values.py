"""Settings as text, for ``dialer-app settings``: reading a value typed on the command line
and showing one. Checking it is not done here: the caller builds the new settings and calls
``Settings.validated()``, the same check the Settings dialog makes.
"""

from __future__ import annotations

import json
from typing import Any

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.settings import SETTING_NAMES, Settings, SettingsError

__all__ = ["SETTING_HELP", "parse_setting", "setting_text", "unknown_setting"]

SETTING_HELP: dict[str, str] = {
    "user_id": "TeleCMI user id (the secret is set with `credentials set`)",
    "default_mode": "softphone or mobile: what rings first",
    "caller_ids": "caller ids to choose from, comma-separated",
    "default_caller_id": "the caller id used by default (one of caller_ids; empty: none)",
    "default_region": "country of numbers typed without a country code, e.g. IN",
    "api_base_url": "TeleCMI API address",
    "connect_timeout": "seconds to wait for a connection (0.5-60)",
    "request_timeout": "seconds to wait for an answer (1-300)",
    "use_get": "send click2call as GET instead of POST (true/false)",
    "proxy_url": "HTTP proxy (empty: the system's)",
    "extra_params_template": "extra_params JSON object sent with every call",
    "close_to_tray": "closing the window keeps the dialer in the tray (true/false)",
    "start_minimized": "start in the tray (true/false)",
    "notifications": "show notifications for calls (true/false)",
    "dial_links_immediately": "tel: links dial at once instead of filling in (true/false)",
    "history_retention_days": "days of call history to keep (forever, or 1-36500)",
    "repeat_hold_off_s": "seconds a just-called number is held back (0: off)",
    "calling_hours": "calls only within HH:MM-HH:MM in the callee's time zone (empty: off)",
    "max_attempts_per_day": "calls to one number per day (0: no limit)",
    "dnc_source": "the team's do-not-call list: a file path or https:// address (empty: none)",
    "open_url_after_call": "address opened after an accepted call, with {e164}, {digits}, "
    "{request_id}, {contact_name} (empty: none)",
    "language": "the window's language: en or hi (empty: the system's)",
}
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
_NONE_WORDS = frozenset({"", "none", "null"})


def unknown_setting(name: str) -> SettingsError:
    """The error for a name that is no setting (with a hint when one is close)."""
    import difflib

    if name.lower() in ("secret", "app_secret", "password"):
        return SettingsError(
            f"{name!r} is not a setting: the secret lives in the keyring; store it with "
            "`dialer-app credentials set --user-id ID`."
        )
    close = difflib.get_close_matches(name, SETTING_NAMES, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else " `dialer-app settings list` shows them."
    return SettingsError(f"{name!r} is not a setting.{hint}")


def parse_setting(name: str, text: str, settings: Settings) -> Any:
    """The value ``text`` means for setting ``name`` (typed as the setting is); raises
    ``SettingsError`` for text that cannot be one. Numbers in ``caller_ids`` may be written
    in any form (read in the default region)."""
    if name not in SETTING_NAMES:
        raise unknown_setting(name)
    default = getattr(Settings(profile_id=""), name)
    value = text.strip()
    if name == "default_mode":
        try:
            return DeliveryMode(value.lower())
        except ValueError:
            raise SettingsError("default_mode must be softphone or mobile.") from None
    if name == "caller_ids":
        return _caller_ids(value, settings.default_region)
    if name == "default_caller_id":
        if value.lower() in _NONE_WORDS:
            return None
        return _caller_ids(value, settings.default_region)[0]
    if name == "history_retention_days":
        if value.lower() in (*_NONE_WORDS, "forever"):
            return None
        return _number(name, value, int)
    if name == "extra_params_template":
        return _json_object(name, value)
    if name == "calling_hours":
        from dialer_app.core.calling_hours import InvalidCallingHoursError, normalized_window

        try:
            return normalized_window(value)
        except InvalidCallingHoursError as exc:
            raise SettingsError(str(exc)) from None
    if isinstance(default, bool):
        if value.lower() in _TRUE:
            return True
        if value.lower() in _FALSE:
            return False
        raise SettingsError(f"{name} must be true or false.")
    if isinstance(default, float):
        return _number(name, value, float)
    if isinstance(default, int):
        return _number(name, value, int)
    if name == "default_region":
        return value.upper()
    if name == "language":
        return "" if value.lower() in ("system", "default") else value.lower()
    return value


def _json_object(name: str, text: str) -> dict[str, Any]:
    try:
        parsed = json.loads(text or "{}")
    except json.JSONDecodeError as exc:
        raise SettingsError(f"{name} must be a JSON object: {exc.msg}.") from None
    if not isinstance(parsed, dict):
        raise SettingsError(f'{name} must be a JSON object like {{"crm": true}}.')
    return parsed


def _number(name: str, text: str, kind: type[int] | type[float]) -> Any:
    try:
        return kind(text)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise SettingsError(f"{name} must be {what}, not {text!r}.") from None


def _caller_ids(text: str, region: str) -> tuple[str, ...]:
    from dialer_app.core.phone import InvalidNumberError, normalize

    found: list[str] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if part.isdigit():
            found.append(part)  # the API's own form; the settings check says if it is wrong
            continue
        try:
            found.append(normalize(part, region).digits)
        except InvalidNumberError as exc:
            raise SettingsError(f"Caller id {part!r}: {exc.reason}.") from None
    if not found and text:
        raise SettingsError("No caller id was given.")
    return tuple(dict.fromkeys(found))


def setting_text(value: Any, name: str = "") -> str:
    """A setting's value as ``settings get`` prints it (and ``settings set`` reads it)."""
    if name == "history_retention_days" and value is None:
        return "forever"
    if isinstance(value, DeliveryMode):
        return value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def setting_json(value: Any) -> Any:
    """A setting's value as JSON (``settings list --json``)."""
    if isinstance(value, DeliveryMode):
        return value.value
    if isinstance(value, tuple):
        return list(value)
    return value
