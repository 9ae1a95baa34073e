"""The Dialer's Qt adapter: its click2call client lives on the worker thread only, and the
runtime keeps no client alive after its owner dropped it."""

from __future__ import annotations

import gc
import threading
import weakref
from pathlib import Path

from pytestqt.qtbot import QtBot

from dialer_app.core.call_request import Account, CallRequest, CallResult, DeliveryMode
from dialer_app.core.dialer import CallIntent, Dialer, Surface
from dialer_app.core.runtime import Runtime, RuntimeOptions
from dialer_app.core.settings import Settings
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID
from dialer_app.services.dialer import DialerService
from tests.support.wait import WAIT_MS, WAIT_S


class RecordingClient:
    """A client that records which build it was and whether it was closed."""

    def __init__(self, generation: int) -> None:
        self.generation = generation
        self.closed = False
        self.calls = 0

    def warm_up(self) -> None:
        return None

    def place_call(self, account: Account, request: CallRequest) -> CallResult:
        self.calls += 1
        return CallResult("r" * 43, "Call initiated")

    def close(self) -> None:
        self.closed = True


def test_a_reset_while_the_worker_builds_the_client_is_not_lost(qtbot: QtBot) -> None:
    """Settings change while the worker is still building the old client: the next call must
    use a client built after the change (the reset runs on the worker, in order)."""
    building = threading.Event()
    release = threading.Event()
    built: list[RecordingClient] = []

    def factory() -> RecordingClient:
        client = RecordingClient(len(built) + 1)
        built.append(client)
        if client.generation == 1:
            building.set()
            assert release.wait(WAIT_S)
        return client

    service = DialerService(
        Dialer(lambda: Settings(repeat_hold_off_s=0)),
        account_source=lambda: Account(DEMO_USER_ID, DEMO_SECRET),
        client_factory=factory,  # type: ignore[arg-type, return-value]
    )
    try:
        service.warm_up()  # the worker starts building client 1
        assert building.wait(WAIT_S)
        service.reset_client()  # the settings changed meanwhile (GUI thread)
        release.set()
        with qtbot.waitSignal(service.succeeded, timeout=WAIT_MS):
            assert service.request(
                CallIntent("+91 92000 00000", Surface.DIALPAD, DeliveryMode.SOFTPHONE)
            )
        assert [client.generation for client in built] == [1, 2]
        assert built[0].closed  # the stale client was closed, on the worker
        assert (built[0].calls, built[1].calls) == (0, 1)
    finally:
        service.shutdown()


def test_the_runtime_keeps_no_client_alive(tmp_path: Path) -> None:
    runtime = Runtime.open(RuntimeOptions(profile=str(tmp_path / "profile")))
    try:
        dropped = []
        for _ in range(3):
            client = runtime.new_client()
            dropped.append(weakref.ref(client))
            client.close()
            del client
        gc.collect()
        assert [ref() for ref in dropped] == [None, None, None]
    finally:
        runtime.close()
