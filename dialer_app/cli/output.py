"""What commands give back: exit codes, failures and JSON, the same way for every command.

The commands and exit codes are a stable interface (CRMs and provisioning scripts depend on
them):

0 call initiated / done, 2 usage or invalid number (an extension included), 3 rejected
credentials (404/407), 4 request rejected (400), 5 network, timeout or server trouble, 6 no
account configured or keyring unavailable, 7 the contacts database cannot be opened or written
(``contacts``), 8 the call was not placed: a calling rule held it back (the repeat guard),
130 interrupted (Ctrl-C).

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
EXIT_USAGE = 2
EXIT_CREDENTIALS = 3
EXIT_REJECTED = 4
EXIT_NETWORK = 5
EXIT_NO_ACCOUNT = 6
EXIT_DATABASE = 7
EXIT_BLOCKED = 8  # not placed: held back by a calling rule (the repeat guard, ...)
EXIT_INTERRUPTED = 130


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
