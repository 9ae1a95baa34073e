"""``dialer-app contacts import|export|restore``: the profile's contacts to and from files,
and back from a backup."""

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
    from dialer_app.core.store import Backup, MergeNote, Store


_MAX_ROWS_SHOWN = 20


def run_import(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.phone import is_valid_region

    region = (args.region or runtime.settings.default_region).strip().upper()
    if not is_valid_region(region):
        raise UsageError(f"unknown region {args.region!r}: use a two-letter country code like US")
    store = _open_store(runtime.database_path)
    try:
        outcome = _import_into(store, args, region)
        _back_up(store)  # a backup after every import
    finally:
        store.close()
    _print_import(outcome, args.json)
    return EXIT_OK


def _import_into(store: Store, args: argparse.Namespace, region: str) -> ImportOutcome:
    from dialer_app.core.contact_import import ContactImportError, import_contacts
    from dialer_app.core.store import StoreError

    progress = TerminalProgress.on_stderr()
    try:
        store.check_writable("import contacts")  # before reading a file it could not save
        return import_contacts(
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
        exported = export_contacts(store, args.file, fmt)
    except OSError as exc:
        raise CommandFailedError(
            f"Cannot write {args.file}: {exc.strerror or exc}.", "invalid_file", EXIT_USAGE
        ) from None
    except (StoreError, sqlite3.Error) as exc:
        raise _database_failure(store.path, exc, "Nothing was exported.") from None
    finally:
        store.close()
    noun = "contact" if exported.count == 1 else "contacts"
    print(f"Exported {exported.count} {noun} to {args.file}", file=sys.stderr)
    if exported.note:
        _warn(exported.note)
    return EXIT_OK


def run_restore(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.store import StoreError

    store = _open_store(runtime.database_path)
    try:
        backups = store.backups()
        if args.list:
            _print_backups(backups, args.json)
            return EXIT_OK
        chosen = _chosen_backup(backups, args.backup, store.backup_folder)
        restored = store.restore_backup(chosen)
    except (StoreError, sqlite3.Error, OSError) as exc:
        raise _database_failure(store.path, exc, "Nothing was restored.") from None
    finally:
        store.close()
    if args.json:
        emit_json(
            {
                "ok": True,
                "backup": str(restored.backup),
                "contacts": restored.contacts,
                "history": restored.history,
                "previous_kept_as": str(restored.previous_kept_as),
                "calls_kept": restored.calls_kept,
                "do_not_call": restored.do_not_call,
                "call_lists_kept": restored.call_lists_kept,
                "call_lists_from_backup": restored.call_lists_from_backup,
            }
        )
    else:
        print(restored.sentence())
    return EXIT_OK


def _chosen_backup(backups: list[Backup], wanted: str | None, folder: Path) -> Path:
    """The backup asked for (a path or a name in the folder), else the newest one."""
    if wanted:
        path = Path(wanted)
        candidates = [path, folder / path.name] if not path.is_absolute() else [path]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        raise UsageError(f"no backup {wanted!r} (see 'dialer-app contacts restore --list')")
    if not backups:
        raise CommandFailedError(
            f"There is no backup to restore in {folder}: one is made after every import, "
            "before a bulk delete and once a day.",
            "no_backup",
            EXIT_DATABASE,
        )
    return backups[0].path


def _print_backups(backups: list[Backup], as_json: bool) -> None:
    from dialer_app.core.store import read_backup

    rows: list[dict[str, object]] = []
    for backup in backups:
        try:
            contents = read_backup(backup.path)
        except sqlite3.Error as exc:
            rows.append({"file": str(backup.path), "taken": backup.describe(), "error": str(exc)})
        else:
            rows.append(
                {
                    "file": str(backup.path),
                    "taken": backup.describe(),
                    "contacts": contents.contacts,
                    "history": contents.history,
                }
            )
    if as_json:
        emit_json({"ok": True, "backups": rows})
        return
    if not rows:
        print("No backups yet: one is made after every import, before a bulk delete and daily.")
    for row in rows:
        if "error" in row:
            print(f"{row['taken']}  cannot be read ({row['error']})  {row['file']}")
        else:
            counts = f"{row['contacts']:,} contacts  {row['history']:,} calls"
            print(f"{row['taken']}  {counts}  {row['file']}")


def _back_up(store: Store) -> None:
    """A backup after a change; one that cannot be written is a warning, not a failure."""
    try:
        store.back_up()
    except (OSError, sqlite3.Error) as exc:
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        _warn(f"a backup of the contacts could not be written ({detail}).")


def _warn(text: str) -> None:
    print(f"dialer-app: warning: {text}", file=sys.stderr)


def _open_store(path: Path) -> Store:
    """The profile's contacts database; what opening it found and fixed (a damaged file
    rebuilt, a foreign journal set aside, a profile others could read) is a warning."""
    from dialer_app.core.profile import secure_profile
    from dialer_app.core.store import Store, StoreError

    tightened = secure_profile(path.parent)
    if tightened:
        _warn(tightened)
    try:
        store, notice = Store.open(path)
    except (StoreError, sqlite3.Error, OSError) as exc:
        raise _database_failure(path, exc, "") from None
    if notice is not None:
        _warn(notice.message())
    for note in store.opening_notes:
        _warn(note)
    return store


def _database_failure(path: Path, error: Exception, consequence: str) -> CommandFailedError:
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    message = f"The contacts database {path} cannot be used: {detail}. {consequence}"
    return CommandFailedError(message.rstrip(), "database", EXIT_DATABASE)
