"""Read contacts from CSV and vCard files, and import them into the profile's store.

Every row or card is first read into a :class:`RawContact` (what the file says), then each
number goes through :func:`dialer_app.core.phone.normalize` and contacts that share a number
and a name are merged. Rows that cannot become a contact are listed in the report with their
line number; only a file that cannot be read at all raises :class:`ContactImportError`.

A contact needs a name and at least one number that normalizes; its other numbers are kept
with their raw text and ``digits == ""``. Names come from FN, else N, else ORG (vCard) or
the name, first/middle/last or company columns (CSV).

Speed (100,000 rows in about two seconds on two cores; ``benchmarks/gen_contacts.py
--time`` measures it): plain numbers skip ``phonenumbers.parse`` (``quick_numbers.quick_digits``);
numbers are checked on worker processes while the file is read, and large vCard files are read
in slices by the workers.

The modules, one job each: ``_types`` (errors, entries, mapping, report), ``_decoding``
(a file as lines of text, a block at a time), ``_numbers`` (number checks and their process
pool), ``_entries`` (entries to contacts), ``_csv`` (sniffing, mapping and rows), ``_vcard``
(the card parser), ``_vcard_reading`` (a file's cards, read in parallel), ``_formats`` (which
format a file has, for import and export), ``_pipeline`` (one import, streamed into a store),
``_child`` (the window's import in a child process) and ``_rows`` (a file's rows with all their
cells, for call lists). Merging contacts that share a number is the store's job
(``core.store``), so an import merges with what is already stored the same way it merges
within the file.
"""

from __future__ import annotations

from dialer_app.core.contact_import._child import ImportProcessError, ImportSummary, import_in_child
from dialer_app.core.contact_import._csv import sniff_csv
from dialer_app.core.contact_import._decoding import decode_text
from dialer_app.core.contact_import._fields import FORMULA_START, label_from_text
from dialer_app.core.contact_import._formats import FormatError, detect_format, sniff_file
from dialer_app.core.contact_import._numbers import NumberReader
from dialer_app.core.contact_import._pipeline import (
    ImportOutcome,
    SavingProgress,
    import_contacts,
    read_contacts,
    read_csv,
    read_vcard,
)
from dialer_app.core.contact_import._rows import FileRow, RowsRead, read_rows
from dialer_app.core.contact_import._types import (
    FORMATS,
    MAX_FILE_BYTES,
    MAX_NOTES,
    CancelledCallback,
    ColumnMapping,
    ContactImportError,
    CsvLayout,
    ImportCancelled,
    ImportReport,
    NationalNumber,
    ProgressCallback,
    RawContact,
    SkippedRow,
    kept_apart_text,
    legacy_text,
    merge_text,
    national_text,
    region_text,
    report_notes,
)
from dialer_app.core.contact_import._vcard import parse_vcard

__all__ = [
    "FORMATS",
    "FORMULA_START",
    "MAX_FILE_BYTES",
    "MAX_NOTES",
    "CancelledCallback",
    "ColumnMapping",
    "ContactImportError",
    "CsvLayout",
    "FileRow",
    "FormatError",
    "ImportCancelled",
    "ImportOutcome",
    "ImportProcessError",
    "ImportReport",
    "ImportSummary",
    "NationalNumber",
    "NumberReader",
    "ProgressCallback",
    "RawContact",
    "RowsRead",
    "SavingProgress",
    "SkippedRow",
    "decode_text",
    "detect_format",
    "import_contacts",
    "import_in_child",
    "kept_apart_text",
    "label_from_text",
    "legacy_text",
    "merge_text",
    "national_text",
    "parse_vcard",
    "read_contacts",
    "read_csv",
    "read_rows",
    "read_vcard",
    "region_text",
    "report_notes",
    "sniff_csv",
    "sniff_file",
]
