"""Python's cycle collector run on the GUI thread only.

The collector runs in whichever thread happens to allocate when a threshold is crossed: on a
worker thread it may free a cycle that holds Qt objects (a dialog and its slots, a widget's
lambdas) and run their C++ destructors off the GUI thread, which crashes Qt. So automatic
collection is switched off and a GUI-thread timer collects instead, generation by generation
as the thresholds say (what the automatic collector would do, on the right thread).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer

CHECK_MS = 250  # often enough that garbage never piles up; a check costs microseconds

_installed: list[GuiThreadCollector] = []


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self._timer = QTimer(self, interval=CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self._timer.start()

    def check(self) -> None:
        """Collect the generations whose counts passed their thresholds."""
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_gui_thread() -> GuiThreadCollector:
    """Install the collector once for the running application (idempotent)."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    if not _installed:
        collector = GuiThreadCollector(app)
        collector.start()
        _installed.append(collector)
    return _installed[0]
