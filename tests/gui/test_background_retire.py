"""A runner shut down with a job still running outlives it: the worker thread never drops the
last reference to the QObject (Python would free it on that thread, which crashes Qt)."""

from __future__ import annotations

import gc
import threading
import weakref

from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from dialer_app.services.background import BackgroundRunner, ignore
from tests.support.wait import WAIT_MS


def test_a_runner_shut_down_mid_job_is_released_on_the_gui_thread_only(qtbot: QtBot) -> None:
    owner = QObject()
    runner = BackgroundRunner("retire-test", owner)
    started, release = threading.Event(), threading.Event()
    freed_on: list[int] = []

    def job() -> None:
        started.set()
        release.wait(10)

    runner.submit(job, ignore, ignore)
    assert started.wait(10)
    assert runner.shutdown(wait=0) is False  # still running: kept until its thread ends
    thread = runner._thread
    assert thread is not None
    weakref.finalize(runner, lambda: freed_on.append(threading.get_ident()))
    del runner, owner  # what a closed window leaves: nothing else holds the runner
    gc.collect()
    assert freed_on == []  # not freed while its thread runs
    release.set()
    thread.join(10)
    assert freed_on == []  # the thread ended without dropping the last reference
    probe = BackgroundRunner("retire-probe")  # a later shutdown on the GUI thread releases it
    probe.shutdown()
    gc.collect()
    qtbot.waitUntil(lambda: bool(freed_on), timeout=WAIT_MS)
    assert freed_on == [threading.main_thread().ident]
