"""One running dialer per user and profile: the primary's server, and the Qt client.

The first process becomes the *primary*: ``InstanceServer.listen()`` returns True and the
server emits ``message_received`` for each request. A later process delivers its request with
``system.instance_link.send_to_primary`` (no Qt, POSIX) or ``send_to_primary`` here (Qt,
every platform: Windows uses it), then exits. Address and protocol: ``system.instance_link``.

Start-up, before any window is built::

    address = instance_address(profile_dir)          # InstanceAddressError: run without it
    server = InstanceServer(address)
    if not server.listen():
        if send_to_primary(address, make_message("open", link) if link else make_message("show")):
            return 0                                  # the primary took over
        # no primary answered (hung or broken): run on without single-instance
    server.message_received.connect(...)              # on the GUI thread
    ...
    server.close()                                    # at shutdown
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator, Mapping

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from dialer_app.system.instance_link import (
    LOCK_TIMEOUT_S,
    MAX_CONNECTIONS,
    MAX_MESSAGE_BYTES,
    PROBE_TIMEOUT_MS,
    READ_DEADLINE_MS,
    REPLY,
    SWEEP_INTERVAL_MS,
    WAIT_SLICE_MS,
    decode_message,
    encode_message,
)

__all__ = ["InstanceServer", "send_to_primary"]

log = logging.getLogger(__name__)


# server -------------------------------------------------------------------------------------
class InstanceServer(QObject):
    """The primary's end: listens on ``address`` and emits each accepted message.

    All reading is driven by signals, so a slow or hostile client never blocks the GUI thread.
    """

    message_received = Signal(dict)

    def __init__(self, address: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._address = address
        self._server = QLocalServer(self)
        if sys.platform == "win32":
            self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # Not on Unix: with any socket option Qt binds in a temporary directory and renames
        # the socket into place, silently replacing a live primary's socket. The private
        # directory guards access there, and listen() makes the socket 0600.
        self._server.newConnection.connect(self._accept)
        self._connections: set[_Connection] = set()
        # One timer enforces every connection's deadline (no QObject per connection: PySide
        # crashes when a Python-made QObject is deleted while its wrapper is still in use).
        self._sweeper = QTimer(self)
        self._sweeper.setInterval(SWEEP_INTERVAL_MS)
        self._sweeper.timeout.connect(self._sweep)

    @property
    def address(self) -> str:
        return self._address

    def is_listening(self) -> bool:
        return self._server.isListening()

    def listen(self) -> bool:
        """Become the primary. False when another live primary holds the address.

        A socket left by a primary that crashed is removed and the address taken over.
        """
        if self._server.isListening():
            return True
        try:
            with _startup_lock(self._address) as locked:
                if not locked:
                    log.info("Another dialer is starting on this profile")
                    return False
                if sys.platform == "win32" and _primary_answers(self._address):
                    return False  # a second pipe server on the same name would also succeed
                if not self._listen_or_recover():
                    return False
                if sys.platform != "win32":
                    os.chmod(self._address, 0o600)
                return True
        except OSError as exc:
            log.warning("Single-instance server failed: %s", exc.strerror or exc)
            self._server.close()
            return False

    def close(self) -> None:
        """Stop listening (removes the socket file) and drop open connections. Idempotent."""
        for connection in list(self._connections):
            connection.close()
        self._sweeper.stop()
        self._server.close()

    def _listen_or_recover(self) -> bool:
        if self._server.listen(self._address):
            return True
        if self._server.serverError() != QAbstractSocket.SocketError.AddressInUseError:
            log.warning("Single-instance server failed: %s", self._server.errorString())
            return False
        if _primary_answers(self._address):
            return False
        log.info("Taking over the instance socket left by a dialer that did not exit cleanly")
        QLocalServer.removeServer(self._address)
        if self._server.listen(self._address):
            return True
        log.warning("Single-instance server failed: %s", self._server.errorString())
        return False

    @Slot()
    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if len(self._connections) >= MAX_CONNECTIONS:
                log.warning("Ignored a request to the running dialer: too many connections")
                socket.abort()
                socket.deleteLater()
                continue
            connection = _Connection(socket, self.message_received.emit, self._connections)
            self._connections.add(connection)
            self._sweeper.start()
            connection.start()

    @Slot()
    def _sweep(self) -> None:
        now = time.monotonic()
        for connection in list(self._connections):
            connection.enforce_deadline(now)
        if not self._connections:
            self._sweeper.stop()


class _Connection:
    """Reads one request from one client socket, with a size limit and a deadline.

    Stays in ``registry`` until the socket is closed; the socket (made by Qt) is then deleted
    with ``deleteLater``.
    """

    def __init__(
        self,
        socket: QLocalSocket,
        emit: Callable[[dict[str, object]], None],
        registry: set[_Connection],
    ) -> None:
        self._socket = socket
        self._emit = emit
        self._registry = registry
        self._buffer = bytearray()
        self._answered = False
        self._disposed = False
        self._deadline = time.monotonic() + READ_DEADLINE_MS / 1000
        socket.readyRead.connect(self._read)
        socket.disconnected.connect(self._closed)

    def start(self) -> None:
        if self._socket.bytesAvailable():
            self._read()
        if self._socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            self._closed()

    def close(self) -> None:
        self._answered = True
        self._dispose()

    def enforce_deadline(self, now: float) -> None:
        if now < self._deadline:
            return
        if not self._answered:
            self._refuse(f"no complete request within {READ_DEADLINE_MS} ms")
        else:  # answered, but the socket never finished closing
            self._dispose()

    def _read(self) -> None:
        if self._answered:
            return
        self._buffer += self._socket.read(MAX_MESSAGE_BYTES + 1 - len(self._buffer)).data()
        end = self._buffer.find(b"\n")
        if end >= 0:
            message = decode_message(bytes(self._buffer[: end + 1]))
            if message is None:
                self._refuse("not a valid request")
            else:
                self._reply(message)
        elif len(self._buffer) > MAX_MESSAGE_BYTES:
            self._refuse("longer than the limit")

    def _reply(self, message: dict[str, object]) -> None:
        self._answered = True  # first: disconnecting can re-enter _closed
        self._socket.write(REPLY)
        self._socket.flush()
        self._socket.disconnectFromServer()  # once the reply is written; then _closed runs
        self._emit(message)

    def _closed(self) -> None:
        if not self._answered:
            self._read()  # what arrived just before the close
        if not self._answered:
            # An empty connection is the liveness probe of a starting dialer: no warning.
            if self._buffer:
                log.warning("Ignored a request to the running dialer: closed before the end of it")
            self._answered = True
        self._dispose()

    def _refuse(self, reason: str) -> None:
        log.warning("Ignored a request to the running dialer: %s", reason)
        self._answered = True
        self._dispose()

    def _dispose(self) -> None:
        if self._disposed:
            return
        self._disposed = True
        self._registry.discard(self)
        self._socket.abort()
        self._socket.deleteLater()


# client -------------------------------------------------------------------------------------
def send_to_primary(address: str, message: Mapping[str, object], timeout_ms: int = 1500) -> bool:
    """Deliver ``message`` to the primary; True once it acknowledged. Blocks ≤ ``timeout_ms``.

    Needs no QCoreApplication. Raises ValueError for a message the primary would refuse.
    """
    payload = encode_message(message)
    deadline = time.monotonic() + timeout_ms / 1000

    def remaining_ms() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    socket = QLocalSocket()
    try:
        socket.connectToServer(address)
        if not _wait(socket, socket.waitForConnected, remaining_ms):
            return False
        socket.write(payload)
        while socket.bytesToWrite():
            if not _wait(socket, socket.waitForBytesWritten, remaining_ms):
                return False
        return _read_reply(socket, remaining_ms)
    finally:
        socket.abort()


def _read_reply(socket: QLocalSocket, remaining_ms: Callable[[], int]) -> bool:
    reply = b""
    while b"\n" not in reply and len(reply) <= len(REPLY):
        if not socket.bytesAvailable() and not _wait(socket, socket.waitForReadyRead, remaining_ms):
            break
        reply += socket.readAll().data()
    reply += socket.readAll().data()
    try:
        return bool(json.loads(reply.decode()) == {"ok": True})
    except (UnicodeDecodeError, ValueError):
        return False


def _wait(
    socket: QLocalSocket, wait_for: Callable[[int], bool], remaining_ms: Callable[[], int]
) -> bool:
    """Run a blocking Qt wait in short slices until it succeeds, the socket closes or time is up.

    Qt's waitFor* calls hold the GIL; slicing them lets other Python threads run meanwhile.
    """
    while (left := remaining_ms()) > 0:
        if wait_for(min(left, WAIT_SLICE_MS)):
            return True
        if socket.state() == QLocalSocket.LocalSocketState.UnconnectedState:
            return False
    return False


def _primary_answers(address: str) -> bool:
    """Whether a live server accepts a connection on ``address`` within the probe timeout."""
    give_up = time.monotonic() + PROBE_TIMEOUT_MS / 1000
    probe = QLocalSocket()
    try:
        probe.connectToServer(address)
        return _wait(
            probe,
            probe.waitForConnected,
            lambda: max(0, int((give_up - time.monotonic()) * 1000)),
        )
    finally:
        probe.abort()


@contextlib.contextmanager
def _startup_lock(address: str) -> Iterator[bool]:
    """Serialise listen-or-recover between dialers starting at once (Unix; a no-op on Windows).

    Without it, two new dialers could both find a stale socket and one remove the other's
    fresh socket. Yields False when the lock was not obtained within ``LOCK_TIMEOUT_S``.
    """
    if sys.platform == "win32":
        yield True
        return
    import fcntl

    descriptor = os.open(f"{address}.lock", os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    try:
        give_up = time.monotonic() + LOCK_TIMEOUT_S
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > give_up:
                    yield False
                    return
                time.sleep(0.02)
        yield True
    finally:
        os.close(descriptor)  # releases the lock
