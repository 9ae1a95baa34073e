"""The store's plain data types (part of its public API: import them from
:mod:`dialer_app.core.store`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

SearchRow = tuple[int, str, str, bool, str, str]
"""``(id, name, company, favorite, numbers_text, digits_text)``: raw numbers joined by ``", "``
and the non-empty normalized digits joined by ``" "``, both in the contact's number order.

Both texts are stored in the contacts row (schema 2) and rewritten with the numbers, so
loading the list is one plain SELECT rather than a join over every number."""


@dataclass(frozen=True)
class TextDamage:
    """Rows read with U+FFFD in place of stored bytes that were not UTF-8 (see the module doc).

    ``contacts`` holds contact ids (damage in a contact's numbers counts for the contact),
    ``history`` history entry ids. Only rows that reads have met so far are known.
    """

    contacts: frozenset[int] = frozenset()
    history: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.contacts or self.history)


@dataclass(frozen=True)
class RecoveryNotice:
    """A damaged database was moved aside to ``moved_to`` and a fresh one created."""

    moved_to: Path
    reason: str


@dataclass(frozen=True)
class MergeNote:
    """An incoming contact that shared a number with another one: merged into it (same name,
    or one of them had none), or kept apart from it (different names).

    ``line`` is where the file has the incoming contact (0: not from a file); ``digits`` the
    shared number; ``existing`` says the other contact was stored before this import.
    """

    line: int
    name: str
    other_name: str
    digits: str
    existing: bool


@dataclass(frozen=True)
class ImportResult:
    """``added`` new contacts; ``merged`` incoming contacts folded into others (stored ones, or
    ones the same import added); ``kept_apart`` contacts that share a number with a contact of
    another name and were kept as contacts of their own. The note tuples hold the first
    10,000 merges and kept-apart contacts."""

    added: int
    merged: int
    merges: tuple[MergeNote, ...] = ()
    kept_apart: int = 0
    kept_apart_notes: tuple[MergeNote, ...] = ()
