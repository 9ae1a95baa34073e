"""Shared fixtures: a real loopback sandbox, profiles on disk, keyrings, a wired app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dialer_app.core.credentials import CredentialStore
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, SandboxServer
from tests.memory_keyring import MemoryKeyring

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_PROFILE_ID = "0123456789abcdef0123456789abcdef"


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


def write_settings(profile: Path, **values: object) -> None:
    data = {"version": 1, "profile_id": TEST_PROFILE_ID, **values}
    (profile / "settings.json").write_text(json.dumps(data), encoding="utf-8")


@pytest.fixture(scope="session")
def secret_service_available() -> bool:
    """A Secret Service answers on the session D-Bus (``viable`` probes it)."""
    from keyring.backends import SecretService

    return bool(SecretService.Keyring.viable)


@pytest.fixture
def real_keyring(secret_service_available: bool) -> object:
    """The real Secret Service backend; skips locally without one, fails under CI=true."""
    from keyring.backends import SecretService

    from tests.services import require_service

    require_service(secret_service_available, "A Secret Service on the session D-Bus")
    return SecretService.Keyring()


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> dict[str, object]:
        parsed: dict[str, object] = json.loads(self.stdout)
        return parsed


def run_cli(
    *args: str, stdin: str | None = None, timeout: float = 60, env: dict[str, str] | None = None
) -> CliResult:
    """Run the real command line in a subprocess (as a CRM script would)."""
    completed = subprocess.run(
        [sys.executable, "-m", "dialer_app", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO_ROOT,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return CliResult(completed.returncode, completed.stdout, completed.stderr)


def memory_credentials(
    profile_id: str, backend: MemoryKeyring, secret: str | None = DEMO_SECRET
) -> CredentialStore:
    store = CredentialStore(profile_id, backend=backend)
    if secret is not None:
        store.set_secret(DEMO_USER_ID, secret)
    return store


@pytest.fixture
def dialer(
    qtbot: object, sandbox: SandboxServer, profile_dir: Path, memory_keyring: MemoryKeyring
) -> Iterator[object]:
    """The fully wired app (same wiring as ``main``) against the loopback sandbox.

    The demo secret sits in an in-memory keyring; ``tests/test_*secret_service*`` use the real one.
    """
    from dialer_app.app.composition import build

    app = build(["--profile", str(profile_dir), "--api-base", sandbox.base_url])
    app.runtime.credentials = memory_credentials(app.settings.profile_id, memory_keyring)
    app.start()
    yield app
    app.shutdown()
