"""SIGKILL at random moments: a killed import, settings save or history write loses nothing.

Each kill is a real child process (``tests/support/kill_child.py``) doing the operation through the
real code path; the parent kills it with SIGKILL after a delay drawn from
``random.Random(seed)`` and then inspects the files with fresh connections. The seed is
printed; set ``DIALER_CRASH_SEED`` to replay a run's kill schedule.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

import pytest

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.settings import SettingsFile
from dialer_app.core.store import Store
from tests.support.harness import REPO_ROOT
from tests.support.kill_child import history_number, settings_pair

SEED_ENV = "DIALER_CRASH_SEED"
IMPORT_KILLS = 12
SETTINGS_KILLS = 19
HISTORY_KILLS = 19
assert IMPORT_KILLS + SETTINGS_KILLS + HISTORY_KILLS == 50
CSV_CONTACTS = 16_000
SEEDED_CONTACTS = 25
START_TIMEOUT_S = 20.0


# helpers ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """What a child printed before it ended, and how it ended."""

    lines: list[str]
    killed: bool
    stderr: str
    seconds_after_start: float
    markers_after_start: dict[str, float]

    def after_start(self) -> list[str]:
        assert self.lines[:1] == ["started"], (self.lines[:3], self.stderr)
        return self.lines[1:]


def run_child(args: list[str], workdir: Path, kill_after: float | None, *markers: str) -> Run:
    """Start ``kill_child``; SIGKILL it ``kill_after`` s after it printed the last marker.

    ``markers`` are line prefixes awaited in order after ``started``; the run records when
    each was seen (seconds after ``started``).

    Output goes to files, not pipes: a full pipe would stall the child at a print and make
    every kill land at the same place.
    """
    out_path, err_path = workdir / "child.out", workdir / "child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.support.kill_child", *args],
            stdout=out,
            stderr=err,
            cwd=REPO_ROOT,
        )
    try:
        started = marked = _wait_for_line(child, out_path, err_path, "started")
        seen: dict[str, float] = {}
        for marker in markers:
            marked = _wait_for_line(child, out_path, err_path, marker)
            seen[marker] = marked - started
        if kill_after is not None:
            time.sleep(max(0.0, kill_after - (time.monotonic() - marked)))
            child.send_signal(signal.SIGKILL)
        code = child.wait(timeout=60)
        seconds = time.monotonic() - started
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    stderr = err_path.read_text(errors="replace")
    killed = code == -signal.SIGKILL
    assert killed or code == 0, f"child failed ({code}): {stderr}"
    return Run(out_path.read_text().splitlines(), killed, stderr, seconds, seen)


def _wait_for_line(
    child: subprocess.Popen[bytes], out_path: Path, err_path: Path, prefix: str
) -> float:
    """Poll the child's output until a line starts with ``prefix``; returns when it was seen."""
    deadline = time.monotonic() + START_TIMEOUT_S
    wanted = f"\n{prefix}".encode()
    while wanted not in b"\n" + out_path.read_bytes():
        if child.poll() is not None:
            pytest.fail(f"child ended before {prefix!r}: {err_path.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            pytest.fail(f"child did not print {prefix!r}")
        time.sleep(0.002)
    return time.monotonic()


def integrity(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall()


def foreign_key_problems(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("PRAGMA foreign_key_check").fetchall()


def open_cleanly(path: Path) -> Store:
    store, notice = Store.open(path)
    assert notice is None, f"the database needed recovery after a kill: {notice}"
    return store


@pytest.fixture(scope="module")
def seed() -> int:
    chosen = os.environ.get(SEED_ENV) or str(random.SystemRandom().randrange(2**32))
    print(f"crash-safety seed: {chosen} (replay with {SEED_ENV}={chosen})")
    return int(chosen)


@pytest.fixture
def rng(seed: int, request: pytest.FixtureRequest) -> random.Random:
    """One reproducible stream per test, independent of which tests run."""
    return random.Random(f"{seed}-{request.node.name}")


# (a) contact import ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def import_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A large CSV and a database already holding other contacts (the template)."""
    folder = tmp_path_factory.mktemp("crash-import")
    csv_path = folder / "big.csv"
    with csv_path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Phone", "Company"])
        for index in range(CSV_CONTACTS):
            writer.writerow([f"Imported {index:05d}", f"+91 93{index:08d}", "Acme"])
    template = folder / "template" / "contacts.db"
    store, _ = Store.open(template)
    with store:
        store.import_contacts(
            Contact(f"Existing {i:03d}", (ContactNumber(f"+9194{i:08d}", f"9194{i:08d}"),))
            for i in range(SEEDED_CONTACTS)
        )
    assert not Path(f"{template}-wal").exists()  # closed cleanly: the file alone is the db
    return csv_path, template


def fresh_database(template: Path, folder: Path) -> Path:
    folder.mkdir()
    target = folder / "contacts.db"
    shutil.copyfile(template, target)
    return target


def import_phase(output: list[str]) -> str:
    """``reading``, ``saving`` (inside the transaction) or ``done`` when the kill came."""
    if any(line.startswith("done") for line in output):
        return "done"
    return "saving" if any(line.startswith("saving") for line in output) else "reading"


def check_import_all_or_nothing(db: Path, output: list[str], total: int) -> str:
    """Assert the file's contacts are all there or none; returns which."""
    with open_cleanly(db) as store:
        names = {contact.name for contact in store.all_contacts()}
    assert integrity(db) == [("ok",)]
    assert foreign_key_problems(db) == []
    existing = {name for name in names if name.startswith("Existing")}
    imported = names - existing
    assert len(existing) == SEEDED_CONTACTS
    with closing(sqlite3.connect(db)) as conn:
        [(numbers,)] = conn.execute("SELECT count(*) FROM contact_numbers").fetchall()
    assert numbers == len(names), "every contact keeps exactly its one number"
    phase = import_phase(output)
    saved = [int(line.split()[1]) for line in output if line.startswith("saving")]
    if phase == "done":
        assert len(imported) == total, "the import reported done but is not all there"
    elif phase == "reading" or (saved and max(saved) < total):
        assert imported == set(), "nothing may be visible before the transaction committed"
    assert len(imported) in (0, total), f"half an import survived: {len(imported)} of {total}"
    return "all" if imported else "none"


def calibrate_import(template: Path, csv_path: Path, folder: Path) -> tuple[float, float]:
    """One import run to the end: seconds to ``done`` and from the first chunk to ``done``."""
    db = fresh_database(template, folder)
    full = run_child(["import", str(db), str(csv_path)], folder, None, "saving", "done")
    assert full.after_start()[-1] == f"done {CSV_CONTACTS}"
    assert check_import_all_or_nothing(db, full.after_start(), CSV_CONTACTS) == "all"
    done = full.markers_after_start["done"]
    return done, done - full.markers_after_start["saving"]


def test_killed_contact_import_leaves_all_or_nothing(
    import_files: tuple[Path, Path], tmp_path: Path, rng: random.Random
) -> None:
    csv_path, template = import_files
    timings = [calibrate_import(template, csv_path, tmp_path / f"calibration{i}") for i in (1, 2)]
    whole, saving = min(timings)  # the first run is slower: cold caches

    phases: list[str] = []
    for round_number in range(IMPORT_KILLS):
        db = fresh_database(template, tmp_path / f"round{round_number}")
        args = ["import", str(db), str(csv_path)]
        if round_number % 2 == 0:  # anywhere in the run
            run = run_child(args, tmp_path, rng.uniform(0.0, whole * 1.05))
        else:  # inside the write transaction, once the first chunk was written
            run = run_child(args, tmp_path, rng.uniform(0.0, saving * 0.9), "saving")
        output = run.after_start()
        check_import_all_or_nothing(db, output, CSV_CONTACTS)
        phases.append(import_phase(output) if run.killed else "finished")
    print(f"import kills by phase (whole run {whole:.2f} s, saving {saving:.2f} s): {phases}")
    assert sum(phase != "finished" for phase in phases) >= IMPORT_KILLS // 2, phases
    assert phases.count("saving") >= 2, "too few kills hit the write transaction"


# (b) settings save ----------------------------------------------------------------------------
def test_killed_settings_save_leaves_one_whole_version(tmp_path: Path, rng: random.Random) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    expected = settings_pair()
    saves = 0
    for _round in range(SETTINGS_KILLS):
        run = run_child(["settings", str(profile)], tmp_path, rng.uniform(0.0, 0.25))
        assert run.killed
        saves += len(run.after_start())
        if not SettingsFile(profile).path.exists():  # killed before the first save completed
            assert saves == 0, "a save was reported, yet there is no settings file"
            continue

        loaded = SettingsFile(profile).load()
        assert loaded.settings in expected
        assert loaded.warnings == ()
        assert loaded.moved_aside is None
        assert not list(profile.glob("settings.json.*")), "something was moved aside"
        assert SettingsFile(profile).path.read_bytes().endswith(b"}\n")
    print(f"{saves} settings saves completed across {SETTINGS_KILLS} kills")
    assert saves > SETTINGS_KILLS, "the children hardly saved anything before the kills"


# (c) history writes ---------------------------------------------------------------------------
def test_killed_history_writes_keep_every_committed_entry(
    tmp_path: Path, rng: random.Random
) -> None:
    db = tmp_path / "profile" / "contacts.db"
    printed_max = 0
    for _round in range(HISTORY_KILLS):
        run = run_child(["history", str(db)], tmp_path, rng.uniform(0.0, 0.25))
        assert run.killed
        printed = [int(line) for line in run.after_start()]
        assert printed == list(range(printed_max + 1, printed_max + 1 + len(printed)))
        if printed:
            printed_max = printed[-1]

        with open_cleanly(db) as store:
            numbers = sorted(history_number(e) for e in store.recent_history(limit=10**9))
        assert integrity(db) == [("ok",)]
        assert numbers == list(range(1, len(numbers) + 1)), "a gap in the numbered history"
        committed = len(numbers)
        assert committed >= printed_max, f"entry {printed_max} was reported committed but lost"
        assert committed <= printed_max + 1, "more entries than the child ever wrote"
        printed_max = committed  # the next child continues after what is really there
    print(f"{printed_max} history entries committed across {HISTORY_KILLS} kills")
    assert printed_max > HISTORY_KILLS
