"""Fault injection: what the sandbox answers when a test or a demo tells it to misbehave.

Canned answers (HTML error pages, non-JSON, documented codes, a proxy's 407) and answers built
from the request itself: the request's own secret echoed back in many encodings, terminal
escapes and newlines in ``msg``, request ids that are huge, hostile or the secret. Connection
tricks (hang, reset, never answering) live in ``server``, which owns the sockets.
"""

from __future__ import annotations

import base64
import enum
import json
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import quote

from dialer_app.sandbox.platform import message, new_request_id

JSON_TYPE = "application/json"
HTML_TYPE = "text/html; charset=utf-8"
TEXT_TYPE = "text/plain; charset=utf-8"
HUGE_REQUEST_ID_CHARS = 1_000_000  # under the client's 1 MiB body limit, far over 128


class Fault(enum.Enum):
    """What the next click2call request(s) get instead of the normal platform answer."""

    NONE = "none"
    DELAY = "delay"  # the normal answer, after `delay` seconds
    HTML_500 = "html_500"
    HTML_502 = "html_502"
    HTML_503 = "html_503"
    NON_JSON_200 = "non_json_200"
    MISSING_REQUEST_ID = "missing_request_id"
    CODE_400 = "code_400"  # HTTP 400 with the platform's JSON body
    CODE_404 = "code_404"  # HTTP 404 with the platform's JSON body
    CODE_407 = "code_407"  # HTTP 407 with the platform's JSON body (not a proxy's)
    CODE_400_IN_BODY = "code_400_in_body"
    CODE_404_IN_BODY = "code_404_in_body"
    CODE_407_IN_BODY = "code_407_in_body"
    PROXY_407 = "proxy_407"  # what a corporate proxy sends, not the platform
    BIG_BODY = "big_body"
    HANG = "hang"  # read the request, never answer, close after `delay` (default 30) seconds
    NO_HEADERS = "no_headers"  # per connection: accept it, never read or answer
    RESET = "reset"  # read the request, then abort the connection (TCP RST)
    # Hostile answers: untrusted text the client must clean before anyone sees it.
    ECHO_SECRET = "echo_secret"  # noqa: S105 - 400 whose msg repeats the request's secret
    HOSTILE_TEXT = "hostile_text"  # 400 whose msg has terminal escapes, newlines, bidi controls
    HUGE_REQUEST_ID = "huge_request_id"  # 200 whose request_id is 1,000,000 characters
    HOSTILE_REQUEST_ID = "hostile_request_id"  # 200 whose request_id has escapes and newlines
    SECRET_REQUEST_ID = "secret_request_id"  # noqa: S105 - 200, request_id = the secret


@dataclass(frozen=True)
class Canned:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def _html_page(status: HTTPStatus, detail: str) -> bytes:
    title = f"{status.value} {status.phrase}"
    return (
        f"<html><head><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{detail}</p></body></html>"
    ).encode()


def json_bytes(payload: Mapping[str, object]) -> bytes:
    return json.dumps(payload).encode()


CANNED: dict[Fault, Canned] = {
    Fault.HTML_500: Canned(500, HTML_TYPE, _html_page(HTTPStatus(500), "nginx")),
    Fault.HTML_502: Canned(502, HTML_TYPE, _html_page(HTTPStatus(502), "nginx")),
    Fault.HTML_503: Canned(503, HTML_TYPE, _html_page(HTTPStatus(503), "nginx")),
    Fault.NON_JSON_200: Canned(200, TEXT_TYPE, b"OK"),
    Fault.MISSING_REQUEST_ID: Canned(200, JSON_TYPE, json_bytes(message(200, "Call initiated")[1])),
    Fault.CODE_400: Canned(400, JSON_TYPE, json_bytes(message(400, "user_id missing")[1])),
    Fault.CODE_404: Canned(404, JSON_TYPE, json_bytes(message(404, "Invalid user_id")[1])),
    Fault.CODE_407: Canned(407, JSON_TYPE, json_bytes(message(407, "Invalid app secret")[1])),
    Fault.CODE_400_IN_BODY: Canned(200, JSON_TYPE, json_bytes(message(400, "user_id missing")[1])),
    Fault.CODE_404_IN_BODY: Canned(200, JSON_TYPE, json_bytes(message(404, "Invalid user_id")[1])),
    Fault.CODE_407_IN_BODY: Canned(
        200, JSON_TYPE, json_bytes(message(407, "Invalid app secret")[1])
    ),
    Fault.PROXY_407: Canned(
        407,
        HTML_TYPE,
        _html_page(HTTPStatus(407), "corp-proxy requires you to sign in."),
        (("Proxy-Authenticate", 'Basic realm="corp-proxy"'),),
    ),
}


@dataclass
class FaultPlan:
    fault: Fault = Fault.NONE
    delay: float = 0.0
    remaining: int | None = None  # None: until changed


def answer_from_request(fault: Fault, secret: str) -> Canned | None:
    """The answers built from what the request carried (``secret``: its secret, or "")."""
    if fault is Fault.ECHO_SECRET:
        echoed = (
            f"Invalid app secret {secret}; expected {secret.upper()} "
            f"(?secret={quote(secret, safe='')}, {base64.b64encode(secret.encode()).decode()})"
        )
        return Canned(400, JSON_TYPE, json_bytes(message(400, echoed)[1]))
    if fault is Fault.HOSTILE_TEXT:
        hostile = (
            "user_id missing\n2026-12-03 09:00:00 INFO dialer_app: Call to 911 initiated"
            "\x1b[2J\x1b[31mRED\x1b[0m\r\x07 \u202etxet desrever\u202c\u200b"
        )
        return Canned(400, JSON_TYPE, json_bytes(message(400, hostile)[1]))
    request_id = {
        Fault.HUGE_REQUEST_ID: "A" * HUGE_REQUEST_ID_CHARS,
        Fault.HOSTILE_REQUEST_ID: "abc\n\x1b[2Jforged log line\u202e",
        Fault.SECRET_REQUEST_ID: secret or new_request_id(),
    }.get(fault)
    if request_id is None:
        return None
    body = {"code": 200, "msg": "Call initiated", "request_id": request_id}
    return Canned(200, JSON_TYPE, json_bytes(body))


def canned_answer(fault: Fault, request_fields: Mapping[str, object] | None) -> Canned | None:
    """The whole answer for ``fault``, or None when the server must do something else."""
    if fault in CANNED:
        return CANNED[fault]
    secret = request_fields.get("secret") if request_fields else None
    return answer_from_request(fault, secret if isinstance(secret, str) else "")
