"""One import from start to end: a file streamed into a store, all or nothing.

The file is read a block at a time, its rows or cards become contacts as they come, and the
store merges and writes them in batches inside one transaction; nothing holds the whole file,
so memory stays bounded at any size the limit allows. :func:`read_contacts` runs the same
path into a store in memory, for callers that want the contacts themselves.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from dialer_app.core.contact_import._csv import csv_entries, head_of, sniff_text
from dialer_app.core.contact_import._decoding import TextFile, open_text
from dialer_app.core.contact_import._entries import EntryChecker
from dialer_app.core.contact_import._formats import FormatError, detect_format
from dialer_app.core.contact_import._numbers import NumberReader, WorkerPool, checked_ahead
from dialer_app.core.contact_import._numbers import checked_region as _checked_region
from dialer_app.core.contact_import._progress import Ticker, cyclic_gc_paused
from dialer_app.core.contact_import._types import (
    CancelledCallback,
    ColumnMapping,
    ContactImportError,
    ImportReport,
    PathArg,
    ProgressCallback,
    RawContact,
    SkippedRow,
    legacy_text,
    national_text,
    plural,
)
from dialer_app.core.contact_import._vcard_reading import vcard_entries
from dialer_app.core.store import ImportResult, Store

SavingProgress = Callable[[int, int], None]
"""``(contacts saved so far, contacts to save)``; ``(n, n)`` once, while the import commits."""


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
        """Contacts merged into another of the same name (in the file or already stored)."""
        return self.result.merged

    @property
    def skipped(self) -> list[SkippedRow]:
        """Rows or cards that did not become a contact (the first 10,000)."""
        return self.report.skipped

    @property
    def unverified(self) -> list[SkippedRow]:
        """Numbers kept as typed because they are not valid phone numbers (not dialable)."""
        return self.report.unverified

    def summary(self) -> str:
        """E.g. 'Imported 120 contacts, merged 3 duplicates, skipped 1 row; 450 in total.'
        and a sentence each for numbers read in the region and lines read as Windows-1252."""
        report = self.report
        text = f"Imported {plural(self.imported, 'contact')}"
        if self.merged:
            text += f", merged {plural(self.merged, 'duplicate')}"
        if report.kept_apart_count:
            text += (
                f", kept {plural(report.kept_apart_count, 'contact')} apart "
                "(same number, another name)"
            )
        if report.skipped_count:
            unit = "row" if report.format == "csv" else "card"
            text += f", skipped {plural(report.skipped_count, unit)}"
        if report.unverified_count:
            text += f", kept {plural(report.unverified_count, 'number')} as typed (not dialable)"
        sentences = [f"{text}; {plural(self.total_contacts, 'contact')} in total."]
        if report.national_count:
            sentences.append(national_text(report, limit=0) + ".")
        if report.legacy_count:
            sentences.append(legacy_text(report, lines=False) + ".")
        return " ".join(sentences)


def read_contacts(
    path: PathArg,
    fmt: str | None = None,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
    *,
    mapping: ColumnMapping | None = None,
) -> ImportReport:
    """The contacts of a CSV or vCard file (merged as an import merges them), in file order.

    ``fmt`` is ``"csv"``, ``"vcard"`` or None (from the extension or the content);
    ``mapping`` (the columns the user chose in the preview) is used for CSV files only.
    ``progress(done, total)`` (in bytes) is called about 100 times; ``cancelled()`` is asked
    as often and, when it returns True, :class:`ImportCancelled` is raised. Numbers without
    a country code are read in ``default_region`` (None: every number needs a ``+``).
    """
    with Store.in_memory() as store:
        report, _result = stream_into(
            store, path, fmt, default_region, mapping, progress, cancelled
        )
        report.contacts = [replace(contact, id=None) for contact in store.all_contacts_in_order()]
    return report


def read_csv(
    path: PathArg,
    mapping: ColumnMapping | None = None,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ImportReport:
    """:func:`read_contacts` for a CSV file; ``mapping`` defaults to the guessed one."""
    return read_contacts(path, "csv", default_region, progress, cancelled, mapping=mapping)


def read_vcard(
    path: PathArg,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ImportReport:
    """:func:`read_contacts` for a vCard 2.1/3.0/4.0 file; a broken card is skipped, never
    the whole file."""
    return read_contacts(path, "vcard", default_region, progress, cancelled)


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
    """Import ``path`` into ``store`` in one transaction: the whole file or nothing.

    Raises :class:`ContactImportError` when the file is refused (nothing is stored),
    ``ImportCancelled``/``ImportCancelledError`` when ``cancelled()`` turned true, and
    ``StoreError``/``sqlite3.Error`` when the database fails (the transaction is rolled back).
    """
    report, result = stream_into(
        store, path, fmt, default_region, mapping, reading_progress, cancelled, saving_progress
    )
    return ImportOutcome(report, result, store.count_contacts())


def stream_into(
    store: Store,
    path: PathArg,
    fmt: str | None,
    default_region: str | None,
    mapping: ColumnMapping | None,
    progress: ProgressCallback | None,
    cancelled: CancelledCallback | None,
    saving: SavingProgress | None = None,
) -> tuple[ImportReport, ImportResult]:
    """The import itself (see the module doc); the report has no ``contacts``."""
    try:
        fmt = detect_format(path, fmt)
    except FormatError as exc:  # an unknown explicit format
        raise ContactImportError(str(exc)) from None
    region = _checked_region(default_region)
    with open_text(Path(path), vcard=fmt == "vcard") as text_file, WorkerPool() as pool:
        reader = NumberReader(region)
        checker = EntryChecker(reader)
        ticker = Ticker(text_file.size, progress, cancelled)
        with cyclic_gc_paused(), store.bulk_import() as importer:
            for entry in _entries(text_file, fmt, mapping, reader, pool):
                contact = checker.contact(entry)
                if contact is not None:
                    importer.add(contact, entry.line)
                ticker.update(text_file.bytes_read)
            if not checker.seen:
                raise ContactImportError(
                    "the file has no contact rows"
                    if fmt == "csv"
                    else "no vCard in the file (there is no BEGIN:VCARD line)"
                )
            ticker.update(text_file.size)  # a last chance to cancel before saving
            if saving is not None:
                saving(importer.taken, importer.taken)
        ticker.finish()
        stats = text_file.stats
    result = importer.result
    report = ImportReport(
        contacts=[],
        merged_duplicates=result.merged,
        skipped=checker.skipped,
        format=fmt,
        unverified=checker.unverified,
        region=region,
        national=checker.national,
        merges=list(result.merges),
        kept_apart=list(result.kept_apart_notes),
        legacy_lines=stats.fallback_first,
        legacy_file=stats.legacy_file,
        skipped_count=checker.skipped_count,
        unverified_count=checker.unverified_count,
        national_count=checker.national_count,
        kept_apart_count=result.kept_apart,
        legacy_count=stats.fallback_lines,
    )
    return report, result


def _entries(
    text_file: TextFile,
    fmt: str,
    mapping: ColumnMapping | None,
    reader: NumberReader,
    pool: WorkerPool,
) -> Iterator[RawContact]:
    if fmt == "vcard":
        return vcard_entries(text_file, reader, pool)
    layout = sniff_text(head_of(text_file.lines()), text_file.reported_encoding())
    rows = csv_entries(text_file.lines(), layout, mapping or layout.mapping)
    return checked_ahead(rows, reader, pool)
