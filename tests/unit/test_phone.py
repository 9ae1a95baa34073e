"""Tests for dialer_app.core.phone: cleaning, validation reasons and finding numbers in text."""

from __future__ import annotations

import time

import phonenumbers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialer_app.core.phone import (
    InvalidNumberError,
    PhoneNumber,
    find_numbers,
    first_number,
    is_valid_region,
    normalize,
)

INDIA_MOBILE = "919200000000"
US_NUMBER = "12015550123"


@pytest.mark.parametrize(
    ("text", "region", "digits"),
    [
        ("+91 92000 00000", "IN", INDIA_MOBILE),
        ("092000 00000", "IN", INDIA_MOBILE),
        ("92000 00000", "IN", INDIA_MOBILE),
        ("(201) 555-0123", "US", US_NUMBER),
        ("00919200000000", "IN", INDIA_MOBILE),
        ("00919200000000", "US", INDIA_MOBILE),
        ("+1-201-555-0123", "IN", US_NUMBER),
        ("+1.201.555.0123", "IN", US_NUMBER),
        ("+1 [201] 555/0123", "IN", US_NUMBER),
        ("tel:+91-92000-00000", "IN", INDIA_MOBILE),
        ("TEL:+919200000000", "IN", INDIA_MOBILE),
        ("tel:+919200000000;ext=12", "IN", INDIA_MOBILE),
        ("callto:+919200000000", "IN", INDIA_MOBILE),
        ("callto://+919200000000", "IN", INDIA_MOBILE),
        ("tel:%2B919200000000", "IN", INDIA_MOBILE),
        ("%2B91%2092000%2000000", "IN", INDIA_MOBILE),
        ("tel:9200000000;phone-context=+91", "US", INDIA_MOBILE),
        ("  +91 92000 00000 \n", "IN", INDIA_MOBILE),
        ("+91\u00a092000\u00a000000", "IN", INDIA_MOBILE),  # non-breaking spaces
        ("+91\u200b92000\u200b00000\ufeff", "IN", INDIA_MOBILE),  # zero-width space, BOM
        ("\u202a+91 92000 00000\u202c", "IN", INDIA_MOBILE),  # bidi marks from chat apps
        ("+91\u201292000\u201300000", "IN", INDIA_MOBILE),  # figure dash, en dash
        ("٠٩٢٠٠٠٠٠٠٠٠", "IN", INDIA_MOBILE),  # Arabic-Indic digits
        ("९२००००००००", "IN", INDIA_MOBILE),  # Devanagari digits
        ("＋９１ ９２０００ ０００００", "IN", INDIA_MOBILE),  # full-width forms
        ("919200000000", "IN", INDIA_MOBILE),  # API form, read as national with country code
        ("919200000000", "US", INDIA_MOBILE),  # API form, only valid with a leading '+'
        ("12015550123", "IN", US_NUMBER),
        ("+44 20 7946 0958", "IN", "442079460958"),
        ("1800 123 4567", "IN", "9118001234567"),
        ("+91 92000 00000", None, INDIA_MOBILE),
        ("+91 92000 00000", "in", INDIA_MOBILE),
    ],
)
def test_accepted_forms_give_api_digits(text: str, region: str | None, digits: str) -> None:
    assert normalize(text, region).digits == digits


def test_all_fields_of_an_indian_mobile() -> None:
    number = normalize("092000 00000")

    assert number == PhoneNumber(
        digits=INDIA_MOBILE,
        e164="+919200000000",
        international="+91 92000 00000",
        region_code="IN",
        country_name="India",
        extension="",
    )
    assert number.display() == "+91 92000 00000 · India"


def test_shared_country_code_resolves_to_the_right_country() -> None:
    canada = normalize("+1 867 222 3333", "US")

    assert (canada.region_code, canada.country_name) == ("CA", "Canada")
    assert normalize("(201) 555-0123", "US").country_name == "United States"


def test_non_geographic_number_has_no_country() -> None:
    number = normalize("+800 1234 5678")

    assert (number.digits, number.region_code, number.country_name) == ("80012345678", "", "")
    assert number.display() == "+800 1234 5678"
    assert "·" not in number.display()


@pytest.mark.parametrize(
    "text",
    [
        "tel:+919200000000;ext=12",
        "+91 92000 00000 ext. 12",
        "+91 92000 00000 extension 12",
        "+91 92000 00000 x12",
        "+91 92000 00000 #12",
    ],
)
def test_extension_is_kept_apart_from_the_digits(text: str) -> None:
    number = normalize(text)

    assert (number.digits, number.extension) == (INDIA_MOBILE, "12")
    assert number.international == "+91 92000 00000"
    assert number.display() == "+91 92000 00000 ext. 12 · India"


@pytest.mark.parametrize(
    ("text", "region", "reason"),
    [
        ("", "IN", "Empty number"),
        ("   ", "IN", "Empty number"),
        ("tel:", "IN", "Empty number"),
        ("( ) - .", "IN", "Empty number"),
        ("+", "IN", "Empty number"),
        ("1-800-FLOWERS", "US", "Letters are not allowed in a phone number"),
        ("Call 92000 00000", "IN", "Letters are not allowed in a phone number"),
        ("92000 0OOOO", "IN", "Letters are not allowed in a phone number"),
        ("tel:+919200000000;ext=abc", "IN", "Letters are not allowed in a phone number"),
        ("1", "IN", "Too short to be a phone number"),
        ("12", "IN", "Too short to be a phone number"),
        ("+91 12345", None, "Too short to be a phone number"),
        ("+1 201 555 012", None, "Too short to be a phone number"),
        ("+1 201 555 01234", None, "Too long to be a phone number"),
        ("+91 9200000000000000000", None, "Too long to be a phone number"),
        ("9" * 65, "IN", "Too long to be a phone number"),
        ("tel:+" + "9" * 64, "IN", "Too long to be a phone number"),
        ("+91 20000 00000", None, "Not a valid number for India (+91)"),
        ("+1 123 555 0123", "US", "Not a valid number for United States (+1)"),
        ("+44 20 7946 095", None, "Not a valid number for United Kingdom (+44)"),
        ("+376 2222222", None, "Wrong number of digits for Andorra (+376)"),
        ("555 0123", "US", "Missing area code for United States (+1)"),
        ("0091920000000", "US", "Not a valid number for India (+91)"),
        ("+999 123456", None, "Unknown country code"),
        ("+0 123456789", "IN", "Unknown country code"),
        (
            "9200000000",
            None,
            "No country code: start the number with + or choose a default country",
        ),
        ("91+9200000000", "IN", "A '+' can only appear at the start of a number"),
        ("*123#", "IN", "Unexpected character '*' in a phone number"),
        ("+91 92000 00000 ext. 12345678901", "IN", "Extension is too long"),
        ("+91 92000 00000", "XX", "The default country is not a known country code"),
    ],
)
def test_rejections_carry_a_plain_reason(text: str, region: str | None, reason: str) -> None:
    with pytest.raises(InvalidNumberError) as caught:
        normalize(text, region)

    assert caught.value.reason == reason
    assert str(caught.value) == reason
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("text", ["9" * 1_000_000, "x" * 1_000_000, " " * 1_000_000 + "1"])
def test_huge_input_is_rejected_quickly(text: str) -> None:
    started = time.perf_counter()
    with pytest.raises(InvalidNumberError, match="Too long"):
        normalize(text)
    assert time.perf_counter() - started < 0.5


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("IN", True),
        ("US", True),
        ("gb", True),
        (" IN ", True),
        ("XX", False),
        ("", False),
        ("001", False),
        ("IND", False),
    ],
)
def test_is_valid_region(code: str, valid: bool) -> None:
    assert is_valid_region(code) is valid


def _example_numbers() -> list[tuple[str, phonenumbers.PhoneNumber]]:
    examples = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        example = phonenumbers.example_number(region)
        if example is not None:
            examples.append((region, example))
    return examples


@pytest.mark.parametrize(("region", "example"), _example_numbers())
def test_every_regions_example_number_round_trips(
    region: str, example: phonenumbers.PhoneNumber
) -> None:
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)

    number = normalize(national, region)

    assert number.e164 == e164
    assert number.digits == e164[1:]
    assert normalize(number.international, "IN").digits == number.digits
    assert normalize(number.e164, None).digits == number.digits
    assert normalize("+" + number.digits, "US").digits == number.digits
    assert normalize("tel:" + number.e164, None).digits == number.digits


EMAIL_SIGNATURE = """\
Thanks & regards,
Priya Sharma | Senior Account Manager
Mob: +91 92000 00000 | Office: 022 2345 6789
Mobile (again): +91-92000-00000
https://acme.example | 4th floor, 12 MG Road, Bengaluru 560001
"""

CRM_LINE = (
    "2024-03-15 14:32 | Ravi Kumar | +91 98000 00000 | Order #4521987630 | "
    "invoice 20240315001 | qty 12 | amount 3499.00 | PIN 560001"
)

HTML_SNIPPET = (
    '<p>Call <a href="tel:%2B919800000000">our desk</a> or '
    '<a href="callto://+12015550123">New York</a>.</p>'
)


def test_find_numbers_in_an_email_signature() -> None:
    found = find_numbers(EMAIL_SIGNATURE)

    assert [number.digits for number in found] == [INDIA_MOBILE, "912223456789"]


def test_find_numbers_skips_dates_and_order_numbers_in_a_crm_line() -> None:
    found = find_numbers(CRM_LINE)

    assert [number.digits for number in found] == ["919800000000"]


def test_find_numbers_reads_tel_links_in_html() -> None:
    found = find_numbers(HTML_SNIPPET)

    assert [number.digits for number in found] == ["919800000000", US_NUMBER]


def test_find_numbers_keeps_order_of_appearance_across_links_and_plain_text() -> None:
    text = "first 092000 00000, then <a href='tel:+12015550123'>x</a>, then +44 20 7946 0958"

    assert [number.digits for number in find_numbers(text)] == [
        INDIA_MOBILE,
        US_NUMBER,
        "442079460958",
    ]


def test_find_numbers_respects_limit_and_region() -> None:
    text = "+91 92000 00000, +1 201-555-0123, 092000 00000, +44 20 7946 0958"

    assert [number.digits for number in find_numbers(text, limit=2)] == [INDIA_MOBILE, US_NUMBER]
    assert find_numbers(text, limit=0) == []
    assert len(find_numbers("092000 00000", default_region=None)) == 0
    assert len(find_numbers("092000 00000", default_region="XX")) == 0
    assert find_numbers("(201) 555-0123", default_region="US")[0].digits == US_NUMBER


def test_first_number() -> None:
    first = first_number("Please call back on 92000 00000 or +1 201 555 0123")

    assert first is not None
    assert first.digits == INDIA_MOBILE
    assert first_number("No phone here, order 4521987630 on 2024-03-15") is None
    assert first_number("") is None


PHONEISH = st.text(alphabet="0123456789 +-().#xt:%", max_size=30)
REGIONS = st.one_of(st.none(), st.sampled_from(["IN", "US", "GB", "DE", "XX", "", "in"]))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(st.text(), PHONEISH), region=REGIONS)
def test_normalize_only_ever_raises_invalid_number_error(text: str, region: str | None) -> None:
    number: PhoneNumber | None = None
    reason = ""
    try:
        number = normalize(text, region)
    except InvalidNumberError as exc:
        reason = exc.reason
    if number is None:
        assert reason
    else:
        assert number.digits.isdigit()
        assert number.e164 == "+" + number.digits


EXAMPLE_DIGITS = sorted(
    phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)[1:]
    for _, example in _example_numbers()
)
# Real numbering plans with the last four digits changed: mostly valid, unlike random digits.
NEAR_EXAMPLE_DIGITS = st.tuples(
    st.sampled_from(EXAMPLE_DIGITS), st.text(alphabet="0123456789", min_size=4, max_size=4)
).map(lambda parts: parts[0][:-4] + parts[1])


@settings(max_examples=400)
@given(
    digits=st.one_of(st.text(alphabet="0123456789", min_size=6, max_size=15), NEAR_EXAMPLE_DIGITS),
    separator=st.sampled_from(["", " ", "-", "."]),
    prefix=st.sampled_from(["", "+", "0", "00", "tel:+"]),
    region=st.sampled_from(["IN", "US", "GB", "DE", "BR"]),
)
def test_normalize_is_idempotent_on_its_own_output(
    digits: str, separator: str, prefix: str, region: str
) -> None:
    text = prefix + separator.join(digits[i : i + 3] for i in range(0, len(digits), 3))
    try:
        number = normalize(text, region)
    except InvalidNumberError:
        return

    assert normalize(number.e164, region).digits == number.digits
    assert normalize("+" + number.digits, region).digits == number.digits
    assert normalize(number.international, region).digits == number.digits
    assert normalize(number.e164, None) == number


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.one_of(
        st.text(),
        st.lists(st.one_of(PHONEISH, st.sampled_from([EMAIL_SIGNATURE, "tel:", "<a href='"]))).map(
            "".join
        ),
    ),
    region=REGIONS,
    limit=st.integers(min_value=-1, max_value=5),
)
def test_find_numbers_never_raises(text: str, region: str | None, limit: int) -> None:
    found = find_numbers(text, region, limit)

    assert len(found) <= max(limit, 0)
    assert len({number.digits for number in found}) == len(found)
