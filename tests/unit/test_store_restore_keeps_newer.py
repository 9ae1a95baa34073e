"""A restore puts back the backup's contacts and calls and keeps what is newer than it: the
calls made since, the do-not-call list (joined with the backup's), each call list's newer
copy. Real database files and real backups."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.do_not_call import DoNotCallEntry, TeamCopy
from dialer_app.core.store import CallListStore, HistoryEntry, NewListEntry, Store

T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)


def person(name: str, digits: str) -> Contact:
    return Contact(name, (ContactNumber(f"+{digits}", digits),))


def call(minutes: int, digits: str = "919876543210", contact_id: int | None = None) -> HistoryEntry:
    return HistoryEntry(
        T0 + timedelta(minutes=minutes), digits, f"+{digits}", "mobile", "initiated", contact_id
    )


def entries(count: int) -> list[NewListEntry]:
    return [NewListEntry(f"Lead {i}", f"+9196{i:08d}", f"9196{i:08d}") for i in range(count)]


def test_restore_keeps_the_calls_since_the_do_not_call_list_and_newer_lists(
    tmp_path: Path,
) -> None:
    store, _ = Store.open(tmp_path / "contacts.db")
    with store:
        asha = store.add_contact(person("Asha", "919200000001"))
        store.add_history(call(0, contact_id=asha.id))
        store.add_do_not_call([DoNotCallEntry("919100000001", "from before")])
        team = TeamCopy("/share/dnc.csv", T0, 1)
        store.replace_team_do_not_call(team, {"919100000009": ""})
        lists = CallListStore(store)
        leads = lists.create("Leads", entries(5), now=T0).id
        old = lists.create("Old list", entries(2), now=T0).id
        lists.record_disposition(old, 1, "busy", now=T0)
        backup = store.back_up()
        # since the backup: a contact deleted, another added, calls, numbers listed, outcomes
        store.delete_contacts([asha.id or 0])
        store.add_contact(person("Bala", "919200000002"))
        store.add_history(call(10))
        store.add_history(call(11, "919200000002"))
        store.add_do_not_call([DoNotCallEntry("919100000002", "asked today")])
        store.remove_do_not_call("919100000001")
        lists.start_attempt(leads, 1, T0 + timedelta(minutes=10))
        lists.record_disposition(leads, 1, "do_not_call", now=T0 + timedelta(minutes=12))
        lists.delete(old)
        lists.create("New list", entries(3), now=T0 + timedelta(minutes=20))

        restored = store.restore_backup(backup)

        assert [c.name for c in store.all_contacts()] == ["Asha"]  # the backup's contacts
        calls = store.recent_history()
        assert [c.started_at for c in calls] == [call(m).started_at for m in (11, 10, 0)]
        assert calls[2].contact_id == asha.id  # the backup's call keeps its contact
        assert {e.digits for e in store.do_not_call_entries()} == {"919100000001", "919100000002"}
        assert store.team_do_not_call_copy() == team
        by_name = {found.name: found for found in lists.all()}
        assert sorted(by_name) == ["Leads", "New list", "Old list"]  # deleted: it comes back
        leads_now = by_name["Leads"]
        assert lists.entry(leads_now.id, 1).disposition == "do_not_call"  # the newer copy
        assert len(lists.attempts(leads_now.id)[1]) == 1
        old_again = by_name["Old list"]
        assert lists.entry(old_again.id, 1).disposition == "busy"
        assert (restored.contacts, restored.history, restored.calls_kept) == (1, 1, 2)
        assert (restored.do_not_call, restored.call_lists_kept) == (2, 2)
        assert restored.call_lists_from_backup == 1
        assert restored.sentence().startswith(
            "Restored 1 contact and 1 call from the backup "
            f"{backup.name}; kept: 2 calls made since then, the do-not-call list (2 numbers) "
            "and 2 call lists as they are; 1 call list taken from the backup"
        )
        assert restored.previous_kept_as.exists()

    # the restore can be undone: the database as it was is a backup of its own
    again, _ = Store.open(tmp_path / "contacts.db")
    with again:
        undone = again.restore_backup(restored.previous_kept_as)
        assert [c.name for c in again.all_contacts()] == ["Bala"]
        assert undone.calls_kept == 0


def test_a_newer_list_in_the_backup_replaces_an_older_current_one(tmp_path: Path) -> None:
    store, _ = Store.open(tmp_path / "contacts.db")
    with store:
        lists = CallListStore(store)
        leads = lists.create("Leads", entries(3), now=T0).id
        lists.record_disposition(leads, 2, "connected", now=T0 + timedelta(hours=1))
        backup = store.back_up()
        lists.delete(leads)
        lists.create("leads", entries(3), now=T0)  # the same list, imported again earlier

        restored = store.restore_backup(backup)

        [found] = lists.all()
        assert lists.entry(found.id, 2).disposition == "connected"
        assert (restored.call_lists_kept, restored.call_lists_from_backup) == (0, 1)


def test_a_backup_of_an_older_schema_is_brought_up_to_date_and_merged(tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    from dialer_app.core.store import MIGRATIONS
    from dialer_app.core.store._db import migrate

    older = tmp_path / "older.db"  # schema 3: before do-not-call lists and call lists
    with closing(sqlite3.connect(older, isolation_level=None)) as conn:
        migrate(conn, MIGRATIONS[:3])
        conn.execute(
            "INSERT INTO contacts (id, name, name_key, created_at, updated_at)"
            " VALUES (4, 'Old Friend', 'old friend', '2020-01-01', '2020-01-01')"
        )
        conn.execute(
            "INSERT INTO history (started_at, number_digits, number_display, mode, outcome)"
            " VALUES ('2020-01-01T10:00:00+00:00', '919200000004', '', 'mobile', 'failed')"
        )
    store, _ = Store.open(tmp_path / "profile" / "contacts.db")
    with store:
        store.add_do_not_call([DoNotCallEntry("919100000001")])
        store.add_history(call(0))

        restored = store.restore_backup(older)

        assert [c.name for c in store.all_contacts()] == ["Old Friend"]
        calls = store.recent_history()
        assert [(c.number_digits, c.sandbox) for c in calls] == [
            ("919876543210", False),  # made after the backup's newest call: kept
            ("919200000004", False),
        ]
        assert [e.digits for e in store.do_not_call_entries()] == ["919100000001"]
        assert (restored.calls_kept, restored.do_not_call) == (1, 1)
        assert store.schema_version() == len(MIGRATIONS)


def test_a_profile_with_only_a_do_not_call_list_gets_its_daily_backup(tmp_path: Path) -> None:
    store, _ = Store.open(tmp_path / "contacts.db")
    with store:
        assert store.back_up_if_due() is None  # nothing to keep yet
        store.add_do_not_call([DoNotCallEntry("919100000001")])
        kept = store.back_up_if_due()
        assert kept is not None
        assert kept.exists()
