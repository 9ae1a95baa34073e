"""Every way a click2call can fail, how each is provoked on loopback, and what must follow.

Shared by the fault matrix (every surface, in-process) and the secret scan (real processes).
A hang would take the default 20 s request timeout to show; profiles used with these cases
set ``request_timeout`` to ``REQUEST_TIMEOUT_S`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from dialer_app.cli.output import EXIT_CREDENTIALS, EXIT_NETWORK, EXIT_REJECTED
from dialer_app.core.client_config import ClientConfig
from dialer_app.sandbox.server import DEMO_SECRET, Fault, SandboxServer
from tests.support.fault_servers import (
    ConnectProxy,
    OfflineResolver,
    TlsServer,
    closed_port,
)

REQUEST_TIMEOUT_S = 1.5
HANG_HOLD_S = 5.0  # the sandbox lets a hung connection go after this; the client gives up first
DNS_FAULT_HOST = "dns-fault.invalid"  # never resolved: the offline resolver refuses it
PROXIED_HOST = "click2call.invalid"  # only ever named in a CONNECT to the loopback proxy
NUMBER_TEXT = "+91 92000 00000"
NUMBER_DIGITS = "919200000000"
LINK = "tel:+91-92000-00000"
MAY_HAVE_BEEN_PLACED = "The call may still have been placed"
LOOKUPS_WHEN_DNS_FAILS = 1 + ClientConfig().connect_retries  # a failed lookup is safe to retry

Endpoint = Literal["sandbox", "refused", "tls", "dns", "proxy"]


@dataclass(frozen=True)
class FaultCase:
    """One fault: how it is provoked and what every surface must then show."""

    key: str
    title: str
    how: str
    kind: str  # CallFailure.kind / CLI error_kind / history error_kind
    exit_code: int  # of ``dialer-app call``
    message: str  # a fragment of what the agent reads
    sandbox_requests: int  # click2call requests the sandbox records for the failed call
    traffic: str  # what reached which server, and why
    fault: Fault = Fault.NONE
    endpoint: Endpoint = "sandbox"
    warns_placed: bool = False  # the message warns that the call may have been placed


_CREDENTIALS_404 = "The user id is not known to TeleCMI"
_CREDENTIALS_407 = "The app secret was rejected"
_REJECTED_400 = "TeleCMI rejected the request: user_id missing."
_PROXY_AUTH = "A proxy between this computer and TeleCMI asks for authentication"
_ANSWERED = "1: the sandbox read the request and answered it"


def _platform(code: int, fault: Fault, in_body: bool) -> FaultCase:
    kind, exit_code, message = {
        400: ("request_rejected", EXIT_REJECTED, _REJECTED_400),
        404: ("invalid_user_id", EXIT_CREDENTIALS, _CREDENTIALS_404),
        407: ("invalid_secret", EXIT_CREDENTIALS, _CREDENTIALS_407),
    }[code]
    where = "JSON code under HTTP 200" if in_body else "HTTP status + platform JSON body"
    return FaultCase(
        key=f"code_{code}_in_body" if in_body else f"http_{code}",
        title=f"{code} ({'in body, HTTP 200' if in_body else 'HTTP status'})",
        how=f"sandbox `Fault.{fault.name}` ({where})",
        kind=kind,
        exit_code=exit_code,
        message=message,
        sandbox_requests=1,
        traffic=_ANSWERED,
        fault=fault,
    )


def _server_error(code: int, fault: Fault) -> FaultCase:
    return FaultCase(
        key=f"html_{code}",
        title=f"HTTP {code} with an HTML page",
        how=f"sandbox `Fault.{fault.name}`",
        kind="server_error",
        exit_code=EXIT_NETWORK,
        message=f"TeleCMI had a server error (HTTP {code})",
        sandbox_requests=1,
        traffic=_ANSWERED,
        fault=fault,
    )


FAULT_CASES: tuple[FaultCase, ...] = (
    _platform(400, Fault.CODE_400, in_body=False),
    _platform(404, Fault.CODE_404, in_body=False),
    _platform(407, Fault.CODE_407, in_body=False),
    _platform(400, Fault.CODE_400_IN_BODY, in_body=True),
    _platform(404, Fault.CODE_404_IN_BODY, in_body=True),
    _platform(407, Fault.CODE_407_IN_BODY, in_body=True),
    FaultCase(
        key="proxy_407",
        title="proxy 407 (answer through to the server)",
        how="sandbox `Fault.PROXY_407`: HTTP 407 + `Proxy-Authenticate` + HTML, as a "
        "transparent proxy answers",
        kind="proxy_auth_required",
        exit_code=EXIT_NETWORK,
        message=_PROXY_AUTH,
        sandbox_requests=1,
        traffic="1: the sandbox itself plays the proxy, so it saw the request",
        fault=Fault.PROXY_407,
    ),
    FaultCase(
        key="proxy_connect_407",
        title="proxy 407 (CONNECT refused)",
        how=f"settings `proxy_url` = a loopback proxy answering 407; base URL "
        f"`https://{PROXIED_HOST}`",
        kind="proxy_auth_required",
        exit_code=EXIT_NETWORK,
        message=_PROXY_AUTH,
        sandbox_requests=0,
        traffic="0: the proxy refused the tunnel (it saw exactly 1 CONNECT); the request "
        "never left this machine, not retried",
        endpoint="proxy",
    ),
    FaultCase(
        key="echo_secret",
        title="400 whose message repeats the secret",
        how="sandbox `Fault.ECHO_SECRET`: `msg` holds the request's secret as sent, upper-case, "
        "URL-encoded and base64",
        kind="request_rejected",
        exit_code=EXIT_REJECTED,
        message="TeleCMI rejected the request: Invalid app secret [REDACTED]",
        sandbox_requests=1,
        traffic=_ANSWERED,
        fault=Fault.ECHO_SECRET,
    ),
    FaultCase(
        key="hostile_text",
        title="400 with escapes and newlines in its text",
        how="sandbox `Fault.HOSTILE_TEXT`: `msg` holds a newline and a forged log line, "
        "terminal escapes, a bell, bidi overrides and a zero-width space",
        kind="request_rejected",
        exit_code=EXIT_REJECTED,
        message="TeleCMI rejected the request: user_id missing 2026-12-03 09:00:00 INFO",
        sandbox_requests=1,
        traffic=_ANSWERED,
        fault=Fault.HOSTILE_TEXT,
    ),
    _server_error(500, Fault.HTML_500),
    _server_error(502, Fault.HTML_502),
    _server_error(503, Fault.HTML_503),
    FaultCase(
        key="non_json_200",
        title="HTTP 200, not JSON",
        how="sandbox `Fault.NON_JSON_200` (`text/plain` body `OK`)",
        kind="unreadable_response",
        exit_code=EXIT_NETWORK,
        message="answered HTTP 200 but not with JSON",
        sandbox_requests=1,
        traffic=_ANSWERED,
        fault=Fault.NON_JSON_200,
    ),
    FaultCase(
        key="missing_request_id",
        title="JSON without request_id",
        how="sandbox `Fault.MISSING_REQUEST_ID`",
        kind="unreadable_response",
        exit_code=EXIT_NETWORK,
        message="has no request_id, so the call cannot be confirmed",
        sandbox_requests=1,
        traffic=_ANSWERED,
        fault=Fault.MISSING_REQUEST_ID,
    ),
    FaultCase(
        key="big_body",
        title="body > 1 MiB",
        how="sandbox `Fault.BIG_BODY` (2 MiB JSON)",
        kind="unreadable_response",
        exit_code=EXIT_NETWORK,
        message="larger than 1024 KiB",
        sandbox_requests=1,
        traffic=_ANSWERED,
        fault=Fault.BIG_BODY,
    ),
    FaultCase(
        key="hang",
        title="hang (read timeout)",
        how=f"sandbox `Fault.HANG` (holds {HANG_HOLD_S:g} s); profile `request_timeout` "
        f"{REQUEST_TIMEOUT_S:g} s instead of 20 s",
        kind="timeout",
        exit_code=EXIT_NETWORK,
        message=f"did not answer within {REQUEST_TIMEOUT_S:g} s",
        sandbox_requests=1,
        traffic="1: read, never answered; the client gave up after the request timeout "
        "and did not resend",
        fault=Fault.HANG,
        warns_placed=True,
    ),
    FaultCase(
        key="no_headers",
        title="accepts, never answers headers",
        how=f"sandbox `Fault.NO_HEADERS` on a fresh connection; `request_timeout` "
        f"{REQUEST_TIMEOUT_S:g} s",
        kind="timeout",
        exit_code=EXIT_NETWORK,
        message=f"did not answer within {REQUEST_TIMEOUT_S:g} s",
        sandbox_requests=0,
        traffic="0: TCP accepted (1 connection) but the request was never read; the bytes "
        "did leave, so the message still warns the call may have been placed",
        fault=Fault.NO_HEADERS,
        warns_placed=True,
    ),
    FaultCase(
        key="refused",
        title="connection refused",
        how="base URL `http://127.0.0.1:<closed port>`",
        kind="cannot_connect",
        exit_code=EXIT_NETWORK,
        message="(connection refused or network unreachable)",
        sandbox_requests=0,
        traffic="0: nothing listens; retried twice (safe: nothing was sent)",
        endpoint="refused",
    ),
    FaultCase(
        key="reset",
        title="connection reset mid-response",
        how="sandbox `Fault.RESET` (reads the request, then TCP RST)",
        kind="cannot_connect",
        exit_code=EXIT_NETWORK,
        message="broke before its answer arrived",
        sandbox_requests=1,
        traffic="1: read, then reset; not resent (it may have reached the platform)",
        fault=Fault.RESET,
        warns_placed=True,
    ),
    FaultCase(
        key="tls_untrusted",
        title="TLS, untrusted certificate",
        how="base URL `https://localhost:<port>` of a self-signed TLS listener",
        kind="cannot_connect",
        exit_code=EXIT_NETWORK,
        message="its certificate is not trusted",
        sandbox_requests=0,
        traffic="0: the handshake failed (the TLS listener saw exactly 1, not retried); "
        "the request was never sent",
        endpoint="tls",
    ),
    FaultCase(
        key="dns",
        title="DNS failure",
        how=f"base URL `https://{DNS_FAULT_HOST}`; `socket.getaddrinfo` refuses every "
        "non-loopback name (in the process under test)",
        kind="cannot_connect",
        exit_code=EXIT_NETWORK,
        message=f"Could not find {DNS_FAULT_HOST} (DNS lookup failed)",
        sandbox_requests=0,
        traffic=f"0: the name never resolved ({LOOKUPS_WHEN_DNS_FAILS} lookups: 1 + 2 safe "
        "retries); nothing was sent",
        endpoint="dns",
    ),
)


@dataclass(frozen=True)
class Target:
    """Where one call goes: the API base URL and the proxy setting ("" for none)."""

    api_base: str
    proxy_url: str = ""


class Lab:
    """The sandbox and the other loopback endpoints; ``arm`` points the next call at a fault.

    ``resolver`` is the offline resolver of this process, when calls are placed in-process.
    """

    def __init__(
        self,
        sandbox: SandboxServer,
        tls: TlsServer,
        proxy: ConnectProxy,
        resolver: OfflineResolver | None,
    ) -> None:
        self.sandbox = sandbox
        self.tls = tls
        self.proxy = proxy
        self.resolver = resolver
        self.refused_port = closed_port()

    @classmethod
    @contextmanager
    def running(
        cls,
        cert_dir: Path,
        accounts: dict[str, str] | None = None,
        resolver: OfflineResolver | None = None,
    ) -> Iterator[Lab]:
        with SandboxServer(accounts=accounts) as sandbox:
            tls = TlsServer(cert_dir).start()
            proxy = ConnectProxy().start()
            try:
                yield cls(sandbox, tls, proxy, resolver)
            finally:
                proxy.stop()
                tls.stop()

    @property
    def healthy(self) -> Target:
        return Target(self.sandbox.base_url)

    def arm(self, case: FaultCase) -> Target:
        """Provoke ``case`` for the next call (sandbox faults stay until ``disarm``)."""
        if case.endpoint == "sandbox":
            self.sandbox.set_fault(case.fault, delay=HANG_HOLD_S if case.fault is Fault.HANG else 0)
            return self.healthy
        if case.endpoint == "refused":
            return Target(f"http://127.0.0.1:{self.refused_port}")
        if case.endpoint == "tls":
            return Target(self.tls.base_url)
        if case.endpoint == "dns":
            return Target(f"https://{DNS_FAULT_HOST}")
        return Target(f"https://{PROXIED_HOST}", self.proxy.url)

    def disarm(self) -> Target:
        self.sandbox.set_fault(Fault.NONE)
        return self.healthy

    def reset(self) -> None:
        """Forget every request, connection, handshake and lookup seen so far."""
        self.sandbox.clear()
        self.tls.clear()
        self.proxy.clear()
        if self.resolver is not None:
            self.resolver.clear()

    def assert_traffic(self, case: FaultCase) -> None:
        """Exactly what ``case.traffic`` says reached each server, and nothing else."""
        requests = self.sandbox.requests
        assert len(requests) == case.sandbox_requests, requests
        if case.fault is Fault.NO_HEADERS:
            assert self.sandbox.connections_accepted == 1
        if case.endpoint == "tls":
            assert self.tls.settled_handshakes() == ["refused"]  # one attempt, no retry
        else:
            assert self.tls.handshakes == []
        expected_connects = [f"CONNECT {PROXIED_HOST}:443 HTTP/1.1"]
        assert self.proxy.request_lines() == (expected_connects if case.endpoint == "proxy" else [])
        if self.resolver is not None:
            expected_lookups = [DNS_FAULT_HOST] * LOOKUPS_WHEN_DNS_FAILS
            assert self.resolver.refused == (expected_lookups if case.endpoint == "dns" else [])


def case_by_key(key: str) -> FaultCase:
    return next(case for case in FAULT_CASES if case.key == key)


def assert_clean_line(text: str, secret: str = DEMO_SECRET) -> None:
    """What the platform said reached the agent as one clean, secret-free line."""
    import base64
    import unicodedata
    from urllib.parse import quote

    odd = [ch for ch in text if unicodedata.category(ch) in ("Cc", "Cf")]
    assert not odd, f"control or format characters {odd!r} in {text!r}"
    lowered = text.lower()
    for form in (secret, quote(secret, safe=""), base64.b64encode(secret.encode()).decode()):
        assert form.lower() not in lowered, f"the secret ({form!r}) in {text!r}"
