"""Tests for dialer_app.core.links: tel:/callto: links as browsers and CRMs hand them over."""

from __future__ import annotations

import contextlib
import re
from urllib.parse import quote

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from dialer_app.core.links import (
    MAX_LINK_CHARS,
    DialLink,
    InvalidLinkError,
    is_dial_link,
    parse_link,
)
from dialer_app.core.phone import InvalidNumberError, normalize

INDIA_MOBILE = "919200000000"
US_NUMBER = "12015550123"


@pytest.mark.parametrize(
    ("text", "number", "digits"),
    [
        ("tel:+91-92000-00000", "+919200000000", INDIA_MOBILE),
        ("tel:+919200000000", "+919200000000", INDIA_MOBILE),
        ("tel:+1-201-555-0123", "+12015550123", US_NUMBER),
        ("tel:+1.201.555.0123", "+12015550123", US_NUMBER),
        ("tel:+1-(201)-555-0123", "+12015550123", US_NUMBER),
        ("tel:+91 92000 00000", "+919200000000", INDIA_MOBILE),
        ("tel:%2B91%2092000%2000000", "+919200000000", INDIA_MOBILE),
        ("tel:%2b91-92000-00000", "+919200000000", INDIA_MOBILE),
        ("tel:+919200000000;isub=12ab", "+919200000000", INDIA_MOBILE),
        ("tel:+919200000000;foo=bar;baz", "+919200000000", INDIA_MOBILE),
        ("tel:+919200000000;phone-context=example.com", "+919200000000", INDIA_MOBILE),
        ("tel:92000-00000;phone-context=+91", "+919200000000", INDIA_MOBILE),
        ("tel:555-0123;phone-context=+1-201", "+12015550123", US_NUMBER),
        ("tel:92000-00000;phone-context=example.com", "9200000000", INDIA_MOBILE),
        ("tel:092000-00000", "09200000000", INDIA_MOBILE),
        ("TEL:+919200000000", "+919200000000", INDIA_MOBILE),
        ("Tel:+919200000000", "+919200000000", INDIA_MOBILE),
        ("callto:+919200000000", "+919200000000", INDIA_MOBILE),
        ("CALLTO:+919200000000", "+919200000000", INDIA_MOBILE),
        ("callto://+919200000000", "+919200000000", INDIA_MOBILE),
        ("callto://+919200000000/", "+919200000000", INDIA_MOBILE),
        ("callto:+919200000000?call", "+919200000000", INDIA_MOBILE),
        ("  tel:+919200000000\n", "+919200000000", INDIA_MOBILE),
        ('"tel:+919200000000"', "+919200000000", INDIA_MOBILE),
        ("'tel:+919200000000'", "+919200000000", INDIA_MOBILE),
        ("<tel:+919200000000>", "+919200000000", INDIA_MOBILE),
        (' "<tel:+919200000000>" ', "+919200000000", INDIA_MOBILE),
        ("“tel:+919200000000”", "+919200000000", INDIA_MOBILE),
        ("tel:+९१ ९२०००-०००००", "+919200000000", INDIA_MOBILE),
        ("tel:+91\u00a092000\u00a000000", "+919200000000", INDIA_MOBILE),
        ("+91 92000 00000", "+919200000000", INDIA_MOBILE),
        ("(201) 555-0123", "2015550123", None),
        ("9200000000", "9200000000", INDIA_MOBILE),
        ("%2B919200000000", "+919200000000", INDIA_MOBILE),
    ],
)
def test_parse_accepted_forms(text: str, number: str, digits: str | None) -> None:
    link = parse_link(text)

    assert link.number == number
    assert link.raw == text
    assert link.extension == ""
    if digits is not None:
        assert normalize(link.number, "IN").digits == digits
        assert link.to_phone_number("IN").digits == digits


def test_us_local_number_with_default_region() -> None:
    assert parse_link("(201) 555-0123").to_phone_number("US").digits == US_NUMBER


def test_extension_is_kept_apart() -> None:
    link = parse_link("tel:+1-201-555-0123;ext=1234")

    assert link == DialLink("+12015550123", "1234", "", "tel:+1-201-555-0123;ext=1234")
    number = link.to_phone_number("IN")
    assert number.digits == US_NUMBER
    assert number.extension == "1234"
    assert link.input_text == "+12015550123 ext. 1234"
    assert normalize(link.input_text, "IN").extension == "1234"


@pytest.mark.parametrize(
    ("text", "extension"),
    [
        ("tel:+12015550123;EXT=12-34", "1234"),
        ("tel:+12015550123;isub=9;ext=77;foo", "77"),
        ("tel:555-0123;ext=5;phone-context=+1-201", "5"),
    ],
)
def test_extension_variants(text: str, extension: str) -> None:
    link = parse_link(text)
    assert link.extension == extension
    assert link.number == "+12015550123"


def test_phone_context_is_reported() -> None:
    assert parse_link("tel:92000-00000;phone-context=+91").phone_context == "+91"
    local = parse_link("tel:5550123;phone-context=Example.COM.")
    assert local.phone_context == "Example.COM."
    assert local.number == "5550123"
    assert parse_link("tel:+919200000000").phone_context == ""


def test_input_text_without_extension_is_the_number() -> None:
    assert parse_link("tel:+91-92000-00000").input_text == "+919200000000"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('""', "empty"),
        ("<>", "empty"),
        ("tel:", "no phone number"),
        ("callto://", "no phone number"),
        ("tel:+", "no phone number"),
        ("tel:---", "no phone number"),
        ("tel:;ext=1", "no phone number"),
        ("sip:+919200000000@example.com", "not sip:"),
        ("http://example.com/+919200000000", "not http:"),
        ("javascript:alert(1)", "not javascript:"),
        ("JavaScript:alert(1)", "not javascript:"),
        ("file:///etc/passwd", "not file:"),
        ("tel:+91abc", "Letters"),
        ("tel:1-800-FLOWERS", "Letters"),
        ("callto:skype.user", "Letters"),
        ("tel:+91%41", "Letters"),
        ("tel:+91%3Bext=12", "Letters"),
        ("92000 ext 12", "Letters"),
        ("tel:*123#", "Unexpected character"),
        ("tel:+91_92000", "Unexpected character"),
        ("tel:+91%FF", "Unexpected character"),
        ("tel:9+1", "'+'"),
        ("tel:+91+92", "'+'"),
        ("tel:+91\n92000", "control"),
        ("tel:+91\t92000", "control"),
        ("tel:+91%0A92000", "control"),
        ("tel:+91%00", "control"),
        ("tel:+91\u202e00092", "control"),
        ("tel:+91\u200b92000", "control"),
        ("tel:+919200000000;ext=", "extension is empty"),
        ("tel:+919200000000;ext=12a", "Letters"),
        ("tel:+919200000000;ext=1*2", "must be digits"),
        ("tel:+919200000000;ext=12345678901", "too long"),
        ("tel:+919200000000;ext=1;ext=2", "twice"),
        ("tel:9200000000;phone-context=", "phone-context"),
        ("tel:9200000000;phone-context=+", "phone-context"),
        ("tel:9200000000;phone-context=+9a", "phone-context"),
        ("tel:9200000000;phone-context=exa_mple.com", "phone-context"),
        ("tel:9200000000;phone-context=1.2.3.4", "phone-context"),
        ("tel:9200000000;phone-context=+91;phone-context=+1", "twice"),
        ("tel:+" + "9" * 300, "longer than 256"),
    ],
)
def test_parse_rejects(text: str, reason: str) -> None:
    with pytest.raises(InvalidLinkError) as caught:
        parse_link(text)
    assert reason.lower() in caught.value.reason.lower()
    assert str(caught.value) == caught.value.reason
    assert isinstance(caught.value, ValueError)
    assert not is_dial_link(text)


def test_length_limit_is_exact() -> None:
    padding = " " * (MAX_LINK_CHARS - len("tel:+919200000000"))
    assert parse_link("tel:+919200000000" + padding).number == "+919200000000"
    with pytest.raises(InvalidLinkError, match="longer"):
        parse_link("tel:+919200000000" + padding + " ")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tel:+919200000000", True),
        ("CALLTO://+919200000000/", True),
        ("<tel:+919200000000>", True),
        ("+919200000000", False),
        ("tel:+91abc", False),
        ("sip:+919200000000", False),
        ("", False),
    ],
)
def test_is_dial_link(text: str, expected: bool) -> None:
    assert is_dial_link(text) is expected


# properties ---------------------------------------------------------------------------------
@given(st.text(max_size=300))
def test_arbitrary_text_raises_only_invalid_link(text: str) -> None:
    try:
        link = parse_link(text)
    except InvalidLinkError as exc:
        reason = exc.reason
        assert reason
        return
    assert re.fullmatch(r"\+?[0-9]+", link.number)
    assert re.fullmatch(r"[0-9]{0,10}", link.extension)
    assert link.raw == text
    with contextlib.suppress(InvalidNumberError):  # any other exception fails the test
        link.to_phone_number("IN")


link_alphabet = st.sampled_from(list("0123456789+-.() ;=%:/<>\"'extphonecontisubcallTELX"))


@given(st.text(link_alphabet, max_size=80).map(lambda body: "tel:" + body))
def test_link_shaped_text_raises_only_invalid_link(text: str) -> None:
    try:
        link = parse_link(text)
    except InvalidLinkError:
        return
    assert re.fullmatch(r"\+?[0-9]+", link.number)
    assert is_dial_link(text)


def _example_numbers() -> list[phonenumbers.PhoneNumber]:
    numbers = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is not None and phonenumbers.is_valid_number(example):
                numbers.append(example)
    return numbers


EXAMPLES = _example_numbers()


def _variants(number: phonenumbers.PhoneNumber, data: st.DataObject) -> str:
    draw = data.draw
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    international = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    national_significant = phonenumbers.national_significant_number(number)
    separator = draw(st.sampled_from([" ", "-", ".", "%20"]))
    formatted = international.replace(" ", separator)
    body = draw(
        st.sampled_from(
            [
                e164,
                formatted,
                quote(international, safe=""),
                f"{national_significant};phone-context=+{number.country_code}",
                f"{national_significant};phone-context=+{number.country_code}".replace("+", "%2B"),
                f"{formatted};isub=12;unknown=x",
            ]
        )
    )
    scheme = draw(st.sampled_from(["tel:", "TEL:", "callto:", "callto://", "CallTo://"]))
    suffix = "/" if scheme.endswith("//") and draw(st.booleans()) else ""
    wrapper = draw(st.sampled_from(["{}", " {} ", "<{}>", '"{}"', "'<{}>'\n"]))
    return wrapper.format(scheme + body + suffix)


@given(st.sampled_from(EXAMPLES), st.data())
def test_formatting_variants_round_trip(
    number: phonenumbers.PhoneNumber, data: st.DataObject
) -> None:
    expected = normalize(phonenumbers.format_number(number, PhoneNumberFormat.E164), None).digits
    text = _variants(number, data)

    link = parse_link(text)

    assert normalize(link.number, None).digits == expected
    assert link.to_phone_number(None).digits == expected
    assert is_dial_link(text)


@given(
    st.sampled_from(EXAMPLES),
    st.text(st.characters(min_codepoint=48, max_codepoint=57), min_size=1, max_size=10),
)
def test_extension_round_trips(number: phonenumbers.PhoneNumber, extension: str) -> None:
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)

    link = parse_link(f"tel:{e164};ext={extension}")

    assert link.extension == extension
    assert link.to_phone_number(None).extension == extension
    assert normalize(link.input_text, None).digits == e164.lstrip("+")
