"""Shared fixtures: a real loopback sandbox, profiles on disk, keyrings, a wired app."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dialer_app.sandbox.server import DEMO_USER_ID, SandboxServer
from tests.support.harness import memory_credentials, write_settings
from tests.support.memory_keyring import MemoryKeyring

# Folders and files the tests make for profiles are private, as the app makes its own: a
# profile others can read is tightened with a notice (issue 14), which the tests of that set
# their own modes for (tests/system/test_profile_modes.py).
os.umask(0o077)


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with SandboxServer() as server:
        yield server


@pytest.fixture
def profile_dir(tmp_path: Path) -> Path:
    """A profile whose settings name the sandbox's demo user (secret not stored)."""
    path = tmp_path / "profile"
    path.mkdir()
    write_settings(path, user_id=DEMO_USER_ID)
    return path


@pytest.fixture(scope="session")
def secret_service_available() -> bool:
    """A Secret Service answers on the session D-Bus (``viable`` probes it)."""
    from keyring.backends import SecretService

    return bool(SecretService.Keyring.viable)


@pytest.fixture
def real_keyring(secret_service_available: bool) -> object:
    """The real Secret Service backend; skips locally without one, fails under CI=true."""
    from keyring.backends import SecretService

    from tests.support.services import require_service

    require_service(secret_service_available, "A Secret Service on the session D-Bus")
    return SecretService.Keyring()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def dialer(
    qtbot: object, sandbox: SandboxServer, profile_dir: Path, memory_keyring: MemoryKeyring
) -> Iterator[object]:
    """The fully wired app (same wiring as ``main``) against the loopback sandbox.

    The demo secret sits in an in-memory keyring; ``tests/system/test_*secret_service*`` use
    the real one.
    """
    from dialer_app.app.composition import build

    app = build(["--profile", str(profile_dir), "--api-base", sandbox.base_url])
    app.runtime.credentials = memory_credentials(app.settings.profile_id, memory_keyring)
    app.start()
    yield app
    app.shutdown()
