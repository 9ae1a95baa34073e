"""What commands give back: exit codes, failures and JSON, the same way for every command.

The exit codes are a stable interface (CRMs and provisioning scripts depend on them):
``EXIT_CODES`` is the one table, printed by ``dialer-app --help`` and copied in the README
(a test keeps the two equal).

``contacts import`` exits 0 when the file was imported, even if some rows were skipped, and 2
when the whole file was refused (missing, unreadable, binary, not contacts); nothing of a
refused or interrupted file is saved.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from dialer_app.core.call_errors import (
    Click2CallError,
    InvalidSecretError,
    InvalidUserIdError,
    RequestRejectedError,
)

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_CREDENTIALS = 3
EXIT_REJECTED = 4
EXIT_NETWORK = 5
EXIT_NO_ACCOUNT = 6
EXIT_PROFILE = 7
EXIT_DATABASE = EXIT_PROFILE  # the contacts database is part of the profile
EXIT_CALLING_RULE = 8  # not placed: held back by a calling rule (the repeat guard, ...)
EXIT_NO_DISPLAY = 9
EXIT_INTERRUPTED = 130

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "done: the call was initiated, or the command did what it was asked",
    EXIT_UNEXPECTED: "an unexpected error (a bug: please report it with `dialer-app "
    "diagnostics`), or `--register-handler` / `--unregister-handler` could not make the change",
    EXIT_USAGE: "usage error: unknown command or option, invalid number, value or file",
    EXIT_CREDENTIALS: "credentials rejected by the platform (invalid app secret 407, "
    "unknown user id 404)",
    EXIT_REJECTED: "request rejected by the platform (400)",
    EXIT_NETWORK: "network, timeout, proxy or server trouble",
    EXIT_NO_ACCOUNT: "no account configured, or the keyring is unavailable, locked, "
    "refused or did not answer",
    EXIT_PROFILE: "the profile cannot be used: its folder, settings or contacts database "
    "cannot be created, read or written (read-only, full disk, damaged), or it holds no "
    "backup to restore (`contacts restore`)",
    EXIT_CALLING_RULE: "not placed, nothing was sent: a calling rule held the call back (the "
    "do-not-call list, calling hours, calls per number per day, the repeat hold-off); for "
    "`dnc check`: the number is on the do-not-call list",
    EXIT_NO_DISPLAY: "no graphical display for the window (the commands work without one)",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
}


class CommandFailedError(Exception):
    """A command failed with a message, a stable kind and an exit code; ``details`` go into
    the JSON answer beside them (e.g. the rule that held a call back)."""

    def __init__(
        self, message: str, kind: str, exit_code: int, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.kind, self.exit_code = message, kind, exit_code
        self.details = details or {}


def exit_code_for(error: Click2CallError) -> int:
    if isinstance(error, InvalidSecretError | InvalidUserIdError):
        return EXIT_CREDENTIALS
    if isinstance(error, RequestRejectedError):
        return EXIT_REJECTED
    return EXIT_NETWORK


def exit_code_table(width: int = 79) -> str:
    """The exit codes as text for ``dialer-app --help``: one code per paragraph."""
    import textwrap

    return "\n".join(
        textwrap.fill(meaning, width, initial_indent=f"  {code:>3}  ", subsequent_indent=" " * 7)
        for code, meaning in EXIT_CODES.items()
    )


def emit_json(payload: dict[str, Any]) -> None:
    print(json.dumps(payload, ensure_ascii=False))


def fail(error: CommandFailedError, as_json: bool) -> int:
    if as_json:
        emit_json(
            {"ok": False, "error": error.message, "error_kind": error.kind, **error.details}
        )
    else:
        print(f"dialer-app: error: {error.message}", file=sys.stderr)
    return error.exit_code
