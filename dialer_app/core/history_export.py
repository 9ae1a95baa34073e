"""Write the call history to CSV for spreadsheets (Excel opens it as UTF-8 thanks to the BOM).

One row per call attempt, newest first as given; the last column, ``sandbox``, says "yes"
for a call placed on the built-in sandbox (it rang no one). Times are ISO 8601 with their UTC
offset.
Text cells a spreadsheet would evaluate as a formula get a leading apostrophe, and free text
goes through :func:`dialer_app.core.redact.redact`, so a secret echoed in an error message
never reaches the file. The file is replaced atomically.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from datetime import UTC, tzinfo
from pathlib import Path
from typing import Final

from dialer_app.core.atomic import write_atomically
from dialer_app.core.redact import redact
from dialer_app.core.store import HistoryEntry

__all__ = ["HISTORY_CSV_FIELDS", "history_csv_text", "write_history_csv"]

HISTORY_CSV_FIELDS: Final = (
    "time_utc",
    "time_local",
    "number",
    "number_display",
    "contact",
    "mode",
    "outcome",
    "caller_id",
    "request_id",
    "error_kind",
    "error",
    "sandbox",
)
# First characters that make a spreadsheet run a cell as a formula (OWASP "CSV injection").
_FORMULA_START: Final = frozenset("=+-@\t\r")


def write_history_csv(
    path: str | os.PathLike[str],
    entries: Iterable[HistoryEntry],
    local_zone: tzinfo | None = None,
) -> int:
    """Write ``entries`` to ``path`` (UTF-8 with BOM); returns the number of rows written.

    ``local_zone`` is the zone of the ``time_local`` column (default: the system's).
    """
    text, rows = history_csv_text(entries, local_zone)
    # "replace" only matters for lone surrogates, which no stored text can contain.
    write_atomically(Path(path), text.encode("utf-8-sig", errors="replace"))
    return rows


def history_csv_text(
    entries: Iterable[HistoryEntry], local_zone: tzinfo | None = None
) -> tuple[str, int]:
    """The CSV text (header first, CRLF line ends) and how many entry rows it holds."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HISTORY_CSV_FIELDS)
    rows = 0
    for entry in entries:
        writer.writerow(_row(entry, local_zone))
        rows += 1
    return buffer.getvalue(), rows


def _row(entry: HistoryEntry, local_zone: tzinfo | None) -> list[str]:
    started = entry.started_at
    return [
        started.astimezone(UTC).isoformat(timespec="seconds"),
        started.astimezone(local_zone).isoformat(timespec="seconds"),
        _digits_cell(entry.number_digits),
        _text_cell(entry.number_display),
        _text_cell(entry.contact_name),
        entry.mode,
        entry.outcome,
        _text_cell(entry.caller_id),
        _text_cell(entry.request_id),
        _text_cell(entry.error_kind),
        _text_cell(entry.error_text),
        "yes" if entry.sandbox else "no",
    ]


def _digits_cell(digits: str) -> str:
    """Normalized digits go out as they are; anything else is treated as text."""
    return digits if digits.isascii() and digits.isdigit() else _text_cell(digits)


def _text_cell(value: str | None) -> str:
    """Redacted text with an apostrophe in front if a spreadsheet would evaluate it."""
    if not value:
        return ""
    text = redact(value)
    return "'" + text if text[0] in _FORMULA_START else text
