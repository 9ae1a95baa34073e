"""Write contacts to CSV (for spreadsheets) and vCard 3.0 (for phones and address books).

:func:`export_contacts` is the one export path of the window and the command line. Both
formats are read back by :mod:`dialer_app.core.contact_import` into equal contacts (same name,
company, notes, favorite, extra_params and numbers with their raw text and label, given the
same default country). Files are replaced atomically.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from dialer_app.core.atomic import write_atomically
from dialer_app.core.contact import Contact
from dialer_app.core.contact_import import detect_format
from dialer_app.core.store import Store

__all__ = [
    "csv_text",
    "export_contacts",
    "table_text",
    "vcard_text",
    "write_csv",
    "write_table",
    "write_vcard",
]

CSV_FIELDS = ("name", "company", "notes", "favorite", "extra_params")
# Our labels as vCard TYPEs; the importer maps them back (VOICE alone means "other").
_VCARD_TYPES = {
    "mobile": "CELL",
    "work": "WORK",
    "home": "HOME",
    "fax": "FAX",
    "main": "MAIN",
    "other": "VOICE",
}
_FOLD_OCTETS = 75
# Cells a spreadsheet would run as a formula get a leading apostrophe (CSV injection).
_FORMULA_START = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+\-0-9 ().]*")


def export_contacts(store: Store, path: str | os.PathLike[str], fmt: str | None = None) -> int:
    """Write every contact of ``store`` to ``path`` (replaced atomically); returns how many.

    The format is ``fmt`` or the file's extension (``contact_import.detect_format``). Raises
    ``contact_import.FormatError`` for an unknown format and ``OSError`` when the file cannot
    be written.
    """
    writer = write_vcard if detect_format(path, fmt, writing=True) == "vcard" else write_csv
    contacts = store.all_contacts()
    writer(path, contacts)
    return len(contacts)


def write_csv(path: str | os.PathLike[str], contacts: Iterable[Contact]) -> None:
    """UTF-8 with BOM (Excel opens it as UTF-8), one row per contact: see :func:`csv_text`."""
    write_atomically(Path(path), csv_text(list(contacts)).encode("utf-8-sig"))


def write_vcard(path: str | os.PathLike[str], contacts: Iterable[Contact]) -> None:
    """vCard 3.0, UTF-8 without BOM, CRLF line endings."""
    write_atomically(Path(path), vcard_text(contacts).encode("utf-8"))


def csv_text(contacts: Sequence[Contact]) -> str:
    """Header ``name,company,notes,favorite,extra_params,number_1,label_1,...``.

    There are as many number/label column pairs as the contact with most numbers needs; every
    row has the full width (spreadsheets and the importer's delimiter sniffing like that).
    """
    pairs = max((len(contact.numbers) for contact in contacts), default=1) or 1
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = list(CSV_FIELDS)
    for index in range(1, pairs + 1):
        header += [f"number_{index}", f"label_{index}"]
    writer.writerow(header)
    for contact in contacts:
        row = [
            _guard(contact.name),
            _guard(contact.company),
            _guard(contact.notes),
            "1" if contact.favorite else "0",
            _json(contact) if contact.extra_params else "",
        ]
        for number in contact.numbers:
            row += [_guard(number.raw or _plus(number.digits)), number.label]
        row += [""] * (len(header) - len(row))
        writer.writerow(row)
    return buffer.getvalue()


def write_table(
    path: str | os.PathLike[str], header: Sequence[str], rows: Iterable[Sequence[str]]
) -> int:
    """Any table (a call list with its outcomes) as the contacts CSV is written: UTF-8 with
    BOM, CRLF, every cell guarded against formulas, replaced atomically. Returns the rows."""
    text, count = table_text(header, rows)
    write_atomically(Path(path), text.encode("utf-8-sig", errors="replace"))
    return count


def table_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> tuple[str, int]:
    """The CSV text of :func:`write_table` and how many rows it holds (header aside)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_guard(cell) for cell in header])
    count = 0
    for row in rows:
        writer.writerow([_guard(cell) for cell in row])
        count += 1
    return buffer.getvalue(), count


def vcard_text(contacts: Iterable[Contact]) -> str:
    """All contacts as vCard 3.0 text (escaped and folded as RFC 2426 requires)."""
    lines: list[str] = []
    for contact in contacts:
        lines += ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(contact.name)}"]
        lines.append(f"N:{_structured_name(contact.name)}")
        if contact.company:
            lines.append(f"ORG:{_escape(contact.company)}")
        for number in contact.numbers:
            kind = _VCARD_TYPES.get(number.label, "VOICE")
            lines.append(f"TEL;TYPE={kind}:{_escape(number.raw or _plus(number.digits))}")
        if contact.notes:
            lines.append(f"NOTE:{_escape(contact.notes)}")
        if contact.favorite:
            lines.append("X-DIALER-FAVORITE:TRUE")
        if contact.extra_params:
            lines.append(f"X-DIALER-EXTRA-PARAMS:{_escape(_json(contact))}")
        lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _plus(digits: str) -> str:
    return f"+{digits}" if digits else ""


def _json(contact: Contact) -> str:
    """ASCII-only JSON: control and exotic characters cannot upset a spreadsheet or reader."""
    return json.dumps(contact.extra_params, sort_keys=True)


def _guard(cell: str) -> str:
    """Prefix an apostrophe to cells a spreadsheet would evaluate (not to plain numbers).

    Cells already starting with an apostrophe get one more, so that the importer, which
    drops one, gives back the original text.
    """
    if not cell:
        return cell
    if cell[0] == "'" or (cell[0] in _FORMULA_START and not _PLAIN_NUMBER.fullmatch(cell)):
        return "'" + cell
    return cell


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _structured_name(name: str) -> str:
    """N (family;given;;;): the last word as family name, the rest as given names."""
    words = name.split()
    family = words[-1] if words else ""
    given = " ".join(words[:-1])
    return f"{_escape(family)};{_escape(given)};;;"


def _fold(line: str) -> str:
    """Fold at 75 octets without splitting a UTF-8 sequence; continuations start with a space."""
    data = line.encode("utf-8")
    if len(data) <= _FOLD_OCTETS:
        return line
    pieces: list[str] = []
    start, limit = 0, _FOLD_OCTETS
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, limit = end, _FOLD_OCTETS - 1
    return "\r\n ".join(pieces)
