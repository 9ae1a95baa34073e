"""Keyring backends for tests: in-memory, hanging and raising.

All are ``viable = False`` so ``keyring.get_keyring()`` never picks them up on its own
(every KeyringBackend subclass is registered globally on definition).
"""

from __future__ import annotations

import threading

from keyring.backend import KeyringBackend


class MemoryKeyring(KeyringBackend):
    """Secure-enough stand-in for a real keyring: secrets live in a dict."""

    priority = 1
    viable = False

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


class HangingKeyring(KeyringBackend):
    """Blocks every call until `release` is called, like a keyring stuck on a prompt."""

    priority = 1
    viable = False

    def __init__(self) -> None:
        super().__init__()
        self._released = threading.Event()
        self.calls_started = threading.Event()

    def release(self) -> None:
        self._released.set()

    def _hang(self) -> None:
        self.calls_started.set()
        self._released.wait()

    def get_password(self, service: str, username: str) -> str | None:
        self._hang()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._hang()

    def delete_password(self, service: str, username: str) -> None:
        self._hang()


class RaisingKeyring(KeyringBackend):
    """Raises `error` from every call; `secret_in_message` appends the password to it."""

    priority = 1
    viable = False

    def __init__(self, error: Exception, *, secret_in_message: bool = False) -> None:
        super().__init__()
        self.error = error
        self.secret_in_message = secret_in_message

    def _raise(self, password: str | None = None) -> None:
        if self.secret_in_message and password is not None:
            raise type(self.error)(f"{self.error} (password was {password})")
        raise self.error

    def get_password(self, service: str, username: str) -> str | None:
        self._raise()
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        self._raise(password)

    def delete_password(self, service: str, username: str) -> None:
        self._raise()
