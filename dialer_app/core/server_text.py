"""Text the platform sends back is untrusted: clean it once, before anyone shows, prints,
logs or stores it.

``clean_server_text`` removes the app secret in any form we can think of (any letter case,
URL-, HTML- or JSON-escaped, base64, hex, full-width look-alikes, split by invisible
characters), strips control and format characters (newlines, terminal escapes, bidi
controls, zero-width characters) and caps the length. ``readable_request_id`` accepts only
what a request id can be: printable ASCII, at most ``MAX_REQUEST_ID_CHARS`` characters.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import html
import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote, quote_plus, unquote_plus

from dialer_app.core.redact import REDACTED, known_secrets, redact

MAX_SERVER_TEXT_CHARS = 300
MAX_REQUEST_ID_CHARS = 128
_PRINTABLE_ASCII = re.compile(r"[\x21-\x7e]+")
_SPACES = re.compile(r"\s+")
# Whole terminal escape sequences (CSI "ESC [ ... m", OSC "ESC ] ... BEL", two-byte ESC x):
# removing only the ESC would leave "[31m" behind.
_TERMINAL_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]"
)
_ELLIPSIS = "…"


def clean_server_text(
    text: str, secrets: Iterable[str] = (), limit: int = MAX_SERVER_TEXT_CHARS
) -> str:
    """One line of plain, secret-free text, at most ``limit`` characters."""
    if len(text) > 64 * limit:  # don't spend time on a megabyte of junk
        text = text[: 64 * limit]
    text = unicodedata.normalize("NFKC", text)
    text = _TERMINAL_ESCAPES.sub("", text)
    text = "".join(_visible(ch) for ch in text)
    text = _SPACES.sub(" ", text).strip()
    text = _redact_all_forms(text, [*known_secrets(), *secrets])
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + _ELLIPSIS
    return text


def readable_request_id(value: object) -> str | None:
    """The request id if it is one (printable ASCII, short, not the secret), else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_REQUEST_ID_CHARS or not _PRINTABLE_ASCII.fullmatch(value):
        return None
    if clean_server_text(value, limit=MAX_REQUEST_ID_CHARS) != value:
        return None  # it carries the secret (or something that must not be shown)
    return value


def _visible(ch: str) -> str:
    """Control characters become a space (a newline must not start a forged log line);
    format characters (bidi controls, zero-width joiners, soft hyphens) go entirely."""
    category = unicodedata.category(ch)
    if category == "Cc":
        return " "
    if category in ("Cf", "Co", "Cs", "Cn") or category in ("Zl", "Zp"):
        return " " if category in ("Zl", "Zp") else ""
    return ch


def _redact_all_forms(text: str, secrets: Iterable[str]) -> str:
    text = redact(text, secrets)
    for secret in {s for s in secrets if len(s) >= 4}:
        for form in _encoded_forms(secret):
            text = re.sub(re.escape(form), REDACTED, text, flags=re.IGNORECASE)
        text = _redact_decoded_spans(text, secret)
    return text


def _encoded_forms(secret: str) -> set[str]:
    """The secret as a server might echo it; matched without regard to letter case."""
    raw = secret.encode("utf-8")
    forms = {
        secret,
        quote(secret, safe=""),
        quote_plus(secret, safe=""),
        html.escape(secret, quote=True),
        "".join(f"&#{ord(ch)};" for ch in secret),
        "".join(f"&#x{ord(ch):x};" for ch in secret),
        "".join(f"%{byte:02x}" for byte in raw),
        "".join(f"\\u{ord(ch):04x}" for ch in secret),
        "".join(f"\\x{byte:02x}" for byte in raw),
        raw.hex(),
    }
    for encoder in (base64.b64encode, base64.urlsafe_b64encode, base64.b32encode):
        encoded = encoder(raw).decode("ascii")
        forms.add(encoded)
        forms.add(encoded.rstrip("="))
    return {form for form in forms if len(form) >= 4}


def _redact_decoded_spans(text: str, secret: str) -> str:
    """Tokens that decode (URL, base64, hex) to something containing the secret."""
    lowered = secret.lower()

    def check(match: re.Match[str]) -> str:
        token = match.group(0)
        for decoded in _decodings(token):
            if lowered in decoded.lower():
                return REDACTED
        return token

    return re.sub(r"[A-Za-z0-9+/=_%.\-~]{6,}", check, text)


def _decodings(token: str) -> Iterable[str]:
    yield unquote_plus(token)
    padded = token + "=" * (-len(token) % 4)
    for decoder in (base64.b64decode, base64.urlsafe_b64decode):
        with contextlib.suppress(binascii.Error, ValueError):
            yield decoder(padded).decode("utf-8", "ignore")
    if len(token) % 2 == 0:
        with contextlib.suppress(ValueError):
            yield bytes.fromhex(token).decode("utf-8", "ignore")
