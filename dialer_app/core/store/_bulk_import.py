"""The bulk import behind :meth:`dialer_app.core.store.Store.import_contacts`.

:class:`BulkImporter` buffers new contacts for ``executemany`` and merges incoming duplicates
into stored contacts (:class:`_PendingMerge` collects what each one gains).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store._db import fetch_all
from dialer_app.core.store._rows import (
    INSERT_CONTACT,
    INSERT_NUMBER,
    chunks,
    contact_row,
    dump_extra,
    load_extra,
    next_contact_id,
    number_rows,
    search_texts,
    utc_now_text,
    where_in,
)


@dataclass
class _PendingMerge:
    """What incoming duplicates add to one stored contact."""

    numbers: list[ContactNumber] = field(default_factory=list)
    company: str = ""
    notes: str = ""
    extra_params: dict[str, Any] = field(default_factory=dict)

    def absorb(self, contact: Contact, new_numbers: Iterable[ContactNumber]) -> None:
        self.numbers.extend(new_numbers)
        self.company = self.company or contact.company
        self.notes = self.notes or contact.notes
        self.extra_params = {**contact.extra_params, **self.extra_params}


class BulkImporter:
    """Buffers new contacts for ``executemany`` and collects merges to apply at the end.

    Must run inside one write transaction (ids are allocated up front). Stored contacts read
    with undecodable text go to ``damaged``; a merge writes their text back with U+FFFD.
    ``added`` and ``merged`` count the contacts taken so far (the store's ``ImportResult``).
    """

    def __init__(self, conn: sqlite3.Connection, merge_duplicates: bool, damaged: set[int]) -> None:
        self._conn = conn
        self._merge = merge_duplicates
        self._damaged = damaged
        self._now = utc_now_text()
        self._next_id = next_contact_id(conn)
        self._owner: dict[str, int] = {}
        if merge_duplicates:
            self._owner = dict(
                fetch_all(
                    conn,
                    "SELECT digits, min(contact_id) FROM contact_numbers"
                    " WHERE digits <> '' GROUP BY digits",
                    (),
                    damaged,
                    key=1,
                )
            )
        self._contact_rows: list[tuple[object, ...]] = []
        self._number_rows: list[tuple[object, ...]] = []
        self._merges: dict[int, _PendingMerge] = {}
        self.added = 0
        self.merged = 0

    def add(self, contact: Contact) -> None:
        numbers: Sequence[ContactNumber] = contact.numbers
        target = None
        if self._merge:
            numbers, target = self._unique_and_target(numbers)
        if target is not None:
            fresh = [n for n in numbers if not n.digits or n.digits not in self._owner]
            self._claim(fresh, target)
            self._merges.setdefault(target, _PendingMerge()).absorb(contact, fresh)
            self.merged += 1
            return
        contact_id = self._next_id
        self._next_id += 1
        self._contact_rows.append(contact_row(contact_id, contact, self._now, numbers))
        self._number_rows.extend(number_rows(contact_id, numbers))
        self._claim(numbers, contact_id)
        self.added += 1

    def flush(self) -> None:
        self._conn.executemany(INSERT_CONTACT, self._contact_rows)
        self._conn.executemany(INSERT_NUMBER, self._number_rows)
        self._contact_rows.clear()
        self._number_rows.clear()

    def finish(self) -> None:
        self.flush()
        targets = list(self._merges)
        for chunk in chunks(targets):
            self._apply_merges(chunk)

    def _unique_and_target(
        self, numbers: Iterable[ContactNumber]
    ) -> tuple[list[ContactNumber], int | None]:
        """The numbers without repeated digits (first one wins) and the contact owning the
        first of their digits already taken, in one pass."""
        owner = self._owner
        unique: list[ContactNumber] = []
        seen: set[str] = set()
        target = None
        for number in numbers:
            digits = number.digits
            if digits:
                if digits in seen:
                    continue
                seen.add(digits)
                if target is None:
                    target = owner.get(digits)
            unique.append(number)
        return unique, target

    def _claim(self, numbers: Iterable[ContactNumber], contact_id: int) -> None:
        if self._merge:
            for number in numbers:
                if number.digits:
                    self._owner.setdefault(number.digits, contact_id)

    def _apply_merges(self, targets: Sequence[int]) -> None:
        stored: dict[int, list[ContactNumber]] = {}  # contact id -> its numbers in order
        next_position: dict[int, int] = {}
        numbers_query = where_in(
            "SELECT contact_id, position, raw, digits FROM contact_numbers",
            "contact_id",
            len(targets),
        )
        for contact_id, position, raw, digits in fetch_all(
            self._conn, f"{numbers_query} ORDER BY contact_id, position", targets, self._damaged
        ):
            stored.setdefault(contact_id, []).append(ContactNumber(raw, digits))
            next_position[contact_id] = position + 1
        fields_query = where_in(
            "SELECT id, company, notes, extra_params FROM contacts", "id", len(targets)
        )
        fields = {
            row[0]: row[1:] for row in fetch_all(self._conn, fields_query, targets, self._damaged)
        }
        new_rows: list[tuple[object, ...]] = []
        contact_updates: list[tuple[object, ...]] = []
        for contact_id in targets:
            merge = self._merges[contact_id]
            numbers = stored.get(contact_id, [])
            raws = {n.raw for n in numbers if not n.digits}
            new_numbers = [n for n in merge.numbers if n.digits or n.raw not in raws]
            first = next_position.get(contact_id, 0)
            new_rows.extend(number_rows(contact_id, new_numbers, first))
            numbers.extend(new_numbers)
            company, notes, extra = fields[contact_id]
            merged_extra = {**merge.extra_params, **load_extra(extra)}
            contact_updates.append(
                (
                    company or merge.company,
                    notes or merge.notes,
                    dump_extra(merged_extra),
                    self._now,
                    *search_texts(numbers),
                    contact_id,
                )
            )
        self._conn.executemany(INSERT_NUMBER, new_rows)
        self._conn.executemany(
            "UPDATE contacts SET company = ?, notes = ?, extra_params = ?, updated_at = ?,"
            " numbers_text = ?, digits_text = ? WHERE id = ?",
            contact_updates,
        )
