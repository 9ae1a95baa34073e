"""Run blocking work (HTTP, keyring, imports) off the GUI thread; deliver results by signal.

Each ``BackgroundRunner`` owns one daemon thread that runs submitted jobs in order. Results
come back through a queued Qt signal, so the callbacks run on the GUI thread and may touch
widgets; the job itself never does.

Why a daemon thread rather than a ``QThread``: a click2call blocked on a hung server can't be
interrupted, and a ``QThread`` still running at exit aborts the process ("QThread: Destroyed
while thread is still running") while ``terminate()`` is unsafe. A daemon thread lets the app
quit at once; ``shutdown()`` guarantees no callback fires after it.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

log = logging.getLogger(__name__)

# Runners shut down while their thread still runs a job. The thread holds its runner (it emits
# through it); were the thread to drop the last reference, Python would free the QObject on
# that thread, which crashes Qt. Kept here, they are only ever released on the GUI thread.
_retired: list[BackgroundRunner] = []


def _release_finished_runners() -> None:
    """Forget retired runners whose thread has ended (GUI thread only)."""
    _retired[:] = [runner for runner in _retired if runner.thread_alive]


@dataclass(frozen=True)
class _Job:
    job_id: int
    work: Callable[[], Any]


class BackgroundRunner(QObject):
    """One worker thread; ``submit`` returns at once, callbacks run on the GUI thread."""

    _finished = Signal(int, object, object)  # job id, result, exception

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = name
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._callbacks: dict[
            int, tuple[Callable[[Any], object], Callable[[BaseException], object]]
        ] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._closed = False
        self._thread: threading.Thread | None = None
        self._finished.connect(self._deliver)

    @property
    def thread_alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def busy(self) -> bool:
        """True while a job runs or waits."""
        return bool(self._callbacks)

    def submit(
        self,
        work: Callable[[], Any],
        on_result: Callable[[Any], object],
        on_error: Callable[[BaseException], object],
    ) -> int:
        """Queue ``work``; exactly one of the callbacks later runs on the GUI thread."""
        with self._lock:
            if self._closed:
                raise RuntimeError(f"{self._name} runner is shut down")
            job_id = next(self._ids)
            self._callbacks[job_id] = (on_result, on_error)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name=f"dialer-{self._name}", daemon=True
                )
                self._thread.start()
        self._jobs.put(_Job(job_id, work))
        return job_id

    def shutdown(self, wait: float = 0.5) -> bool:
        """Stop taking jobs; wait up to ``wait`` s for the thread. True if it ended.

        After this returns no callback is delivered, even if a job is still running.
        """
        with self._lock:
            self._closed = True
            thread = self._thread
        self._jobs.put(None)
        self._callbacks.clear()
        _release_finished_runners()
        if thread is None:
            return True
        thread.join(wait)
        if thread.is_alive():
            _retired.append(self)
            log.info(
                "%s worker still busy at shutdown; leaving it to exit with the app", self._name
            )
        return not thread.is_alive()

    def _run(self) -> None:
        while (job := self._jobs.get()) is not None:
            result: Any = None
            error: BaseException | None = None
            try:
                result = job.work()
            except Exception as exc:  # delivered to on_error on the GUI thread
                error = exc
            with self._lock:
                if self._closed:
                    return
                self._finished.emit(job.job_id, result, error)

    @Slot(int, object, object)
    def _deliver(self, job_id: int, result: Any, error: BaseException | None) -> None:
        callbacks = self._callbacks.pop(job_id, None)
        if callbacks is None:
            return
        on_result, on_error = callbacks
        if error is None:
            on_result(result)
        else:
            on_error(error)


def ignore(_value: object) -> None:
    """A callback for results (or errors) nobody needs to see."""
    return None
