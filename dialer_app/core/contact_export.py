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
from dataclasses import dataclass
from pathlib import Path

from dialer_app.core.atomic import write_atomically
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_import import FORMULA_START, detect_format
from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.core.store import Store

__all__ = [
    "Exported",
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
_E164 = re.compile(r"\+[1-9][0-9]{6,14}")
# "ext. 12", "x12", "#12" or a tel: URI's ";ext=12" at the end of a number as typed.
_EXTENSION = re.compile(r"(?i)(?:;ext=|\b(?:ext(?:ension|n)?\.?|x)\s*:?|#)\s*([0-9]{1,10})\s*$")


@dataclass(frozen=True)
class Exported:
    """``count`` contacts written; ``note`` says so when the database was recovered from
    damage since the last export (check the file holds everything), else ""."""

    count: int
    note: str = ""


def export_contacts(
    store: Store, path: str | os.PathLike[str], fmt: str | None = None
) -> Exported:
    """Write every contact of ``store`` to ``path`` (replaced atomically).

    The format is ``fmt`` or the file's extension (``contact_import.detect_format``). Works
    on a read-only store too. Raises ``contact_import.FormatError`` for an unknown format and
    ``OSError`` when the file cannot be written.
    """
    writer = write_vcard if detect_format(path, fmt, writing=True) == "vcard" else write_csv
    contacts = store.all_contacts()
    writer(path, contacts)
    recovery = store.untold_recovery()
    if recovery is None:
        return Exported(len(contacts))
    store.mark_recoveries_told()
    return Exported(len(contacts), recovery.sentence())


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
            row += [_guard(written_number(number)), number.label]
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
            lines.append(f"TEL;TYPE={kind}:{_escape(written_number(number))}")
        if contact.notes:
            lines.append(f"NOTE:{_escape(contact.notes)}")
        if contact.favorite:
            lines.append("X-DIALER-FAVORITE:TRUE")
        if contact.extra_params:
            lines.append(f"X-DIALER-EXTRA-PARAMS:{_escape(_json(contact))}")
        lines.append("END:VCARD")
    return "".join(_fold(line) + "\r\n" for line in lines)


def written_number(number: ContactNumber) -> str:
    """A number as exports write it: E.164 (``+19055551234``, its extension after it) when it
    is valid, so no reader has to guess its country; as typed otherwise."""
    if not number.digits:
        return number.raw
    extension = _EXTENSION.search(number.raw)
    return f"+{number.digits} ext. {extension.group(1)}" if extension else f"+{number.digits}"


def _json(contact: Contact) -> str:
    """ASCII-only JSON: control and exotic characters cannot upset a spreadsheet or reader."""
    return json.dumps(contact.extra_params, sort_keys=True)


def _guard(cell: str) -> str:
    """Prefix an apostrophe to every cell a spreadsheet could read as a formula or arithmetic
    (CSV injection: "=HYPERLINK(…)", "-2+3", "(1)+2", also after spaces), except one that is
    exactly a valid E.164 number.

    Cells already starting with an apostrophe get one more, so that the importer, which
    drops one, gives back the original text.
    """
    first = cell.lstrip(" ")[:1]
    if not first:
        return cell
    if cell[0] == "'" or (first in FORMULA_START and not _valid_e164(cell)):
        return "'" + cell
    return cell


def _valid_e164(cell: str) -> bool:
    if not _E164.fullmatch(cell):
        return False
    try:
        normalize(cell, None)
    except InvalidNumberError:
        return False
    return True


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
