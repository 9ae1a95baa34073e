"""Everything that can go wrong with a click2call, each with a plain-language message.

Messages never contain the secret or a URL with a query string. ``may_have_reached`` tells the
caller whether the platform may have received the request (then a retry could ring a
customer twice).
"""

from __future__ import annotations


class Click2CallError(Exception):
    """Base class. ``kind`` is a stable identifier for scripts, history and tests.

    ``may_have_rung``: the platform may have started the call (then the number is held by
    the repeat guard). A definite refusal (400, 404, 407) reached the platform but rang
    nobody.
    """

    kind = "error"
    may_have_reached = False

    @property
    def may_have_rung(self) -> bool:
        return self.may_have_reached and not isinstance(
            self, InvalidSecretError | InvalidUserIdError | RequestRejectedError
        )

    def __init__(self, message: str, *, platform_msg: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.platform_msg = platform_msg


class InvalidSecretError(Click2CallError):
    kind = "invalid_secret"
    may_have_reached = True


class InvalidUserIdError(Click2CallError):
    kind = "invalid_user_id"
    may_have_reached = True


class RequestRejectedError(Click2CallError):
    kind = "request_rejected"
    may_have_reached = True


class ProxyAuthenticationError(Click2CallError):
    kind = "proxy_auth_required"


class ServerError(Click2CallError):
    kind = "server_error"
    may_have_reached = True


class UnreadableResponseError(Click2CallError):
    kind = "unreadable_response"
    may_have_reached = True


class RequestTimeoutError(Click2CallError):
    kind = "timeout"

    def __init__(self, message: str, *, may_have_reached: bool) -> None:
        super().__init__(message)
        self.may_have_reached = may_have_reached


class ConnectionFailedError(Click2CallError):
    kind = "cannot_connect"

    def __init__(self, message: str, *, may_have_reached: bool = False) -> None:
        super().__init__(message)
        self.may_have_reached = may_have_reached


CHECK_BEFORE_RETRY = " The call may still have been placed: check your phone before calling again."
