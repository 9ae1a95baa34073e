"""A loopback stand-in for the TeleCMI click2call platform, for tests and demos.

It behaves as the vendor documentation describes (see docs in ``click2call-api.md``) and can be
told to misbehave (:class:`Fault`) so every error path of a client can be exercised without an
account. Standard library only: it must run wherever the app runs, with no extra dependencies.

Run it by hand with ``python -m dialer_app.sandbox [--host H] [--port P] [--fault NAME]``.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import itertools
import logging
import select
import socket
import socketserver
import struct
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Any, ClassVar, cast
from urllib.parse import parse_qsl, urlsplit

from dialer_app.core.call_request import Account
from dialer_app.core.urls import CLICK2CALL_PATH, is_loopback_host
from dialer_app.sandbox.faults import (
    JSON_TYPE,
    Fault,
    FaultPlan,
    canned_answer,
    json_bytes,
)
from dialer_app.sandbox.platform import (
    DEMO_SECRET,
    DEMO_USER_ID,
    message,
    new_request_id,
    params_from_query,
    parse_json_object,
    platform_reply,
)

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

_LOG = logging.getLogger(__name__)

_REDACTED = "***"
_SENSITIVE_KEYS = frozenset({"secret"})
_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})

_POLL_INTERVAL = 0.05  # how often blocked loops notice stop(); keeps stop() well under 1 s
_DEFAULT_HANG_SECONDS = 30.0
_IDLE_TIMEOUT = 300.0  # drop keep-alive connections that stay silent this long
_MAX_REQUEST_BODY = 1024 * 1024
_BIG_BODY_PADDING = 2 * 1024 * 1024
_DRAIN_CHUNK = 65536



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


# --- shared state ------------------------------------------------------------------------------


class _SandboxState:
    """Everything the handler threads and the test thread share, behind one lock."""

    def __init__(self, accounts: Mapping[str, str]) -> None:
        self.accounts: Mapping[str, str] = dict(accounts)
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._recorded = threading.Condition(self._lock)
        self._requests: list[RecordedRequest] = []
        self._plan = FaultPlan()
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
            self._plan = FaultPlan(fault, delay, times)

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
                self._plan = FaultPlan()
        return plan.fault, plan.delay

    def clear(self) -> None:
        with self._lock:
            self._requests.clear()
            self._connections_accepted = 0
            self._plan = FaultPlan()


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
            self._send_json(*message(404, "Not found"))
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
            self._send_json(*message(*problem))
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
            json_body=parse_json_object(body) if body else None,
            raw_body=body,
            received_at=time.monotonic(),
            connection_id=self._state.connection_id(self.connection),
        )
        self._state.record(recorded)
        return recorded

    def _answer_as_platform(self, recorded: RecordedRequest, query: str) -> None:
        if recorded.method not in self._ALLOWED_METHODS:
            allow = (("Allow", ", ".join(self._ALLOWED_METHODS)),)
            self._send_json(*message(405, "Method not allowed"), headers=allow)
            return
        if recorded.method == "POST":
            params = recorded.json_body
            if params is None:
                self._send_json(*message(400, "Invalid JSON body"))
                return
        else:
            params = params_from_query(parse_qsl(query, keep_blank_values=True))
        self._send_json(*platform_reply(params, self._state.accounts))

    def _answer_with_fault(
        self, fault: Fault, delay: float, recorded: RecordedRequest, query: str
    ) -> None:
        fields = recorded.json_body or params_from_query(
            parse_qsl(query, keep_blank_values=True)
        )
        canned = canned_answer(fault, fields)
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
        self._send(status, JSON_TYPE, json_bytes(payload), headers)

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

