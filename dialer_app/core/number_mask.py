"""Customers' phone numbers masked in text meant for others (the diagnostics report).

Every digit run of 7 or more digits that looks like a phone number keeps only its country code
and last three digits: ``Call to 919200000789`` → ``Call to +91 ••••• ••789``. Dates and times
(``2025-01-02 10:11:12,345``), versions and addresses (``6.11.3``, ``127.0.0.1``), decimals and
digits inside words or identifiers (``x86_64``, a hex id, a user id like ``101_1111112``) are
left alone. Dots separate a number's groups only after a ``+`` (``+687 75.12.34``) or in the
``01.23.45.67.89`` form: elsewhere dotted digits are versions and addresses.
"""

from __future__ import annotations

import re

MASK = "•"
KEPT_DIGITS = 3
MIN_DIGITS = 7
# The API's form of a number: country code and national number, no '+' (11 to 15 digits).
_MIN_INTERNATIONAL_DIGITS = 11

_TEXT = re.compile(
    r"""
    (?P<date>\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?)
    |
    (?P<number>
        (?<![\w.+\-])                            # not inside a word, a decimal, a longer run
        (?:
            (?P<plus>\+|%2[Bb])\ ?                 # +91, %2B91 (URL-encoded): after a '+',
            (?:{paren}[ .\-]?|\d{1,6}[ .\-])*\d+  # dots separate groups too (+687 75.12.34)
        |
            \d{2}(?:\.\d{2}){4}                     # 01.23.45.67.89
        |
            (?:{paren}[ \-]?|\d{1,6}[ \-])*\d+    # 91 92000 00000, (020) 7946-0958, 555-0123
        )
        (?![\w+]|\.\d)                            # not followed by a word or a decimal part
    )
    """.replace("{paren}", r"\(\d{1,5}(?:[ \-]\d{1,5})?\)"),  # (020), (06 1), (0-612)
    re.VERBOSE,
)


def mask_phone_numbers(text: str) -> str:
    """``text`` with every phone-number-looking digit run masked (see the module's notes)."""
    return _TEXT.sub(_masked, text)


def _masked(match: re.Match[str]) -> str:
    found = match.group(0)
    if match.group("date") is not None:
        return found
    plus = match.group("plus") or ""
    digits = re.sub(r"\D", "", found[len(plus) :])
    if len(digits) < MIN_DIGITS:
        return found
    with_plus = bool(plus)
    # Without a '+', only the API's form (a bare run of 11+ digits) carries a country code:
    # a formatted one ('131 2345 6789') is a national number.
    if with_plus or (found.isdigit() and len(digits) >= _MIN_INTERNATIONAL_DIGITS):
        international = _international(digits, strict=not with_plus)
        if international is not None:
            return international
    return _keep_last_digits(found)


def _international(digits: str, *, strict: bool) -> str | None:
    """``+91 ••••• ••789`` for a number with a country code; None when there is none
    (``strict``: the digits must form a valid number, as a bare run may be a local one)."""
    import phonenumbers
    from phonenumbers import PhoneNumberFormat

    try:
        number = phonenumbers.parse("+" + digits, None)
    except phonenumbers.NumberParseException:
        return None
    if strict and not phonenumbers.is_valid_number(number):
        return None
    code = f"+{number.country_code}"
    if phonenumbers.is_possible_number(number):
        shown = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    else:
        shown = f"{code} {digits[len(code) - 1 :]}"
    return code + _keep_last_digits(shown[len(code) :])


def _keep_last_digits(text: str) -> str:
    """Every digit but the last three replaced by the mask; separators and '+' kept."""
    total = sum(ch.isdigit() for ch in text)
    seen = 0
    out = []
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > total - KEPT_DIGITS else MASK)
        else:
            out.append(ch)
    return "".join(out)
