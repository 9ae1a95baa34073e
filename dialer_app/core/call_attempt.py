"""One call as the agent asked for it, and why it failed, in words for the agent."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from dialer_app.core.call_errors import Click2CallError
from dialer_app.core.call_request import CallRequest
from dialer_app.core.runtime import NoAccountError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CallAttempt:
    """What the agent asked for, as shown to them and recorded in history. ``sandbox``: it
    goes to the built-in sandbox (no one is rung)."""

    request: CallRequest
    display_number: str
    contact_id: int | None = None
    contact_name: str = ""
    started_at: float = 0.0
    surface: str = ""
    sandbox: bool = False


@dataclass(frozen=True)
class CallFailure:
    """Why a call did not go through, in words for the agent."""

    kind: str
    message: str
    may_have_reached: bool = False


def describe_failure(error: BaseException) -> CallFailure:
    # Imported here: keyring is loaded by the worker that raised, never at start-up.
    from dialer_app.core.credentials import KeyringUnavailableError

    if isinstance(error, Click2CallError):
        return CallFailure(error.kind, error.message, error.may_have_reached)
    if isinstance(error, NoAccountError):
        return CallFailure("no_account", str(error))
    if isinstance(error, KeyringUnavailableError):
        return CallFailure("keyring_unavailable", str(error))
    log.error("Unexpected error while calling: %s", type(error).__name__)
    return CallFailure("internal", f"Unexpected problem ({type(error).__name__}); see the log.")
