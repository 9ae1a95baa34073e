"""``dialer-app contacts import|export`` end to end: real subprocesses, files and databases."""

from __future__ import annotations

import os
import pty
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from dialer_app.core.contact import Contact
from dialer_app.core.contact_export import written_number
from dialer_app.core.contact_import import decode_text, parse_vcard, read_contacts
from dialer_app.core.runtime import DATABASE_FILE
from dialer_app.core.store import Store
from tests.support.harness import REPO_ROOT, VCARDS_DIR, CliResult, run_cli, write_settings

VCARDS = VCARDS_DIR
REAL_VCARDS = sorted(VCARDS.glob("*.vcf"))
KILL_ROWS = 150_000

CSV_WITH_BAD_ROWS = (
    "Name,Phone,Company,Notes\r\n"
    "Asha Rao,+91 92000 00001,Acme,\r\n"
    "Chen Li,,,\r\n"  # line 3: no number
    "Bala Iyer,not a number,,\r\n"  # line 4: kept as typed, not dialable
    '"Khan, Farah",+91 92000 00003 ::: +91 98000 00003,"Globex, Inc.","two\nlines"\r\n'
    "ASHA RAO,+91 92000 00001,,\r\n"  # line 7: Asha's number and name again: merged
    ",,Initech,\r\n"  # line 8: no name, no number
)
CSV_SKIPPED_LINES = [3, 8]
CSV_UNVERIFIED_LINES = [4]


def profile_with_region(path: Path, region: str) -> Path:
    path.mkdir(parents=True)
    write_settings(path, default_region=region)
    return path


def stored_contacts(profile: Path) -> list[Contact]:
    store, notice = Store.open(profile / DATABASE_FILE)
    assert notice is None
    with store:
        return store.all_contacts()


def comparable(contacts: list[Contact], *, as_exported: bool = False) -> list[tuple[object, ...]]:
    """Contacts without ids, in a stable order; ``as_exported``: valid numbers as exports
    write them (E.164)."""
    return sorted(
        (
            c.name,
            c.company,
            c.notes,
            c.favorite,
            tuple(
                (written_number(n) if as_exported else n.raw, n.digits, n.label)
                for n in c.numbers
            ),
        )
        for c in contacts
    )


def import_file(profile: Path, file: Path, *extra: str) -> CliResult:
    return run_cli("contacts", "import", str(file), "--profile", str(profile), *extra)


def import_json(profile: Path, file: Path, *extra: str) -> dict[str, object]:
    result = import_file(profile, file, "--json", *extra)
    assert result.code == 0, result.stderr
    return result.json


def lines_of(rows: object) -> list[int]:
    assert isinstance(rows, list)
    return [row["line"] for row in rows]


# --------------------------------------------------------------------------------- import


def test_the_real_vcards_are_all_present() -> None:
    assert len(REAL_VCARDS) >= 17


@pytest.mark.parametrize("vcard", REAL_VCARDS, ids=[p.name for p in REAL_VCARDS])
def test_each_real_vcard_is_imported(tmp_path: Path, vcard: Path) -> None:
    profile = profile_with_region(tmp_path / "profile", "US")
    result = import_file(profile, vcard)
    assert result.code == 0, result.stderr
    stored = stored_contacts(profile)
    cards = parse_vcard(decode_text(vcard.read_bytes())[0])
    if any(card.numbers for card in cards):
        assert stored, result.stdout
    expected = read_contacts(vcard, None, "US")
    assert comparable(stored) == comparable(expected.contacts)
    # Every card is accounted for: a contact, merged into one, or skipped with its line.
    assert len(stored) + expected.merged_duplicates + len(expected.skipped) == len(cards)
    for skipped in expected.skipped:
        assert f"skipped, line {skipped.line}: {skipped.reason}" in result.stdout
    plural = "" if len(stored) == 1 else "s"
    assert f"; {len(stored)} contact{plural} in total." in result.stdout


def test_csv_with_bad_rows_imports_the_rest_and_names_the_lines(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8", newline="")
    profile = tmp_path / "profile"
    result = import_file(profile, source)
    assert result.code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        "Imported 3 contacts, merged 1 duplicate, skipped 2 rows, kept 1 number as typed"
        " (not dialable); 3 contacts in total."
    )
    for line in CSV_SKIPPED_LINES:
        assert f"skipped, line {line}: " in result.stdout
    assert "not dialable, line 4: 'not a number'" in result.stdout
    assert "merged, line 7: “ASHA RAO” into “Asha Rao” (same number +919200000001)" in (
        result.stdout
    )
    assert "%" not in result.stderr  # no progress into a pipe
    by_name = {c.name: c for c in stored_contacts(profile)}
    assert set(by_name) == {"Asha Rao", "Bala Iyer", "Khan, Farah"}
    assert [n.digits for n in by_name["Khan, Farah"].numbers] == ["919200000003", "919800000003"]
    assert by_name["Khan, Farah"].company == "Globex, Inc."
    assert by_name["Khan, Farah"].notes == "two\nlines"
    assert [(n.raw, n.digits) for n in by_name["Bala Iyer"].numbers] == [("not a number", "")]


def test_json_output_shape(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    result = import_file(tmp_path / "profile", source, "--json")
    assert result.code == 0, result.stderr
    assert result.stdout.count("\n") == 1
    payload = result.json
    report = read_contacts(source, None, "IN")
    assert payload == {
        "ok": True,
        "imported": 3,
        "merged": 1,
        "merges": [
            {
                "line": 7,
                "name": "ASHA RAO",
                "other_name": "Asha Rao",
                "number": "+919200000001",
                "other_was_stored_before": False,
            }
        ],
        "kept_apart": [],
        "kept_apart_count": 0,
        "skipped": [{"line": s.line, "reason": s.reason} for s in report.skipped],
        "skipped_count": 2,
        "unverified": [{"line": u.line, "reason": u.reason} for u in report.unverified],
        "unverified_count": 1,
        "region": "IN",
        "without_country_code": [],
        "without_country_code_count": 0,
        "not_utf8_lines": 0,
        "not_utf8_first_lines": [],
        "read_as_windows_1252": False,
        "total_contacts": 3,
    }
    assert lines_of(payload["skipped"]) == CSV_SKIPPED_LINES
    assert lines_of(payload["unverified"]) == CSV_UNVERIFIED_LINES
    assert all(s.reason for s in report.skipped)


def test_importing_the_same_file_twice_merges_everything(tmp_path: Path) -> None:
    profile = profile_with_region(tmp_path / "profile", "US")
    vcard = VCARDS / "rfc2426-example.vcf"
    first = import_json(profile, vcard)
    before = comparable(stored_contacts(profile))
    second = import_json(profile, vcard)
    assert first["imported"] == first["total_contacts"] == len(before) > 0
    assert second["imported"] == 0
    assert second["merged"] == len(before)
    assert second["total_contacts"] == len(before)
    assert comparable(stored_contacts(profile)) == before


def test_binary_file_is_refused_with_exit_2_and_nothing_is_saved(tmp_path: Path) -> None:
    garbage = tmp_path / "photo.csv"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + random.Random(5).randbytes(8192))
    profile = tmp_path / "profile"
    result = import_file(profile, garbage)
    assert result.code == 2
    assert f"{garbage} was not imported: not a text file" in result.stderr
    assert result.stdout == ""
    assert stored_contacts(profile) == []
    as_json = import_file(profile, garbage, "--json")
    assert as_json.code == 2
    assert as_json.json["ok"] is False
    assert as_json.json["error_kind"] == "invalid_file"
    assert "not a text file" in str(as_json.json["error"])


@pytest.mark.parametrize("name", ["missing.csv", "missing.vcf", "missing"])
def test_missing_file_exits_2(tmp_path: Path, name: str) -> None:
    result = import_file(tmp_path / "profile", tmp_path / name)
    assert result.code == 2
    assert f"{tmp_path / name} was not imported" in result.stderr
    assert "No such file or directory" in result.stderr


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    source = tmp_path / "really-a-csv.vcf"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    profile = tmp_path / "profile"
    by_extension = import_file(profile, source, "--json")
    assert by_extension.code == 2
    assert by_extension.json["error_kind"] == "invalid_file"
    assert "no vCard in the file" in str(by_extension.json["error"])
    assert import_json(profile, source, "--format", "csv")["imported"] == 3


def test_default_region_comes_from_the_profile(tmp_path: Path) -> None:
    source = tmp_path / "london.csv"
    source.write_text("name,phone\nOffice,020 7946 0018\n", encoding="utf-8")
    digits = {}
    for region in ("GB", "IN"):
        profile = profile_with_region(tmp_path / region, region)
        import_json(profile, source)
        (contact,) = stored_contacts(profile)
        digits[region] = contact.numbers[0].digits
    assert digits == {"GB": "442079460018", "IN": "912079460018"}


@pytest.mark.parametrize(
    "args",
    [
        ["contacts", "import", "{file}", "--profile", "{profile}"],
        ["contacts", "--profile", "{profile}", "import", "{file}"],
        ["--profile", "{profile}", "contacts", "import", "{file}"],
    ],
    ids=["after the action", "after contacts", "before the command"],
)
def test_profile_option_anywhere(tmp_path: Path, args: list[str]) -> None:
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    profile = tmp_path / "chosen"
    filled = [a.format(file=source, profile=profile) for a in args]
    result = run_cli(*filled, env={"DIALER_PROFILE": str(tmp_path / "env-profile")})
    assert result.code == 0, result.stderr
    assert len(stored_contacts(profile)) == 3
    assert not (tmp_path / "env-profile").exists()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["contacts"], "required: ACTION"),
        (["contacts", "import"], "required: FILE"),
        (["contacts", "import", "x.csv", "--format", "xml"], "invalid choice: 'xml'"),
        (["contacts", "export", "out.txt"], "cannot tell the format"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = run_cli(*args, "--profile", str(tmp_path / "p"))
    assert result.code == 2
    assert fragment in result.stderr


# ------------------------------------------------------------------------------- database


def test_damaged_database_is_moved_aside_with_a_warning(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / DATABASE_FILE).write_bytes(b"this is not a database at all\n" * 200)
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    result = import_file(profile, source)
    assert result.code == 0, result.stderr
    assert "warning: The contacts database could not be read (file is not a database)" in (
        result.stderr
    )
    (moved,) = profile.glob(f"{DATABASE_FILE}.corrupt-*")
    assert str(moved) in result.stderr
    assert moved.read_bytes().startswith(b"this is not a database")
    assert len(stored_contacts(profile)) == 3


def test_unusable_database_exits_7(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    (profile / DATABASE_FILE).mkdir(parents=True)  # a folder where the file should be
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    result = import_file(profile, source, "--json")
    assert result.code == 7
    assert result.json["error_kind"] == "database"
    assert DATABASE_FILE in str(result.json["error"])
    exported = run_cli("contacts", "export", str(tmp_path / "out.csv"), "--profile", str(profile))
    assert exported.code == 7
    assert not (tmp_path / "out.csv").exists()


def test_database_from_a_newer_version_exits_7_and_is_left_alone(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    database = profile / DATABASE_FILE
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = database.read_bytes()
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    result = import_file(profile, source)
    assert result.code == 7
    assert "newer version" in result.stderr
    assert database.read_bytes() == before


# --------------------------------------------------------------------------------- export


@pytest.fixture
def filled_profile(tmp_path: Path) -> Path:
    """A US profile holding real vCard contacts and the CSV's contacts."""
    profile = profile_with_region(tmp_path / "source", "US")
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    for file in (source, VCARDS / "rfc2426-example.vcf", VCARDS / "John_Doe_IPHONE.vcf"):
        import_json(profile, file)
    return profile


@pytest.mark.parametrize(
    ("name", "fmt"), [("out.csv", None), ("out.vcf", None), ("out.txt", "vcard")]
)
def test_export_then_import_gives_the_same_contacts(
    tmp_path: Path, filled_profile: Path, name: str, fmt: str | None
) -> None:
    original = stored_contacts(filled_profile)
    target = tmp_path / name
    args = ["contacts", "export", str(target), "--profile", str(filled_profile)]
    result = run_cli(*args, *(["--format", fmt] if fmt else []))
    assert result.code == 0, result.stderr
    assert result.stderr.strip() == f"Exported {len(original)} contacts to {target}"
    assert result.stdout == ""
    copy = profile_with_region(tmp_path / "copy", "US")
    payload = import_json(copy, target, *(["--format", fmt] if fmt else []))
    assert payload["imported"] == len(original) >= 6
    assert payload["skipped"] == []
    assert comparable(stored_contacts(copy)) == comparable(original, as_exported=True)


def test_export_formats_follow_the_extension(tmp_path: Path, filled_profile: Path) -> None:
    for name in ("all.vcf", "all.csv"):
        result = run_cli(
            "contacts", "export", str(tmp_path / name), "--profile", str(filled_profile)
        )
        assert result.code == 0, result.stderr
    assert (tmp_path / "all.vcf").read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert (tmp_path / "all.csv").read_bytes().startswith(b"\xef\xbb\xbfname,company,")


@pytest.mark.parametrize(
    ("target", "reason"),
    [("no-such-folder/out.csv", "No such file or directory"), ("a-folder.csv", "Is a directory")],
)
def test_export_to_an_unusable_path_exits_2(
    tmp_path: Path, filled_profile: Path, target: str, reason: str
) -> None:
    (tmp_path / "a-folder.csv").mkdir()
    result = run_cli("contacts", "export", str(tmp_path / target), "--profile", str(filled_profile))
    assert result.code == 2
    assert f"Cannot write {tmp_path / target}: {reason}" in result.stderr


def test_export_of_an_empty_profile_writes_a_header(tmp_path: Path) -> None:
    target = tmp_path / "none.csv"
    result = run_cli("contacts", "export", str(target), "--profile", str(tmp_path / "p"))
    assert result.code == 0, result.stderr
    assert "Exported 0 contacts" in result.stderr
    assert target.read_text(encoding="utf-8-sig").startswith("name,company,notes")


# ------------------------------------------------------------- progress and interruption


class TerminalStderr:
    """A pseudo-terminal for a child's stderr, drained by a thread into ``text``."""

    def __init__(self) -> None:
        self.master, self.slave = pty.openpty()
        self._chunks: list[bytes] = []
        self._reader = threading.Thread(target=self._drain, daemon=True)

    def child_started(self) -> None:
        """Call after the child got ``slave``: our copy closes, so reading ends with the child."""
        os.close(self.slave)
        self._reader.start()

    @property
    def text(self) -> str:
        return b"".join(self._chunks).decode("utf-8", errors="replace")

    def wait_for(self, marker: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if marker in self.text:
                return True
            time.sleep(0.01)
        return False

    def close(self) -> None:
        self._reader.join(timeout=10)
        os.close(self.master)

    def _drain(self) -> None:
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child's end closed
                return
            if not chunk:
                return
            self._chunks.append(chunk)


def start_import(profile: Path, file: Path, stderr: int) -> subprocess.Popen[bytes]:
    command = ["contacts", "import", str(file), "--profile", str(profile)]
    return subprocess.Popen(
        [sys.executable, "-m", "dialer_app", *command],
        cwd=REPO_ROOT,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=stderr,
    )


@pytest.fixture(scope="module")
def large_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """KILL_ROWS contacts with distinct valid Indian mobile numbers (no merges, no skips)."""
    path = tmp_path_factory.mktemp("large") / "large.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("name,phone\r\n")
        handle.writelines(f"Person {i:06d},+91 97{i:08d}\r\n" for i in range(KILL_ROWS))
    return path


def test_progress_is_shown_on_a_terminal(tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    terminal = TerminalStderr()
    child = start_import(tmp_path / "profile", source, terminal.slave)
    terminal.child_started()
    stdout, _ = child.communicate(timeout=60)
    terminal.close()
    assert child.returncode == 0, terminal.text
    assert "Importing... 100%" in terminal.text
    assert "Saving contacts... 100%" in terminal.text
    assert terminal.text.endswith("\r\x1b[K")  # the progress line is wiped at the end
    assert stdout.decode().startswith("Imported 3 contacts")


def database_count(database: Path) -> int:
    """Contacts in the database after a crash; asserts it is healthy and consistent."""
    store, notice = Store.open(database)
    with store:
        assert notice is None
        count = store.count_contacts()
    with closing(sqlite3.connect(database)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        numbers = conn.execute("SELECT count(*) FROM contact_numbers").fetchone()[0]
    assert numbers == count  # one number per generated contact: no half-written contact
    return int(count)


@pytest.mark.parametrize("anchor", ["process start", "saving starts"])
def test_sigkill_during_import_saves_all_or_nothing(
    tmp_path: Path, large_csv: Path, anchor: str
) -> None:
    """Kill the import 100-600 ms after it started, or after it began writing, three times.

    Timed from process start the kill usually lands while the file is read and written (in
    one transaction); timed from the "Saving" progress it lands while it commits.
    """
    rng = random.Random()
    for attempt in range(3):
        profile = tmp_path / f"profile{attempt}"
        terminal = TerminalStderr()
        child = start_import(profile, large_csv, terminal.slave)
        terminal.child_started()
        try:
            if anchor == "saving starts":
                assert terminal.wait_for("Saving contacts", timeout=180), terminal.text
            time.sleep(rng.uniform(0.1, 0.6))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            terminal.close()
        count = database_count(profile / DATABASE_FILE)
        if child.returncode == 0:  # it finished before the kill
            assert count == KILL_ROWS
        else:
            assert child.returncode == -signal.SIGKILL
            assert count in (0, KILL_ROWS), f"{count} contacts after a kill"


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_stopped_import_leaves_earlier_contacts_intact(
    tmp_path: Path, large_csv: Path, stop: signal.Signals
) -> None:
    """Stopped while writing (rows are written as the file is read, in one transaction):
    the earlier contacts stay exactly as they were."""
    profile = tmp_path / "profile"
    source = tmp_path / "people.csv"
    source.write_text(CSV_WITH_BAD_ROWS, encoding="utf-8")
    import_json(profile, source)
    before = comparable(stored_contacts(profile))
    terminal = TerminalStderr()
    child = start_import(profile, large_csv, terminal.slave)
    terminal.child_started()
    try:
        assert terminal.wait_for("Importing...  1", timeout=180), terminal.text
        child.send_signal(stop)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        terminal.close()
    after = stored_contacts(profile)
    if child.returncode == 0:  # it finished before the signal
        assert len(after) == len(before) + KILL_ROWS
        return
    assert comparable(after) == before
    if stop == signal.SIGINT:
        assert child.returncode == 130
        assert "Interrupted; nothing was imported." in terminal.text
    else:
        assert child.returncode == -signal.SIGKILL
