"""Tests for the SQLite contact and history store, on real database files."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import (
    MIGRATIONS,
    ContactNotFoundError,
    HistoryEntry,
    ImportCancelledError,
    ImportResult,
    MergeNote,
    MigrationError,
    NewerSchemaError,
    Store,
    StoreError,
    read_backup,
)
from tests.support.harness import REPO_ROOT, SUPPORT_DIR

KILL_HELPER = SUPPORT_DIR / "store_kill_helper.py"
CORRUPT_NAME = re.compile(r"^contacts\.db\.corrupt-\d{8}-\d{6}(-\d+)?$")


def number(digits: str, label: str = "mobile", raw: str | None = None) -> ContactNumber:
    return ContactNumber(raw=raw if raw is not None else f"+{digits}", digits=digits, label=label)


def person(
    name: str, *digits: str, favorite: bool = False, extra_params: dict[str, Any] | None = None
) -> Contact:
    numbers = tuple(number(d) for d in digits)
    return Contact(name, numbers, favorite=favorite, extra_params=extra_params or {})


def generated(count: int, prefix: str = "9170") -> Iterator[Contact]:
    for index in range(count):
        yield person(f"Person {index:06d}", f"{prefix}{index:08d}")


def open_store(path: Path) -> Store:
    store, notice = Store.open(path)
    assert notice is None
    return store


def raw_query(path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "profile" / "contacts.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = open_store(db_path)
    yield opened
    opened.close()


# ------------------------------------------------------------------------------ open/migrate


def test_open_creates_current_schema_in_wal_mode(db_path: Path) -> None:
    store, notice = Store.open(db_path)
    with store:
        assert notice is None
        assert store.schema_version() == len(MIGRATIONS) >= 4
        assert store._conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert raw_query(db_path, "PRAGMA journal_mode") == [("wal",)]
    assert raw_query(db_path, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_empty_file_is_migrated_to_current_schema(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    with open_store(db_path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert store.add_contact(person("Asha", "919812345678")).id == 1


def _test_only_add_nickname(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE contacts ADD COLUMN nickname TEXT NOT NULL DEFAULT ''")
    conn.execute("UPDATE contacts SET nickname = lower(substr(name, 1, 3))")


def test_hand_built_v1_database_migrates_through_every_version_to_a_test_only_one(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    with sqlite3.connect(db_path, isolation_level=None) as legacy:
        MIGRATIONS[0](legacy)
        legacy.execute(
            "INSERT INTO contacts (id, name, name_key, created_at, updated_at)"
            " VALUES (7, 'Legacy Larry', 'legacy larry', '2020-01-01', '2020-01-01')"
        )
        legacy.execute(
            "INSERT INTO contact_numbers (contact_id, position, raw, digits)"
            " VALUES (7, 0, '098123 45678', '919812345678')"
        )
        legacy.execute("PRAGMA user_version = 1")
    legacy.close()

    store, notice = Store.open(db_path, migrations=(*MIGRATIONS, _test_only_add_nickname))
    with store:
        assert notice is None
        assert store.schema_version() == len(MIGRATIONS) + 1
        assert store.search_rows() == [
            (7, "Legacy Larry", "", False, "098123 45678", "919812345678")
        ]
        found = store.find_by_digits("919812345678")
        assert found is not None
        assert (found.id, found.name, found.numbers[0].raw) == (7, "Legacy Larry", "098123 45678")
    assert raw_query(db_path, "SELECT nickname FROM contacts") == [("leg",)]


def test_failing_migration_rolls_back_and_keeps_the_file(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_contact(person("Kept", "911111111111"))

    def broken_next(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    latest = len(MIGRATIONS)
    with pytest.raises(MigrationError, match=f"schema {latest} to {latest + 1}"):
        Store.open(db_path, migrations=(*MIGRATIONS, broken_next))

    assert raw_query(db_path, "PRAGMA user_version") == [(latest,)]
    assert raw_query(db_path, "SELECT name FROM sqlite_master WHERE name = 'half_done'") == []
    assert sorted(p.name for p in db_path.parent.iterdir() if "corrupt" in p.name) == []
    with open_store(db_path) as store:
        assert [c.name for c in store.all_contacts()] == ["Kept"]


def test_database_from_newer_app_is_refused_and_untouched(db_path: Path) -> None:
    with open_store(db_path) as store:
        store.add_contact(person("Future", "912222222222"))
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA user_version = 9")
    conn.close()
    before = db_path.read_bytes()

    with pytest.raises(NewerSchemaError, match="newer version") as caught:
        Store.open(db_path)

    assert f"supports up to {len(MIGRATIONS)}" in str(caught.value)
    assert db_path.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if "corrupt" in p.name] == []


# ---------------------------------------------------------------------------------- recovery


def _write_garbage(path: Path) -> None:
    path.write_bytes(b"this is not sqlite\x00" + random.Random(3).randbytes(20_000))
    Path(f"{path}-wal").write_bytes(b"stale wal bytes")


def _truncate_real_database(path: Path) -> None:
    with open_store(path) as store:
        store.import_contacts(generated(3000))
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)


def _scribble_over_a_page(path: Path) -> None:
    with open_store(path) as store:
        store.import_contacts(generated(3000))
    page_size = raw_query(path, "PRAGMA page_size")[0][0]
    assert isinstance(page_size, int)
    with path.open("r+b") as handle:
        # a page of contacts, well past the schema's own pages (new tables add a few)
        handle.seek(page_size * 30)
        handle.write(random.Random(5).randbytes(page_size))


def _misstate_freelist_count(path: Path) -> None:
    """Readable pages, but the header lies: only the integrity check notices."""
    with open_store(path) as store:
        store.import_contacts(generated(3000))
    with path.open("r+b") as handle:
        handle.seek(36)  # total number of freelist pages, big-endian
        handle.write((5).to_bytes(4, "big"))


@pytest.mark.parametrize(
    ("damage", "reason", "readable"),
    [
        (_write_garbage, "not a database", range(0)),
        (_truncate_real_database, "malformed", range(1, 3000)),
        (_scribble_over_a_page, "malformed|quick_check failed", range(2900, 3001)),
        (_misstate_freelist_count, "quick_check failed: .*freelist", range(3000, 3001)),
    ],
)
def test_damaged_database_is_moved_aside_and_rebuilt_from_what_it_gives(
    db_path: Path, damage: object, reason: str, readable: range
) -> None:
    db_path.parent.mkdir(parents=True)
    assert callable(damage)
    damage(db_path)
    originals = {
        suffix: Path(f"{db_path}{suffix}").read_bytes()
        for suffix in ("", "-wal")
        if Path(f"{db_path}{suffix}").exists()
    }

    store, notice = Store.open(db_path)

    with store:
        assert notice is not None
        assert re.search(reason, notice.reason)
        assert notice.moved_to.parent == db_path.parent
        assert CORRUPT_NAME.match(notice.moved_to.name)
        for suffix, content in originals.items():
            assert Path(f"{notice.moved_to}{suffix}").read_bytes() == content
        salvaged = store.all_contacts()
        assert len(salvaged) in readable or (not readable and not salvaged)
        assert notice.salvaged_contacts == len(salvaged)
        expected = {c.name: c.numbers for c in generated(3000)}
        # each as it was (a file cut short may have lost the pages of some numbers)
        assert all(set(c.numbers) <= set(expected[c.name]) for c in salvaged)
        fresh = store.add_contact(person("Fresh", "913333333333"))
        assert fresh.id == max((c.id or 0 for c in salvaged), default=0) + 1
    assert raw_query(db_path, "PRAGMA integrity_check") == [("ok",)]


def test_second_recovery_in_the_same_second_gets_its_own_name(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"garbage one" * 100)
    first_store, first = Store.open(db_path)
    first_store.close()
    db_path.write_bytes(b"garbage two" * 100)
    second_store, second = Store.open(db_path)
    second_store.close()

    assert first is not None
    assert second is not None
    assert first.moved_to != second.moved_to
    assert first.moved_to.read_bytes() == b"garbage one" * 100
    assert second.moved_to.read_bytes() == b"garbage two" * 100


# -------------------------------------------------------------------------------------- CRUD


def test_add_get_update_contact_round_trip(store: Store) -> None:
    draft = Contact(
        name="Asha Rao",
        numbers=(number("919812345678", "work", "098123 45678"), number("", "fax", "ext 12")),
        company="Acme",
        notes="prefers mornings",
        extra_params={"crm_id": "A-1", "tags": ["vip"], "city": "Pune ü"},
    )
    saved = store.add_contact(draft)
    assert saved.id is not None
    assert store.get_contact(saved.id) == saved
    assert saved == replace(draft, id=saved.id)

    changed = Contact(
        name="Asha R.",
        numbers=(number("919900000000", "home"),),
        favorite=True,
        id=saved.id,
    )
    assert store.update_contact(changed) == changed
    assert store.get_contact(saved.id) == changed
    assert store.find_by_digits("919812345678") is None
    assert store.find_by_digits("919900000000") == changed
    assert store.count_contacts() == 1


def test_contact_misuse_raises_clear_errors(store: Store) -> None:
    saved = store.add_contact(person("Bala", "914444444444"))
    with pytest.raises(ValueError, match="unsaved"):
        store.add_contact(saved)
    with pytest.raises(ValueError, match="no id"):
        store.update_contact(person("No id"))
    with pytest.raises(ContactNotFoundError):
        store.update_contact(Contact("Ghost", id=999))
    with pytest.raises(ContactNotFoundError):
        store.set_favorite(999, True)
    assert store.get_contact(999) is None
    assert store.find_by_digits("") is None


def test_favorites_first_then_case_insensitive_name(store: Store) -> None:
    ids = {
        name: store.add_contact(person(name, digits, favorite=favorite)).id
        for name, digits, favorite in [
            ("bob", "911", False),
            ("Alice", "912", False),
            ("carol", "913", True),
            ("alice B", "914", False),
            ("Zed", "915", True),
        ]
    }
    assert [c.name for c in store.all_contacts()] == ["carol", "Zed", "Alice", "alice B", "bob"]

    bob_id = ids["bob"]
    assert bob_id is not None
    store.set_favorite(bob_id, True)
    expected = ["bob", "carol", "Zed", "Alice", "alice B"]
    assert [c.name for c in store.all_contacts()] == expected
    assert [row[1] for row in store.search_rows()] == expected
    assert store.search_rows()[0][3] is True


def test_search_rows_flattens_numbers_in_order(store: Store) -> None:
    many = store.add_contact(
        Contact(
            "Many",
            (number("919811111111", raw="98111 11111"), number("", raw="ext 9"), number("91222")),
            company="Globex",
        )
    )
    bare = store.add_contact(Contact("Bare"))
    assert store.search_rows() == [
        (bare.id, "Bare", "", False, "", ""),
        (many.id, "Many", "Globex", False, "98111 11111, ext 9, +91222", "919811111111 91222"),
    ]


def test_delete_returns_contacts_and_restore_keeps_ids(store: Store, db_path: Path) -> None:
    first, second, third = (
        store.add_contact(person(name, digits))
        for name, digits in [("One", "915550001"), ("Two", "915550002"), ("Three", "915550003")]
    )
    assert first.id is not None
    assert third.id is not None
    call = store.add_history(history_entry(contact_id=third.id, contact_name="Three"))

    deleted = store.delete_contacts([third.id, 12345, first.id, third.id])

    assert deleted == [third, first]
    assert [c.name for c in store.all_contacts()] == ["Two"]
    assert raw_query(db_path, "SELECT count(*) FROM contact_numbers") == [(1,)]
    assert store.recent_history() == [replace(call, contact_id=None)]
    newcomer = store.add_contact(person("Four", "915550004"))
    assert newcomer.id is not None
    assert newcomer.id > third.id  # deleted ids are never reused, so undo cannot collide

    store.restore_contacts(deleted)

    assert store.get_contact(third.id) == third
    assert [c.name for c in store.all_contacts()] == ["Four", "One", "Three", "Two"]
    with pytest.raises(StoreError, match="cannot restore"):
        store.restore_contacts([second])
    assert store.count_contacts() == 4


# ------------------------------------------------------------------------------------ import


def test_import_adds_all_and_reports_progress(store: Store) -> None:
    seen: list[int] = []
    result = store.import_contacts(generated(4500), progress=seen.append)
    assert result == ImportResult(added=4500, merged=0)
    assert store.count_contacts() == 4500
    assert seen == [2000, 4000, 4500]
    found = store.find_by_digits("917000004499")
    assert found is not None
    assert found.name == "Person 004499"


def test_import_merges_into_contact_with_same_number_and_name(store: Store) -> None:
    existing = store.add_contact(person("Asha Kumari", "919812345678", extra_params={"crm": "1"}))
    incoming = [
        Contact(
            "ASHA KUMARI",
            (number("919812345678"), number("917777777777"), number("", raw="desk phone")),
            company="Acme",
            extra_params={"crm": "2", "team": "b"},
        ),
        person("Other", "915000000000"),
        person("other", "915000000000", "915000000001"),
    ]

    result = store.import_contacts(incoming)

    assert (result.added, result.merged, result.kept_apart) == (1, 2, 0)
    assert result.merges == (
        MergeNote(0, "ASHA KUMARI", "Asha Kumari", "919812345678", existing=True),
        MergeNote(0, "other", "Other", "915000000000", existing=False),
    )
    assert existing.id is not None
    merged = store.get_contact(existing.id)
    assert merged is not None
    assert merged.name == "Asha Kumari"
    assert merged.company == "Acme"
    assert merged.extra_params == {"crm": "1", "team": "b"}
    assert [n.raw for n in merged.numbers] == ["+919812345678", "+917777777777", "desk phone"]
    other = store.find_by_digits("915000000001")
    assert other is not None
    assert (other.name, len(other.numbers)) == ("Other", 2)
    assert store.import_contacts([Contact("Asha", (number("", raw="desk phone"),))]) == (
        ImportResult(added=1, merged=0)  # no normalized number: nothing to match on
    )


def test_import_keeps_a_contact_of_another_name_that_shares_a_number(store: Store) -> None:
    """Issue 14, case 2: "Bala Krishnan" must not vanish into "Priya Sharma"."""
    priya = store.add_contact(person("Priya Sharma", "919812345678"))

    result = store.import_contacts(
        [
            person("Bala Krishnan", "919812345678"),
            person("bala krishnan", "919812345678", "919800000001"),
        ]
    )

    assert (result.added, result.merged, result.kept_apart) == (1, 1, 1)
    assert result.kept_apart_notes == (
        MergeNote(0, "Bala Krishnan", "Priya Sharma", "919812345678", existing=True),
    )
    assert result.merges == (
        MergeNote(0, "bala krishnan", "Bala Krishnan", "919812345678", existing=False),
    )
    assert sorted((c.name, [n.digits for n in c.numbers]) for c in store.all_contacts()) == [
        ("Bala Krishnan", ["919812345678", "919800000001"]),
        ("Priya Sharma", ["919812345678"]),
    ]
    assert store.get_contact(priya.id or 0) == priya


def test_import_gives_a_stored_contact_without_a_name_the_incoming_name(store: Store) -> None:
    nameless = store.add_contact(person("+91 98123 45678", "919812345678"))

    incoming = Contact("Bala Krishnan", (number("919812345678"),), company="Acme")
    result = store.import_contacts([incoming])

    assert (result.added, result.merged) == (0, 1)
    merged = store.get_contact(nameless.id or 0)
    assert merged is not None
    assert (merged.name, merged.company) == ("Bala Krishnan", "Acme")
    assert [row[1] for row in store.search_rows()] == ["Bala Krishnan"]


def test_import_without_merging_keeps_duplicates(store: Store) -> None:
    store.add_contact(person("Asha", "919812345678"))
    result = store.import_contacts([person("Asha 2", "919812345678")], merge_duplicates=False)
    assert result == ImportResult(added=1, merged=0)
    assert store.count_contacts() == 2


def test_failing_import_leaves_nothing_behind(store: Store, db_path: Path) -> None:
    store.add_contact(person("Before", "911234567890"))

    def exploding() -> Iterator[Contact]:
        yield from generated(5000)
        raise OSError("vcard file vanished")

    with pytest.raises(OSError, match="vanished"):
        store.import_contacts(exploding())

    assert store.count_contacts() == 1
    assert raw_query(db_path, "SELECT count(*) FROM contact_numbers") == [(1,)]
    assert store.import_contacts(generated(10)).added == 10  # store still usable


def test_cancelled_import_saves_nothing(store: Store) -> None:
    calls: list[int] = []

    def cancel_on_second_check() -> bool:
        calls.append(1)
        return len(calls) >= 2

    with pytest.raises(ImportCancelledError):
        store.import_contacts(generated(10_000), cancelled=cancel_on_second_check)
    assert len(calls) == 2
    assert store.count_contacts() == 0


def test_other_connection_reads_committed_state_during_import(store: Store, db_path: Path) -> None:
    reader = open_store(db_path)
    counts_seen_mid_import: list[int] = []

    def watched() -> Iterator[Contact]:
        yield from generated(3000)
        counts_seen_mid_import.append(reader.count_contacts())
        yield from generated(3000, prefix="9171")

    with reader:
        store.import_contacts(watched())
        assert counts_seen_mid_import == [0]
        assert reader.count_contacts() == 6000


def test_one_store_shared_across_threads_is_serialized(store: Store) -> None:
    def add(index: int) -> int:
        saved = store.add_contact(person(f"Thread {index}", f"9160{index:08d}"))
        assert saved.id is not None
        assert store.get_contact(saved.id) == saved
        return store.count_contacts()

    with ThreadPoolExecutor(max_workers=8) as pool:
        counts = list(pool.map(add, range(200)))
    assert store.count_contacts() == 200
    assert max(counts) == 200


@pytest.mark.slow
def test_hundred_thousand_contacts_import_and_search_rows_fast(store: Store) -> None:
    contacts = list(generated(100_000))
    start = time.perf_counter()
    result = store.import_contacts(contacts)
    import_seconds = time.perf_counter() - start
    start = time.perf_counter()
    rows = store.search_rows()
    search_seconds = time.perf_counter() - start

    assert result.added == 100_000
    assert len(rows) == 100_000
    assert rows[0][1] == "Person 000000"
    assert rows[-1][5] == "917000099999"
    assert import_seconds < 5.0, f"import took {import_seconds:.2f}s"
    assert search_seconds < 2.0, f"search_rows took {search_seconds:.2f}s"


# ----------------------------------------------------------------------------------- history

T0 = datetime(2024, 5, 1, 9, 30, 15, 123456, tzinfo=UTC)


def history_entry(**fields: object) -> HistoryEntry:
    values: dict[str, object] = {
        "started_at": T0,
        "number_digits": "919812345678",
        "number_display": "+91 98123 45678",
        "mode": "softphone",
        "outcome": "initiated",
    }
    values.update(fields)
    return HistoryEntry(**values)  # type: ignore[arg-type]


def test_history_round_trip_and_newest_first(store: Store) -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    older = store.add_history(history_entry(started_at=T0.astimezone(ist)))
    newer = store.add_history(
        history_entry(
            started_at=T0 + timedelta(minutes=5),
            mode="mobile",
            outcome="failed",
            caller_id="918000000000",
            error_kind="auth",
            request_id="req-1",
            error_text="401 from server",
            contact_name="Asha",
        )
    )
    assert older.id is not None
    assert newer.id is not None
    assert store.recent_history() == [newer, older]
    assert store.recent_history()[1].started_at.utcoffset() == timedelta(0)
    assert store.recent_history(limit=1) == [newer]
    assert store.recent_history(outcome="failed") == [newer]
    assert store.recent_history(outcome="cancelled") == []


def test_history_for_a_vanished_contact_is_kept_unlinked(store: Store) -> None:
    asha = store.add_contact(person("Asha", "919812345678"))
    linked = store.add_history(history_entry(contact_id=asha.id, contact_name="Asha"))
    orphan = store.add_history(history_entry(contact_id=4242, contact_name="Gone"))

    assert linked.contact_id == asha.id
    assert orphan.contact_id is None
    assert store.recent_history() == [orphan, linked]


def test_history_text_filter(store: Store) -> None:
    asha = store.add_history(history_entry(contact_name="Asha Rao"))
    other = store.add_history(
        history_entry(number_digits="14155550100", number_display="(415) 555-0100")
    )
    percent = store.add_history(
        history_entry(number_digits="1", number_display="1", contact_name="100% Sales")
    )

    assert store.recent_history(text="asha") == [asha]
    assert store.recent_history(text="+91 98123") == [asha]
    assert store.recent_history(text="555-01") == [other]
    assert store.recent_history(text="4155550") == [other]
    assert store.recent_history(text="%") == [percent]
    assert store.recent_history(text="   ") == [percent, other, asha]


def test_history_validation(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        history_entry(started_at=datetime(2024, 1, 1))
    with pytest.raises(ValueError, match="mode"):
        history_entry(mode="landline")
    with pytest.raises(ValueError, match="outcome"):
        store.recent_history(outcome="ringing")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="negative"):
        store.prune_history(-1)


def test_prune_history_and_last_call(store: Store) -> None:
    now = T0 + timedelta(days=100)
    for days_ago in (1, 10, 40, 99):
        store.add_history(history_entry(started_at=now - timedelta(days=days_ago)))
    store.add_history(
        history_entry(started_at=now - timedelta(days=50), number_digits="911", outcome="failed")
    )

    assert store.prune_history(None) == 0
    assert store.prune_history(30, now=now) == 3
    assert [now - e.started_at for e in store.recent_history()] == [
        timedelta(days=1),
        timedelta(days=10),
    ]
    last = store.last_call_to("919812345678")
    assert last is not None
    assert last.started_at == now - timedelta(days=1)
    assert store.last_call_to("911") is None  # pruned with the rest
    assert store.last_call_to("000") is None


# ------------------------------------------------------------------------------ crash safety


@pytest.mark.slow
def test_killed_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    batch_size = 200_000
    seeded = 10
    outcomes: list[str] = []
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    for round_number in range(5):
        path = tmp_path / f"round{round_number}" / "contacts.db"
        with open_store(path) as store:
            store.import_contacts(generated(seeded, prefix="9150"))
        child = subprocess.Popen(
            [sys.executable, str(KILL_HELPER), str(path), str(batch_size)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "started"
        time.sleep(random.uniform(0.05, 0.3))
        child.kill()
        child.wait()
        rest = child.stdout.read()
        child.stdout.close()

        with open_store(path) as store:
            count = store.count_contacts()
        assert raw_query(path, "PRAGMA integrity_check") == [("ok",)]
        assert raw_query(path, "PRAGMA foreign_key_check") == []
        assert count in (seeded, seeded + batch_size)
        assert raw_query(path, "SELECT count(*) FROM contact_numbers") == [(count,)]
        assert ("done" in rest) == (count == seeded + batch_size)
        outcomes.append("all" if count > seeded else "none")
    assert "none" in outcomes, "every child finished before the kill; the test proved nothing"


def test_the_page_check_and_a_backup_read_through_a_small_page_cache(store: Store) -> None:
    """Both read every page once: SQLite's default 2 MiB cache per connection would keep
    pages no one reads again (issue 14: memory). The connection's own size comes back."""
    store.import_contacts(generated(2000))
    conn = store._conn
    conn.execute("PRAGMA cache_size = -1500")
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    try:
        assert store.verify() is None
        backup = store.back_up()
    finally:
        conn.set_trace_callback(None)
    assert statements.count("PRAGMA cache_size = -256") == 2  # the check, then the backup
    assert conn.execute("PRAGMA cache_size").fetchone()[0] == -1500
    assert read_backup(backup).contacts == 2000
