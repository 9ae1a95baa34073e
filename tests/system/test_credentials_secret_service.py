"""CredentialStore against a real Secret Service (gnome-keyring over D-Bus).

Skipped when no session D-Bus / Secret Service is reachable; under CI=true that is a
failure instead. Run locally with:

    dbus-run-session -- sh -c 'echo -n pw | gnome-keyring-daemon --unlock \\
        --components=secrets >/dev/null; \
        .venv/bin/pytest tests/system/test_credentials_secret_service.py'
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator

import pytest
from keyring.backends import SecretService

from dialer_app.core.credentials import CredentialStore
from tests.support.services import require_service

pytestmark = pytest.mark.secret_service

USER_ID = "agent_1001"
TIMEOUT_SECONDS = 10.0

StoreFactory = Callable[[], CredentialStore]


@pytest.fixture(scope="module")
def secret_service_available() -> bool:
    # `viable` evaluates the backend's priority, which checks SecretStorage is installed
    # and that the service answers on the session bus.
    return bool(SecretService.Keyring.viable)


@pytest.fixture
def new_store(secret_service_available: bool) -> Iterator[StoreFactory]:
    """Factory for stores on fresh profile ids; deletes what they stored afterwards."""
    require_service(secret_service_available, "A Secret Service on the session D-Bus")
    created: list[CredentialStore] = []

    def factory() -> CredentialStore:
        store = CredentialStore(
            str(uuid.uuid4()), backend=SecretService.Keyring(), timeout=TIMEOUT_SECONDS
        )
        created.append(store)
        return store

    yield factory
    for store in created:
        store.delete_secret(USER_ID)


def test_round_trip(new_store: StoreFactory) -> None:
    store = new_store()
    store.check_usable()
    assert store.get_secret(USER_ID) is None

    store.set_secret(USER_ID, "first-secret")
    assert store.get_secret(USER_ID) == "first-secret"
    store.set_secret(USER_ID, "second-secret")
    assert store.get_secret(USER_ID) == "second-secret"

    assert store.delete_secret(USER_ID) is True
    assert store.get_secret(USER_ID) is None
    assert store.delete_secret(USER_ID) is False


def test_profiles_with_same_user_id_keep_separate_secrets(new_store: StoreFactory) -> None:
    first, second = new_store(), new_store()
    first.set_secret(USER_ID, "secret-of-first")
    second.set_secret(USER_ID, "secret-of-second")

    assert first.get_secret(USER_ID) == "secret-of-first"
    assert second.get_secret(USER_ID) == "secret-of-second"
    assert first.delete_secret(USER_ID) is True
    assert second.get_secret(USER_ID) == "secret-of-second"


def test_backend_name_reports_secret_service(new_store: StoreFactory) -> None:
    assert new_store().backend_name() == "SecretService Keyring"


def test_secret_not_in_repr(new_store: StoreFactory) -> None:
    store = new_store()
    secret = f"repr-probe-{uuid.uuid4()}"
    store.set_secret(USER_ID, secret)
    assert store.get_secret(USER_ID) == secret
    assert secret not in repr(store)


class TestRequireService:
    """The skip-or-fail gate this file depends on."""

    def test_available_service_passes(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CI", "true")
        require_service(True, "Anything")

    def test_missing_service_skips_locally(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("CI", raising=False)
        with pytest.raises(pytest.skip.Exception, match="Thing is not available"):
            require_service(False, "Thing")

    def test_missing_service_fails_in_ci(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("CI", "true")
        with pytest.raises(pytest.fail.Exception, match="CI=true requires it"):
            require_service(False, "Thing")
