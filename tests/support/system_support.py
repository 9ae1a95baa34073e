"""Helpers for the desktop-integration tests: an in-memory registry, a Desktop Entry Exec
reader written from the spec (independent of ``dialer_app.system.desktop_entry``), and
``desktop-file-validate``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tests.support.services import require_service

SYSTEM_PATH = os.environ.get("PATH", os.defpath)  # some tests narrow PATH to chosen tools


class MemoryRegistry:
    """``HKEY_CURRENT_USER`` in a dict; keys compare case-insensitively like the real one."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, str]] = {}

    def set_value(self, key: str, name: str, value: str) -> None:
        parts = key.split("\\")
        for depth in range(1, len(parts)):
            self.keys.setdefault(self._norm("\\".join(parts[:depth])), {})
        self.keys.setdefault(self._norm(key), {})[name] = value

    def get_value(self, key: str, name: str) -> str | None:
        return self.keys.get(self._norm(key), {}).get(name)

    def delete_value(self, key: str, name: str) -> None:
        self.keys.get(self._norm(key), {}).pop(name, None)

    def delete_tree(self, key: str) -> None:
        root = self._norm(key)
        for existing in list(self.keys):
            if existing == root or existing.startswith(root + "\\"):
                del self.keys[existing]

    def delete_key_if_empty(self, key: str) -> None:
        root = self._norm(key)
        if root not in self.keys or self.keys[root]:
            return
        if any(existing.startswith(root + "\\") for existing in self.keys):
            return
        del self.keys[root]

    def snapshot(self) -> dict[str, dict[str, str]]:
        return {key: dict(values) for key, values in self.keys.items()}

    @staticmethod
    def _norm(key: str) -> str:
        return key.strip("\\").lower()


def unescape_string(value: str) -> str:
    out, index = [], 0
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    while index < len(value):
        char = value[index]
        if char == "\\" and index + 1 < len(value) and value[index + 1] in escapes:
            out.append(escapes[value[index + 1]])
            index += 2
            continue
        out.append(char)
        index += 1
    return "".join(out)


def parse_exec(raw: str) -> list[str]:
    """argv of an Exec value; field codes stay as words, ``%%`` becomes ``%``."""
    value = unescape_string(raw)
    words: list[str] = []
    current: list[str] = []
    started = quoted = False
    index = 0
    while index < len(value):
        char = value[index]
        if quoted:
            if char == "\\" and value[index + 1] in '"`$\\':
                current.append(value[index + 1])
                index += 1
            elif char == '"':
                quoted = False
            else:
                current.append(char)
        elif char == " ":
            if started:
                words.append("".join(current))
                current, started = [], False
        elif char == '"':
            quoted = started = True
        else:
            current.append(char)
            started = True
        index += 1
    assert not quoted, f"unterminated quote in {raw!r}"
    if started:
        words.append("".join(current))
    return [word.replace("%%", "%") for word in words]


def validate_desktop_file(path: Path) -> None:
    tool = shutil.which("desktop-file-validate", path=SYSTEM_PATH)
    require_service(tool is not None, "desktop-file-validate (Debian package desktop-file-utils)")
    assert tool is not None
    result = subprocess.run([tool, str(path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout.lower()
