"""Working through a list: the intent for an entry, what the calling rules say about it now,
which entry comes next, and the progress.

Every call goes through the Dialer: :func:`entry_intent` is the one ``CallIntent`` of an
entry, and :func:`check_entry` asks ``Dialer.prepare`` (pure: it sends nothing) whether the
rules would hold it back, so blocked entries are shown and skipped before anyone calls them.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.dialer import CallIntent, CallRefusedError, Dialer, Surface
from dialer_app.core.store import ListEntry

# Refusals that are about the entry's number itself: it cannot be called at all.
_NOT_DIALABLE = frozenset({"invalid_number", "extension"})

CheckState = Literal["callable", "blocked", "not_dialable"]


@dataclass(frozen=True)
class EntryCheck:
    """What the Dialer would do with the entry now: ``reason`` in words for the agent."""

    state: CheckState = "callable"
    reason: str = ""
    rule: str = ""

    @property
    def callable(self) -> bool:
        return self.state == "callable"


CALLABLE = EntryCheck()


def entry_intent(
    entry: ListEntry, mode: DeliveryMode, caller_id: str | None = None
) -> CallIntent:
    """The intent to call ``entry`` (its normalized number, or the text the file had when it
    is not a valid number, so the Dialer says why)."""
    return CallIntent(
        "+" + entry.digits if entry.digits else entry.number,
        Surface.CALL_LIST,
        mode,
        caller_id,
        contact_name=entry.name,
        extra_params=dict(entry.extra_params) or None,
    )


def check_entry(
    dialer: Dialer, entry: ListEntry, mode: DeliveryMode, caller_id: str | None = None
) -> EntryCheck:
    """Whether the calling rules (and the number) allow the entry now; sends nothing. The
    repeat guard is left out: it holds a number for seconds, not an entry of a list."""
    try:
        dialer.prepare(entry_intent(entry, mode, caller_id).calling_again())
    except CallRefusedError as refusal:
        return refusal_check(refusal)
    return CALLABLE


def refusal_check(refusal: CallRefusedError) -> EntryCheck:
    """What a refusal of the Dialer means for an entry (``callable``: it was not about the
    entry, e.g. a repeat held back for a few seconds)."""
    if refusal.kind == "blocked":
        reason = refusal.message.removeprefix(f"{refusal.display} was not called: ")
        return EntryCheck("blocked", reason, refusal.rule)
    if refusal.kind in _NOT_DIALABLE:
        return EntryCheck("not_dialable", refusal.message, refusal.kind)
    return CALLABLE


def is_due(entry: ListEntry, now: datetime) -> bool:
    """A call back whose time has come."""
    return entry.status == "callback" and entry.callback_at is not None and entry.callback_at <= now


def to_call(entry: ListEntry, now: datetime) -> bool:
    """Still to be worked: never disposed, called without a disposition, or a call back due."""
    return entry.status in ("pending", "called") or is_due(entry, now)


def next_entry(
    entries: Sequence[ListEntry],
    after: int,
    now: datetime,
    usable: Callable[[ListEntry], bool] = lambda _entry: True,
) -> ListEntry | None:
    """The entry to work on after entry ``after``: call backs that are due first (the
    earliest first), then the entries after it in order, then those before it (skipped
    ones), then entry ``after`` itself; only entries ``usable`` says yes to. None: the list
    is done for now. ``entries`` are in id order."""
    due = sorted(
        (entry for entry in entries if entry.status == "callback" and is_due(entry, now)),
        key=lambda entry: (entry.callback_at, entry.id),
    )
    split = bisect.bisect_right(entries, after, key=lambda entry: entry.id)
    itself = entries[split - 1] if split and entries[split - 1].id == after else None
    ordered = itertools.chain(due, entries[split:], entries[: split - (itself is not None)])
    for entry in ordered:
        if entry.id != after and to_call(entry, now) and usable(entry):
            return entry
    if itself is not None and to_call(itself, now) and usable(itself):
        return itself
    return None


@dataclass(frozen=True)
class ListProgress:
    """``done`` of ``total`` entries have a final disposition; ``callbacks`` wait for their
    time, ``blocked`` and ``not_dialable`` are held back now."""

    total: int
    done: int
    callbacks: int = 0
    blocked: int = 0
    not_dialable: int = 0

    @property
    def text(self) -> str:
        """"12 / 40 done · 2 call backs · 1 blocked"."""
        parts = [f"{self.done} / {self.total} done"]
        if self.callbacks:
            parts.append(f"{self.callbacks} call back{'s' if self.callbacks != 1 else ''}")
        if self.blocked:
            parts.append(f"{self.blocked} blocked")
        if self.not_dialable:
            parts.append(f"{self.not_dialable} not dialable")
        return " · ".join(parts)


def list_progress(
    entries: Sequence[ListEntry], checks: Mapping[int, EntryCheck] | None = None
) -> ListProgress:
    """The progress of a list; ``checks`` (by entry id) counts the entries held back. One
    pass: the window asks after every key press."""
    known = checks or {}
    done = callbacks = blocked = not_dialable = 0
    for entry in entries:
        status = entry.status
        if status == "done":
            done += 1
            continue
        if status == "callback":
            callbacks += 1
        check = known.get(entry.id)
        if check is not None and check.state != "callable":
            if check.state == "blocked":
                blocked += 1
            else:
                not_dialable += 1
    return ListProgress(len(entries), done, callbacks, blocked, not_dialable)
