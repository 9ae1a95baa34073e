"""Places calls on a worker thread and reports back by signal, one request per user action."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from dialer_app.core.call_attempt import CallAttempt, describe_failure
from dialer_app.core.call_errors import InvalidSecretError
from dialer_app.core.call_request import Account, CallRequest, CallResult
from dialer_app.services.background import BackgroundRunner

if TYPE_CHECKING:
    from dialer_app.core.click2call import Click2CallClient

log = logging.getLogger(__name__)


class CallController(QObject):
    """Owns the click2call client (created on the worker) and the in-flight guard."""

    started = Signal(object)  # CallAttempt
    succeeded = Signal(object, object)  # CallAttempt, CallResult
    failed = Signal(object, object)  # CallAttempt, CallFailure
    busy_changed = Signal(bool)

    def __init__(
        self,
        account_source: Callable[[], Account],
        client_factory: Callable[[], Click2CallClient],
        on_rejected_account: Callable[[], None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._account_source = account_source
        self._client_factory = client_factory
        self._on_rejected_account = on_rejected_account
        self._client: Click2CallClient | None = None
        self._runner = BackgroundRunner("calls", self)
        self._in_flight: CallAttempt | None = None

    @property
    def in_flight(self) -> bool:
        return self._in_flight is not None

    def place(self, attempt: CallAttempt) -> bool:
        """Start a call unless one is in flight (then ignore it and return False)."""
        if self._in_flight is not None:
            return False
        if not attempt.started_at:
            attempt = CallAttempt(
                attempt.request,
                attempt.display_number,
                attempt.contact_id,
                attempt.contact_name,
                time.time(),
            )
        self._in_flight = attempt
        self.busy_changed.emit(True)
        self.started.emit(attempt)
        self._runner.submit(
            lambda: self._call(attempt.request),
            lambda result: self._finish(attempt, result, None),
            lambda error: self._finish(attempt, None, error),
        )
        return True

    def warm_up(self) -> None:
        """Open the connection ahead of the click (TLS handshake off the critical path)."""
        if not self._runner.busy:
            self._runner.submit(lambda: self._client_now().warm_up(), _ignore, _ignore)

    def reset_client(self) -> None:
        """Settings changed: the next call builds a fresh client."""
        old, self._client = self._client, None
        if old is not None:
            self._runner.submit(old.close, _ignore, _ignore)

    def shutdown(self) -> None:
        """Quit promptly: never waits for a hung server; no signal fires afterwards."""
        finished = self._runner.shutdown(wait=0.2)
        if finished and self._client is not None:
            self._client.close()

    def _client_now(self) -> Click2CallClient:
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    def _call(self, request: CallRequest) -> CallResult:
        """Runs on the worker thread: keyring read and HTTP, never widgets."""
        account = self._account_source()
        return self._client_now().place_call(account, request)

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


def _ignore(_value: object) -> None:
    return None
