"""Issue 14, "contacts you can trust", through the real command line and the real window (in
child processes), against real files and real SQLite databases.

The numbered cases of the issue: 1 numbers without a country code, 2 merges of contacts
of other names, 3 one bad byte decoding the whole file as cp1252, 4 a damaged database,
5 a ``-wal`` of another database, 6 a named pipe where the database belongs, 7 a full disk
and a read-only profile, 8 a profile others can read. Cases 9 to 11 are in
test_import_memory.py, tests/unit/test_contact_export.py and tests/unit/test_contact_search.py.
"""

from __future__ import annotations

import csv
import os
import pickle
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.do_not_call import DoNotCallEntry
from dialer_app.core.store import CallListStore, HistoryEntry, NewListEntry, Store
from tests.support.harness import REPO_ROOT, VCARDS_DIR, CliResult, run_cli, write_settings
from tests.support.restricted import (
    file_size_limit,
    run_restricted,
    run_window_child,
    set_read_only,
    without_write_privileges,
)

IPHONE = VCARDS_DIR / "John_Doe_IPHONE.vcf"
PAGE = 4096


def people(count: int, prefix: str = "Old") -> list[Contact]:
    return [
        Contact(f"{prefix} {i:05d}", (ContactNumber(f"+9195{i:08d}", f"9195{i:08d}"),))
        for i in range(count)
    ]


def new_profile(root: Path, region: str = "IN", name: str = "profile") -> Path:
    profile = root / name
    profile.mkdir(mode=0o700)
    write_settings(profile, default_region=region)
    return profile


def fill(profile: Path, contacts: list[Contact]) -> Path:
    store, _ = Store.open(profile / "contacts.db")
    with store:
        store.import_contacts(contacts)
    return profile / "contacts.db"


def names_in(database: Path) -> list[str]:
    store, notice = Store.open(database)
    with store:
        assert notice is None
        return sorted(c.name for c in store.all_contacts())


def contacts(profile: Path, *args: str, timeout: float = 120) -> CliResult:
    return run_cli("contacts", *args, "--profile", str(profile), timeout=timeout)


def exported_names(path: Path) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return sorted(row[0] for row in list(csv.reader(handle))[1:])


# 1 numbers without a country code ------------------------------------------------------------
def test_numbers_without_country_code_are_read_in_the_chosen_region_and_listed(
    tmp_path: Path,
) -> None:
    profile = new_profile(tmp_path)  # settings: India

    assumed = contacts(profile, "import", str(IPHONE), "--json")
    chosen = contacts(new_profile(tmp_path, name="us"), "import", str(IPHONE), "--region", "US")

    report = assumed.json
    assert report["region"] == "IN"
    assert report["without_country_code_count"] == 7  # 905-111-1234 is a valid Indian number
    assert report["without_country_code"][0] == {
        "line": 1,
        "raw": "905-555-1234",
        "number": "+919055551234",  # what "905-555-1234" is in India: now said, not silent
    }
    assert chosen.code == 0, chosen.stderr
    assert (
        "6 numbers had no country code and were read as United States (+1) numbers."
        in chosen.stdout
    )
    assert "no country code, line 1: '905-555-1234' read as +19055551234" in chosen.stdout
    out = tmp_path / "out.csv"
    assert contacts(tmp_path / "us", "export", str(out)).code == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        [_header, row] = list(csv.reader(handle))
    assert "+19055551234" in row  # written in E.164: no reader has to guess the country


def test_an_unknown_region_is_a_usage_error(tmp_path: Path) -> None:
    result = contacts(new_profile(tmp_path), "import", str(IPHONE), "--region", "XX")
    assert result.code == 2
    assert "unknown region 'XX'" in result.stderr


# 2 merges ----------------------------------------------------------------------------------
def test_contacts_of_other_names_sharing_a_number_are_kept_and_named(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    source = tmp_path / "team.csv"
    source.write_text(
        "name,phone\n"
        "Priya Sharma,+91 92000 00001\n"
        "Bala Krishnan,+91 92000 00001\n"  # the same desk phone: another person
        "priya sharma,+91 98000 00002\n"  # no shared number: a contact of her own
        "Priya  SHARMA,+91 92000 00001\n",  # the same person again: merged
        encoding="utf-8",
    )

    report = contacts(profile, "import", str(source), "--json").json

    assert (report["imported"], report["merged"], report["kept_apart_count"]) == (3, 1, 1)
    assert report["merges"] == [
        {
            "line": 5,
            "name": "Priya SHARMA",
            "other_name": "Priya Sharma",
            "number": "+919200000001",
            "other_was_stored_before": False,
        }
    ]
    assert report["kept_apart"][0]["name"] == "Bala Krishnan"
    assert names_in(profile / "contacts.db") == ["Bala Krishnan", "Priya Sharma", "priya sharma"]


# 3 one bad byte ----------------------------------------------------------------------------
def test_one_bad_byte_costs_its_card_only_and_is_counted(tmp_path: Path) -> None:
    cards = [
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jürgen {i}\r\n"
        f"TEL:+49 151 2345 67{i:02d}\r\nEND:VCARD\r\n"
        for i in range(20)
    ]
    data = "".join(cards).encode("utf-8")
    bad = data.index(b"J\xc3\xbcrgen 7")
    data = data[:bad] + b"J\xfcrgen 7" + data[bad + len("Jürgen 7".encode()) :]  # cp1252 ü
    source = tmp_path / "mixed.vcf"
    source.write_bytes(data)
    profile = new_profile(tmp_path)

    report = contacts(profile, "import", str(source), "--json").json

    names = names_in(profile / "contacts.db")
    assert names == sorted(f"Jürgen {i}" for i in range(20))  # every one of them right
    assert report["not_utf8_lines"] == 5  # the card of the bad byte
    assert report["not_utf8_first_lines"] == [36]
    assert report["read_as_windows_1252"] is False


def test_a_legacy_csv_says_it_was_read_as_windows_1252(tmp_path: Path) -> None:
    source = tmp_path / "old.csv"
    source.write_bytes("Name;Phone\nJosé Müller;+49 151 2345 6700\n".encode("cp1252"))
    profile = new_profile(tmp_path)

    result = contacts(profile, "import", str(source))

    assert result.code == 0, result.stderr
    assert "The file is not UTF-8: it was read as Windows-1252" in result.stdout
    assert names_in(profile / "contacts.db") == ["José Müller"]


# 4 a damaged database ----------------------------------------------------------------------
def damage_pages(database: Path, pages: list[int]) -> bytes:
    """Overwrite whole pages with noise (the file stays the same length)."""
    data = bytearray(database.read_bytes())
    for page in pages:
        data[page * PAGE : (page + 1) * PAGE] = random.Random(page).randbytes(PAGE)
    database.write_bytes(bytes(data))
    return bytes(data)


def root_page(database: Path, table: str) -> int:
    with closing(sqlite3.connect(database)) as conn:
        return int(
            conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[
                0
            ]
        )


def test_damage_loses_nothing_salvage_then_the_newest_backup(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    database = fill(profile, people(3000))
    store, _ = Store.open(database)
    with store:
        store.back_up()  # what a daily backup or an import leaves
        store.import_contacts(people(400, "New"))
        for i in range(40):
            store.add_history(_call(i))
    # pages of the contacts and their numbers (after the roots of every table of schema 5)
    damaged = damage_pages(database, [40, 41, 42, 80, root_page(database, "contacts") - 1])

    exported = contacts(profile, "export", str(tmp_path / "out.csv"))

    assert exported.code == 0, exported.stderr
    assert "warning: The contacts database could not be read" in exported.stderr
    assert "came back from it, and" in exported.stderr
    assert "from the backup of" in exported.stderr
    warning = exported.stderr.splitlines()[0]
    assert len(warning) < 600, warning  # what SQLite found, in a few words, not every page
    assert "recovered from damage" in exported.stderr  # the export says so
    names = exported_names(tmp_path / "out.csv")
    assert names == sorted(c.name for c in [*people(3000), *people(400, "New")])
    [kept] = [p for p in profile.glob("contacts.db.corrupt-*") if not p.name.endswith("-shm")]
    assert kept.read_bytes() == damaged  # the damaged file is kept as it was
    again = contacts(profile, "export", str(tmp_path / "again.csv"))
    assert "recovered from damage" not in again.stderr  # said once
    assert exported_names(tmp_path / "again.csv") == names


def test_damaged_interior_pages_are_salvaged_without_a_backup(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    database = fill(profile, people(5000))
    damage_pages(database, [root_page(database, "contacts") - 1])  # the table's root

    result = contacts(profile, "export", str(tmp_path / "out.csv"))

    assert result.code == 0, result.stderr
    assert "5,000 contacts and 0 calls of the history came back from it" in result.stderr
    assert len(exported_names(tmp_path / "out.csv")) == 5000


def test_damage_keeps_the_do_not_call_list_and_the_call_lists_and_says_so(
    tmp_path: Path,
) -> None:
    profile = new_profile(tmp_path)
    listed = [f"9198{i:08d}" for i in range(2000)]
    store, _ = Store.open(profile / "contacts.db")
    with store:
        store.add_do_not_call(DoNotCallEntry(digits) for digits in listed)
        entries = [NewListEntry(f"Lead {i}", f"+9196{i:08d}", f"9196{i:08d}") for i in range(9)]
        CallListStore(store).create("Leads", entries)
    with closing(sqlite3.connect(profile / "contacts.db")) as conn:
        [root] = conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'do_not_call' AND path = '/'"
        ).fetchone()
    damage_pages(profile / "contacts.db", [root - 1])  # SQLite can read none of the list

    check = run_cli("dnc", "check", f"+{listed[0]}", "--profile", str(profile))

    assert check.code == 8, check.stderr  # still listed: not callable
    assert "could not be read" in check.stderr
    assert "do-not-call numbers" in check.stderr
    assert "1 call list with 9 entries" in check.stderr
    shown = run_cli("dnc", "list", "--json", "--profile", str(profile))
    assert shown.code == 0, shown.stderr
    assert 1900 < len(shown.json["entries"]) <= 2000  # only the damaged root's own rows


def test_restore_command_puts_back_a_backup_and_keeps_the_current_contacts(
    tmp_path: Path,
) -> None:
    profile = new_profile(tmp_path)
    fill(profile, people(3))
    source = tmp_path / "more.csv"
    source.write_text("name,phone\nLater Added,+91 92000 00077\n", encoding="utf-8")
    assert contacts(profile, "import", str(source)).code == 0  # a backup after every import
    listed = contacts(profile, "restore", "--list", "--json").json["backups"]
    assert len(listed) == 1
    assert (listed[0]["contacts"], listed[0]["history"]) == (4, 0)
    store, _ = Store.open(profile / "contacts.db")
    with store:
        store.delete_contacts([1, 2, 3, 4])

    restored = contacts(profile, "restore", "--json")

    assert restored.code == 0, restored.stderr
    assert restored.json["contacts"] == 4
    assert (restored.json["calls_kept"], restored.json["do_not_call"]) == (0, 0)
    assert names_in(profile / "contacts.db") == sorted(
        [*(c.name for c in people(3)), "Later Added"]
    )
    previous = Path(str(restored.json["previous_kept_as"]))
    assert previous.exists()
    assert stat.S_IMODE(previous.stat().st_mode) == 0o600


def test_restore_without_backups_says_so(tmp_path: Path) -> None:
    result = contacts(new_profile(tmp_path), "restore")
    assert result.code == 7
    assert "There is no backup to restore" in result.stderr


def _call(i: int) -> HistoryEntry:
    return HistoryEntry(datetime.now(UTC), f"9195{i:08d}", f"+91 95{i:08d}", "softphone", "failed")


# 5 a -wal of another database -----------------------------------------------------------------
def leave_a_wal(database: Path, contacts_to_add: list[Contact]) -> Path:
    """A process that writes and dies before a checkpoint: its ``-wal`` stays behind."""
    code = (
        "import os, sys, pickle\n"
        "from pathlib import Path\n"
        "from dialer_app.core.store import Store\n"
        "store, _ = Store.open(Path(sys.argv[1]))\n"
        "store.import_contacts(pickle.loads(sys.stdin.buffer.read()))\n"
        "os._exit(0)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(database)],
        input=pickle.dumps(contacts_to_add),
        cwd=REPO_ROOT,
        check=True,
        timeout=120,
    )
    wal = database.with_name(database.name + "-wal")
    assert wal.stat().st_size > 0
    return wal


def test_a_journal_of_another_database_is_set_aside_not_applied(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    fill(profile, people(1000))
    other = tmp_path / "other" / "contacts.db"
    other.parent.mkdir()
    wal = leave_a_wal(other, people(50, "Stranger"))
    shutil.copy(wal, profile / "contacts.db-wal")  # copied next to our database

    result = contacts(profile, "export", str(tmp_path / "out.csv"))

    assert result.code == 0, result.stderr
    assert "that does not belong to the contacts database was found and set aside" in (
        result.stderr
    )
    assert exported_names(tmp_path / "out.csv") == sorted(c.name for c in people(1000))
    assert len(list(profile.glob("contacts.db-wal.foreign-*"))) == 1
    assert len(list((profile / "backups").glob("contacts-*.db"))) == 1  # taken before trying


def test_its_own_journal_after_a_crash_is_applied(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    fill(profile, people(100))
    leave_a_wal(profile / "contacts.db", people(20, "Crash"))

    result = contacts(profile, "export", str(tmp_path / "out.csv"))

    assert result.code == 0, result.stderr
    assert "warning" not in result.stderr
    assert len(exported_names(tmp_path / "out.csv")) == 120


# 6 named pipes and other non-files ---------------------------------------------------------
@pytest.mark.parametrize("name", ["contacts.db", "contacts.db-wal", "contacts.db-shm"])
def test_a_named_pipe_at_a_database_path_is_refused_at_once(tmp_path: Path, name: str) -> None:
    profile = new_profile(tmp_path)
    if name != "contacts.db":
        fill(profile, people(3))
    os.mkfifo(profile / name)

    started = time.monotonic()
    result = contacts(profile, "export", str(tmp_path / "out.csv"), timeout=30)

    assert time.monotonic() - started < 30
    assert result.code == 7, result.stderr
    assert f"{name} in {profile} is a named pipe, not a file" in result.stderr
    assert stat.S_ISFIFO((profile / name).lstat().st_mode)  # left where it is


def test_a_named_pipe_as_settings_file_does_not_block_the_command_line(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    fill(profile, people(3))
    (profile / "settings.json").unlink()
    os.mkfifo(profile / "settings.json")

    result = contacts(profile, "export", str(tmp_path / "out.csv"), timeout=30)

    assert result.code == 0, result.stderr
    assert "settings.json is a named pipe, not a file" in result.stderr
    assert len(exported_names(tmp_path / "out.csv")) == 3


def test_a_named_pipe_as_log_file_does_not_block_the_window(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    fill(profile, people(3))
    (profile / "logs").mkdir(mode=0o700)
    os.mkfifo(profile / "logs" / "dialer-app.log")

    report = run_window_child(profile, lambda: None, "--no-call")

    assert report["log_file"] is None
    assert report["contacts_shown"] == 3


# 7 a full disk and a read-only profile ---------------------------------------------------------
@dataclass
class FullDisk:
    """A profile on a file system with no room left, and how to run commands on it."""

    profile: Path
    preexec: Callable[[], None]
    how: str


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[FullDisk]:
    """A small tmpfs filled to the last byte (root can mount one here); where mounting is
    not allowed, a file-size limit in the child stands in (RLIMIT_FSIZE: writes past it fail
    with EFBIG, as in test_bad_profile.py)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=6m,mode=0700", "tmpfs", str(mount)],
            capture_output=True,
            check=False,
        ).returncode
        == 0
    )
    profile = new_profile(mount)
    fill(profile, people(2000))
    assert contacts(profile, "export", str(tmp_path / "warm.csv")).code == 0  # settle files
    try:
        if mounted:
            _fill_up(mount)
            yield FullDisk(profile, lambda: None, "tmpfs")
        else:
            limit = max(p.stat().st_size for p in profile.rglob("*") if p.is_file())
            yield FullDisk(profile, file_size_limit(limit), "RLIMIT_FSIZE")
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(mount)], check=False)


def _fill_up(mount: Path) -> None:
    for name, chunk in (("filler", 65536), ("filler-tail", 1)):
        with suppress(OSError), (mount / name).open("wb") as handle:
            while True:
                handle.write(b"\0" * chunk)
                handle.flush()
    assert shutil.disk_usage(mount).free < 4096


def test_full_disk_contacts_stay_readable_and_exportable(
    full_disk: FullDisk, tmp_path: Path
) -> None:
    out = tmp_path / "out.csv"
    exported = run_restricted(
        ["-m", "dialer_app", "contacts", "export", str(out), "--profile", str(full_disk.profile)],
        full_disk.preexec,
    )
    source = tmp_path / "new.csv"
    source.write_text("name,phone\nNo Room,+91 92000 00099\n", encoding="utf-8")
    imported = run_restricted(
        [
            "-m",
            "dialer_app",
            "contacts",
            "import",
            str(source),
            "--profile",
            str(full_disk.profile),
        ],
        full_disk.preexec,
    )

    assert exported.code == 0, (full_disk.how, exported.stderr)
    assert len(exported_names(out)) == 2000
    assert imported.code == 7, imported.stderr
    assert "Nothing was imported" in imported.stderr
    if full_disk.how == "tmpfs":
        assert "is full" in imported.stderr


def test_full_disk_window_lists_the_contacts_and_says_once_what_is_not_saved(
    full_disk: FullDisk,
) -> None:
    report = run_window_child(full_disk.profile, full_disk.preexec, "--no-call")

    assert report["contacts_shown"] == 2000  # not "No contacts yet"
    told = report["messages"]
    read_only = [m for m in told if m.startswith("The contacts database is read-only")]
    assert len(read_only) == 1, told
    assert "changes, imports and new calls in the history are not saved" in read_only[0]
    assert not report["contact_saved"]


def test_read_only_profile_shows_contacts_left_in_the_journal(tmp_path: Path) -> None:
    """The last contacts of a session that crashed sit in its ``-wal``; the profile is then
    read-only (a locked-down desk): the list and an export still hold every one of them."""
    profile = new_profile(tmp_path)
    fill(profile, people(100))
    leave_a_wal(profile / "contacts.db", people(30, "Journal"))
    set_read_only(profile, True)
    try:
        report = run_window_child(profile, without_write_privileges, "--no-call")
        out = tmp_path / "out.csv"
        exported = run_restricted(
            ["-m", "dialer_app", "contacts", "export", str(out), "--profile", str(profile)],
            without_write_privileges,
        )
    finally:
        set_read_only(profile, False)

    assert report["contacts_shown"] == 130
    assert exported.code == 0, exported.stderr
    assert len(exported_names(out)) == 130


# 8 private modes --------------------------------------------------------------------------
def modes(folder: Path) -> dict[str, int]:
    return {
        str(path.relative_to(folder)): stat.S_IMODE(path.lstat().st_mode)
        for path in [folder, *folder.rglob("*")]
        if not path.is_symlink()
    }


def with_umask(mask: int) -> Callable[[], None]:
    def apply() -> None:
        os.umask(mask)

    return apply


def test_a_new_profile_is_private_whatever_the_umask(tmp_path: Path) -> None:
    profile = tmp_path / "fresh"
    source = tmp_path / "two.csv"
    source.write_text("name,phone\nAsha,+91 92000 00001\nBina,+91 92000 00002\n")

    imported = run_restricted(
        ["-m", "dialer_app", "contacts", "import", str(source), "--profile", str(profile)],
        with_umask(0o022),
    )
    report = run_window_child(profile, with_umask(0o022))  # a call, a contact, the log

    assert imported.code == 0, imported.stderr
    assert report["contact_saved"]
    found = modes(profile)
    assert {name for name in found} >= {
        ".",
        "contacts.db",
        "settings.json",
        "backups",
        "logs",
        "logs/dialer-app.log",
    }
    for name, mode in found.items():
        is_folder = (profile / name).is_dir()
        assert mode == (0o700 if is_folder else 0o600), (name, oct(mode))


def test_an_existing_readable_profile_is_tightened_with_a_notice(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    fill(profile, people(3))
    (profile / "logs").mkdir()
    (profile / "logs" / "crash-20250101-000000.txt").write_text("old crash")
    for path in [profile, *profile.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)

    result = contacts(profile, "export", str(tmp_path / "out.csv"))

    assert result.code == 0, result.stderr
    assert f"warning: The profile folder {profile} could be read by other users" in result.stderr
    assert all(
        mode == (0o700 if (profile / name).is_dir() else 0o600)
        for name, mode in modes(profile).items()
    ), modes(profile)
    again = contacts(profile, "export", str(tmp_path / "out.csv"))
    assert "could be read by other users" not in again.stderr  # said once: now private


def test_the_window_tightens_a_readable_profile_and_says_so(tmp_path: Path) -> None:
    profile = new_profile(tmp_path)
    fill(profile, people(3))
    for path in [profile, *profile.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)

    report = run_window_child(profile, lambda: None, "--no-call")

    assert any(
        f"The profile folder {profile} could be read by other users" in m
        for m in report["messages"]
    )
    assert stat.S_IMODE(profile.stat().st_mode) == 0o700


def test_a_crash_report_is_private(tmp_path: Path) -> None:
    from dialer_app.core.diagnostics import write_crash_report

    profile = new_profile(tmp_path)
    old = os.umask(0o022)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            path = write_crash_report(profile, type(exc), exc, exc.__traceback__)
    finally:
        os.umask(old)
    assert path is not None
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
