"""Import and export of contact files to and from a :class:`Store` (for the CLI and the GUI).

Pure Python (no Qt): a file is read completely first (:mod:`dialer_app.core.contact_import`),
then stored in one transaction, so an import saves the whole file or nothing. The profile's
database is ``Runtime.database_path``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dialer_app.core.contact_export import write_csv, write_vcard
from dialer_app.core.contact_import import (
    CancelledCallback,
    ColumnMapping,
    ContactImportError,
    ImportReport,
    ProgressCallback,
    SkippedRow,
    read_contacts,
)
from dialer_app.core.store import ImportResult, Store

__all__ = [
    "ExportFormatError",
    "ImportOutcome",
    "export_contacts",
    "export_format",
    "import_contacts",
]

_EXPORT_EXTENSIONS: Final = {".csv": "csv", ".vcf": "vcard", ".vcard": "vcard"}

SavingProgress = Callable[[int, int], None]
"""``(contacts saved so far, contacts to save)``."""


class ExportFormatError(ValueError):
    """The export format is unknown or cannot be told from the file name."""


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
        text = f"Imported {_plural(self.imported, 'contact')}"
        if self.merged:
            text += f", merged {_plural(self.merged, 'duplicate')}"
        if self.skipped:
            unit = "row" if self.report.format == "csv" else "card"
            text += f", skipped {_plural(len(self.skipped), unit)}"
        if self.unverified:
            text += f", kept {_plural(len(self.unverified), 'number')} as typed (not dialable)"
        return f"{text}; {_plural(self.total_contacts, 'contact')} in total."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


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
    except ValueError as exc:  # an unknown explicit format
        raise ContactImportError(str(exc)) from None
    to_save = len(report.contacts)

    def saved(count: int) -> None:
        if saving_progress is not None:
            saving_progress(count, to_save)

    result = store.import_contacts(report.contacts, progress=saved, cancelled=cancelled)
    return ImportOutcome(report, result, store.count_contacts())


def export_format(path: str | os.PathLike[str], explicit: str | None = None) -> str:
    """``"csv"`` or ``"vcard"`` from ``explicit`` or the file extension."""
    if explicit:
        fmt = explicit.strip().lower()
        fmt = "vcard" if fmt == "vcf" else fmt
        if fmt not in ("csv", "vcard"):
            raise ExportFormatError(f"unknown contact file format {explicit!r}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in _EXPORT_EXTENSIONS:
        raise ExportFormatError(
            f"cannot tell the format from the file name {Path(path).name!r}: "
            "use a .csv or .vcf extension or choose a format"
        )
    return _EXPORT_EXTENSIONS[suffix]


def export_contacts(store: Store, path: str | os.PathLike[str], fmt: str | None = None) -> int:
    """Write every contact to ``path`` (replaced atomically); returns how many were written.

    Raises :class:`ExportFormatError` and ``OSError`` when the file cannot be written.
    """
    writer = write_vcard if export_format(path, fmt) == "vcard" else write_csv
    contacts = store.all_contacts()
    writer(path, contacts)
    return len(contacts)
