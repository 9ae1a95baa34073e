"""``dialer-app lists [import|show|record|export|delete]``: call lists from the command line.

The same lists the window works through (the profile's database): a CRM script imports a
list, reads its progress and outcomes (``show --json``), records a disposition and exports
the results. ``show`` asks the Dialer about every entry still to call (``Dialer.prepare``
sends nothing), so an entry the calling rules hold back says ``"status": "blocked"`` with
the reason.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dialer_app.cli.arguments import UsageError
from dialer_app.cli.output import EXIT_OK, EXIT_USAGE, CommandFailedError, emit_json
from dialer_app.cli.progress import TerminalProgress
from dialer_app.core.runtime import Runtime

if TYPE_CHECKING:  # the list modules load only for ``lists`` (keeps ``call`` quick)
    from dialer_app.core.call_lists import EntryCheck, ListImport
    from dialer_app.core.dialer import CallRule
    from dialer_app.core.store import CallList, CallListStore, ListEntry, Store


def calling_rules(runtime: Runtime, store: Store) -> Sequence[CallRule]:
    """The calling rules ``lists show`` asks the Dialer about: the ones ``call`` applies."""
    from dialer_app.cli.commands.call import calling_rules_of

    return calling_rules_of(runtime, store)


def run_lists(runtime: Runtime, args: argparse.Namespace) -> int:
    """``lists``: every list with its progress; the current one is marked."""
    with _opened(runtime, "Nothing was read.") as (_store, lists):
        found = lists.all()
    if args.json:
        emit_json({"ok": True, "lists": [_list_json(one) for one in found]})
        return EXIT_OK
    if not found:
        print("No call lists yet. Import one: dialer-app lists import FILE --name NAME")
        return EXIT_OK
    width = max(len(one.name) for one in found)
    for one in found:
        mark = "*" if one.current else " "
        progress = f"{one.done} / {one.total} done"
        if one.callbacks:
            progress += f" · {one.callbacks} call back{'s' if one.callbacks != 1 else ''}"
        source = f"  (from {one.source})" if one.source else ""
        print(f"{mark} {one.name:<{width}}  {progress}{source}")
    return EXIT_OK


def run_import(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.call_lists import import_list
    from dialer_app.core.contact_import import ContactImportError
    from dialer_app.core.phone import is_valid_region
    from dialer_app.core.store import CallListError

    region = (args.region or runtime.settings.default_region).strip().upper()
    if not is_valid_region(region):
        raise UsageError(f"unknown region {args.region!r}: use a two-letter country code like US")
    name = args.name or Path(args.file).stem
    progress = TerminalProgress.on_stderr()
    with _opened(runtime, "Nothing was imported.") as (store, _lists):
        try:
            imported = import_list(
                store,
                args.file,
                name,
                args.format,
                region,
                progress=progress.reading if progress else None,
            )
        except ContactImportError as exc:
            raise CommandFailedError(
                f"{args.file} was not imported: {exc}.", "invalid_file", EXIT_USAGE
            ) from None
        except CallListError as exc:
            raise CommandFailedError(_sentence(str(exc)), "invalid_name", EXIT_USAGE) from None
        except KeyboardInterrupt:
            from dialer_app.cli.output import EXIT_INTERRUPTED

            raise CommandFailedError(
                "Interrupted; nothing was imported.", "interrupted", EXIT_INTERRUPTED
            ) from None
        finally:
            if progress is not None:
                progress.clear()
    _print_import(imported, args.json)
    return EXIT_OK


def _print_import(imported: ListImport, as_json: bool) -> None:
    report = imported.read.report
    if as_json:
        emit_json(
            {
                "ok": True,
                "list": _list_json(imported.call_list),
                "skipped": [{"line": row.line, "reason": row.reason} for row in report.skipped],
                "skipped_count": report.skipped_count,
                "not_dialable": [
                    {"line": row.line, "reason": row.reason} for row in report.unverified
                ],
                "not_dialable_count": report.unverified_count,
                "region": report.region,
                "without_country_code_count": report.national_count,
            }
        )
        return
    print(imported.summary())


def run_show(runtime: Runtime, args: argparse.Namespace) -> int:
    """``lists show NAME``: every entry with its status and outcome."""
    from dialer_app.core.call_lists import list_progress

    with _opened(runtime, "Nothing was read.") as (store, lists):
        found = _find(lists, args.name)
        entries = lists.entries(found.id)
        checks = _checks(runtime, store, entries)
    if args.json:
        emit_json(
            {
                "ok": True,
                "name": found.name,
                "total": found.total,
                "done": found.done,
                "current": found.current,
                "columns": list(found.columns),
                "entries": [_entry_json(found, entry, checks.get(entry.id)) for entry in entries],
            }
        )
        return EXIT_OK
    print(f"{found.name}: {list_progress(entries, checks).text}")
    for entry in entries:
        status = _status(entry, checks.get(entry.id))
        outcome: str = entry.disposition or ""
        if entry.note:
            outcome += f": {entry.note}" if outcome else entry.note
        check = checks.get(entry.id)
        if check is not None and not check.callable:
            outcome = check.reason
        print(
            f"{entry.id:>5}  {status:<12} {entry.name[:28]:<28} {entry.number[:20]:<20} "
            f"{entry.attempts:>2}  {outcome}".rstrip()
        )
    return EXIT_OK


def run_record(runtime: Runtime, args: argparse.Namespace) -> int:
    """``lists record NAME ENTRY_ID --disposition D [--note TEXT] [--at WHEN]``."""
    from dialer_app.core.call_lists import callback_time, disposition_for, record_disposition
    from dialer_app.core.store import CallListError, CallListNotFoundError

    try:
        disposition = disposition_for(args.disposition)
        when = callback_time(args.at, datetime.now(UTC)) if args.at else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if disposition == "callback" and when is None:
        raise UsageError("--disposition callback needs --at WHEN (e.g. --at '2025-03-04 15:00')")
    if disposition != "callback" and when is not None:
        raise UsageError("--at goes with --disposition callback only")
    with _opened(runtime, "Nothing was recorded.") as (store, lists):
        found = _find(lists, args.name)
        try:
            recorded = record_disposition(
                store, found.id, args.entry_id, disposition, args.note or "", when
            )
        except CallListNotFoundError:
            raise CommandFailedError(
                f"The list {found.name} has no entry {args.entry_id} (its entries are 1 to "
                f"{found.total}).",
                "unknown_entry",
                EXIT_USAGE,
            ) from None
        except CallListError as exc:
            raise CommandFailedError(_sentence(str(exc)), "invalid_entry", EXIT_USAGE) from None
    entry = recorded.entry
    if args.json:
        emit_json({"ok": True, "entry": _entry_json(found, entry, None), "notice": recorded.notice})
        return EXIT_OK
    from dialer_app.core.call_lists import entry_state_text

    print(f"{found.name}, entry {entry.id} ({entry.name}): {entry_state_text(entry)}.")
    if recorded.notice:
        print(recorded.notice)
    return EXIT_OK


def run_export(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.call_lists import export_list

    with _opened(runtime, "Nothing was exported.") as (store, lists):
        found = _find(lists, args.name)
        try:
            count = export_list(store, found, args.file)
        except OSError as exc:
            raise CommandFailedError(
                f"Cannot write {args.file}: {exc.strerror or exc}.", "invalid_file", EXIT_USAGE
            ) from None
    noun = "entry" if count == 1 else "entries"
    print(f"Exported {count} {noun} of {found.name} to {args.file}", file=sys.stderr)
    return EXIT_OK


def run_delete(runtime: Runtime, args: argparse.Namespace) -> int:
    with _opened(runtime, "Nothing was deleted.") as (_store, lists):
        found = _find(lists, args.name)
        lists.delete(found.id)
    noun = "entry" if found.total == 1 else "entries"
    print(f"Deleted the list {found.name} ({found.total} {noun}).", file=sys.stderr)
    return EXIT_OK


# helpers ----------------------------------------------------------------------------------
@contextmanager
def _opened(runtime: Runtime, consequence: str) -> Iterator[tuple[Store, CallListStore]]:
    """The profile's database and its lists for one command; database trouble (not a list's
    own error) becomes exit 7 with ``consequence`` said."""
    from dialer_app.cli.commands.contacts import _database_failure, _open_store
    from dialer_app.core.store import CallListError, CallListStore, StoreError

    store = _open_store(runtime.database_path)
    try:
        yield store, CallListStore(store)
    except CallListError:
        raise
    except (StoreError, sqlite3.Error) as exc:
        raise _database_failure(store.path, exc, consequence) from None
    finally:
        store.close()


def _find(lists: CallListStore, name: str) -> CallList:
    found = lists.find(name)
    if found is not None:
        return found
    names = ", ".join(one.name for one in lists.all())
    known = f" (the lists: {names})" if names else " (there are no lists yet)"
    raise CommandFailedError(
        f"There is no call list named {name!r}{known}.", "unknown_list", EXIT_USAGE
    )


def _checks(runtime: Runtime, store: Store, entries: list[ListEntry]) -> dict[int, EntryCheck]:
    """What the Dialer says now about each entry still to call (nothing is sent)."""
    from dialer_app.core.call_lists import check_entry
    from dialer_app.core.dialer import Dialer

    settings = runtime.settings
    rules = calling_rules(runtime, store)
    dialer = Dialer(lambda: runtime.settings, rules=lambda: rules)
    return {
        entry.id: check_entry(dialer, entry, settings.default_mode, settings.default_caller_id)
        for entry in entries
        if entry.status in ("pending", "callback")
    }


def _status(entry: ListEntry, check: EntryCheck | None) -> str:
    """The entry's status for people and scripts: ``blocked`` and ``not_dialable`` (now)
    over the stored ``pending`` / ``called`` / ``done`` / ``callback``."""
    if check is not None and not check.callable:
        return check.state
    return entry.status


def _list_json(found: CallList) -> dict[str, Any]:
    return {
        "name": found.name,
        "total": found.total,
        "done": found.done,
        "callbacks": found.callbacks,
        "current": found.current,
        "source": found.source,
        "created_at": found.created_at.isoformat(timespec="seconds"),
    }


def _entry_json(found: CallList, entry: ListEntry, check: EntryCheck | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "name": entry.name,
        "number": entry.number,
        "e164": f"+{entry.digits}" if entry.digits else None,
        "status": _status(entry, check),
        "disposition": entry.disposition,
        "note": entry.note,
        "attempts": entry.attempts,
        "request_id": entry.request_id,
        "last_called": _time(entry.last_called_at),
        "callback_at": _time(entry.callback_at),
        "line": entry.line,
        "columns": dict(zip(found.columns, entry.cells, strict=False)),
    }
    if check is not None and not check.callable:
        data["reason"] = check.reason
        data["rule"] = check.rule
    return data


def _time(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone().isoformat(timespec="seconds")


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "."
