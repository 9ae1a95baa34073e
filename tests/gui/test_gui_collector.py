"""The cycle collector runs on the GUI thread only: a worker that allocates past every
threshold never collects (it could free Qt objects off the GUI thread and crash Qt)."""

from __future__ import annotations

import gc
import threading
from typing import Any

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dialer_app.services.gui_collector import collect_on_gui_thread
from tests.support.wait import WAIT_MS


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collections_happen_on_the_gui_thread_only(qapp: QApplication, qtbot: QtBot) -> None:
    del qapp
    collector = collect_on_gui_thread()
    assert collect_on_gui_thread() is collector  # once per application
    assert not gc.isenabled()
    threads: list[int] = []

    def record(phase: str, info: dict[str, Any]) -> None:
        del info
        if phase == "start":
            threads.append(threading.get_ident())

    gc.callbacks.append(record)
    try:
        worker = threading.Thread(target=lambda: [Cycle() for _ in range(50_000)])
        worker.start()
        worker.join()
        assert threads == []  # far past the thresholds, and nothing collected on the worker
        qtbot.waitUntil(lambda: bool(threads), timeout=WAIT_MS)
        assert set(threads) == {threading.main_thread().ident}
    finally:
        gc.callbacks.remove(record)
