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
    """THE call site of the do-not-call list for disposition 7 (window and command line): add
    ``digits`` (API digits) with ``note`` to the agent's list in ``store``; a sentence for the
    agent. (The window also holds the number back in memory at once: see ``ListsFlow``.)"""
    from dialer_app.core.do_not_call import DoNotCallEntry, clean_note

    entry = DoNotCallEntry(digits, clean_note(note), source="call_list")
    if store.add_do_not_call([entry]):
        return f"{entry.display} is now on the do-not-call list."
    return f"{entry.display} was already on the do-not-call list."
