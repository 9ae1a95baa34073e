"""The little of the Windows registry we need, behind an interface tests can fake.

Keys are backslash paths under ``HKEY_CURRENT_USER`` (this app never writes machine-wide);
values are strings (``REG_SZ``); the value name ``""`` is a key's default value.
"""

from __future__ import annotations

import sys
from typing import Protocol


class Registry(Protocol):
    def set_value(self, key: str, name: str, value: str) -> None:
        """Create *key* (and its parents) as needed and set a string value."""

    def get_value(self, key: str, name: str) -> str | None:
        """The value's data, or None when the key or value is missing."""

    def delete_value(self, key: str, name: str) -> None:
        """Remove one value; nothing happens when it is missing."""

    def delete_tree(self, key: str) -> None:
        """Remove *key* with all its subkeys and values; nothing happens when it is missing."""

    def delete_key_if_empty(self, key: str) -> None:
        """Remove *key* only when it has neither subkeys nor values."""


if sys.platform == "win32":
    import winreg

    class WindowsRegistry:
        """``Registry`` on the real ``HKEY_CURRENT_USER``."""

        def set_value(self, key: str, name: str, value: str) -> None:
            with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as h:
                winreg.SetValueEx(h, name, 0, winreg.REG_SZ, value)

        def get_value(self, key: str, name: str) -> str | None:
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                    data, _kind = winreg.QueryValueEx(handle, name)
            except FileNotFoundError:
                return None
            return str(data)

        def delete_value(self, key: str, name: str) -> None:
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_SET_VALUE) as h:
                    winreg.DeleteValue(h, name)
            except FileNotFoundError:
                return

        def delete_tree(self, key: str) -> None:
            try:
                handle = winreg.OpenKey(winreg.HKEY_CURRENT_USER, key, 0, winreg.KEY_READ)
            except FileNotFoundError:
                return
            with handle:
                count = winreg.QueryInfoKey(handle)[0]
                subkeys = [winreg.EnumKey(handle, index) for index in range(count)]
            for subkey in subkeys:
                self.delete_tree(f"{key}\\{subkey}")
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)

        def delete_key_if_empty(self, key: str) -> None:
            try:
                with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key) as handle:
                    subkeys, values, _modified = winreg.QueryInfoKey(handle)
            except FileNotFoundError:
                return
            if subkeys == 0 and values == 0:
                winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)

    def default_registry() -> Registry:
        return WindowsRegistry()

else:

    def default_registry() -> Registry:
        raise OSError("the Windows registry exists only on Windows")
