"""A shortcut past ``phonenumbers.parse`` for the plain numbers of bulk imports.

``quick_digits`` answers ``normalize(text, region).digits`` for text that is only a ``+`` and
digits, in about 3 µs instead of 20 µs: it replays what ``parse`` does to such text (country
code, international and national prefixes, leading zeros) with phonenumbers' own metadata and
answers only when the result is valid; whenever a rule it does not replay could apply, it
returns None and the caller uses :func:`dialer_app.core.phone.normalize`.
tests/unit/test_phone_quick.py checks that both agree over every country code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import phonenumbers

__all__ = ["quick_digits"]


def quick_digits(cleaned: str, default_region: str | None) -> str | None:
    """``normalize(cleaned, default_region).digits`` without ``phonenumbers.parse``, or None.

    For bulk imports: about 3 µs a number instead of 20 µs for ``parse`` and
    ``is_valid_number``. ``cleaned`` is a ``+`` and ASCII digits or just digits;
    ``default_region`` an upper-case region code.
    The shortcut replays what ``parse`` does to such text (country code, international and
    national prefixes, leading zeros) with the same metadata and answers only when the result
    is a valid number; whenever a rule it does not replay could apply, it returns None and
    the caller uses :func:`normalize`. tests/unit/test_phone_quick.py checks both agree.
    """
    if not _PLUS_AND_ASCII_DIGITS.fullmatch(cleaned):
        return None
    if cleaned[0] == "+":
        rules, national = _after_country_code(cleaned[1:])
    elif default_region is None:
        return None
    else:
        rules, national = _region_rules(default_region), cleaned
        if rules is not None and (
            national.startswith(rules.country_digits)
            or (rules.idd is not None and rules.idd.match(national))
        ):
            return None  # parse would look for a country code in it
    if rules is None or len(national) < _MIN_NSN_DIGITS:
        return None
    significant = _after_national_prefix(national, rules)
    if significant is None or not _MIN_NSN_DIGITS <= len(significant) <= _MAX_NSN_DIGITS:
        return None
    if significant[0] == "0":
        return None  # an Italian-style leading zero: kept by parse in other fields
    if not _is_valid(rules.country_code, significant):
        return None
    return f"{rules.country_code}{significant}"


_PLUS_AND_ASCII_DIGITS = re.compile(r"\+?[0-9]+")
_MIN_NSN_DIGITS = 2  # phonenumbers' _MIN_LENGTH_FOR_NSN
_MAX_NSN_DIGITS = 17  # phonenumbers' _MAX_LENGTH_FOR_NSN
_MAX_COUNTRY_CODE_DIGITS = 3


@dataclass(frozen=True)
class _ParseRules:
    """The metadata ``phonenumbers.parse`` consults for one country, compiled once."""

    country_code: int
    country_digits: str
    idd: re.Pattern[str] | None  # international call prefix
    national_prefix: re.Pattern[str] | None  # national_prefix_for_parsing
    transforms: bool  # a national_prefix_transform_rule rewrites what the prefix matched
    general: re.Pattern[str] | None  # the pattern every national number of the country fits
    lengths: tuple[int, ...]  # possible lengths of a national number, ascending
    local_lengths: tuple[int, ...]  # lengths only dialable locally


@dataclass(frozen=True)
class _Desc:
    """One phonenumbers ``PhoneNumberDesc``: the lengths and the pattern a number must fit."""

    lengths: frozenset[int]  # empty: any length (the general description's)
    pattern: re.Pattern[str] | None

    def fits(self, national: str) -> bool:
        """phonenumbers' ``_is_number_matching_desc``."""
        if self.lengths and len(national) not in self.lengths:
            return False
        return self.pattern is not None and self.pattern.fullmatch(national) is not None


def _is_valid(country_code: int, national: str) -> bool:
    """``phonenumbers.is_valid_number`` for a number without leading zeros, about 5x faster.

    phonenumbers calls a number valid when it fits the country's general description and
    the description of any number type; it checks the types one by one through several
    layers of calls (to name the type). For a country code of one region this checks the
    same descriptions, compiled once, mobile and fixed-line first; codes shared by several
    regions (+1, +44, +7, ...) go to phonenumbers, which must first pick the region.
    """
    descriptions = _type_descriptions(country_code)
    if descriptions is None:
        number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
        return bool(phonenumbers.is_valid_number(number))
    general, *types = descriptions
    return general.fits(national) and any(desc.fits(national) for desc in types)


@functools.cache
def _type_descriptions(country_code: int) -> tuple[_Desc, ...] | None:
    """(general description, each number type's), or None for shared or unknown codes."""
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(country_code, ())
    if len(regions) != 1:
        return None
    region = regions[0]
    if region != phonenumbers.REGION_CODE_FOR_NON_GEO_ENTITY and (
        phonenumbers.country_code_for_valid_region(region) != country_code
    ):
        return None
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if metadata is None or metadata.general_desc is None:
        return None
    # With the same pattern for both, phonenumbers tries fixed-line only.
    mobile = [] if metadata.same_mobile_and_fixed_line_pattern else [metadata.mobile]
    kinds = [
        *mobile,
        metadata.fixed_line,
        metadata.premium_rate,
        metadata.toll_free,
        metadata.shared_cost,
        metadata.voip,
        metadata.personal_number,
        metadata.pager,
        metadata.uan,
        metadata.voicemail,
    ]
    return tuple(
        _Desc(frozenset(desc.possible_length or ()), _compiled(desc.national_number_pattern))
        for desc in (metadata.general_desc, *kinds)
        if desc is not None
    )


def _compiled(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern) if pattern else None


@functools.cache
def _rules(country_code: int, region: str) -> _ParseRules | None:
    metadata = phonenumbers.PhoneMetadata.metadata_for_region_or_calling_code(country_code, region)
    if metadata is None or metadata.general_desc is None:
        return None
    general = metadata.general_desc
    return _ParseRules(
        country_code=country_code,
        country_digits=str(country_code),
        idd=_compiled(metadata.international_prefix),
        national_prefix=_compiled(metadata.national_prefix_for_parsing),
        transforms=bool(metadata.national_prefix_transform_rule),
        general=_compiled(general.national_number_pattern),
        lengths=tuple(general.possible_length),
        local_lengths=tuple(general.possible_length_local_only),
    )


@functools.cache
def _region_rules(region: str) -> _ParseRules | None:
    if region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    return _rules(phonenumbers.country_code_for_valid_region(region), region)


def _after_country_code(digits: str) -> tuple[_ParseRules | None, str]:
    """Split the digits after a ``+`` like parse does: the shortest known country code."""
    if len(digits) <= _MIN_NSN_DIGITS or digits[0] == "0":
        return None, digits  # parse: too short after the '+', or no country code
    for size in range(1, _MAX_COUNTRY_CODE_DIGITS + 1):
        code = int(digits[:size])
        if code in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            region = phonenumbers.region_code_for_country_code(code)
            return _rules(code, region), digits[size:]
    return None, digits


def _after_national_prefix(national: str, rules: _ParseRules) -> str | None:
    """What parse keeps of ``national`` after trying to strip a national prefix; None when a
    transform rule would rewrite it (left to phonenumbers)."""
    match = rules.national_prefix.match(national) if rules.national_prefix else None
    if match is None:
        return national
    groups = match.groups()
    if rules.transforms and (not groups or groups[-1] is not None):
        return None
    stripped = national[match.end() :]
    if stripped == national:
        return national
    # parse strips only when the rest still fits the country's pattern (or the whole did
    # not) and has a length the country allows (or is too long).
    fits_whole = rules.general is not None and rules.general.fullmatch(national) is not None
    fits_rest = rules.general is not None and rules.general.fullmatch(stripped) is not None
    if fits_whole and not fits_rest:
        return national
    return stripped if _length_allows_stripping(len(stripped), rules) else national


def _length_allows_stripping(length: int, rules: _ParseRules) -> bool:
    """phonenumbers' _test_number_length is IS_POSSIBLE or TOO_LONG."""
    lengths = rules.lengths
    if length in rules.local_lengths or not lengths or length < lengths[0]:
        return False
    return length in lengths or length > lengths[-1]
