"""``dialer-app credentials set|status|clear``: the account, never the secret on screen."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import replace

from dialer_app.cli.arguments import UsageError
from dialer_app.cli.output import (
    EXIT_NO_ACCOUNT,
    EXIT_OK,
    EXIT_PROFILE,
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
    """The secret goes to the keyring first, then the user id to the settings: a keyring that
    refuses or does not answer leaves the profile as it was (exit 6), and settings that
    cannot be written take the secret back out of the keyring (exit 7)."""
    try:
        settings = replace(runtime.settings, user_id=args.user_id.strip()).validated()
    except SettingsError as exc:
        raise CommandFailedError(str(exc), "usage", EXIT_USAGE) from None
    if not settings.user_id:
        raise UsageError("The user id must not be empty.")
    secret = read_secret()
    if not secret:
        raise UsageError("The app secret is empty; nothing was stored.")
    credentials = runtime.credentials
    saves_settings = settings != runtime.settings
    # What to put back if the settings cannot be saved (read first: a keyring problem stops
    # here, before anything changed).
    previous = credentials.get_secret(settings.user_id) if saves_settings else None
    credentials.set_secret(settings.user_id, secret)
    if saves_settings:
        _save_settings(runtime, settings, lambda: _take_back(runtime, settings.user_id, previous))
    print(
        f"Stored the app secret for {settings.user_id} in {credentials.backend_name()}.",
        file=sys.stderr,
    )
    return EXIT_OK


def _take_back(runtime: Runtime, user_id: str, previous: str | None) -> str:
    """Undo ``set_secret`` after the settings failed; say what state is left."""
    try:
        if previous is None:
            runtime.credentials.delete_secret(user_id)
        else:
            runtime.credentials.set_secret(user_id, previous)
    except KeyringUnavailableError as exc:
        return (
            f"the new app secret for {user_id} is still in the keyring (service "
            f"{runtime.credentials.service_name}) because taking it out failed too: {exc}"
        )
    if previous is None:
        return "the app secret was taken out of the keyring again: nothing was stored."
    return "the keyring entry was put back as it was: nothing was changed."


def _save_settings(runtime: Runtime, settings: Settings, left: Callable[[], str]) -> None:
    """Save, or fail with exit 7 saying what ``left`` reports (after cleaning up)."""
    try:
        runtime.save_settings(settings)
    except OSError as exc:
        raise CommandFailedError(
            f"Settings could not be saved in {runtime.profile_dir} ({exc.strerror or exc}); "
            f"{left()}",
            "profile_unwritable",
            EXIT_PROFILE,
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
    """The secret leaves the keyring first (a keyring problem changes nothing: exit 6), then
    the user id leaves the settings."""
    user_id = runtime.settings.user_id
    if not user_id:
        print("No account is set up in this profile; nothing to clear.", file=sys.stderr)
        return EXIT_OK
    deleted = runtime.credentials.delete_secret(user_id)
    gone = "the app secret was removed from the keyring" if deleted else "no secret was stored"
    _save_settings(
        runtime, replace(runtime.settings, user_id=""), lambda: f"{gone}, but the user id stays."
    )
    what = "the app secret and user id" if deleted else "the user id (no secret was stored)"
    print(f"Forgot {what} for {user_id}.", file=sys.stderr)
    return EXIT_OK
