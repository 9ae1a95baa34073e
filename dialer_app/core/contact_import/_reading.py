"""Reading any contact file: the format decides between the CSV and the vCard reader."""

from __future__ import annotations

from dialer_app.core.contact_import._csv import read_csv
from dialer_app.core.contact_import._formats import detect_format
from dialer_app.core.contact_import._types import (
    CancelledCallback,
    ColumnMapping,
    ImportReport,
    PathArg,
    ProgressCallback,
)
from dialer_app.core.contact_import._vcard_reading import read_vcard


def read_contacts(
    path: PathArg,
    fmt: str | None = None,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
    *,
    mapping: ColumnMapping | None = None,
) -> ImportReport:
    """Read a CSV or vCard file; see ``read_csv`` and ``read_vcard``.

    ``mapping`` (the columns the user chose in the preview) is used for CSV files only.
    """
    if detect_format(path, fmt) == "vcard":
        return read_vcard(path, default_region, progress, cancelled)
    return read_csv(path, mapping, default_region, progress, cancelled)
