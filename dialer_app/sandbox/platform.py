"""What the platform answers, as its documentation describes (pure functions, no I/O).

Validation of the click2call fields (user id and secret, the webrtc/followme rule, numbers
with country code, extra_params as an object), the documented error codes, and a fresh
``request_id`` for an accepted call.
"""

from __future__ import annotations

import hmac
import json
import re
import secrets
from collections.abc import Mapping, Sequence
from typing import cast

DEMO_USER_ID = "101_1111112"
DEMO_SECRET = "sandbox-demo-secret"  # noqa: S105 - documented demo credential, not a real secret

_EXTRA_PARAM_KEY = re.compile(r"extra_params\[([^\]]*)\]")
_QUERY_NUMBER = re.compile(r"[1-9][0-9]*")  # a leading zero cannot be a JSON number either
_QUERY_BOOLEANS = {"true": True, "false": False}
_NUMBER_FIELDS = ("to", "callerid")
_BOOLEAN_FIELDS = ("webrtc", "followme")


def new_request_id() -> str:
    """A fresh id shaped like the platform's: 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def message(code: int, msg: str) -> tuple[int, dict[str, object]]:
    return code, {"code": code, "msg": msg}


def parse_json_object(body: bytes) -> dict[str, object] | None:
    try:
        parsed = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return cast(dict[str, object], parsed) if isinstance(parsed, dict) else None


def _coerce_query_value(key: str, value: str) -> object:
    """Give query strings the JSON types the POST body would carry."""
    if key in _BOOLEAN_FIELDS and value in _QUERY_BOOLEANS:
        return _QUERY_BOOLEANS[value]
    if key in _NUMBER_FIELDS and _QUERY_NUMBER.fullmatch(value):
        return int(value)
    return value


def params_from_query(pairs: Sequence[tuple[str, str]]) -> dict[str, object]:
    """Turn the documented GET query into the equivalent JSON body.

    ``extra_params[key]=value`` pairs become one object; values stay strings.
    """
    params: dict[str, object] = {}
    extra_params: dict[str, object] = {}
    for key, value in pairs:
        match = _EXTRA_PARAM_KEY.fullmatch(key)
        if match:
            extra_params[match.group(1)] = value
        else:
            params[key] = _coerce_query_value(key, value)
    if extra_params:
        params["extra_params"] = extra_params
    return params


def _is_international_number(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _credentials_problem(params: Mapping[str, object]) -> str | None:
    for field in ("user_id", "secret"):
        if params.get(field) in (None, ""):
            return f"{field} missing"
    return None


def _mode_problem(params: Mapping[str, object]) -> str | None:
    webrtc = params.get("webrtc", True)
    followme = params.get("followme", False)
    for field, value in (("webrtc", webrtc), ("followme", followme)):
        if not isinstance(value, bool):
            return f"{field} must be true or false"
    if not webrtc and not followme:
        return "Enable webrtc or followme"
    if webrtc and followme:
        return "Choose either webrtc or followme, not both"
    return None


def _numbers_problem(params: Mapping[str, object]) -> str | None:
    if params.get("to") is None:
        return "to missing"
    for field in _NUMBER_FIELDS:
        value = params.get(field)
        if value is not None and not _is_international_number(value):
            return f"{field} must be a number with country code"
    return None


def _extra_params_problem(params: Mapping[str, object]) -> str | None:
    extra_params = params.get("extra_params")
    if extra_params is not None and not isinstance(extra_params, dict):
        return "extra_params must be an object"
    return None


def _account_problem(
    params: Mapping[str, object], accounts: Mapping[str, str]
) -> tuple[int, str] | None:
    user_id, secret = params.get("user_id"), params.get("secret")
    if not isinstance(user_id, str) or user_id not in accounts:
        return 404, "Invalid user_id"
    expected = accounts[user_id].encode()
    if not isinstance(secret, str) or not hmac.compare_digest(secret.encode(), expected):
        return 407, "Invalid app secret"
    return None


def platform_reply(
    params: Mapping[str, object], accounts: Mapping[str, str]
) -> tuple[int, dict[str, object]]:
    """The status and JSON body the platform gives for these click2call fields."""
    for check in (_credentials_problem, _mode_problem, _numbers_problem, _extra_params_problem):
        problem = check(params)
        if problem is not None:
            return message(400, problem)
    account_problem = _account_problem(params, accounts)
    if account_problem is not None:
        return message(*account_problem)
    return 200, {"code": 200, "msg": "Call initiated", "request_id": new_request_id()}
