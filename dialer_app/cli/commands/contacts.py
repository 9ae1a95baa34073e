"""``dialer-app contacts import|export``: the profile's contacts to and from files."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dialer_app.cli.arguments import UsageError
from dialer_app.cli.output import (
    EXIT_DATABASE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailedError,
    emit_json,
)
from dialer_app.cli.progress import TerminalProgress
from dialer_app.core.runtime import Runtime

if TYPE_CHECKING:  # the contacts modules load only for ``contacts`` (keeps ``call`` quick)
    from dialer_app.core.contact_import import ImportOutcome, SkippedRow
    from dialer_app.core.store import MergeNote, Store


_MAX_ROWS_SHOWN = 20


def run_import(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.contact_import import ContactImportError, import_contacts
    from dialer_app.core.phone import is_valid_region
    from dialer_app.core.store import StoreError

    region = (args.region or runtime.settings.default_region).strip().upper()
    if not is_valid_region(region):
        raise UsageError(f"unknown region {args.region!r}: use a two-letter country code like US")
    store = _open_store(runtime.database_path)
    progress = TerminalProgress.on_stderr()
    try:
        store.check_writable("import contacts")  # before reading a file it could not save
        outcome = import_contacts(
            store,
            args.file,
            args.format,
            region,
            reading_progress=progress.reading if progress else None,
            saving_progress=progress.saving if progress else None,
        )
    except ContactImportError as exc:
        raise CommandFailedError(
            f"{args.file} was not imported: {exc}.", "invalid_file", EXIT_USAGE
        ) from None
    except (StoreError, sqlite3.Error) as exc:
        raise _database_failure(store.path, exc, "Nothing was imported.") from None
    except KeyboardInterrupt:
        raise CommandFailedError(
            "Interrupted; nothing was imported.", "interrupted", EXIT_INTERRUPTED
        ) from None
    finally:
        if progress is not None:
            progress.clear()
        store.close()
    _print_import(outcome, args.json)
    return EXIT_OK


def _print_import(outcome: ImportOutcome, as_json: bool) -> None:
    from dialer_app.core.contact_import import report_notes

    report = outcome.report
    if as_json:
        emit_json(
            {
                "ok": True,
                "imported": outcome.imported,
                "merged": outcome.merged,
                "merges": _merges_json(report.merges),
                "kept_apart": _merges_json(report.kept_apart),
                "kept_apart_count": report.kept_apart_count,
                "skipped": _rows_json(outcome.skipped),
                "skipped_count": report.skipped_count,
                "unverified": _rows_json(outcome.unverified),
                "unverified_count": report.unverified_count,
                "region": report.region,
                "without_country_code": [
                    {"line": n.line, "raw": n.raw, "number": f"+{n.digits}"}
                    for n in report.national
                ],
                "without_country_code_count": report.national_count,
                "not_utf8_lines": report.legacy_count,
                "not_utf8_first_lines": report.legacy_lines,
                "read_as_windows_1252": report.legacy_file,
                "total_contacts": outcome.total_contacts,
            }
        )
        return
    print(outcome.summary())
    notes = report_notes(report)
    for line, kind, text in notes[:_MAX_ROWS_SHOWN]:
        print(f"  {kind}, line {line}: {text}")
    if len(notes) > _MAX_ROWS_SHOWN:
        print(f"  ... and {len(notes) - _MAX_ROWS_SHOWN} more (--json lists them all)")


def _rows_json(rows: list[SkippedRow]) -> list[dict[str, object]]:
    return [{"line": row.line, "reason": row.reason} for row in rows]


def _merges_json(notes: list[MergeNote]) -> list[dict[str, object]]:
    return [
        {
            "line": note.line,
            "name": note.name,
            "other_name": note.other_name,
            "number": f"+{note.digits}",
            "other_was_stored_before": note.existing,
        }
        for note in notes
    ]


def run_export(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.contact_export import export_contacts
    from dialer_app.core.contact_import import FormatError, detect_format
    from dialer_app.core.store import StoreError

    try:
        fmt = detect_format(args.file, args.format, writing=True)
    except FormatError as exc:
        raise UsageError(f"{exc}.") from None
    store = _open_store(runtime.database_path)
    try:
        count = export_contacts(store, args.file, fmt)
    except OSError as exc:
        raise CommandFailedError(
            f"Cannot write {args.file}: {exc.strerror or exc}.", "invalid_file", EXIT_USAGE
        ) from None
    except (StoreError, sqlite3.Error) as exc:
        raise _database_failure(store.path, exc, "Nothing was exported.") from None
    finally:
        store.close()
    noun = "contact" if count == 1 else "contacts"
    print(f"Exported {count} {noun} to {args.file}", file=sys.stderr)
    return EXIT_OK


def _open_store(path: Path) -> Store:
    """The profile's contacts database; a recovered (damaged) file is reported as a warning."""
    from dialer_app.core.store import Store, StoreError

    try:
        store, notice = Store.open(path)
    except (StoreError, sqlite3.Error, OSError) as exc:
        raise _database_failure(path, exc, "") from None
    if notice is not None:
        print(
            f"dialer-app: warning: the contacts database was damaged ({notice.reason}); "
            f"it was moved to {notice.moved_to} and a new, empty one was started.",
            file=sys.stderr,
        )
    return store


def _database_failure(path: Path, error: Exception, consequence: str) -> CommandFailedError:
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    message = f"The contacts database {path} cannot be used: {detail}. {consequence}"
    return CommandFailedError(message.rstrip(), "database", EXIT_DATABASE)
