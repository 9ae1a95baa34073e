"""Runs one command: opens the profile, calls the command, turns failures into exit codes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from dialer_app.cli.arguments import UsageError, build_parser
from dialer_app.cli.commands import call, contacts, credentials
from dialer_app.cli.output import (
    EXIT_NO_ACCOUNT,
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
}


def main(argv: Sequence[str]) -> int:
    """Parse and run one command (``argv`` holds one: see ``arguments.COMMANDS``)."""
    try:
        args = build_parser().parse_args(list(argv))
    except UsageError as exc:
        print(f"dialer-app: {exc}\nTry 'dialer-app --help'.", file=sys.stderr)
        return EXIT_USAGE
    _configure_logging(args.verbose)
    return run_command(args)


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
        return fail(CommandFailedError(message, "profile", EXIT_NO_ACCOUNT), as_json)
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
