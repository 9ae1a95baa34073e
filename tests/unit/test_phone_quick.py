"""``quick_numbers.quick_digits`` (the import's shortcut past ``phonenumbers.parse``) never
disagrees with ``phone.normalize``: whenever it answers, the answer is ``normalize(...).digits``."""

from __future__ import annotations

import subprocess
import sys

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.core.quick_numbers import _is_valid, quick_digits

REGIONS = ["IN", "US", "GB", "DE", "IT", "AR", "BR", "MX", "AU", "CA", "FR", "RU", "SG", "CN"]
_TYPES = [
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.VOIP,
]


def normalized_digits(text: str, region: str | None) -> str | None:
    try:
        return normalize(text, region).digits
    except InvalidNumberError:
        return None


def example(region: str, kind: int) -> tuple[int, str] | None:
    """(country code, national significant number) of phonenumbers' example number."""
    found = phonenumbers.example_number_for_type(region, kind)
    if found is None or found.country_code is None:
        return None
    return found.country_code, phonenumbers.national_significant_number(found)


def written(style: str, region: str, country_code: int, national: str) -> str:
    """One way people write a number: with +, national prefix, IDD, or bare digits."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    prefix = (metadata.national_prefix if metadata is not None else None) or ""
    return {
        "plus": f"+{country_code}{national}",
        "plus_with_prefix": f"+{country_code}{prefix}{national}",
        "plus_zero": f"+{country_code}0{national}",
        "national": f"{prefix}{national}",
        "bare": national,
        "country_code_no_plus": f"{country_code}{national}",
        "idd": f"00{country_code}{national}",
        "us_idd": f"011{country_code}{national}",
        "ru_idd": f"810{country_code}{national}",
    }[style]


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, str | None]:
    """Plausible and implausible numbers: mutated example numbers in many styles, and noise."""
    region = draw(st.sampled_from(REGIONS))
    if draw(st.integers(0, 4)) == 0:  # noise: any digits, with or without '+'
        digits = draw(st.text(alphabet="0123456789", min_size=1, max_size=18))
        return draw(st.sampled_from(["", "+"])) + digits, draw(st.sampled_from([region, None]))
    found = example(region, draw(st.sampled_from(_TYPES)))
    if found is None:
        found = example(region, phonenumbers.PhoneNumberType.FIXED_LINE)
    assert found is not None
    country_code, national = found
    keep = draw(st.integers(0, len(national)))
    tail = draw(st.text(alphabet="0123456789", min_size=0, max_size=len(national) - keep + 1))
    national = national[:keep] + tail
    style = draw(
        st.sampled_from(
            [
                "plus",
                "plus_with_prefix",
                "plus_zero",
                "national",
                "bare",
                "country_code_no_plus",
                "idd",
                "us_idd",
                "ru_idd",
            ]
        )
    )
    return written(style, region, country_code, national), region


@settings(max_examples=3000, deadline=None)
@given(case=numbers())
def test_quick_digits_agrees_with_normalize(case: tuple[str, str | None]) -> None:
    text, region = case
    quick = quick_digits(text, region)
    if quick is not None:
        assert quick == normalized_digits(text, region)


EXAMPLES = [(region, kind) for region in REGIONS for kind in _TYPES if example(region, kind)]


@pytest.mark.parametrize(("region", "kind"), EXAMPLES)
@pytest.mark.parametrize("style", ["plus", "national", "bare"])
def test_quick_digits_agrees_on_every_example_number(region: str, kind: int, style: str) -> None:
    found = example(region, kind)
    assert found is not None
    text = written(style, region, *found)
    quick = quick_digits(text, region)
    assert quick is None or quick == normalized_digits(text, region)


@pytest.mark.parametrize(
    ("text", "region", "digits"),
    [
        ("+919200000000", "IN", "919200000000"),
        ("9200000000", "IN", "919200000000"),
        ("09200000000", "IN", "919200000000"),  # national prefix 0 stripped
        ("+12015550123", None, "12015550123"),
        ("2015550123", "US", "12015550123"),
        ("+4930123456", "DE", "4930123456"),
        ("030123456", "DE", "4930123456"),
        ("07400123456", "GB", "447400123456"),
        ("0412345678", "AU", "61412345678"),
        ("3123456789", "IT", "393123456789"),
        ("+5491123456789", "AR", "5491123456789"),
    ],
)
def test_quick_digits_answers_for_ordinary_numbers(
    text: str, region: str | None, digits: str
) -> None:
    assert normalized_digits(text, region) == digits
    assert quick_digits(text, region) == digits


@pytest.mark.parametrize(
    ("text", "region", "why"),
    [
        ("+390212345678", None, "Italian leading zero"),
        ("0212345678", "IT", "Italian leading zero"),
        ("919200000000", "IN", "starts with the country code"),
        ("00919200000000", "IN", "international call prefix"),
        ("01912345678", "AR", "national prefix with a transform rule"),
        ("+0919200000000", None, "no country code starts with 0"),
        ("+99912345", None, "unknown country code"),
        ("5551234", "IN", "not a valid number"),
        ("92000 00000", "IN", "not cleaned"),
        ("9200000000", None, "no region"),
    ],
)
def test_quick_digits_leaves_the_rest_to_normalize(text: str, region: str | None, why: str) -> None:
    assert quick_digits(text, region) is None, why


def _example_nationals() -> list[tuple[int, str]]:
    """(country code, national number) of every example number phonenumbers has."""
    kinds = [
        getattr(phonenumbers.PhoneNumberType, name)
        for name in (
            "MOBILE",
            "FIXED_LINE",
            "TOLL_FREE",
            "PREMIUM_RATE",
            "SHARED_COST",
            "VOIP",
            "PERSONAL_NUMBER",
            "PAGER",
            "UAN",
            "VOICEMAIL",
        )
    ]
    found = []
    for code, regions in sorted(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.items()):
        for region in regions:
            for kind in kinds:
                number = (
                    phonenumbers.example_number_for_non_geo_entity(code)
                    if region == "001"
                    else phonenumbers.example_number_for_type(region, kind)
                )
                if number is not None:
                    found.append((code, phonenumbers.national_significant_number(number)))
    return sorted(set(found))


EXAMPLE_NATIONALS = _example_nationals()


@settings(max_examples=4000, deadline=None)
@given(
    example=st.sampled_from(EXAMPLE_NATIONALS),
    keep=st.integers(0, 17),
    tail=st.text(alphabet="0123456789", max_size=8),
)
def test_is_valid_agrees_with_phonenumbers_for_every_country_code(
    example: tuple[int, str], keep: int, tail: str
) -> None:
    country_code, national = example
    national = (national[:keep] + tail).lstrip("0")
    if not national:
        return
    number = phonenumbers.PhoneNumber(country_code=country_code, national_number=int(national))
    assert _is_valid(country_code, national) == phonenumbers.is_valid_number(number)


def test_is_valid_accepts_every_valid_example_number() -> None:
    checked = [
        (code, national) for code, national in EXAMPLE_NATIONALS if not national.startswith("0")
    ]
    assert len(checked) > 500
    assert [n for n in checked if not _is_valid(*n)] == []


def test_country_names_load_without_the_geocoding_tables() -> None:
    """Reasons name the country; that must not load phonenumbers' 100 MB geocoding data."""
    script = (
        "import sys\n"
        "from dialer_app.core.phone import InvalidNumberError, _region_name, normalize\n"
        "try:\n"
        "    normalize('555-1234', 'IN')\n"
        "except InvalidNumberError as exc:\n"
        "    print(exc.reason)\n"
        "print('phonenumbers.geodata' in sys.modules)\n"
        "names = {code: _region_name(code) for code in ('IN', 'US', 'DE', 'BR', 'PT', 'SE')}\n"
        "from phonenumbers.geodata.locale import LOCALE_DATA\n"
        "for code, name in names.items():\n"
        "    entry = LOCALE_DATA[code]\n"
        "    expected = entry['en']\n"
        "    expected = entry[expected[1:]] if expected.startswith('*') else expected\n"
        "    assert name == expected, (code, name, expected)\n"
        "print(names['IN'], names['SE'])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines() == [
        "Missing area code for India (+91)",
        "False",
        "India Sweden",
    ]
