"""Turn the platform's answer into a ``CallResult`` or a specific ``Click2CallError``.

The documentation does not say whether error codes arrive as the HTTP status or as the JSON
``code`` field, so either one signalling an error wins.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dialer_app.core.call_errors import (
    Click2CallError,
    InvalidSecretError,
    InvalidUserIdError,
    ProxyAuthenticationError,
    RequestRejectedError,
    ServerError,
    UnreadableResponseError,
)
from dialer_app.core.call_request import CallResult
from dialer_app.core.server_text import clean_server_text, readable_request_id

MAX_RESPONSE_BYTES = 1024 * 1024
_DOCUMENTED_ERRORS = (400, 404, 407)
_WRONG_APP_KEY_HELP = (
    "The app secret was rejected. Enter the correct app secret for this user id "
    "(Settings › Account, or `dialer-app credentials set`)."
)
_FIX_USER_ID = (
    "The user id is not known to TeleCMI. Check the user id in Settings › Account "
    "(it looks like 101_1111112)."
)
PROXY_AUTH_HELP = (
    "A proxy between this computer and TeleCMI asks for authentication (HTTP 407 from the proxy, "
    "not from TeleCMI). Set the proxy credentials in Settings › Connection or ask your IT team."
)


def _as_code(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _parse_json_object(body: bytes) -> dict[str, Any] | None:
    try:
        parsed = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return parsed if isinstance(parsed, dict) else None


def _platform_msg(payload: Mapping[str, Any] | None) -> str | None:
    """The platform's ``msg``, cleaned (no secret, no control characters, length-capped)."""
    msg = payload.get("msg") if payload else None
    if not isinstance(msg, str):
        return None
    return clean_server_text(msg) or None


def _looks_like_platform(payload: Mapping[str, Any] | None) -> bool:
    return payload is not None and ("code" in payload or "msg" in payload)


def interpret_response(status: int, headers: Mapping[str, str], body: bytes) -> CallResult:
    """Return the result of a successful call or raise the matching ``Click2CallError``.

    ``headers`` keys are compared case-insensitively.
    """
    lowered = {key.lower(): value for key, value in headers.items()}
    if len(body) > MAX_RESPONSE_BYTES:
        raise UnreadableResponseError(
            f"The server sent a response larger than {MAX_RESPONSE_BYTES // 1024} KiB, "
            "which is not a click2call answer. Check the API base URL."
        )
    payload = _parse_json_object(body)
    if status == 407 and ("proxy-authenticate" in lowered or not _looks_like_platform(payload)):
        raise ProxyAuthenticationError(PROXY_AUTH_HELP)
    code = _error_code(status, payload)
    if code is not None:
        raise _error_for_code(code, status, payload)
    request_id = payload.get("request_id") if payload else None
    if payload is None:
        raise UnreadableResponseError(
            f"The server answered HTTP {status} but not with JSON, so it is not clear whether "
            "the call was placed. Check the API base URL and any proxy in the way."
        )
    if not isinstance(request_id, str) or not request_id.strip():
        raise UnreadableResponseError(
            "The server's answer has no request_id, so the call cannot be confirmed."
        )
    # Accepted: the call was placed even when its id is not one (too long, not printable
    # ASCII, or carrying the secret); it is then reported without an id.
    return CallResult(request_id=readable_request_id(request_id), msg=_platform_msg(payload) or "")


def _error_code(status: int, payload: Mapping[str, Any] | None) -> int | None:
    """The error code that decides the outcome, or None for success.

    A documented code in the body wins (it is the most specific), then an HTTP error status,
    then any other non-2xx code in the body.
    """
    json_code = _as_code(payload.get("code")) if payload else None
    if json_code in _DOCUMENTED_ERRORS:
        return json_code
    if not 200 <= status < 300:
        return status
    if json_code is not None and not 200 <= json_code < 300:
        return json_code
    return None


def _error_for_code(code: int, status: int, payload: Mapping[str, Any] | None) -> Click2CallError:
    platform_msg = _platform_msg(payload)
    from_platform = _looks_like_platform(payload)
    if code == 407:
        return InvalidSecretError(_WRONG_APP_KEY_HELP, platform_msg=platform_msg)
    if code == 404 and from_platform:
        return InvalidUserIdError(_FIX_USER_ID, platform_msg=platform_msg)
    if code == 400:
        reason = platform_msg or "no reason given"
        return RequestRejectedError(
            f"TeleCMI rejected the request: {reason}.", platform_msg=platform_msg
        )
    if code >= 500:
        return ServerError(
            f"TeleCMI had a server error (HTTP {code}). The call was probably not placed; "
            "try again in a moment.",
            platform_msg=platform_msg,
        )
    if code == 404:
        return UnreadableResponseError(
            "The server answered 'not found' (HTTP 404) without a TeleCMI answer. "
            "Check the API base URL in Settings › Connection."
        )
    return UnreadableResponseError(
        f"The server answered with unexpected code {code} (HTTP {status}). "
        "Check the API base URL and any proxy in the way.",
        platform_msg=platform_msg,
    )
