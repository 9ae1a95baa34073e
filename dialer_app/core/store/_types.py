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
class ImportResult:
    """``added`` new contacts; ``merged`` incoming contacts folded into existing ones."""

    added: int
    merged: int
