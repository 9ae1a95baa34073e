"""What each command-line command does (parsing lives in ``cli``)."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from dialer_app.cli import (
    EXIT_CREDENTIALS,
    EXIT_DATABASE,
    EXIT_INTERRUPTED,
    EXIT_NETWORK,
    EXIT_NO_ACCOUNT,
    EXIT_OK,
    EXIT_REJECTED,
    EXIT_USAGE,
    UsageError,
    emit_json,
    read_secret,
)
from dialer_app.core.call_errors import (
    Click2CallError,
    InvalidSecretError,
    InvalidUserIdError,
    RequestRejectedError,
)
from dialer_app.core.call_request import (
    CallRequest,
    DeliveryMode,
    InvalidCallRequestError,
    validate_extra_params,
)
from dialer_app.core.credentials import KeyringUnavailableError
from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.core.settings import Settings, SettingsError
from dialer_app.core.urls import InvalidBaseUrlError
from dialer_app.runtime import NoAccountError, Runtime, RuntimeOptions

if TYPE_CHECKING:  # the contacts modules load only for ``contacts`` (keeps ``call`` quick)
    from dialer_app.contacts_io import ImportOutcome
    from dialer_app.core.contact_import import SkippedRow
    from dialer_app.core.store import Store


class CommandFailedError(Exception):
    """A command failed with a message, a stable kind and an exit code."""

    def __init__(self, message: str, kind: str, exit_code: int) -> None:
        super().__init__(message)
        self.message, self.kind, self.exit_code = message, kind, exit_code


def exit_code_for(error: Click2CallError) -> int:
    if isinstance(error, InvalidSecretError | InvalidUserIdError):
        return EXIT_CREDENTIALS
    if isinstance(error, RequestRejectedError):
        return EXIT_REJECTED
    return EXIT_NETWORK


def run_command(args: argparse.Namespace) -> int:
    """Run the parsed command; report failures on stderr (or as JSON) with their exit code."""
    as_json = bool(getattr(args, "json", False))
    handler = _HANDLERS[(args.command, getattr(args, "action", None))]
    try:
        runtime = Runtime.open(RuntimeOptions(args.profile, args.api_base, args.sandbox))
    except InvalidBaseUrlError as exc:
        return _fail(CommandFailedError(str(exc), "usage", EXIT_USAGE), as_json)
    except OSError as exc:
        message = f"The profile folder cannot be used: {exc.strerror} ({exc.filename})."
        return _fail(CommandFailedError(message, "profile", EXIT_NO_ACCOUNT), as_json)
    try:
        for warning in runtime.loaded.warnings:
            print(f"dialer-app: warning: {warning}", file=sys.stderr)
        return handler(runtime, args)
    except CommandFailedError as exc:
        return _fail(exc, as_json)
    except UsageError as exc:
        return _fail(CommandFailedError(str(exc), "usage", EXIT_USAGE), as_json)
    except KeyringUnavailableError as exc:
        return _fail(CommandFailedError(str(exc), "keyring_unavailable", EXIT_NO_ACCOUNT), as_json)
    except NoAccountError as exc:
        return _fail(CommandFailedError(str(exc), "no_account", EXIT_NO_ACCOUNT), as_json)
    finally:
        runtime.close()


def _fail(error: CommandFailedError, as_json: bool) -> int:
    if as_json:
        emit_json({"ok": False, "error": error.message, "error_kind": error.kind})
    else:
        print(f"dialer-app: error: {error.message}", file=sys.stderr)
    return error.exit_code


def _call(runtime: Runtime, args: argparse.Namespace) -> int:
    settings = runtime.settings
    try:
        number = normalize(args.number, settings.default_region)
        caller_id = (
            normalize(args.caller_id, settings.default_region).digits
            if args.caller_id
            else settings.default_caller_id
        )
    except InvalidNumberError as exc:
        raise CommandFailedError(f"Invalid number: {exc}", "invalid_number", EXIT_USAGE) from None
    extra = dict(settings.extra_params_template)
    if args.extra:
        extra.update(_parse_extra(args.extra))
    mode = DeliveryMode(args.mode) if args.mode else settings.default_mode
    try:
        request = CallRequest(number.digits, mode, caller_id, extra or None)
    except InvalidCallRequestError as exc:
        raise CommandFailedError(str(exc), "invalid_request", EXIT_USAGE) from None
    account = runtime.account()
    try:
        result = runtime.new_client().place_call(account, request)
    except Click2CallError as exc:
        raise CommandFailedError(exc.message, exc.kind, exit_code_for(exc)) from None
    if args.json:
        emit_json(
            {
                "ok": True,
                "request_id": result.request_id,
                "msg": result.msg,
                "to": number.digits,
                "mode": mode.value,
            }
        )
    else:
        print(result.request_id)
        print(
            f"Call initiated: {mode.rings_first} will ring first, then {number.international}.",
            file=sys.stderr,
        )
    return EXIT_OK


def _parse_extra(text: str) -> dict[str, Any]:
    try:
        return validate_extra_params(json.loads(text))
    except ValueError as exc:
        raise CommandFailedError(
            f"--extra must be a JSON object: {exc}", "invalid_request", EXIT_USAGE
        ) from None


def _credentials_set(runtime: Runtime, args: argparse.Namespace) -> int:
    try:
        settings = replace(runtime.settings, user_id=args.user_id.strip()).validated()
    except SettingsError as exc:
        raise CommandFailedError(str(exc), "usage", EXIT_USAGE) from None
    if not settings.user_id:
        raise UsageError("The user id must not be empty.")
    secret = read_secret()
    if not secret:
        raise UsageError("The app secret is empty; nothing was stored.")
    _save_settings(runtime, settings)  # first: a profile we cannot write stores nothing
    runtime.credentials.set_secret(settings.user_id, secret)
    print(
        f"Stored the app secret for {settings.user_id} in {runtime.credentials.backend_name()}.",
        file=sys.stderr,
    )
    return EXIT_OK


def _save_settings(runtime: Runtime, settings: Settings) -> None:
    try:
        runtime.save_settings(settings)
    except OSError as exc:
        raise CommandFailedError(
            f"Settings could not be saved in {runtime.profile_dir} ({exc.strerror or exc}); "
            "nothing was stored.",
            "profile_unwritable",
            EXIT_DATABASE,
        ) from None


def _credentials_status(runtime: Runtime, args: argparse.Namespace) -> int:
    user_id = runtime.settings.user_id
    backend = runtime.credentials.backend_name()
    stored: bool | None = None
    problem = ""
    if user_id:
        try:
            stored = runtime.credentials.get_secret(user_id) is not None
        except KeyringUnavailableError as exc:
            problem = str(exc)
    status = {
        "profile": str(runtime.profile_dir),
        "user_id": user_id or None,
        "keyring_backend": backend,
        "secret_stored": stored,
    }
    if args.json:
        emit_json({"ok": not problem, **status, **({"error": problem} if problem else {})})
    else:
        print(f"Profile:         {runtime.profile_dir}")
        print(f"User id:         {user_id or '(none)'}")
        print(f"Keyring backend: {backend}")
        print(f"Secret stored:   {_yes_no(stored)}")
        if problem:
            print(f"dialer-app: error: {problem}", file=sys.stderr)
    return EXIT_NO_ACCOUNT if problem else EXIT_OK


def _yes_no(value: bool | None) -> str:
    return "(no user id)" if value is None else "yes" if value else "no"


def _credentials_clear(runtime: Runtime, _args: argparse.Namespace) -> int:
    user_id = runtime.settings.user_id
    if not user_id:
        print("No account is set up in this profile; nothing to clear.", file=sys.stderr)
        return EXIT_OK
    _save_settings(runtime, replace(runtime.settings, user_id=""))
    deleted = runtime.credentials.delete_secret(user_id)
    what = "the app secret and user id" if deleted else "the user id (no secret was stored)"
    print(f"Forgot {what} for {user_id}.", file=sys.stderr)
    return EXIT_OK


_MAX_ROWS_SHOWN = 20


def _contacts_import(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.contacts_io import import_contacts
    from dialer_app.core.contact_import import ContactImportError
    from dialer_app.core.store import StoreError

    store = _open_store(runtime.database_path)
    progress = _TerminalProgress.on_stderr()
    try:
        store.check_writable("import contacts")  # before reading a file it could not save
        outcome = import_contacts(
            store,
            args.file,
            args.format,
            runtime.settings.default_region,
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
    if as_json:
        emit_json(
            {
                "ok": True,
                "imported": outcome.imported,
                "merged": outcome.merged,
                "skipped": _rows_json(outcome.skipped),
                "unverified": _rows_json(outcome.unverified),
                "total_contacts": outcome.total_contacts,
            }
        )
        return
    print(outcome.summary())
    _print_rows("skipped", outcome.skipped)
    _print_rows("not dialable", outcome.unverified)


def _rows_json(rows: list[SkippedRow]) -> list[dict[str, object]]:
    return [{"line": row.line, "reason": row.reason} for row in rows]


def _print_rows(what: str, rows: list[SkippedRow]) -> None:
    for row in rows[:_MAX_ROWS_SHOWN]:
        print(f"  {what}, line {row.line}: {row.reason}")
    if len(rows) > _MAX_ROWS_SHOWN:
        print(f"  ... and {len(rows) - _MAX_ROWS_SHOWN} more (--json lists them all)")


def _contacts_export(runtime: Runtime, args: argparse.Namespace) -> int:
    from dialer_app.contacts_io import ExportFormatError, export_contacts, export_format
    from dialer_app.core.store import StoreError

    try:
        fmt = export_format(args.file, args.format)
    except ExportFormatError as exc:
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


class _TerminalProgress:
    """A percentage on stderr, only when stderr is a terminal (never in pipes or logs)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._last = ""

    @classmethod
    def on_stderr(cls) -> _TerminalProgress | None:
        stream = sys.stderr
        return cls(stream) if stream is not None and stream.isatty() else None

    def reading(self, done: int, total: int) -> None:
        self._show("Reading the file", done, total)

    def saving(self, done: int, total: int) -> None:
        self._show("Saving contacts", done, total)

    def clear(self) -> None:
        if self._last:
            self._stream.write("\r\x1b[K")
            self._stream.flush()

    def _show(self, phase: str, done: int, total: int) -> None:
        text = f"\r{phase}... {100 * done // max(total, 1):3d}%"
        if text != self._last:
            self._last = text
            self._stream.write(text)
            self._stream.flush()


_HANDLERS: dict[tuple[str, str | None], Callable[[Runtime, argparse.Namespace], int]] = {
    ("call", None): _call,
    ("credentials", "set"): _credentials_set,
    ("credentials", "status"): _credentials_status,
    ("credentials", "clear"): _credentials_clear,
    ("contacts", "import"): _contacts_import,
    ("contacts", "export"): _contacts_export,
}
