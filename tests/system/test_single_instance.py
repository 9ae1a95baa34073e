"""Single instance: real primaries in child processes, real sockets, real directories."""

from __future__ import annotations

import fcntl
import gc
import json
import os
import queue
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtNetwork import QLocalSocket

from dialer_app.services.single_instance import InstanceServer, send_to_primary
from dialer_app.system import instance_link
from dialer_app.system.instance_link import (
    ACTIONS,
    MAX_CONNECTIONS,
    MAX_MESSAGE_BYTES,
    REPLY,
    InstanceAddressError,
    decode_message,
    encode_message,
    instance_address,
    make_message,
)
from tests.support.harness import REPO_ROOT, SUPPORT_DIR

CHILD = SUPPORT_DIR / "instance_child.py"
LINK = "tel:+91-92000-00000"
EXIT_BUSY = 3
READY_TIMEOUT_S = 20.0
CONTENDERS = 6


# fixtures and helpers -----------------------------------------------------------------------
@pytest.fixture
def runtime_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A short private XDG_RUNTIME_DIR (pytest's tmp_path can exceed the sun_path limit)."""
    path = Path(tempfile.mkdtemp(prefix="dl-run-", dir="/tmp"))
    path.chmod(0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(path))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def fallback_root(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Stands in for /tmp so fallback tests don't touch the real /tmp/dialer-app-<uid>."""
    root = Path(tempfile.mkdtemp(prefix="dl-tmp-", dir="/tmp"))
    root.chmod(0o1777)
    monkeypatch.setattr(instance_link, "_FALLBACK_ROOT", root)
    yield root
    shutil.rmtree(root, ignore_errors=True)


class Primary:
    """``instance_child.py`` running as the primary for one profile."""

    def __init__(
        self,
        profile: Path,
        count: int = 1,
        timeout_s: float = 30.0,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), str(profile), str(count), str(timeout_s)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **(extra_env or {})},
        )
        self._lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()
        self.address = ""

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.rstrip("\n"))
        self._lines.put(None)

    def next_line(self, timeout_s: float = 5.0) -> str | None:
        return self._lines.get(timeout=timeout_s)

    def wait_ready(self) -> str:
        line = self.next_line(READY_TIMEOUT_S)
        assert line is not None, self.stderr()
        assert line.startswith("ready "), line
        self.address = line.removeprefix("ready ")
        return self.address

    def next_message(self, timeout_s: float = 5.0) -> dict[str, object]:
        line = self.next_line(timeout_s)
        assert line is not None, self.stderr()
        parsed: dict[str, object] = json.loads(line)
        return parsed

    def wait(self, timeout_s: float = 10.0) -> int:
        return self.process.wait(timeout_s)

    def stderr(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        assert self.process.stderr is not None
        return self.process.stderr.read()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(10)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


@pytest.fixture
def primaries(runtime_dir: Path) -> Iterator[list[Primary]]:
    started: list[Primary] = []
    yield started
    for primary in started:
        primary.stop()


def start_primary(
    primaries: list[Primary], profile: Path, count: int = 1, timeout_s: float = 30.0
) -> Primary:
    primary = Primary(profile, count, timeout_s)
    primaries.append(primary)
    primary.wait_ready()
    return primary


def raw_exchange(address: str, payload: bytes, timeout_s: float = 5.0) -> bytes:
    """Write ``payload`` with a plain AF_UNIX socket; return all the primary sent back."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.settimeout(timeout_s)
        client.connect(address)
        try:
            client.sendall(payload)
            client.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the primary may cut an oversized request off mid-write
        received = b""
        try:
            while chunk := client.recv(4096):
                received += chunk
        except ConnectionResetError:
            pass
        return received


# two processes ------------------------------------------------------------------------------
def test_message_from_second_process_reaches_primary(
    primaries: list[Primary], tmp_path: Path
) -> None:
    primary = start_primary(primaries, tmp_path / "profile")
    message = make_message("open", LINK)

    assert send_to_primary(primary.address, message)

    assert primary.next_message() == message
    assert primary.wait() == 0


def test_every_action_arrives_in_order(primaries: list[Primary], tmp_path: Path) -> None:
    primary = start_primary(primaries, tmp_path / "profile", count=4)
    messages = [
        make_message("show"),
        make_message("quick_call"),
        make_message("call_clipboard"),
        make_message("open", "callto://+919200000000/"),
    ]
    for message in messages:
        assert send_to_primary(primary.address, message)

    assert [primary.next_message() for _ in messages] == messages
    assert primary.wait() == 0


def test_sender_in_another_child_process(primaries: list[Primary], tmp_path: Path) -> None:
    """The second dialer sends before it has any QCoreApplication."""
    primary = start_primary(primaries, tmp_path / "profile")
    script = (
        "import sys\n"
        "from dialer_app.services.single_instance import send_to_primary\n"
        "from dialer_app.system.instance_link import make_message\n"
        "sys.exit(0 if send_to_primary(sys.argv[1], make_message('open', sys.argv[2])) else 1)\n"
    )
    sender = subprocess.run(
        [sys.executable, "-c", script, primary.address, LINK],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert sender.returncode == 0, sender.stderr
    assert primary.next_message() == {"v": 1, "action": "open", "link": LINK}


@pytest.mark.skipif(sys.platform == "win32", reason="the Qt-free client is POSIX-only")
def test_the_qt_free_client_speaks_the_same_protocol(
    primaries: list[Primary], tmp_path: Path
) -> None:
    primary = start_primary(primaries, tmp_path / "profile", count=2)
    assert instance_link.send_to_primary(primary.address, make_message("open", LINK))
    assert instance_link.send_to_primary(primary.address, make_message("quick_call"))
    assert primary.next_message() == make_message("open", LINK)
    assert primary.next_message() == make_message("quick_call")


def test_the_qt_free_client_reports_no_primary(tmp_path: Path) -> None:
    address = str(tmp_path / "nobody.sock")
    assert not instance_link.send_to_primary(address, make_message("show"), timeout_ms=300)


def test_a_link_launch_hands_over_without_importing_qt(
    primaries: list[Primary], tmp_path: Path
) -> None:
    """``dialer-app tel:...`` with a dialer running: the short-lived process never loads Qt."""
    profile = tmp_path / "profile"
    primary = start_primary(primaries, profile)
    script = (
        "import sys\n"
        "from dialer_app.__main__ import main\n"
        "code = main(['--profile', sys.argv[1], sys.argv[2]])\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
        "sys.exit(code)\n"
    )
    launch = subprocess.run(
        [sys.executable, "-c", script, str(profile), LINK],
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert launch.returncode == 0, launch.stderr
    assert launch.stdout.strip() == "[]"
    assert primary.next_message() == make_message("open", LINK)


def test_killed_primary_leaves_a_socket_the_next_one_recovers(
    primaries: list[Primary], tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    crashed = start_primary(primaries, profile)
    crashed.process.kill()  # SIGKILL: no chance to remove the socket
    crashed.wait()
    assert stat.S_ISSOCK(os.lstat(crashed.address).st_mode), "the stale socket should remain"
    assert not send_to_primary(crashed.address, make_message("show"), timeout_ms=500)

    successor = start_primary(primaries, profile)

    assert successor.address == crashed.address
    assert send_to_primary(successor.address, make_message("open", LINK))
    assert successor.next_message() == make_message("open", LINK)


def test_simultaneous_starts_after_a_crash_elect_one_primary(
    primaries: list[Primary], tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    crashed = start_primary(primaries, profile)
    crashed.process.kill()
    crashed.wait()
    start_at = {"INSTANCE_CHILD_START_AT": str(time.time() + 3.0)}  # after all have loaded Qt
    contenders = [Primary(profile, extra_env=start_at) for _ in range(CONTENDERS)]
    primaries.extend(contenders)

    first_lines = [contender.next_line(READY_TIMEOUT_S) for contender in contenders]

    assert sorted(line.split()[0] for line in first_lines if line) == ["busy"] * (
        CONTENDERS - 1
    ) + ["ready"]
    winner = contenders[[line.split()[0] if line else "" for line in first_lines].index("ready")]
    assert send_to_primary(crashed.address, make_message("show"))
    assert winner.next_message() == make_message("show")


def test_second_server_on_a_live_profile_is_not_primary(
    primaries: list[Primary], tmp_path: Path, qapp: object
) -> None:
    profile = tmp_path / "profile"
    primary = start_primary(primaries, profile)

    rival = InstanceServer(instance_address(profile))
    assert rival.listen() is False
    rival.close()
    second_child = Primary(profile)
    primaries.append(second_child)
    assert second_child.next_line(READY_TIMEOUT_S) == "busy"
    assert second_child.wait() == EXIT_BUSY

    # The failed attempts must leave the live primary's socket alone.
    assert stat.S_ISSOCK(os.lstat(primary.address).st_mode)
    assert send_to_primary(primary.address, make_message("show"))
    assert primary.next_message() == make_message("show")


def test_profiles_are_independent(primaries: list[Primary], tmp_path: Path) -> None:
    first = start_primary(primaries, tmp_path / "first")
    second = start_primary(primaries, tmp_path / "second")
    assert first.address != second.address

    assert send_to_primary(second.address, make_message("open", "tel:+12015550123"))
    assert send_to_primary(first.address, make_message("open", LINK))

    assert first.next_message() == make_message("open", LINK)
    assert second.next_message() == make_message("open", "tel:+12015550123")


def test_socket_and_directory_are_private(primaries: list[Primary], tmp_path: Path) -> None:
    primary = start_primary(primaries, tmp_path / "profile")
    socket_info = os.lstat(primary.address)
    directory_info = os.lstat(Path(primary.address).parent)

    assert stat.S_ISSOCK(socket_info.st_mode)
    assert stat.S_IMODE(socket_info.st_mode) == 0o600
    assert stat.S_ISDIR(directory_info.st_mode)
    assert stat.S_IMODE(directory_info.st_mode) == 0o700
    assert directory_info.st_uid == socket_info.st_uid == os.getuid()


BAD_REQUESTS = [
    pytest.param(b"garbage\n", id="not-json"),
    pytest.param(b"\xff\xfe\x00\n", id="not-utf8"),
    pytest.param(b"[1, 2]\n", id="not-an-object"),
    pytest.param(b"{}\n", id="empty-object"),
    pytest.param(b'{"v": 2, "action": "show"}\n', id="unknown-version"),
    pytest.param(b'{"v": true, "action": "show"}\n', id="boolean-version"),
    pytest.param(b'{"v": 1, "action": "dance"}\n', id="unknown-action"),
    pytest.param(b'{"v": 1, "action": "show", "link": "tel:1"}\n', id="link-without-open"),
    pytest.param(b'{"v": 1, "action": "open"}\n', id="open-without-link"),
    pytest.param(b'{"v": 1, "action": "open", "link": 5}\n', id="link-not-a-string"),
    pytest.param(
        b'{"v": 1, "action": "open", "link": "' + b"1" * 600 + b'"}\n', id="link-too-long"
    ),
    pytest.param(b'{"v": 1, "action": "show", "x": 1}\n', id="extra-key"),
    pytest.param(b'{"v": 1, "action": "show"}', id="no-newline-then-close"),
    pytest.param(b"[" * 3000 + b"\n", id="deep-nesting"),
    pytest.param(b" " * (MAX_MESSAGE_BYTES + 10) + b'{"v": 1, "action": "show"}\n', id="oversized"),
    pytest.param(b"x" * 200_000, id="flood"),
]


@pytest.mark.parametrize("payload", BAD_REQUESTS)
def test_bad_request_is_refused_and_primary_keeps_serving(
    primaries: list[Primary], tmp_path: Path, payload: bytes
) -> None:
    primary = start_primary(primaries, tmp_path / "profile")

    assert raw_exchange(primary.address, payload) == b""  # closed without an answer

    assert send_to_primary(primary.address, make_message("open", LINK))
    assert primary.next_message() == make_message("open", LINK)  # the bad one never arrived
    assert primary.wait() == 0
    log = primary.stderr()
    assert "Ignored a request to the running dialer" in log
    assert "garbage" not in log
    assert "dance" not in log


def test_garbage_from_a_qt_socket_is_refused(primaries: list[Primary], tmp_path: Path) -> None:
    primary = start_primary(primaries, tmp_path / "profile", count=1)
    client = QLocalSocket()
    client.connectToServer(primary.address)
    assert client.waitForConnected(2000)
    client.write(b'{"v": 1, "action": "open", "link": null}\n')
    assert client.waitForBytesWritten(2000)
    client.waitForReadyRead(3000)
    assert client.readAll().data() == b""
    client.abort()

    assert send_to_primary(primary.address, make_message("show"))
    assert primary.next_message() == make_message("show")


def test_silent_client_is_cut_off_without_blocking_others(
    primaries: list[Primary], tmp_path: Path
) -> None:
    primary = start_primary(primaries, tmp_path / "profile", count=2)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as silent:
        silent.settimeout(6)
        silent.connect(primary.address)
        started = time.monotonic()

        assert send_to_primary(primary.address, make_message("show"), timeout_ms=1000)
        assert time.monotonic() - started < 1.0
        assert primary.next_message() == make_message("show")

        assert silent.recv(100) == b""  # closed by the primary's read deadline
        assert 1.5 < time.monotonic() - started < 5.0

    assert send_to_primary(primary.address, make_message("quick_call"))
    assert primary.next_message() == make_message("quick_call")
    assert primary.wait() == 0
    assert "no complete request within 2000 ms" in primary.stderr()


# in-process server --------------------------------------------------------------------------
def test_close_removes_the_socket_and_frees_the_address(
    runtime_dir: Path, tmp_path: Path, qapp: object
) -> None:
    address = instance_address(tmp_path / "profile")
    server = InstanceServer(address)
    assert server.listen()
    assert server.listen(), "listening again is a no-op"
    assert server.is_listening()

    server.close()
    server.close()

    assert not server.is_listening()
    assert not os.path.exists(address)
    successor = InstanceServer(address)
    assert successor.listen()
    successor.close()


def test_listen_gives_up_while_another_dialer_holds_the_startup_lock(
    runtime_dir: Path, tmp_path: Path, qapp: object
) -> None:
    address = instance_address(tmp_path / "profile")
    with open(f"{address}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        started = time.monotonic()
        server = InstanceServer(address)
        assert server.listen() is False
        assert 1.5 < time.monotonic() - started < 5.0
    assert not os.path.exists(address)
    assert server.listen() is True  # the lock is free again
    server.close()


def test_in_process_server_emits_message_from_a_thread_client(
    runtime_dir: Path, tmp_path: Path, qtbot: object
) -> None:
    from pytestqt.qtbot import QtBot

    assert isinstance(qtbot, QtBot)
    server = InstanceServer(instance_address(tmp_path / "profile"))
    assert server.listen()
    replies: list[bytes] = []
    payload = encode_message(make_message("open", LINK))
    with qtbot.waitSignal(server.message_received, timeout=5000) as blocker:
        threading.Thread(
            target=lambda: replies.append(raw_exchange(server.address, payload)), daemon=True
        ).start()
    qtbot.waitUntil(lambda: bool(replies), timeout=5000)
    server.close()

    assert blocker.args == [make_message("open", LINK)]
    assert json.loads(replies[0]) == {"ok": True}


def test_connections_beyond_the_limit_are_closed(
    runtime_dir: Path, tmp_path: Path, qtbot: object
) -> None:
    from pytestqt.qtbot import QtBot

    assert isinstance(qtbot, QtBot)
    server = InstanceServer(instance_address(tmp_path / "profile"))
    assert server.listen()
    clients = [
        socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) for _ in range(MAX_CONNECTIONS + 1)
    ]
    try:
        for client in clients:
            client.connect(server.address)
            client.setblocking(False)
        qtbot.waitUntil(lambda: any(is_closed_by_peer(c) for c in clients), timeout=4000)
        assert sorted(is_closed_by_peer(client) for client in clients) == [False] * (
            MAX_CONNECTIONS
        ) + [True]
        qtbot.waitUntil(lambda: all(is_closed_by_peer(client) for client in clients), timeout=4000)
    finally:
        for client in clients:
            client.close()
        server.close()


def test_dropping_a_server_with_open_connections_is_safe(
    runtime_dir: Path, tmp_path: Path, qtbot: object
) -> None:
    from pytestqt.qtbot import QtBot

    assert isinstance(qtbot, QtBot)
    server = InstanceServer(instance_address(tmp_path / "profile"))
    assert server.listen()
    address = server.address
    payloads = [b"", b'{"v": 1, "act', encode_message(make_message("show")), b"junk\n"]
    clients = [socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) for _ in payloads]
    try:
        for client, payload in zip(clients, payloads, strict=True):
            client.connect(address)
            client.sendall(payload)
        qtbot.wait(100)
        server.close()
        del server
        gc.collect()
        qtbot.wait(100)
        for client in clients:
            client.settimeout(2)
            assert client.recv(100) in (b"", REPLY)
    finally:
        for client in clients:
            client.close()
    assert not os.path.exists(address)


def is_closed_by_peer(client: socket.socket) -> bool:
    try:
        return client.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False


# send_to_primary ----------------------------------------------------------------------------
def test_send_without_primary_fails_fast(runtime_dir: Path, tmp_path: Path) -> None:
    started = time.monotonic()
    assert not send_to_primary(instance_address(tmp_path / "nobody"), make_message("show"))
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize(
    ("answer", "acknowledged"),
    [
        (b'{"ok": true}\n', True),
        (b'{"ok":true}\n', True),
        (None, False),  # never answers within the client's timeout
        (b"", False),
        (b'{"ok": tr', False),
        (b'{"ok": false}\n', False),
        (b"nonsense\n", False),
    ],
)
def test_send_needs_an_acknowledgement(
    runtime_dir: Path, answer: bytes | None, acknowledged: bool
) -> None:
    """A fake primary in a thread: also proves the client lets other Python threads run."""
    address = str(runtime_dir / "fake.sock")
    received: list[bytes] = []
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(address)
        listener.listen()

        def serve() -> None:
            connection, _ = listener.accept()
            with connection:
                received.append(connection.recv(4096))
                if answer is None:
                    time.sleep(1.0)
                else:
                    connection.sendall(answer)

        server_thread = threading.Thread(target=serve, daemon=True)
        server_thread.start()
        timeout_ms = 400 if answer is None else 3000
        started = time.monotonic()
        assert send_to_primary(address, make_message("show"), timeout_ms) is acknowledged
        elapsed = time.monotonic() - started
        if answer is None:
            assert 0.35 < elapsed < 1.0
        else:
            assert elapsed < 1.0, "an answer or a close must end the wait at once"
        server_thread.join(5)
    assert received == [encode_message(make_message("show"))]


@pytest.mark.parametrize(
    "message",
    [
        {"v": 1, "action": "show", "when": object()},
        {"v": 1, "action": "open", "link": "tel:\udcff"},
        {"v": 1.0, "action": "show"},
    ],
)
def test_encode_refuses_unsendable_messages(message: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="not a valid"):
        encode_message(message)


def test_send_refuses_an_invalid_message(runtime_dir: Path) -> None:
    with pytest.raises(ValueError, match="not a valid"):
        send_to_primary(str(runtime_dir / "x.sock"), {"v": 1, "action": "open", "link": 1})


# address ------------------------------------------------------------------------------------
def test_address_lives_in_private_runtime_dir(runtime_dir: Path, tmp_path: Path) -> None:
    address = instance_address(tmp_path / "profile")

    assert Path(address).parent == runtime_dir / "dialer-app"
    assert Path(address).is_absolute()
    assert len(os.fsencode(address)) < 104
    assert stat.S_IMODE(os.lstat(Path(address).parent).st_mode) == 0o700


def test_same_profile_same_address_however_spelled(
    runtime_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    (tmp_path / "alias").symlink_to(profile)
    monkeypatch.chdir(tmp_path)

    spellings = [profile, tmp_path / "alias", Path("profile"), tmp_path / "x" / ".." / "profile"]
    addresses = {instance_address(path) for path in spellings}

    assert len(addresses) == 1
    assert instance_address(tmp_path / "other") not in addresses


def test_falls_back_to_tmp_without_runtime_dir(
    fallback_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)

    address = instance_address(tmp_path / "profile")

    directory = fallback_root / f"dialer-app-{os.getuid()}"
    assert Path(address).parent == directory
    assert stat.S_IMODE(directory.lstat().st_mode) == 0o700


@pytest.mark.parametrize("runtime_mode", [0o777, 0o770, 0o1777])
def test_shared_runtime_dir_is_not_used(
    fallback_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runtime_mode: int
) -> None:
    shared = tmp_path / "shared-run"
    shared.mkdir()
    shared.chmod(runtime_mode)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(shared))

    address = instance_address(tmp_path / "profile")

    assert Path(address).parent == fallback_root / f"dialer-app-{os.getuid()}"
    assert not (shared / "dialer-app").exists()


def test_too_long_runtime_dir_falls_back(
    fallback_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    deep = tmp_path / ("d" * 80)
    deep.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(deep))

    address = instance_address(tmp_path / "profile")

    assert Path(address).parent.parent == fallback_root
    assert len(os.fsencode(address)) < 104


@pytest.mark.parametrize("mode", [0o777, 0o720, 0o702])
def test_writable_fallback_dir_is_refused(
    fallback_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    planted = fallback_root / f"dialer-app-{os.getuid()}"
    planted.mkdir()
    planted.chmod(mode)

    with pytest.raises(InstanceAddressError, match="writable by other users"):
        instance_address(tmp_path / "profile")


def test_symlinked_fallback_dir_is_refused(
    fallback_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o700)
    (fallback_root / f"dialer-app-{os.getuid()}").symlink_to(target)

    with pytest.raises(InstanceAddressError, match="not a directory"):
        instance_address(tmp_path / "profile")


def test_readable_own_dir_is_tightened_to_0700(
    fallback_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    existing = fallback_root / f"dialer-app-{os.getuid()}"
    existing.mkdir()
    existing.chmod(0o755)

    instance_address(tmp_path / "profile")

    assert stat.S_IMODE(existing.lstat().st_mode) == 0o700


def test_directory_of_another_user_is_refused(tmp_path: Path) -> None:
    directory = tmp_path / "theirs"
    directory.mkdir(mode=0o700)
    with pytest.raises(InstanceAddressError, match="another user"):
        instance_link._check_private_dir(directory, os.getuid() + 1)
    instance_link._check_private_dir(directory, os.getuid())  # the owner may use it


def test_windows_pipe_name_holds_user_and_profile_hash() -> None:
    name = instance_link._pipe_name("CORP\\agent one", "0123abcd")
    assert name == "dialer-app-CORP_agent_one-0123abcd"
    assert instance_link._pipe_name("", "0123abcd") == "dialer-app-user-0123abcd"


# messages -----------------------------------------------------------------------------------
@pytest.mark.parametrize("action", sorted(ACTIONS - {"open"}))
def test_actions_without_link_round_trip(action: str) -> None:
    message = make_message(action)
    assert message == {"v": 1, "action": action}
    assert decode_message(encode_message(message)) == message


def test_open_round_trips_unicode_link() -> None:
    message = make_message("open", "tel:+91 ९२०००-०००००")
    data = encode_message(message)
    assert data.endswith(b"\n")
    assert data.count(b"\n") == 1
    assert decode_message(data) == message


@pytest.mark.parametrize(
    ("action", "link"),
    [("open", None), ("show", "tel:1"), ("ring", None), ("open", "1" * 513)],
)
def test_make_message_rejects_what_the_primary_would(action: str, link: str | None) -> None:
    with pytest.raises(ValueError, match="not a valid"):
        make_message(action, link)


def test_decode_limits() -> None:
    exact = b'{"v":1,"action":"open","link":"' + b"1" * 512 + b'"}\n'
    assert decode_message(exact) is not None
    assert decode_message(exact.replace(b"1" * 512, b"1" * 513)) is None
    assert decode_message(b'{"v":1,"action":"show"}') is None  # no newline
    assert decode_message(b'{"v":1,\n"action":"show"}\n') is None  # two lines
    padded = b" " * (MAX_MESSAGE_BYTES - 24) + b'{"v":1,"action":"show"}\n'
    assert len(padded) == MAX_MESSAGE_BYTES
    assert decode_message(padded) == {"v": 1, "action": "show"}
    assert decode_message(b" " + padded) is None


@given(st.binary(max_size=MAX_MESSAGE_BYTES + 20))
def test_decode_never_raises_on_bytes(data: bytes) -> None:
    assert_valid_or_none(decode_message(data))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
message_like = st.dictionaries(
    st.sampled_from(["v", "action", "link", "extra"]),
    st.sampled_from([1, 2, True, 1.0, "1", "open", "show", "dance", None]) | json_values,
)


@given(message_like, st.sampled_from(["\n", "", "\r\n", "\n\n"]))
def test_decode_never_raises_on_message_like_json(candidate: dict[str, object], end: str) -> None:
    data = (json.dumps(candidate) + end).encode()
    assert_valid_or_none(decode_message(data))


def assert_valid_or_none(message: dict[str, object] | None) -> None:
    if message is None:
        return
    assert message["v"] == 1
    assert type(message["v"]) is int
    assert message["action"] in ACTIONS
    if message["action"] == "open":
        assert set(message) == {"v", "action", "link"}
        assert isinstance(message["link"], str)
        assert len(message["link"]) <= 512
    else:
        assert set(message) == {"v", "action"}
