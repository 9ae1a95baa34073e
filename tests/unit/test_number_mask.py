"""Customers' numbers masked in the diagnostics: country code and last three digits only;
dates, times, versions, addresses and identifiers untouched."""

from __future__ import annotations

import phonenumbers
import pytest

from dialer_app.core.number_mask import mask_phone_numbers


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Call to 919200000789 initiated", "Call to +91 ••••• ••789 initiated"),
        ("Call to 919200000789.", "Call to +91 ••••• ••789."),
        ("+91 92000 00789", "+91 ••••• ••789"),
        ("tel:+91-92000-00789", "tel:+91 ••••• ••789"),
        ("callto://+919200000789/", "callto://+91 ••••• ••789/"),
        ("open %2B919200000789", "open +91 ••••• ••789"),
        ("+1 (201) 555-0123", "+1 •••-•••-•123"),
        ("+44 20 7946 0958", "+44 •• •••• •958"),
        (
            '{"to": 919200000789, "callerid": 919800000456}',
            '{"to": +91 ••••• ••789, "callerid": +91 ••••• ••456}',
        ),
        ("to=919200000789&secret=[REDACTED]", "to=+91 ••••• ••789&secret=[REDACTED]"),
        ("919200000789,919800000456", "+91 ••••• ••789,+91 ••••• ••456"),
        ("local 9200000789 and (555) 123-4567", "local •••••••789 and (•••) •••-•567"),
        ("short 555-1234", "short •••-•234"),
        ("+687 75.12.34 and 01.23.45.67.89", "+687 ••.•2.34 and ••.••.••.•7.89"),
        ("+999 1234567", "+••• ••••567"),  # no such country code: digits only
    ],
)
def test_numbers_keep_country_code_and_last_digits(text: str, masked: str) -> None:
    assert mask_phone_numbers(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "2025-01-02 10:11:12,345 INFO dialer_app.calls [MainThread]: done",
        "Python 3.11.7 · Qt 6.11.3 · PySide6 6.11.3",
        "Sandbox running at http://127.0.0.1:43123 (192.168.100.200)",
        "OS: Linux-6.18.44-fc-v669-x86_64-with-glibc2.36",
        "profile 0123456789abcdef0123456789abcdef, user id 101_1111112",
        "logs/crash-20250102-101112.txt",
        "request_id abc-1234567-xyz_9876543Q",
        "took 1714000000.123 s, 12.3456789 ms",
        "imported 120 of 97957 contacts",
    ],
)
def test_dates_versions_and_identifiers_are_left_alone(text: str) -> None:
    assert mask_phone_numbers(text) == text


def test_a_log_line_keeps_its_time_and_loses_the_number() -> None:
    line = "2025-01-02 10:11:12,345 INFO dialer_app.services.calls: Call to 919200000000 initiated"
    assert mask_phone_numbers(line) == (
        "2025-01-02 10:11:12,345 INFO dialer_app.services.calls: Call to +91 ••••• ••000 initiated"
    )


def example_numbers() -> list[tuple[phonenumbers.PhoneNumber, str]]:
    """Every country's example mobile and fixed-line number, in the forms logs and people
    write: +E.164, the API's digits, international and national formatting."""
    formats = phonenumbers.PhoneNumberFormat
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            number = phonenumbers.example_number_for_type(region, kind)
            if number is None:
                continue
            e164 = phonenumbers.format_number(number, formats.E164)
            for shown in (
                e164,
                e164.lstrip("+"),
                phonenumbers.format_number(number, formats.INTERNATIONAL),
                phonenumbers.format_number(number, formats.NATIONAL),
            ):
                found.append((number, shown))
    return found


def test_every_country_s_example_numbers_are_masked() -> None:
    examples = example_numbers()
    assert len(examples) > 1500
    prefix, suffix = "2025-01-02 10:11:12,345 INFO x: Call to ", " initiated"
    for number, shown in examples:
        line = mask_phone_numbers(f"{prefix}{shown}{suffix}")
        assert line.startswith(prefix), line
        assert line.endswith(suffix), line
        masked = line[len(prefix) : -len(suffix)]
        if sum(ch.isdigit() for ch in shown) < 7:  # e.g. Niue's 5-digit national numbers
            assert masked == shown
            continue
        kept = "".join(ch for ch in masked if ch.isdigit())
        digits = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)[1:]
        # Only the country code (where it can be told) and the last three digits are left.
        assert kept in (digits[-3:], f"{number.country_code}{digits[-3:]}"), (shown, masked)
