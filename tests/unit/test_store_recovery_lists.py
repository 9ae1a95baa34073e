"""Recovery keeps every table the agent relies on: the do-not-call lists (``WITHOUT ROWID``
tables), the team's list and where it came from, the call lists with their entries and
attempts, and the sandbox mark of calls. Real files, damaged by overwriting whole pages."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dialer_app.core.do_not_call import DoNotCallEntry, TeamCopy
from dialer_app.core.store import (
    MIGRATIONS,
    CallListStore,
    HistoryEntry,
    NewListEntry,
    RecoveryNotice,
    Store,
)
from dialer_app.core.store._db import migrate

T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


def numbers(count: int, prefix: str = "9198") -> list[str]:
    return [f"{prefix}{i:08d}" for i in range(count)]


def pages_of(path: Path, table: str) -> dict[str, list[tuple[int, int]]]:
    """The pages of ``table``'s b-tree by kind ("internal", "leaf"): (page number, cells)."""
    found: dict[str, list[tuple[int, int]]] = {}
    with closing(sqlite3.connect(path)) as conn:
        for page, kind, cells in conn.execute(
            "SELECT pageno, pagetype, ncell FROM dbstat WHERE name = ? ORDER BY path", (table,)
        ):
            found.setdefault(kind, []).append((page, cells))
    return found


def damage(path: Path, pages: list[int]) -> None:
    """Overwrite whole pages (numbered from 1) with noise."""
    size = 4096
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(random.Random(page).randbytes(size))


def recovered(path: Path) -> tuple[Store, RecoveryNotice]:
    store, notice = Store.open(path)
    assert notice is not None, "the damage was not noticed"
    return store, notice


def own_numbers(store: Store) -> set[str]:
    return {entry.digits for entry in store.do_not_call_entries()}


# the agent's do-not-call list ---------------------------------------------------------------
def test_do_not_call_numbers_come_back_from_the_pages_when_sqlite_cannot_read_the_list(
    tmp_path: Path,
) -> None:
    path = tmp_path / "contacts.db"
    listed = numbers(3000)
    with closing(Store.open(path)[0]) as store:
        store.add_do_not_call(DoNotCallEntry(d, f"note {d[-3:]}") for d in listed)
    tree = pages_of(path, "do_not_call")
    [(root, root_cells)] = tree["internal"][:1]
    damage(path, [root])  # every read of the list starts at its root: SQLite reads none

    store, notice = recovered(path)
    with store:
        back = own_numbers(store)
        assert back <= set(listed)  # nothing made up from noise
        # every leaf page is read from the file; only the root's own rows are gone
        assert len(back) >= len(listed) - root_cells
        assert notice.do_not_call == len(back)
        assert f"Also back: {len(back):,} do-not-call numbers" in notice.message()
        assert "no backup covers it" in notice.message()  # the root's rows are missing
        entry = store.do_not_call_entry(min(back))
        assert entry is not None
        assert entry.note == f"note {min(back)[-3:]}"


def test_a_number_on_either_the_damaged_file_or_the_backup_stays_listed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "contacts.db"
    before, after = numbers(2500), numbers(400, "9199")
    with closing(Store.open(path)[0]) as store:
        store.add_do_not_call(DoNotCallEntry(d) for d in before)
        store.back_up()
        store.add_do_not_call(DoNotCallEntry(d) for d in after)
        store.remove_do_not_call(before[0])  # taken off since the backup
    tree = pages_of(path, "do_not_call")
    middle_leaf, leaf_cells = tree["leaf"][len(tree["leaf"]) // 2]
    damage(path, [middle_leaf])  # a leaf in the middle: read upwards, then downwards

    store, notice = recovered(path)
    with store:
        back = own_numbers(store)
        assert set(before) <= back  # the backup's numbers, even one taken off since
        assert len(set(after) - back) <= leaf_cells  # lost: only new ones on the damaged page
        assert back <= set(before) | set(after)
        assert notice.do_not_call == len(back)
        assert notice.do_not_call_from_backup >= 1
        assert "only in the backup: a number on either stays listed" in notice.message()


def test_the_teams_list_and_where_it_came_from_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    team = numbers(4000, "9197")
    copy = TeamCopy("https://dnc.example.com/list.csv", T0, len(team), 2)
    with closing(Store.open(path)[0]) as store:
        store.replace_team_do_not_call(copy, dict.fromkeys(team, "team"))
        store.back_up()
    tree = pages_of(path, "do_not_call_team")
    damage(path, [tree["internal"][0][0], tree["leaf"][3][0]])

    store, notice = recovered(path)
    with store:
        assert store.team_do_not_call_numbers() == sorted(int(d) for d in team)
        assert store.team_do_not_call_copy() == copy
        assert notice.team_do_not_call == len(team)
        assert f"the team's do-not-call list of {len(team):,} numbers" in notice.message()


# call lists ---------------------------------------------------------------------------------
def list_entries(count: int, prefix: str) -> list[NewListEntry]:
    return [
        NewListEntry(f"Lead {i:05d}", f"+{prefix}{i:08d}", f"{prefix}{i:08d}", (f"c{i}",), i + 2)
        for i in range(count)
    ]


def test_call_lists_their_entries_and_outcomes_come_back(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    with closing(Store.open(path)[0]) as store:
        lists = CallListStore(store)
        leads = lists.create("Leads", list_entries(1500, "9196"), columns=("c",), now=T0).id
        renewals = lists.create("Renewals", list_entries(1500, "9195"), now=T0).id
        for entry_id in range(1, 31):
            lists.start_attempt(leads, entry_id, T0)
            lists.finish_attempt(leads, entry_id, "initiated", f"req-{entry_id}")
            lists.record_disposition(leads, entry_id, "no_answer", f"note {entry_id}", now=T0)
        store.back_up()
        for entry_id in range(1490, 1501):  # outcomes recorded after the backup
            lists.start_attempt(leads, entry_id, T0)
            lists.record_disposition(leads, entry_id, "busy", now=T0)
        lists.set_position(renewals, 700)
    tree = pages_of(path, "call_list_entries")
    first_leaf = tree["leaf"][0][0]  # the first entries: their outcomes are in the backup
    damage(path, [tree["internal"][0][0], first_leaf])

    store, notice = recovered(path)
    with store:
        lists = CallListStore(store)
        found = {one.name: one for one in lists.all()}
        assert (found["Leads"].total, found["Renewals"].total) == (1500, 1500)
        assert found["Leads"].done == 41
        assert found["Leads"].columns == ("c",)
        assert found["Renewals"].position == 700
        assert found["Renewals"].current
        first = lists.entry(leads, 1)
        assert (first.disposition, first.note, first.request_id) == ("no_answer", "note 1", "req-1")
        assert lists.entry(leads, 1500).disposition == "busy"
        attempts = lists.attempts(leads)
        assert sorted(attempts) == [*range(1, 31), *range(1490, 1501)]
        assert notice.call_lists == 2
        assert notice.call_list_entries == 3000
        assert "2 call lists with 3,000 entries" in notice.message()


def test_entries_whose_list_row_is_lost_come_back_under_a_named_list(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    with closing(Store.open(path)[0]) as store:
        lists = CallListStore(store)
        leads = lists.create("Leads", list_entries(400, "9196"), now=T0).id
        lists.record_disposition(leads, 7, "voicemail", "left a message", now=T0)
    [(lists_page, _cells)] = pages_of(path, "call_lists")["leaf"]
    damage(path, [lists_page])  # every list's row, and no backup

    store, notice = recovered(path)
    with store:
        lists = CallListStore(store)
        [found] = lists.all()
        assert found.name == f"Recovered list {leads}"
        assert found.total == 400
        assert lists.entry(found.id, 7).note == "left a message"
        assert notice.call_list_entries == 400


# the sandbox mark -----------------------------------------------------------------------------
def call(i: int, sandbox: bool) -> HistoryEntry:
    moment = T0 + timedelta(seconds=i)
    return HistoryEntry(
        moment, f"9194{i:08d}", f"+91 94{i:08d}", "softphone", "initiated", sandbox=sandbox
    )


def test_the_sandbox_mark_survives_recovery_and_older_files_read_as_real_calls(
    tmp_path: Path,
) -> None:
    path = tmp_path / "contacts.db"
    with closing(Store.open(path)[0]) as store:
        for i in range(3000):
            store.add_history(call(i, sandbox=i % 3 == 0))
    damage(path, [pages_of(path, "history")["internal"][0][0]])  # read from the pages

    store, notice = recovered(path)
    with store:
        calls = store.recent_history(limit=5000)
        assert len(calls) == 3000 == notice.salvaged_history
        assert all(entry.sandbox == (int(entry.number_digits[4:]) % 3 == 0) for entry in calls)

    older = tmp_path / "older" / "contacts.db"  # schema 5: no sandbox column yet
    older.parent.mkdir()
    with closing(sqlite3.connect(older, isolation_level=None)) as conn:
        migrate(conn, MIGRATIONS[:5])
        conn.executemany(
            "INSERT INTO history (started_at, number_digits, number_display, mode, outcome)"
            " VALUES (?, ?, '', 'mobile', 'failed')",
            [((T0 + timedelta(seconds=i)).isoformat(), f"9193{i:08d}") for i in range(3000)],
        )
    leaves = pages_of(older, "history")["leaf"]
    damage(older, [leaves[len(leaves) // 2][0]])
    store, notice = recovered(older)
    with store:
        calls = store.recent_history(limit=5000)
        assert 2800 < len(calls) == notice.salvaged_history < 3000  # one page lost
        assert notice.incomplete
        assert not any(entry.sandbox for entry in calls)
        assert store.schema_version() == len(MIGRATIONS)


def test_a_file_from_before_the_do_not_call_lists_has_none_to_miss(tmp_path: Path) -> None:
    """Schema 3 had no do-not-call tables: nothing is unread (no false "could not be read"
    and no page scan for them); a file that does not open leaves both unread."""
    from dialer_app.core.store._recovery_keyed import read_keyed

    older = tmp_path / "older.db"
    with closing(sqlite3.connect(older, isolation_level=None)) as conn:
        migrate(conn, MIGRATIONS[:3])
    target = Store.in_memory()
    with target, closing(sqlite3.connect(older)) as source:
        assert read_keyed(source, target._conn) == {"do_not_call": 0, "do_not_call_team": 0}
        assert read_keyed(None, target._conn) == {"do_not_call": -1, "do_not_call_team": -1}
