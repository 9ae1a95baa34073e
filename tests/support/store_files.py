"""Database files for store tests: damaging stored text in place, and the schema-1 file made
by an earlier version of the app with what its search rows must be."""

from __future__ import annotations

import sqlite3
from itertools import groupby
from pathlib import Path

from dialer_app.core.store import SearchRow
from tests.support.harness import DATA_DIR

SCHEMA1_FILE = DATA_DIR / "contacts-schema1.db"


def rows_from_numbers(path: Path) -> list[SearchRow]:
    """What ``search_rows`` must return, rebuilt from the numbers table itself."""
    with sqlite3.connect(path) as conn:
        numbers = conn.execute(
            "SELECT contact_id, raw, digits FROM contact_numbers ORDER BY contact_id, position"
        ).fetchall()
        contacts = conn.execute(
            "SELECT id, name, company, favorite FROM contacts ORDER BY favorite DESC, name_key, id"
        ).fetchall()
    conn.close()
    by_contact = {
        contact_id: [(raw, digits) for _, raw, digits in rows]
        for contact_id, rows in groupby(numbers, key=lambda row: row[0])
    }
    expected: list[SearchRow] = []
    for contact_id, name, company, favorite in contacts:
        pairs = by_contact.get(contact_id, [])
        numbers_text = ", ".join(raw for raw, _ in pairs)
        digits_text = " ".join(digits for _, digits in pairs if digits)
        expected.append((contact_id, name, company, favorite == 1, numbers_text, digits_text))
    return expected


def flip(path: Path, text: str, *offsets: int) -> None:
    """Overwrite bytes of ``text`` with 0xFF wherever the file holds it: a contact's name and
    company are stored in its row, in its list record and in the list's index (schema 3), so
    damage to the text is damage to each copy."""
    data = bytearray(path.read_bytes())
    needle = text.encode()
    starts = [i for i in range(len(data)) if data.startswith(needle, i)]
    assert starts, text
    for start in starts:
        for offset in offsets:
            data[start + offset] = 0xFF
    path.write_bytes(bytes(data))
