"""The data an import passes around: errors, the raw entries read from a file, the column
mapping of a CSV file and the report an import ends with."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dialer_app.core.contact import Contact

MAX_FILE_BYTES = 200 * 1024 * 1024
PREVIEW_ROWS = 20
FORMATS = ("csv", "vcard")

ProgressCallback = Callable[[int, int], None]
CancelledCallback = Callable[[], bool]
PathArg = str | os.PathLike[str]


class ContactImportError(Exception):
    """The whole file was refused; the message says why in plain words."""


class ImportCancelled(Exception):
    """``cancelled()`` returned True while the file was being read."""


@dataclass(frozen=True)
class SkippedRow:
    """A row or card that did not become a contact, with its first line in the file."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an import produced: contacts to store, merges and skipped rows."""

    contacts: list[Contact]
    merged_duplicates: int
    skipped: list[SkippedRow]
    format: str
    unverified: list[SkippedRow] = field(default_factory=list)
    """Numbers kept as typed because they are not valid phone numbers (not callable)."""

    def summary(self, max_reasons: int = 5) -> str:
        """One line for the UI, e.g. 'Imported 120 contacts, skipped 1 row (line 14: no name)'."""
        text = f"Imported {plural(len(self.contacts), 'contact')}"
        if self.merged_duplicates:
            text += f", merged {plural(self.merged_duplicates, 'duplicate')}"
        if self.skipped:
            unit = "row" if self.format == "csv" else "card"
            reasons = "; ".join(f"line {s.line}: {s.reason}" for s in self.skipped[:max_reasons])
            if len(self.skipped) > max_reasons:
                reasons += f"; and {len(self.skipped) - max_reasons} more"
            text += f", skipped {plural(len(self.skipped), unit)} ({reasons})"
        if self.unverified:
            first = "; ".join(f"line {u.line}: {u.reason}" for u in self.unverified[:max_reasons])
            if len(self.unverified) > max_reasons:
                first += f"; and {len(self.unverified) - max_reasons} more"
            text += (
                f". {plural(len(self.unverified), 'number')} could not be verified and "
                f"cannot be dialled until corrected ({first})"
            )
        return text


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass
class ColumnMapping:
    """Which CSV column (0-based) holds what; ``None`` means the file has no such column.

    ``numbers`` lists ``(column, label)``; ``label_columns`` maps a number column to the column
    holding its label row by row (Google's "Phone 1 - Type"), which wins over the fixed label.
    ``split_cells`` splits cells like ``"+91 92000 00000 ::: +91 98000 00000"``.
    """

    name: int | None = None
    first_name: int | None = None
    last_name: int | None = None
    company: int | None = None
    notes: int | None = None
    numbers: list[tuple[int, str]] = field(default_factory=list)
    middle_name: int | None = None
    favorite: int | None = None
    extra_params: int | None = None
    label_columns: dict[int, int] = field(default_factory=dict)
    split_cells: bool = True

    def has_name_column(self) -> bool:
        columns = (self.name, self.first_name, self.middle_name, self.last_name, self.company)
        return any(column is not None for column in columns)


@dataclass
class CsvLayout:
    """What :func:`sniff_csv` found; ``preview`` holds the first data rows (no header)."""

    delimiter: str
    has_header: bool
    header: list[str]
    mapping: ColumnMapping
    preview: list[list[str]]
    encoding: str = ""
    skip_rows: int = 0  # records before the first data row: "sep=" line, blank rows, header


@dataclass(slots=True)
class RawContact:
    """One row or card as the file gives it, before numbers are normalized.

    ``numbers`` holds ``(text, label)``; ``problem`` is set when the card is broken (it is
    then skipped with that reason).
    """

    line: int
    name: str = ""
    numbers: list[tuple[str, str]] = field(default_factory=list)
    company: str = ""
    notes: str = ""
    favorite: bool = False
    extra_params: dict[str, Any] = field(default_factory=dict)
    problem: str = ""

    def __reduce__(self) -> tuple[type[RawContact], tuple[Any, ...]]:
        """Pickle as the fields in order: worker processes send cards back by the thousand,
        and the default for a slots dataclass is three times slower."""
        fields = (self.line, self.name, self.numbers, self.company, self.notes, self.favorite)
        return RawContact, (*fields, self.extra_params, self.problem)
