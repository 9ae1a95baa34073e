"""SIGKILL in the middle of working a call list: nothing saved is lost and the list resumes
where it was.

Each run is the real app in a child process (``tests/support/lists_kill_child.py``) working
the list with the agent's keys against its own sandbox; the parent kills it with SIGKILL at
a moment drawn from ``random.Random(seed)`` (``DIALER_CRASH_SEED`` replays a schedule), then
reads the database with a fresh connection, and the next run must resume at the first entry
not done. The last run works the list to its end.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from dialer_app.core.call_lists import import_list
from dialer_app.core.store import CallListStore, ListEntry, Store
from tests.support.harness import REPO_ROOT, write_settings
from tests.support.wait import poll

SEED_ENV = "DIALER_CRASH_SEED"
ENTRIES = 24
KILLS = 3
TIMEOUT_S = 60.0


def run_child(
    profile: Path, workdir: Path, kill_after_saves: int | None, delay: float
) -> list[str]:
    """Start the child; SIGKILL it ``delay`` s after its ``kill_after_saves``-th save."""
    out_path, err_path = workdir / "child.out", workdir / "child.err"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.support.lists_kill_child", str(profile)],
            stdout=out,
            stderr=err,
            cwd=REPO_ROOT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
    try:
        if kill_after_saves is not None:

            def saves() -> int:
                return ("\n" + out_path.read_text()).count("\nsaved ")

            reached = poll(
                lambda: saves() >= kill_after_saves or child.poll() is not None,
                TIMEOUT_S,
                interval=0.002,
            )
            if not reached or saves() < kill_after_saves:
                problem = err_path.read_text(errors="replace")
                pytest.fail(f"the child did not save {kill_after_saves} entries: {problem}")
            time.sleep(delay)  # the kill lands at a random moment after that save
            child.send_signal(signal.SIGKILL)
        code = child.wait(timeout=TIMEOUT_S)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    stderr = err_path.read_text(errors="replace")
    assert code in (0, -signal.SIGKILL), f"child failed ({code}): {stderr}"
    return out_path.read_text().splitlines()


def stored_entries(profile: Path) -> tuple[list[ListEntry], int, dict[int, list[str]]]:
    store, notice = Store.open(profile / "contacts.db")
    assert notice is None, f"the database needed recovery after a kill: {notice}"
    with store:
        lists = CallListStore(store)
        found = lists.find("Kill test")
        assert found is not None
        attempts = {
            entry_id: [attempt.outcome for attempt in found_attempts]
            for entry_id, found_attempts in lists.attempts(found.id).items()
        }
        return lists.entries(found.id), found.position, attempts


def check_after_kill(profile: Path, output: list[str], done_before: int) -> int:
    """Everything the child said it saved is stored; the rest is consistent. Returns how
    many entries are done."""
    with closing(sqlite3.connect(profile / "contacts.db")) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    entries, position, attempts = stored_entries(profile)
    said = {int(line.split()[1]): line.split()[2] for line in output if line.startswith("saved")}
    for entry_id, disposition in said.items():
        entry = entries[entry_id - 1]
        assert (entry.status, entry.disposition) == ("done", disposition), entry
    done = [entry.id for entry in entries if entry.status == "done"]
    assert done == list(range(1, len(done) + 1)), "entries are worked in order, none lost"
    assert len(done) >= max([done_before, *said], default=0)
    assert len(done) <= max([done_before, *said], default=0) + 1  # one saved, not yet said
    for entry in entries:
        outcomes = attempts.get(entry.id, [])
        assert entry.attempts == len(outcomes), entry
        if entry.id > len(done) + 1:
            assert (entry.status, outcomes) == ("pending", []), entry
        if entry.status == "called":
            assert outcomes[-1] in ("started", "initiated"), outcomes
    assert len(done) <= position <= len(done) + 2, (position, len(done))
    return len(done)


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    folder = tmp_path / "profile"
    folder.mkdir()
    write_settings(folder, default_region="IN", user_id="101_1111112", repeat_hold_off_s=3)
    source = tmp_path / "list.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Phone", "Account"])
        for index in range(1, ENTRIES + 1):
            writer.writerow([f"Customer {index:02d}", f"+91 93000 {index:05d}", f"A-{index}"])
    store, _notice = Store.open(folder / "contacts.db")
    with store:
        import_list(store, source, "Kill test")
    return folder


def test_a_killed_app_loses_no_disposition_and_resumes_the_list(
    profile: Path, tmp_path: Path
) -> None:
    chosen = os.environ.get(SEED_ENV) or str(random.SystemRandom().randrange(2**32))
    print(f"lists crash seed: {chosen} (replay with {SEED_ENV}={chosen})")
    rng = random.Random(f"{chosen}-lists")
    done = 0
    for run in range(KILLS):
        workdir = tmp_path / f"run{run}"
        workdir.mkdir()
        output = run_child(profile, workdir, rng.randint(1, 4), rng.uniform(0.0, 0.08))
        resumed = output[0] if output else ""
        assert resumed == f"resumed {done + 1}", (resumed, run)
        done = check_after_kill(profile, output, done)
    (tmp_path / "last").mkdir()
    final = run_child(profile, tmp_path / "last", None, 0.0)
    assert final[0] == f"resumed {done + 1}"
    assert final[-1] == "finished"
    entries, _position, attempts = stored_entries(profile)
    assert [entry.status for entry in entries] == ["done"] * ENTRIES
    for entry in entries:
        expected = "no_answer" if entry.id % 2 else "busy"
        assert entry.disposition == expected
        # one call each, never a second: an entry called just before a kill (answered or
        # not) gets its disposition after the restart without ringing again
        assert attempts[entry.id] in (["initiated"], ["started"]), attempts[entry.id]
