"""``dialer-app settings list|get|set|reset``: the profile's settings from the command line.

A value is checked exactly as the Settings dialog checks it (``Settings.validated``); a bad
name or value exits 2 with the reason, and so does a key the administrator locked in the
managed defaults (``core.managed_defaults``). Only values that differ from the defaults in
force are written to the profile.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from typing import Any

from dialer_app.cli.output import EXIT_OK, EXIT_PROFILE, EXIT_USAGE, CommandFailedError, emit_json
from dialer_app.core.runtime import Runtime
from dialer_app.core.setting_values import (
    parse_setting,
    setting_json,
    setting_text,
    unknown_setting,
)
from dialer_app.core.settings import SETTING_NAMES, SettingsError

_SOURCES = {
    "default": "default",
    "administrator": "administrator's default",
    "locked": "set by your administrator (locked)",
    "profile": "this profile",
}


def run_list(runtime: Runtime, args: argparse.Namespace) -> int:
    settings, settings_file = runtime.settings, runtime.settings_file
    managed = settings_file.managed
    if args.json:
        emit_json(
            {
                "ok": True,
                "settings": {
                    name: {
                        "value": setting_json(getattr(settings, name)),
                        "source": settings_file.source_of(name),
                    }
                    for name in SETTING_NAMES
                },
                "managed_defaults": {
                    "path": str(managed.path),
                    "found": managed.found,
                    "locked": sorted(settings_file.locked),
                    "problems": list(settings_file.managed_warnings),
                },
            }
        )
        return EXIT_OK
    width = max(map(len, SETTING_NAMES))
    for name in SETTING_NAMES:
        source = settings_file.source_of(name)
        shown = setting_text(getattr(settings, name), name) or '""'
        note = "" if source == "default" else f"   ({_SOURCES[source]})"
        print(f"{name:<{width}}  {shown}{note}")
    where = "found" if managed.found else "none"
    print(f"\nManaged defaults: {managed.path} ({where})", file=sys.stderr)
    return EXIT_OK


def run_get(runtime: Runtime, args: argparse.Namespace) -> int:
    name = _known(args.key)
    value = getattr(runtime.settings, name)
    if args.json:
        emit_json(
            {
                "ok": True,
                "name": name,
                "value": setting_json(value),
                "source": runtime.settings_file.source_of(name),
            }
        )
    else:
        print(setting_text(value, name))
    return EXIT_OK


def run_set(runtime: Runtime, args: argparse.Namespace) -> int:
    name = _settable(runtime, args.key)
    try:
        value = parse_setting(name, args.value, runtime.settings)
    except SettingsError as exc:
        raise _bad_value(exc) from None
    return _apply(runtime, name, value)


def run_reset(runtime: Runtime, args: argparse.Namespace) -> int:
    name = _settable(runtime, args.key)
    return _apply(runtime, name, getattr(runtime.settings_file.defaults(), name))


def _apply(runtime: Runtime, name: str, value: Any) -> int:
    try:
        updated = replace(runtime.settings, **{name: value}).validated(_secrets(runtime, name))
    except SettingsError as exc:
        raise _bad_value(exc) from None
    try:
        runtime.save_settings(updated)
    except OSError as exc:
        raise CommandFailedError(
            f"Settings could not be saved in {runtime.profile_dir} ({exc.strerror or exc}); "
            "nothing was changed.",
            "profile_unwritable",
            EXIT_PROFILE,
        ) from None
    shown = setting_text(getattr(updated, name), name) or "empty"
    print(f"{name} is now {shown}.", file=sys.stderr)
    return EXIT_OK


def _secrets(runtime: Runtime, name: str) -> tuple[str, ...]:
    """The stored secret, when a value that is opened in a browser must not carry it."""
    if name != "open_url_after_call" or not runtime.settings.user_id:
        return ()
    from dialer_app.core.credentials import KeyringUnavailableError

    try:
        secret = runtime.credentials.get_secret(runtime.settings.user_id)
    except KeyringUnavailableError as exc:
        print(
            f"dialer-app: warning: the keyring could not be asked whether the address holds the "
            f"app secret ({exc}); the window checks it again before opening it.",
            file=sys.stderr,
        )
        return ()
    return (secret,) if secret else ()


def _known(name: str) -> str:
    if name not in SETTING_NAMES:
        raise _bad_value(unknown_setting(name))
    return name


def _settable(runtime: Runtime, name: str) -> str:
    _known(name)
    if name in runtime.settings_file.locked:
        path = runtime.settings_file.managed.path
        raise CommandFailedError(
            f"{name} is set by your administrator ({path}) and cannot be changed here.",
            "locked",
            EXIT_USAGE,
        )
    return name


def _bad_value(error: SettingsError) -> CommandFailedError:
    return CommandFailedError(str(error), "invalid_setting", EXIT_USAGE)
