"""Loopback stand-ins for what can sit between the dialer and TeleCMI, and an offline resolver.

Everything binds 127.0.0.1. ``OfflineResolver`` makes every name lookup except loopback fail
with ``socket.gaierror``, so a test can fake a DNS failure without resolving a real name and
no test traffic can leave the machine.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from dialer_app.core.urls import is_loopback_host
from tests.support.wait import wait_until

_POLL_SECONDS = 0.05
_HEAD_LIMIT = 64 * 1024


def closed_port() -> int:
    """A loopback port nothing listens on (bound once, then released)."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port: int = probe.getsockname()[1]
    return port


class OfflineResolver:
    """A ``socket.getaddrinfo`` that only resolves loopback names; the rest fail at once.

    Refused names are recorded (``refused``) so a test can tell how often the client looked.
    """

    def __init__(self) -> None:
        self._real = socket.getaddrinfo
        self._lock = threading.Lock()
        self._refused: list[str] = []

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode("ascii", "replace") if isinstance(host, bytes) else host
        if not name or is_loopback_host(str(name)):
            return self._real(host, port, *args, **kwargs)
        with self._lock:
            self._refused.append(str(name))
        raise socket.gaierror(socket.EAI_NONAME, f"{name}: no lookups in this test (offline)")

    @property
    def refused(self) -> list[str]:
        with self._lock:
            return list(self._refused)

    def clear(self) -> None:
        with self._lock:
            self._refused.clear()

    def install(self) -> None:
        """Patch the process-wide resolver (every thread); see ``uninstall``."""
        socket.getaddrinfo = self

    def uninstall(self) -> None:
        socket.getaddrinfo = self._real


class TlsServer:
    """A TLS listener with a self-signed certificate for ``localhost``; counts handshakes."""

    def __init__(self, cert_dir: Path) -> None:
        cert, key = write_self_signed_certificate(cert_dir)
        self._context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self._context.load_cert_chain(cert, key)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(_POLL_SECONDS)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._handshakes: list[tuple[str, int]] = []  # (outcome, the client's port)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="tls-fault", daemon=True)

    @property
    def base_url(self) -> str:
        return f"https://localhost:{self.port}"

    @property
    def handshakes(self) -> list[str]:
        """One entry per connection: ``"refused"`` (the client gave up) or ``"ok"``."""
        with self._lock:
            return [outcome for outcome, _port in self._handshakes]

    def settled_handshakes(self) -> list[str]:
        """``handshakes`` once every connection made so far has been handled.

        Connections are handled one at a time, in order: a probe connection made now is
        recorded after all earlier ones, so once it is, nothing earlier is still pending (no
        fixed sleep needed to be sure a retry would have shown)."""
        with socket.create_connection(("127.0.0.1", self.port)) as probe:
            port = probe.getsockname()[1]
        wait_until(lambda: any(p == port for _o, p in self._recorded()), what="the probe")
        recorded = self._recorded()
        return [outcome for outcome, p in recorded[: [p for _o, p in recorded].index(port)]]

    def _recorded(self) -> list[tuple[str, int]]:
        with self._lock:
            return list(self._handshakes)

    def clear(self) -> None:
        with self._lock:
            self._handshakes.clear()

    def start(self) -> TlsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5)
        self._listener.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, peer = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._handshake(conn, int(peer[1]))

    def _handshake(self, conn: socket.socket, port: int) -> None:
        conn.settimeout(5)
        outcome = "ok"
        try:
            with self._context.wrap_socket(conn, server_side=True) as tls:
                tls.recv(1)
        except (ssl.SSLError, OSError):
            outcome = "refused"
        finally:
            conn.close()
        with self._lock:
            self._handshakes.append((outcome, port))


class _ProxyHandler(socketserver.StreamRequestHandler):
    """Reads one request head and answers 407, as a proxy that wants credentials does."""

    def handle(self) -> None:
        head = b""
        while len(head) < _HEAD_LIMIT:
            line = self.rfile.readline()
            head += line
            if line in (b"\r\n", b"\n", b""):
                break
        self.server.record(head)  # type: ignore[attr-defined]
        self.wfile.write(
            b"HTTP/1.1 407 Proxy Authentication Required\r\n"
            b'Proxy-Authenticate: Basic realm="corp-proxy"\r\n'
            b"Content-Length: 0\r\nConnection: close\r\n\r\n"
        )


class _ProxyServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _ProxyHandler)
        self.lock = threading.Lock()
        self.heads: list[bytes] = []

    def record(self, head: bytes) -> None:
        with self.lock:
            self.heads.append(head)


class ConnectProxy:
    """A loopback HTTP proxy that answers every request (CONNECT included) with 407."""

    def __init__(self) -> None:
        self._server = _ProxyServer()
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": _POLL_SECONDS},
            name="proxy-407",
            daemon=True,
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def heads(self) -> list[bytes]:
        """The request heads received (request line and headers), oldest first."""
        with self._server.lock:
            return list(self._server.heads)

    def request_lines(self) -> list[str]:
        return [head.split(b"\r\n", 1)[0].decode("latin-1") for head in self.heads]

    def clear(self) -> None:
        with self._server.lock:
            self._server.heads.clear()

    def start(self) -> ConnectProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)


def write_self_signed_certificate(folder: Path) -> tuple[str, str]:
    """A one-day EC certificate for ``localhost`` (cert.pem, key.pem) trusted by nobody."""
    import datetime

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_path), str(key_path)


@contextlib.contextmanager
def offline_resolver() -> Iterator[OfflineResolver]:
    """``with offline_resolver() as resolver:`` — the process resolves loopback names only."""
    resolver = OfflineResolver()
    resolver.install()
    try:
        yield resolver
    finally:
        resolver.uninstall()
