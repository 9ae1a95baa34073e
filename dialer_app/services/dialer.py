"""The window's side of the Dialer: intents in, signals out, the network off the GUI thread.

``request(intent)`` asks the core ``Dialer`` for the attempt (pure, fast: normalize, refuse,
guard, build) on the GUI thread, then sends it on the ``calls`` worker (keyring read and
HTTP). One call at a time: an intent while one is in flight is ignored, so mashing Call
sends one request; a second intent for the same number just after is held by the repeat
guard and reported with ``refused``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dialer_app.core.call_attempt import CallAttempt, describe_failure
from dialer_app.core.call_errors import InvalidSecretError
from dialer_app.core.call_request import Account, CallResult
from dialer_app.core.dialer import CallIntent, CallRefusedError, Dialer
from dialer_app.services.background import BackgroundRunner, ignore

if TYPE_CHECKING:
    from dialer_app.core.click2call import Click2CallClient

log = logging.getLogger(__name__)


class DialerService(QObject):
    """Owns the click2call client (built and used on the worker only) and the busy state."""

    started = Signal(object)  # CallAttempt: the request is about to leave
    succeeded = Signal(object, object)  # CallAttempt, CallResult
    failed = Signal(object, object)  # CallAttempt, CallFailure
    refused = Signal(object, object)  # CallIntent, CallRefusedError: nothing was sent
    busy_changed = Signal(bool)

    def __init__(
        self,
        dialer: Dialer,
        account_source: Callable[[], Account],
        client_factory: Callable[[], Click2CallClient],
        on_rejected_account: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.dialer = dialer
        self._account_source = account_source
        self._client_factory = client_factory
        self._on_rejected_account = on_rejected_account
        self._client: Click2CallClient | None = None  # touched on the worker thread only
        self._runner = BackgroundRunner("calls", self)
        self._in_flight: CallAttempt | None = None
        self._requests_started = 0

    @property
    def in_flight(self) -> bool:
        return self._in_flight is not None

    @property
    def requests_started(self) -> int:
        """Requests let go this session (each one may have reached the platform)."""
        return self._requests_started

    def request(self, intent: CallIntent) -> bool:
        """Place the call ``intent`` asks for; True when a request was started."""
        if self._in_flight is not None:
            return False
        try:
            attempt = self.dialer.prepare(intent)
        except CallRefusedError as refusal:
            log.info("Call not placed (%s, from %s)", refusal.kind, intent.surface.value)
            self.refused.emit(intent, refusal)
            return False
        self._in_flight = attempt
        self._requests_started += 1
        self.busy_changed.emit(True)
        self.started.emit(attempt)
        self._runner.submit(
            lambda: self._send(attempt),
            lambda result: self._finish(attempt, result, None),
            lambda error: self._finish(attempt, None, error),
        )
        return True

    def warm_up(self) -> None:
        """Open the connection ahead of the click (TLS handshake off the critical path)."""
        if not self._runner.busy:
            self._runner.submit(lambda: self._client_now().warm_up(), ignore, ignore)

    def reset_client(self) -> None:
        """Settings or the endpoint changed: the next call builds a fresh client.

        Runs on the worker, in order with calls: the GUI thread never touches the client
        while the worker may be building or using it.
        """
        self._runner.submit(self._drop_client, ignore, ignore)

    def shutdown(self) -> None:
        """Quit promptly: never waits for a hung server; no signal fires afterwards."""
        if self._runner.shutdown(wait=0.2):
            self._drop_client()

    # worker thread --------------------------------------------------------------------
    def _client_now(self) -> Click2CallClient:
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    def _drop_client(self) -> None:
        old, self._client = self._client, None
        if old is not None:
            old.close()

    def _send(self, attempt: CallAttempt) -> CallResult:
        """Keyring read and HTTP, never widgets."""
        account = self._account_source()
        return self.dialer.place(attempt, account, self._client_now())

    # GUI thread -----------------------------------------------------------------------
    def _finish(
        self, attempt: CallAttempt, result: CallResult | None, error: BaseException | None
    ) -> None:
        self._in_flight = None
        self.busy_changed.emit(False)
        if result is not None:
            log.info("Call to %s initiated, request_id %s", attempt.request.to, result.request_id)
            self.succeeded.emit(attempt, result)
            return
        assert error is not None
        log.warning(
            "Call to %s failed: %s",
            attempt.request.to,
            getattr(error, "kind", type(error).__name__),
        )
        if isinstance(error, InvalidSecretError):
            self._on_rejected_account()
        self.failed.emit(attempt, describe_failure(error))
