"""A file's rows with every column kept (a call list), read by the contacts import's rules.

The same path as an import: format detection, decoding, CSV sniffing and column mapping, the
number checks (region, numbers kept as typed) and the reasons a row is skipped; only the
store's merging is left out (a list keeps its rows as the file has them) and each row keeps
all of its cells, so what is not a name or a number can be shown and exported again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dialer_app.core.contact import Contact
from dialer_app.core.contact_import._csv import cell_text, csv_rows, head_of, sniff_text
from dialer_app.core.contact_import._decoding import TextFile, open_text
from dialer_app.core.contact_import._entries import EntryChecker
from dialer_app.core.contact_import._formats import FormatError, detect_format
from dialer_app.core.contact_import._numbers import NumberReader, WorkerPool, checked_region
from dialer_app.core.contact_import._progress import Ticker
from dialer_app.core.contact_import._types import (
    CancelledCallback,
    ColumnMapping,
    ContactImportError,
    ImportReport,
    PathArg,
    ProgressCallback,
    RawContact,
)
from dialer_app.core.contact_import._vcard_reading import vcard_entries

VCARD_COLUMNS: Final = ("Name", "Phone", "Other phones", "Company", "Notes")
_VCARD_SHOWN: Final = (2, 3, 4)


@dataclass(frozen=True)
class FileRow:
    """One row (or card) that names someone to call: ``contact`` as an import reads it (its
    first number is the one to call; one kept as typed has ``digits == ""``), ``cells`` every
    column of the row in the file's order (vCard: :data:`VCARD_COLUMNS`)."""

    line: int
    contact: Contact
    cells: tuple[str, ...]


@dataclass
class RowsRead:
    """A file read for a call list. ``columns`` names every column (a file without a header
    gets "Column 1", …); ``shown_columns`` are those that hold neither the name nor a number
    (what the agent sees beside them). ``report`` lists skipped rows, numbers kept as typed
    and numbers read in the region, as an import's report does (no merges)."""

    format: str
    columns: tuple[str, ...]
    shown_columns: tuple[int, ...]
    rows: list[FileRow]
    report: ImportReport


def read_rows(
    path: PathArg,
    fmt: str | None = None,
    default_region: str | None = "IN",
    mapping: ColumnMapping | None = None,
    *,
    max_rows: int = 100_000,
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> RowsRead:
    """Every row of a CSV or vCard file with all its cells (see the module doc).

    ``mapping`` (CSV only) defaults to the guessed one. Raises :class:`ContactImportError`
    when the file is refused: unreadable, not a contact file, no row with a number, or more
    than ``max_rows`` rows.
    """
    try:
        fmt = detect_format(path, fmt)
    except FormatError as exc:
        raise ContactImportError(str(exc)) from None
    reader = NumberReader(checked_region(default_region))
    checker = EntryChecker(reader)
    chosen: ColumnMapping | None = None
    pairs: Iterable[tuple[RawContact, list[str]]]
    with open_text(Path(path), vcard=fmt == "vcard") as text_file, WorkerPool() as pool:
        ticker = Ticker(text_file.size, progress, cancelled)
        if fmt == "vcard":
            columns: list[str] = list(VCARD_COLUMNS)
            shown: tuple[int, ...] = _VCARD_SHOWN
            cards = vcard_entries(text_file, reader, pool)
            pairs = ((entry, _card_cells(entry)) for entry in cards)
        else:
            layout = sniff_text(head_of(text_file.lines()), text_file.reported_encoding())
            chosen = mapping or layout.mapping
            columns = list(layout.header)
            shown = ()
            pairs = (
                (entry, [cell_text(row, index) for index in range(len(row))])
                for entry, row in csv_rows(text_file.lines(), layout, chosen)
            )
        rows = _checked_rows(pairs, checker, text_file, ticker, max_rows)
        ticker.finish()
        stats = text_file.stats
    if chosen is not None:
        columns, shown = _csv_columns(columns, rows, chosen)
    width = len(columns)
    rows = [_padded(row, width) for row in rows]
    report = ImportReport(
        contacts=[],
        merged_duplicates=0,
        skipped=checker.skipped,
        format=fmt,
        unverified=checker.unverified,
        region=reader.region,
        national=checker.national,
        legacy_lines=stats.fallback_first,
        legacy_file=stats.legacy_file,
        skipped_count=checker.skipped_count,
        unverified_count=checker.unverified_count,
        national_count=checker.national_count,
        legacy_count=stats.fallback_lines,
    )
    return RowsRead(fmt, tuple(columns), shown, rows, report)


def _checked_rows(
    pairs: Iterable[tuple[RawContact, list[str]]],
    checker: EntryChecker,
    text_file: TextFile,
    ticker: Ticker,
    max_rows: int,
) -> list[FileRow]:
    rows: list[FileRow] = []
    for entry, cells in pairs:
        contact = checker.contact(entry)
        if contact is not None:
            if len(rows) >= max_rows:
                raise ContactImportError(
                    f"the file has more than {max_rows:,} rows to call; a call list holds "
                    "at most that many (split the file)"
                )
            rows.append(FileRow(entry.line, contact, tuple(cells)))
        ticker.update(text_file.bytes_read)
    if not checker.seen:
        raise ContactImportError("the file has no rows")
    if not rows:
        raise ContactImportError("no row of the file has a name and a phone number")
    return rows


def _card_cells(entry: RawContact) -> list[str]:
    numbers = [text.strip() for text, _label in entry.numbers]
    first = numbers[0] if numbers else ""
    return [" ".join(entry.name.split()), first, "; ".join(numbers[1:]), entry.company, entry.notes]


def _csv_columns(
    header: list[str], rows: list[FileRow], mapping: ColumnMapping
) -> tuple[list[str], tuple[int, ...]]:
    """Every column's name (as the header says, else "Column N") and the ones to show."""
    width = max([len(header), *(len(row.cells) for row in rows)])
    names = [
        header[index] if index < len(header) and header[index] else f"Column {index + 1}"
        for index in range(width)
    ]
    hidden = {
        mapping.name,
        mapping.first_name,
        mapping.middle_name,
        mapping.last_name,
        mapping.extra_params,
        *(column for column, _label in mapping.numbers),
        *mapping.label_columns.values(),
    }
    return names, tuple(index for index in range(width) if index not in hidden)


def _padded(row: FileRow, width: int) -> FileRow:
    if len(row.cells) == width:
        return row
    return FileRow(row.line, row.contact, row.cells + ("",) * (width - len(row.cells)))
