"""The database schema: forward migrations, one per version (append only)."""

from __future__ import annotations

import sqlite3
from itertools import groupby
from operator import itemgetter
from typing import Final

from dialer_app.core.contact import ContactNumber
from dialer_app.core.store._db import Migration, fetch_all
from dialer_app.core.store._do_not_call import add_do_not_call
from dialer_app.core.store._rows import listing_record, search_texts


def _sql_migration(*statements: str) -> Migration:
    """A migration running ``statements`` in order (inside the caller's transaction)."""

    def migrate(conn: sqlite3.Connection) -> None:
        for statement in statements:
            conn.execute(statement)

    return migrate


_SCHEMA_V1: Final = _sql_migration(
    """
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        company TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        favorite INTEGER NOT NULL DEFAULT 0 CHECK (favorite IN (0, 1)),
        extra_params TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX contacts_display_order ON contacts (favorite DESC, name_key)",
    """
    CREATE TABLE contact_numbers (
        id INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL REFERENCES contacts (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        label TEXT NOT NULL DEFAULT 'other',
        raw TEXT NOT NULL,
        digits TEXT NOT NULL DEFAULT '',
        UNIQUE (contact_id, position)
    )
    """,
    "CREATE INDEX contact_numbers_digits ON contact_numbers (digits)",
    """
    CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        started_at TEXT NOT NULL,
        number_digits TEXT NOT NULL,
        number_display TEXT NOT NULL,
        contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
        contact_name TEXT NOT NULL DEFAULT '',
        mode TEXT NOT NULL CHECK (mode IN ('softphone', 'mobile')),
        caller_id TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('initiated', 'failed', 'cancelled')),
        error_kind TEXT,
        request_id TEXT,
        error_text TEXT
    )
    """,
    "CREATE INDEX history_started_at ON history (started_at)",
    "CREATE INDEX history_number ON history (number_digits, started_at)",
    "CREATE INDEX history_contact ON history (contact_id)",
)


def _add_search_texts(conn: sqlite3.Connection) -> None:
    """Schema 2: each contact row carries its numbers as the search list shows them.

    The display-order index goes: only whole-list reads use that order, and sorting the
    table is faster than walking the index (0.2 s instead of 0.3 s for 100,000 contacts),
    while keeping it up to date made every import slower.
    """
    conn.execute("DROP INDEX contacts_display_order")
    conn.execute("ALTER TABLE contacts ADD COLUMN numbers_text TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE contacts ADD COLUMN digits_text TEXT NOT NULL DEFAULT ''")
    numbers = fetch_all(
        conn, "SELECT contact_id, raw, digits FROM contact_numbers ORDER BY contact_id, position"
    )
    conn.executemany(
        "UPDATE contacts SET numbers_text = ?, digits_text = ? WHERE id = ?",
        [
            (*search_texts([ContactNumber(raw, digits) for _, raw, digits in rows]), contact_id)
            for contact_id, rows in groupby(numbers, key=itemgetter(0))
        ],
    )


def _add_identity_recoveries_and_listing(conn: sqlite3.Connection) -> None:
    """Schema 3: the database's own random id (a ``-wal`` file of another database is told by
    it), the record of recoveries from damage (an export after one says so), and each
    contact's ``listing``: the list's text of it, with what the search looks in (no case, no
    accents), read in display order through a covering index: loading 100,000 contacts is one
    index walk, with no sort and no per-contact work."""
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
    conn.execute("INSERT INTO meta VALUES ('database_id', lower(hex(randomblob(16))))")
    conn.execute(
        """
        CREATE TABLE recoveries (
            id INTEGER PRIMARY KEY,
            recovered_at TEXT NOT NULL,
            damaged_file TEXT NOT NULL,
            reason TEXT NOT NULL,
            salvaged_contacts INTEGER NOT NULL,
            salvaged_history INTEGER NOT NULL,
            restored_contacts INTEGER NOT NULL,
            restored_history INTEGER NOT NULL,
            backup_file TEXT NOT NULL DEFAULT '',
            told_in_export INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    conn.execute("ALTER TABLE contacts ADD COLUMN listing TEXT NOT NULL DEFAULT ''")
    rows = fetch_all(conn, "SELECT id, name, company, numbers_text, digits_text FROM contacts")
    conn.executemany(
        "UPDATE contacts SET listing = ? WHERE id = ?",
        [(listing_record(*texts), contact_id) for contact_id, *texts in rows],
    )
    conn.execute(
        "CREATE INDEX contacts_listing ON contacts (favorite DESC, name_key, id, listing)"
    )


_CALL_LISTS: Final = _sql_migration(
    # Schema 5: call lists (core.store._call_lists). The current list is the one selected
    # last; ``position`` is the entry shown last, so a list resumes where it was.
    """
    CREATE TABLE IF NOT EXISTS call_lists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL DEFAULT '',
        columns TEXT NOT NULL DEFAULT '[]',
        shown_columns TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        selected_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE IF NOT EXISTS call_list_entries (
        id INTEGER PRIMARY KEY,
        list_id INTEGER NOT NULL REFERENCES call_lists (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        line INTEGER NOT NULL DEFAULT 0,
        name TEXT NOT NULL,
        number TEXT NOT NULL,
        digits TEXT NOT NULL DEFAULT '',
        cells TEXT NOT NULL DEFAULT '[]',
        extra_params TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'pending'
            CHECK (status IN ('pending', 'called', 'done', 'callback')),
        disposition TEXT CHECK (disposition IN ('connected', 'no_answer', 'busy', 'voicemail',
            'wrong_number', 'callback', 'do_not_call')),
        note TEXT NOT NULL DEFAULT '',
        attempts INTEGER NOT NULL DEFAULT 0,
        last_called_at TEXT,
        request_id TEXT,
        callback_at TEXT,
        blocked_reason TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        UNIQUE (list_id, position)
    )
    """,
    "CREATE INDEX IF NOT EXISTS call_list_callbacks ON call_list_entries (callback_at)"
    " WHERE status = 'callback'",
    """
    CREATE TABLE IF NOT EXISTS call_list_attempts (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES call_list_entries (id) ON DELETE CASCADE,
        started_at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('started', 'initiated', 'failed')),
        request_id TEXT,
        error_text TEXT,
        disposition TEXT,
        note TEXT NOT NULL DEFAULT ''
    )
    """,
    "CREATE INDEX IF NOT EXISTS call_list_attempts_entry ON call_list_attempts (entry_id, id)",
)


_SANDBOX_FLAG: Final = _sql_migration(
    # Schema 6: calls placed on the built-in sandbox rang no one; they are kept in the
    # history, marked, and are not attempts on the number (core.attempts).
    "ALTER TABLE history ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0 CHECK (sandbox IN (0, 1))"
)


MIGRATIONS: Final[tuple[Migration, ...]] = (
    _SCHEMA_V1,
    _add_search_texts,
    _add_identity_recoveries_and_listing,
    add_do_not_call,  # schema 4
    _CALL_LISTS,  # schema 5
    _SANDBOX_FLAG,  # schema 6
)
"""Forward migrations; entry ``i`` takes ``user_version`` from ``i`` to ``i + 1``. Append only."""
