"""``dialer-app call NUMBER``: one click2call through the Dialer, its request_id on stdout.

Text mode prints exactly one line on stdout per call (the request id; an empty line when the
platform sent no usable one) and one sentence on stderr; ``--json`` prints one object. The
call is recorded in the profile's history, which is also how the repeat guard knows about
calls placed seconds ago by another process; ``--again`` skips it for scripts that mean it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dialer_app.cli.output import (
    EXIT_CALLING_RULE,
    EXIT_OK,
    EXIT_USAGE,
    CommandFailedError,
    emit_json,
    exit_code_for,
)
from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.call_errors import Click2CallError
from dialer_app.core.call_request import CallResult, DeliveryMode, parse_extra_params
from dialer_app.core.dialer import (
    CallIntent,
    CallRefusedError,
    CallRule,
    Dialer,
    RepeatGuard,
    Surface,
    history_entry,
    last_possible_ring,
)
from dialer_app.core.runtime import Runtime

if TYPE_CHECKING:
    from dialer_app.core.settings import Settings
    from dialer_app.core.store import Store

# How a refusal ends the command: exit code (8: a rule held the call back).
_REFUSAL_EXITS = {"repeat": EXIT_CALLING_RULE, "blocked": EXIT_CALLING_RULE}


def run_call(runtime: Runtime, args: argparse.Namespace) -> int:
    settings = runtime.settings
    mode = DeliveryMode(args.mode) if args.mode else settings.default_mode
    intent = CallIntent(
        args.number,
        Surface.CLI,
        mode,
        args.caller_id or settings.default_caller_id,
        extra_params=_parse_extra(args.extra) if args.extra else None,
        again=bool(args.again),
    )
    warnings: list[str] = []
    store = _open_history(runtime, warnings)
    try:
        guard = RepeatGuard(history=_history_lookup(store) if store is not None else None)
        rules = calling_rules_of(runtime, store)
        dialer = Dialer(
            lambda: runtime.settings,
            guard=guard,
            rules=lambda: rules,
            sandbox=lambda: runtime.sandbox_mode,
        )
        attempt = _prepare(dialer, intent)
        account = runtime.account()
        client = runtime.new_client()
        try:
            result = dialer.place(attempt, account, client)
        except Click2CallError as exc:
            _record(store, attempt, None, CallFailure(exc.kind, exc.message), warnings)
            raise CommandFailedError(exc.message, exc.kind, exit_code_for(exc)) from None
        finally:
            client.close()
        _record(store, attempt, result, None, warnings)
    finally:
        if store is not None:
            store.close()
    _report(attempt, result, warnings, as_json=bool(args.json))
    return EXIT_OK


def _prepare(dialer: Dialer, intent: CallIntent) -> CallAttempt:
    try:
        return dialer.prepare(intent)
    except CallRefusedError as refusal:
        code = _REFUSAL_EXITS.get(refusal.kind, EXIT_USAGE)
        details: dict[str, Any] = {}
        kind = refusal.kind
        message = refusal.message
        if code == EXIT_CALLING_RULE:
            if refusal.kind == "repeat":
                message += " To call once more on purpose, add --again."
            details = {"rule": refusal.rule, "reason": message}
            kind = "blocked"
        raise CommandFailedError(message, kind, code, details) from None


def _report(
    attempt: CallAttempt, result: CallResult, warnings: list[str], *, as_json: bool
) -> None:
    request = attempt.request
    if as_json:
        payload: dict[str, Any] = {
            "ok": True,
            "request_id": result.request_id,
            "msg": result.msg,
            "to": request.to,
            "mode": request.mode.value,
        }
        if warnings:
            payload["warnings"] = warnings
        emit_json(payload)
        return
    print(result.request_id or "")
    sentence = (
        f"Call initiated: {request.mode.rings_first} will ring first, "
        f"then {attempt.display_number}."
    )
    if result.request_id is None:
        sentence += " The platform sent no usable request id."
    for warning in warnings:
        sentence += f" Warning: {warning}"
    print(sentence, file=sys.stderr)


def _open_history(runtime: Runtime, warnings: list[str]) -> Store | None:
    """The profile's history, for the repeat guard and the record; a call goes out without
    it (with a warning) when the database cannot be used. A database this command had to
    create and could not (a full disk) is not left behind as an empty file."""
    import sqlite3

    from dialer_app.core.store import Store, StoreError

    path = runtime.database_path
    existed = path.exists()
    try:
        store, notice = Store.open(path)
    except (StoreError, sqlite3.Error, OSError) as exc:
        if not existed:
            _remove_empty(path)
        warnings.append(f"the call history cannot be used ({exc}); this call is not recorded.")
        return None
    if notice is not None:
        warnings.append(notice.message())
    return store


def calling_rules_of(runtime: Runtime, store: Store | None) -> tuple[CallRule, ...]:
    """The calling rules, read from the profile's database (the team's list read first when
    its copy is stale). A database that cannot be opened (a full disk) is read without
    writing; one that cannot be read at all holds the call back rather than risk calling a
    listed number."""
    from dialer_app.core.compliance import calling_rules, stored_attempts, stored_do_not_call

    def settings() -> Settings:
        return runtime.settings

    if store is None:
        return _rules_without_store(runtime, settings)
    problem = _refresh_team_list(runtime, store)
    if problem:
        print(f"dialer-app: warning: {problem}", file=sys.stderr)
    return calling_rules(
        settings,
        do_not_call=stored_do_not_call(store, lambda: bool(settings().dnc_source.strip())),
        attempts_since=stored_attempts(store),
    )


def _rules_without_store(
    runtime: Runtime, settings: Callable[[], Settings]
) -> tuple[CallRule, ...]:
    import time

    from dialer_app.core.attempts import history_window_start
    from dialer_app.core.compliance import calling_rules, in_memory
    from dialer_app.core.store import StoreError, read_do_not_call_lists

    try:
        lists = read_do_not_call_lists(
            runtime.database_path, history_window_start(time.time())
        )
    except StoreError as exc:
        reason = f"the do-not-call list cannot be read ({exc})."
        return calling_rules(
            settings, do_not_call=lambda _digits: reason, attempts_since=lambda _d, _t: 0
        )
    listed, calls = in_memory(lists, bool(settings().dnc_source.strip()))
    return calling_rules(settings, do_not_call=listed.reason, attempts_since=calls.count_since)


def _refresh_team_list(runtime: Runtime, store: Store) -> str:
    """Read the team's list when its kept copy is stale; the problem to tell, or ""."""
    import sqlite3
    import time

    from dialer_app.core.compliance import refresh_team_copy
    from dialer_app.core.store import StoreError

    try:
        return refresh_team_copy(store, runtime.settings, time.time()).problem
    except (StoreError, sqlite3.Error) as exc:
        return f"the team's do-not-call list could not be kept ({exc}); the last copy is used."


def _remove_empty(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if leftover.stat().st_size == 0:
                leftover.unlink()
        except OSError:
            pass


def _history_lookup(store: Store) -> Any:
    def lookup(digits: str) -> float | None:
        return last_possible_ring(store.last_call_to(digits))

    return lookup


def _record(
    store: Store | None,
    attempt: CallAttempt,
    result: CallResult | None,
    failure: CallFailure | None,
    warnings: list[str],
) -> None:
    if store is None:
        return
    import sqlite3

    from dialer_app.core.store import StoreError

    try:
        store.add_history(history_entry(attempt, result=result, failure=failure))
    except (StoreError, sqlite3.Error, OSError) as exc:
        warnings.append(f"the call was not recorded in the history ({exc}).")


def _parse_extra(text: str) -> dict[str, Any]:
    try:
        return parse_extra_params(text)
    except ValueError as exc:
        raise CommandFailedError(
            f"--extra must be a JSON object: {exc}", "invalid_request", EXIT_USAGE
        ) from None
