"""Untrusted text from the platform, cleaned where it is cleaned (``core.server_text``)."""

from __future__ import annotations

import base64
import html
import json
import unicodedata
from urllib.parse import quote, quote_plus

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialer_app.core.call_response import interpret_response
from dialer_app.core.redact import REDACTED
from dialer_app.core.server_text import (
    MAX_REQUEST_ID_CHARS,
    MAX_SERVER_TEXT_CHARS,
    clean_server_text,
    readable_request_id,
)

SECRET = "Xq7-secret-9b2e"


def forms(secret: str) -> list[str]:
    raw = secret.encode()
    return [
        secret,
        secret.upper(),
        secret.lower(),
        quote(secret, safe=""),
        quote_plus(secret),
        quote(secret, safe="").lower(),
        html.escape(secret),
        "".join(f"&#{ord(ch)};" for ch in secret),
        json.dumps(secret)[1:-1].encode().decode("unicode_escape"),
        "".join(f"\\u{ord(ch):04x}" for ch in secret),
        base64.b64encode(raw).decode(),
        base64.b64encode(raw).decode().rstrip("="),
        base64.urlsafe_b64encode(raw).decode(),
        raw.hex(),
        raw.hex().upper(),
        "".join(chr(0xFF00 + ord(ch) - 0x20) if "!" <= ch <= "~" else ch for ch in secret),
        "\u200b".join(secret),  # split by zero-width spaces
    ]


@pytest.mark.parametrize("form", forms(SECRET))
def test_the_secret_goes_in_every_form(form: str) -> None:
    cleaned = clean_server_text(f"Invalid app secret {form} for user 101_1", [SECRET])
    assert SECRET.lower() not in cleaned.lower()
    assert form.lower() not in cleaned.lower()
    assert REDACTED in cleaned
    assert cleaned.startswith("Invalid app secret")


def test_control_and_format_characters_go_and_lines_become_one() -> None:
    text = "user_id missing\n2026-12-03 INFO forged\x1b[2J\x1b[31mRED\x1b[0m\r\x07 \u202eevil\u200b"
    cleaned = clean_server_text(text)
    assert all(unicodedata.category(ch) not in ("Cc", "Cf") for ch in cleaned)
    assert cleaned.startswith("user_id missing 2026-12-03 INFO forged")
    assert "\n" not in cleaned


def test_the_length_is_capped() -> None:
    cleaned = clean_server_text("x" * 1_000_000)
    assert len(cleaned) == MAX_SERVER_TEXT_CHARS
    assert cleaned.endswith("…")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_comes_out_as_one_short_clean_line(text: str) -> None:
    cleaned = clean_server_text(text + SECRET + text, [SECRET])
    assert len(cleaned) <= MAX_SERVER_TEXT_CHARS
    assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp") for ch in cleaned)
    assert SECRET.lower() not in cleaned.lower()


@pytest.mark.parametrize(
    ("value", "readable"),
    [
        ("s96C6XK1BUHX0oVZfOo5NhoJfZZJd0y1nmrNN6dhdkW", True),
        ("A" * MAX_REQUEST_ID_CHARS, True),
        ("A" * (MAX_REQUEST_ID_CHARS + 1), False),
        ("A" * 1_000_000, False),
        ("abc\n\x1b[2Jforged", False),
        ("naïve-id", False),
        ("has space", False),
        ("", False),
        (42, False),
        (None, False),
        (SECRET, False),
    ],
)
def test_a_request_id_is_printable_ascii_of_at_most_128(value: object, readable: bool) -> None:
    from dialer_app.core.redact import register_secret

    register_secret(SECRET)
    assert (readable_request_id(value) is not None) is readable


def test_an_accepted_call_with_an_unreadable_id_is_still_placed() -> None:
    body = json.dumps({"code": 200, "msg": "Call\ninitiated\x1b[0m", "request_id": "x" * 5000})
    result = interpret_response(200, {}, body.encode())
    assert result.request_id is None
    assert result.msg == "Call initiated"
