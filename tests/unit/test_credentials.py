"""Unit tests for CredentialStore with in-memory, hanging, raising and refused backends."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import ClassVar

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import InitError, KeyringLocked, PasswordSetError

from dialer_app.core.credentials import (
    CredentialStore,
    KeyringUnavailableError,
    PlaintextKeyringRefusedError,
)
from tests.support.memory_keyring import HangingKeyring, MemoryKeyring, RaisingKeyring

SECRET = "s3cr3t-api-key-7f9c"
USER_ID = "agent_1001"


class PlaintextKeyring(MemoryKeyring):
    """Mimics keyrings.alt.file.PlaintextKeyring without writing anything."""

    viable = False


PlaintextKeyring.__module__ = "keyrings.alt.file"


class EncryptedKeyring(MemoryKeyring):
    """Mimics keyrings.alt.file.EncryptedKeyring: a file backend despite its name."""

    viable = False


EncryptedKeyring.__module__ = "keyrings.alt.file"


def make_chainer(*children: KeyringBackend) -> chainer.ChainerBackend:
    """A ChainerBackend delegating to *children* instead of the discovered backends."""

    class FixedChainer(chainer.ChainerBackend):
        viable = False
        backends: ClassVar[list[KeyringBackend]] = list(children)

    return FixedChainer()


@pytest.fixture
def memory() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def hanging() -> Iterator[HangingKeyring]:
    backend = HangingKeyring()
    yield backend
    backend.release()


def test_round_trip(memory: MemoryKeyring) -> None:
    store = CredentialStore("profile-a", backend=memory)
    assert store.get_secret(USER_ID) is None

    store.set_secret(USER_ID, SECRET)
    assert store.get_secret(USER_ID) == SECRET
    assert memory.entries == {("dialer-app/profile-a", USER_ID): SECRET}

    store.set_secret(USER_ID, "replacement")
    assert store.get_secret(USER_ID) == "replacement"

    assert store.delete_secret(USER_ID) is True
    assert store.get_secret(USER_ID) is None
    assert memory.entries == {}


def test_service_name_is_per_profile(memory: MemoryKeyring) -> None:
    assert CredentialStore("b2c1", backend=memory).service_name == "dialer-app/b2c1"


def test_profiles_with_same_user_id_keep_separate_secrets(memory: MemoryKeyring) -> None:
    first = CredentialStore("profile-a", backend=memory)
    second = CredentialStore("profile-b", backend=memory)

    first.set_secret(USER_ID, "secret-a")
    second.set_secret(USER_ID, "secret-b")
    assert first.get_secret(USER_ID) == "secret-a"
    assert second.get_secret(USER_ID) == "secret-b"

    assert first.delete_secret(USER_ID) is True
    assert first.get_secret(USER_ID) is None
    assert second.get_secret(USER_ID) == "secret-b"


def test_delete_missing_returns_false(memory: MemoryKeyring) -> None:
    store = CredentialStore("profile-a", backend=memory)
    assert store.delete_secret(USER_ID) is False
    store.set_secret("someone-else", SECRET)
    assert store.delete_secret(USER_ID) is False
    assert store.get_secret("someone-else") == SECRET


@pytest.mark.parametrize("blank", ["", "   "])
def test_blank_secret_is_rejected(memory: MemoryKeyring, blank: str) -> None:
    store = CredentialStore("profile-a", backend=memory)
    with pytest.raises(ValueError, match="secret must not be empty"):
        store.set_secret(USER_ID, blank)
    assert memory.entries == {}


def test_blank_user_id_is_rejected_without_echoing_secret(memory: MemoryKeyring) -> None:
    store = CredentialStore("profile-a", backend=memory)
    with pytest.raises(ValueError, match="user id must not be empty") as raised:
        store.set_secret("", SECRET)
    assert SECRET not in str(raised.value)
    with pytest.raises(ValueError, match="user id"):
        store.get_secret(" ")
    with pytest.raises(ValueError, match="user id"):
        store.delete_secret("")
    assert memory.entries == {}


def test_invalid_constructor_arguments_are_rejected() -> None:
    with pytest.raises(ValueError, match="profile id"):
        CredentialStore("")
    with pytest.raises(ValueError, match="timeout"):
        CredentialStore("profile-a", timeout=0)


def test_repr_never_contains_secret(memory: MemoryKeyring) -> None:
    store = CredentialStore("profile-a", backend=memory)
    store.set_secret(USER_ID, SECRET)
    assert SECRET not in repr(store)
    assert "dialer-app/profile-a" in repr(store)


def test_backend_name_is_human_readable(memory: MemoryKeyring) -> None:
    assert CredentialStore("p", backend=memory).backend_name() == "memory keyring MemoryKeyring"
    assert CredentialStore("p", backend=fail.Keyring()).backend_name() == "fail Keyring"
    chained = CredentialStore("p", backend=make_chainer(memory))
    assert chained.backend_name() == "test credentials FixedChainer (memory keyring MemoryKeyring)"


@pytest.fixture
def hanging_resolution(monkeypatch: pytest.MonkeyPatch, hanging: HangingKeyring) -> None:
    """Make keyring.get_keyring() hang, like a D-Bus probe that never answers."""

    def resolve_forever() -> KeyringBackend:
        hanging.get_password("probe", "probe")
        return hanging

    monkeypatch.setattr("keyring.get_keyring", resolve_forever)


@pytest.mark.usefixtures("hanging_resolution")
def test_backend_name_never_raises_on_hanging_resolution() -> None:
    store = CredentialStore("profile-a", timeout=0.3)
    started = time.monotonic()
    assert "unknown" in store.backend_name()
    assert time.monotonic() - started < 1.0


@pytest.mark.usefixtures("hanging_resolution")
def test_check_usable_times_out_on_hanging_resolution() -> None:
    store = CredentialStore("profile-a", timeout=0.3)
    started = time.monotonic()
    with pytest.raises(KeyringUnavailableError, match="did not answer"):
        store.check_usable()
    assert time.monotonic() - started < 1.0


def test_default_backend_is_resolved_lazily(
    monkeypatch: pytest.MonkeyPatch, memory: MemoryKeyring
) -> None:
    resolutions: list[MemoryKeyring] = []

    def fake_get_keyring() -> KeyringBackend:
        resolutions.append(memory)
        return memory

    monkeypatch.setattr("keyring.get_keyring", fake_get_keyring)
    store = CredentialStore("profile-a")
    assert resolutions == []
    store.set_secret(USER_ID, SECRET)
    assert store.get_secret(USER_ID) == SECRET
    assert len(resolutions) == 1
    assert memory.entries == {("dialer-app/profile-a", USER_ID): SECRET}


def test_memory_backend_is_usable(memory: MemoryKeyring) -> None:
    CredentialStore("profile-a", backend=memory).check_usable()
    CredentialStore("profile-a", backend=make_chainer(memory)).check_usable()


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), make_chainer()],
    ids=["fail", "null", "empty-chainer"],
)
def test_unusable_backend_gives_clear_error(backend: KeyringBackend) -> None:
    store = CredentialStore("profile-a", backend=backend)
    with pytest.raises(KeyringUnavailableError, match="No secure keyring is available") as raised:
        store.check_usable()
    assert not isinstance(raised.value, PlaintextKeyringRefusedError)
    assert "GNOME Keyring or KWallet" in str(raised.value)
    with pytest.raises(KeyringUnavailableError):
        store.set_secret(USER_ID, SECRET)
    with pytest.raises(KeyringUnavailableError):
        store.get_secret(USER_ID)


def test_fail_backend_message_names_the_backend() -> None:
    store = CredentialStore("profile-a", backend=fail.Keyring())
    with pytest.raises(KeyringUnavailableError, match=r"\(keyring backend: fail Keyring\)"):
        store.set_secret(USER_ID, SECRET)


@pytest.mark.parametrize(
    "backend_factory",
    [
        PlaintextKeyring,
        EncryptedKeyring,
        lambda: make_chainer(MemoryKeyring(), PlaintextKeyring()),
    ],
    ids=["plaintext", "keyrings-alt-encrypted", "chainer-with-plaintext-child"],
)
def test_file_backends_are_refused_and_never_written(
    backend_factory: type[KeyringBackend],
) -> None:
    backend = backend_factory()
    store = CredentialStore("profile-a", backend=backend)
    with pytest.raises(PlaintextKeyringRefusedError, match="write the secret to a file"):
        store.check_usable()
    with pytest.raises(PlaintextKeyringRefusedError):
        store.set_secret(USER_ID, SECRET)
    with pytest.raises(PlaintextKeyringRefusedError):
        store.get_secret(USER_ID)
    children = backend.backends if isinstance(backend, chainer.ChainerBackend) else [backend]
    assert all(child.entries == {} for child in children if isinstance(child, MemoryKeyring))


@pytest.mark.parametrize("operation", ["get", "set", "delete"])
def test_hanging_backend_times_out(hanging: HangingKeyring, operation: str) -> None:
    store = CredentialStore("profile-a", backend=hanging, timeout=0.3)
    calls: dict[str, Callable[[], object]] = {
        "get": lambda: store.get_secret(USER_ID),
        "set": lambda: store.set_secret(USER_ID, SECRET),
        "delete": lambda: store.delete_secret(USER_ID),
    }
    started = time.monotonic()
    with pytest.raises(KeyringUnavailableError, match=r"did not answer within 0\.3 s") as raised:
        calls[operation]()
    elapsed = time.monotonic() - started
    assert hanging.calls_started.is_set()
    assert 0.25 <= elapsed < 1.0
    assert "locked" in str(raised.value)
    assert SECRET not in str(raised.value)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (KeyringLocked("Failed to unlock the collection!"), "keyring is locked"),
        (InitError("Failed to create the collection"), "No secure keyring is available"),
        (PasswordSetError("cannot store"), "The keyring failed"),
        (ConnectionError("D-Bus connection closed"), "The keyring failed"),
    ],
    ids=["locked", "init", "set-error", "dbus-connection"],
)
def test_backend_errors_become_keyring_unavailable(error: Exception, expected: str) -> None:
    store = CredentialStore("profile-a", backend=RaisingKeyring(error))
    for call in (
        lambda: store.get_secret(USER_ID),
        lambda: store.set_secret(USER_ID, SECRET),
        lambda: store.delete_secret(USER_ID),
    ):
        with pytest.raises(KeyringUnavailableError, match=expected) as raised:
            call()
        assert type(error).__name__ in str(raised.value)
        assert str(error) not in str(raised.value)


def test_secretstorage_lock_errors_are_reported_as_locked() -> None:
    class LockedException(Exception):  # same name as secretstorage.exceptions'
        pass

    store = CredentialStore("profile-a", backend=RaisingKeyring(LockedException("locked")))
    with pytest.raises(KeyringUnavailableError, match="keyring is locked"):
        store.get_secret(USER_ID)


def test_backend_error_text_with_secret_never_leaks() -> None:
    backend = RaisingKeyring(KeyringLocked("refused"), secret_in_message=True)
    store = CredentialStore("profile-a", backend=backend)
    with pytest.raises(KeyringUnavailableError) as raised:
        store.set_secret(USER_ID, SECRET)
    error = raised.value
    assert "KeyringLocked" in str(error)
    assert SECRET not in str(error)
    assert SECRET not in repr(error)
    assert error.__cause__ is None
    assert error.__context__ is None
