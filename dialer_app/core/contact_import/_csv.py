"""CSV files: guessing the delimiter, the header and what each column holds, and reading
the rows one at a time (any header: the import dialog lets the user correct the guess)."""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from dialer_app.core.contact_import._decoding import CUT_MARK, MAX_LINE_CHARS, open_text
from dialer_app.core.contact_import._fields import (
    FORMULA_START,
    label_from_text,
    parse_extra_params,
)
from dialer_app.core.contact_import._types import (
    PREVIEW_ROWS,
    ColumnMapping,
    ContactImportError,
    CsvLayout,
    RawContact,
)


def sniff_csv(text_or_path: str | os.PathLike[str]) -> CsvLayout:
    """Guess delimiter, header and column mapping; a ``str`` is CSV text, a path is read
    (its first megabyte: enough for the guess and the preview, whatever the file's size)."""
    if isinstance(text_or_path, str):
        if not text_or_path.strip():
            raise ContactImportError("the file is empty")
        return sniff_text(text_or_path.lstrip("\ufeff"), "")
    with open_text(Path(text_or_path), vcard=False) as text_file:
        head = head_of(text_file.lines())
        return sniff_text(head, text_file.reported_encoding())


def head_of(lines: Iterator[str]) -> str:
    """The first lines of a file: up to a megabyte, enough to sniff it and show a preview."""
    taken: list[str] = []
    size = 0
    for line in lines:
        if line.endswith(CUT_MARK):
            raise ContactImportError(_too_long(len(taken) + 1))
        taken.append(line)
        size += len(line)
        if size >= _HEAD_CHARS or len(taken) >= _HEAD_LINES:
            break
    return "".join(taken)


def csv_entries(
    lines: Iterator[str], layout: CsvLayout, mapping: ColumnMapping
) -> Iterator[RawContact]:
    """The rows of a file (all of its lines, from the first) as entries, one at a time."""
    return (entry for entry, _cells in csv_rows(lines, layout, mapping))


def csv_rows(
    lines: Iterator[str], layout: CsvLayout, mapping: ColumnMapping
) -> Iterator[tuple[RawContact, list[str]]]:
    """:func:`csv_entries` with each row's cells as the file has them (a call list keeps every
    column, not only a contact's; :func:`cell_text` reads a cell as the entry's fields are)."""
    _check_mapping(mapping, layout.header)
    guard = _RecordGuard(lines)
    reader = csv.reader(guard, delimiter=layout.delimiter)
    rows = iter(reader)
    previous_end = 0
    index = -1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger than field limit" in str(exc):
                raise ContactImportError(
                    f"line {guard.record_line}: a cell goes on for more than "
                    f"{csv.field_size_limit() // 1024} KB (a quote that is never closed?)"
                ) from exc
            raise ContactImportError(f"line {reader.line_num}: {exc}") from exc
        guard.record_done()
        index += 1
        line, previous_end = previous_end + 1, reader.line_num
        if index >= layout.skip_rows and _has_content(row):
            yield _row_entry(row, mapping, line), row


class _RecordGuard:
    """Feeds lines to ``csv.reader`` and refuses a cut line (over 1 MB) or a row that grows
    past :data:`MAX_LINE_CHARS` (an unclosed quote swallowing the file), so one row never
    holds more than that in memory."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._line = 0
        self._record_chars = 0
        self.record_line = 1

    def __iter__(self) -> _RecordGuard:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self._line += 1
        if line.endswith(CUT_MARK):
            raise ContactImportError(_too_long(self._line))
        self._record_chars += len(line)
        if self._record_chars > MAX_LINE_CHARS:
            raise ContactImportError(
                f"line {self.record_line}: the row goes on for more than 1 MB "
                "(a quote that is never closed?)"
            )
        return line

    def record_done(self) -> None:
        self._record_chars = 0
        self.record_line = self._line + 1


def _too_long(line: int) -> str:
    return f"line {line} is longer than 1 MB: this is not a contacts file"


_SEP_LINE = re.compile(r"(?i)sep=(.)")
_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 65_536
_HEAD_CHARS = 1 << 20
_HEAD_LINES = 2000
_MAX_COLUMNS = 1000
_HEADER_WORD = re.compile(r"[a-z0-9]+")
_NAME_KEYS = frozenset({"name", "full name", "fullname", "display name", "contact name"})
_FIRST_KEYS = frozenset({"first name", "firstname", "given name", "givenname", "first"})
_MIDDLE_KEYS = frozenset({"middle name", "middlename", "additional name"})
_LAST_KEYS = frozenset({"last name", "lastname", "family name", "familyname", "surname", "last"})
_COMPANY_KEYS = frozenset(
    {
        "company",
        "company name",
        "organization",
        "organisation",
        "organization name",
        "organization 1 name",
        "org",
    }
)
_NOTES_KEYS = frozenset({"notes", "note", "comment", "comments", "remarks", "description"})
_FAVORITE_KEYS = frozenset({"favorite", "favourite", "favorites", "starred"})
_EXTRA_PARAMS_KEYS = frozenset({"extra params", "extraparams"})
_PHONE_WORDS = frozenset(
    {
        "phone",
        "phones",
        "mobile",
        "mob",
        "cell",
        "cellphone",
        "telephone",
        "tel",
        "fax",
        "pager",
        "whatsapp",
        "landline",
        "callback",
        "isdn",
        "msisdn",
    }
)
_NUMBER_KEYS = frozenset({"number", "numbers", "contact number", "contact no", "contact numbers"})
_OWN_NUMBER_KEY = re.compile(r"number (\d+)")
_INDEXED_PHONE_KEY = re.compile(r"phone (\d+)(?: value)?")
_TRUE_WORDS = frozenset({"1", "true", "yes", "y", "x", "*", "★"})
_NUMBER_SEPARATORS = re.compile(r"[;,/|\n\r]")


def sniff_text(text: str, encoding: str) -> CsvLayout:
    """The layout of CSV text (the head of a file)."""
    first_line = text[: _first_line_end(text)].strip(" ")  # not .strip(): "sep=\t" is valid
    sep = _SEP_LINE.fullmatch(first_line)
    delimiter = sep.group(1) if sep else _guess_delimiter(text[:_SNIFF_CHARS])
    rows = _first_rows(text, delimiter, PREVIEW_ROWS + 40)
    skip = 1 if sep else 0
    while skip < len(rows) and not _has_content(rows[skip]):
        skip += 1
    if skip >= len(rows):
        raise ContactImportError("the file has no contact rows")
    for number, row in enumerate(rows, 1):
        if len(row) > _MAX_COLUMNS:
            raise ContactImportError(
                f"row {number} has {len(row):,} columns; a contacts file has at most "
                f"{_MAX_COLUMNS:,}"
            )
    first = rows[skip]
    data_rows = [row for row in rows[skip + 1 :] if _has_content(row)]
    has_header = _looks_like_header(first, data_rows)
    header = [cell.strip() for cell in first] if has_header else []
    body = data_rows if has_header else [first, *data_rows]
    return CsvLayout(
        delimiter=delimiter,
        has_header=has_header,
        header=header,
        mapping=_guess_mapping(header, body),
        preview=body[:PREVIEW_ROWS],
        encoding=encoding,
        skip_rows=skip + (1 if has_header else 0),
    )


def _first_line_end(text: str) -> int:
    ends = [index for index in (text.find("\n"), text.find("\r")) if index >= 0]
    return min(ends) if ends else len(text)


def _has_content(row: list[str]) -> bool:
    return any(cell.strip() for cell in row)


def _first_rows(text: str, delimiter: str, count: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return list(islice(reader, count))
    except csv.Error as exc:
        raise ContactImportError(f"line {reader.line_num}: {exc}") from exc


def _guess_delimiter(sample: str) -> str:
    """The delimiter giving the most rows of the same width (at least two columns)."""
    best, best_score = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        try:
            rows = list(
                islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), 30)
            )
        except csv.Error:
            continue
        widths = [len(row) for row in rows if _has_content(row)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common) / len(widths), common)
        if common > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _header_key(text: str) -> str:
    return " ".join(_HEADER_WORD.findall(text.lower()))


def _looks_like_phone(cell: str) -> bool:
    digits = sum(ch.isdigit() for ch in cell)
    return digits >= 6 and sum(ch.isalpha() for ch in cell) <= 4


def _looks_like_name(cell: str) -> bool:
    return any(ch.isalpha() for ch in cell) and "@" not in cell and not _looks_like_phone(cell)


def _looks_like_header(first: list[str], data_rows: list[list[str]]) -> bool:
    if any(_looks_like_phone(cell) for cell in first):
        return False
    keys = [_header_key(cell) for cell in first]
    if any(_header_role(key) for key in keys):
        return True
    # Unknown column names: a header if the rows below hold numbers the first row lacks.
    return any(_looks_like_phone(cell) for row in data_rows for cell in row)


def _header_role(key: str) -> str:
    """Which ColumnMapping field a header belongs to ("" when unknown)."""
    for role, keys in (
        ("name", _NAME_KEYS),
        ("first_name", _FIRST_KEYS),
        ("middle_name", _MIDDLE_KEYS),
        ("last_name", _LAST_KEYS),
        ("company", _COMPANY_KEYS),
        ("notes", _NOTES_KEYS),
        ("favorite", _FAVORITE_KEYS),
        ("extra_params", _EXTRA_PARAMS_KEYS),
    ):
        if key in keys:
            return role
    return "number" if _is_number_header(key) else ""


def _is_number_header(key: str) -> bool:
    words = set(key.split())
    if words & {"type", "label"}:
        return False
    return bool(words & _PHONE_WORDS) or key in _NUMBER_KEYS or bool(_OWN_NUMBER_KEY.fullmatch(key))


def _guess_mapping(header: list[str], body: list[list[str]]) -> ColumnMapping:
    mapping = ColumnMapping()
    if header:
        _map_header(header, mapping)
    if not mapping.numbers:
        mapping.numbers = _number_columns_by_content(header, body)
    if not mapping.has_name_column():
        taken = {column for column, _ in mapping.numbers}
        mapping.name = _name_column_by_content(body, taken)
    return mapping


def _map_header(header: list[str], mapping: ColumnMapping) -> None:
    keys = [_header_key(cell) for cell in header]
    for index, key in enumerate(keys):
        role = _header_role(key)
        if role == "number":
            mapping.numbers.append((index, label_from_text(header[index])))
        elif role and getattr(mapping, role) is None:
            setattr(mapping, role, index)
    for column, _ in mapping.numbers:
        own = _OWN_NUMBER_KEY.fullmatch(keys[column])
        google = _INDEXED_PHONE_KEY.fullmatch(keys[column])
        if own:
            mapping.split_cells = False
            candidates = [f"label {own.group(1)}"]
        elif google:
            candidates = [f"phone {google.group(1)} {kind}" for kind in ("type", "label")]
        else:
            continue
        label_column = next((keys.index(c) for c in candidates if c in keys), None)
        if label_column is not None:
            mapping.label_columns[column] = label_column


def _columns(body: list[list[str]]) -> Iterator[tuple[int, list[str]]]:
    width = max((len(row) for row in body), default=0)
    for index in range(width):
        yield index, [row[index].strip() for row in body if index < len(row) and row[index].strip()]


def _number_columns_by_content(header: list[str], body: list[list[str]]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for index, cells in _columns(body):
        if cells and sum(map(_looks_like_phone, cells)) * 5 >= len(cells) * 3:
            label = label_from_text(header[index]) if index < len(header) else "other"
            found.append((index, label))
    return found


def _name_column_by_content(body: list[list[str]], taken: set[int]) -> int | None:
    for index, cells in _columns(body):
        if index not in taken and cells and sum(map(_looks_like_name, cells)) * 5 >= len(cells) * 3:
            return index
    return None


def _check_mapping(mapping: ColumnMapping, header: list[str]) -> None:
    columns = ", ".join(repr(name) for name in header[:12]) + (", …" if len(header) > 12 else "")
    found = f" (columns: {columns})" if header else ""
    if not mapping.numbers:
        raise ContactImportError(f"no usable columns: no column holds phone numbers{found}")
    if not mapping.has_name_column():
        raise ContactImportError(f"no usable columns: no column holds names{found}")


def cell_text(row: list[str], column: int) -> str:
    """A cell as an entry's fields are read: trimmed, the export's formula guard undone."""
    return _cell(row, column)


def _cell(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row) or column < 0:
        return ""
    text = row[column].strip()
    if len(text) > 1 and text[0] == "'":
        guarded = text[1:].lstrip(" ")[:1]
        if guarded in FORMULA_START or guarded == "'":
            return text[1:].strip()  # undo the spreadsheet formula guard the export wrote
    return text


def _row_entry(row: list[str], mapping: ColumnMapping, line: int) -> RawContact:
    company = _cell(row, mapping.company)
    name = _cell(row, mapping.name) or " ".join(
        part
        for part in (
            _cell(row, mapping.first_name),
            _cell(row, mapping.middle_name),
            _cell(row, mapping.last_name),
        )
        if part
    )
    entry = RawContact(
        line=line,
        name=name or company,
        company=company,
        notes=_cell(row, mapping.notes),
        favorite=_cell(row, mapping.favorite).lower() in _TRUE_WORDS,
    )
    for column, label in mapping.numbers:
        text = _cell(row, column)
        if text:
            pieces = _split_number_cell(text) if mapping.split_cells else [text]
            labels = _cell(row, mapping.label_columns.get(column)).split(":::")
            for position, piece in enumerate(pieces):
                label_text = labels[min(position, len(labels) - 1)].strip()
                entry.numbers.append((piece, label_from_text(label_text) if label_text else label))
    params = _cell(row, mapping.extra_params)
    if params:
        entry.extra_params, entry.problem = parse_extra_params(params)
    return entry


def _split_number_cell(text: str) -> list[str]:
    """Split "a ::: b" always, "a; b" / "a, b" / "a / b" only if every part has 6+ digits.

    "089/1234567" (an area code written with a slash) stays one number.
    """
    pieces: list[str] = []
    for chunk in text.split(":::"):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _NUMBER_SEPARATORS.search(chunk):
            parts = [part.strip() for part in _NUMBER_SEPARATORS.split(chunk) if part.strip()]
            if len(parts) > 1 and all(sum(ch.isdigit() for ch in p) >= 6 for p in parts):
                pieces.extend(parts)
                continue
        pieces.append(chunk)
    return pieces
