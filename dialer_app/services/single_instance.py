"""One running dialer per user and profile; later launches hand their link to it.

The first process becomes the *primary*: ``InstanceServer.listen()`` returns True and the
server emits ``message_received`` for each request. A later process finds ``listen()`` False
and calls ``send_to_primary`` (blocking, before it builds any window), then exits.

Address. On Unix a socket file in a directory only this user can enter (0700, owned by the
user: ``$XDG_RUNTIME_DIR/dialer-app/`` or ``/tmp/dialer-app-<uid>/``), so other users can
neither connect nor take over the name. On Windows a named pipe whose name holds the user name,
created with ``UserAccessOption``. The name ends with a short hash of the resolved profile
path, so each profile has its own primary.

Protocol. One request per connection: a UTF-8 JSON object on one line, newline-terminated, at
most ``MAX_MESSAGE_BYTES`` bytes: ``{"v": 1, "action": "open", "link": "tel:..."}`` or the
actions ``show``, ``quick_call``, ``call_clipboard`` without ``link``. The primary answers
``{"ok": true}`` and closes; anything else is closed without an answer and not emitted.

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
import re
import stat
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket

from dialer_app import APP_NAME

__all__ = [
    "ACTIONS",
    "MAX_MESSAGE_BYTES",
    "PROTOCOL_VERSION",
    "InstanceAddressError",
    "InstanceServer",
    "decode_message",
    "encode_message",
    "instance_address",
    "make_message",
    "send_to_primary",
]

log = logging.getLogger(__name__)

PROTOCOL_VERSION: Final = 1
ACTION_OPEN: Final = "open"
ACTION_SHOW: Final = "show"
ACTION_QUICK_CALL: Final = "quick_call"
ACTION_CALL_CLIPBOARD: Final = "call_clipboard"
ACTIONS: Final = frozenset({ACTION_OPEN, ACTION_SHOW, ACTION_QUICK_CALL, ACTION_CALL_CLIPBOARD})
MAX_MESSAGE_BYTES: Final = 4096
MAX_LINK_CHARS: Final = 512
READ_DEADLINE_MS: Final = 2000
SWEEP_INTERVAL_MS: Final = 100
PROBE_TIMEOUT_MS: Final = 300
WAIT_SLICE_MS: Final = 10
LOCK_TIMEOUT_S: Final = 2.0
MAX_CONNECTIONS: Final = 8
REPLY: Final = b'{"ok": true}\n'

# sun_path is 108 bytes on Linux and 104 on macOS/BSD, including the terminating NUL.
_MAX_SOCKET_PATH_BYTES = 103
_HASH_CHARS = 16
# Not tempfile.gettempdir(): $TMPDIR may differ between two launches of the same user, and
# both must compute the same address. The directory inside it is private and checked.
_FALLBACK_ROOT = Path("/tmp")  # noqa: S108


class InstanceAddressError(OSError):
    """No private place for the instance socket exists (e.g. it is owned by another user)."""


# address ------------------------------------------------------------------------------------
def instance_address(profile_dir: Path, environ: Mapping[str, str] = os.environ) -> str:
    """The server name for this user and profile (creates the private socket directory).

    Unix: an absolute socket path, at most 103 bytes. Windows: a pipe name. Raises
    ``InstanceAddressError`` when no private directory can be used.
    """
    digest = _profile_digest(profile_dir)
    if sys.platform == "win32":
        return _pipe_name(_windows_user(environ), digest)
    return str(_socket_dir(environ) / f"{digest}.sock")


def _profile_digest(profile_dir: Path) -> str:
    try:
        path = profile_dir.expanduser().resolve()
    except (OSError, RuntimeError):  # e.g. a symlink loop
        path = profile_dir.expanduser().absolute()
    resolved = os.path.normcase(str(path))
    return _fnv1a_64(os.fsencode(resolved))[:_HASH_CHARS]


def _fnv1a_64(data: bytes) -> str:
    """FNV-1a, 64 bits, as hex: tells one user's profiles apart without loading OpenSSL
    (``hashlib`` adds 3.6 MiB and a few ms to every start)."""
    value = 0xCBF29CE484222325
    for byte in data:
        value = ((value ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{value:016x}"


def _windows_user(environ: Mapping[str, str]) -> str:
    return environ.get("USERNAME") or environ.get("USER") or "user"


def _pipe_name(user: str, digest: str) -> str:
    """``dialer-app-<user>-<hash>``; characters a pipe name can't hold become ``_``."""
    safe_user = re.sub(r"[^A-Za-z0-9_.-]", "_", user)[:64] or "user"
    return f"{APP_NAME}-{safe_user}-{digest}"


def _socket_dir(environ: Mapping[str, str]) -> Path:
    """``$XDG_RUNTIME_DIR/dialer-app`` when usable, else ``/tmp/dialer-app-<uid>``."""
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isabs(runtime):
        try:
            _check_private_dir(Path(runtime), os.getuid())
            return _usable_dir(Path(runtime) / APP_NAME)
        except InstanceAddressError as exc:
            log.info("Not using XDG_RUNTIME_DIR for the instance socket: %s", exc)
    return _usable_dir(_FALLBACK_ROOT / f"{APP_NAME}-{os.getuid()}")


def _usable_dir(path: Path) -> Path:
    _ensure_private_dir(path, os.getuid())
    longest = os.fsencode(str(path / f"{'0' * _HASH_CHARS}.sock"))
    if len(longest) > _MAX_SOCKET_PATH_BYTES:
        raise InstanceAddressError(f"{path} is too long a path for a local socket")
    return path


def _ensure_private_dir(path: Path, uid: int) -> None:
    """Create ``path`` as 0700; accept an existing one only if it is private to ``uid``."""
    try:
        path.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise InstanceAddressError(f"cannot create {path}: {exc.strerror}") from None
    _check_private_dir(path, uid)
    try:
        if stat.S_IMODE(path.lstat().st_mode) != 0o700:  # e.g. 0755: not writable by others
            path.chmod(0o700)
    except OSError as exc:
        raise InstanceAddressError(f"cannot make {path} private: {exc.strerror}") from None


def _check_private_dir(path: Path, uid: int) -> None:
    """A real directory owned by ``uid`` that nobody else can write to, or raise."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise InstanceAddressError(f"cannot use {path}: {exc.strerror}") from None
    if not stat.S_ISDIR(info.st_mode):
        raise InstanceAddressError(f"{path} is not a directory")
    if info.st_uid != uid:
        raise InstanceAddressError(f"{path} belongs to another user")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise InstanceAddressError(f"{path} is writable by other users")


# messages -----------------------------------------------------------------------------------
def make_message(action: str, link: str | None = None) -> dict[str, object]:
    """A protocol message; ``link`` only (and always) with ``open``. Raises ValueError."""
    message: dict[str, object] = {"v": PROTOCOL_VERSION, "action": action}
    if link is not None:
        message["link"] = link
    encode_message(message)
    return message


def encode_message(message: Mapping[str, object]) -> bytes:
    """The wire form of a message; ValueError if the primary would refuse it."""
    try:
        text = json.dumps(dict(message), ensure_ascii=False, separators=(",", ":"))
        data = text.encode() + b"\n"  # UnicodeEncodeError (a ValueError) for lone surrogates
    except (TypeError, ValueError):
        data = b""
    if decode_message(data) is None:
        raise ValueError("not a valid single-instance message")
    return data


def decode_message(data: bytes) -> dict[str, object] | None:
    """The message in one received line (newline included), or None if it must be refused.

    Never raises: the bytes come from whatever connected to the socket.
    """
    if len(data) > MAX_MESSAGE_BYTES or not data.endswith(b"\n") or b"\n" in data[:-1]:
        return None
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(parsed, dict):
        return None
    return _checked_fields(parsed)


def _checked_fields(parsed: dict[str, object]) -> dict[str, object] | None:
    version, action = parsed.get("v"), parsed.get("action")
    if type(version) is not int or version != PROTOCOL_VERSION:  # True == 1 must not pass
        return None
    if not isinstance(action, str) or action not in ACTIONS:
        return None
    expected_keys = {"v", "action", "link"} if action == ACTION_OPEN else {"v", "action"}
    if set(parsed) != expected_keys:
        return None
    link = parsed.get("link")
    if action == ACTION_OPEN and (not isinstance(link, str) or len(link) > MAX_LINK_CHARS):
        return None
    return dict(parsed)


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
