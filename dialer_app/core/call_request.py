"""Typed click2call request, account and result.

The delivery mode is a single value, so a request with both ``webrtc`` and ``followme`` on (or
both off) cannot be built.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dialer_app.core.redact import register_secret

MAX_EXTRA_PARAMS_BYTES = 8 * 1024
_API_DIGITS = re.compile(r"[1-9][0-9]{3,16}")


class DeliveryMode(enum.Enum):
    """Where the platform rings the agent first."""

    SOFTPHONE = "softphone"  # webrtc=true, followme=false
    MOBILE = "mobile"  # webrtc=false, followme=true (follow-me)

    @property
    def webrtc(self) -> bool:
        return self is DeliveryMode.SOFTPHONE

    @property
    def followme(self) -> bool:
        return self is DeliveryMode.MOBILE

    @property
    def rings_first(self) -> str:
        """Plain words for the device that rings first."""
        return "your softphone" if self is DeliveryMode.SOFTPHONE else "your mobile"


class InvalidCallRequestError(ValueError):
    """The request cannot be sent as built; nothing left the machine."""


@dataclass(frozen=True)
class Account:
    """A TeleCMI user id and its app secret. The secret never shows in ``repr``."""

    user_id: str
    secret: str = field(repr=False)

    def __post_init__(self) -> None:
        if not self.user_id.strip():
            raise InvalidCallRequestError("No user id is configured.")
        if not self.secret:
            raise InvalidCallRequestError("No app secret is stored for this user id.")
        register_secret(self.secret)  # masked in logs and reports from the moment it exists


def _api_number(value: str, what: str) -> int:
    if not _API_DIGITS.fullmatch(value):
        raise InvalidCallRequestError(
            f"The {what} must be digits in international form (country code first, "
            f"no '+' and no leading zero), got {value!r}."
        )
    return int(value)


def validate_extra_params(value: object) -> dict[str, Any]:
    """Check that ``extra_params`` is a JSON object of at most 8 KiB; return a plain copy."""
    if not isinstance(value, Mapping):
        raise InvalidCallRequestError('extra_params must be a JSON object, like {"crm": true}.')
    try:
        encoded = json.dumps(dict(value), separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InvalidCallRequestError(f"extra_params is not valid JSON: {exc}") from None
    if len(encoded.encode()) > MAX_EXTRA_PARAMS_BYTES:
        raise InvalidCallRequestError(
            f"extra_params is {len(encoded.encode())} bytes; the limit is "
            f"{MAX_EXTRA_PARAMS_BYTES} bytes."
        )
    result: dict[str, Any] = json.loads(encoded)
    return result


def parse_extra_params(text: str) -> dict[str, Any]:
    """``extra_params`` as typed (Settings, a contact, ``--extra``): a JSON object, or ``{}``
    for blank text. Raises ``InvalidCallRequestError`` saying what is wrong and where."""
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidCallRequestError(
            f"extra_params is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})."
        ) from None
    except RecursionError:
        raise InvalidCallRequestError("extra_params is nested too deeply.") from None
    return validate_extra_params(value)


@dataclass(frozen=True)
class CallRequest:
    """One click2call: who to call, how the agent is rung, and optional caller id/extra data.

    ``to`` and ``caller_id`` are API digits (``919200000000``); see ``core.phone.normalize``.
    """

    to: str
    mode: DeliveryMode = DeliveryMode.SOFTPHONE
    caller_id: str | None = None
    extra_params: Mapping[str, Any] | None = None

    def __post_init__(self) -> None:
        _api_number(self.to, "number to call")
        if self.caller_id is not None:
            _api_number(self.caller_id, "caller id")
        if self.extra_params is not None:
            validate_extra_params(self.extra_params)

    def json_body(self, account: Account) -> dict[str, Any]:
        """The POST body, with ``to``/``callerid`` as JSON numbers."""
        body: dict[str, Any] = {
            "user_id": account.user_id,
            "secret": account.secret,
            "to": int(self.to),
            "webrtc": self.mode.webrtc,
            "followme": self.mode.followme,
        }
        if self.extra_params:
            body["extra_params"] = validate_extra_params(self.extra_params)
        if self.caller_id is not None:
            body["callerid"] = int(self.caller_id)
        return body

    def query_params(self, account: Account) -> list[tuple[str, str]]:
        """The documented GET query string (``extra_params[key]=value`` pairs)."""
        params = [
            ("user_id", account.user_id),
            ("secret", account.secret),
            ("to", self.to),
        ]
        for key, value in validate_extra_params(self.extra_params or {}).items():
            text = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
            params.append((f"extra_params[{key}]", text))
        params += [
            ("webrtc", "true" if self.mode.webrtc else "false"),
            ("followme", "true" if self.mode.followme else "false"),
        ]
        if self.caller_id is not None:
            params.append(("callerid", self.caller_id))
        return params


@dataclass(frozen=True)
class CallResult:
    """The platform accepted the call; ``request_id`` traces it later.

    ``request_id`` is None when the platform's id was unreadable (not printable ASCII, longer
    than 128 characters): the call was still placed. Both fields are cleaned server text.
    """

    request_id: str | None
    msg: str

    @property
    def shown_request_id(self) -> str:
        return self.request_id or "(unreadable: the platform sent no usable request id)"
