"""The data an import passes around: errors, the raw entries read from a file, the column
mapping of a CSV file and the report an import ends with."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dialer_app.core.contact import Contact
from dialer_app.core.store import MergeNote

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_NOTES = 10_000  # notes of each kind a report keeps (its counts stay exact)
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


@dataclass(frozen=True)
class NationalNumber:
    """A number written without a country code, read as a number of the import's region."""

    line: int
    raw: str
    digits: str


@dataclass
class ImportReport:
    """What an import did with a file: contacts, merges, numbers and rows that need a look.

    ``contacts`` holds the file's contacts (merged) when it was only read (``read_contacts``);
    an import into the store leaves it empty. Note lists hold the first
    :data:`MAX_NOTES`; the ``*_count`` fields are exact.
    """

    contacts: list[Contact]
    merged_duplicates: int
    skipped: list[SkippedRow]
    format: str
    unverified: list[SkippedRow] = field(default_factory=list)
    """Numbers kept as typed because they are not valid phone numbers (not callable)."""
    region: str | None = None
    """The region numbers without a country code were read in (None: none was assumed)."""
    national: list[NationalNumber] = field(default_factory=list)
    merges: list[MergeNote] = field(default_factory=list)
    kept_apart: list[MergeNote] = field(default_factory=list)
    """Contacts sharing a number with a contact of another name: both were kept."""
    legacy_lines: list[int] = field(default_factory=list)
    """First lines that were not UTF-8 and were read as Windows-1252 (vCard: their cards)."""
    legacy_file: bool = False
    """The whole file is in an old 8-bit encoding (no line was UTF-8 beyond ASCII)."""
    skipped_count: int = -1
    unverified_count: int = -1
    national_count: int = -1
    kept_apart_count: int = -1
    legacy_count: int = 0

    def __post_init__(self) -> None:
        for name in ("skipped", "unverified", "national", "kept_apart"):
            if getattr(self, f"{name}_count") < 0:
                setattr(self, f"{name}_count", len(getattr(self, name)))

    def summary(self, max_reasons: int = 5) -> str:
        """One paragraph for people: what was imported, merged, skipped and assumed."""
        sentences = [self._counts(max_reasons)]
        if self.kept_apart_count:
            sentences.append(_kept_apart_text(self, max_reasons))
        if self.unverified_count:
            first = _listed(self.unverified, self.unverified_count, max_reasons)
            sentences.append(
                f"{plural(self.unverified_count, 'number')} could not be verified and "
                f"cannot be dialled until corrected ({first})"
            )
        if self.national_count:
            sentences.append(national_text(self, max_reasons))
        if self.legacy_count:
            sentences.append(legacy_text(self))
        return ". ".join(sentences)

    def _counts(self, max_reasons: int) -> str:
        text = f"Imported {plural(len(self.contacts), 'contact')}"
        if self.merged_duplicates:
            text += f", merged {plural(self.merged_duplicates, 'duplicate')}"
            merges = "; ".join(merge_text(m) for m in self.merges[:max_reasons])
            if merges and self.merged_duplicates > max_reasons:
                merges += f"; and {self.merged_duplicates - max_reasons} more"
            text += f" ({merges})" if merges else ""
        if self.skipped_count:
            unit = "row" if self.format == "csv" else "card"
            reasons = _listed(self.skipped, self.skipped_count, max_reasons)
            text += f", skipped {plural(self.skipped_count, unit)} ({reasons})"
        return text


def report_notes(report: ImportReport) -> list[tuple[int, str, str]]:
    """Every note of the report as ``(line, kind, text)``, by line: rows skipped, numbers not
    dialable or read in the region, merges, contacts kept apart, lines read as cp1252."""
    notes: list[tuple[int, str, str]] = [
        *((row.line, "skipped", row.reason) for row in report.skipped),
        *((row.line, "not dialable", row.reason) for row in report.unverified),
        *((n.line, "no country code", f"{n.raw!r} read as +{n.digits}") for n in report.national),
        *((m.line, "merged", merge_text(m, with_line=False)) for m in report.merges),
        *((m.line, "kept apart", kept_apart_text(m, with_line=False)) for m in report.kept_apart),
    ]
    if not report.legacy_file:
        notes.extend(
            (line, "not UTF-8", "read as Windows-1252: check the accents")
            for line in report.legacy_lines
        )
    return sorted(notes, key=lambda note: note[0])


def _listed(rows: list[SkippedRow], count: int, limit: int) -> str:
    text = "; ".join(f"line {row.line}: {row.reason}" for row in rows[:limit])
    return text + (f"; and {count - limit} more" if count > limit else "")


def merge_text(note: MergeNote, *, with_line: bool = True) -> str:
    """'line 7: “asha rao” into “Asha Rao” (same number +919200000010)'."""
    where = f"line {note.line}: " if note.line and with_line else ""
    into = "an existing contact " if note.existing else ""
    return (
        f"{where}{_shown_name(note.name)} into {into}{_shown_name(note.other_name)} "
        f"(same number +{note.digits})"
    )


def kept_apart_text(note: MergeNote, *, with_line: bool = True) -> str:
    """'line 9: “Bala Krishnan” shares +919200000010 with another contact, “Priya Sharma”'."""
    where = f"line {note.line}: " if note.line and with_line else ""
    other = "an existing contact" if note.existing else "another contact"
    return (
        f"{where}{_shown_name(note.name)} shares +{note.digits} with {other}, "
        f"{_shown_name(note.other_name)}"
    )


def _kept_apart_text(report: ImportReport, limit: int) -> str:
    text = "; ".join(kept_apart_text(note) for note in report.kept_apart[:limit])
    if report.kept_apart_count > limit:
        text += f"; and {report.kept_apart_count - limit} more"
    count = report.kept_apart_count
    verb = "shares a number" if count == 1 else "share numbers"
    return (
        f"{plural(count, 'contact')} {verb} with a contact of another name and "
        f"{'was' if count == 1 else 'were'} kept as {'its' if count == 1 else 'their'} own ({text})"
    )


def national_text(report: ImportReport, limit: int = 5) -> str:
    """'2 numbers had no country code and were read as India (+91) numbers' and, with
    ``limit``, the first of them: " (line 3: '92000 00001' as +919200000001; …)"."""
    count = report.national_count
    text = (
        f"{plural(count, 'number')} {'has' if count == 1 else 'had'} no country code and "
        f"{'was' if count == 1 else 'were'} read as {region_text(report.region)} "
        f"{'number' if count == 1 else 'numbers'}"
    )
    if limit <= 0:
        return text
    listed = "; ".join(f"line {n.line}: {n.raw!r} as +{n.digits}" for n in report.national[:limit])
    if count > limit:
        listed += f"; and {count - limit} more"
    return f"{text} ({listed})"


def region_text(region: str | None) -> str:
    """'India (+91)' for 'IN'."""
    if region is None:
        return "no country"
    from dialer_app.core.phone import region_choices

    return dict(region_choices()).get(region, region)


def legacy_text(report: ImportReport, *, lines: bool = True) -> str:
    """Which lines were read as Windows-1252 (the whole file, for an old 8-bit export)."""
    if report.legacy_file:
        return "The file is not UTF-8: it was read as Windows-1252 (Western European)"
    count = report.legacy_count
    text = (
        f"{plural(count, 'line')} {'was' if count == 1 else 'were'} not valid UTF-8 and "
        f"{'was' if count == 1 else 'were'} read as Windows-1252"
    )
    if not lines:
        return text
    shown = ", ".join(str(line) for line in report.legacy_lines[:5])
    more = f" and {count - 5} more" if count > 5 else ""
    return f"{text}: check their accents (from line {shown}{more})"


def _shown_name(name: str) -> str:
    return f"“{name}”" if any(ch.isalpha() for ch in name) else f"(no name: {name})"


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
