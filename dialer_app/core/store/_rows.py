"""How a :class:`~dialer_app.core.contact.Contact` maps to the store's rows and back.

SQL of the contacts tables, the row tuples written for a contact (with its search texts),
loading contacts by id, and the text forms of timestamps and extra parameters; shared by
the store and its bulk import.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from array import array
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any, Final, TypeAlias, TypeVar

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store._db import REPLACEMENT, fetch_all
from dialer_app.core.text_fold import fold

_ID_CHUNK: Final = 500  # ids per "IN (...)" query, well below SQLite's bound-parameter limit

DISPLAY_ORDER: Final = "favorite DESC, name_key, id"
SELECT_CONTACTS: Final = "SELECT id, name, company, notes, favorite, extra_params FROM contacts"
SELECT_NUMBERS: Final = "SELECT contact_id, label, raw, digits FROM contact_numbers"
INSERT_CONTACT: Final = (
    "INSERT INTO contacts (id, name, name_key, company, notes, favorite, extra_params,"
    " created_at, updated_at, numbers_text, digits_text, listing)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
UPDATE_CONTACT: Final = (
    "UPDATE contacts SET name = ?, name_key = ?, company = ?, notes = ?, favorite = ?,"
    " extra_params = ?, updated_at = ?, numbers_text = ?, digits_text = ?, listing = ?"
    " WHERE id = ?"
)
"""Parameters: :func:`contact_fields`, the time, :func:`stored_texts` and the id."""
UPDATE_TEXTS_ONLY: Final = (
    "UPDATE contacts SET numbers_text = ?, digits_text = ?, listing = ? WHERE id = ?"
)
INSERT_NUMBER: Final = (
    "INSERT INTO contact_numbers (contact_id, position, label, raw, digits) VALUES (?, ?, ?, ?, ?)"
)
SELECT_LISTING: Final = (
    "SELECT id, favorite, listing FROM contacts ORDER BY favorite DESC, name_key, id"
)
"""The contact list: id, favorite and its record (see :func:`listing_record`); the covering
index ``contacts_listing`` makes it one walk over an index, without a sort."""
LISTING_SEPARATOR: Final = "\x1f"
_RECORD_SEPARATOR: Final = "\x1e"  # between the records of a slice read in one piece
Listing: TypeAlias = "tuple[array[int], bytearray, list[str]]"  # (array is not generic at run time)
"""The contact list in display order: ids, favorite flags (0/1), records (``read_listing``)."""
_SLICE: Final = 2000
_NOT_IN_RECORDS: Final = str.maketrans({LISTING_SEPARATOR: " ", _RECORD_SEPARATOR: " "})
_SLICE_OF: Final = (  # ids as 16 hex digits each: SQLite writes them, Python needs no loop
    "SELECT group_concat(printf('%016x', id), ''), group_concat(listing, char(30)),"
    " max(name_key) FROM (SELECT id, listing, name_key FROM contacts WHERE favorite = ?{after}"
    " ORDER BY name_key, id LIMIT ?)"  # the last contact's name_key is the slice's largest
)
_FIRST_SLICE: Final = _SLICE_OF.format(after="")
_NEXT_SLICE: Final = _SLICE_OF.format(after=" AND (name_key, id) > (?, ?)")
SELECT_SEARCH_ROWS: Final = (
    "SELECT id, name, company, favorite, numbers_text, digits_text FROM contacts"
)

_NON_DIGITS: Final = re.compile(r"\D+")
_T = TypeVar("_T")
ContactRow = tuple[int, str, str, str, int, str]
NumberRows = dict[int, tuple[ContactNumber, ...]]


def name_key(name: str) -> str:
    return name.strip().casefold()


def dump_extra(extra: dict[str, Any]) -> str:
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else "{}"


def load_extra(text: str) -> dict[str, Any]:
    if text == "{}":  # skip the parser for most contacts
        return {}
    try:
        loaded: dict[str, Any] = json.loads(text)
    except ValueError:
        if REPLACEMENT not in text:
            raise
        return {}  # damaged beyond reading; the contact is listed in damaged_text()
    return loaded


def utc_now_text() -> str:
    return timestamp_text(datetime.now(UTC))


def timestamp_text(moment: datetime) -> str:
    """Fixed-width UTC ISO text, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def require_id(contact: Contact) -> int:
    if contact.id is None:
        raise ValueError("the contact has no id (it was never saved)")
    return contact.id


def next_contact_id(conn: sqlite3.Connection) -> int:
    """The next unused id; never reuses a deleted contact's id, so undo can restore it."""
    row = conn.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'contacts'), 0),"
        " coalesce((SELECT max(id) FROM contacts), 0))"
    ).fetchone()
    return int(row[0]) + 1


def search_texts(numbers: Sequence[ContactNumber]) -> tuple[str, str]:
    """``(numbers_text, digits_text)`` of a contact from its numbers in order (see SearchRow)."""
    return ", ".join([n.raw for n in numbers]), " ".join([n.digits for n in numbers if n.digits])


def listing_record(name: str, company: str, numbers_text: str, digits_text: str) -> str:
    """A contact as the list holds it (schema 3, column ``listing``): name, company, numbers
    as typed and their digits, for showing it; then what else the search must find: the
    name, company and numbers without case or accents where that differs from them, and the
    digits of each number as typed (national forms like 092000 00000) where the normalized
    digits do not hold them. Fields are apart by :data:`LISTING_SEPARATOR`; a folded query
    can only match a field that folds to itself, so nothing is stored twice."""
    searched = [folded for text in (name, company, numbers_text) if (folded := fold(text)) != text]
    typed: set[str] = set()
    for number in numbers_text.split(", "):
        bare = number[1:] if number.startswith("+") else number
        if bare.isdecimal() and bare in digits_text:
            continue  # the common case, typed as stored (E.164): no pattern needed
        digits = _NON_DIGITS.sub("", number)
        if digits not in digits_text:
            typed.add(digits)
    searched += sorted(typed)
    shown = (name, company, numbers_text, digits_text)
    record = LISTING_SEPARATOR.join((*shown, " ".join(searched)))
    return record.translate(_NOT_IN_RECORDS) if _RECORD_SEPARATOR in record else record


def read_listing(conn: sqlite3.Connection) -> Listing:
    """Every contact's id, favorite flag and record in display order (``Store.listing``).

    Favorites first, then the others, in slices of 2,000 (larger ones read no faster and
    leave the process 7 MiB bigger for 100,000 contacts): each slice is one query whose
    ``group_concat`` texts SQLite builds in the order of the slice's subquery, walking the
    ``contacts_listing`` index; the next slice starts after the last contact of the one
    before (keyset paging: no OFFSET, no sort). Each query gives Python's lock back while
    SQLite works and must wait for it again (see ``EarlyListing`` for a reader beside a busy
    thread).
    """
    ids: array[int] = array("q")
    favorites = bytearray()
    records: list[str] = []
    for favorite in (1, 0):
        after: tuple[str, int] | None = None
        while True:
            id_text, record_text, last_key = conn.execute(
                _FIRST_SLICE if after is None else _NEXT_SLICE,
                (favorite, _SLICE) if after is None else (favorite, *after, _SLICE),
            ).fetchone()
            if not id_text:
                break
            slice_ids: array[int] = array("q", bytes.fromhex(id_text))
            if sys.byteorder == "little":
                slice_ids.byteswap()  # written big-endian
            slice_records = record_text.split(_RECORD_SEPARATOR)
            if len(slice_records) != len(slice_ids):
                raise sqlite3.OperationalError("the list's records do not add up")
            ids.extend(slice_ids)
            favorites.extend(bytes([favorite]) * len(slice_ids))
            records.extend(slice_records)
            after = (last_key, ids[-1])
    return ids, favorites, records


def stored_texts(name: str, company: str, numbers: Sequence[ContactNumber]) -> tuple[str, str, str]:
    """``(numbers_text, digits_text, listing)`` stored with a contact."""
    numbers_text, digits_text = search_texts(numbers)
    return numbers_text, digits_text, listing_record(name, company, numbers_text, digits_text)


def contact_fields(contact: Contact) -> tuple[object, ...]:
    """``(name, name_key, company, notes, favorite, extra_params)`` as stored in a contacts row."""
    return (
        contact.name,
        name_key(contact.name),
        contact.company,
        contact.notes,
        int(contact.favorite),
        dump_extra(contact.extra_params),
    )


def contact_row(
    contact_id: int, contact: Contact, now: str, numbers: Sequence[ContactNumber]
) -> tuple[object, ...]:
    """The contacts row of ``contact`` stored with ``numbers`` (its numbers, maybe deduplicated)."""
    texts = stored_texts(contact.name, contact.company, numbers)
    return (contact_id, *contact_fields(contact), now, now, *texts)


def number_rows(
    contact_id: int, numbers: Iterable[ContactNumber], first_position: int = 0
) -> list[tuple[object, ...]]:
    return [
        (contact_id, position, number.label, number.raw, number.digits)
        for position, number in enumerate(numbers, start=first_position)
    ]


def insert_contacts(
    conn: sqlite3.Connection, rows: Sequence[tuple[int, Contact]], now: str
) -> None:
    conn.executemany(INSERT_CONTACT, [contact_row(i, c, now, c.numbers) for i, c in rows])
    conn.executemany(INSERT_NUMBER, [row for i, c in rows for row in number_rows(i, c.numbers)])


def chunks(items: Sequence[_T]) -> Iterator[Sequence[_T]]:
    """``items`` in slices small enough for one ``IN (...)`` query."""
    for start in range(0, len(items), _ID_CHUNK):
        yield items[start : start + _ID_CHUNK]


def where_in(select: str, column: str, count: int) -> str:
    """``select`` filtered to ``column IN (?, ?, ...)`` with ``count`` placeholders."""
    return f"{select} WHERE {column} IN ({', '.join('?' * count)})"


def load_contacts(
    conn: sqlite3.Connection, ids: Sequence[int], damaged: set[int]
) -> dict[int, Contact]:
    """The contacts with these ids; ids of contacts with undecodable text go to ``damaged``."""
    found: dict[int, Contact] = {}
    for chunk in chunks(ids):
        numbers_query = where_in(SELECT_NUMBERS, "contact_id", len(chunk))
        numbers = numbers_by_contact(
            fetch_all(conn, f"{numbers_query} ORDER BY contact_id, position", chunk, damaged)
        )
        contacts_query = where_in(SELECT_CONTACTS, "id", len(chunk))
        for row in fetch_all(conn, contacts_query, chunk, damaged):
            found[row[0]] = contact_from_row(row, numbers.get(row[0], ()))
    return found


def numbers_by_contact(rows: Iterable[tuple[int, str, str, str]]) -> NumberRows:
    grouped: dict[int, list[ContactNumber]] = {}
    for contact_id, label, raw, digits in rows:
        grouped.setdefault(contact_id, []).append(
            ContactNumber(raw=raw, digits=digits, label=label)
        )
    return {contact_id: tuple(numbers) for contact_id, numbers in grouped.items()}


def contact_from_row(row: ContactRow, numbers: tuple[ContactNumber, ...]) -> Contact:
    contact_id, name, company, notes, favorite, extra = row
    return Contact(
        name=name,
        numbers=numbers,
        company=company,
        notes=notes,
        favorite=bool(favorite),
        extra_params=load_extra(extra),
        id=contact_id,
    )
