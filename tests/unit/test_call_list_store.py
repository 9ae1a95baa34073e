"""Call lists in the store (schema 5), on real database files: creating, working and deleting
lists, every step committed as it happens, the migration from schema 3, read-only profiles."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import (
    MIGRATIONS,
    CallListError,
    CallListNotFoundError,
    CallListStore,
    NewListEntry,
    Store,
    StoreReadOnlyError,
)
from dialer_app.core.store._db import migrate

T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


def entries(count: int) -> list[NewListEntry]:
    return [
        NewListEntry(
            name=f"Person {index}",
            number=f"+91 92000 {index:05d}",
            digits=f"9192000{index:05d}",
            cells=(f"Person {index}", f"+91 92000 {index:05d}", f"plan {index}"),
            line=index + 1,
            extra_params={"lead": index} if index == 2 else {},
        )
        for index in range(1, count + 1)
    ]


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "profile" / "contacts.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened, notice = Store.open(db_path)
    assert notice is None
    yield opened
    opened.close()


def reopened(db_path: Path) -> CallListStore:
    """The lists through a second, fresh connection (what a restarted app sees)."""
    other, _notice = Store.open(db_path)
    return CallListStore(other)


def test_a_list_keeps_its_entries_in_file_order_with_every_cell(
    store: Store, db_path: Path
) -> None:
    lists = CallListStore(store)
    created = lists.create(
        "  Leads   March ",
        entries(3),
        columns=("Name", "Phone", "Plan"),
        shown_columns=(2,),
        source="leads.csv",
        now=T0,
    )
    assert (created.name, created.total, created.done, created.current) == (
        "Leads March",
        3,
        0,
        True,
    )
    again = reopened(db_path)
    found = again.find("leads march")
    assert found is not None
    assert found.id == created.id
    assert (found.columns, found.shown_columns, found.source) == (
        ("Name", "Phone", "Plan"),
        (2,),
        "leads.csv",
    )
    stored = again.entries(created.id)
    assert [(e.id, e.name, e.digits, e.status, e.attempts) for e in stored] == [
        (1, "Person 1", "919200000001", "pending", 0),
        (2, "Person 2", "919200000002", "pending", 0),
        (3, "Person 3", "919200000003", "pending", 0),
    ]
    assert stored[1].cells == ("Person 2", "+91 92000 00002", "plan 2")
    assert dict(stored[1].extra_params) == {"lead": 2}
    assert stored[2].line == 4


def test_names_are_unique_whatever_the_case_and_never_empty(store: Store) -> None:
    lists = CallListStore(store)
    lists.create("Leads", entries(1))
    with pytest.raises(CallListError, match="“Leads” exists already"):
        lists.create(" LEADS ", entries(1))
    with pytest.raises(CallListError, match="needs a name"):
        lists.create("   ", entries(1))
    with pytest.raises(CallListError, match="no entries"):
        lists.create("Empty", [])
    assert [found.name for found in lists.all()] == ["Leads"]


def test_the_list_selected_last_is_current_and_its_position_is_kept(
    store: Store, db_path: Path
) -> None:
    lists = CallListStore(store)
    first = lists.create("A", entries(2), now=T0)
    second = lists.create("B", entries(2), now=T0 + timedelta(minutes=1))
    assert lists.current() == lists.get(second.id)
    lists.select(first.id, now=T0 + timedelta(minutes=2))
    lists.set_position(first.id, 2)
    again = reopened(db_path)
    current = again.current()
    assert current is not None
    assert (current.name, current.position) == ("A", 2)
    assert [found.current for found in again.all()] == [True, False]
    with pytest.raises(CallListNotFoundError):
        lists.set_position(999, 1)


def test_a_call_is_counted_before_it_is_sent_and_completed_by_its_answer(
    store: Store, db_path: Path
) -> None:
    lists = CallListStore(store)
    list_id = lists.create("Leads", entries(2)).id
    started = lists.start_attempt(list_id, 1, T0)
    assert (started.status, started.attempts, started.last_called_at) == ("called", 1, T0)
    # a kill here leaves the attempt "started": the entry says a call may have rung
    after_kill = reopened(db_path)
    assert after_kill.entry(list_id, 1).status == "called"
    assert [a.outcome for a in after_kill.attempts(list_id)[1]] == ["started"]

    done = lists.finish_attempt(list_id, 1, "initiated", request_id="req-1")
    assert (done.status, done.request_id) == ("called", "req-1")
    lists.start_attempt(list_id, 2, T0)
    failed = lists.finish_attempt(list_id, 2, "failed", error_text="timed out")
    assert (failed.status, failed.attempts, failed.request_id) == ("pending", 1, None)
    attempts = reopened(db_path).attempts(list_id)
    assert [(a.outcome, a.request_id, a.error_text) for a in attempts[1]] == [
        ("initiated", "req-1", None)
    ]
    assert [(a.outcome, a.error_text) for a in attempts[2]] == [("failed", "timed out")]


def test_dispositions_finish_an_entry_or_bring_it_back_later(store: Store, db_path: Path) -> None:
    lists = CallListStore(store)
    list_id = lists.create("Leads", entries(3)).id
    lists.start_attempt(list_id, 1, T0)
    lists.finish_attempt(list_id, 1, "initiated", "req-1")
    first = lists.record_disposition(list_id, 1, "no_answer", "  rang out  ")
    assert (first.status, first.disposition, first.note) == ("done", "no_answer", "rang out")
    later = T0 + timedelta(hours=3)
    back = lists.record_disposition(list_id, 2, "callback", "after lunch", callback_at=later)
    assert (back.status, back.callback_at) == ("callback", later)
    with pytest.raises(CallListError, match="needs the date and time"):
        lists.record_disposition(list_id, 3, "callback")
    with pytest.raises(CallListError, match="only a call back"):
        lists.record_disposition(list_id, 3, "busy", callback_at=later)
    with pytest.raises(CallListError, match="unknown disposition"):
        lists.record_disposition(list_id, 3, "maybe")  # type: ignore[arg-type]
    with pytest.raises(CallListNotFoundError, match="no entry 9"):
        lists.record_disposition(list_id, 9, "busy")

    again = reopened(db_path)
    summary = again.get(list_id)
    assert summary is not None
    assert (summary.total, summary.done, summary.callbacks) == (3, 1, 1)
    assert [(a.disposition, a.note) for a in again.attempts(list_id)[1]] == [
        ("no_answer", "rang out")
    ]
    assert [(found.name, entry.id) for found, entry in again.callbacks()] == [("Leads", 2)]
    corrected = lists.record_disposition(list_id, 1, "connected", "called back himself")
    assert corrected.disposition == "connected"
    assert [a.disposition for a in reopened(db_path).attempts(list_id)[1]] == ["connected"]


def test_blocked_reason_is_kept_and_cleared_by_the_next_call(store: Store) -> None:
    lists = CallListStore(store)
    list_id = lists.create("Leads", entries(1)).id
    assert lists.note_blocked(list_id, 1, "on the do-not-call list").blocked_reason == (
        "on the do-not-call list"
    )
    assert lists.start_attempt(list_id, 1, T0).blocked_reason == ""


def test_deleting_a_list_deletes_its_entries_and_attempts(store: Store, db_path: Path) -> None:
    lists = CallListStore(store)
    kept = lists.create("Kept", entries(1)).id
    gone = lists.create("Gone", entries(2)).id
    lists.start_attempt(gone, 1, T0)
    assert lists.delete(gone) is True
    assert lists.delete(gone) is False
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT count(*) FROM call_list_entries").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM call_list_attempts").fetchone() == (0,)
    assert [found.id for found in lists.all()] == [kept]
    current = lists.current()
    assert current is not None
    assert current.id == kept


def test_a_schema_3_database_gains_the_call_list_tables_and_keeps_its_contacts(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        migrate(conn, MIGRATIONS[:3])
        assert conn.execute("PRAGMA user_version").fetchone() == (3,)
    with closing(Store.open(db_path)[0]) as old:
        assert old.schema_version() == len(MIGRATIONS)
    store, notice = Store.open(db_path)
    with store:
        assert notice is None
        store.add_contact(Contact("Asha", (ContactNumber("+91 92000 00001", "919200000001"),)))
        lists = CallListStore(store)
        lists.create("Leads", entries(1))
        assert [c.name for c in store.all_contacts()] == ["Asha"]
    # schema 5 only creates what is missing: safe if it ever runs again (e.g. renumbered)
    with closing(sqlite3.connect(db_path, isolation_level=None)) as conn:
        MIGRATIONS[4](conn)
        assert conn.execute("SELECT count(*) FROM call_lists").fetchone() == (1,)


def test_a_read_only_profile_shows_lists_and_refuses_changes(db_path: Path) -> None:
    with closing(Store.open(db_path)[0]) as writable:
        CallListStore(writable).create("Leads", entries(2))
    uri_store = Store(
        sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None),
        db_path,
        "the folder cannot be written to",
    )
    with uri_store:
        lists = CallListStore(uri_store)
        found = lists.find("Leads")
        assert found is not None
        assert found.total == 2
        with pytest.raises(StoreReadOnlyError, match=r"Cannot save the disposition: .*read-only"):
            lists.record_disposition(found.id, 1, "busy")
        with pytest.raises(StoreReadOnlyError, match="Cannot record the call in the list"):
            lists.start_attempt(found.id, 1, T0)
    with closing(Store.open(db_path)[0]) as check:
        assert CallListStore(check).entry(found.id, 1).status == "pending"
