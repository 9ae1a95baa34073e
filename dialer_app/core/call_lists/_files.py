"""Call lists to and from files: import through the contacts import's reading rules, export
through the project's one CSV writer (``contact_export.write_table``)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Final

from dialer_app.core.contact import Contact
from dialer_app.core.store import CallList, CallListStore, ListEntry, NewListEntry, Store
from dialer_app.core.wording import counted

if TYPE_CHECKING:
    # The contacts import (and phonenumbers, multiprocessing) loads when a file is read, not
    # when the Lists tab is built at start-up.
    from dialer_app.core.contact_import import (
        CancelledCallback,
        ColumnMapping,
        ProgressCallback,
        RowsRead,
    )

MAX_ENTRIES: Final = 100_000
OUTCOME_COLUMNS: Final = ("disposition", "note", "attempts", "last_called", "request_id")


@dataclass(frozen=True)
class ListImport:
    """A list made from a file, and what reading the file found."""

    call_list: CallList
    read: RowsRead

    def summary(self) -> str:
        """E.g. 'Imported the list “Leads”: 40 entries; skipped 2 rows (line 5: no phone
        number; …); 1 number is not dialable (line 9: '12' kept as typed: …).'"""
        from dialer_app.core.contact_import import legacy_text, national_text

        report = self.read.report
        unit = "row" if report.format == "csv" else "card"
        entries = counted(self.call_list.total, "entry", "entries")
        text = f"Imported the list “{self.call_list.name}”: {entries}"
        if report.skipped_count:
            first = "; ".join(f"line {row.line}: {row.reason}" for row in report.skipped[:3])
            more = "; …" if report.skipped_count > 3 else ""
            text += f"; skipped {counted(report.skipped_count, unit)} ({first}{more})"
        if report.unverified_count:
            first = "; ".join(f"line {row.line}: {row.reason}" for row in report.unverified[:3])
            more = "; …" if report.unverified_count > 3 else ""
            verb = "is" if report.unverified_count == 1 else "are"
            text += (
                f"; {counted(report.unverified_count, 'number')} {verb} not dialable "
                f"({first}{more})"
            )
        sentences = [text + "."]
        if report.national_count:
            sentences.append(national_text(report, limit=0) + ".")
        if report.legacy_count:
            sentences.append(legacy_text(report, lines=False) + ".")
        return " ".join(sentences)


def import_list(
    store: Store,
    path: str | os.PathLike[str],
    name: str,
    fmt: str | None = None,
    default_region: str | None = "IN",
    mapping: ColumnMapping | None = None,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ListImport:
    """Read a CSV or vCard file and store it as the list ``name``, made current; the whole
    file or nothing. Raises ``ContactImportError`` for a refused file and ``CallListError``
    for a name that is empty or taken (checked before the file is read)."""
    from dialer_app.core.contact_import import read_rows

    lists = CallListStore(store)
    store.check_writable("save the call list")  # before reading a file it could not save
    lists.check_new_name(name)
    read = read_rows(
        path,
        fmt,
        default_region,
        mapping,
        max_rows=MAX_ENTRIES,
        progress=progress,
        cancelled=cancelled,
    )
    created = lists.create(
        name,
        (_new_entry(row.contact, row.cells, row.line) for row in read.rows),
        columns=read.columns,
        shown_columns=read.shown_columns,
        source=Path(path).name,
    )
    return ListImport(created, read)


def _new_entry(contact: Contact, cells: tuple[str, ...], line: int) -> NewListEntry:
    """The number to call is the row's first valid one (else its first, kept as typed)."""
    numbers = contact.numbers
    chosen = next((number for number in numbers if number.digits), numbers[0])
    return NewListEntry(
        name=contact.name,
        number=chosen.raw,
        digits=chosen.digits,
        cells=cells,
        line=line,
        extra_params=contact.extra_params,
    )


def export_list(
    store: Store, call_list: CallList, path: str | os.PathLike[str], zone: tzinfo | None = None
) -> int:
    """Write the list's own columns and each entry's outcome (:data:`OUTCOME_COLUMNS`) to a
    CSV file, replaced atomically; returns the number of entries written. ``zone`` is the
    time zone of ``last_called`` (default: the system's)."""
    from dialer_app.core.contact_export import write_table

    entries = CallListStore(store).entries(call_list.id)
    header = [*call_list.columns, *_outcome_header(call_list.columns)]
    return write_table(path, header, _export_rows(entries, len(call_list.columns), zone))


def _outcome_header(columns: tuple[str, ...]) -> list[str]:
    """The outcome columns, renamed "call_…" where the list has a column of that name."""
    taken = {column.strip().lower() for column in columns}
    return [f"call_{name}" if name in taken else name for name in OUTCOME_COLUMNS]


def _export_rows(entries: list[ListEntry], width: int, zone: tzinfo | None) -> Iterator[list[str]]:
    for entry in entries:
        cells = [*entry.cells[:width], *[""] * (width - len(entry.cells))]
        if entry.digits:  # the number as the contacts export writes it: E.164, unguarded
            cells = [f"+{entry.digits}" if cell == entry.number else cell for cell in cells]
        last = entry.last_called_at
        yield [
            *cells,
            entry.disposition or "",
            entry.note,
            str(entry.attempts),
            last.astimezone(zone).isoformat(timespec="seconds") if last else "",
            entry.request_id or "",
        ]
