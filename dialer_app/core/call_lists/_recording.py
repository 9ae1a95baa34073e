"""Recording what came of an entry, for the window and the command line alike, and the one
place disposition 7 (do not call) reaches the do-not-call list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dialer_app.core.store import CallListStore, Disposition, ListEntry, Store


@dataclass(frozen=True)
class Recorded:
    """The entry as stored after its disposition; ``notice`` is a sentence for the agent
    about what else happened (the number added to the do-not-call list), or ""."""

    entry: ListEntry
    notice: str = ""


def record_disposition(
    store: Store,
    list_id: int,
    entry_id: int,
    disposition: Disposition,
    note: str = "",
    callback_at: datetime | None = None,
) -> Recorded:
    """Store the disposition (and note) of an entry; ``do_not_call`` also goes to the
    do-not-call list through :func:`add_to_do_not_call`."""
    entry = CallListStore(store).record_disposition(
        list_id, entry_id, disposition, note, callback_at
    )
    notice = ""
    if disposition == "do_not_call" and entry.digits:
        notice = add_to_do_not_call(store, entry.digits, f"{entry.name}: {entry.note}".strip(": "))
    return Recorded(entry, notice)


def add_to_do_not_call(store: Store, digits: str, note: str) -> str:
    """THE call site of the do-not-call list for disposition 7 (window and command line).

    Issue 15 part A (compliance) provides the do-not-call list; its "add a number" function
    plugs in here: add ``digits`` (E.164 digits) with ``note`` to the list in ``store`` and
    return a sentence for the agent ("+91 92000 00000 is now on the do-not-call list."). Until
    it is merged nothing is added and "" is returned: the disposition itself is stored with
    the entry either way, so nothing the agent chose is lost.
    """
    del store, digits, note
    return ""
