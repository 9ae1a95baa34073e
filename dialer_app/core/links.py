"""Read the ``tel:`` and ``callto:`` links a browser or CRM hands to the dialer.

``parse_link`` takes the link text (or a bare number) and returns the number in the form
``phone.normalize`` expects: ``+`` and country code for global numbers, plain digits for local
ones. It is strict about what it accepts because the text comes from another program: anything
that is not clearly a number to dial is refused with a reason an agent can read.

Supported (RFC 3966 plus common variants): ``tel:+91-92000-00000``,
``tel:+1-201-555-0123;ext=1234``, ``tel:92000-00000;phone-context=+91`` (combined into a global
number), ``tel:555-0123;phone-context=example.com`` (kept local), ``;isub=`` and unknown
parameters (ignored), percent-encoding, ``callto:``, ``callto://+919200000000/``, upper-case
schemes, surrounding whitespace, quotes and ``<>``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from urllib.parse import unquote

from dialer_app.core.phone import PhoneNumber, normalize

__all__ = [
    "MAX_LINK_CHARS",
    "DialLink",
    "InvalidLinkError",
    "is_dial_link",
    "parse_link",
]

MAX_LINK_CHARS = 256
MAX_EXTENSION_DIGITS = 10
DIAL_SCHEMES = frozenset({"tel", "callto"})

EMPTY = "The link is empty"
TOO_LONG = f"The link is longer than {MAX_LINK_CHARS} characters"
CONTROL_CHARACTERS = "The link contains control characters"
NO_NUMBER = "The link has no phone number"
LETTERS = "Letters are not allowed in a phone number"
MISPLACED_PLUS = "A '+' can only appear at the start of a number"
EMPTY_EXTENSION = "The extension is empty"
BAD_EXTENSION = "The extension must be digits"
EXTENSION_TOO_LONG = "The extension is too long"
BAD_CONTEXT = "The phone-context is neither a +country code nor a domain name"

_WRAPPERS = "\"'<>“”‘’«»"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_VISUAL_SEPARATORS = frozenset("-.()")
_GLOBAL_DIGITS = re.compile(r"\+[0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_DOMAIN = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.?"
)


class InvalidLinkError(ValueError):
    """The text is not a link or number that can be dialled; ``reason`` says why."""

    reason: str

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class DialLink:
    """A parsed link.

    ``number`` is ``+`` and digits for a global number (``'+919200000000'``) or plain digits
    for a local one (read in the default region by ``phone.normalize``). ``extension`` is
    digits or ``''``. ``phone_context`` is the RFC 3966 context as given (``'+91'``,
    ``'example.com'``) or ``''``. ``raw`` is the text that was parsed, unchanged.
    """

    number: str
    extension: str
    phone_context: str
    raw: str

    @property
    def input_text(self) -> str:
        """The number as an agent would type it, extension included (for the number field)."""
        return f"{self.number} ext. {self.extension}" if self.extension else self.number

    def to_phone_number(self, default_region: str | None = "IN") -> PhoneNumber:
        """Validate with ``phone.normalize``; raises ``phone.InvalidNumberError``."""
        number = normalize(self.number, default_region)
        return replace(number, extension=self.extension) if self.extension else number


def parse_link(text: str) -> DialLink:
    """Parse a ``tel:``/``callto:`` link or a bare number; raise ``InvalidLinkError``."""
    if len(text) > MAX_LINK_CHARS:
        raise InvalidLinkError(TOO_LONG)
    body = _strip_wrappers(text)
    _reject_control_characters(body)
    if not body:
        raise InvalidLinkError(EMPTY)
    scheme = _SCHEME.match(body)
    if scheme is None:
        return DialLink(_plus_and_digits(_decode(body)), "", "", text)
    name = scheme.group(1).lower()
    if name not in DIAL_SCHEMES:
        raise InvalidLinkError(f"Only tel: and callto: links can be dialled, not {name}:")
    return _parse_subscriber(_subscriber_part(body[scheme.end() :]), text)


def is_dial_link(text: str) -> bool:
    """True for a ``tel:``/``callto:`` link that ``parse_link`` accepts (not a bare number)."""
    if len(text) > MAX_LINK_CHARS:
        return False
    scheme = _SCHEME.match(_strip_wrappers(text))
    if scheme is None or scheme.group(1).lower() not in DIAL_SCHEMES:
        return False
    try:
        parse_link(text)
    except InvalidLinkError:
        return False
    return True


def _strip_wrappers(text: str) -> str:
    """Remove surrounding whitespace, quotes and angle brackets, however they are nested."""
    while True:
        stripped = text.strip().strip(_WRAPPERS)
        if stripped == text:
            return text
        text = stripped


def _reject_control_characters(text: str) -> None:
    # Cf covers bidi overrides, which could make the shown number differ from the dialled one.
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in text):
        raise InvalidLinkError(CONTROL_CHARACTERS)


def _decode(part: str) -> str:
    """Percent-decode one component; the result is checked for control characters again."""
    decoded = unquote(part, errors="replace") if "%" in part else part
    _reject_control_characters(decoded)
    return decoded


def _subscriber_part(rest: str) -> str:
    """Drop ``//`` and a trailing ``/`` (``callto://+91.../``) and a query (``?call``)."""
    return rest.removeprefix("//").split("?", 1)[0].rstrip("/")


def _parse_subscriber(subscriber: str, raw: str) -> DialLink:
    number_part, *params = subscriber.split(";")
    number = _plus_and_digits(_decode(number_part))
    values = _known_params(params)
    extension = _extension(values["ext"]) if "ext" in values else ""
    context = values.get("phone-context", "")
    if "phone-context" in values:
        context_number = _context_number(context)
        if context_number and not number.startswith("+"):
            number = context_number + number
    return DialLink(number, extension, context, raw)


def _known_params(params: list[str]) -> dict[str, str]:
    """Decoded ``ext`` and ``phone-context`` values; ``isub`` and unknown names are ignored."""
    values: dict[str, str] = {}
    for param in params:
        name, _, value = param.partition("=")
        name = _decode(name).strip().lower()
        if name not in ("ext", "phone-context"):
            continue
        if name in values:
            raise InvalidLinkError(f"The parameter {name} appears twice")
        values[name] = _decode(value).strip()
    return values


def _extension(value: str) -> str:
    if not value:
        raise InvalidLinkError(EMPTY_EXTENSION)
    digits = "".join(ch for ch in _ascii_digits(value) if ch not in _VISUAL_SEPARATORS)
    if not _DIGITS.fullmatch(digits):
        raise InvalidLinkError(LETTERS if _has_letters(value) else BAD_EXTENSION)
    if len(digits) > MAX_EXTENSION_DIGITS:
        raise InvalidLinkError(EXTENSION_TOO_LONG)
    return digits


def _context_number(context: str) -> str:
    """``'+91'`` for a global-number context, ``''`` for a domain; raise for anything else."""
    if context.startswith("+"):
        digits = "".join(ch for ch in context if ch not in _VISUAL_SEPARATORS)
        if _GLOBAL_DIGITS.fullmatch(digits):
            return digits
    elif _DOMAIN.fullmatch(context):
        return ""
    raise InvalidLinkError(BAD_CONTEXT)


def _plus_and_digits(text: str) -> str:
    """Keep a leading '+' and the digits; allow visual separators and spaces, nothing else."""
    if _has_letters(text):
        raise InvalidLinkError(LETTERS)
    kept: list[str] = []
    for ch in _ascii_digits(text):
        if (ch.isascii() and ch.isdigit()) or ch == "+":
            kept.append(ch)
        elif not _is_separator(ch):
            raise InvalidLinkError(f"Unexpected character {ch!r} in a phone number")
    number = "".join(kept)
    if "+" in number[1:]:
        raise InvalidLinkError(MISPLACED_PLUS)
    if not number.lstrip("+"):
        raise InvalidLinkError(NO_NUMBER)
    return number


def _ascii_digits(text: str) -> str:
    """Map any unicode decimal digit (Devanagari, Arabic-Indic, full-width...) to ASCII."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _is_separator(ch: str) -> bool:
    return ch in _VISUAL_SEPARATORS or unicodedata.category(ch) in ("Zs", "Pd")
