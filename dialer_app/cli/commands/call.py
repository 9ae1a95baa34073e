"""``dialer-app call NUMBER``: one click2call, its request_id on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from dialer_app.cli.output import (
    EXIT_OK,
    EXIT_USAGE,
    CommandFailedError,
    emit_json,
    exit_code_for,
)
from dialer_app.core.call_errors import Click2CallError
from dialer_app.core.call_request import (
    CallRequest,
    DeliveryMode,
    InvalidCallRequestError,
    validate_extra_params,
)
from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.core.runtime import Runtime


def run_call(runtime: Runtime, args: argparse.Namespace) -> int:
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
