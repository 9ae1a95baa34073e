"""Call lists in core: importing with the contacts import's rules, exporting through the one
CSV writer, what the Dialer says about an entry, which entry comes next, the customer's time."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dialer_app.core import call_lists
from dialer_app.core.call_lists import (
    CALLABLE,
    DISPOSITION_KEYS,
    EntryCheck,
    check_entry,
    customer_time,
    disposition_for,
    entry_intent,
    export_list,
    import_list,
    list_progress,
    next_entry,
    record_disposition,
)
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact_import import ContactImportError
from dialer_app.core.dialer import CallIntent, Dialer, Surface
from dialer_app.core.phone import PhoneNumber
from dialer_app.core.settings import Settings
from dialer_app.core.store import CallListError, CallListStore, ListEntry, Store
from tests.support.harness import DATA_DIR

LISTS_DIR = DATA_DIR / "call_lists"
LEADS = LISTS_DIR / "leads.csv"
T0 = datetime(2025, 3, 3, 9, 30, tzinfo=UTC)
SOFT = DeliveryMode.SOFTPHONE


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened, _notice = Store.open(tmp_path / "contacts.db")
    yield opened
    opened.close()


class NumberRule:
    """A test calling rule: holds back the numbers it is given."""

    name = "test_do_not_call"

    def __init__(self, *digits: str) -> None:
        self.digits = set(digits)
        self.seen: list[CallIntent] = []

    def check(self, number: PhoneNumber, intent: CallIntent, now: float) -> str | None:
        self.seen.append(intent)
        return "on the test list" if number.digits in self.digits else None


def entry(entry_id: int, **changes: object) -> ListEntry:
    base = ListEntry(
        list_id=1,
        id=entry_id,
        name=f"Person {entry_id}",
        number=f"+91 92000 {entry_id:05d}",
        digits=f"9192000{entry_id:05d}",
        cells=(),
        extra_params={},
        status="pending",
        disposition=None,
        note="",
        attempts=0,
        last_called_at=None,
        request_id=None,
        callback_at=None,
        blocked_reason="",
        line=entry_id + 1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


# import ---------------------------------------------------------------------------------
def test_a_csv_list_keeps_every_row_with_a_number_and_every_column(store: Store) -> None:
    imported = import_list(store, LEADS, "Leads", default_region="IN")
    made = imported.call_list
    assert (made.name, made.total, made.source, made.current) == ("Leads", 6, "leads.csv", True)
    assert made.columns == ("Customer", "Phone", "Plan", "Renewal date", "Notes")
    assert [made.columns[i] for i in made.shown_columns] == ["Plan", "Renewal date", "Notes"]
    stored = CallListStore(store).entries(made.id)
    assert [(e.id, e.name, e.number, e.digits, e.line) for e in stored] == [
        (1, "Asha Rao", "+91 92000 00001", "919200000001", 2),
        (2, "Bala Krishnan", "98000 00002", "919800000002", 3),
        (3, "Carl Jones", "+1 201 555 0123", "12015550123", 5),
        (4, "Dmitri Ivanov", "+7 916 123-45-67", "79161234567", 6),
        (5, "Bad Number", "12", "", 7),
        (6, "Esha Patel", "+91 92000 00005", "919200000005", 8),
    ]
    assert stored[2].cells[4] == '=HYPERLINK("http://x")'
    summary = imported.summary()
    assert "Imported the list “Leads”: 6 entries" in summary
    assert "skipped 1 row (line 4: no phone number)" in summary
    assert "1 number is not dialable (line 7: '12' kept as typed" in summary
    assert "1 number has no country code and was read as India (+91) number" in summary


def test_the_region_reads_numbers_without_a_country_code(store: Store) -> None:
    made = import_list(store, LEADS, "US leads", default_region="US").call_list
    bala = CallListStore(store).entry(made.id, 2)
    assert bala.digits == ""  # "98000 00002" is no US number: kept as typed, not dialable


def test_a_vcard_list_shows_company_notes_and_other_numbers(store: Store) -> None:
    made = import_list(store, LISTS_DIR / "renewals.vcf", "Renewals").call_list
    farah = CallListStore(store).entry(made.id, 1)
    assert (farah.name, farah.digits) == ("Farah Khan", "919800000011")
    shown = {made.columns[i]: farah.cells[i] for i in made.shown_columns}
    assert shown == {
        "Other phones": "+91 22 2345 6789",
        "Company": "Globex",
        "Notes": "Renewal due in March",
    }


def test_a_mapping_chosen_by_the_agent_wins_over_the_guess(store: Store, tmp_path: Path) -> None:
    from dialer_app.core.contact_import import sniff_csv

    source = tmp_path / "two.csv"
    source.write_text("Who,Office,Mobile\nAsha,+91 22 2345 6789,+91 92000 00001\n")
    mapping = sniff_csv(source).mapping
    mapping.numbers = [(2, "mobile")]
    made = import_list(store, source, "Mobiles", mapping=mapping).call_list
    assert CallListStore(store).entry(made.id, 1).digits == "919200000001"
    assert [made.columns[i] for i in made.shown_columns] == ["Office"]


def test_refused_files_and_names_store_nothing(store: Store, tmp_path: Path) -> None:
    import_list(store, LEADS, "Leads")
    with pytest.raises(CallListError, match="exists already"):
        import_list(store, LEADS, "leads")
    empty = tmp_path / "empty.csv"
    empty.write_text("Name,Phone\nNobody,\n")
    with pytest.raises(ContactImportError, match="no row of the file has a name and a phone"):
        import_list(store, empty, "Empty")
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(ContactImportError):
        import_list(store, binary, "Photo")
    assert [found.name for found in CallListStore(store).all()] == ["Leads"]


def test_a_file_over_the_limit_is_refused(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(call_lists._files, "MAX_ENTRIES", 3)
    with pytest.raises(ContactImportError, match="more than 3 rows to call"):
        import_list(store, LEADS, "Too many")
    assert CallListStore(store).all() == []


# export ---------------------------------------------------------------------------------
def test_export_writes_the_lists_columns_and_outcomes_guarded_and_reads_back(
    store: Store, tmp_path: Path
) -> None:
    made = import_list(store, LEADS, "Leads").call_list
    lists = CallListStore(store)
    lists.start_attempt(made.id, 1, T0)
    lists.finish_attempt(made.id, 1, "initiated", "req-1")
    lists.record_disposition(made.id, 1, "connected", "=1+1 renew")
    out = tmp_path / "out.csv"
    assert export_list(store, made, out, zone=UTC) == 6
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0] == [
        "Customer",
        "Phone",
        "Plan",
        "Renewal date",
        "Notes",
        "disposition",
        "note",
        "attempts",
        "last_called",
        "request_id",
    ]
    assert rows[1] == [
        "Asha Rao",
        "+919200000001",  # E.164, as contacts are exported
        "Gold",
        "2025-01-10",
        "Prefers Hindi",
        "connected",
        "'=1+1 renew",
        "1",
        "2025-03-03T09:30:00+00:00",
        "req-1",
    ]
    assert rows[3][4] == "'=HYPERLINK(\"http://x\")"  # never run by a spreadsheet
    assert rows[2][5:] == ["", "", "0", "", ""]
    again = import_list(store, out, "Leads again").call_list
    carl = lists.entry(again.id, 3)
    assert carl.cells[4] == '=HYPERLINK("http://x")'  # the guard is undone on the way in


def test_outcome_columns_do_not_collide_with_the_lists_own(store: Store, tmp_path: Path) -> None:
    source = tmp_path / "noted.csv"
    source.write_text("Name,Phone,Note\nAsha,+91 92000 00001,VIP\n")
    made = import_list(store, source, "Noted").call_list
    out = tmp_path / "out.csv"
    export_list(store, made, out)
    header = next(csv.reader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert header == ["Name", "Phone", "Note", "disposition", "call_note", "attempts",
                      "last_called", "request_id"]  # fmt: skip


# the Dialer and the rules -----------------------------------------------------------------
def test_an_entry_is_called_through_the_call_list_surface() -> None:
    intent = entry_intent(entry(2, extra_params={"lead": 7}), DeliveryMode.MOBILE, "919800000000")
    assert intent == CallIntent(
        "+919200000002",
        Surface.CALL_LIST,
        DeliveryMode.MOBILE,
        "919800000000",
        contact_name="Person 2",
        extra_params={"lead": 7},
    )
    assert entry_intent(entry(3, digits="", number="12"), SOFT).number == "12"


def test_check_entry_asks_the_dialers_rules_and_sends_nothing() -> None:
    rule = NumberRule("919200000002")
    dialer = Dialer(lambda: Settings(), rules=lambda: [rule])
    assert check_entry(dialer, entry(1), SOFT) == CALLABLE
    blocked = check_entry(dialer, entry(2), SOFT)
    assert blocked == EntryCheck("blocked", "on the test list", "test_do_not_call")
    bad = check_entry(dialer, entry(3, digits="", number="12"), SOFT)
    assert bad.state == "not_dialable"
    assert "12" in bad.reason
    assert {intent.surface for intent in rule.seen} == {Surface.CALL_LIST}
    # a check is not a call: the repeat guard still lets the first real call through
    dialer.guard.remember("919200000001", 0.0)
    assert check_entry(dialer, entry(1), SOFT) == CALLABLE
    assert dialer.guard.seconds_since("919200000003") is None


# working through a list --------------------------------------------------------------------
def test_next_entry_takes_due_call_backs_first_then_the_rest_in_order_then_skipped_ones() -> None:
    later, earlier = T0 + timedelta(hours=1), T0 - timedelta(minutes=5)
    entries = [
        entry(1),  # skipped earlier
        entry(2, status="done", disposition="busy"),
        entry(3),  # current
        entry(4, status="callback", disposition="callback", callback_at=later),
        entry(5),
        entry(6, status="callback", disposition="callback", callback_at=earlier),
    ]
    assert next_entry(entries, 3, T0).id == 6  # type: ignore[union-attr]
    no_due = entries[:5]
    assert next_entry(no_due, 3, T0).id == 5  # type: ignore[union-attr]
    assert next_entry(no_due, 5, T0).id == 1  # type: ignore[union-attr]  # wraps around
    blocked = {5, 1}
    found = next_entry(no_due, 3, T0, lambda e: e.id not in blocked)
    assert found is not None
    assert found.id == 3
    due_later = next_entry(no_due, 3, T0 + timedelta(hours=2), lambda e: e.id == 4)
    assert due_later is not None
    assert due_later.id == 4
    all_done = [entry(1, status="done"), entry(2, status="done")]
    assert next_entry(all_done, 1, T0) is None


def test_progress_counts_done_call_backs_and_entries_held_back() -> None:
    entries = [
        entry(1, status="done"),
        entry(2, status="callback", callback_at=T0),
        entry(3),
        entry(4),
        entry(5, status="done"),
    ]
    checks = {
        3: EntryCheck("blocked", "x"),
        4: EntryCheck("not_dialable", "y"),
        5: EntryCheck("blocked", "z"),  # done: not held back any more
    }
    progress = list_progress(entries, checks)
    assert progress.text == "2 / 5 done · 1 call back · 1 blocked · 1 not dialable"
    assert list_progress(entries).text == "2 / 5 done · 1 call back"


def test_dispositions_have_keys_one_to_seven_and_names() -> None:
    assert DISPOSITION_KEYS == {
        "1": "connected",
        "2": "no_answer",
        "3": "busy",
        "4": "voicemail",
        "5": "wrong_number",
        "6": "callback",
        "7": "do_not_call",
    }
    assert disposition_for("No answer") == disposition_for("no-answer") == "no_answer"
    assert disposition_for("7") == "do_not_call"
    with pytest.raises(ValueError, match="use one of connected, no_answer"):
        disposition_for("maybe")


def test_do_not_call_disposition_puts_the_number_on_the_stored_list(store: Store) -> None:
    made = import_list(store, LEADS, "Leads").call_list
    recorded = record_disposition(store, made.id, 2, "do_not_call", "angry")
    assert recorded.entry.disposition == "do_not_call"
    assert recorded.notice == "+91 98000 00002 is now on the do-not-call list."
    listed = store.do_not_call_entry("919800000002")
    assert listed is not None
    assert (listed.note, listed.source) == ("Bala Krishnan: angry", "call_list")
    again = record_disposition(store, made.id, 2, "do_not_call", "angry")
    assert again.notice == "+91 98000 00002 was already on the do-not-call list."
    before = store.do_not_call_entries()
    record_disposition(store, made.id, 5, "do_not_call")  # no valid number: nothing to add
    record_disposition(store, made.id, 3, "busy")
    assert store.do_not_call_entries() == before


# the customer's local time -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("digits", "text"),
    [
        ("919200000001", "Mon 15:00 their time (Kolkata)"),  # India, UTC+5:30
        ("12015550123", "Mon 04:30 their time (New York)"),  # New Jersey, EST
    ],
)
def test_the_customers_time_comes_from_the_number(digits: str, text: str) -> None:
    found = customer_time(digits, T0)
    assert found is not None
    assert found.text == text


def test_a_number_spanning_several_zones_shows_the_range() -> None:
    found = customer_time("79161234567", T0)  # a Russian mobile: the whole country
    assert found is not None
    assert len(found.zones) > 5
    assert found.text.startswith("between ")
    assert "time zones" in found.text
    assert found.earliest.utcoffset() < found.latest.utcoffset()  # type: ignore[operator]


def test_unknown_zones_say_nothing() -> None:
    assert customer_time("", T0) is None
    assert customer_time("15555550100", T0) is None  # not a valid number: Etc/Unknown
