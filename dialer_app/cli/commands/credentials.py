"""``dialer-app credentials set|status|clear``: the account, never the secret on screen."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from dialer_app.cli.arguments import UsageError
from dialer_app.cli.output import (
    EXIT_DATABASE,
    EXIT_NO_ACCOUNT,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailedError,
    emit_json,
)
from dialer_app.core.credentials import KeyringUnavailableError
from dialer_app.core.runtime import Runtime
from dialer_app.core.settings import Settings, SettingsError


def read_secret(prompt: str = "App secret: ") -> str:
    """No-echo prompt on a terminal (asked twice); the first line of stdin when piped."""
    if sys.stdin is None:
        raise UsageError("No secret given: pipe it on stdin or run in a terminal.")
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if first != getpass.getpass("Repeat the app secret: "):
            raise UsageError("The two secrets differ; nothing was stored.")
        return first.strip()
    return sys.stdin.readline().strip()


def run_set(runtime: Runtime, args: argparse.Namespace) -> int:
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


def run_status(runtime: Runtime, args: argparse.Namespace) -> int:
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


def run_clear(runtime: Runtime, _args: argparse.Namespace) -> int:
    user_id = runtime.settings.user_id
    if not user_id:
        print("No account is set up in this profile; nothing to clear.", file=sys.stderr)
        return EXIT_OK
    _save_settings(runtime, replace(runtime.settings, user_id=""))
    deleted = runtime.credentials.delete_secret(user_id)
    what = "the app secret and user id" if deleted else "the user id (no secret was stored)"
    print(f"Forgot {what} for {user_id}.", file=sys.stderr)
    return EXIT_OK
