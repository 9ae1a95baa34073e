"""The bulk import behind :meth:`Store.import_contacts` and :meth:`Store.bulk_import`.

Contacts arrive one at a time (a file is streamed, never held) and are written in batches,
all inside the caller's one write transaction. A contact sharing a normalized number with a
stored one (or with one added earlier by the same import) is merged into it only when both
name the same person (:func:`dialer_app.core.text_fold.same_name`: equal but for case and
accents, or one has no name); otherwise both are kept, and the result says so. Memory stays
bounded: each batch looks its numbers up in the database instead of in a table of every
number seen.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store._db import fetch_all
from dialer_app.core.store._errors import ImportCancelledError
from dialer_app.core.store._rows import (
    INSERT_CONTACT,
    INSERT_NUMBER,
    UPDATE_CONTACT,
    chunks,
    contact_row,
    dump_extra,
    load_extra,
    name_key,
    next_contact_id,
    number_rows,
    stored_texts,
    utc_now_text,
    where_in,
)
from dialer_app.core.store._types import ImportResult, MergeNote
from dialer_app.core.text_fold import has_name, same_name

BATCH: Final = 2000
MAX_NOTES: Final = 10_000  # merge notes kept in the result; the counts stay exact


@dataclass
class _PendingMerge:
    """What incoming duplicates add to one stored contact."""

    numbers: list[ContactNumber] = field(default_factory=list)
    name: str = ""  # for a stored contact without a name
    company: str = ""
    notes: str = ""
    favorite: bool = False
    extra_params: dict[str, Any] = field(default_factory=dict)

    def absorb(self, contact: Contact, new_numbers: Iterable[ContactNumber]) -> None:
        self.numbers.extend(new_numbers)
        self.name = self.name or (contact.name if has_name(contact.name) else "")
        self.company = self.company or contact.company
        self.notes = self.notes or contact.notes
        self.favorite = self.favorite or contact.favorite
        self.extra_params = {**contact.extra_params, **self.extra_params}


class _Owners:
    """Which contacts own which digits (stored ones and those the batch adds), with names."""

    def __init__(self) -> None:
        self.by_digits: dict[str, list[int]] = {}
        self.names: dict[int, str] = {}

    def of(self, number: ContactNumber) -> list[int]:
        return self.by_digits.get(number.digits, []) if number.digits else []

    def claim(self, numbers: Iterable[ContactNumber], contact_id: int) -> None:
        for number in numbers:
            if number.digits:
                found = self.by_digits.setdefault(number.digits, [])
                if contact_id not in found:
                    found.append(contact_id)

    def target(
        self, name: str, numbers: Sequence[ContactNumber]
    ) -> tuple[int | None, int | None, str]:
        """``(contact to merge into, None, shared digits)`` for the first owner naming the
        same person, else ``(None, another owner or None, digits shared with it)``."""
        other: tuple[int, str] | None = None
        for number in numbers:
            for owner in self.of(number):
                if same_name(name, self.names[owner]):
                    return owner, None, number.digits
                other = other or (owner, number.digits)
        return (None, other[0], other[1]) if other else (None, None, "")


@dataclass
class _NewContact:
    """A contact this batch adds; later rows of the batch may merge into it."""

    id: int
    contact: Contact
    numbers: list[ContactNumber]


class BulkImporter:
    """Takes contacts one by one; writes and merges them a batch at a time.

    Must run inside one write transaction (ids are allocated up front). Stored contacts read
    with undecodable text go to ``damaged``; a merge writes their text back with U+FFFD.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        merge_duplicates: bool,
        damaged: set[int],
        cancelled: Callable[[], bool] | None = None,
    ) -> None:
        self._conn = conn
        self._merge = merge_duplicates
        self._damaged = damaged
        self._cancelled = cancelled
        self._now = utc_now_text()
        self._first_new_id = self._next_id = next_contact_id(conn)
        self._batch: list[tuple[int, Contact]] = []
        self.added = 0
        self.merged = 0
        self.kept_apart = 0
        self.merge_notes: list[MergeNote] = []
        self.kept_apart_notes: list[MergeNote] = []
        self.result = ImportResult(added=0, merged=0)

    @property
    def taken(self) -> int:
        """Contacts taken so far (added or merged)."""
        return self.added + self.merged + len(self._batch)

    def add(self, contact: Contact, line: int = 0) -> None:
        """Take one contact; ``line`` is where the file has it (0: not from a file)."""
        self._batch.append((line, contact))
        if len(self._batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the batch; raises :class:`ImportCancelledError` when asked to stop."""
        if self._cancelled is not None and self._cancelled():
            raise ImportCancelledError("import cancelled; nothing was saved")
        batch, self._batch = self._batch, []
        if not batch:
            return
        owners = _Owners()
        if self._merge:
            self._find_stored_owners(batch, owners)
        fresh: dict[int, _NewContact] = {}
        merges: dict[int, _PendingMerge] = {}
        for line, contact in batch:
            numbers = _unique(contact.numbers)
            target, other, shared = owners.target(contact.name, numbers)
            if target is None:
                self._add_new(contact, numbers, owners, fresh)
                if other is not None:
                    self._note(self.kept_apart_notes, line, contact, other, shared, owners)
                    self.kept_apart += 1
                continue
            new_numbers = [n for n in numbers if not n.digits or target not in owners.of(n)]
            owners.claim(new_numbers, target)
            if target in fresh:
                _absorb(fresh[target], contact, new_numbers)
            else:
                merges.setdefault(target, _PendingMerge()).absorb(contact, new_numbers)
            if has_name(contact.name) and not has_name(owners.names[target]):
                owners.names[target] = contact.name
            self._note(self.merge_notes, line, contact, target, shared, owners)
            self.merged += 1
        self._write_new(fresh.values())
        for ids in chunks(list(merges)):
            self._apply_merges(ids, merges)

    def finish(self) -> ImportResult:
        """Write what is left; ``result`` then holds what the import did."""
        self.flush()
        self.result = ImportResult(
            added=self.added,
            merged=self.merged,
            merges=tuple(self.merge_notes),
            kept_apart=self.kept_apart,
            kept_apart_notes=tuple(self.kept_apart_notes),
        )
        return self.result

    def _find_stored_owners(self, batch: Sequence[tuple[int, Contact]], owners: _Owners) -> None:
        """Stored contacts owning the batch's numbers (oldest first) and their names."""
        wanted = list({n.digits for _, c in batch for n in c.numbers if n.digits})
        for chunk in chunks(wanted):
            query = where_in(
                "SELECT n.digits, n.contact_id, c.name FROM contact_numbers n"
                " JOIN contacts c ON c.id = n.contact_id",
                "n.digits",
                len(chunk),
            )
            rows = fetch_all(self._conn, f"{query} ORDER BY n.contact_id", chunk, self._damaged, 1)
            for digits, contact_id, name in rows:
                owners.names[contact_id] = name
                found = owners.by_digits.setdefault(digits, [])
                if contact_id not in found:
                    found.append(contact_id)

    def _add_new(
        self,
        contact: Contact,
        numbers: list[ContactNumber],
        owners: _Owners,
        fresh: dict[int, _NewContact],
    ) -> None:
        contact_id = self._next_id
        self._next_id += 1
        fresh[contact_id] = _NewContact(contact_id, contact, numbers)
        if self._merge:
            owners.names[contact_id] = contact.name
            owners.claim(numbers, contact_id)
        self.added += 1

    def _note(
        self,
        notes: list[MergeNote],
        line: int,
        contact: Contact,
        other: int,
        shared: str,
        owners: _Owners,
    ) -> None:
        if len(notes) < MAX_NOTES:
            existing = other < self._first_new_id
            notes.append(MergeNote(line, contact.name, owners.names[other], shared, existing))

    # writing -------------------------------------------------------------------------
    def _write_new(self, fresh: Iterable[_NewContact]) -> None:
        contact_rows: list[tuple[object, ...]] = []
        new_number_rows: list[tuple[object, ...]] = []
        for new in fresh:
            contact_rows.append(contact_row(new.id, new.contact, self._now, new.numbers))
            new_number_rows.extend(number_rows(new.id, new.numbers))
        self._conn.executemany(INSERT_CONTACT, contact_rows)
        self._conn.executemany(INSERT_NUMBER, new_number_rows)

    def _apply_merges(self, targets: Sequence[int], merges: dict[int, _PendingMerge]) -> None:
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
            "SELECT id, name, company, notes, favorite, extra_params FROM contacts",
            "id",
            len(targets),
        )
        fields = {
            row[0]: row[1:] for row in fetch_all(self._conn, fields_query, targets, self._damaged)
        }
        new_rows: list[tuple[object, ...]] = []
        contact_updates: list[tuple[object, ...]] = []
        for contact_id in targets:
            merge = merges[contact_id]
            numbers = stored.get(contact_id, [])
            raws = {n.raw for n in numbers if not n.digits}
            digits = {n.digits for n in numbers if n.digits}
            new_numbers = [
                n
                for n in merge.numbers
                if ((n.digits not in digits) if n.digits else (n.raw not in raws))
            ]
            first = next_position.get(contact_id, 0)
            new_rows.extend(number_rows(contact_id, new_numbers, first))
            numbers.extend(new_numbers)
            name, company, notes, favorite, extra = fields[contact_id]
            if merge.name and not has_name(name):
                name = merge.name
            merged_extra = {**merge.extra_params, **load_extra(extra)}
            contact_updates.append(
                (
                    name,
                    name_key(name),
                    company or merge.company,
                    notes or merge.notes,
                    int(bool(favorite) or merge.favorite),
                    dump_extra(merged_extra),
                    self._now,
                    *stored_texts(name, company or merge.company, numbers),
                    contact_id,
                )
            )
        self._conn.executemany(INSERT_NUMBER, new_rows)
        self._conn.executemany(
            UPDATE_CONTACT,
            contact_updates,
        )


def _unique(numbers: Iterable[ContactNumber]) -> list[ContactNumber]:
    """The numbers without repeated digits (the first one wins)."""
    unique: list[ContactNumber] = []
    seen: set[str] = set()
    for number in numbers:
        if number.digits:
            if number.digits in seen:
                continue
            seen.add(number.digits)
        unique.append(number)
    return unique


def _absorb(target: _NewContact, contact: Contact, numbers: list[ContactNumber]) -> None:
    """Merge ``contact`` into a contact this batch adds (as a stored merge would)."""
    old = target.contact
    raws = {n.raw for n in target.numbers if not n.digits}
    target.numbers.extend(n for n in numbers if n.digits or n.raw not in raws)
    target.contact = Contact(
        name=old.name if has_name(old.name) or not has_name(contact.name) else contact.name,
        numbers=old.numbers,
        company=old.company or contact.company,
        notes=old.notes or contact.notes,
        favorite=old.favorite or contact.favorite,
        extra_params={**contact.extra_params, **old.extra_params},
    )
