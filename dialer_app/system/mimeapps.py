"""Line-preserving edits of ``mimeapps.list`` (freedesktop.org MIME applications spec).

Only the lines for the given MIME types change; comments, order and every other entry stay
byte for byte, so removing our entries gives back the file as it was before we added them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from dialer_app.core.atomic import write_atomically

DEFAULTS = "Default Applications"
ADDED = "Added Associations"
_GROUP = re.compile(r"^\s*\[(?P<name>[^\]]+)\]\s*$")


def set_default(path: Path, mime_types: Iterable[str], desktop_id: str) -> bool:
    """Make *desktop_id* the default for *mime_types*; True when the file changed."""
    before = _read_lines(path)
    lines = list(before)
    start, end = _group_bounds(lines, DEFAULTS)
    if start is None:
        if lines and lines[-1].strip():
            lines.append("")
        lines.append(f"[{DEFAULTS}]")
        start = end = len(lines)
    section = lines[start:end]
    for mime in mime_types:
        entry = f"{mime}={desktop_id};"
        index = _find_key(section, mime)
        if index is None:
            section.insert(_last_entry(section) + 1, entry)
        else:
            section[index] = entry
    new_lines = lines[:start] + section + lines[end:]
    return _write_if_changed(path, lines_before=before, lines_after=new_lines)


def remove_desktop_id(
    path: Path,
    mime_types: Iterable[str],
    desktop_id: str,
    groups: Iterable[str] = (DEFAULTS, ADDED),
) -> bool:
    """Drop *desktop_id* from the entries of *mime_types* in *groups*.

    By default the groups are the defaults and added associations; ``mimeinfo.cache`` (the
    same format, group ``MIME Cache``) is edited the same way.

    Keys left with no application, groups left empty by that, and a file left empty are
    removed too. Other applications named for the same types stay. True when it changed.
    """
    before = _read_lines(path)
    if not before:
        return False
    lines = list(before)
    wanted = set(mime_types)
    for group in groups:
        lines = _strip_group(lines, group, wanted, desktop_id)
    return _write_if_changed(path, lines_before=before, lines_after=lines)


def _strip_group(lines: list[str], group: str, wanted: set[str], desktop_id: str) -> list[str]:
    start, end = _group_bounds(lines, group)
    if start is None:
        return lines
    section = lines[start:end]
    kept: list[str] = []
    for line in section:
        key, sep, value = line.partition("=")
        if sep and key.strip() in wanted:
            apps = [app for app in value.strip().split(";") if app]
            remaining = [app for app in apps if app != desktop_id]
            if remaining != apps:
                if remaining:
                    kept.append(f"{key.strip()}={';'.join(remaining)};")
                continue
        kept.append(line)
    if kept == section:
        return lines
    header = start - 1
    if not any(line.strip() for line in kept):  # we emptied it: drop the header as well
        before = lines[:header]
        while before and not before[-1].strip():
            before.pop()
        after = lines[end:]
        return before + ([""] if before and after else []) + after
    return lines[:start] + kept + lines[end:]


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def _write_if_changed(path: Path, *, lines_before: list[str], lines_after: list[str]) -> bool:
    if lines_after == lines_before:
        return False
    if not any(line.strip() for line in lines_after):
        path.unlink(missing_ok=True)
        return True
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, ("\n".join(lines_after) + "\n").encode("utf-8"))
    return True


def _group_bounds(lines: list[str], group: str) -> tuple[int | None, int]:
    """(first line after the header, end) of *group*; (None, len) when it is absent."""
    start = None
    for index, line in enumerate(lines):
        match = _GROUP.match(line)
        if match and start is not None:
            return start, index
        if match and match["name"] == group:
            start = index + 1
    return start, len(lines)


def _find_key(section: list[str], key: str) -> int | None:
    for index, line in enumerate(section):
        name, sep, _value = line.partition("=")
        if sep and name.strip() == key:
            return index
    return None


def _last_entry(section: list[str]) -> int:
    """Index of the last non-blank line (-1 when none), so new keys go before blank lines."""
    for index in range(len(section) - 1, -1, -1):
        if section[index].strip():
            return index
    return -1
