"""What each command-line command does (parsing lives in ``cli``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from dialer_app.cli import (
    EXIT_CREDENTIALS,
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
from dialer_app.core.settings import SettingsError
from dialer_app.core.urls import InvalidBaseUrlError
from dialer_app.runtime import NoAccountError, Runtime, RuntimeOptions


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
    runtime.credentials.set_secret(settings.user_id, secret)
    runtime.save_settings(settings)
    print(
        f"Stored the app secret for {settings.user_id} in {runtime.credentials.backend_name()}.",
        file=sys.stderr,
    )
    return EXIT_OK


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
    deleted = runtime.credentials.delete_secret(user_id)
    runtime.save_settings(replace(runtime.settings, user_id=""))
    what = "the app secret and user id" if deleted else "the user id (no secret was stored)"
    print(f"Forgot {what} for {user_id}.", file=sys.stderr)
    return EXIT_OK


_HANDLERS: dict[tuple[str, str | None], Callable[[Runtime, argparse.Namespace], int]] = {
    ("call", None): _call,
    ("credentials", "set"): _credentials_set,
    ("credentials", "status"): _credentials_status,
    ("credentials", "clear"): _credentials_clear,
}
