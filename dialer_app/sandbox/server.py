"""A loopback stand-in for the TeleCMI click2call platform, for tests and demos.

It behaves as the vendor documentation describes (see docs in ``click2call-api.md``) and can be
told to misbehave (:class:`Fault`) so every error path of a client can be exercised without an
account. Standard library only: it must run wherever the app runs, with no extra dependencies.

Run it by hand with ``python -m dialer_app.sandbox [--host H] [--port P] [--fault NAME]``.
"""

from __future__ import annotations

import argparse
import contextlib
import enum
import hmac
import http.server
import itertools
import json
import logging
import re
import secrets
import select
import socket
import socketserver
import struct
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from typing import Any, ClassVar, cast
from urllib.parse import parse_qsl, urlsplit

from dialer_app.core.call_request import Account
from dialer_app.core.urls import CLICK2CALL_PATH, is_loopback_host

__all__ = [
    "CLICK2CALL_PATH",
    "DEMO_SECRET",
    "DEMO_USER_ID",
    "Fault",
    "RecordedRequest",
    "SandboxServer",
    "is_loopback_host",
    "main",
    "new_request_id",
    "platform_reply",
]

DEMO_USER_ID = "101_1111112"
DEMO_SECRET = "sandbox-demo-secret"  # noqa: S105 - documented demo credential, not a real secret

_LOG = logging.getLogger(__name__)

_JSON = "application/json"
_HTML = "text/html; charset=utf-8"
_TEXT = "text/plain; charset=utf-8"
_REDACTED = "***"
_SENSITIVE_KEYS = frozenset({"secret"})
_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})

_POLL_INTERVAL = 0.05  # how often blocked loops notice stop(); keeps stop() well under 1 s
_DEFAULT_HANG_SECONDS = 30.0
_IDLE_TIMEOUT = 300.0  # drop keep-alive connections that stay silent this long
_MAX_REQUEST_BODY = 1024 * 1024
_BIG_BODY_PADDING = 2 * 1024 * 1024
_DRAIN_CHUNK = 65536

_EXTRA_PARAM_KEY = re.compile(r"extra_params\[([^\]]*)\]")
_QUERY_NUMBER = re.compile(r"[1-9][0-9]*")  # a leading zero cannot be a JSON number either
_QUERY_BOOLEANS = {"true": True, "false": False}
_NUMBER_FIELDS = ("to", "callerid")
_BOOLEAN_FIELDS = ("webrtc", "followme")


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


@dataclass(frozen=True, repr=False)
class RecordedRequest:
    """One click2call request as the sandbox received it.

    ``path`` excludes the query string (see ``query``); ``headers`` keys are lower-case.
    """

    method: str
    path: str
    headers: dict[str, str]
    query: dict[str, str]
    json_body: dict[str, object] | None
    raw_body: bytes
    received_at: float  # time.monotonic()
    connection_id: int

    def __repr__(self) -> str:
        # The secret travels in the body or query: never let it reach a log or a test report.
        return (
            f"RecordedRequest(method={self.method!r}, path={self.path!r}, "
            f"query={_redact(self.query, _SENSITIVE_KEYS)!r}, "
            f"json_body={_redact(self.json_body, _SENSITIVE_KEYS)!r}, "
            f"raw_body=<{len(self.raw_body)} bytes>, "
            f"headers={_redact(self.headers, _SENSITIVE_HEADERS)!r}, "
            f"received_at={self.received_at!r}, connection_id={self.connection_id!r})"
        )


def _redact(mapping: Mapping[str, Any] | None, sensitive: frozenset[str]) -> dict[str, Any] | None:
    if mapping is None:
        return None
    return {key: _REDACTED if key.lower() in sensitive else value for key, value in mapping.items()}


# --- platform behaviour (pure functions) -------------------------------------------------------


def new_request_id() -> str:
    """A fresh id shaped like the platform's: 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def _message(code: int, msg: str) -> tuple[int, dict[str, object]]:
    return code, {"code": code, "msg": msg}


def _parse_json_object(body: bytes) -> dict[str, object] | None:
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


def _params_from_query(pairs: Sequence[tuple[str, str]]) -> dict[str, object]:
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
            return _message(400, problem)
    account_problem = _account_problem(params, accounts)
    if account_problem is not None:
        return _message(*account_problem)
    return 200, {"code": 200, "msg": "Call initiated", "request_id": new_request_id()}


# --- canned fault answers ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Canned:
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


def _json_bytes(payload: Mapping[str, object]) -> bytes:
    return json.dumps(payload).encode()


_CANNED: dict[Fault, _Canned] = {
    Fault.HTML_500: _Canned(500, _HTML, _html_page(HTTPStatus(500), "nginx")),
    Fault.HTML_502: _Canned(502, _HTML, _html_page(HTTPStatus(502), "nginx")),
    Fault.HTML_503: _Canned(503, _HTML, _html_page(HTTPStatus(503), "nginx")),
    Fault.NON_JSON_200: _Canned(200, _TEXT, b"OK"),
    Fault.MISSING_REQUEST_ID: _Canned(200, _JSON, _json_bytes(_message(200, "Call initiated")[1])),
    Fault.CODE_400: _Canned(400, _JSON, _json_bytes(_message(400, "user_id missing")[1])),
    Fault.CODE_404: _Canned(404, _JSON, _json_bytes(_message(404, "Invalid user_id")[1])),
    Fault.CODE_407: _Canned(407, _JSON, _json_bytes(_message(407, "Invalid app secret")[1])),
    Fault.CODE_400_IN_BODY: _Canned(200, _JSON, _json_bytes(_message(400, "user_id missing")[1])),
    Fault.CODE_404_IN_BODY: _Canned(200, _JSON, _json_bytes(_message(404, "Invalid user_id")[1])),
    Fault.CODE_407_IN_BODY: _Canned(
        200, _JSON, _json_bytes(_message(407, "Invalid app secret")[1])
    ),
    Fault.PROXY_407: _Canned(
        407,
        _HTML,
        _html_page(HTTPStatus(407), "corp-proxy requires you to sign in."),
        (("Proxy-Authenticate", 'Basic realm="corp-proxy"'),),
    ),
}


# --- shared state ------------------------------------------------------------------------------


@dataclass
class _FaultPlan:
    fault: Fault = Fault.NONE
    delay: float = 0.0
    remaining: int | None = None  # None: until changed


class _SandboxState:
    """Everything the handler threads and the test thread share, behind one lock."""

    def __init__(self, accounts: Mapping[str, str]) -> None:
        self.accounts: Mapping[str, str] = dict(accounts)
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._recorded = threading.Condition(self._lock)
        self._requests: list[RecordedRequest] = []
        self._plan = _FaultPlan()
        self._connections_accepted = 0
        self._connection_ids = itertools.count(1)
        self._open_connections: dict[socket.socket, int] = {}

    # connections
    def register_connection(self, sock: socket.socket) -> None:
        with self._lock:
            self._connections_accepted += 1
            self._open_connections[sock] = next(self._connection_ids)

    def connection_id(self, sock: socket.socket) -> int:
        with self._lock:
            return self._open_connections.get(sock, 0)

    def forget_connection(self, sock: socket.socket) -> None:
        with self._lock:
            self._open_connections.pop(sock, None)

    @property
    def connections_accepted(self) -> int:
        with self._lock:
            return self._connections_accepted

    def abort_open_connections(self) -> None:
        """Wake every handler blocked on its socket; their own threads then close them."""
        with self._lock:
            open_sockets = list(self._open_connections)
        for sock in open_sockets:
            with contextlib.suppress(OSError):  # already closed by its handler
                sock.shutdown(socket.SHUT_RDWR)

    # recorded requests
    def record(self, request: RecordedRequest) -> None:
        with self._recorded:
            self._requests.append(request)
            self._recorded.notify_all()

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def wait_for_requests(self, count: int, timeout: float) -> list[RecordedRequest]:
        with self._recorded:
            if not self._recorded.wait_for(lambda: len(self._requests) >= count, timeout):
                raise TimeoutError(
                    f"expected {count} click2call request(s) within {timeout} s, "
                    f"got {len(self._requests)}"
                )
            return list(self._requests)

    # faults
    def set_fault(self, fault: Fault, delay: float, times: int | None) -> None:
        with self._lock:
            self._plan = _FaultPlan(fault, delay, times)

    def take_request_fault(self) -> tuple[Fault, float]:
        """The fault for one request just read; NO_HEADERS only concerns new connections."""
        with self._lock:
            if self._plan.fault in (Fault.NONE, Fault.NO_HEADERS):
                return Fault.NONE, 0.0
            return self._consume_plan()

    def take_connection_fault(self) -> bool:
        """True when this new connection must be left unread and unanswered."""
        with self._lock:
            if self._plan.fault is not Fault.NO_HEADERS:
                return False
            self._consume_plan()
            return True

    def _consume_plan(self) -> tuple[Fault, float]:
        plan = self._plan
        if plan.remaining is not None:
            plan.remaining -= 1
            if plan.remaining <= 0:
                self._plan = _FaultPlan()
        return plan.fault, plan.delay

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()
            self._connections_accepted = 0
            self._plan = _FaultPlan()


# --- HTTP plumbing -----------------------------------------------------------------------------


class _Click2CallHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: one client connection serves many calls
    server_version = "click2call-sandbox"
    timeout = _IDLE_TIMEOUT

    _ALLOWED_METHODS: ClassVar[tuple[str, ...]] = ("GET", "HEAD", "POST")

    @property
    def _state(self) -> _SandboxState:
        return cast(_SandboxHTTPServer, self.server).state

    def handle(self) -> None:
        if self._state.take_connection_fault():
            self.close_connection = True
            self._hold_connection(limit=None)
            return
        super().handle()

    def do_GET(self) -> None:
        self._dispatch()

    def do_HEAD(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def do_PUT(self) -> None:
        self._dispatch()

    def do_PATCH(self) -> None:
        self._dispatch()

    def do_DELETE(self) -> None:
        self._dispatch()

    def do_OPTIONS(self) -> None:
        self._dispatch()

    def log_message(self, format: str, *args: Any) -> None:
        # The request line may carry the secret in its query string: log the bare path only.
        path = urlsplit(getattr(self, "path", "") or "").path
        _LOG.debug("%s %s", getattr(self, "command", "") or "-", path or "-")

    # request flow
    def _dispatch(self) -> None:
        url = urlsplit(self.path)
        body = self._read_body_or_reject()
        if body is None:
            return
        if url.path != CLICK2CALL_PATH:
            self._send_json(*_message(404, "Not found"))
            return
        recorded = self._record(url.path, url.query, body)
        fault, delay = self._state.take_request_fault()
        if fault is Fault.NONE:
            self._answer_as_platform(recorded, url.query)
        else:
            self._answer_with_fault(fault, delay, recorded, url.query)

    def _read_body_or_reject(self) -> bytes | None:
        """The request body, or None after answering a request whose body cannot be framed."""
        problem = self._body_framing_problem()
        if problem is not None:
            self.close_connection = True  # an unread body would poison the next request
            self._send_json(*_message(*problem))
            return None
        length = self._content_length() or 0
        return self.rfile.read(length) if length else b""

    def _body_framing_problem(self) -> tuple[int, str] | None:
        if "Transfer-Encoding" in self.headers:
            return 411, "Content-Length required"
        length = self._content_length()
        if length is None or length < 0:
            return 400, "Invalid Content-Length"
        if length > _MAX_REQUEST_BODY:
            return 413, "Request body too large"
        return None

    def _content_length(self) -> int | None:
        try:
            return int(self.headers.get("Content-Length", "0"))
        except ValueError:
            return None

    def _record(self, path: str, query: str, body: bytes) -> RecordedRequest:
        recorded = RecordedRequest(
            method=self.command,
            path=path,
            headers={key.lower(): value for key, value in self.headers.items()},
            query=dict(parse_qsl(query, keep_blank_values=True)),
            json_body=_parse_json_object(body) if body else None,
            raw_body=body,
            received_at=time.monotonic(),
            connection_id=self._state.connection_id(self.connection),
        )
        self._state.record(recorded)
        return recorded

    def _answer_as_platform(self, recorded: RecordedRequest, query: str) -> None:
        if recorded.method not in self._ALLOWED_METHODS:
            allow = (("Allow", ", ".join(self._ALLOWED_METHODS)),)
            self._send_json(*_message(405, "Method not allowed"), headers=allow)
            return
        if recorded.method == "POST":
            params = recorded.json_body
            if params is None:
                self._send_json(*_message(400, "Invalid JSON body"))
                return
        else:
            params = _params_from_query(parse_qsl(query, keep_blank_values=True))
        self._send_json(*platform_reply(params, self._state.accounts))

    def _answer_with_fault(
        self, fault: Fault, delay: float, recorded: RecordedRequest, query: str
    ) -> None:
        canned = _CANNED.get(fault)
        if canned is not None:
            self._send(canned.status, canned.content_type, canned.body, canned.headers)
        elif fault is Fault.DELAY:
            if self._state.stopping.wait(delay):
                self.close_connection = True
            else:
                self._answer_as_platform(recorded, query)
        elif fault is Fault.BIG_BODY:
            payload = {
                "code": 200,
                "msg": "Call initiated",
                "request_id": new_request_id(),
                "padding": "x" * _BIG_BODY_PADDING,
            }
            self._send_json(200, payload)
        elif fault is Fault.HANG:
            self.close_connection = True
            self._hold_connection(limit=delay if delay > 0 else _DEFAULT_HANG_SECONDS)
        elif fault is Fault.RESET:
            self._reset_connection()

    # responses and connection tricks
    def _send_json(
        self,
        status: int,
        payload: Mapping[str, object],
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        self._send(status, _JSON, _json_bytes(payload), headers)

    def _send(
        self,
        status: int,
        content_type: str,
        body: bytes,
        headers: Sequence[tuple[str, str]] = (),
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _hold_connection(self, limit: float | None) -> None:
        """Keep the connection open without answering until the peer leaves, stop() or `limit`.

        Whatever the client sends meanwhile is drained unparsed, so a closed peer is noticed.
        """
        deadline = None if limit is None else time.monotonic() + limit
        while not self._state.stopping.is_set():
            wait = _POLL_INTERVAL
            if deadline is not None:
                wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    return
            if not self._peer_still_there(wait):
                return

    def _peer_still_there(self, wait: float) -> bool:
        try:
            readable, _, _ = select.select([self.connection], [], [], wait)
            return not readable or bool(self.connection.recv(_DRAIN_CHUNK))
        except (OSError, ValueError):  # ValueError: the socket is already closed
            return False

    def _reset_connection(self) -> None:
        """Abort with SO_LINGER 0 so the client sees a reset instead of a clean close."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # drop the reader's reference so close() really closes the socket
        self.connection.close()


class _SandboxHTTPServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, address: tuple[str, int], state: _SandboxState) -> None:
        self.state = state
        super().__init__(address, _Click2CallHandler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind does a reverse DNS lookup (getfqdn) that can stall for seconds.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def process_request(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any
    ) -> None:
        if isinstance(request, socket.socket):
            self.state.register_connection(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: socket.socket | tuple[bytes, socket.socket]) -> None:
        if isinstance(request, socket.socket):
            self.state.forget_connection(request)
        super().shutdown_request(request)

    def handle_error(
        self, request: socket.socket | tuple[bytes, socket.socket], client_address: Any
    ) -> None:
        # Clients that hang up mid-answer are routine here; keep stderr quiet.
        _LOG.debug("sandbox connection ended with an error", exc_info=True)


class _SandboxHTTPServerV6(_SandboxHTTPServer):
    address_family = socket.AF_INET6


# --- public server -----------------------------------------------------------------------------


class SandboxServer:
    """The click2call sandbox on a loopback port, served from a daemon thread.

    ``with SandboxServer() as sandbox: ...`` starts and stops it.
    """

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        accounts: dict[str, str] | None = None,
    ) -> None:
        if not is_loopback_host(host):
            raise ValueError(f"the sandbox only binds loopback addresses, not {host!r}")
        self._host = host
        self._port = port
        self._state = _SandboxState(
            accounts if accounts is not None else {DEMO_USER_ID: DEMO_SECRET}
        )
        self._lifecycle = threading.Lock()
        self._httpd: _SandboxHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._address: tuple[str, int] | None = None

    def start(self) -> SandboxServer:
        with self._lifecycle:
            if self._address is not None:
                raise RuntimeError("this sandbox was already started; create a new one")
            server_class = _SandboxHTTPServerV6 if ":" in self._host else _SandboxHTTPServer
            httpd = server_class((self._host, self._port), self._state)
            host, port = httpd.server_address[:2]
            self._address = (str(host), int(port))
            self._httpd = httpd
            self._thread = threading.Thread(
                target=httpd.serve_forever,
                kwargs={"poll_interval": _POLL_INTERVAL},
                name=f"click2call-sandbox:{port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and drop open connections, hung ones included. Safe to call twice."""
        with self._lifecycle:
            httpd, thread = self._httpd, self._thread
            self._httpd = self._thread = None
        if httpd is None or thread is None:
            return
        self._state.stopping.set()
        httpd.shutdown()
        self._state.abort_open_connections()
        httpd.server_close()
        thread.join(timeout=1.0)

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        if self._address is None:
            raise RuntimeError("start() the sandbox before asking for its URL")
        host, port = self._address
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def demo_account(self) -> Account:
        """The account the sandbox accepts by default (its secret is public)."""
        return Account(DEMO_USER_ID, DEMO_SECRET)

    @property
    def requests(self) -> list[RecordedRequest]:
        """A copy of the click2call requests received so far, oldest first."""
        return self._state.requests

    @property
    def connections_accepted(self) -> int:
        return self._state.connections_accepted

    def wait_for_requests(self, count: int, timeout: float = 5.0) -> list[RecordedRequest]:
        """Block until at least `count` click2call requests arrived; TimeoutError otherwise."""
        return self._state.wait_for_requests(count, timeout)

    def set_fault(self, fault: Fault, *, delay: float = 0.0, times: int | None = None) -> None:
        """Misbehave for the next `times` requests (None: until changed).

        NO_HEADERS counts new connections, since their requests are never read.
        """
        if delay < 0:
            raise ValueError("delay must not be negative")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1, or None for 'until changed'")
        self._state.set_fault(fault, delay, times)

    def clear(self) -> None:
        """Forget recorded requests, reset the connection counter and the fault."""
        self._state.clear()


# --- standalone runner -------------------------------------------------------------------------


def _fault_by_name(name: str) -> Fault:
    try:
        return Fault[name.upper()]
    except KeyError:
        choices = ", ".join(fault.name for fault in Fault)
        raise argparse.ArgumentTypeError(f"unknown fault {name!r}; choose from {choices}") from None


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m dialer_app.sandbox",
        description="Serve a loopback imitation of the TeleCMI click2call API.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=8765, help="port (0: any free port)")
    parser.add_argument("--fault", type=_fault_by_name, default=Fault.NONE, help="fault name")
    parser.add_argument("--delay", type=float, default=0.0, help="seconds for DELAY / HANG")
    args = parser.parse_args(argv)
    if not is_loopback_host(args.host):
        parser.error(f"refusing to bind {args.host!r}: the sandbox only serves loopback addresses")
    if args.delay < 0:
        parser.error("--delay must not be negative")
    return args


def start_in_process() -> SandboxServer:
    """A sandbox for the app's own ``--sandbox`` mode, on a free loopback port."""
    return SandboxServer().start()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the sandbox in the foreground until Ctrl+C."""
    args = _parse_args(argv)
    try:
        sandbox = SandboxServer(args.host, args.port).start()
    except OSError as error:
        print(f"cannot listen on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 1
    sandbox.set_fault(args.fault, delay=args.delay)
    print(f"click2call sandbox at {sandbox.base_url}{CLICK2CALL_PATH}", flush=True)
    print(f"base URL: {sandbox.base_url}", flush=True)
    print(f"demo user_id: {DEMO_USER_ID}  demo secret: {DEMO_SECRET}", flush=True)
    if args.fault is not Fault.NONE:
        print(f"fault: {args.fault.name} (delay {args.delay} s)", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    try:
        while True:
            time.sleep(0.5)  # unlike Event.wait(), interruptible by Ctrl+C on every platform
    except KeyboardInterrupt:
        print("stopping", flush=True)
    finally:
        sandbox.stop()
    return 0

