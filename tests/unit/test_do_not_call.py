"""The do-not-call list where it lives: files of numbers, the store's tables (schema 4), the
list in memory and its rule, and the team's list from a file and from a loopback HTTP(S)
server (a source that cannot be read keeps the last good copy)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dialer_app.core.compliance import (
    keep_team_copy,
    read_team_source,
    refresh_team_copy,
    stored_do_not_call,
    team_copy_is_stale,
    team_problem,
)
from dialer_app.core.dnc_file import NumberFileError, read_number_bytes, read_number_file
from dialer_app.core.dnc_source import (
    InvalidSourceError,
    SourceError,
    read_team_list,
    validate_source,
)
from dialer_app.core.do_not_call import (
    DoNotCallEntry,
    DoNotCallList,
    DoNotCallRule,
    TeamCopy,
    sorted_numbers,
)
from dialer_app.core.phone import normalize
from dialer_app.core.settings import Settings
from dialer_app.core.store import Store
from tests.support.fault_servers import TlsServer
from tests.support.list_server import ListServer

ASHA = "919876543210"
BOB = "12015550123"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened, _notice = Store.open(tmp_path / "contacts.db")
    return opened


# files of numbers -------------------------------------------------------------------------
def test_one_number_a_line_in_any_writing_is_one_entry_each() -> None:
    text = "+91 98765 43210\n098765 43210\ntel:+1-201-555-0123\n\nhello\n12\n"
    found = read_number_bytes(text.encode(), "IN")
    assert found.numbers == {ASHA: "", BOB: ""}
    assert [(s.line, s.text) for s in found.skipped] == [(5, "hello"), (6, "12")]
    assert "Letters" in found.skipped[0].reason
    assert "short" in found.skipped[1].reason.lower()
    assert found.skipped_count == 2


def test_a_csv_with_a_header_takes_the_number_column_and_its_reason() -> None:
    text = "Name;Mobile;Reason\nAsha;+91 98765 43210;asked twice\nBob;+1 201 555 0123;\n"
    found = read_number_bytes(text.encode("utf-16"), "IN")
    assert found.numbers == {ASHA: "asked twice", BOB: ""}
    assert found.encoding == "utf-16"


def test_a_file_that_is_not_numbers_is_refused_whole(tmp_path: Path) -> None:
    with pytest.raises(NumberFileError, match="empty"):
        read_number_bytes(b"", "IN")
    with pytest.raises(NumberFileError, match="NUL"):
        read_number_bytes(b"\x00\x01binary\x00", "IN")
    with pytest.raises(NumberFileError, match="folder"):
        read_number_file(tmp_path, "IN", 1000)
    with pytest.raises(NumberFileError, match="cannot be read"):
        read_number_file(tmp_path / "missing.csv", "IN", 1000)
    big = tmp_path / "big.txt"
    big.write_bytes(b"+919876543210\n" * 100)
    with pytest.raises(NumberFileError, match="larger than"):
        read_number_file(big, "IN", 1000)


# the store --------------------------------------------------------------------------------
def test_own_entries_are_stored_once_per_number_keeping_the_first_date(store: Store) -> None:
    first = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    assert store.add_do_not_call([DoNotCallEntry(ASHA, "asked", first, "agent")]) == 1
    assert store.add_do_not_call([DoNotCallEntry(ASHA, "", None, "import")]) == 0
    assert store.add_to_do_not_call(BOB, "wrong person", "call_list") is True
    entries = store.do_not_call_entries()
    assert [(e.digits, e.note, e.source) for e in entries] == [
        (BOB, "wrong person", "call_list"),
        (ASHA, "asked", "agent"),  # an empty note does not wipe the old one
    ]
    assert entries[1].added_at == first
    assert store.add_to_do_not_call(ASHA, "asked again") is False
    assert store.do_not_call_entry(ASHA) == DoNotCallEntry(ASHA, "asked again", first, "agent")
    assert store.remove_do_not_call(ASHA) is True
    assert store.remove_do_not_call(ASHA) is False
    assert store.do_not_call_entry(ASHA) is None


def test_the_team_copy_is_replaced_whole(store: Store) -> None:
    loaded = datetime(2024, 5, 1, 10, 0, tzinfo=UTC)
    store.replace_team_do_not_call(TeamCopy("/share/a.csv", loaded, 2, 1), {ASHA: "x", BOB: ""})
    store.replace_team_do_not_call(TeamCopy("/share/a.csv", loaded, 1, 0), {BOB: "listed"})
    assert store.team_do_not_call_copy() == TeamCopy("/share/a.csv", loaded, 1, 0)
    assert store.team_do_not_call_numbers() == [int(BOB)]
    assert store.team_do_not_call_note(BOB) == "listed"
    assert store.team_do_not_call_note(ASHA) is None


def test_a_failed_replacement_keeps_the_previous_copy(store: Store) -> None:
    loaded = datetime(2024, 5, 1, tzinfo=UTC)
    store.replace_team_do_not_call(TeamCopy("old", loaded, 1, 0), {ASHA: ""})
    with pytest.raises(sqlite3.Error):
        store.replace_team_do_not_call(TeamCopy("new", loaded, 2, 0), {BOB: "", None: ""})  # type: ignore[dict-item]
    assert store.team_do_not_call_numbers() == [int(ASHA)]
    assert store.team_do_not_call_copy() == TeamCopy("old", loaded, 1, 0)


def test_schema_4_is_added_to_a_database_of_the_previous_version(tmp_path: Path) -> None:
    from dialer_app.core.store import MIGRATIONS

    path = tmp_path / "contacts.db"
    old, _notice = Store.open(path, migrations=MIGRATIONS[:3])
    old.close()
    store, _notice = Store.open(path)
    with store:
        assert store.schema_version() >= 4
        assert store.add_to_do_not_call(ASHA) is True


# the list in memory and its rule ----------------------------------------------------------
def test_the_list_in_memory_holds_a_call_back_with_the_reason() -> None:
    listed = DoNotCallList()
    rule = DoNotCallRule(listed.reason)
    number = normalize("+91 98765 43210")
    assert rule.check(number, object(), 0.0) == (
        "the do-not-call list is still loading; try again in a moment."
    )
    listed.fail("disk I/O error")
    assert "cannot be read (disk I/O error)" in (rule.check(number, object(), 0.0) or "")
    added = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    listed.load([DoNotCallEntry(ASHA, "asked twice", added)])
    reason = rule.check(number, object(), 0.0)
    assert reason is not None
    assert "on the do-not-call list" in reason
    assert "asked twice" in reason
    assert "2024" in reason
    assert rule.check(normalize("+1 201 555 0123"), object(), 0.0) is None
    listed.remove(ASHA)
    assert rule.check(number, object(), 0.0) is None


def test_the_teams_numbers_count_only_while_a_source_is_set() -> None:
    listed = DoNotCallList()
    listed.load([])
    copy = TeamCopy("https://example.com/dnc.csv", datetime.now(UTC), 2)
    listed.set_team(sorted_numbers([BOB, ASHA, "not digits"]), copy, in_use=True)
    assert listed.on_team_list(ASHA)
    assert listed.on_team_list(BOB)
    assert not listed.on_team_list("919876543211")
    assert (
        listed.reason(BOB)
        == "the number is on the team's do-not-call list (https://example.com/dnc.csv)."
    )
    listed.use_team(False)
    assert listed.reason(BOB) is None


def test_a_million_team_numbers_take_8_mb_and_look_up_by_bisection() -> None:
    numbers = sorted_numbers(str(919_000_000_000 + i * 7) for i in range(1_000_000))
    assert numbers.itemsize * len(numbers) == 8_000_000
    listed = DoNotCallList()
    listed.load([])
    listed.set_team(numbers, None, in_use=True)
    assert listed.on_team_list(str(919_000_000_000 + 7 * 123_456))
    assert not listed.on_team_list(str(919_000_000_000 + 7 * 123_456 + 1))


def test_the_stored_lookup_reads_own_entries_then_the_team_copy(store: Store) -> None:
    store.add_to_do_not_call(ASHA, "asked")
    store.replace_team_do_not_call(
        TeamCopy("/share/dnc.csv", datetime.now(UTC), 1), {BOB: "legal hold"}
    )
    in_use = {"on": True}
    lookup = stored_do_not_call(store, lambda: in_use["on"])
    assert "asked" in (lookup(ASHA) or "")
    assert lookup(BOB) == (
        "the number is on the team's do-not-call list (/share/dnc.csv): “legal hold”."
    )
    in_use["on"] = False
    assert lookup(BOB) is None
    assert lookup("919000000001") is None


# the team's source ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("ftp://server/dnc.csv", "file path or an https:// address"),
        ("http://lists.example.com/dnc.csv", "must use https://"),
        ("https://user:pw@lists.example.com/dnc.csv", "user name or password"),
        ("https:///dnc.csv", "names no server"),
        ("dnc.csv", "must be a full path"),
    ],
)
def test_a_source_that_cannot_be_one_is_refused(text: str, says: str) -> None:
    with pytest.raises(InvalidSourceError, match=says):
        validate_source(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "/mnt/team/dnc.csv",
        r"\\server\team\dnc.csv",
        "https://lists.example.com/dnc.csv",
        "http://127.0.0.1:8080/dnc.csv",
    ],
)
def test_file_paths_and_https_addresses_are_sources(text: str) -> None:
    assert validate_source(text) == text


def test_the_team_list_is_read_from_a_file_and_kept_as_the_last_good_copy(
    tmp_path: Path, store: Store
) -> None:
    shared = tmp_path / "share" / "dnc.csv"
    shared.parent.mkdir()
    shared.write_text("number,reason\n+91 98765 43210,asked\n+1 201 555 0123,\nnonsense,\n")
    settings = Settings(dnc_source=str(shared), default_region="IN")

    refreshed = refresh_team_copy(store, settings, datetime.now(UTC).timestamp())

    assert refreshed.read_now
    assert not refreshed.problem
    assert refreshed.copy is not None
    assert (refreshed.copy.source, refreshed.copy.count, refreshed.copy.skipped) == (
        str(shared),
        2,
        1,
    )
    assert store.team_do_not_call_note(ASHA) == "asked"
    # fresh: not read again within the hour
    shared.unlink()
    again = refresh_team_copy(store, settings, datetime.now(UTC).timestamp() + 60)
    assert not again.read_now
    assert not again.problem


def test_a_source_that_cannot_be_read_keeps_the_last_good_copy_and_says_so(
    tmp_path: Path, store: Store
) -> None:
    shared = tmp_path / "dnc.csv"
    shared.write_text("+91 98765 43210\n")
    settings = Settings(dnc_source=str(shared))
    refresh_team_copy(store, settings, datetime.now(UTC).timestamp())
    later = datetime.now(UTC).timestamp() + 2 * 3600

    for broken in (b"", b"\x00\x00binary", b"no numbers here\nat all\n"):
        shared.write_bytes(broken)
        refreshed = refresh_team_copy(store, settings, later)
        assert refreshed.problem.startswith(f"The team's do-not-call list ({shared}) could not")
        assert "(1 numbers) is still used" in refreshed.problem
        assert store.team_do_not_call_numbers() == [int(ASHA)]
    shared.unlink()
    refreshed = refresh_team_copy(store, settings, later)
    assert "No such file" in refreshed.problem
    assert store.team_do_not_call_numbers() == [int(ASHA)]


def test_a_source_never_read_says_only_the_own_list_is_checked() -> None:
    message = team_problem("/share/dnc.csv", "it cannot be read", None)
    assert message.endswith("No copy of it was ever read, so only your own list is checked.")


def test_a_copy_is_stale_when_old_or_from_another_source() -> None:
    now = datetime(2024, 5, 1, 12, tzinfo=UTC)
    copy = TeamCopy("/a.csv", now - timedelta(minutes=59), 1)
    assert not team_copy_is_stale(copy, "/a.csv", now.timestamp(), 3600)
    assert team_copy_is_stale(copy, "/b.csv", now.timestamp(), 3600)
    assert team_copy_is_stale(copy, "/a.csv", now.timestamp() + 120, 3600)
    assert team_copy_is_stale(None, "/a.csv", now.timestamp(), 3600)


def test_the_team_list_over_loopback_http(store: Store) -> None:
    with ListServer() as server:
        server.body = b"+91 98765 43210\r\n+1 201 555 0123\r\n"
        settings = Settings(dnc_source=server.url())
        team = read_team_source(settings)
        copy = keep_team_copy(store, team)
        assert (copy.count, server.requests) == (2, ["/dnc.csv"])

        server.status = 503
        with pytest.raises(SourceError, match="HTTP 503"):
            read_team_source(settings)
        server.status = 200
        with pytest.raises(SourceError, match="larger than"):
            read_team_list(server.url(), "IN", max_bytes=10)
        server.redirect_to = "http://lists.example.com/dnc.csv"
        with pytest.raises(SourceError, match="redirected to a plain http://"):
            read_team_source(settings)
        server.redirect_to, server.stall_s = "", 2.0
        with pytest.raises(SourceError, match="did not answer in time"):
            read_team_list(server.url(), "IN", total_timeout=0.5)
    assert store.team_do_not_call_numbers() == sorted([int(ASHA), int(BOB)])


def test_the_team_list_over_loopback_https(tmp_path: Path) -> None:
    with ListServer(tmp_path / "certs") as server:
        server.body = b"number\n+91 98765 43210\n"
        team = read_team_list(server.url(), "IN", ssl_context=server.client_context())
        assert list(team.numbers.numbers) == [ASHA]


def test_an_untrusted_certificate_is_refused(tmp_path: Path) -> None:
    server = TlsServer(tmp_path / "certs").start()
    try:
        with pytest.raises(SourceError, match="certificate is not trusted"):
            read_team_list(f"{server.base_url}/dnc.csv", "IN")
    finally:
        server.stop()


def test_the_lists_are_read_without_writing_when_the_store_cannot_open(tmp_path: Path) -> None:
    from dialer_app.core.store import StoreError, read_do_not_call_lists

    path = tmp_path / "contacts.db"
    since = datetime(2024, 1, 1, tzinfo=UTC)
    assert read_do_not_call_lists(path, since).own == []  # no database: nothing is listed
    store, _notice = Store.open(path)
    with store:
        store.add_to_do_not_call(ASHA, "asked")
        store.replace_team_do_not_call(TeamCopy("/share/dnc.csv", since, 1), {BOB: ""})
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}

    lists = read_do_not_call_lists(path, since)

    assert [(e.digits, e.note) for e in lists.own] == [(ASHA, "asked")]
    assert lists.team_numbers == [int(BOB)]
    assert lists.team_copy == TeamCopy("/share/dnc.csv", since, 1)
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before
    folder = tmp_path / "folder.db"
    folder.mkdir()
    with pytest.raises(StoreError, match="not a file"):
        read_do_not_call_lists(folder, since)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot read the do-not-call list"):
        read_do_not_call_lists(garbage, since)
