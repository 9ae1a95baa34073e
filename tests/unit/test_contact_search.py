"""Search over the contact list as the store loads it (real SQLite file, schema 3 texts)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.store import Store
from dialer_app.core.text_fold import fold, same_name

PEOPLE = [
    Contact("José Müller", (ContactNumber("+34 612 34 56 78", "34612345678"),), "Café Ñandú"),
    Contact("Jose Muller", (ContactNumber("+49 151 2345 6789", "4915123456789"),)),
    Contact("Zoë Ørsted", (ContactNumber("092000 00001", "919200000001"),), "Łódź Straße"),
    Contact("Asha Rao", (ContactNumber("+91 92000 00002", "919200000002"),), "ACME"),
]


@pytest.fixture
def index(tmp_path: Path) -> ContactIndex:
    store, _ = Store.open(tmp_path / "contacts.db")
    with store:
        for person in PEOPLE:
            store.add_contact(person)
        return ContactIndex.load(store)


def names(index: ContactIndex, query: str) -> list[str]:
    return sorted(index.row(position)[1] for position in index.search(query))


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("jose", ["Jose Muller", "José Müller"]),  # issue 14, case 11: "jose" finds "José"
        ("José", ["Jose Muller", "José Müller"]),  # and the other way round
        ("muller", ["Jose Muller", "José Müller"]),
        ("MÜLLER", ["Jose Muller", "José Müller"]),
        ("zoe orsted", ["Zoë Ørsted"]),
        ("lodz strasse", ["Zoë Ørsted"]),
        ("cafe nandu", ["José Müller"]),
        ("acme", ["Asha Rao"]),
        ("9200", ["Asha Rao", "Zoë Ørsted"]),
        ("092000 00001", ["Zoë Ørsted"]),  # the national form as typed
        ("+91 92000 00002", ["Asha Rao"]),
        ("nobody", []),
    ],
)
def test_search_folds_case_and_accents_both_ways(
    index: ContactIndex, query: str, found: list[str]
) -> None:
    assert names(index, query) == found


def test_typing_on_narrows_and_backspace_widens(index: ContactIndex) -> None:
    assert names(index, "j") == ["Jose Muller", "José Müller"]
    assert names(index, "jos") == ["Jose Muller", "José Müller"]
    assert names(index, "jose m") == ["Jose Muller", "José Müller"]
    assert names(index, "jose z") == []
    assert len(index.search("")) == len(PEOPLE)


def test_rows_read_back_as_stored(index: ContactIndex) -> None:
    rows = {row[1]: row for row in index.rows}
    assert rows["Zoë Ørsted"][2:] == (
        "Łódź Straße",
        False,
        "092000 00001",
        "919200000001",
    )
    assert len(index.rows) == len(PEOPLE)


def test_folding_and_names() -> None:
    assert fold("José MÜLLER ﬁne Œuvre Straße") == "jose muller fine oeuvre strasse"
    assert same_name("Asha Rao", "asha  rao")
    assert same_name("Rao, Asha", "ASHA RAO")
    assert same_name("+91 92000 00001", "Priya Sharma")  # no name on one side
    assert not same_name("Bala Krishnan", "Priya Sharma")


def test_a_list_of_many_slices_keeps_the_display_order(tmp_path: Path) -> None:
    """The list is read in slices (keyset paging over name and id): same names across a
    slice's edge, favorites before the others, every contact once."""
    people = [
        Contact(
            f"Same Name {index % 3}",
            (ContactNumber(f"+91 92000 {index:05d}", f"9192000{index:05d}"),),
            favorite=index % 4 == 0,
        )
        for index in range(9_001)
    ]
    store, _ = Store.open(tmp_path / "contacts.db")
    with store:
        store.import_contacts(people)
        index = ContactIndex.load(store)
    with closing(sqlite3.connect(tmp_path / "contacts.db")) as conn:
        in_order = "SELECT id FROM contacts ORDER BY favorite DESC, name_key, id"
        expected = conn.execute(in_order).fetchall()
    assert [index.contact_id(position) for position in range(len(index))] == [
        row[0] for row in expected
    ]
    favorites = [index.favorite(position) for position in range(len(index))]
    assert favorites == sorted(favorites, reverse=True)
    assert sum(favorites) == 2_251
