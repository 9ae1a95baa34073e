"""Secure storage of the account secret in the system keyring.

`CredentialStore` is a thin facade over the ``keyring`` library with three guarantees
the GUI and CLI rely on:

* no plaintext storage: file-based, null and fail backends are refused, never used
  as a fallback;
* bounded waiting: every backend call runs in a daemon thread and the caller waits at
  most ``timeout`` seconds (a locked keyring may sit on an unlock prompt forever);
* no secret leaks: backend exceptions are replaced by `KeyringUnavailableError`
  whose text only names the exception type, never its message.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future
from threading import Thread
from typing import TypeVar

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import InitError, KeyringLocked, NoKeyringError

from dialer_app.core.redact import register_secret

SERVICE_PREFIX = "dialer-app/"
DEFAULT_TIMEOUT_SECONDS = 10.0

_INSTALL_HINT = "Install and unlock a Secret Service keyring such as GNOME Keyring or KWallet."
_UNLOCK_HINT = "Unlock your keyring (for example GNOME Keyring or KWallet) and try again."
# secretstorage's lock/prompt errors, matched by name so secretstorage stays optional.
_LOCKED_ERROR_NAMES = frozenset({"LockedException", "PromptDismissedException"})

_T = TypeVar("_T")


class KeyringUnavailableError(Exception):
    """No usable secure keyring: missing, locked, refusing, failing or not answering."""


class PlaintextKeyringRefusedError(KeyringUnavailableError):
    """The configured backend would write the secret to a file, so it is refused."""


def describe_backend(backend: KeyringBackend) -> str:
    """Human-readable backend name, e.g. "SecretService Keyring"; never raises."""
    try:
        return str(type(backend).name)
    except Exception:
        return type(backend).__name__


def _describe_with_children(backend: KeyringBackend) -> str:
    """Like `describe_backend`, listing the backends a ChainerBackend delegates to."""
    name = describe_backend(backend)
    if isinstance(backend, chainer.ChainerBackend):
        children = ", ".join(describe_backend(child) for child in backend.backends)
        name = f"{name} ({children or 'no backends'})"
    return name


def _is_plaintext(backend: KeyringBackend) -> bool:
    backend_class = type(backend)
    return backend_class.__module__.startswith("keyrings.alt") or (
        "Plaintext" in backend_class.__name__
    )


def _ensure_secure(backend: KeyringBackend) -> None:
    """Raise unless *backend* (and every backend it chains to) stores secrets securely."""
    name = describe_backend(backend)
    if isinstance(backend, fail.Keyring | null.Keyring):
        raise KeyringUnavailableError(
            f"No secure keyring is available (keyring backend: {name}). {_INSTALL_HINT}"
        )
    if _is_plaintext(backend):
        raise PlaintextKeyringRefusedError(
            f"Refusing to use the keyring backend {name}: it would write the secret to a "
            f"file on disk. {_INSTALL_HINT} If the keyrings.alt package is installed or "
            "selected (PYTHON_KEYRING_BACKEND, keyringrc.cfg), remove or deselect it."
        )
    if isinstance(backend, chainer.ChainerBackend):
        children: list[KeyringBackend] = list(backend.backends)
        if not children:
            raise KeyringUnavailableError(
                f"No secure keyring is available (keyring backend: {name} with no "
                f"backends to chain). {_INSTALL_HINT}"
            )
        for child in children:
            _ensure_secure(child)


def _translate(error: Exception, backend_name: str) -> KeyringUnavailableError:
    """Build a safe replacement for a backend exception: type name only, no message."""
    error_name = type(error).__name__
    if isinstance(error, KeyringLocked) or error_name in _LOCKED_ERROR_NAMES:
        return KeyringUnavailableError(
            f"The keyring is locked and was not unlocked (keyring backend: {backend_name}; "
            f"error: {error_name}). {_UNLOCK_HINT}"
        )
    if isinstance(error, NoKeyringError | InitError):
        return KeyringUnavailableError(
            f"No secure keyring is available (keyring backend: {backend_name}; "
            f"error: {error_name}). {_INSTALL_HINT}"
        )
    return KeyringUnavailableError(
        f"The keyring failed (keyring backend: {backend_name}; error: {error_name}). "
        "Check that your keyring (for example GNOME Keyring or KWallet) is running and "
        "unlocked, then try again."
    )


class CredentialStore:
    """Stores one secret per (profile, user id) in the system keyring.

    The service name is ``dialer-app/<profile_id>`` so two profiles never share a
    secret, even for the same user id. Safe to call from any thread.
    """

    def __init__(
        self,
        profile_id: str,
        *,
        backend: KeyringBackend | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> None:
        if not profile_id.strip():
            raise ValueError("The profile id must not be empty.")
        if timeout <= 0:
            raise ValueError("The keyring timeout must be positive.")
        self._service_name = f"{SERVICE_PREFIX}{profile_id}"
        self._timeout = timeout
        # None until first use: keyring.get_keyring() probes D-Bus and can be slow.
        self._backend = backend
        self._verified_secure = False

    def __repr__(self) -> str:
        backend = "unresolved" if self._backend is None else describe_backend(self._backend)
        return f"CredentialStore(service_name={self._service_name!r}, backend={backend!r})"

    @property
    def service_name(self) -> str:
        return self._service_name

    def backend_name(self) -> str:
        """Human-readable name of the keyring backend; never raises."""
        try:
            return self._call_with_timeout(lambda: _describe_with_children(self._resolve_backend()))
        except KeyringUnavailableError:
            return "unknown keyring (it did not answer)"

    def check_usable(self) -> None:
        """Raise `KeyringUnavailableError` unless the backend is a secure keyring."""
        self._call_with_timeout(self._secure_backend)

    def get_secret(self, user_id: str) -> str | None:
        """Return the stored secret for *user_id*, or None when nothing is stored."""
        _require_user_id(user_id)
        secret: str | None = self._call_with_timeout(
            lambda: self._secure_backend().get_password(self._service_name, user_id)
        )
        if secret:
            register_secret(secret)  # masked in every log line and crash report from now on
        return secret

    def set_secret(self, user_id: str, secret: str) -> None:
        """Store (or replace) the secret for *user_id*."""
        _require_user_id(user_id)
        if not secret.strip():
            raise ValueError("The secret must not be empty.")
        register_secret(secret)
        self._call_with_timeout(
            lambda: self._secure_backend().set_password(self._service_name, user_id, secret)
        )

    def delete_secret(self, user_id: str) -> bool:
        """Delete the secret for *user_id*; return False when there was none."""
        _require_user_id(user_id)
        return self._call_with_timeout(lambda: self._delete(user_id))

    def _delete(self, user_id: str) -> bool:
        # Look first: backends report a missing entry with the same error type
        # (PasswordDeleteError) they use for real failures.
        backend = self._secure_backend()
        if backend.get_password(self._service_name, user_id) is None:
            return False
        backend.delete_password(self._service_name, user_id)
        return True

    def _resolve_backend(self) -> KeyringBackend:
        if self._backend is None:
            self._backend = keyring.get_keyring()
        return self._backend

    def _secure_backend(self) -> KeyringBackend:
        backend = self._resolve_backend()
        if not self._verified_secure:
            _ensure_secure(backend)
            self._verified_secure = True
        return backend

    def _call_with_timeout(self, operation: Callable[[], _T]) -> _T:
        """Run *operation* in a daemon thread; wait at most ``self._timeout`` seconds.

        A daemon thread (not an executor) so a hung D-Bus call never blocks app exit.
        """
        outcome: Future[_T] = Future()
        worker = Thread(
            target=self._run_into, args=(operation, outcome), name="keyring-call", daemon=True
        )
        worker.start()
        try:
            return outcome.result(timeout=self._timeout)
        except TimeoutError:
            raise KeyringUnavailableError(
                f"The keyring did not answer within {self._timeout:g} s — it may be locked "
                f"or waiting for an unlock prompt. {_UNLOCK_HINT}"
            ) from None

    def _run_into(self, operation: Callable[[], _T], outcome: Future[_T]) -> None:
        try:
            outcome.set_result(operation())
        except KeyringUnavailableError as error:
            # Our own message is safe; drop the traceback (its frames hold the secret).
            outcome.set_exception(error.with_traceback(None))
        except Exception as error:
            backend_name = (
                "unresolved" if self._backend is None else describe_backend(self._backend)
            )
            outcome.set_exception(_translate(error, backend_name))


def _require_user_id(user_id: str) -> None:
    if not user_id.strip():
        raise ValueError("The user id must not be empty.")
