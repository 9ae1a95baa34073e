"""The client over real sockets: keep-alive, proxies from the environment and settings, TLS."""

from __future__ import annotations

import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from dialer_app.core.call_errors import (
    ConnectionFailedError,
    ProxyAuthenticationError,
    RequestTimeoutError,
)
from dialer_app.core.call_request import Account, CallRequest
from dialer_app.core.click2call import Click2CallClient, ClientConfig
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, Fault, SandboxServer
from tests.support.fault_servers import write_self_signed_certificate

ACCOUNT = Account(DEMO_USER_ID, DEMO_SECRET)
REQUEST = CallRequest("919200000000")


class _ProxyHandler(socketserver.StreamRequestHandler):
    """A proxy that wants credentials: answers every request with 407."""

    def handle(self) -> None:
        first = self.rfile.readline().decode("latin-1")
        self.server.seen.append(first.strip())  # type: ignore[attr-defined]
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        self.wfile.write(
            b"HTTP/1.1 407 Proxy Authentication Required\r\n"
            b'Proxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n'
            b"Connection: close\r\n\r\n"
        )


@pytest.fixture
def auth_proxy() -> Iterator[tuple[str, list[str]]]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _ProxyHandler)
    server.seen = []  # type: ignore[attr-defined]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.seen  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def test_consecutive_calls_reuse_one_connection(sandbox: SandboxServer) -> None:
    with Click2CallClient(ClientConfig(base_url=sandbox.base_url)) as client:
        ids = {client.place_call(ACCOUNT, REQUEST).request_id for _ in range(20)}
    assert len(ids) == 20
    assert len(sandbox.requests) == 20
    assert sandbox.connections_accepted == 1


def test_environment_proxy_is_honoured(
    auth_proxy: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, seen = auth_proxy
    monkeypatch.setenv("HTTPS_PROXY", url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    with (
        Click2CallClient(ClientConfig(base_url="https://rest.telecmi.com")) as client,
        pytest.raises(ProxyAuthenticationError, match="proxy"),
    ):
        client.place_call(ACCOUNT, REQUEST)
    assert seen == ["CONNECT rest.telecmi.com:443 HTTP/1.1"]


def test_explicit_proxy_setting_is_used(auth_proxy: tuple[str, list[str]]) -> None:
    url, seen = auth_proxy
    config = ClientConfig(base_url="https://rest.telecmi.com", proxy=url)
    with Click2CallClient(config) as client, pytest.raises(ProxyAuthenticationError):
        client.place_call(ACCOUNT, REQUEST)
    assert len(seen) == 1


def test_loopback_sandbox_bypasses_environment_proxy(
    sandbox: SandboxServer, auth_proxy: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, seen = auth_proxy
    monkeypatch.setenv("HTTP_PROXY", url)
    monkeypatch.setenv("ALL_PROXY", url)
    with Click2CallClient(ClientConfig(base_url=sandbox.base_url)) as client:
        assert client.place_call(ACCOUNT, REQUEST).request_id
    assert seen == []


def test_untrusted_certificate_is_a_clear_error(tmp_path: object) -> None:
    """A TLS server with a self-signed certificate: refused, never retried, never sent."""
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    handshakes: list[str] = []

    stop = threading.Event()
    listener.settimeout(0.05)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            conn.settimeout(5)
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    handshakes.append("ok")
                    tls.recv(1)
            except (ssl.SSLError, OSError):
                handshakes.append("refused")

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        config = ClientConfig(base_url=f"https://localhost:{port}")
        with (
            Click2CallClient(config) as client,
            pytest.raises(ConnectionFailedError, match="certificate") as caught,
        ):
            client.place_call(ACCOUNT, REQUEST)
    finally:
        stop.set()
        server.join(5)
        listener.close()
    assert not caught.value.may_have_reached
    assert handshakes == ["refused"], "a TLS failure is not retried"


def test_hung_server_is_not_retried(sandbox: SandboxServer) -> None:
    sandbox.set_fault(Fault.HANG, delay=5)
    config = ClientConfig(base_url=sandbox.base_url, total_timeout=1.0)
    with Click2CallClient(config) as client, pytest.raises(RequestTimeoutError) as caught:
        client.place_call(ACCOUNT, REQUEST)
    assert caught.value.may_have_reached
    assert len(sandbox.requests) == 1


def _self_signed(tmp_path: object) -> tuple[str, str]:
    return write_self_signed_certificate(Path(str(tmp_path)))
