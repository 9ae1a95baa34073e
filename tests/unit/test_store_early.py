"""The contact list read at process start (``EarlyListing``), against real SQLite files.

The early read must give exactly what the store would read, and nothing at all whenever the
file is not in the plain state a clean exit leaves or has changed before the store opened it:
then the store reads the list itself, as it always did.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.store import MIGRATIONS, EarlyListing, Store
from tests.support.store_files import flip
from tests.support.wait import WAIT_S


def person(name: str, digits: str, *, favorite: bool = False, company: str = "") -> Contact:
    return Contact(
        name, (ContactNumber(f"+{digits}", digits, "cell"),), company=company, favorite=favorite
    )


PEOPLE = [
    person("Zebra Khan", "919500000002", company="Quokka Traders"),
    person("José Müller", "4930901820", favorite=True),
    person("asha rao", "919500000001"),
    person("Bina Das", "919500000003", favorite=True),
]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A profile's database with PEOPLE, closed as the app leaves it on exit."""
    path = tmp_path / "contacts.db"
    store, _notice = Store.open(path)
    for contact in PEOPLE:
        store.add_contact(contact)
    store.close()
    assert not Path(f"{path}-wal").exists()  # a clean exit leaves no journal
    return path


def read_early(path: Path) -> EarlyListing:
    early = EarlyListing.start(path)
    early._thread.join(WAIT_S)
    assert early.finished
    return early


def test_the_early_list_is_what_the_store_reads_in_the_same_order(database: Path) -> None:
    early = read_early(database)
    store, notice = Store.open(database, check=False)
    try:
        assert notice is None
        listing = early.take(store)
        assert listing is not None
        assert early.handed_over
        assert listing == store.listing()
        names = [row[1] for row in ContactIndex.load(store, listing).rows]
        assert names == ["Bina Das", "José Müller", "asha rao", "Zebra Khan"]  # favorites first
        assert early.take(store) is None  # handed over once
    finally:
        store.close()


def test_a_write_after_the_early_read_makes_the_store_read_again(database: Path) -> None:
    early = read_early(database)
    other, _ = Store.open(database)  # e.g. `dialer-app contacts import` in a terminal
    other.add_contact(person("Late Comer", "919500000099"))
    store, _ = Store.open(database, check=False)
    try:
        assert early.take(store) is None
        assert not early.handed_over
        assert "Late Comer" in [row[1] for row in ContactIndex.load(store).rows]
    finally:
        store.close()
        other.close()


def test_journal_content_beside_the_file_is_never_read_early(database: Path) -> None:
    """A ``-wal`` with content (a crash, or another database's journal copied there) is for
    ``Store.open`` to judge; the early read leaves it alone."""
    writer, _ = Store.open(database)
    writer.add_contact(person("In The Journal", "919500000098"))
    wal = Path(f"{database}-wal")
    assert wal.stat().st_size > 0
    early = read_early(database)
    store, _ = Store.open(database, check=False)
    try:
        assert early.take(store) is None
    finally:
        store.close()
        writer.close()


def test_an_older_schema_is_left_to_the_migrations(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    older = MIGRATIONS[:-1]  # the list records exist since schema 3: readable, still refused
    store, _ = Store.open(path, migrations=older)
    store.add_contact(PEOPLE[0])
    store.close()
    early = read_early(path)
    store, _ = Store.open(path, migrations=older, check=False)
    try:
        assert early.take(store) is None
    finally:
        store.close()


def test_a_replaced_file_is_not_taken_for_the_one_read(database: Path, tmp_path: Path) -> None:
    """Recovery moves a damaged file aside and builds a new one at the same path."""
    early = read_early(database)
    copy = tmp_path / "copy.db"
    shutil.copy2(database, copy)
    os.replace(copy, database)  # same bytes, another file
    store, _ = Store.open(database, check=False)
    try:
        assert early.take(store) is None
    finally:
        store.close()


def test_another_store_gets_nothing(database: Path, tmp_path: Path) -> None:
    early = read_early(database)
    elsewhere, _ = Store.open(tmp_path / "other.db")
    try:
        assert early.take(elsewhere) is None
    finally:
        elsewhere.close()


def test_no_file_means_nothing_read_and_nothing_created(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    read_early(path)
    assert list(tmp_path.iterdir()) == []


def test_a_named_pipe_is_not_opened(tmp_path: Path) -> None:
    """SQLite would wait forever on a FIFO; the early read must end at once."""
    path = tmp_path / "contacts.db"
    os.mkfifo(path)
    early = read_early(path)
    elsewhere, _ = Store.open(tmp_path / "other.db")
    try:
        assert early.take(elsewhere) is None
    finally:
        elsewhere.close()


def test_damaged_text_leaves_the_list_to_the_store(database: Path) -> None:
    """Text that is not UTF-8 fails the fast read; the store's tolerant one shows it."""
    flip(database, "Quokka", 1)
    early = read_early(database)
    store, _ = Store.open(database, check=False)
    try:
        assert early.take(store) is None
        companies = [row[2] for row in ContactIndex.load(store).rows]
        assert "Q\ufffdokka Traders" in companies
    finally:
        store.close()
