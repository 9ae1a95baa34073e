"""Desktop Entry files (freedesktop.org spec 1.4) and XDG base folders.

``Exec`` values are written in two layers, as the spec requires: each argument is quoted by
the Exec rules (reserved characters → double quotes, with ``"`` `` ` `` ``$`` ``\\`` escaped by
a backslash, and ``%`` doubled), then the whole value is escaped as a string value (``\\`` →
``\\\\``). Checked against GLib's launcher (``gio launch``) with spaces, quotes, ``$``, backticks
and backslashes in the program path; GLib alone cannot find a *program* whose path has a ``%``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from dialer_app import APP_NAME

_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_QUOTED_ESCAPES = re.compile(r'(["`$\\])')
_GROUP = re.compile(r"^\s*\[(?P<name>[^\]]+)\]\s*$")


def quote_exec_argument(argument: str) -> str:
    """One argument quoted by the Exec rules (before string escaping)."""
    argument = argument.replace("%", "%%")
    if argument and not _RESERVED.intersection(argument):
        return argument
    return '"' + _QUOTED_ESCAPES.sub(r"\\\1", argument) + '"'


def escape_string(value: str) -> str:
    """Escape a value of type string (applied to a whole line's value)."""
    escaped = (
        value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    )
    return "\\s" + escaped[1:] if escaped.startswith(" ") else escaped


def exec_value(argv: Sequence[str], field_codes: Iterable[str] = ()) -> str:
    """The text after ``Exec=``: *argv* quoted, then *field_codes* (such as ``%u``) as they are."""
    if not argv:
        raise ValueError("a launch command needs at least the program")
    words = [quote_exec_argument(argument) for argument in argv]
    return escape_string(" ".join([*words, *field_codes]))


def relaunch_entry(template: str, command: Sequence[str]) -> str:
    """*template* with every ``Exec=dialer-app …`` (main and actions) starting *command* instead.

    ``TryExec`` names the new program, so the entry hides itself once that program is gone.
    """
    lines = []
    for line in template.splitlines():
        key, sep, value = line.partition("=")
        name = key.strip()
        if sep and name == "Exec":
            line = f"Exec={_replace_program(value.strip(), command)}"
        elif sep and name == "TryExec":
            line = f"TryExec={escape_string(command[0])}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _replace_program(value: str, command: Sequence[str]) -> str:
    program, _space, rest = value.partition(" ")
    if program != APP_NAME:
        return value
    words = [quote_exec_argument(argument) for argument in command]
    return escape_string(" ".join(words)) + (f" {rest}" if rest else "")


def read_group(text: str, group: str = "Desktop Entry") -> dict[str, str]:
    """The raw key/value pairs of one group (values not unescaped; enough for flags)."""
    values: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        match = _GROUP.match(line)
        if match:
            current = match["name"]
            continue
        key, sep, value = line.partition("=")
        if current == group and sep and not line.lstrip().startswith("#"):
            values[key.strip()] = value.strip()
    return values


def xdg_data_home(environ: Mapping[str, str] = os.environ) -> Path:
    return _xdg_dir(environ, "XDG_DATA_HOME", Path(".local") / "share")


def xdg_config_home(environ: Mapping[str, str] = os.environ) -> Path:
    return _xdg_dir(environ, "XDG_CONFIG_HOME", Path(".config"))


def _xdg_dir(environ: Mapping[str, str], variable: str, fallback: Path) -> Path:
    """The spec ignores a relative or empty value and uses the default under $HOME."""
    value = environ.get(variable, "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path.home() / fallback
