"""Wiring shared by the command line and the window: profile, settings, account, sandbox.

No Qt here, so ``dialer-app call`` stays fast and scriptable. The sandbox server itself lives
outside ``core``: the entry points pass a factory that starts one (``sandbox_factory``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from dialer_app.core.call_request import Account
from dialer_app.core.profile import ensure_profile_dir, resolve_profile_dir
from dialer_app.core.settings import LoadedSettings, Settings, SettingsFile
from dialer_app.core.urls import validate_base_url

if TYPE_CHECKING:
    from dialer_app.core.click2call import Click2CallClient
    from dialer_app.core.credentials import CredentialStore

log = logging.getLogger(__name__)
DATABASE_FILE = "contacts.db"


class NoAccountError(Exception):
    """No user id or no stored secret: the user has to set up an account first."""


class PlatformStandIn(Protocol):
    """A running sandbox server: where calls go, and the demo account it accepts."""

    @property
    def base_url(self) -> str: ...

    @property
    def demo_account(self) -> Account: ...

    def stop(self) -> None: ...


@dataclass(frozen=True)
class RuntimeOptions:
    """The global options every entry point accepts."""

    profile: str | None = None
    api_base: str | None = None
    sandbox: bool = False


@dataclass
class Runtime:
    """One profile opened for use. ``close()`` stops the in-process sandbox, if any."""

    profile_dir: Path
    settings_file: SettingsFile
    loaded: LoadedSettings
    sandbox_mode: bool = False
    sandbox_factory: Callable[[], PlatformStandIn] | None = None
    _sandbox: PlatformStandIn | None = None
    _sandbox_lock: threading.Lock = field(default_factory=threading.Lock)
    api_base_override: str | None = None
    session_account: Account | None = None
    _cached_account: Account | None = None
    _credentials: CredentialStore | None = None

    @classmethod
    def open(
        cls,
        options: RuntimeOptions,
        sandbox_factory: Callable[[], PlatformStandIn] | None = None,
    ) -> Runtime:
        if options.api_base:
            validate_base_url(options.api_base)
        profile_dir = ensure_profile_dir(resolve_profile_dir(options.profile))
        settings_file = SettingsFile(profile_dir)
        loaded = settings_file.load_or_create()
        runtime = cls(
            profile_dir=profile_dir,
            settings_file=settings_file,
            loaded=loaded,
            api_base_override=options.api_base,
            sandbox_factory=sandbox_factory,
        )
        runtime.sandbox_mode = options.sandbox  # the server itself starts on first use
        return runtime

    @property
    def credentials(self) -> CredentialStore:
        """The keyring facade, built on first use (importing keyring takes ~60 ms)."""
        if self._credentials is None:
            from dialer_app.core.credentials import CredentialStore

            self._credentials = CredentialStore(self.settings.profile_id)
        return self._credentials

    @credentials.setter
    def credentials(self, store: CredentialStore) -> None:
        self._credentials = store

    @property
    def database_path(self) -> Path:
        """The contacts and call-history database of this profile."""
        return self.profile_dir / DATABASE_FILE

    @property
    def settings(self) -> Settings:
        return self.loaded.settings

    def save_settings(self, settings: Settings) -> None:
        self.settings_file.save(settings)
        self.loaded = LoadedSettings(settings)

    @property
    def sandbox(self) -> PlatformStandIn | None:
        """The in-process sandbox in sandbox mode (started on first use, from any thread)."""
        if not self.sandbox_mode:
            return None
        with self._sandbox_lock:
            if self._sandbox is None:
                if self.sandbox_factory is None:
                    raise RuntimeError("this runtime was opened without a sandbox factory")
                self._sandbox = self.sandbox_factory()
                log.info("Sandbox running at %s", self._sandbox.base_url)
            return self._sandbox

    def start_sandbox(self) -> PlatformStandIn:
        self.sandbox_mode = True
        server = self.sandbox
        assert server is not None
        return server

    def stop_sandbox(self) -> None:
        self.sandbox_mode = False
        with self._sandbox_lock:
            server, self._sandbox = self._sandbox, None
        if server is not None:
            server.stop()

    def effective_settings(self) -> Settings:
        """Settings with the API base URL that calls really go to (sandbox, --api-base)."""
        from dataclasses import replace

        sandbox = self.sandbox
        if sandbox is not None:
            return replace(self.settings, api_base_url=sandbox.base_url)
        if self.api_base_override:
            return replace(self.settings, api_base_url=self.api_base_override)
        return self.settings

    def account(self) -> Account:
        """The account to call with; may block on the keyring (call off the GUI thread).

        Raises ``NoAccountError`` or ``KeyringUnavailableError``.
        """
        sandbox = self.sandbox
        if sandbox is not None:
            return sandbox.demo_account
        if self.session_account is not None:
            return self.session_account
        cached = self._cached_account
        if cached is not None and cached.user_id == self.settings.user_id:
            return cached
        user_id = self.settings.user_id
        if not user_id:
            raise NoAccountError(
                "No account is set up. Run `dialer-app credentials set --user-id ID`, "
                "or try the built-in sandbox with --sandbox."
            )
        secret = self.credentials.get_secret(user_id)
        if not secret:
            raise NoAccountError(
                f"No app secret is stored for user id {user_id} in this profile. "
                f"Run `dialer-app credentials set --user-id {user_id}`."
            )
        self._cached_account = Account(user_id, secret)
        return self._cached_account

    def forget_cached_account(self) -> None:
        """Drop the in-memory copy (after the platform rejected it, or the secret changed)."""
        self._cached_account = None

    def new_client(self) -> Click2CallClient:
        """A client for the current settings; whoever asked for it closes it."""
        from dialer_app.core.click2call import Click2CallClient

        return Click2CallClient(self.effective_settings().client_config())

    def close(self) -> None:
        self.stop_sandbox()
