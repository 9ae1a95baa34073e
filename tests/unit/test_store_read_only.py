"""A contacts database that may not be written is opened for reading; every write says why not.

The store runs in a child process held to file modes (``without_write_privileges``: as root
it drops the capabilities that bypass them, so this also holds in CI); the folder or the file
is locked with ``chmod`` on a real database written by the store.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import MIGRATIONS, HistoryEntry, Store
from tests.support.restricted import run_restricted, set_read_only, without_write_privileges
from tests.support.store_files import SCHEMA1_FILE, rows_from_numbers

NAMES = ["Asha Rao", "Bina Das"]
WRITES = {
    "add_contact": "save the contact",
    "update_contact": "save the contact",
    "set_favorite": "change the favorite",
    "delete_contacts": "delete contacts",
    "restore_contacts": "restore the deleted contacts",
    "import_contacts": "import contacts",
    "add_history": "record the call in the history",
    "prune_history": "remove old calls from the history",
}


def call(days_ago: int) -> HistoryEntry:
    return HistoryEntry(
        started_at=datetime.now(UTC) - timedelta(days=days_ago),
        number_digits="919500000000",
        number_display="+91 95000 00000",
        mode="softphone",
        outcome="initiated",
        contact_name=f"{days_ago} days ago",
    )


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Two contacts and two calls (one 90 days old), closed cleanly (no -wal/-shm left)."""
    path = tmp_path / "profile" / "contacts.db"
    store, _ = Store.open(path)
    with store:
        store.import_contacts(
            Contact(name, (ContactNumber(f"+91 9500{i:06d}", f"919500{i:06d}"),))
            for i, name in enumerate(NAMES)
        )
        store.add_history(call(1))
        store.add_history(call(90))
    assert sorted(p.name for p in path.parent.iterdir()) == ["contacts.db"]
    return path


@pytest.fixture
def lock() -> Iterator[Callable[[Path], None]]:
    locked: list[Path] = []

    def apply(folder: Path) -> None:
        set_read_only(folder, True)
        locked.append(folder)

    yield apply
    for folder in locked:
        set_read_only(folder, False)


def run_child(path: Path, preexec: Callable[[], None] = without_write_privileges) -> Any:
    result = run_restricted(["-m", "tests.support.store_read_only_child", str(path)], preexec)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def assert_every_write_refused(report: dict[str, Any], why: str, old_calls: bool = True) -> None:
    """Every write refused saying what and why; pruning only when there is something to prune
    (nothing to delete is no write, so it is no failure either)."""
    assert report["read_only_reason"] == why
    expected = {
        write: (f"StoreReadOnlyError: Cannot {action}: the contacts database is read-only ({why})")
        for write, action in WRITES.items()
    }
    if not old_calls:
        expected["prune_history"] = "ok"
    assert report["writes"] == expected
    assert report["prune_nothing_old"] == 0


def test_writable_database_control_every_write_works(database: Path) -> None:
    report = run_child(database)

    assert report["read_only_reason"] == ""
    assert set(report["writes"].values()) == {"ok"}
    assert report["contacts"] == NAMES


def test_locked_folder_database_is_read_immutably_and_not_touched(
    database: Path, lock: Callable[[Path], None]
) -> None:
    before = database.read_bytes()
    lock(database.parent)

    report = run_child(database)

    assert report["notice"] is False
    assert report["contacts"] == NAMES
    assert [row[1] for row in report["search_rows"]] == NAMES
    assert report["found"] == [NAMES[0]]
    assert report["history"] == ["1 days ago", "90 days ago"]
    assert_every_write_refused(report, f"the folder {database.parent} cannot be written to")
    assert database.read_bytes() == before
    assert sorted(p.name for p in database.parent.iterdir()) == ["contacts.db"]


def test_locked_file_in_a_writable_folder_is_read_only(database: Path) -> None:
    before = database.read_bytes()
    database.chmod(0o400)

    report = run_child(database)

    assert report["contacts"] == NAMES
    assert report["history"] == ["1 days ago", "90 days ago"]
    assert_every_write_refused(report, f"the file {database} cannot be written to")
    assert database.read_bytes() == before


def test_missing_database_in_a_locked_folder_is_empty_and_refuses_writes(
    tmp_path: Path, lock: Callable[[Path], None]
) -> None:
    folder = tmp_path / "profile"
    folder.mkdir()
    lock(folder)

    report = run_child(folder / "contacts.db")

    assert (report["contacts"], report["history"], report["schema"]) == ([], [], len(MIGRATIONS))
    why = f"contacts.db does not exist and the folder {folder} cannot be written to"
    assert_every_write_refused(report, why, old_calls=False)
    assert list(folder.iterdir()) == []


def test_missing_profile_folder_that_cannot_be_created_refuses_writes(
    tmp_path: Path, lock: Callable[[Path], None]
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    lock(parent)

    report = run_child(parent / "profile" / "contacts.db")

    assert report["contacts"] == []
    why = f"the folder {parent / 'profile'} cannot be created: Permission denied"
    assert_every_write_refused(report, why, old_calls=False)
    assert list(parent.iterdir()) == []


def test_read_only_schema1_file_is_read_through_an_upgraded_copy_in_memory(
    tmp_path: Path, lock: Callable[[Path], None]
) -> None:
    path = tmp_path / "profile" / "contacts.db"
    path.parent.mkdir()
    shutil.copyfile(SCHEMA1_FILE, path)
    expected = rows_from_numbers(path)
    lock(path.parent)

    report = run_child(path)

    assert report["schema"] == len(MIGRATIONS)
    assert [tuple(row) for row in report["search_rows"]] == expected
    assert report["writes"]["add_contact"].startswith("StoreReadOnlyError: Cannot save")
    assert path.read_bytes() == SCHEMA1_FILE.read_bytes()  # still schema 1, not upgraded
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)
