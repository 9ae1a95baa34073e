"""The click2call client: one long-lived ``httpx.Client``, strict timeouts, no unsafe resends.

Thread-safe: one client can serve calls from several worker threads; repeated calls reuse the
kept-alive connection.
"""

from __future__ import annotations

import logging
import socket
import ssl
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx

from dialer_app import __version__
from dialer_app.core.call_errors import (
    CHECK_BEFORE_RETRY,
    Click2CallError,
    ConnectionFailedError,
    ProxyAuthenticationError,
    RequestTimeoutError,
    UnreadableResponseError,
)
from dialer_app.core.call_request import Account, CallRequest, CallResult
from dialer_app.core.call_response import (
    MAX_RESPONSE_BYTES,
    PROXY_AUTH_HELP,
    interpret_response,
)
from dialer_app.core.client_config import ClientConfig
from dialer_app.core.redact import protect_http_loggers, register_secret
from dialer_app.core.urls import (
    CLICK2CALL_PATH,
    display_host,
    is_loopback_host,
    validate_base_url,
)

log = logging.getLogger(__name__)


class _NotSentError(Exception):
    """A failure before the request left this machine: safe to retry."""

    def __init__(self, error: Click2CallError) -> None:
        super().__init__(error.message)
        self.error = error


def _root_causes(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _ssl_context() -> ssl.SSLContext:
    """Verify TLS against the OS trust store, so corporate CAs work."""
    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


class Click2CallClient:
    """Places click2call requests. Call ``close()`` (or use ``with``) when done."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.config = config or ClientConfig()
        base_url = validate_base_url(self.config.base_url)
        self._host = display_host(base_url)
        loopback = is_loopback_host(urlsplit(base_url).hostname or "")
        protect_http_loggers()
        verify: ssl.SSLContext | bool = True
        if base_url.startswith("https://"):
            verify = ssl_context or _ssl_context()
        self._http = httpx.Client(
            base_url=base_url,
            verify=verify,
            proxy=None if loopback else self.config.proxy or None,
            # The sandbox on loopback never goes through a proxy; elsewhere honour the
            # environment and OS proxy settings (httpx reads them through urllib).
            trust_env=not loopback,
            transport=transport,
            follow_redirects=False,
            headers={"User-Agent": f"dialer-app/{__version__}", "Accept": "application/json"},
            limits=httpx.Limits(max_keepalive_connections=4, keepalive_expiry=120),
        )

    def __enter__(self) -> Click2CallClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def place_call(self, account: Account, request: CallRequest) -> CallResult:
        """Send one click2call; return the platform's result or raise ``Click2CallError``.

        Retries only failures that happened before the request left (refused connection,
        DNS, connect timeout), at most ``connect_retries`` times; never anything else.
        """
        register_secret(account.secret)
        deadline = time.monotonic() + self.config.total_timeout
        retries_left = self.config.connect_retries
        while True:
            try:
                return self._send_once(account, request, deadline)
            except _NotSentError as not_sent:
                remaining = deadline - time.monotonic()
                if retries_left <= 0 or remaining <= self.config.retry_backoff:
                    raise not_sent.error from None
                retries_left -= 1
                log.info("Connection failed before sending (%s); retrying", not_sent.error.kind)
                time.sleep(self.config.retry_backoff)

    def warm_up(self) -> None:
        """Open the connection ahead of a call (DNS, TCP, TLS), ignoring any failure."""
        try:
            self._http.request("HEAD", "/", timeout=self.config.connect_timeout).close()
        except httpx.HTTPError as exc:
            log.debug("Warm-up failed: %s", type(exc).__name__)

    def _send_once(self, account: Account, request: CallRequest, deadline: float) -> CallResult:
        remaining = max(deadline - time.monotonic(), 0.001)
        timeout = httpx.Timeout(remaining, connect=min(self.config.connect_timeout, remaining))
        if self.config.use_get:
            params = httpx.QueryParams(tuple(request.query_params(account)))
            http_request = self._http.build_request(
                "GET", CLICK2CALL_PATH, params=params, timeout=timeout
            )
        else:
            http_request = self._http.build_request(
                "POST", CLICK2CALL_PATH, json=request.json_body(account), timeout=timeout
            )
        try:
            response = self._http.send(http_request, stream=True)
        except httpx.HTTPError as exc:
            raise self._translate(exc) from None
        try:
            body = self._read_body(response, deadline)
        except httpx.HTTPError as exc:
            raise self._translate(exc) from None
        finally:
            response.close()
        return interpret_response(response.status_code, response.headers, body)

    def _read_body(self, response: httpx.Response, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_RESPONSE_BYTES:
            return b"\0" * (MAX_RESPONSE_BYTES + 1)
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                break
            if time.monotonic() > deadline:
                raise RequestTimeoutError(self._timeout_message(), may_have_reached=True)
        return b"".join(chunks)

    def _timeout_message(self) -> str:
        return (
            f"{self._host} did not answer within {self.config.total_timeout:g} s."
            + CHECK_BEFORE_RETRY
        )

    def _translate(self, exc: httpx.HTTPError) -> Click2CallError | _NotSentError:
        """Map an httpx failure to our error; wrap it in ``_NotSentError`` when retry-safe."""
        host = self._host
        causes = list(_root_causes(exc))
        if isinstance(exc, httpx.ConnectTimeout):
            return _NotSentError(
                RequestTimeoutError(
                    f"Could not connect to {host} within {self.config.connect_timeout:g} s. "
                    "Check the internet connection, firewall or proxy.",
                    may_have_reached=False,
                )
            )
        if isinstance(exc, httpx.ProxyError) and "407" in str(exc):
            return ProxyAuthenticationError(PROXY_AUTH_HELP)
        if isinstance(exc, httpx.ProxyError):
            return ConnectionFailedError(
                f"The proxy refused to connect to {host}. Check the proxy settings "
                "(Settings › Connection) or ask your IT team."
            )
        if isinstance(exc, httpx.ConnectError):
            if any(isinstance(c, ssl.SSLError | ssl.CertificateError) for c in causes):
                return ConnectionFailedError(
                    f"The secure connection to {host} failed: its certificate is not trusted "
                    "by this computer (or TLS failed). If your company inspects traffic, "
                    "install its root certificate in the system trust store."
                )
            if any(isinstance(c, socket.gaierror) for c in causes):
                return _NotSentError(
                    ConnectionFailedError(
                        f"Could not find {host} (DNS lookup failed). Check the internet "
                        "connection and the API base URL."
                    )
                )
            return _NotSentError(
                ConnectionFailedError(
                    f"Could not connect to {host} (connection refused or network unreachable). "
                    "Check the internet connection and the API base URL."
                )
            )
        if isinstance(exc, httpx.TimeoutException):
            return RequestTimeoutError(self._timeout_message(), may_have_reached=True)
        if isinstance(exc, httpx.TransportError):
            return ConnectionFailedError(
                f"The connection to {host} broke before its answer arrived." + CHECK_BEFORE_RETRY,
                may_have_reached=True,
            )
        return UnreadableResponseError(
            f"The answer from {host} could not be read ({type(exc).__name__})." + CHECK_BEFORE_RETRY
        )
