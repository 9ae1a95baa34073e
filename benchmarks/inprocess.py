"""Qt helpers for the in-process benchmarks: the wired app, waiting, idling, a stall probe.

The app is built exactly as the tests build it (``dialer_app.app.build`` with a profile and
``--api-base`` pointing at a loopback ``SandboxServer``), with the secret in an in-memory
keyring unless a benchmark brings the real one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import common  # noqa: F401  (sets sys.path and QT_QPA_PLATFORM before Qt loads)
from keyring.backend import KeyringBackend
from PySide6.QtCore import (
    QAbstractEventDispatcher,
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
    SignalInstance,
)

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.credentials import CredentialStore
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, SandboxServer

DEFAULT_TIMEOUT_S = 60.0
PROBE_INTERVAL_MS = 5


class MemoryKeyring(KeyringBackend):
    """Secrets in a dict (``viable = False``: keyring never picks it by itself)."""

    priority = 1
    viable = False

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


def write_profile_settings(profile: Path) -> None:
    """Settings naming the sandbox's demo user, so calls need the keyring's secret.

    The repeat hold-off is off: the benchmarks click Call on one number over and over, each
    click a deliberate call whose way to the wire is what they measure."""
    import json

    data = {
        "version": 1,
        "profile_id": "b0" * 16,
        "user_id": DEMO_USER_ID,
        "repeat_hold_off_s": 0,
    }
    (profile / "settings.json").write_text(json.dumps(data), encoding="utf-8")


def memory_credentials(profile_id: str) -> CredentialStore:
    store = CredentialStore(profile_id, backend=MemoryKeyring())
    store.set_secret(DEMO_USER_ID, DEMO_SECRET)
    return store


@contextmanager
def running_app(profile: Path, sandbox: SandboxServer) -> Iterator[DialerApp]:
    """The fully wired, started app on ``profile``; its contacts are loaded when it yields."""
    write_profile_settings(profile)
    app = build(["--profile", str(profile), "--api-base", sandbox.base_url])
    app.runtime.credentials = memory_credentials(app.settings.profile_id)
    loaded = Waiter(app.contacts.service.index_changed)
    app.start()
    try:
        loaded.wait("the contact list to load")
        run_until_idle()
        yield app
    finally:
        app.shutdown()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        run_until_idle()


class Waiter:
    """Catches a signal from the moment it is made; ``wait()`` spins the event loop for it."""

    def __init__(self, signal: SignalInstance, *more: SignalInstance) -> None:
        self.args: tuple[Any, ...] | None = None
        self.at: float = 0.0
        self.which: int = -1
        self._loop: QEventLoop | None = None
        self._signals = (signal, *more)
        self._slots: list[Callable[..., None]] = []
        for number, each in enumerate(self._signals):
            slot = self._catcher(number)
            self._slots.append(slot)
            each.connect(slot)

    def _catcher(self, number: int) -> Callable[..., None]:
        def caught(*args: Any) -> None:
            if self.args is None:
                self.at = time.monotonic()
                self.args, self.which = args, number
            if self._loop is not None:
                self._loop.quit()

        return caught

    def wait(self, what: str, timeout_s: float = DEFAULT_TIMEOUT_S) -> tuple[Any, ...]:
        """The signal's arguments; TimeoutError after ``timeout_s``."""
        if self.args is None:
            loop = QEventLoop()
            self._loop = loop
            timer = QTimer(singleShot=True, interval=int(timeout_s * 1000))
            timer.timeout.connect(loop.quit)
            timer.start()
            loop.exec()
            timer.stop()
            self._loop = None
        for signal, slot in zip(self._signals, self._slots, strict=True):
            signal.disconnect(slot)
        if self.args is None:
            raise TimeoutError(f"timed out after {timeout_s:g} s waiting for {what}")
        return self.args


def run_until_idle(max_rounds: int = 10_000) -> None:
    """Process events until a pass finds nothing to do (posted events, ready timers, paints)."""
    dispatcher = QAbstractEventDispatcher.instance()
    flags = QEventLoop.ProcessEventsFlag.AllEvents
    for _ in range(max_rounds):
        QCoreApplication.sendPostedEvents()
        if not dispatcher.processEvents(flags):
            return


def spin(seconds: float) -> None:
    """Keep the event loop running for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(max(int(seconds * 1000), 0), loop.quit)
    loop.exec()


class StallProbe(QObject):
    """A 5 ms GUI-thread timer; the longest gap between its ticks is the worst GUI stall."""

    def __init__(self, interval_ms: int = PROBE_INTERVAL_MS) -> None:
        super().__init__()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._last = 0.0
        self.longest_gap_s = 0.0
        self.ticks = 0

    def start(self) -> None:
        self.longest_gap_s, self.ticks = 0.0, 0
        self._last = time.monotonic()
        self._timer.start()

    def stop(self) -> float:
        """Stop; the longest gap in ms (the time since the last tick counts too)."""
        self._tick()
        self._timer.stop()
        return self.longest_gap_s * 1000

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest_gap_s = max(self.longest_gap_s, now - self._last)
        self._last = now
        self.ticks += 1
