"""Contact imports in a child process, so the window never waits for them.

Reading and validating 100,000 numbers is seconds of pure-Python work; in a thread it would
compete with the GUI thread for the interpreter lock and make the window stutter. A child
process has its own interpreter: the GUI stays smooth, progress arrives over a queue, Cancel
is an event the child checks, and a child that dies mid-import leaves the database as it
was (SQLite rolls the open transaction back).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dialer_app.core.contact_import._pipeline import import_contacts
from dialer_app.core.contact_import._types import (
    ColumnMapping,
    ContactImportError,
    ImportCancelled,
    report_notes,
)
from dialer_app.core.store import ImportCancelledError, Store

Progress = Callable[[int, int, str], None]
_READING = "Importing…"
_SAVING = "Saving contacts…"


@dataclass(frozen=True)
class ImportSummary:
    """What the child did, in plain data (it crosses the process boundary)."""

    summary: str
    notes: tuple[tuple[int, str], ...]  # "kind: text" by line (see ``report_notes``)
    added: int
    merged: int
    total: int


class ImportProcessError(Exception):
    """The child failed for a reason other than the file (database, crash); nothing saved."""


def import_in_child(
    db_path: Path,
    path: Path,
    fmt: str,
    mapping: ColumnMapping | None,
    region: str,
    progress: Progress,
    cancel: threading.Event,
) -> ImportSummary:
    """Run one import in a child process; blocks the calling (worker) thread until done.

    Raises ``ContactImportError`` (file refused), ``ImportCancelled`` or
    ``ImportProcessError``.
    """
    context = multiprocessing.get_context("spawn")
    # A pipe, not a Queue: a Queue starts a feeder thread in the child, and a child with a
    # second thread must not fork its number-checking workers (it has to spawn them, slower).
    reader, writer = context.Pipe(duplex=False)
    stop = context.Event()
    child = context.Process(
        target=_child_main,
        args=(str(db_path), str(path), fmt, mapping, region, writer, stop, os.getpid()),
        name="dialer-import",
        # Not a daemon: the child checks numbers with worker processes of its own, which a
        # daemon may not have. It still ends with the app: quitting sets ``stop`` (below).
        daemon=False,
    )
    child.start()
    writer.close()  # the child holds the only writing end: EOF means it is gone
    try:
        while True:
            if cancel.is_set():
                stop.set()
            try:
                message = reader.recv() if reader.poll(0.1) else None
            except EOFError:
                message = None
            if message is None:
                if not child.is_alive():
                    child.join()
                    raise ImportProcessError(
                        f"The import stopped unexpectedly (exit code {child.exitcode}); "
                        "nothing was saved."
                    ) from None
                continue
            kind = message[0]
            if kind == "progress":
                progress(message[1], message[2], message[3])
            elif kind == "done":
                return ImportSummary(*message[1])
            elif kind == "cancelled":
                raise ImportCancelled("the import was cancelled")
            elif kind == "refused":
                raise ContactImportError(message[1])
            else:
                raise ImportProcessError(message[1])
    finally:
        stop.set()
        child.join(5)
        if child.is_alive():
            child.kill()
            child.join()
        reader.close()


def _child_main(
    db_path: str,
    path: str,
    fmt: str,
    mapping: ColumnMapping | None,
    region: str,
    messages: Any,
    stop: Any,
    parent_pid: int,
) -> None:
    """The child: read the file, store it in one transaction, report back, exit.

    It gives up (nothing saved) when asked to, or when the app that started it is gone. Once
    the reply is sent it exits at once: the store is closed, and tearing down the interpreter
    would only free the file's contacts one by one (0.1 s for 100,000) while the app waits.
    """
    message = _import(db_path, path, fmt, mapping, region, stop, parent_pid, messages)
    with contextlib.suppress(OSError):  # the app is gone: nobody is listening
        messages.send(message)
    os._exit(0)


def _import(
    db_path: str,
    path: str,
    fmt: str,
    mapping: ColumnMapping | None,
    region: str,
    stop: Any,
    parent_pid: int,
    messages: Any,
) -> tuple[object, ...]:
    """Run the import; returns the message that ends it (done, cancelled, refused, failed)."""

    def parent_gone() -> bool:
        return os.getppid() != parent_pid

    def cancelled() -> bool:
        return bool(stop.is_set()) or parent_gone()

    def progress(phase: str) -> Callable[[int, int], None]:
        def send(done: int, total: int) -> None:
            with contextlib.suppress(OSError):
                messages.send(("progress", done, total, phase))

        return send

    try:
        store, _notice = Store.open(Path(db_path))
        try:
            outcome = import_contacts(
                store,
                path,
                fmt,
                region,
                reading_progress=progress(_READING),
                saving_progress=progress(_SAVING),
                cancelled=cancelled,
                mapping=mapping,
            )
        finally:
            store.close()
    except (ImportCancelled, ImportCancelledError):
        return ("cancelled",)
    except ContactImportError as exc:
        return ("refused", str(exc))
    except Exception as exc:  # reported to the window, never a silent failure
        return ("failed", f"The import failed ({type(exc).__name__}: {exc}); nothing was saved.")
    notes = [(line, f"{kind}: {text}") for line, kind, text in report_notes(outcome.report)]
    summary = (
        outcome.summary(),
        tuple(notes),
        outcome.imported,
        outcome.merged,
        outcome.total_contacts,
    )
    return ("done", summary)
