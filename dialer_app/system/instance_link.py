"""Reach the running dialer without Qt: its address, the protocol, and a POSIX client.

A later launch (a tel: link, ``--quick-call``) hands its request to the running dialer and
exits; it must not pay for importing Qt first. This module has what that path needs: the
address of the primary (a socket in a private directory on POSIX, a pipe name on Windows),
the one-line JSON protocol, and ``send_to_primary`` over a plain Unix socket. The primary's
server (``services.single_instance``, Qt) and this client speak the same protocol; on
Windows the Qt client is used (named pipes), see ``services.single_instance``.

Address. On Unix a socket file in a directory only this user can enter (0700, owned by the
user: ``$XDG_RUNTIME_DIR/dialer-app/`` or ``/tmp/dialer-app-<uid>/``), so other users can
neither connect nor take over the name. On Windows a named pipe whose name holds the user name.
The name ends with a short hash of the resolved profile path, so each profile has its own
primary.

Protocol. One request per connection: a UTF-8 JSON object on one line, newline-terminated, at
most ``MAX_MESSAGE_BYTES`` bytes: ``{"v": 1, "action": "open", "link": "tel:..."}`` or the
actions ``show``, ``quick_call``, ``call_clipboard`` without ``link``. The primary answers
``{"ok": true}`` and closes; anything else is closed without an answer and not emitted.
"""

from __future__ import annotations

import json
import os
import re
import socket
import stat
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from dialer_app import APP_NAME


def _log(level: str, message: str, *args: object) -> None:
    """Logging is imported only when there is something to say: a link hand-over must start
    and exit quickly (``logging`` alone costs a few milliseconds)."""
    import logging

    getattr(logging.getLogger(__name__), level)(message, *args)


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
            _log("info", "Not using XDG_RUNTIME_DIR for the instance socket: %s", exc)
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


# what a launch asks ---------------------------------------------------------------------------
def request_for(
    link: str | None, *, quick_call: bool = False, call_clipboard: bool = False
) -> dict[str, object]:
    """What this launch asks of the running dialer."""
    if quick_call:
        return make_message(ACTION_QUICK_CALL)
    if call_clipboard:
        return make_message(ACTION_CALL_CLIPBOARD)
    if link:
        return make_message(ACTION_OPEN, str(link)[:MAX_LINK_CHARS])
    return make_message(ACTION_SHOW)


def address_for(profile_dir: Path) -> str | None:
    """The primary's address, or None (then this dialer runs without single-instance)."""
    try:
        return instance_address(profile_dir)
    except InstanceAddressError as exc:
        _log("warning", "Running without single-instance hand-over: %s", exc)
        return None


# client (POSIX) -------------------------------------------------------------------------------
def send_to_primary(address: str, message: Mapping[str, object], timeout_ms: int = 1500) -> bool:
    """Deliver ``message`` to the primary over its Unix socket; True once it acknowledged.

    Blocks at most ``timeout_ms``. POSIX only (``services.single_instance`` has the Windows
    client). Raises ValueError for a message the primary would refuse.
    """
    payload = encode_message(message)
    deadline = time.monotonic() + timeout_ms / 1000
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        try:
            sock.settimeout(max(0.001, deadline - time.monotonic()))
            sock.connect(address)
            sock.sendall(payload)
            reply = b""
            while b"\n" not in reply and len(reply) <= len(REPLY):
                sock.settimeout(max(0.001, deadline - time.monotonic()))
                chunk = sock.recv(64)
                if not chunk:
                    break
                reply += chunk
        except OSError:  # no primary (refused, missing socket), or it did not answer in time
            return False
    try:
        return bool(json.loads(reply.decode()) == {"ok": True})
    except (UnicodeDecodeError, ValueError):
        return False
