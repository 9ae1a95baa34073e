"""The search texts stored in each contact row (schema 2) always match its numbers.

``search_rows`` reads ``numbers_text``/``digits_text`` from the contacts table instead of
joining every number; these tests rebuild the same rows from ``contact_numbers`` after every
kind of write, and migrate a database written by the schema-1 app.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import MIGRATIONS, Store
from tests.support.store_files import SCHEMA1_FILE, rows_from_numbers

# Written by the app at commit 51741f9 (schema 1, before the search texts were stored): added,
# updated, deleted, favourited and imported (with merges) contacts and one call.


@pytest.fixture
def schema1_copy(tmp_path: Path) -> Path:
    path = tmp_path / "profile" / "contacts.db"
    path.parent.mkdir()
    shutil.copyfile(SCHEMA1_FILE, path)
    return path


def test_schema1_file_from_the_previous_version_gets_its_search_texts(schema1_copy: Path) -> None:
    with sqlite3.connect(schema1_copy) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    conn.close()
    before = rows_from_numbers(schema1_copy)

    store, notice = Store.open(schema1_copy)
    with store:
        assert notice is None
        assert store.schema_version() == len(MIGRATIONS)
        rows = store.search_rows()
        assert rows == before
        chen = next(row for row in rows if row[1] == "Chen Iyer")
        assert chen[4:] == (
            "9000000012, +91 90668 38090, ext 9",
            "919000000012 919066838090",
        )
        assert next(row for row in rows if row[1] == "Bare Contact")[4:] == ("", "")
        asha = next(row for row in rows if row[1] == "Asha Rao")
        assert asha[3] is True
        assert asha[5] == "912223456789 919812345678 16502530000"
        # The migrated rows keep taking writes: a merge appends to the stored texts.
        incoming = Contact("ASHA RAO", (number("919812345678"), number("919811111111")))
        store.import_contacts([incoming])
        merged = next(row for row in store.search_rows() if row[0] == asha[0])
        assert merged[5] == "912223456789 919812345678 16502530000 919811111111"
    assert rows_from_numbers(schema1_copy) == Store.open(schema1_copy)[0].search_rows()


def number(digits: str, raw: str | None = None) -> ContactNumber:
    return ContactNumber(raw=raw if raw is not None else f"+{digits}", digits=digits)


_DIGITS = st.sampled_from(["919800000001", "919800000002", "919800000003", "4930123456", ""])
_NUMBERS = st.lists(
    st.builds(
        lambda digits, raw: number(digits, raw or None),
        _DIGITS,
        st.sampled_from(["", "098000 00001", "ext 9", "555-1234"]),
    ),
    max_size=3,
)
_CONTACTS = st.builds(
    lambda name, numbers, favorite: Contact(name, tuple(numbers), favorite=favorite),
    st.sampled_from(["Asha", "bala", "Chen", "Émile"]),
    _NUMBERS,
    st.booleans(),
)
_OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("add"), _CONTACTS),
        st.tuples(st.just("import"), st.lists(_CONTACTS, max_size=4)),
        st.tuples(st.just("update"), _CONTACTS),
        st.tuples(st.just("favorite"), st.booleans()),
        st.tuples(st.just("delete_and_restore"), st.booleans()),
    ),
    min_size=1,
    max_size=8,
)


@pytest.fixture
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("texts")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=_OPERATIONS)
def test_every_write_keeps_the_search_texts_equal_to_the_numbers(
    scratch: Path, operations: list[tuple[str, object]]
) -> None:
    path = scratch / "contacts.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    store, _ = Store.open(path)
    with store:
        for kind, argument in operations:
            ids = [row[0] for row in store.search_rows()]
            if kind == "add":
                assert isinstance(argument, Contact)
                store.add_contact(argument)
            elif kind == "import":
                assert isinstance(argument, list)
                store.import_contacts(argument)
            elif kind == "update" and ids:
                assert isinstance(argument, Contact)
                store.update_contact(Contact(argument.name, argument.numbers, id=ids[-1]))
            elif kind == "favorite" and ids:
                store.set_favorite(ids[0], bool(argument))
            elif kind == "delete_and_restore" and ids:
                deleted = store.delete_contacts(ids[:2])
                if argument:
                    store.restore_contacts(deleted)
            assert store.search_rows() == rows_from_numbers(path)
