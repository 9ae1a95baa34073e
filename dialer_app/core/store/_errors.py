"""The store's exceptions, part of its public API: import them from :mod:`dialer_app.core.store`.

They live apart so the connection mechanics in :mod:`dialer_app.core.store._db` and the
rest of the package raise them without importing the store.
"""

from __future__ import annotations

__all__ = [
    "ContactNotFoundError",
    "ImportCancelledError",
    "MigrationError",
    "NewerSchemaError",
    "StoreError",
    "StoreReadOnlyError",
]


class StoreError(Exception):
    """The store could not be opened or could not carry out a request."""


class NewerSchemaError(StoreError):
    """The database was written by a newer app version; it is left untouched."""


class MigrationError(StoreError):
    """A schema migration failed; the database stays at the last completed version."""


class ContactNotFoundError(StoreError, LookupError):
    """No contact has the requested id."""


class ImportCancelledError(StoreError):
    """The import was cancelled; nothing of it was saved."""


class StoreReadOnlyError(StoreError):
    """A write was refused because the database is read-only; nothing was changed."""
