"""Turn what an agent types or pastes into the digits the click2call API wants.

The API takes numbers as JSON integers: country code first, no ``+`` (``919200000000``).
Parsing and validation are done by ``phonenumbers``; this module only cleans the input
(links, unicode digits and spaces, extensions), chooses between a few readings of the
digits, and turns library error codes into reasons an agent can act on.

``phonenumbers`` is imported by the functions that use it, not with this module: the window
imports this module before its first paint and needs no number until the agent types one
(importing phonenumbers costs ~20 ms and 2 MiB; the app preloads it right after start-up).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

if TYPE_CHECKING:
    import phonenumbers

__all__ = [
    "InvalidNumberError",
    "PhoneNumber",
    "find_numbers",
    "first_number",
    "is_valid_region",
    "normalize",
]

# Anything longer than this is rejected before any unicode work is done on it.
_MAX_RAW_CHARS = 1024
# Longest number part accepted once a tel:/callto: scheme is stripped.
_MAX_NUMBER_CHARS = 64
_MAX_EXTENSION_DIGITS = 10
# find_numbers scans at most this much of a clipboard or selection.
_MAX_SCAN_CHARS = 200_000

EMPTY = "Empty number"
LETTERS = "Letters are not allowed in a phone number"
TOO_SHORT = "Too short to be a phone number"
TOO_LONG = "Too long to be a phone number"
UNKNOWN_COUNTRY_CODE = "Unknown country code"
NO_COUNTRY_CODE = "No country code: start the number with + or choose a default country"
MISPLACED_PLUS = "A '+' can only appear at the start of a number"
EXTENSION_TOO_LONG = "Extension is too long"
NOT_A_NUMBER = "Not a phone number"
UNKNOWN_DEFAULT_REGION = "The default country is not a known country code"

_SCHEME = re.compile(r"(?i)^(?:tel|callto)\s*:\s*(?://)?")
_TEL_LINK = re.compile(r"(?i)(?<![\w.+-])(?:tel|callto):(?://)?[^\s\"'<>]+")
# "ext. 12", "extension 12", "x12", "#12" after the number.
_EXTENSION_SUFFIX = re.compile(r"(?i)(?<=[0-9\s)])(?:ext(?:ension|n)?\.?|x|#)\s*:?\s*([0-9]+)$")
_EXTRA_SEPARATORS = frozenset("().[]/")
_DIGITS_AND_PLUS = frozenset("0123456789+")
_ASCII_DIGITS = re.compile(r"[0-9]+")


class InvalidNumberError(ValueError):
    """The text is not a number that can be dialled; ``reason`` says why in plain words."""

    reason: str

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PhoneNumber:
    """A validated number in the forms the app shows and sends."""

    digits: str
    e164: str
    international: str
    region_code: str
    country_name: str
    extension: str

    def display(self) -> str:
        """Human form, e.g. ``'+91 92000 00000 · India'``."""
        shown = self.international
        if self.extension:
            shown += f" ext. {self.extension}"
        return f"{shown} · {self.country_name}" if self.country_name else shown


def is_valid_region(code: str) -> bool:
    """Whether ``code`` is a region ``phonenumbers`` knows (case-insensitive, e.g. 'IN')."""
    import phonenumbers

    return code.strip().upper() in phonenumbers.SUPPORTED_REGIONS


def normalize(text: str, default_region: str | None = "IN") -> PhoneNumber:
    """Parse one number typed or pasted by an agent; raise InvalidNumberError if unusable.

    Numbers without ``+`` are read in ``default_region``; when that reading is not valid,
    the digits are also tried as already carrying a country code (the API's own form) and,
    for a leading ``00``, as an international call prefix.
    """
    region = _checked_region(default_region)
    cleaned, extension = _clean(text)
    number = _parse_valid(cleaned, region)
    if extension:
        number.extension = extension
    return _to_phone_number(number)


def first_number(text: str, default_region: str | None = "IN") -> PhoneNumber | None:
    """The first number found in free text, or None."""
    found = find_numbers(text, default_region, limit=1)
    return found[0] if found else None


def find_numbers(
    text: str, default_region: str | None = "IN", limit: int = 20
) -> list[PhoneNumber]:
    """Valid numbers in free text in order of appearance, without repeats; never raises."""
    if limit <= 0 or not text:
        return []
    text = text[:_MAX_SCAN_CHARS]
    region = default_region.strip().upper() if default_region else None
    if region is not None and not is_valid_region(region):
        region = None
    found = _tel_link_numbers(text, region) + _matcher_numbers(text, region, limit)
    found.sort(key=lambda item: item[0])
    unique: dict[str, PhoneNumber] = {}
    for _, number in found:
        unique.setdefault(number.digits, number)
    return list(unique.values())[:limit]


def _checked_region(default_region: str | None) -> str | None:
    if default_region is None or not default_region.strip():
        return None
    if not is_valid_region(default_region):
        raise InvalidNumberError(UNKNOWN_DEFAULT_REGION)
    return default_region.strip().upper()


def _clean(text: str) -> tuple[str, str]:
    """Return ``(plus_and_digits, extension)`` or raise with the first problem found."""
    if len(text) > _MAX_RAW_CHARS:
        raise InvalidNumberError(TOO_LONG)
    if "%" in text:
        text = unquote(text)
    text = _ascii_digits(unicodedata.normalize("NFKC", text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cf", "Cc")).strip()
    text, extension = _strip_link(text)
    if len(text) > _MAX_NUMBER_CHARS:
        raise InvalidNumberError(TOO_LONG)
    if not extension:
        text, extension = _split_extension_suffix(text)
    if len(extension) > _MAX_EXTENSION_DIGITS:
        raise InvalidNumberError(EXTENSION_TOO_LONG)
    return _plus_and_digits(text), extension


def _ascii_digits(text: str) -> str:
    """Map any unicode decimal digit (Arabic-Indic, Devanagari, ...) to ASCII."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def _strip_link(text: str) -> tuple[str, str]:
    """Drop a tel:/callto: scheme and its parameters; return ``(number, extension)``."""
    scheme = _SCHEME.match(text)
    if scheme is None:
        return text, ""
    number, *params = text[scheme.end() :].split("?", 1)[0].split(";")
    extension = ""
    for param in params:
        name, _, value = param.partition("=")
        name = name.strip().lower()
        if name == "ext":
            extension = "".join(ch for ch in value if ch not in "-.() ")
            if not _ASCII_DIGITS.fullmatch(extension):
                raise InvalidNumberError(LETTERS if _has_letters(value) else NOT_A_NUMBER)
        elif name == "phone-context" and value.startswith("+") and not number.startswith("+"):
            number = value + number
    return number.strip(), extension


def _split_extension_suffix(text: str) -> tuple[str, str]:
    match = _EXTENSION_SUFFIX.search(text)
    if match is None:
        return text, ""
    return text[: match.start()].rstrip(" ,;"), match.group(1)


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _plus_and_digits(text: str) -> str:
    """Remove visual separators; keep a leading '+' and the digits."""
    if _has_letters(text):
        raise InvalidNumberError(LETTERS)
    kept: list[str] = []
    for ch in text:
        if ch in _DIGITS_AND_PLUS:
            kept.append(ch)
        elif not _is_separator(ch):
            raise InvalidNumberError(f"Unexpected character {ch!r} in a phone number")
    result = "".join(kept)
    if "+" in result[1:]:
        raise InvalidNumberError(MISPLACED_PLUS)
    if not result.lstrip("+"):
        raise InvalidNumberError(EMPTY)
    return result


def _is_separator(ch: str) -> bool:
    return ch.isspace() or ch in _EXTRA_SEPARATORS or unicodedata.category(ch) == "Pd"


def _parse_valid(cleaned: str, region: str | None) -> phonenumbers.PhoneNumber:
    """Try the plausible readings of the digits and return the first valid one."""
    import phonenumbers

    if cleaned.startswith("+"):
        return _parse_or_raise(cleaned, None, region)
    if region is None:
        raise InvalidNumberError(NO_COUNTRY_CODE)
    readings = [(cleaned, region), ("+" + cleaned, None)]
    if cleaned.startswith("00"):
        readings.append(("+" + cleaned[2:], None))
    for candidate, candidate_region in readings:
        number = _try_parse(candidate, candidate_region)
        if number is not None and phonenumbers.is_valid_number(number):
            return number
    # Explain the failure with the reading the agent most likely meant.
    meant = readings[-1] if cleaned.startswith("00") else readings[0]
    return _parse_or_raise(meant[0], meant[1], region)


def _try_parse(candidate: str, region: str | None) -> phonenumbers.PhoneNumber | None:
    import phonenumbers
    from phonenumbers import NumberParseException

    try:
        return phonenumbers.parse(candidate, region)
    except NumberParseException:
        return None


def _parse_or_raise(
    candidate: str, region: str | None, default_region: str | None
) -> phonenumbers.PhoneNumber:
    import phonenumbers
    from phonenumbers import NumberParseException

    try:
        number = phonenumbers.parse(candidate, region)
    except NumberParseException as exc:
        raise InvalidNumberError(_parse_error_reason(exc, candidate)) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidNumberError(_invalid_reason(number, default_region))
    return number


def _parse_error_reason(exc: phonenumbers.NumberParseException, candidate: str) -> str:
    from phonenumbers import NumberParseException

    if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
        return UNKNOWN_COUNTRY_CODE
    if exc.error_type == NumberParseException.TOO_LONG:
        return TOO_LONG
    if exc.error_type == NumberParseException.NOT_A_NUMBER:
        return TOO_SHORT if len(candidate.lstrip("+")) <= 2 else NOT_A_NUMBER
    return TOO_SHORT  # TOO_SHORT_NSN and TOO_SHORT_AFTER_IDD


def _invalid_reason(number: phonenumbers.PhoneNumber, default_region: str | None) -> str:
    import phonenumbers
    from phonenumbers import ValidationResult

    result = phonenumbers.is_possible_number_with_reason(number)
    if result == ValidationResult.INVALID_COUNTRY_CODE:
        return UNKNOWN_COUNTRY_CODE
    if result == ValidationResult.TOO_SHORT:
        return TOO_SHORT
    if result == ValidationResult.TOO_LONG:
        return TOO_LONG
    country = _country_label(number.country_code or 0, default_region)
    if result == ValidationResult.INVALID_LENGTH:
        return f"Wrong number of digits for {country}"
    if result == ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
        return f"Missing area code for {country}"
    return f"Not a valid number for {country}"


def _country_label(country_code: int, default_region: str | None) -> str:
    """'India (+91)'; for shared codes (+1, +44) the default region if it shares the code."""
    import phonenumbers

    regions = phonenumbers.region_codes_for_country_code(country_code)
    region = default_region if default_region in regions else regions[0] if regions else ""
    name = _region_name(region) if region else ""
    return f"{name} (+{country_code})" if name else f"+{country_code}"


def pretty_digits(digits: str) -> str:
    """API digits ('919200000000') as '+91 92000 00000', or unchanged if not a number."""
    try:
        return normalize("+" + digits, None).international
    except InvalidNumberError:
        return digits


def region_choices() -> list[tuple[str, str]]:
    """(code, 'India (+91)') for every region phonenumbers knows, sorted by name."""
    import phonenumbers

    choices = []
    for code in phonenumbers.SUPPORTED_REGIONS:
        name = _region_name(code) or code
        prefix = phonenumbers.country_code_for_region(code)
        choices.append((code, f"{name} (+{prefix})"))
    return sorted(choices, key=lambda choice: choice[1].casefold())


_country_namer: Callable[[str], str] | None = None


def set_country_namer(namer: Callable[[str], str] | None) -> None:
    """Use ``namer(region_code) -> name`` for country names instead of phonenumbers' tables.

    The window passes Qt's own territory names: phonenumbers' locale tables cost about 100 MB
    of memory and 0.3 s to load, which a desktop app that stays open all day should not pay.
    """
    global _country_namer
    _country_namer = namer


def preload() -> None:
    """Warm the number metadata (and the country names, if they come from phonenumbers), e.g.
    on a worker thread at start-up, so the first number typed does not pay for it."""
    normalize("+919200000000", None)
    _region_name("IN")


def _region_name(region_code: str) -> str:
    """English name of a region, or '' (e.g. for the non-geographic '001')."""
    if _country_namer is not None:
        return _country_namer(region_code)
    names = _locale_data().get(region_code, {})
    name = names.get("en", "")
    if name.startswith("*"):  # the name is stored under another language key
        name = names.get(name[1:], "")
    return name


@functools.cache
def _locale_data() -> dict[str, dict[str, str]]:
    """phonenumbers' country names (``phonenumbers.geodata.locale.LOCALE_DATA``).

    The module itself is small (5 MB, a few ms), but importing it runs its package,
    ``phonenumbers.geodata``, which loads every geocoding prefix: 0.3 s and 100 MB, paid by
    each import worker that meets its first invalid number. So the file is run on its own;
    where it is not a plain file (a frozen app), the module is imported normally.
    """
    import phonenumbers

    path = Path(phonenumbers.__file__).parent / "geodata" / "locale.py"
    spec = importlib.util.spec_from_file_location("phonenumbers.geodata.locale", path)
    if path.is_file() and spec is not None and spec.loader is not None:
        module = importlib.util.module_from_spec(spec)  # not registered in sys.modules
        spec.loader.exec_module(module)
        data: dict[str, dict[str, str]] = module.LOCALE_DATA
        return data
    from phonenumbers.geodata.locale import LOCALE_DATA

    return LOCALE_DATA


def _to_phone_number(number: phonenumbers.PhoneNumber) -> PhoneNumber:
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    extension = number.extension or ""
    bare = phonenumbers.PhoneNumber()
    bare.merge_from(number)
    bare.extension = None
    e164 = phonenumbers.format_number(bare, PhoneNumberFormat.E164)
    region = phonenumbers.region_code_for_number(bare) or ""
    if region not in phonenumbers.SUPPORTED_REGIONS:
        region = ""  # '001' (non-geographic) or 'ZZ'
    return PhoneNumber(
        digits=e164.lstrip("+"),
        e164=e164,
        international=phonenumbers.format_number(bare, PhoneNumberFormat.INTERNATIONAL),
        region_code=region,
        country_name=_region_name(region) if region else "",
        extension=extension,
    )


def _tel_link_numbers(text: str, region: str | None) -> list[tuple[int, PhoneNumber]]:
    found: list[tuple[int, PhoneNumber]] = []
    for link in _TEL_LINK.finditer(text):
        try:
            found.append((link.start(), normalize(link.group(0), region)))
        except InvalidNumberError:
            continue
    return found


def _matcher_numbers(text: str, region: str | None, limit: int) -> list[tuple[int, PhoneNumber]]:
    """Numbers found by phonenumbers, stopping after ``limit`` distinct ones.

    Later matches cannot be among the first ``limit`` distinct numbers of the merged list.
    """
    from phonenumbers import Leniency, PhoneNumberMatcher

    found: list[tuple[int, PhoneNumber]] = []
    seen: set[str] = set()
    for match in PhoneNumberMatcher(text, region, leniency=Leniency.VALID):
        number = _to_phone_number(match.number)
        found.append((match.start, number))
        seen.add(number.digits)
        if len(seen) >= limit:
            break
    return found
