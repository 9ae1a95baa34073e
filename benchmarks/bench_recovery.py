"""Time recovering a damaged database: ``.venv/bin/python benchmarks/bench_recovery.py [COUNT]``.

A profile with COUNT (default 100,000) contacts, COUNT own do-not-call numbers, a team list of
COUNT numbers and a call list of COUNT // 10 entries; a backup; then the roots of the
contacts, the do-not-call list and the list entries are overwritten with noise, so SQLite can
read none of them and everything comes from the file's pages and the backup. Prints the
time ``Store.open`` takes to rebuild it and what came back.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bench_store import generated_contacts, timed
from dialer_app.core.do_not_call import DoNotCallEntry, TeamCopy
from dialer_app.core.store import CallListStore, NewListEntry, Store

_DAMAGED = ("contacts", "do_not_call", "do_not_call_team", "call_list_entries")


def build(path: Path, count: int) -> None:
    store, _ = Store.open(path)
    with store:
        store.import_contacts(generated_contacts(count))
        store.add_do_not_call(DoNotCallEntry(f"9198{i:08d}") for i in range(count))
        team = {f"9197{i:08d}": "" for i in range(count)}
        store.replace_team_do_not_call(TeamCopy("/share/dnc.csv", datetime.now(UTC), count), team)
        entries = [
            NewListEntry(f"Lead {i}", f"+9196{i:08d}", f"9196{i:08d}") for i in range(count // 10)
        ]
        CallListStore(store).create("Leads", entries)
        store.back_up()


def damage_roots(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        roots = [
            int(
                conn.execute(
                    "SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)
                ).fetchone()[0]
            )
            for name in _DAMAGED
        ]
    size = 4096
    with path.open("r+b") as handle:
        for page in roots:
            handle.seek((page - 1) * size)
            handle.write(random.Random(page).randbytes(size))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.db"
        timed(
            f"build {count:,} contacts, do-not-call numbers, team numbers",
            lambda: build(path, count),
        )
        print(f"  -> {path.stat().st_size / 2**20:,.1f} MiB")
        damage_roots(path)
        store, notice = timed("Store.open: recover (pages + backup)", lambda: Store.open(path))
        with store:
            assert notice is not None
            print(f"  -> {notice.message()}")


if __name__ == "__main__":
    main()
