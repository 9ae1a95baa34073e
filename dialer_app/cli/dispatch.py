"""Runs one command: opens the profile, calls the command, turns failures into exit codes.

Also what ``dialer-app`` answers without a window: ``--help`` / ``help [COMMAND]``,
``--version``, an unknown command word, and the link-handler options.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from dialer_app.cli.arguments import (
    HANDLER_OPTIONS,
    HELP_COMMAND,
    UsageError,
    asks_for_help,
    build_parser,
    build_window_parser,
    first_positional,
    looks_dialable,
    options_part,
    positional_index,
    registered_commands,
)
from dialer_app.cli.commands import call, contacts, credentials, diagnostics, dnc, lists
from dialer_app.cli.commands import settings as settings_command
from dialer_app.cli.output import (
    EXIT_NO_ACCOUNT,
    EXIT_OK,
    EXIT_PROFILE,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    CommandFailedError,
    fail,
)
from dialer_app.core.credentials import KeyringUnavailableError
from dialer_app.core.runtime import NoAccountError, PlatformStandIn, Runtime, RuntimeOptions
from dialer_app.core.urls import InvalidBaseUrlError

_HANDLERS: dict[tuple[str, str | None], Callable[[Runtime, argparse.Namespace], int]] = {
    ("call", None): call.run_call,
    ("credentials", "set"): credentials.run_set,
    ("credentials", "status"): credentials.run_status,
    ("credentials", "clear"): credentials.run_clear,
    ("contacts", "import"): contacts.run_import,
    ("contacts", "export"): contacts.run_export,
    ("contacts", "restore"): contacts.run_restore,
    ("diagnostics", None): diagnostics.run_diagnostics,
    ("dnc", "add"): dnc.run_add,
    ("dnc", "remove"): dnc.run_remove,
    ("dnc", "import"): dnc.run_import,
    ("dnc", "list"): dnc.run_list,
    ("dnc", "check"): dnc.run_check,
    ("dnc", "refresh"): dnc.run_refresh,
    ("settings", "list"): settings_command.run_list,
    ("settings", "get"): settings_command.run_get,
    ("settings", "set"): settings_command.run_set,
    ("settings", "reset"): settings_command.run_reset,
    ("lists", None): lists.run_lists,
    ("lists", "import"): lists.run_import,
    ("lists", "show"): lists.run_show,
    ("lists", "record"): lists.run_record,
    ("lists", "export"): lists.run_export,
    ("lists", "delete"): lists.run_delete,
}


def main(argv: Sequence[str]) -> int:
    """Parse and run one command, or answer ``--help``, ``help``, ``--version``."""
    args = list(argv)
    word = first_positional(args)
    handler_option = any(option in HANDLER_OPTIONS for option in options_part(args))
    if handler_option and (word is None or looks_dialable(word)):
        return run_handler_option(args)
    parser = build_parser()
    asked_help = word == HELP_COMMAND
    if asked_help:
        args = _as_help_request(args)
        word = first_positional(args)
    if word is None and "--version" not in options_part(args):
        parser.print_help()  # --help, or only window options with it
        return EXIT_OK
    known = list(registered_commands(parser))
    if word is not None and word not in known:
        return _unknown_command(word, known, in_help=asked_help)
    try:
        parsed = parser.parse_args(args)
    except UsageError as exc:
        print(f"dialer-app: {exc}\n{exc.hint}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # a command's --help, or --version: printed
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    _configure_logging(parsed.verbose)
    return run_command(parsed)


def _as_help_request(args: list[str]) -> list[str]:
    """``help [COMMAND...]`` is ``[COMMAND...] --help`` (global options kept)."""
    rest = list(args)
    while (index := positional_index(rest)) is not None and rest[index] == HELP_COMMAND:
        del rest[index]  # help, help help
    return rest if asks_for_help(rest) else [*rest, "--help"]


def _unknown_command(word: str, known: list[str], *, in_help: bool) -> int:
    import difflib

    close = difflib.get_close_matches(word, known, n=1)
    what = "a command" if in_help else "a command, a number or a tel:/callto: link"
    suggestion = f" Did you mean '{close[0]}'?" if close else ""
    print(
        f"dialer-app: '{word}' is not {what}.{suggestion}\nTry 'dialer-app --help'.",
        file=sys.stderr,
    )
    return EXIT_USAGE


def run_handler_option(argv: Sequence[str]) -> int:
    """``--register-handler`` / ``--unregister-handler``: desktop set-up, without Qt."""
    try:
        args = build_window_parser().parse_args(list(argv))
    except UsageError as exc:
        print(f"dialer-app: {exc}\n{exc.hint}", file=sys.stderr)
        return EXIT_USAGE
    from dialer_app.system.handlers import register_handler, unregister_handler

    result = register_handler() if args.register_handler else unregister_handler()
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    if args.verbose:
        for change in result.changed:
            print(f"  {change}")
    return EXIT_OK if result.ok else EXIT_UNEXPECTED


def run_command(args: argparse.Namespace) -> int:
    """Run the parsed command; report failures on stderr (or as JSON) with their exit code."""
    as_json = bool(getattr(args, "json", False))
    handler = _HANDLERS[(args.command, getattr(args, "action", None))]
    try:
        options = RuntimeOptions(args.profile, args.api_base, args.sandbox)
        runtime = Runtime.open(options, _start_sandbox)
    except InvalidBaseUrlError as exc:
        return fail(CommandFailedError(str(exc), "usage", EXIT_USAGE), as_json)
    except OSError as exc:
        message = f"The profile folder cannot be used: {exc.strerror} ({exc.filename})."
        return fail(CommandFailedError(message, "profile", EXIT_PROFILE), as_json)
    try:
        for warning in runtime.loaded.warnings:
            print(f"dialer-app: warning: {warning}", file=sys.stderr)
        return handler(runtime, args)
    except CommandFailedError as exc:
        return fail(exc, as_json)
    except UsageError as exc:
        return fail(CommandFailedError(str(exc), "usage", EXIT_USAGE), as_json)
    except KeyringUnavailableError as exc:
        return fail(CommandFailedError(str(exc), "keyring_unavailable", EXIT_NO_ACCOUNT), as_json)
    except NoAccountError as exc:
        return fail(CommandFailedError(str(exc), "no_account", EXIT_NO_ACCOUNT), as_json)
    finally:
        runtime.close()


def _configure_logging(verbose: bool) -> None:
    from dialer_app.core.redact import RedactingFilter, protect_http_loggers

    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("dialer-app: %(levelname)s: %(message)s"))
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING, handlers=[handler])
    protect_http_loggers()


def _start_sandbox() -> PlatformStandIn:
    from dialer_app.sandbox.server import start_in_process

    return start_in_process()
