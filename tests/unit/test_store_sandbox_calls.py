"""Schema 6: calls placed on the built-in sandbox are marked in the history (real files)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from dialer_app.core.store import MIGRATIONS, HistoryEntry, Store, read_do_not_call_lists
from dialer_app.core.store._db import migrate

NOW = datetime.now(UTC).replace(microsecond=0)


def call(minutes: int, sandbox: bool = False) -> HistoryEntry:
    return HistoryEntry(
        NOW - timedelta(minutes=minutes),
        "919876543210",
        "+91 98765 43210",
        "softphone",
        "initiated",
        sandbox=sandbox,
    )


def test_schema_6_marks_sandbox_calls_and_keeps_older_calls_real(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrate(conn, MIGRATIONS[:5])
        conn.execute(
            "INSERT INTO history (started_at, number_digits, number_display, mode, outcome)"
            " VALUES (?, '919876543210', '+91 98765 43210', 'softphone', 'initiated')",
            ((NOW - timedelta(minutes=9)).isoformat(),),
        )
    # a file written before schema 6 is read (full disk: not migrated) with every call real
    [before] = read_do_not_call_lists(path, NOW - timedelta(hours=1)).calls
    assert before.sandbox is False

    store, notice = Store.open(path)
    with store:
        assert notice is None
        assert store.schema_version() == len(MIGRATIONS) == 6
        store.add_history(call(2, sandbox=True))
        store.add_history(call(1))
        assert [e.sandbox for e in store.recent_history()] == [False, True, False]
        assert store.last_call_to("919876543210") == replace(call(1), id=3)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT id, sandbox FROM history ORDER BY id").fetchall() == [
            (1, 0),
            (2, 1),
            (3, 0),
        ]
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            conn.execute("UPDATE history SET sandbox = 2 WHERE id = 1")
    calls = read_do_not_call_lists(path, NOW - timedelta(hours=1)).calls
    assert [c.sandbox for c in calls] == [False, True, False]
