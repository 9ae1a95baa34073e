"""Stored text that is no longer UTF-8 (one byte flipped in the real file on disk).

``PRAGMA quick_check`` passes such a file, so it is not recovered; every read must still
return every row, with U+FFFD where the bad bytes were, and name the damaged rows.
"""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_export import export_contacts
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.store import HistoryEntry, Store, TextDamage
from tests.support.store_files import flip

BAD = "\ufffd"
CALLED_AT = datetime(2026, 3, 14, 9, 26, 53, 589793, tzinfo=UTC)


def person(
    name: str, digits: str, company: str = "", notes: str = "", extra: dict[str, Any] | None = None
) -> Contact:
    number = ContactNumber(f"+{digits}", digits, "cell")
    return Contact(name, (number,), company=company, notes=notes, extra_params=extra or {})


CONTACTS = [
    person("Asha Rao", "919500000001"),
    person("Zebra Khan", "919500000002", company="Quokka Traders"),
    person("Bina Das", "919500000003", notes="Prefers calls after lunch"),
    person("Chitra Iyer", "919500000004", extra={"crm_id": "C-4471"}),
]


HISTORY = [
    HistoryEntry(
        CALLED_AT, "919500000009", "+91 95000 00009", "mobile", "cancelled", None, "Yusuf"
    ),
    HistoryEntry(
        CALLED_AT - timedelta(days=1), "919500000008", "+91 95000 00008", "softphone", "initiated"
    ),
]
# The stored history row of HISTORY[0]: its values lie side by side in the table's record.
YUSUF_RECORD = "2026-03-14T09:26:53.589793+00:00919500000009+91 95000 00009Yusufmobilecancelled"
YUSUF_TIME = YUSUF_RECORD[:32]


def flip_time_in_time_index(path: Path, offset: int) -> None:
    """Damage HISTORY[0]'s timestamp in the started_at index, the copy the history list reads.

    The table row is followed by the number, the (number, started_at) index entry follows the
    number; the remaining copy is the started_at index entry.
    """
    data = bytearray(path.read_bytes())
    needle, digits = YUSUF_TIME.encode(), HISTORY[0].number_digits.encode()
    starts = [i for i in range(len(data)) if data.startswith(needle, i)]
    [start] = [
        i
        for i in starts
        if not data.startswith(digits, i + len(needle)) and not data[:i].endswith(digits)
    ]
    data[start + offset] = 0xFF
    path.write_bytes(bytes(data))


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "profile" / "contacts.db"
    store, _ = Store.open(path)
    with store:
        store.import_contacts(CONTACTS)
        for entry in HISTORY:
            store.add_history(entry)
    assert sorted(p.name for p in path.parent.iterdir()) == ["contacts.db"]  # all in the file
    return path


def open_damaged(path: Path) -> Store:
    """The file passes quick_check (so it is not moved aside) and opens without a notice."""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    store, notice = Store.open(path)
    assert notice is None
    return store


def ids_by_name(store: Store) -> dict[str, int]:
    return {row[1]: row[0] for row in store.search_rows()}


def test_healthy_file_reports_no_damage(database: Path) -> None:
    with open_damaged(database) as store:
        assert [c.name for c in store.all_contacts()] == sorted(c.name for c in CONTACTS)
        assert [e.contact_name for e in store.recent_history()] == ["Yusuf", ""]
        assert store.damaged_text() == TextDamage()
        assert not store.damaged_text()


def test_damaged_name_loads_searches_exports_and_is_repaired_by_saving(
    database: Path, tmp_path: Path
) -> None:
    flip(database, "Zebra Khan", 2)  # "Ze\ufffdra Khan"

    with (
        closing(sqlite3.connect(database)) as conn,
        pytest.raises(sqlite3.OperationalError, match="Could not decode"),
    ):
        conn.execute("SELECT name FROM contacts").fetchall()  # what broke every start
    with open_damaged(database) as store:
        rows = store.search_rows()
        names = [row[1] for row in rows]
        assert names == ["Asha Rao", "Bina Das", "Chitra Iyer", f"Ze{BAD}ra Khan"]
        damaged_id = rows[3][0]
        assert rows[3][2:] == ("Quokka Traders", False, "+919500000002", "919500000002")
        assert store.damaged_text() == TextDamage(contacts=frozenset({damaged_id}))

        index = ContactIndex(rows)
        assert [rows[i][1] for i in index.search("khan")] == [f"Ze{BAD}ra Khan"]
        assert [rows[i][1] for i in index.search("9500000002")] == [f"Ze{BAD}ra Khan"]

        out = tmp_path / "out.csv"
        assert export_contacts(store, out, "csv").count == len(CONTACTS)
        with out.open(encoding="utf-8-sig", newline="") as handle:
            exported = {row[0] for row in csv.reader(handle)}
        assert f"Ze{BAD}ra Khan" in exported
        assert "Asha Rao" in exported

        damaged = store.get_contact(damaged_id)
        assert damaged is not None
        store.update_contact(replace(damaged, name="Zebra Khan"))  # the agent edits it
        assert store.damaged_text() == TextDamage()

    with open_damaged(database) as store:
        assert [row[1] for row in store.search_rows()] == sorted(c.name for c in CONTACTS)
        assert store.damaged_text() == TextDamage()


def test_damage_in_notes_and_extra_params_shows_when_the_contact_is_read(database: Path) -> None:
    flip(database, "Prefers calls after lunch", 7)
    flip(database, '{"crm_id": "C-4471"}', 1)  # breaks the JSON itself

    with open_damaged(database) as store:
        ids = ids_by_name(store)
        assert store.damaged_text() == TextDamage()  # the list does not read notes
        bina = store.get_contact(ids["Bina Das"])
        chitra = store.get_contact(ids["Chitra Iyer"])
        assert bina is not None
        assert chitra is not None
        assert bina.notes == f"Prefers{BAD}calls after lunch"
        assert chitra.extra_params == {}  # unreadable JSON: nothing made up
        assert chitra.numbers == CONTACTS[3].numbers
        expected = frozenset({ids["Bina Das"], ids["Chitra Iyer"]})
        assert store.damaged_text().contacts == expected
        assert len(store.all_contacts()) == len(CONTACTS)


def test_damaged_company_survives_a_merging_import(database: Path) -> None:
    flip(database, "Quokka Traders", 3)

    with open_damaged(database) as store:
        result = store.import_contacts([person("zebra khan", "919500000002", notes="from CRM")])
        zebra = store.find_by_digits("919500000002")
        assert zebra is not None
        assert zebra.id is not None
        assert (result.added, result.merged) == (0, 1)
        assert (zebra.company, zebra.notes) == (f"Quo{BAD}ka Traders", "from CRM")
        assert store.damaged_text().contacts == {zebra.id}


def test_damaged_history_is_listed_searchable_and_readable(database: Path) -> None:
    flip(database, YUSUF_RECORD, YUSUF_RECORD.index("Yusuf"))
    flip_time_in_time_index(database, 6)  # the month's units digit (keeps the index order)

    with open_damaged(database) as store:
        newest, older = store.recent_history()
        assert newest.contact_name == f"{BAD}usuf"
        assert newest.started_at == CALLED_AT.replace(month=1)  # "0?" read as "01"
        assert (newest.mode, newest.outcome) == ("mobile", "cancelled")
        assert newest.number_digits == "919500000009"
        assert older == replace(HISTORY[1], id=older.id)
        assert store.damaged_text() == TextDamage(history=frozenset({newest.id or 0}))
        assert [e.id for e in store.recent_history(text="usuf")] == [newest.id]
        last = store.last_call_to("919500000009")
        assert last is not None
        assert last.id == newest.id
