"""``credentials set`` and ``clear`` in process, with keyrings that hang or refuse and a profile
that cannot be written: a failed command leaves the profile and the keyring as they were."""

from __future__ import annotations

import argparse
import errno
import io
from pathlib import Path

import pytest
from keyring.backends import fail

from dialer_app.cli.commands.credentials import run_clear, run_set
from dialer_app.cli.output import EXIT_OK, EXIT_PROFILE, CommandFailedError
from dialer_app.core.credentials import CredentialStore, KeyringUnavailableError
from dialer_app.core.runtime import Runtime, RuntimeOptions
from tests.support.harness import TEST_PROFILE_ID, write_settings
from tests.support.memory_keyring import HangingKeyring, MemoryKeyring

OLD_USER, NEW_USER = "101_1111112", "202_2222222"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    write_settings(tmp_path, user_id=OLD_USER)
    return tmp_path


def open_runtime(profile: Path, backend: object, timeout: float = 5.0) -> Runtime:
    runtime = Runtime.open(RuntimeOptions(str(profile)))
    runtime.credentials = CredentialStore(TEST_PROFILE_ID, backend=backend, timeout=timeout)  # type: ignore[arg-type]
    return runtime


def set_user(runtime: Runtime, user_id: str, secret: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(secret + "\n"))
    return run_set(runtime, argparse.Namespace(user_id=user_id))


def fail_saving(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """The profile's disk is full from now on (the real failure is tested in
    tests/system/test_cli.py with a file-size limit and the real keyring)."""

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(runtime.settings_file, "save", full)


@pytest.fixture
def keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def on_full_disk(profile: Path, keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> Runtime:
    """The profile with an in-memory keyring, on a disk that is full from now on."""
    runtime = open_runtime(profile, keyring)
    fail_saving(runtime, monkeypatch)
    return runtime


def test_a_keyring_that_does_not_answer_stores_nothing(
    profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (profile / "settings.json").read_bytes()
    hanging = HangingKeyring()
    runtime = open_runtime(profile, hanging, timeout=0.3)
    try:
        with pytest.raises(KeyringUnavailableError, match="did not answer"):
            set_user(runtime, NEW_USER, "new-secret-1", monkeypatch)
    finally:
        hanging.release()
    assert (profile / "settings.json").read_bytes() == before


@pytest.mark.parametrize("command", ["set", "clear"])
def test_a_refusing_keyring_changes_nothing(
    profile: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    before = (profile / "settings.json").read_bytes()
    runtime = open_runtime(profile, fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO("new-secret-1\n"))
    run = run_set if command == "set" else run_clear
    with pytest.raises(KeyringUnavailableError, match="No secure keyring"):
        run(runtime, argparse.Namespace(user_id=NEW_USER))
    assert (profile / "settings.json").read_bytes() == before


def test_unsaved_settings_take_a_new_secret_back_out(
    on_full_disk: Runtime, keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = on_full_disk
    with pytest.raises(CommandFailedError) as failed:
        set_user(runtime, NEW_USER, "new-secret-1", monkeypatch)
    assert failed.value.exit_code == EXIT_PROFILE
    assert "No space left on device" in failed.value.message
    assert "taken out of the keyring again: nothing was stored" in failed.value.message
    assert keyring.entries == {}


def test_unsaved_settings_put_a_replaced_secret_back(
    on_full_disk: Runtime, keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = on_full_disk
    runtime.credentials.set_secret(NEW_USER, "earlier-secret")
    with pytest.raises(CommandFailedError, match="put back as it was"):
        set_user(runtime, NEW_USER, "new-secret-1", monkeypatch)
    assert list(keyring.entries.values()) == ["earlier-secret"]


def test_a_keyring_failing_twice_says_what_is_left(
    on_full_disk: Runtime, keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = on_full_disk

    def refuse(*_args: object) -> None:
        raise KeyringUnavailableError("The keyring is locked.")

    monkeypatch.setattr(keyring, "delete_password", refuse)
    with pytest.raises(CommandFailedError) as failed:
        set_user(runtime, NEW_USER, "new-secret-1", monkeypatch)
    message = failed.value.message
    assert f"the new app secret for {NEW_USER} is still in the keyring" in message
    assert runtime.credentials.service_name in message
    assert "new-secret-1" not in message


def test_the_same_user_id_needs_no_settings_write(
    on_full_disk: Runtime, keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = on_full_disk  # a full disk does not matter: nothing to save
    assert set_user(runtime, OLD_USER, "rotated-secret", monkeypatch) == EXIT_OK
    assert list(keyring.entries.values()) == ["rotated-secret"]


def test_clear_that_cannot_save_says_the_secret_is_gone_but_the_user_id_stays(
    on_full_disk: Runtime, keyring: MemoryKeyring
) -> None:
    runtime = on_full_disk
    runtime.credentials.set_secret(OLD_USER, "old-secret")
    with pytest.raises(CommandFailedError) as failed:
        run_clear(runtime, argparse.Namespace())
    assert failed.value.exit_code == EXIT_PROFILE
    assert "the app secret was removed from the keyring, but the user id stays" in str(
        failed.value.message
    )
    assert keyring.entries == {}
