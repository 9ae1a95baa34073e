"""SQLite store for contacts and call history (one ``contacts.db`` in the profile directory).

Threading: a :class:`Store` wraps one connection opened with ``check_same_thread=False``, so it
may be created on one thread and handed to a worker; every public method holds an internal
lock, so sharing one Store is safe but serialized. A thread that must not wait behind a long
import (e.g. the GUI's reader worker) should call :meth:`Store.open` itself and use its own
Store: in WAL mode readers see the last committed state while another connection writes.

Transactions: the connection runs in autocommit mode and every public write is one explicit
``BEGIN IMMEDIATE`` … ``COMMIT`` (rolled back on any exception). ``BEGIN IMMEDIATE`` rather than
``with conn:`` because a read-then-write transaction (id allocation, merge look-ups) must hold
the write lock from its first read when several connections share the file.

Read-only profiles: when the file or its folder cannot be written, :meth:`Store.open` opens the
database read-only (``mode=ro``, or ``immutable=1`` when even the ``-shm`` file a WAL database
needs cannot be created; an in-memory empty database when there is no file and none can be
made) and every write raises :class:`StoreReadOnlyError` saying what was not saved and why.

Damaged text: a value whose bytes are not UTF-8 passes ``quick_check`` but cannot be decoded.
Reads then return it with U+FFFD in place of the bad bytes and :meth:`Store.damaged_text` names
the rows, so one bad byte never hides the whole list; saving the contact repairs it.

The modules, one job each: ``_store`` (the :class:`Store` and its write rules), ``_types``
(its plain data types), ``_errors`` (its exceptions), ``_db`` (connection mechanics: opening,
read-only access, diagnosing damage, migrating, tolerant reads, transactions), ``_schema`` (the
migrations), ``_rows`` (how a contact maps to rows), ``_early`` (the list read while the
window's process starts), ``_bulk_import`` (the bulk import), ``_history`` (call history
rows; schema 6 marks sandbox calls), ``_do_not_call`` (the do-not-call lists, schema 4),
``_call_lists`` (call lists, their entries and attempts, schema 5), ``_opening`` (opening
whatever state the files are in), ``_backup`` (backups), ``_recovery``, ``_recovery_keyed``
and ``_pages`` (rebuilding a damaged file: every table, the do-not-call lists joined with the
backup's) and ``_restore`` (putting a backup back while keeping what is newer).
"""

from __future__ import annotations

from dialer_app.core.store._backup import Backup, BackupContents
from dialer_app.core.store._backup import read_contents as read_backup
from dialer_app.core.store._call_lists import (
    DISPOSITIONS,
    CallList,
    CallListError,
    CallListNotFoundError,
    CallListStore,
    Disposition,
    ListAttempt,
    ListEntry,
    ListStatus,
    NewListEntry,
)
from dialer_app.core.store._db import Migration
from dialer_app.core.store._do_not_call import DoNotCallLists, read_do_not_call_lists
from dialer_app.core.store._early import EarlyListing
from dialer_app.core.store._errors import (
    ContactNotFoundError,
    ImportCancelledError,
    MigrationError,
    NewerSchemaError,
    StoreError,
    StoreReadOnlyError,
)
from dialer_app.core.store._history import CallMode, CallOutcome, HistoryEntry
from dialer_app.core.store._rows import LISTING_SEPARATOR, Listing, listing_record
from dialer_app.core.store._schema import MIGRATIONS
from dialer_app.core.store._store import Store
from dialer_app.core.store._types import (
    ImportResult,
    MergeNote,
    RecoveryNotice,
    RecoveryRecord,
    RestoredBackup,
    SearchRow,
    TextDamage,
)

__all__ = [
    "DISPOSITIONS",
    "LISTING_SEPARATOR",
    "MIGRATIONS",
    "Backup",
    "BackupContents",
    "CallList",
    "CallListError",
    "CallListNotFoundError",
    "CallListStore",
    "CallMode",
    "CallOutcome",
    "ContactNotFoundError",
    "Disposition",
    "DoNotCallLists",
    "EarlyListing",
    "HistoryEntry",
    "ImportCancelledError",
    "ImportResult",
    "ListAttempt",
    "ListEntry",
    "ListStatus",
    "Listing",
    "MergeNote",
    "Migration",
    "MigrationError",
    "NewListEntry",
    "NewerSchemaError",
    "RecoveryNotice",
    "RecoveryRecord",
    "RestoredBackup",
    "SearchRow",
    "Store",
    "StoreError",
    "StoreReadOnlyError",
    "TextDamage",
    "listing_record",
    "read_backup",
    "read_do_not_call_lists",
]
