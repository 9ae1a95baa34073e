"""Damaged files and unusable profiles: the dialer starts, says what happened, keeps the old
files and keeps working.

Every bad file goes through the real window start (``build`` + ``start``, pytest-qt) and the
real command line (``python -m dialer_app``). A read-only profile and a full disk need a child
process: one that may not write (see :func:`without_write_privileges`) or one with a file-size
limit (``RLIMIT_FSIZE``: writes past it fail with EFBIG, like a full disk). The window then
runs in ``tests/support/bad_profile_child.py``, which reports what the agent saw as JSON.
"""

from __future__ import annotations

import json
import random
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, suppress
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.settings import Settings, SettingsFile, settings_from_json
from dialer_app.core.store import HistoryEntry, RecoveryNotice, Store, StoreError
from dialer_app.services.contact_list import ContactIdRole
from tests.support.bad_profile_child import NEW_CONTACT, StatusLog
from tests.support.harness import TEST_PROFILE_ID, run_cli
from tests.support.restricted import (
    file_size_limit,
    run_restricted,
    run_window_child,
    set_read_only,
    snapshot,
    without_write_privileges,
)
from tests.support.store_files import flip
from tests.support.wait import WAIT_MS

CALLED = "+91 92000 00000"
CALLED_DIGITS = "919200000000"
MOVED_STAMP = r"\d{8}-\d{6}(-\d+)?"
GOOD_SETTINGS: dict[str, Any] = {
    "version": 1,
    "profile_id": TEST_PROFILE_ID,
    "default_region": "IN",
    "caller_ids": ["919800000000"],
    "default_caller_id": "919800000000",
    "extra_params_template": {"crm": "zoho"},
}
SMALL_CSV = "Name,Phone\nAsha Rao,+91 92000 00001\nBina Das,+91 92000 00002\n"


# bad files ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class BadFile:
    """One way a profile file can be broken.

    ``make`` writes the bad file and returns its bytes (None for a folder in its place).
    ``reason`` is a regex the user-facing message must contain; the file is expected to be
    kept aside as ``FILE.<label>-<timestamp>``, or left where it is when ``label`` is empty.
    """

    name: str
    file: str
    make: Callable[[Path], bytes | None]
    reason: str
    label: str = "corrupt"


def _write(path: Path, data: bytes) -> bytes:
    path.write_bytes(data)
    return data


def _real_database(path: Path, count: int = 3000) -> bytes:
    """A healthy contacts.db with ``count`` contacts, closed cleanly (no -wal left)."""
    store, _ = Store.open(path)
    with store:
        store.import_contacts(
            Contact(f"Old {i:05d}", (ContactNumber(f"+9195{i:08d}", f"9195{i:08d}"),))
            for i in range(count)
        )
    return path.read_bytes()


def _cut_in_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _scrambled_schema(path: Path) -> bytes:
    data = bytearray(_real_database(path, 50))
    data[data.index(b"CREATE TABLE contacts") + 2] = 0x80  # not UTF-8 in the schema text
    return _write(path, bytes(data))


def _negative_schema_version(path: Path) -> bytes:
    data = bytearray(_real_database(path, 50))
    data[60] = 0x80  # user_version is a signed 32-bit number at offset 60
    return _write(path, bytes(data))


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "inside.txt").write_text("a folder where a file belongs")


def _settings_text() -> bytes:
    return json.dumps(GOOD_SETTINGS, indent=2).encode()


SETTINGS_CASES = [
    BadFile(
        "garbage", "settings.json", lambda p: _write(p, random.Random(1).randbytes(4096)), "damaged"
    ),
    BadFile("empty", "settings.json", lambda p: _write(p, b""), "damaged .*Expecting value"),
    BadFile(
        "json-array", "settings.json", lambda p: _write(p, b"[1, 2, 3]\n"), "not a JSON object"
    ),
    BadFile("json-null", "settings.json", lambda p: _write(p, b"null"), "not a JSON object"),
    BadFile(
        "truncated",
        "settings.json",
        lambda p: _write(p, _cut_in_half(_settings_text())),
        "damaged",
    ),
    BadFile(
        "huge",
        "settings.json",
        lambda p: _write(p, json.dumps({"notes": "x" * (3 << 20)}).encode()),
        "larger than 1024 KiB",
    ),
    BadFile("deeply-nested", "settings.json", lambda p: _write(p, b"[" * 200_000), "damaged"),
    BadFile(
        "wrong-types",
        "settings.json",
        lambda p: _write(
            p,
            json.dumps(
                {
                    "version": 1,
                    "profile_id": TEST_PROFILE_ID,
                    "connect_timeout": "fast",
                    "caller_ids": 919800000000,
                    "default_mode": "carrier-pigeon",
                    "notifications": "yes",
                    "default_region": ["IN"],
                    "history_retention_days": 10**12,
                    "request_timeout": 1e400,
                }
            ).encode(),
        ),
        "'caller_ids' was ignored",
        label="invalid",
    ),
    BadFile("folder", "settings.json", _folder, "could not be read", label=""),
]
DATABASE_CASES = [
    BadFile(
        "garbage",
        "contacts.db",
        lambda p: _write(p, random.Random(2).randbytes(64 * 1024)),
        "file is not a database",
    ),
    BadFile(
        "truncated",
        "contacts.db",
        lambda p: _write(p, _cut_in_half(_real_database(p))),
        "malformed",
    ),
    BadFile(
        "sqlite-header-then-garbage",
        "contacts.db",
        lambda p: _write(p, b"SQLite format 3\x00" + random.Random(3).randbytes(8192)),
        "not a database|malformed",
    ),
    BadFile("scrambled-schema", "contacts.db", _scrambled_schema, "malformed database schema"),
    BadFile("negative-version", "contacts.db", _negative_schema_version, "invalid schema version"),
]


def make_profile(root: Path, case: BadFile | None = None) -> tuple[Path, bytes | None]:
    """A profile with good settings (and no database yet), then ``case`` breaks one file."""
    profile = root / "profile"
    profile.mkdir()
    (profile / "settings.json").write_bytes(_settings_text())
    if case is None:
        return profile, None
    target = profile / case.file
    if target.exists():
        target.unlink()
    return profile, case.make(target)


def kept_aside(profile: Path, file: str, label: str = "corrupt") -> list[Path]:
    pattern = re.compile(rf"{re.escape(file)}\.{label}-{MOVED_STAMP}")
    return sorted(p for p in profile.iterdir() if pattern.fullmatch(p.name))


def assert_kept(profile: Path, case: BadFile, original: bytes | None) -> Path | None:
    """The broken file is kept, bytes intact: aside under a timestamp, or where it was."""
    aside = [
        p
        for p in profile.iterdir()
        if p.name.startswith(f"{case.file}.") and not p.name.endswith(("-wal", "-shm"))
    ]
    if not case.label:
        assert aside == []
        return None
    moved = kept_aside(profile, case.file, case.label)
    assert len(moved) == 1, sorted(p.name for p in profile.iterdir())
    assert moved == aside
    assert moved[0].read_bytes() == original
    return moved[0]


def stored_contacts(profile: Path) -> list[Contact]:
    store, notice = Store.open(profile / "contacts.db")
    assert notice is None
    with store:
        return store.all_contacts()


# the window, in this process ----------------------------------------------------------------
@dataclass
class Started:
    app: DialerApp
    status: StatusLog


@pytest.fixture
def start_window(qtbot: QtBot) -> Iterator[Callable[[Path], Started]]:
    """Build and start the real app on a profile with the built-in sandbox."""
    apps: list[DialerApp] = []

    def start(profile: Path) -> Started:
        app = build(["--profile", str(profile), "--sandbox"])
        apps.append(app)
        status = StatusLog(app.window)
        opened: list[object] = []
        app.contacts.service.index_changed.connect(opened.append)
        app.contacts.service.notice.connect(lambda text, _state: opened.append(text))
        app.start()
        qtbot.waitExposed(app.window)
        qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
        return Started(app, status)

    yield start
    for app in apps:
        app.shutdown()


def assert_window_works(qtbot: QtBot, started: Started, profile: Path) -> None:
    """A call reaches the sandbox and a new contact is saved in the profile's database."""
    app = started.app
    sandbox = app.runtime.sandbox
    assert sandbox is not None
    with qtbot.waitSignal(app.calls.succeeded, timeout=WAIT_MS):
        app.dial_typed(CALLED, DeliveryMode.SOFTPHONE, None)
    [request] = sandbox.requests
    assert request.json_body is not None
    assert request.json_body["to"] == int(CALLED_DIGITS)

    saved: list[Contact] = []
    app.contacts.service.save_contact(NEW_CONTACT, saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)
    assert NEW_CONTACT.name in [c.name for c in stored_contacts(profile)]


@pytest.mark.parametrize("case", DATABASE_CASES, ids=lambda c: c.name)
def test_window_recovers_a_damaged_database(
    case: BadFile, tmp_path: Path, qtbot: QtBot, start_window: Callable[[Path], Started]
) -> None:
    profile, original = make_profile(tmp_path, case)

    started = start_window(profile)

    told = started.status.joined()
    assert re.search(rf"could not be read \(.*({case.reason})", told), told
    moved = assert_kept(profile, case, original)
    assert str(moved) in told
    recovered = started.app.contacts.model.total
    if recovered:  # what the damaged file still gave (issue 14, case 4)
        assert f"{recovered:,} contacts and 0 calls of the history came back from it" in told
    else:
        assert "new, empty one was started" in told
    assert_window_works(qtbot, started, profile)
    stored = [c.name for c in stored_contacts(profile)]
    assert NEW_CONTACT.name in stored
    assert len(stored) == recovered + 1
    assert all(name.startswith("Old ") for name in stored if name != NEW_CONTACT.name)
    assert_kept(profile, case, original)  # still there, untouched


@pytest.mark.parametrize("case", SETTINGS_CASES, ids=lambda c: c.name)
def test_window_starts_with_a_bad_settings_file(
    case: BadFile, tmp_path: Path, qtbot: QtBot, start_window: Callable[[Path], Started]
) -> None:
    profile, original = make_profile(tmp_path, case)

    started = start_window(profile)

    warnings = "\n".join(started.app.runtime.loaded.warnings)
    assert re.search(case.reason, warnings), warnings
    moved = assert_kept(profile, case, original)
    if moved is not None:
        assert str(moved) in warnings
    assert started.app.settings.validated() == started.app.settings
    assert_window_works(qtbot, started, profile)
    if case.name != "folder":  # a settings change is saved again, as a clean file
        app = started.app
        app.update_settings(replace(app.settings, default_region="US"))
        qtbot.waitUntil(lambda: not app.io_runner.busy, timeout=WAIT_MS)
        reloaded = SettingsFile(profile).load()
        assert (reloaded.settings.default_region, reloaded.warnings) == ("US", ())
    assert_kept(profile, case, original)


@pytest.mark.parametrize("case", SETTINGS_CASES[:3], ids=lambda c: c.name)
def test_window_tells_the_agent_about_a_bad_settings_file(
    case: BadFile, tmp_path: Path, start_window: Callable[[Path], Started]
) -> None:
    profile, _original = make_profile(tmp_path, case)

    started = start_window(profile)

    assert started.app.runtime.loaded.warnings
    told = started.status.joined()
    assert re.search(case.reason, told), f"the window said only: {told!r}"


def test_window_with_a_folder_as_database_holds_calls_back_and_says_why(
    tmp_path: Path, qtbot: QtBot, start_window: Callable[[Path], Started]
) -> None:
    """The window starts and says the database cannot be opened; the do-not-call list lives
    in it, so a call is held back (with why) rather than risk ringing a listed number."""
    profile, _ = make_profile(tmp_path)
    _folder(profile / "contacts.db")

    started = start_window(profile)

    qtbot.waitUntil(lambda: "cannot open contacts.db" in started.status.joined(), timeout=WAIT_MS)
    assert "is a folder, not a file: move it away" in started.status.joined()
    with qtbot.waitSignal(started.app.calls.refused, timeout=WAIT_MS) as refused:
        started.app.dial_typed(CALLED, DeliveryMode.SOFTPHONE, None)
    refusal = refused.args[1]
    assert (refusal.kind, refusal.rule) == ("blocked", "do_not_call")
    assert "the do-not-call list cannot be read" in refusal.message
    assert "contacts.db: it is not a file" in refusal.message
    assert (profile / "contacts.db" / "inside.txt").read_text() == "a folder where a file belongs"


def test_window_shows_damaged_text_tells_once_and_an_edit_repairs_it(
    tmp_path: Path, qtbot: QtBot, start_window: Callable[[Path], Started]
) -> None:
    """A byte flipped inside a name and inside a history entry: quick_check passes, so the
    file stays; the list, search, export and history show the entries with U+FFFD."""
    profile, _ = make_profile(tmp_path)
    database = profile / "contacts.db"
    store, _ = Store.open(database)
    with store:
        store.import_contacts(
            Contact(name, (ContactNumber(f"+91 9500{i:06d}", f"919500{i:06d}"),))
            for i, name in enumerate(SEEDED_NAMES)
        )
        store.add_history(
            HistoryEntry(datetime.now(UTC), "919500000001", "+91 95000 00001", "mobile", "failed")
        )
        store.add_history(
            replace(store.recent_history()[0], id=None, contact_name="Bina (old call)")
        )
    flip(database, "Bina Das", 2)
    flip(database, "Bina (old call)", 3)
    damaged_name, damaged_call = "Bi\ufffda Das", "Bin\ufffd (old call)"

    started = start_window(profile)
    app, status = started.app, started.status
    qtbot.waitUntil(lambda: len(app.contacts.history.entries()) == 2, timeout=WAIT_MS)

    model = app.contacts.model
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [
        "Asha Rao",
        damaged_name,
        "Chitra Iyer",
    ]
    assert [e.contact_name for e in app.contacts.history.entries()] == [damaged_call, ""]
    notices = [text for text in status.texts() if text.startswith("Damaged text")]
    assert notices == [
        "Damaged text was found in 1 contact and 1 call in the history (the file was changed"
        " on disk); the unreadable letters are shown as \ufffd and everything else is kept."
        " To fix a contact, edit it, correct the marked text and save it. History entries"
        " cannot be edited; they stay as shown."
    ]
    app.contacts.panel.search.setText("das")
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == [damaged_name]

    out = tmp_path / "out.csv"
    app.contacts.export_contacts(out)
    qtbot.waitUntil(lambda: "Exported 3 contacts" in status.joined(), timeout=WAIT_MS)
    assert damaged_name in out.read_text(encoding="utf-8-sig")

    got: list[Contact | None] = []
    app.contacts.service.get_contact(int(model.index(0, 0).data(ContactIdRole)), got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=WAIT_MS)
    [contact] = got
    assert contact is not None
    assert contact.name == damaged_name
    saved: list[Contact] = []
    app.contacts.service.save_contact(replace(contact, name="Bina Das"), saved.append)
    qtbot.waitUntil(lambda: bool(saved), timeout=WAIT_MS)
    assert [model.index(row, 0).data() for row in range(model.rowCount())] == ["Bina Das"]
    assert [text for text in status.texts() if text.startswith("Damaged text")] == notices
    with Store.open(database)[0] as reopened:
        assert [row[1] for row in reopened.search_rows()] == SEEDED_NAMES
        assert reopened.damaged_text().contacts == frozenset()


# the command line ---------------------------------------------------------------------------
@pytest.mark.parametrize("case", SETTINGS_CASES, ids=lambda c: c.name)
def test_cli_call_works_with_a_bad_settings_file(case: BadFile, tmp_path: Path) -> None:
    profile, original = make_profile(tmp_path, case)

    result = run_cli("call", CALLED, "--sandbox", "--profile", str(profile))

    assert result.code == 0, result.stderr
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}\n", result.stdout)
    assert re.search(rf"dialer-app: warning: .*{case.reason}", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    moved = assert_kept(profile, case, original)
    if moved is not None:
        assert str(moved) in result.stderr


@pytest.mark.parametrize("case", DATABASE_CASES, ids=lambda c: c.name)
def test_cli_import_and_export_recover_a_damaged_database(case: BadFile, tmp_path: Path) -> None:
    profile, original = make_profile(tmp_path, case)
    source = tmp_path / "small.csv"
    source.write_text(SMALL_CSV, encoding="utf-8")

    imported = run_cli("contacts", "import", str(source), "--profile", str(profile))
    exported = run_cli("contacts", "export", str(tmp_path / "out.csv"), "--profile", str(profile))

    assert imported.code == 0, imported.stderr
    assert re.search(
        rf"warning: The contacts database could not be read \(.*({case.reason}).*\)\. "
        "It was kept as ",
        imported.stderr,
    ), imported.stderr
    moved = assert_kept(profile, case, original)
    assert str(moved) in imported.stderr
    names = sorted(c.name for c in stored_contacts(profile))
    recovered = [name for name in names if name.startswith("Old ")]
    assert imported.stdout.startswith(
        f"Imported 2 contacts; {2 + len(recovered)} contacts in total."
    )
    assert exported.code == 0, exported.stderr
    assert "could not be read" not in exported.stderr  # the rebuilt database is healthy
    assert "recovered from damage" in exported.stderr  # the first export after it says so
    assert sorted(set(names) - set(recovered)) == ["Asha Rao", "Bina Das"]
    assert_kept(profile, case, original)


# a read-only profile ------------------------------------------------------------------------
@pytest.fixture
def used_profile(tmp_path: Path) -> Path:
    """A profile the window has used before: settings, a database with one contact, a log."""
    profile, _ = make_profile(tmp_path)
    report = run_window_child(profile, lambda: None, "--no-call")
    assert report["contact_saved"]
    assert report["log_file"]
    assert sorted(snapshot(profile)) == [
        "contacts.db",
        "logs",
        "logs/dialer-app.log",
        "settings.json",
    ]
    return profile


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Callable[[Path], Path]]:
    locked: list[Path] = []

    def lock(folder: Path) -> Path:
        set_read_only(folder, True)
        locked.append(folder)
        return folder

    yield lock
    for folder in locked:
        set_read_only(folder, False)


@pytest.mark.parametrize("history", ["used", "empty"])
def test_read_only_profile_window_starts_says_so_and_calls(
    history: str, tmp_path: Path, used_profile: Path, read_only: Callable[[Path], Path]
) -> None:
    profile = used_profile if history == "used" else new_profile(tmp_path)
    read_only(profile)
    before = snapshot(profile)

    report = run_window_child(profile, without_write_privileges, "--save-settings")

    told = "\n".join(report["messages"])
    why = f"the folder {profile} cannot be written to"
    if history == "empty":
        why = f"contacts.db does not exist and {why}"
    assert report["call"].startswith("ok "), report
    assert f"The contacts database is read-only ({why}): " in told, told
    assert f"Contacts: Cannot save the contact: {read_only_refusal(why)}" in told
    assert (
        "The call was placed, but it is not saved in the call history: "
        f"{read_only_refusal(why)}" in told
    )
    assert "cannot open" not in told
    assert re.search(r"Settings could not be saved: .*Permission denied", told)
    assert not report["contact_saved"]
    assert report["contacts_shown"] == (1 if history == "used" else 0)  # the fixture's contact
    assert report["history_shown"] == 0
    assert report["log_file"] is None
    assert "dialer-app.log (cannot be written: " in report["diagnostics"]
    if history == "empty":
        assert any("Settings could not be saved in" in w for w in report["warnings"])
    assert snapshot(profile) == before  # nothing written, nothing lost


@pytest.mark.parametrize("history", ["used", "empty"])
def test_read_only_profile_cli_call_still_works(
    history: str, tmp_path: Path, used_profile: Path, read_only: Callable[[Path], Path]
) -> None:
    profile = used_profile if history == "used" else new_profile(tmp_path)
    read_only(profile)
    before = snapshot(profile)
    source = tmp_path / "small.csv"
    source.write_text(SMALL_CSV, encoding="utf-8")
    source.chmod(0o444)

    call = run_restricted(
        ["-m", "dialer_app", "call", CALLED, "--sandbox", "--profile", str(profile)],
        without_write_privileges,
    )
    imported = run_restricted(
        ["-m", "dialer_app", "contacts", "import", str(source), "--profile", str(profile)],
        without_write_privileges,
    )
    missing = str(tmp_path / "missing.csv")
    unread = run_restricted(  # refused before the file is read: a file it could never save
        ["-m", "dialer_app", "contacts", "import", missing, "--profile", str(profile)],
        without_write_privileges,
    )
    out_csv = tmp_path / "out.csv"
    exported = run_restricted(
        ["-m", "dialer_app", "contacts", "export", str(out_csv), "--profile", str(profile)],
        without_write_privileges,
    )

    assert exported.code == 0, exported.stderr  # reading a read-only database works
    out = out_csv.read_text(encoding="utf-8-sig")
    assert (NEW_CONTACT.name in out) == (history == "used")
    assert call.code == 0, call.stderr
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}\n", call.stdout)
    if history == "empty":
        assert "warning: Settings could not be saved in" in call.stderr
        assert "Permission denied" in call.stderr
    assert imported.code == 7, imported.stderr
    assert re.search(
        r"error: The contacts database .* cannot be used: Cannot import contacts: the contacts"
        r" database is read-only \(.*cannot be written to\)\. Nothing was imported\.",
        imported.stderr,
    ), imported.stderr
    assert unread.code == 7, unread.stderr
    assert "Cannot import contacts: the contacts database is read-only" in unread.stderr
    assert "Traceback" not in call.stderr + imported.stderr + unread.stderr
    assert snapshot(profile) == before


def new_profile(tmp_path: Path) -> Path:
    profile = tmp_path / "empty-profile"
    profile.mkdir()
    return profile


def read_only_refusal(why: str) -> str:
    return f"the contacts database is read-only ({why})"


RETENTION_DAYS = 30
SEEDED_NAMES = ["Asha Rao", "Bina Das", "Chitra Iyer"]


def profile_with_history(root: Path) -> Path:
    """Settings keeping 30 days of history, three contacts and two calls, one 90 days old."""
    profile, _ = make_profile(root)
    settings_data = {**GOOD_SETTINGS, "history_retention_days": RETENTION_DAYS}
    (profile / "settings.json").write_text(json.dumps(settings_data), encoding="utf-8")
    store, _ = Store.open(profile / "contacts.db")
    with store:
        store.import_contacts(
            Contact(name, (ContactNumber(f"+91 9500{i:06d}", f"919500{i:06d}"),))
            for i, name in enumerate(SEEDED_NAMES)
        )
        for days_ago in (1, 90):
            store.add_history(
                HistoryEntry(
                    started_at=datetime.now(UTC) - timedelta(days=days_ago),
                    number_digits="919500000000",
                    number_display="+91 95000 00000",
                    mode="softphone",
                    outcome="initiated",
                    contact_name="Asha Rao",
                )
            )
    return profile


@pytest.mark.parametrize("locked", ["folder", "database-file"])
def test_read_only_database_is_shown_and_every_write_says_why_it_failed(
    locked: str, tmp_path: Path, read_only: Callable[[Path], Path]
) -> None:
    """The folder locked: opened with immutable=1 (no -shm can be made); only the file
    locked: opened with mode=ro. Either way the agent sees everything and each write
    (start-up prune, recording the call, saving, importing) fails saying what and why."""
    profile = profile_with_history(tmp_path)
    database = profile / "contacts.db"
    before = database.read_bytes()
    if locked == "folder":
        read_only(profile)
        why = f"the folder {profile} cannot be written to"
    else:
        database.chmod(0o400)
        why = f"the file {database} cannot be written to"
    source = tmp_path / "small.csv"
    source.write_text(SMALL_CSV, encoding="utf-8")

    report = run_window_child(profile, without_write_privileges, "--import", str(source))

    told = "\n".join(report["messages"])
    refusal = read_only_refusal(why)
    assert report["contacts_shown"] == len(SEEDED_NAMES)
    assert report["history_shown"] == 2  # the old call too: the prune could not remove it
    assert f"The contacts database is read-only ({why}): " in told, told
    assert f"Contacts: Cannot remove old calls from the history: {refusal}" in told
    assert report["call"].startswith("ok "), report
    assert f"The call was placed, but it is not saved in the call history: {refusal}" in told, told
    assert not report["contact_saved"]
    assert f"Contacts: Cannot save the contact: {refusal}" in told
    assert report["import"] == f"failed Cannot import contacts: {refusal}"
    database.chmod(0o600)
    assert database.read_bytes() == before
    assert sorted(c.name for c in stored_contacts(profile)) == SEEDED_NAMES


# a full disk --------------------------------------------------------------------------------
@pytest.fixture
def big_csv(tmp_path: Path) -> Path:
    path = tmp_path / "big.csv"
    rows = "".join(f"Person {i:05d},+91 93{i:08d}\n" for i in range(5000))
    path.write_text(f"Name,Phone\n{rows}", encoding="utf-8")
    return path


def database_state(profile: Path) -> tuple[list[str], list[tuple[object, ...]]]:
    db = profile / "contacts.db"
    names = [c.name for c in stored_contacts(profile)]
    with closing(sqlite3.connect(db)) as conn:
        return names, conn.execute("PRAGMA integrity_check").fetchall()


def room_for(profile: Path, spare: int) -> int:
    """A file-size limit leaving ``spare`` bytes past the biggest file (the -shm needs 32 KiB)."""
    return max(p.stat().st_size for p in profile.rglob("*") if p.is_file()) + spare


def test_full_disk_cli_import_fails_cleanly(used_profile: Path, big_csv: Path) -> None:
    before = database_state(used_profile)

    result = run_restricted(
        ["-m", "dialer_app", "contacts", "import", str(big_csv), "--profile", str(used_profile)],
        file_size_limit(room_for(used_profile, 64 * 1024)),
    )

    assert result.code == 7, result.stderr
    assert re.search(
        r"error: The contacts database .* cannot be used: .*Nothing was imported\.", result.stderr
    )
    assert "Traceback" not in result.stderr
    assert database_state(used_profile) == before
    assert before[1] == [("ok",)]


def test_full_disk_window_import_fails_cleanly_and_the_window_works(
    used_profile: Path, big_csv: Path
) -> None:
    names_before, _ = database_state(used_profile)

    report = run_window_child(
        used_profile,
        file_size_limit(room_for(used_profile, 64 * 1024)),
        "--import",
        str(big_csv),
    )

    assert report["call"].startswith("ok ")
    assert report["contact_saved"]  # a small write still fits
    assert report["import"].startswith("failed ")
    assert "nothing was saved" in report["import"]
    assert report["import"].removeprefix("failed ") in report["messages"]
    names, check = database_state(used_profile)
    assert check == [("ok",)]
    assert sorted(names) == sorted([*names_before, NEW_CONTACT.name])


def test_full_disk_window_starts_reports_the_failed_save_and_keeps_settings(
    used_profile: Path,
) -> None:
    settings_before = (used_profile / "settings.json").read_bytes()

    report = run_window_child(used_profile, file_size_limit(0), "--save-settings")

    told = "\n".join(report["messages"])
    assert report["call"].startswith("ok ")
    assert report["settings_saved"] is False
    assert re.search(r"Settings could not be saved: .*File too large", told), told
    # The contacts stay readable (issue 14, case 7): one notice says what is not saved.
    assert report["contacts_shown"] == 1
    assert re.search(r"The contacts database is read-only \(.*\): contacts and the call", told)
    assert (used_profile / "settings.json").read_bytes() == settings_before
    assert [p.name for p in used_profile.glob(".settings.json.*")] == []  # no temp file left


def test_full_disk_cli_call_warns_that_settings_were_not_saved(tmp_path: Path) -> None:
    profile = tmp_path / "fresh"

    result = run_restricted(
        ["-m", "dialer_app", "call", CALLED, "--sandbox", "--profile", str(profile)],
        file_size_limit(0),
    )

    assert result.code == 0, result.stderr
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}\n", result.stdout)
    assert "warning: Settings could not be saved in" in result.stderr
    assert "File too large" in result.stderr
    assert not (profile / "settings.json").exists()
    assert list(profile.iterdir()) == []  # not even a temp file


def test_full_disk_cli_credentials_set_reports_the_failed_save(used_profile: Path) -> None:
    settings_before = (used_profile / "settings.json").read_bytes()

    result = run_restricted(
        [
            "-m",
            "dialer_app",
            "credentials",
            "set",
            "--user-id",
            "5001_1",
            "--profile",
            str(used_profile),
        ],
        file_size_limit(0),
        stdin="not-a-real-secret\n",
        PYTHON_KEYRING_BACKEND="tests.support.memory_keyring.MemoryKeyring",
    )

    assert (used_profile / "settings.json").read_bytes() == settings_before
    assert "Traceback" not in result.stderr, result.stderr
    assert result.code not in (0, 1)
    assert "could not be saved" in result.stderr


# properties ---------------------------------------------------------------------------------
SETTINGS_NAMES = [f.name for f in fields(Settings)] + ["version"]
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**320)
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["IN", "softphone", "mobile", "919800000000", "https://x.example"])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=12,
)
SETTINGS_OBJECTS = st.dictionaries(
    st.sampled_from(SETTINGS_NAMES) | st.text(max_size=10), JSON_VALUES, max_size=12
)


def assert_usable(settings_value: Settings) -> None:
    """Valid, and every value works where the app uses it."""
    assert settings_value.validated() is settings_value
    settings_value.client_config()
    if settings_value.history_retention_days is not None:
        datetime.now(UTC) - timedelta(days=settings_value.history_retention_days)


@settings(max_examples=200, deadline=None)
@given(SETTINGS_OBJECTS)
def test_settings_from_any_json_object_are_valid_and_round_trip(data: dict[str, Any]) -> None:
    loaded, warnings = settings_from_json(data)

    assert_usable(loaded)
    assert all(w.startswith("Setting ") for w in warnings)
    with tempfile.TemporaryDirectory() as folder:
        SettingsFile(Path(folder)).save(loaded)
        again = SettingsFile(Path(folder)).load()
    assert (again.settings, again.warnings) == (loaded, ())


SETTINGS_FILE_BYTES = st.one_of(
    st.binary(max_size=2000),
    SETTINGS_OBJECTS.map(lambda d: json.dumps(d).encode()),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    SETTINGS_OBJECTS.map(lambda d: json.dumps(d).encode()).flatmap(
        lambda b: st.integers(0, len(b)).map(lambda n: b[:n])
    ),
    st.text(max_size=300).map(lambda t: t.encode("utf-16")),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SETTINGS_FILE_BYTES)
def test_settings_file_with_any_bytes_loads_valid_settings(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings_file = SettingsFile(Path(folder))
        settings_file.path.write_bytes(content)

        loaded = settings_file.load()

        assert_usable(loaded.settings)
        if loaded.moved_aside is not None:
            assert loaded.moved_aside.read_bytes() == content
            assert not settings_file.path.exists()
            assert str(loaded.moved_aside) in loaded.warnings[-1]
        else:
            assert loaded.warnings == ()
            assert settings_file.path.read_bytes() == content


def test_settings_file_with_a_bom_is_read() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings_file = SettingsFile(Path(folder))
        settings_file.path.write_bytes(b"\xef\xbb\xbf" + _settings_text())

        loaded = settings_file.load()

    assert (loaded.warnings, loaded.moved_aside) == ((), None)
    assert loaded.settings.caller_ids == ("919800000000",)


@pytest.fixture(scope="module")
def real_database_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _real_database(tmp_path_factory.mktemp("real") / "contacts.db", 300)


def _damaged(real: bytes) -> st.SearchStrategy[bytes]:
    def scribble(changes: list[tuple[int, int]]) -> bytes:
        data = bytearray(real)
        for offset, value in changes:
            data[offset] = value
        return bytes(data)

    positions = st.integers(0, len(real) - 1)
    return st.one_of(
        st.binary(max_size=4096),
        st.binary(max_size=4096).map(lambda b: b"SQLite format 3\x00" + b),
        st.integers(0, len(real)).map(lambda n: real[:n]),
        st.lists(st.tuples(positions, st.integers(0, 255)), min_size=1, max_size=8).map(scribble),
        st.tuples(positions, st.binary(min_size=1, max_size=512)).map(
            lambda t: real[: t[0]] + t[1] + real[t[0] + len(t[1]) :]
        ),
    )


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data=st.data())
def test_store_opens_any_bytes_or_raises_store_error(
    real_database_bytes: bytes, data: st.DataObject
) -> None:
    content = data.draw(_damaged(real_database_bytes))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.db"
        path.write_bytes(content)
        try:
            store, notice = Store.open(path)
        except StoreError as exc:
            refused = str(exc)
        else:
            refused = ""
            with store:
                check_opened_store(store, notice, content)
        if refused:
            assert path.read_bytes() == content  # refused: left as it was


def check_opened_store(store: Store, notice: RecoveryNotice | None, content: bytes) -> None:
    if notice is not None:
        assert notice.moved_to.read_bytes() == content
        assert store.count_contacts() == notice.salvaged_contacts  # what the file still gave
    # An undetected scribble (inside a text value, or a schema that still parses) may fail
    # later, but only as a database error that every caller already handles.
    for operation in (
        store.count_contacts,
        lambda: store.add_contact(NEW_CONTACT),
        store.search_rows,
        store.recent_history,
    ):
        with suppress(StoreError, sqlite3.DatabaseError):
            operation()
