"""tel:/callto: registration in the per-user registry (``HKEY_CURRENT_USER``).

Windows does not let an app make itself the default handler: it registers ProgIDs and
Capabilities, lists itself in RegisteredApplications, and the user picks it in Settings ›
Default apps. ``packaging/windows/dialer-app.iss`` writes the same keys at install time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from dialer_app import APP_NAME
from dialer_app.system.link_schemes import SCHEMES, HandlerResult
from dialer_app.system.registry import Registry

HKCU = "HKEY_CURRENT_USER"
CLASSES_KEY = r"Software\Classes"
APP_KEY = rf"Software\{APP_NAME}"
CAPABILITIES_KEY = rf"{APP_KEY}\Capabilities"
REGISTERED_APPLICATIONS_KEY = r"Software\RegisteredApplications"
REGISTERED_NAME = APP_NAME
DISPLAY_NAME = "Dialer"
PROG_IDS = {scheme: f"DialerApp.{scheme}" for scheme in SCHEMES}

PICK_DEFAULT_HINT = (
    "Windows lets only you choose the default: open Settings › Apps › Default apps, search "
    "for Dialer (or scroll to 'Choose defaults by link type': TEL and CALLTO) and pick Dialer."
)


def quote_argument(argument: str) -> str:
    """Always double-quoted, by the Microsoft C runtime rules (backslashes before quotes)."""
    escaped = re.sub(r'(\\*)"', r'\1\1\\"', argument)
    escaped = re.sub(r"(\\+)$", r"\1\1", escaped)
    return f'"{escaped}"'


def command_line(argv: Sequence[str], *extra: str) -> str:
    """``"<exe>" "<arg>" … <extra>``; *extra* (such as ``"%1"``) is appended as given."""
    return " ".join([*(quote_argument(argument) for argument in argv), *extra])


def prog_id_key(scheme: str) -> str:
    return rf"{CLASSES_KEY}\{PROG_IDS[scheme]}"


def register(registry: Registry, command: Sequence[str]) -> HandlerResult:
    changed: list[str] = []
    try:
        _write_keys(registry, command, changed)
    except OSError as exc:
        return HandlerResult(False, f"Could not register Dialer for links: {exc}", changed)
    return HandlerResult(
        True, f"Dialer is registered for tel: and callto: links. {PICK_DEFAULT_HINT}", changed
    )


def _write_keys(registry: Registry, command: Sequence[str], changed: list[str]) -> None:
    open_command = command_line(command, '"%1"')
    icon = f"{quote_argument(command[0])},0"
    for scheme in SCHEMES:
        key = prog_id_key(scheme)
        registry.set_value(key, "", f"URL:{scheme} link ({DISPLAY_NAME})")
        registry.set_value(key, "URL Protocol", "")
        registry.set_value(rf"{key}\DefaultIcon", "", icon)
        registry.set_value(rf"{key}\shell\open\command", "", open_command)
        changed.append(rf"{HKCU}\{key}")
    registry.set_value(CAPABILITIES_KEY, "ApplicationName", DISPLAY_NAME)
    registry.set_value(
        CAPABILITIES_KEY, "ApplicationDescription", "Click-to-call dialer for TeleCMI"
    )
    registry.set_value(CAPABILITIES_KEY, "ApplicationIcon", icon)
    for scheme in SCHEMES:
        registry.set_value(rf"{CAPABILITIES_KEY}\URLAssociations", scheme, PROG_IDS[scheme])
    changed.append(rf"{HKCU}\{CAPABILITIES_KEY}")
    registry.set_value(REGISTERED_APPLICATIONS_KEY, REGISTERED_NAME, CAPABILITIES_KEY)
    changed.append(rf"{HKCU}\{REGISTERED_APPLICATIONS_KEY}\{REGISTERED_NAME}")


def unregister(registry: Registry) -> HandlerResult:
    changed: list[str] = []
    try:
        _delete_keys(registry, changed)
    except OSError as exc:
        return HandlerResult(False, f"Could not remove Dialer's link handler: {exc}", changed)
    message = (
        "Dialer no longer handles tel: and callto: links."
        if changed
        else "Dialer was not registered for tel: and callto: links; nothing to remove."
    )
    return HandlerResult(True, message, changed)


def _delete_keys(registry: Registry, changed: list[str]) -> None:
    for scheme in SCHEMES:
        key = prog_id_key(scheme)
        if registry.get_value(rf"{key}\shell\open\command", "") is not None:
            changed.append(rf"{HKCU}\{key}")
        registry.delete_tree(key)
    if registry.get_value(CAPABILITIES_KEY, "ApplicationName") is not None:
        changed.append(rf"{HKCU}\{CAPABILITIES_KEY}")
    registry.delete_tree(CAPABILITIES_KEY)
    registry.delete_key_if_empty(APP_KEY)
    if registry.get_value(REGISTERED_APPLICATIONS_KEY, REGISTERED_NAME) is not None:
        changed.append(rf"{HKCU}\{REGISTERED_APPLICATIONS_KEY}\{REGISTERED_NAME}")
    registry.delete_value(REGISTERED_APPLICATIONS_KEY, REGISTERED_NAME)
