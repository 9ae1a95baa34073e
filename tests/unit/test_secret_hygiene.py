"""The secret never shows in logs, exception texts, reprs or output, on any error path."""

from __future__ import annotations

import logging

import pytest

from dialer_app.core.call_errors import Click2CallError
from dialer_app.core.call_request import Account, CallRequest
from dialer_app.core.click2call import Click2CallClient, ClientConfig
from dialer_app.core.redact import REDACTED, RedactingFilter, redact
from dialer_app.sandbox.server import DEMO_USER_ID, Fault, SandboxServer

SECRET = "hygiene-probe-secret-7f3a9c"


@pytest.mark.parametrize("use_get", [False, True], ids=["POST", "GET"])
def test_every_path_keeps_the_secret_out(
    use_get: bool, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    with SandboxServer(accounts={DEMO_USER_ID: SECRET}) as sandbox:
        config = ClientConfig(base_url=sandbox.base_url, total_timeout=1.0, use_get=use_get)
        texts: list[str] = []
        with (
            caplog.at_level(logging.DEBUG),
            caplog.at_level(logging.DEBUG, logger="httpx"),
            caplog.at_level(logging.DEBUG, logger="httpcore"),
            Click2CallClient(config) as client,
        ):
            for fault in [Fault.NONE, *[f for f in Fault if f is not Fault.NONE]]:
                sandbox.set_fault(fault, delay=0.05 if fault is Fault.DELAY else 3)
                try:
                    result = client.place_call(
                        Account(DEMO_USER_ID, SECRET), CallRequest("919200000000")
                    )
                    texts.append(repr(result))
                except Click2CallError as exc:
                    texts += [str(exc), repr(exc), exc.message, str(exc.platform_msg)]
            for wrong in ("wrong-secret-a1b2c3",):
                sandbox.set_fault(Fault.NONE)
                with pytest.raises(Click2CallError) as caught:
                    client.place_call(Account(DEMO_USER_ID, wrong), CallRequest("919200000000"))
                texts.append(str(caught.value))
        assert len(sandbox.requests) >= len(Fault)
        texts.append(repr(sandbox.requests))
    captured = capsys.readouterr()
    assert caplog.records, "debug logging was on: something must have been logged"
    everything = "\n".join([*texts, caplog.text, captured.out, captured.err])
    assert SECRET not in everything
    assert "wrong-secret-a1b2c3" not in everything
    if use_get:
        assert "secret=" + REDACTED in caplog.text or REDACTED in caplog.text


def test_redact_masks_query_json_and_registered_secrets() -> None:
    text = 'GET /x?user_id=1&secret=abc123&to=9 {"secret": "s\\"q"} plain abc123'
    cleaned = redact(text, ["abc123"])
    assert "abc123" not in cleaned
    assert 's\\"q' not in cleaned
    assert cleaned.count(REDACTED) == 3


def test_filter_redacts_args_and_tracebacks() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "url %s", ("?secret=zzz999",), None)
    try:
        raise ValueError("secret=zzz999 in exception")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    RedactingFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "zzz999" not in formatted
