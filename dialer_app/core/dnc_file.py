"""Files of numbers for the do-not-call list: ``dnc import`` and the team's shared list.

A CSV file with any header (the same column guess as contacts import: a "Phone", "Mobile",
"Number"... column, or the column that holds numbers; a "Notes" or "Reason" column becomes the
note) or a plain file with one number a line; UTF-8, UTF-16 or an old 8-bit file. Numbers
go through the same rules as everywhere (``core.phone``, with contacts import's fast path for
plain numbers); lines that are not numbers are listed with their line number and reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dialer_app.core.do_not_call import clean_note

__all__ = ["NumberFile", "NumberFileError", "SkippedLine", "read_number_bytes", "read_number_file"]

MAX_SKIPPED_KEPT = 1000


class NumberFileError(ValueError):
    """A file of numbers cannot be read at all (missing, binary, no number column...)."""


@dataclass(frozen=True)
class SkippedLine:
    line: int
    text: str
    reason: str


@dataclass
class NumberFile:
    """The numbers of a file (first note wins for a number listed twice) and the lines that
    were not numbers (the first ``MAX_SKIPPED_KEPT``; ``skipped_count`` counts them all)."""

    numbers: dict[str, str] = field(default_factory=dict)
    skipped: list[SkippedLine] = field(default_factory=list)
    skipped_count: int = 0
    encoding: str = ""


def read_number_file(path: Path, region: str, max_bytes: int) -> NumberFile:
    """The numbers in a CSV file (any header; the same column guess as contacts import) or a
    file with one number a line."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise NumberFileError(f"{path} is a folder, not a file") from None
    except OSError as exc:
        raise NumberFileError(f"{path} cannot be read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise NumberFileError(f"{path} is larger than {max_bytes // 2**20} MB")
    return read_number_bytes(data, region)


def read_number_bytes(data: bytes, region: str) -> NumberFile:
    """The numbers in file content (UTF-8, UTF-16 or an old 8-bit file; CSV or one a line)."""
    from dialer_app.core.contact_import import ContactImportError, decode_text, sniff_csv

    try:
        text, encoding = decode_text(data)
        layout = sniff_csv(text)
    except ContactImportError as exc:
        raise NumberFileError(str(exc)) from None
    columns = [column for column, _label in layout.mapping.numbers]
    if not columns:
        raise NumberFileError("no column of phone numbers was found")
    result = NumberFile(encoding=encoding)
    from dialer_app.core.contact_import import NumberReader

    numbers = NumberReader(region)
    notes = _note_column(layout.header) if layout.mapping.notes is None else layout.mapping.notes
    for line, row in _rows(text.lstrip("\ufeff"), layout.delimiter, layout.skip_rows):
        cells = [row[c].strip() for c in columns if c < len(row) and row[c].strip()]
        note = clean_note(row[notes]) if notes is not None and notes < len(row) else ""
        if not cells:
            if any(cell.strip() for cell in row):
                _skip(result, line, ",".join(row), "no number in this line")
            continue
        for cell in cells:
            found = numbers.read(cell)
            if isinstance(found, str):
                _skip(result, line, cell, found)
            else:
                result.numbers.setdefault(found[0], note)
    return result


def _note_column(header: list[str]) -> int | None:
    """A "reason" column (contacts import knows notes and comments, not reasons)."""
    keys = [cell.strip().lower() for cell in header]
    return next((index for index, key in enumerate(keys) if key in _REASON_HEADERS), None)


_REASON_HEADERS = frozenset({"reason", "reasons", "why", "dnc reason"})


def _rows(text: str, delimiter: str, skip: int) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for index, row in enumerate(reader):
            if index >= skip:
                yield reader.line_num, row
    except csv.Error as exc:
        raise NumberFileError(f"line {reader.line_num}: {exc}") from None


def _skip(result: NumberFile, line: int, text: str, reason: str) -> None:
    result.skipped_count += 1
    if len(result.skipped) < MAX_SKIPPED_KEPT:
        result.skipped.append(SkippedLine(line, clean_note(text)[:80], reason))
