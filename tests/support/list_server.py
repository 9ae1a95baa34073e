"""A loopback HTTP(S) server for the team's do-not-call list: serves what a test sets (a
body, a status, a redirect, a stall) and counts the requests."""

from __future__ import annotations

import contextlib
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

from tests.support.fault_servers import write_self_signed_certificate


class ListServer:
    """``with ListServer() as server:`` — ``server.url("/dnc.csv")``; set ``body``,
    ``status``, ``redirect_to`` or ``stall_s`` between requests. With ``cert_dir`` it
    speaks TLS with a self-signed certificate for ``localhost`` (``cert_file``)."""

    def __init__(self, cert_dir: Path | None = None) -> None:
        self.body = b""
        self.status = 200
        self.redirect_to = ""
        self.stall_s = 0.0
        self.requests: list[str] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append(self.path)
                if server.stall_s:
                    time.sleep(server.stall_s)
                if server.redirect_to:
                    self.send_response(302)
                    self.send_header("Location", server.redirect_to)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(server.status)
                self.send_header("Content-Type", "text/csv")
                self.send_header("Content-Length", str(len(server.body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # a client that stopped reading (size cap)
                    self.wfile.write(server.body)

            def log_message(self, *_args: object) -> None:
                pass

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        self.cert_file = ""
        self.scheme = "http"
        if cert_dir is not None:
            cert, key = write_self_signed_certificate(cert_dir)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            self._http.socket = context.wrap_socket(self._http.socket, server_side=True)
            self.cert_file, self.scheme = cert, "https"
        self.port = self._http.server_address[1]
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)

    def url(self, path: str = "/dnc.csv") -> str:
        host = "localhost" if self.scheme == "https" else "127.0.0.1"
        return f"{self.scheme}://{host}:{self.port}{path}"

    def client_context(self) -> ssl.SSLContext:
        """A client context that trusts this server's certificate (and nothing else)."""
        context = ssl.create_default_context(cafile=self.cert_file)
        return context

    def __enter__(self) -> ListServer:
        self._thread.start()
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self._http.shutdown()
        self._http.server_close()
