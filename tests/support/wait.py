"""The one way the tests wait: for a condition, never for a fixed time.

A fixed sleep before asserting that nothing happened passes vacuously on a slow machine; wait
for a positive sign that the moment has passed instead (a signal, an idle worker, a counter),
then assert. ``WAIT_S`` is generous on purpose: the suite runs on a loaded, shared 2-core
machine, and only failures ever wait that long.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from dialer_app.app.composition import DialerApp

WAIT_S = 20.0
WAIT_MS = int(WAIT_S * 1000)


def poll(
    condition: Callable[[], bool],
    timeout: float = WAIT_S,
    *,
    between: Callable[[], object] | None = None,
    interval: float = 0.01,
) -> bool:
    """Whether ``condition()`` held within ``timeout`` seconds; ``between`` runs between
    checks (``QCoreApplication.processEvents`` in a child process without qtbot)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return bool(condition())
        if between is not None:
            between()
        time.sleep(interval)
    return True


def wait_until(
    condition: Callable[[], bool],
    timeout: float = WAIT_S,
    what: str = "",
    *,
    between: Callable[[], object] | None = None,
) -> None:
    """Like ``poll``, but a timeout fails the test, naming what it waited for."""
    if not poll(condition, timeout, between=between):
        raise AssertionError(f"timed out after {timeout:g} s waiting for {what or condition}")


def settled_requests(qtbot: QtBot, app: DialerApp) -> int:
    """The requests the app has let go, once no call is in flight or about to be placed.

    Every request is started synchronously on the GUI thread by an intent (the Dialer counts
    it then); so once nothing is in flight or pending, no request can still leave unless
    another intent comes. Assert on this instead of sleeping and counting at the server.
    """
    qtbot.waitUntil(
        lambda: not app.calls.in_flight and not app.contacts.call_pending, timeout=WAIT_MS
    )
    return app.calls.requests_started
