"""An import into the profile's store: a file is read completely first, then stored in one
transaction, so an import saves the whole file or nothing (the CLI, and the import child of
the window)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from dialer_app.core.contact_import._formats import FormatError
from dialer_app.core.contact_import._reading import read_contacts
from dialer_app.core.contact_import._types import (
    CancelledCallback,
    ColumnMapping,
    ContactImportError,
    ImportReport,
    ProgressCallback,
    SkippedRow,
    plural,
)
from dialer_app.core.store import ImportResult, Store

SavingProgress = Callable[[int, int], None]
"""``(contacts saved so far, contacts to save)``."""


@dataclass(frozen=True)
class ImportOutcome:
    """What one import did: the file's report, what the store did with it, the new total."""

    report: ImportReport
    result: ImportResult
    total_contacts: int

    @property
    def imported(self) -> int:
        """New contacts added to the store."""
        return self.result.added

    @property
    def merged(self) -> int:
        """Duplicates merged within the file plus contacts merged into existing ones."""
        return self.report.merged_duplicates + self.result.merged

    @property
    def skipped(self) -> list[SkippedRow]:
        """Rows or cards that did not become a contact."""
        return self.report.skipped

    @property
    def unverified(self) -> list[SkippedRow]:
        """Numbers kept as typed because they are not valid phone numbers (not dialable)."""
        return self.report.unverified

    def summary(self) -> str:
        """E.g. 'Imported 120 contacts, merged 3 duplicates, skipped 1 row; 450 in total.'."""
        text = f"Imported {plural(self.imported, 'contact')}"
        if self.merged:
            text += f", merged {plural(self.merged, 'duplicate')}"
        if self.skipped:
            unit = "row" if self.report.format == "csv" else "card"
            text += f", skipped {plural(len(self.skipped), unit)}"
        if self.unverified:
            text += f", kept {plural(len(self.unverified), 'number')} as typed (not dialable)"
        return f"{text}; {plural(self.total_contacts, 'contact')} in total."


def import_contacts(
    store: Store,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    default_region: str | None = "IN",
    reading_progress: ProgressCallback | None = None,
    saving_progress: SavingProgress | None = None,
    cancelled: CancelledCallback | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportOutcome:
    """Read ``path`` (format from ``fmt``, the extension or the content) and store it.

    Raises :class:`ContactImportError` when the file is refused (nothing is stored),
    ``ImportCancelled``/``ImportCancelledError`` when ``cancelled()`` turned true, and
    ``StoreError``/``sqlite3.Error`` when the database fails (the transaction is rolled back).
    """
    try:
        report = read_contacts(
            path, fmt, default_region, reading_progress, cancelled, mapping=mapping
        )
    except FormatError as exc:  # an unknown explicit format
        raise ContactImportError(str(exc)) from None
    to_save = len(report.contacts)

    def saved(count: int) -> None:
        if saving_progress is not None:
            saving_progress(count, to_save)

    result = store.import_contacts(report.contacts, progress=saved, cancelled=cancelled)
    return ImportOutcome(report, result, store.count_contacts())
