"""Which format a contact file has: the one place that decides, for import and export."""

from __future__ import annotations

from pathlib import Path

from dialer_app.core.contact_import._csv import sniff_csv
from dialer_app.core.contact_import._decoding import head_text
from dialer_app.core.contact_import._types import FORMATS, CsvLayout, PathArg
from dialer_app.core.contact_import._vcard import VCARD_BEGIN

_EXTENSIONS = {".csv": "csv", ".vcf": "vcard", ".vcard": "vcard"}
_READ_ONLY_EXTENSIONS = {".tsv": "csv"}  # read as CSV; never written (we write commas)


class FormatError(ValueError):
    """The format asked for is unknown, or cannot be told from the file name."""


def detect_format(path: PathArg, explicit: str | None = None, *, writing: bool = False) -> str:
    """``"csv"`` or ``"vcard"``: ``explicit`` (also ``"vcf"``) when given, else the extension.

    Reading, a file whose extension does not say vCard is recognized by its first bytes (a
    ``.csv`` that holds cards is read as vCard); writing, an extension other than ``.csv``,
    ``.vcf`` or ``.vcard`` raises :class:`FormatError`, as does an unknown ``explicit``.
    """
    if explicit:
        fmt = explicit.strip().lower()
        fmt = "vcard" if fmt == "vcf" else fmt
        if fmt not in FORMATS:
            raise FormatError(f"unknown contact file format {explicit!r}")
        return fmt
    path = Path(path)
    suffix = path.suffix.lower()
    if writing:
        if suffix not in _EXTENSIONS:
            raise FormatError(
                f"cannot tell the format from the file name {path.name!r}: "
                "use a .csv or .vcf extension or choose a format"
            )
        return _EXTENSIONS[suffix]
    if _EXTENSIONS.get(suffix) == "vcard":
        return "vcard"
    return "vcard" if VCARD_BEGIN.search(head_text(path)) else "csv"


def sniff_file(path: PathArg) -> tuple[str, CsvLayout | None]:
    """What an import dialog needs first: the file's format and, for CSV, its layout."""
    fmt = detect_format(path)
    return fmt, sniff_csv(path) if fmt == "csv" else None
