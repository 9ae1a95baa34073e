"""``dialer-app dnc add|remove|import|list|check|refresh``: the do-not-call list.

The agent's own entries live in the profile's database; the team's list (the ``dnc_source``
setting) is read when its kept copy is more than an hour old, and a source that cannot be
read keeps the copy (with a warning). ``check`` exits 0 when the number may be called and 8
(as ``call`` does) when the list holds it back.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from dialer_app.cli.arguments import UsageError
from dialer_app.cli.output import (
    EXIT_CALLING_RULE,
    EXIT_DATABASE,
    EXIT_NETWORK,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailedError,
    emit_json,
)
from dialer_app.core.runtime import Runtime

if TYPE_CHECKING:
    from dialer_app.core.compliance import TeamRefresh
    from dialer_app.core.do_not_call import DoNotCallEntry, TeamCopy
    from dialer_app.core.phone import PhoneNumber
    from dialer_app.core.store import Store

_T = TypeVar("_T")
_MAX_LINES_SHOWN = 20
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def run_add(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.do_not_call import DoNotCallEntry, clean_note

    number = _number(args.number, runtime.settings.default_region)
    note = clean_note(args.note or "")
    with _store(runtime) as store:
        added = _write(store, lambda: store.add_do_not_call([DoNotCallEntry(number.digits, note)]))
    if args.json:
        emit_json({"ok": True, "number": number.e164, "added": bool(added), "note": note})
    else:
        said = "Added {} to" if added else "{} was already on"
        print(f"{said.format(number.international)} the do-not-call list.", file=sys.stderr)
    return EXIT_OK


def run_remove(runtime: Runtime, args: argparse.Namespace) -> int:
    number = _number(args.number, runtime.settings.default_region)
    with _store(runtime) as store:
        removed = _write(store, lambda: store.remove_do_not_call(number.digits))
        on_team = store.team_do_not_call_note(number.digits) is not None
    if not removed:
        message = f"{number.international} is not on your do-not-call list."
        if on_team:
            message += " It is on the team's list: only the team can take it off."
        raise CommandFailedError(message, "not_listed", EXIT_USAGE)
    if args.json:
        emit_json({"ok": True, "number": number.e164, "removed": True})
    else:
        print(f"Removed {number.international} from the do-not-call list.", file=sys.stderr)
    return EXIT_OK


def run_import(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.core.dnc_file import NumberFileError, read_number_file
    from dialer_app.core.do_not_call import DoNotCallEntry
    from dialer_app.core.phone import is_valid_region

    region = (args.region or runtime.settings.default_region).strip().upper()
    if not is_valid_region(region):
        raise UsageError(f"unknown region {args.region!r}: use a two-letter country code like US")
    try:
        found = read_number_file(Path(args.file), region, MAX_IMPORT_BYTES)
    except NumberFileError as exc:
        raise CommandFailedError(
            f"{args.file} was not imported: {exc}.", "invalid_file", EXIT_USAGE
        ) from None
    if not found.numbers:
        raise CommandFailedError(
            f"{args.file} was not imported: no line of it is a phone number "
            f"({found.skipped_count} lines skipped).",
            "invalid_file",
            EXIT_USAGE,
        )
    entries = [DoNotCallEntry(d, note, None, "import") for d, note in found.numbers.items()]
    with _store(runtime) as store:
        added = _write(store, lambda: store.add_do_not_call(entries))
    skipped = [{"line": s.line, "text": s.text, "reason": s.reason} for s in found.skipped]
    if args.json:
        emit_json(
            {
                "ok": True,
                "numbers": len(entries),
                "added": added,
                "already_listed": len(entries) - added,
                "skipped": skipped,
                "skipped_count": found.skipped_count,
            }
        )
        return EXIT_OK
    print(
        f"Imported {len(entries):,} numbers from {args.file}: {added:,} added, "
        f"{len(entries) - added:,} already listed, {found.skipped_count:,} lines skipped."
    )
    for line in found.skipped[:_MAX_LINES_SHOWN]:
        print(f"  line {line.line}: {line.text!r}: {line.reason}")
    if found.skipped_count > _MAX_LINES_SHOWN:
        print(f"  ... and {found.skipped_count - _MAX_LINES_SHOWN:,} more (--json lists them)")
    return EXIT_OK


def run_list(runtime: Runtime, args: argparse.Namespace) -> int:
    with _store(runtime) as store:
        entries = store.do_not_call_entries()
        copy = store.team_do_not_call_copy()
    source = runtime.settings.dnc_source.strip()
    if args.json:
        emit_json(
            {
                "ok": True,
                "entries": [_entry_json(entry) for entry in entries],
                "team": _team_json(copy, source),
            }
        )
        return EXIT_OK
    for entry in entries:
        added = f"{entry.added_at.astimezone():%Y-%m-%d}" if entry.added_at else ""
        print("\t".join((f"+{entry.digits}", added, entry.source, entry.note)).rstrip())
    print(_team_summary(copy, source, len(entries)), file=sys.stderr)
    return EXIT_OK


def run_check(runtime: Runtime, args: argparse.Namespace) -> int:
    number = _number(args.number, runtime.settings.default_region)
    reason = _why_listed(runtime, number.digits)
    if reason is not None:
        message = f"{number.international} must not be called: {reason}"
        raise CommandFailedError(
            message, "blocked", EXIT_CALLING_RULE, {"rule": "do_not_call", "reason": message}
        )
    if args.json:
        emit_json({"ok": True, "number": number.e164, "blocked": False})
    else:
        print(f"{number.international} is not on the do-not-call list.", file=sys.stderr)
    return EXIT_OK


def _why_listed(runtime: Runtime, digits: str) -> str | None:
    """The reason ``digits`` is listed, as ``call`` checks it (a database that cannot be
    opened is read without writing, as ``call`` does)."""
    from dialer_app.core.compliance import in_memory, refresh_team_copy, stored_do_not_call
    from dialer_app.core.store import StoreError, read_do_not_call_lists

    settings = runtime.settings
    in_use = bool(settings.dnc_source.strip())
    try:
        store = _open_store(runtime)
    except CommandFailedError as failure:
        try:
            lists = read_do_not_call_lists(runtime.database_path, datetime.now(UTC))
        except StoreError:
            raise failure from None
        return in_memory(lists, in_use)[0].reason(digits)
    try:
        refresh = _refresh(store, lambda: refresh_team_copy(store, settings, time.time()))
        if refresh.problem:
            print(f"dialer-app: warning: {refresh.problem}", file=sys.stderr)
        return stored_do_not_call(store, lambda: in_use)(digits)
    finally:
        store.close()


def run_refresh(runtime: Runtime, args: argparse.Namespace) -> int:
    """Read the team's list now, whatever the age of the kept copy."""
    from dialer_app.core.compliance import keep_team_copy, read_team_source, team_problem
    from dialer_app.core.dnc_source import SourceError

    settings = runtime.settings
    source = settings.dnc_source.strip()
    if not source:
        raise CommandFailedError(
            "No team list is set: `dialer-app settings set dnc_source PATH-OR-HTTPS-URL`.",
            "no_source",
            EXIT_USAGE,
        )
    with _store(runtime) as store:
        try:
            team = read_team_source(settings)
        except SourceError as exc:
            message = team_problem(source, str(exc), store.team_do_not_call_copy())
            raise CommandFailedError(message, "source_unreadable", EXIT_NETWORK) from None
        copy = _write(store, lambda: keep_team_copy(store, team))
    if args.json:
        emit_json({"ok": True, "team": _team_json(copy, source)})
    else:
        print(
            f"Read {copy.count:,} numbers from {source} ({copy.skipped:,} lines skipped).",
            file=sys.stderr,
        )
    return EXIT_OK


# helpers --------------------------------------------------------------------------------
def _number(text: str, region: str) -> PhoneNumber:
    from dialer_app.core.phone import InvalidNumberError, normalize

    try:
        return normalize(text, region)
    except InvalidNumberError as exc:
        raise CommandFailedError(
            f"{text.strip() or 'An empty number'} is not a phone number: {exc.reason}.",
            "invalid_number",
            EXIT_USAGE,
        ) from None


@contextmanager
def _store(runtime: Runtime) -> Iterator[Store]:
    """The profile's database for one command (closed after it)."""
    store = _open_store(runtime)
    try:
        yield store
    finally:
        store.close()


def _open_store(runtime: Runtime) -> Store:
    """The profile's database; a damaged one is reported as a warning."""
    from dialer_app.core.store import Store, StoreError

    path = runtime.database_path
    try:
        store, notice = Store.open(path)
    except (StoreError, sqlite3.Error, OSError) as exc:
        raise _database_failure(path, exc) from None
    if notice is not None:  # what came back, do-not-call numbers included
        print(f"dialer-app: warning: {notice.message()}", file=sys.stderr)
    return store


def _write(store: Store, action: Callable[[], _T]) -> _T:
    from dialer_app.core.store import StoreError

    try:
        return action()
    except (StoreError, sqlite3.Error) as exc:
        raise _database_failure(store.path, exc) from None


def _refresh(store: Store, action: Callable[[], TeamRefresh]) -> TeamRefresh:
    """The team's copy refreshed; a copy that cannot be kept (read-only database) is a
    warning: the kept copy is still used."""
    from dialer_app.core.compliance import TeamRefresh
    from dialer_app.core.store import StoreError

    try:
        return action()
    except (StoreError, sqlite3.Error) as exc:
        copy = store.team_do_not_call_copy()
        return TeamRefresh(copy, f"the team's do-not-call list could not be kept ({exc})")


def _database_failure(path: Path, error: Exception) -> CommandFailedError:
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return CommandFailedError(
        f"The profile's database {path} cannot be used: {detail}. Nothing was changed.",
        "database",
        EXIT_DATABASE,
    )


def _entry_json(entry: DoNotCallEntry) -> dict[str, Any]:
    return {
        "number": f"+{entry.digits}",
        "note": entry.note,
        "added_at": entry.added_at.isoformat() if entry.added_at else None,
        "source": entry.source,
    }


def _team_json(copy: TeamCopy | None, source: str) -> dict[str, Any]:
    return {
        "source": source or None,
        "in_use": bool(source),
        "copy_source": copy.source if copy else None,
        "loaded_at": copy.loaded_at.isoformat() if copy else None,
        "count": copy.count if copy else 0,
        "skipped": copy.skipped if copy else 0,
    }


def _team_summary(copy: TeamCopy | None, source: str, own: int) -> str:
    text = f"{own:,} number{'s' if own != 1 else ''} on your do-not-call list."
    if not source:
        return text + " No team list is set (setting dnc_source)."
    if copy is None:
        return text + f" The team's list ({source}) has not been read yet."
    when = copy.loaded_at.astimezone().strftime("%Y-%m-%d %H:%M")
    return text + f" The team's list: {copy.count:,} numbers from {copy.source}, read {when}."
