"""The start-up baseline: a bare PySide6 QMainWindow with one label.

    .venv/bin/python benchmarks/bare_window.py [--exit-after-ms N]

Prints ``first-paint <time.monotonic()>`` once the window has painted, exactly as the app does
with ``DIALER_REPORT_TIMINGS=1``, then quits N ms later (default 0). It imports nothing but
PySide6 so it measures what any Qt Widgets program pays.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget


class FirstPaint(QObject):
    """Emits ``painted`` once, after the widget's first paint event has been handled."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)
        return False


def main(argv: list[str] | None = None) -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--exit-after-ms", type=int, default=0)
    args = options.parse_args(argv)
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare window")
    window.setCentralWidget(QLabel("Hello"))
    watcher = FirstPaint(window)
    watcher.painted.connect(lambda: print(f"first-paint {time.monotonic():.6f}", flush=True))
    watcher.painted.connect(lambda: QTimer.singleShot(max(args.exit_after_ms, 0), app.quit))
    window.show()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
