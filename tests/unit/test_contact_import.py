"""Tests for contact import: real vCard exports, CSV variants, broken files, merging, speed."""

from __future__ import annotations

import codecs
import dataclasses
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialer_app.core.contact import ContactNumber
from dialer_app.core.contact_import import (
    MAX_FILE_BYTES,
    ColumnMapping,
    ContactImportError,
    ImportCancelled,
    ImportReport,
    RawContact,
    SkippedRow,
    detect_format,
    label_from_text,
    parse_vcard,
    read_contacts,
    read_csv,
    read_vcard,
    sniff_csv,
)
from dialer_app.core.contact_import._numbers import NumberReader
from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.core.store import ImportResult, MergeNote, Store
from tests.support.harness import VCARDS_DIR

VCARDS = VCARDS_DIR
REAL_FILE_REGION = "US"  # the real exports hold North American numbers

Number = tuple[str, str, str]  # (raw text as in the file, digits or "" if invalid, label)
Expected = list[tuple[int, str, list[Number]]]  # (first line of the card, name, numbers)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def card_summary(cards: list[RawContact]) -> list[tuple[int, str, list[tuple[str, str]]]]:
    return [(card.line, card.name, card.numbers) for card in cards]


def parse_file(name: str) -> list[RawContact]:
    return parse_vcard((VCARDS / name).read_bytes().decode("utf-8", errors="replace"))


def numbers_of(report: ImportReport) -> dict[str, list[Number]]:
    return {
        contact.name: [(n.raw, n.digits, n.label) for n in contact.numbers]
        for contact in report.contacts
    }


def invalid_reason(raw: str, region: str | None) -> str:
    """Why ``phone.normalize`` refuses ``raw`` (the test fails if it accepts it)."""
    try:
        normalize(raw, region)
    except InvalidNumberError as exc:
        return exc.reason
    pytest.fail(f"{raw!r} is a valid number in {region}")


def normalized_digits(raw: str, region: str | None) -> str:
    try:
        return normalize(raw, region).digits
    except InvalidNumberError:
        return ""


def kept_once(numbers: list[Number]) -> list[Number]:
    """A contact holds each number once: a repeat in the same card is dropped (first label wins)."""
    seen: set[str] = set()
    kept: list[Number] = []
    for raw, digits, label in numbers:
        key = digits or f"raw:{raw}"
        if key not in seen:
            seen.add(key)
            kept.append((raw, digits, label))
    return kept


# ---------------------------------------------------------------------------------------------
# Real vCard exports: names, numbers and labels written down by reading each file; digits are
# those of a valid number with the default country REAL_FILE_REGION, "" for an invalid one.

N1 = "Ñ"
NOT_VALID = ""
REAL_FILES: dict[str, Expected] = {
    "John_Doe_ANDROID.vcf": [
        (1, "", []),
        (6, "", []),
        (11, " ".join([N1] * 5), [("123456789", NOT_VALID, "mobile")]),
        (
            18,
            " ".join([N1] * 11),
            [
                ("123456", NOT_VALID, "mobile"),
                ("234567", NOT_VALID, "home"),
                ("3456789", NOT_VALID, "mobile"),
                ("45678901", NOT_VALID, "home"),
            ],
        ),
        (
            36,
            " ".join([N1] * 4),
            [
                ("123456", NOT_VALID, "mobile"),
                ("123456", NOT_VALID, "work"),
                ("123456", NOT_VALID, "fax"),
            ],
        ),
        (71, N1 * 4, [("55556666", NOT_VALID, "mobile")]),
    ],
    "John_Doe_BLACK_BERRY.vcf": [(1, "John Doe", [("+96123456789", NOT_VALID, "mobile")])],
    "John_Doe_EVOLUTION.vcf": [
        (
            1,
            "Mr. John Richter, James Doe Sr.",
            [("905-666-1234", "19056661234", "mobile"), ("905-555-1234", "19055551234", "work")],
        )
    ],
    "John_Doe_GMAIL.vcf": [
        (
            1,
            "Mr. John Richter, James Doe Sr.",
            [("905-555-1234", "19055551234", "mobile"), ("905-666-1234", "19056661234", "home")],
        )
    ],
    "John_Doe_IPHONE.vcf": [
        (
            1,
            "Mr. John Richter James Doe Sr.",
            [
                ("905-555-1234", "19055551234", "mobile"),
                ("905-666-1234", "19056661234", "home"),
                ("905-777-1234", "19057771234", "work"),
                ("905-888-1234", "19058881234", "fax"),
                ("905-999-1234", "19059991234", "fax"),
                ("905-111-1234", NOT_VALID, "other"),  # 111 is not a valid exchange
                ("905-222-1234", "19052221234", "other"),
            ],
        )
    ],
    "John_Doe_LOTUS_NOTES.vcf": [
        (
            1,
            "Mr. Doe John I Johny",
            [
                ("+1 (212) 204-34456", NOT_VALID, "mobile"),  # one digit too many
                ("00-1-212-555-7777", "12125557777", "fax"),
            ],
        )
    ],
    "John_Doe_MAC_ADDRESS_BOOK.vcf": [
        (
            1,
            "Mr. John Richter,James Doe Sr.",
            [
                ("905-777-1234", "19057771234", "work"),
                ("905-666-1234", "19056661234", "home"),
                ("905-555-1234", "19055551234", "mobile"),
                ("905-888-1234", "19058881234", "fax"),
                ("905-999-1234", "19059991234", "fax"),
                ("905-111-1234", NOT_VALID, "other"),
                ("905-222-1234", "19052221234", "other"),
            ],
        )
    ],
    "John_Doe_MS_OUTLOOK.vcf": [
        (
            1,
            "Mr. John Richter James Doe Sr.",
            [("(905) 555-1234", "19055551234", "work"), ("(905) 666-1234", "19056661234", "home")],
        )
    ],
    "fullcontact.vcf": [
        (
            1,
            "Prefix FirstName MiddleName LastName Suffix",
            [
                ("555-555-1111", NOT_VALID, "home"),  # area code 555 does not exist
                ("555-555-1112", NOT_VALID, "work"),
                ("555-555-1113", NOT_VALID, "mobile"),
                ("555-555-1114", NOT_VALID, "mobile"),
                ("555-555-1115", NOT_VALID, "other"),
                ("555-555-1116", NOT_VALID, "fax"),
                ("555-555-1117", NOT_VALID, "fax"),
                ("555-555-1118", NOT_VALID, "other"),
                ("555-555-1119", NOT_VALID, "other"),
            ],
        )
    ],
    "gmail-list.vcf": [(1, "Arnold Smith", []), (7, "Chris Beatle", []), (13, "Doug White", [])],
    "gmail-single.vcf": [
        (
            1,
            "Greg Dartmouth",
            [("555 555 1111", NOT_VALID, "mobile"), ("555 555 2222", NOT_VALID, "other")],
        )
    ],
    "gmail-single2.vcf": [
        (
            1,
            "VCard Test",
            [
                ("5555551111", NOT_VALID, "other"),
                ("5555551112", NOT_VALID, "home"),
                ("5555551113", NOT_VALID, "work"),
                ("5555551114", NOT_VALID, "other"),
                ("5555551115", NOT_VALID, "mobile"),
                ("5555551116", NOT_VALID, "main"),
                ("5555551117", NOT_VALID, "fax"),
                ("5555551118", NOT_VALID, "fax"),
                ("5555551119", NOT_VALID, "other"),
                ("5555551120", NOT_VALID, "other"),
                ("5555551121", NOT_VALID, "other"),
            ],
        )
    ],
    "outlook-2003.vcf": [
        (
            1,
            "John Doe III",
            [
                ("BusinessPhone", NOT_VALID, "work"),
                ("HomePhone", NOT_VALID, "home"),
                ("MobilePhone", NOT_VALID, "mobile"),
                ("BusinessFaxPhone", NOT_VALID, "fax"),
            ],
        )
    ],
    "outlook-2007.vcf": [
        (
            1,
            "Mr. Michael Angstadt Jr.",
            [
                ("(111) 555-1111", NOT_VALID, "work"),  # area code 111 does not exist
                ("(111) 555-2222", NOT_VALID, "home"),
                ("(111) 555-4444", NOT_VALID, "mobile"),
                ("(111) 555-3333", NOT_VALID, "fax"),
            ],
        )
    ],
    "rfc2426-example.vcf": [
        (
            1,
            "Frank Dawson",
            [("+1-919-676-9515", "19196769515", "work"), ("+1-919-676-9564", "19196769564", "fax")],
        ),
        (
            13,
            "Tim Howes",
            [("+1-415-937-3419", "14159373419", "work"), ("+1-415-528-4164", "14155284164", "fax")],
        ),
    ],
    "rfc6350-example.vcf": [
        (
            1,
            "Simon Perreault",
            [
                ("+1-418-656-9254 ext. 102", "14186569254", "work"),
                ("+1-418-262-6501", "14182626501", "mobile"),
            ],
        )
    ],
    "thunderbird-MoreFunctionsForAddressBook-extension.vcf": [
        (
            1,
            "John Doe",
            [
                ("555-555-1111", NOT_VALID, "work"),
                ("555-555-2222", NOT_VALID, "home"),
                ("555-555-5555", NOT_VALID, "mobile"),
                ("555-555-3333", NOT_VALID, "fax"),
                ("555-555-4444", NOT_VALID, "other"),
            ],
        )
    ],
}


def test_every_real_vcard_file_is_covered_and_keeps_its_notice() -> None:
    assert sorted(path.name for path in VCARDS.glob("*.vcf")) == sorted(REAL_FILES)
    notice = (VCARDS / "NOTICE.md").read_text(encoding="utf-8")
    assert "Copyright (c) 2012-2026, Michael Angstadt. All rights reserved." in notice


def test_real_file_digits_agree_with_phone_normalize() -> None:
    """The digits written in REAL_FILES are what phone.normalize makes of each number."""
    for name, cards in REAL_FILES.items():
        for _, _, numbers in cards:
            for raw, digits, _ in numbers:
                assert normalized_digits(raw, REAL_FILE_REGION) == digits, (name, raw)


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_vcard_names_and_numbers(name: str) -> None:
    expected = [
        (line, card_name, [(raw, label) for raw, _, label in numbers])
        for line, card_name, numbers in REAL_FILES[name]
    ]
    assert card_summary(parse_file(name)) == expected


@pytest.mark.parametrize("name", sorted(REAL_FILES))
def test_real_vcard_import_keeps_every_card_with_a_number(name: str) -> None:
    """Every card with a number becomes a contact with its name and all its numbers; invalid
    numbers are kept as typed and listed with the card's line; only cards without any number
    are skipped."""
    cards = REAL_FILES[name]
    report = read_vcard(VCARDS / name, default_region=REAL_FILE_REGION)
    assert report.format == "vcard"
    imported = [
        (contact.name, [(n.raw, n.digits, n.label) for n in contact.numbers])
        for contact in report.contacts
    ]
    assert imported == [
        (card_name, kept_once(numbers)) for _, card_name, numbers in cards if numbers
    ]
    assert report.unverified == [
        SkippedRow(line, f"{raw!r} kept as typed: {invalid_reason(raw, REAL_FILE_REGION)}")
        for line, _, numbers in cards
        for raw, digits, _ in kept_once(numbers)
        if not digits
    ]
    assert report.skipped == [
        SkippedRow(line, "no phone number" if card_name else "no name and no number")
        for line, card_name, numbers in cards
        if not numbers
    ]
    assert report.merged_duplicates == 0


def test_real_vcard_companies_and_notes() -> None:
    assert parse_file("John_Doe_BLACK_BERRY.vcf")[0].company == "Acme Solutions"
    assert parse_file("John_Doe_EVOLUTION.vcf")[0].company == "IBM - Accounting - Dungeon"
    assert parse_file("outlook-2003.vcf")[0].company == "Company, The - TheDepartment"
    assert parse_file("outlook-2003.vcf")[0].notes == (
        "This is the note field!!\nSecond line\n\nThird line is empty"
    )
    assert parse_file("thunderbird-MoreFunctionsForAddressBook-extension.vcf")[0].notes == (
        "This is the notes field.\nSecond Line\n\nFourth Line\n"
        'You can put anything in the "note" field; even curse words.'
    )
    android = parse_file("John_Doe_ANDROID.vcf")
    assert android[4].company == N1 * 12  # quoted-printable soft break inside the value


def test_real_iphone_file_imports_valid_numbers_and_keeps_bad_one_raw() -> None:
    report = read_vcard(VCARDS / "John_Doe_IPHONE.vcf", default_region="US")
    assert report.skipped == []
    assert numbers_of(report) == {
        "Mr. John Richter James Doe Sr.": [
            ("905-555-1234", "19055551234", "mobile"),
            ("905-666-1234", "19056661234", "home"),
            ("905-777-1234", "19057771234", "work"),
            ("905-888-1234", "19058881234", "fax"),
            ("905-999-1234", "19059991234", "fax"),
            ("905-111-1234", "", "other"),  # 111 is not a valid exchange: kept, not dialable
            ("905-222-1234", "19052221234", "other"),
        ]
    }
    assert report.unverified == [
        SkippedRow(1, "'905-111-1234' kept as typed: Not a valid number for United States (+1)")
    ]
    assert report.summary() == (
        "Imported 1 contact. 1 number could not be verified and cannot be dialled until "
        "corrected (line 1: '905-111-1234' kept as typed: Not a valid number for United "
        "States (+1)). 6 numbers had no country code and were read as United States (+1) "
        "numbers (line 1: '905-555-1234' as +19055551234; line 1: '905-666-1234' as "
        "+19056661234; line 1: '905-777-1234' as +19057771234; line 1: '905-888-1234' as "
        "+19058881234; line 1: '905-999-1234' as +19059991234; and 1 more)"
    )


def test_real_lotus_notes_file_reads_international_prefix() -> None:
    report = read_vcard(VCARDS / "John_Doe_LOTUS_NOTES.vcf", default_region="IN")
    assert numbers_of(report) == {
        "Mr. Doe John I Johny": [
            ("+1 (212) 204-34456", "", "mobile"),
            ("00-1-212-555-7777", "12125557777", "fax"),
        ]
    }
    assert report.unverified == [
        SkippedRow(1, "'+1 (212) 204-34456' kept as typed: Too long to be a phone number")
    ]


def test_real_rfc_examples_import_with_extension_and_uri() -> None:
    rfc2426 = read_vcard(VCARDS / "rfc2426-example.vcf")
    assert numbers_of(rfc2426) == {
        "Frank Dawson": [
            ("+1-919-676-9515", "19196769515", "work"),
            ("+1-919-676-9564", "19196769564", "fax"),
        ],
        "Tim Howes": [
            ("+1-415-937-3419", "14159373419", "work"),
            ("+1-415-528-4164", "14155284164", "fax"),
        ],
    }
    rfc6350 = read_vcard(VCARDS / "rfc6350-example.vcf")
    assert numbers_of(rfc6350) == {
        "Simon Perreault": [
            ("+1-418-656-9254 ext. 102", "14186569254", "work"),
            ("+1-418-262-6501", "14182626501", "mobile"),
        ]
    }
    assert rfc2426.unverified == rfc6350.unverified == []


def test_real_files_keep_unverified_numbers_and_skip_only_cards_without_numbers() -> None:
    android = read_vcard(VCARDS / "John_Doe_ANDROID.vcf", default_region="IN")
    assert numbers_of(android) == {
        " ".join([N1] * 5): [("123456789", "", "mobile")],
        " ".join([N1] * 11): [
            ("123456", "", "mobile"),
            ("234567", "", "home"),
            ("3456789", "", "mobile"),
            ("45678901", "", "home"),
        ],
        " ".join([N1] * 4): [("123456", "", "mobile")],  # one number written with 3 labels
        N1 * 4: [("55556666", "", "mobile")],
    }
    assert android.skipped == [
        SkippedRow(1, "no name and no number"),
        SkippedRow(6, "no name and no number"),
    ]
    assert android.unverified == [
        SkippedRow(11, "'123456789' kept as typed: Not a valid number for India (+91)"),
        SkippedRow(18, "'123456' kept as typed: Missing area code for India (+91)"),
        SkippedRow(18, "'234567' kept as typed: Missing area code for India (+91)"),
        SkippedRow(18, "'3456789' kept as typed: Missing area code for India (+91)"),
        SkippedRow(18, "'45678901' kept as typed: Not a valid number for India (+91)"),
        SkippedRow(36, "'123456' kept as typed: Missing area code for India (+91)"),
        SkippedRow(71, "'55556666' kept as typed: Not a valid number for India (+91)"),
    ]

    outlook = read_vcard(VCARDS / "outlook-2003.vcf")
    assert outlook.skipped == []
    assert numbers_of(outlook) == {
        "John Doe III": [
            ("BusinessPhone", "", "work"),
            ("HomePhone", "", "home"),
            ("MobilePhone", "", "mobile"),
            ("BusinessFaxPhone", "", "fax"),
        ]
    }
    letters = "kept as typed: Letters are not allowed in a phone number"
    assert outlook.summary() == (
        "Imported 1 contact. 4 numbers could not be verified and cannot be dialled until "
        f"corrected (line 1: 'BusinessPhone' {letters}; line 1: 'HomePhone' {letters}; "
        f"line 1: 'MobilePhone' {letters}; line 1: 'BusinessFaxPhone' {letters})"
    )

    gmail = read_vcard(VCARDS / "gmail-list.vcf")
    assert gmail.contacts == []
    assert gmail.unverified == []
    assert gmail.skipped == [
        SkippedRow(1, "no phone number"),
        SkippedRow(7, "no phone number"),
        SkippedRow(13, "no phone number"),
    ]
    assert gmail.summary() == (
        "Imported 0 contacts, skipped 3 cards (line 1: no phone number; "
        "line 7: no phone number; line 13: no phone number)"
    )


def test_contact_with_only_unverified_numbers_survives_the_store(tmp_path: Path) -> None:
    report = read_vcard(VCARDS / "outlook-2003.vcf", default_region="US")
    [contact] = report.contacts
    assert [n.digits for n in contact.numbers] == ["", "", "", ""]
    store, notice = Store.open(tmp_path / "c.db")
    with store:
        assert store.import_contacts(report.contacts) == ImportResult(added=1, merged=0)
    reopened, notice_after = Store.open(tmp_path / "c.db")
    with reopened:
        rows = reopened.search_rows()
        stored = reopened.all_contacts()
    assert notice is None
    assert notice_after is None
    assert [row[1:] for row in rows] == [
        (
            "John Doe III",
            "Company, The - TheDepartment",
            False,
            "BusinessPhone, HomePhone, MobilePhone, BusinessFaxPhone",
            "",
        )
    ]
    assert [dataclasses.replace(c, id=None) for c in stored] == report.contacts


# ---------------------------------------------------------------------------------------------
# vCard syntax variants


def test_vcard_quoted_printable_with_charset_and_soft_breaks(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\n"
        "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:Jos=E9 Garc=\r\n=EDa\r\n"
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Line 1=0D=0ALine=\r\n 2=C3=A9\r\n"
        "TEL;CELL:+91 92000 00000\r\nEND:VCARD\r\n"
    )
    [card] = parse_vcard(text)
    assert card.name == "José García"
    assert card.notes == "Line 1\nLine 2é"
    assert card.numbers == [("+91 92000 00000", "mobile")]


def test_vcard_folding_line_endings_and_case(tmp_path: Path) -> None:
    body = [
        "begin:vcard",
        "version:3.0",
        "fn:Asha",
        "\t Rao",
        "tel;type=cell:+91 920",
        " 00 00001",
        "end:vcard",
    ]
    for newline in ("\r\n", "\n", "\r"):
        [card] = parse_vcard(newline.join(body) + newline)
        assert (card.name, card.numbers) == ("Asha Rao", [("+91 92000 00001", "mobile")])


def test_vcard_tel_parameter_spellings() -> None:
    text = "\r\n".join(
        [
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:Labels",
            "TEL;TYPE=CELL:1",
            "TEL;type=cell;type=pref:2",
            'TEL;TYPE="cell,voice":3',
            "TEL;CELL;PREF:4",
            "TEL;PREF:5",
            "TEL;TYPE=pref,voice:6",
            "TEL;TYPE=MAIN:7",
            "TEL;TYPE=WORK,FAX:8",
            "TEL;HOME:9",
            "TEL;TYPE=voice:10",
            "TEL;TYPE=PAGER:11",
            "TEL;VALUE=uri;TYPE=cell:tel:+1-555-555-5555",
            "item1.TEL:12",
            "item1.X-ABLabel:_$!<Mobile>!$_",
            "item2.TEL;type=pref:13",
            "item2.X-ABLabel:_$!<HomeFAX>!$_",
            "END:VCARD",
        ]
    )
    [card] = parse_vcard(text)
    assert card.numbers == [
        ("1", "mobile"),
        ("2", "mobile"),
        ("3", "mobile"),
        ("4", "mobile"),
        ("5", "main"),
        ("6", "main"),
        ("7", "main"),
        ("8", "fax"),
        ("9", "home"),
        ("10", "other"),
        ("11", "other"),
        ("+1-555-555-5555", "mobile"),
        ("12", "mobile"),
        ("13", "fax"),
    ]


def test_vcard_name_falls_back_to_n_then_org() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Rao;Asha;K,L;Dr.;PhD\nTEL:1\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nORG:Acme\\, Inc.;Sales\nTEL:2\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nTEL:3\nEND:VCARD\n"
    )
    cards = parse_vcard(text)
    assert [card.name for card in cards] == ["Dr. Asha K L Rao PhD", "Acme, Inc. - Sales", ""]
    assert cards[1].company == "Acme, Inc. - Sales"


def test_vcard_base64_photo_blocks_do_not_leak_properties() -> None:
    text = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Rao;Asha\r\n"
        "PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n"
        "TELxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\n"
        "FNxBBBBBBBBBBBBBBB==\r\n"
        "\r\n"
        "TEL;CELL:+91 92000 00002\r\nEND:VCARD\r\n"
    )
    [card] = parse_vcard(text)
    assert (card.name, card.numbers) == ("Asha Rao", [("+91 92000 00002", "mobile")])


def test_vcard_agent_card_inside_a_card_is_not_a_contact() -> None:
    text = (
        "BEGIN:VCARD\nVERSION:2.1\nFN:Boss\nTEL:+91 92000 00003\nAGENT:\n"
        "BEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nTEL:+91 92000 00004\nEND:VCARD\n"
        "TEL;WORK:+91 92000 00005\nEND:VCARD\n"
    )
    assert card_summary(parse_vcard(text)) == [
        (1, "Boss", [("+91 92000 00003", "other"), ("+91 92000 00005", "work")])
    ]


def test_vcard_card_without_end_is_skipped_with_its_line(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short\nTEL:+91 92000 00006\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Fine\nTEL:+91 92000 00007\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Truncated\nTEL:+91 92"
    )
    report = read_vcard(write(tmp_path / "cut.vcf", text))
    assert [contact.name for contact in report.contacts] == ["Fine"]
    assert report.skipped == [
        SkippedRow(1, "the card has no END:VCARD (the next card starts at line 5)"),
        SkippedRow(10, "the card has no END:VCARD (the file ends inside it)"),
    ]


def test_vcard_garbage_between_and_inside_cards_is_tolerated(tmp_path: Path) -> None:
    text = (
        "Exported by SomeTool\n"
        "BEGIN:VCARD\nVERSION:3.0\nthis line has no colon\nFN:Asha\n"
        ';;;:::\nTEL;TYPE="unclosed:+91 92000 00008\nTEL:+91 92000 00009\nEND:VCARD\n'
        "junk\nEND:VCARD\n"
    )
    report = read_vcard(write(tmp_path / "junk.vcf", text))
    assert numbers_of(report) == {
        "Asha": [
            ("+91 92000 00008", "919200000008", "other"),  # read despite the unclosed quote
            ("+91 92000 00009", "919200000009", "other"),
        ]
    }
    assert report.skipped == []


def test_vcard_duplicates_of_the_same_name_are_merged_and_others_kept(tmp_path: Path) -> None:
    text = (
        "BEGIN:VCARD\nFN:Asha Rao\nTEL;CELL:+91 92000 00010\nEND:VCARD\n"
        "BEGIN:VCARD\nFN:ASHA RAO\nORG:Acme\nTEL;WORK:092000 00010\nTEL;HOME:92000 00011\n"
        "END:VCARD\n"
        "BEGIN:VCARD\nFN:A. Rao\nTEL;WORK:+91 92000 00010\nEND:VCARD\n"
    )
    report = read_vcard(write(tmp_path / "dup.vcf", text))
    assert report.merged_duplicates == 1
    assert [(c.name, c.company) for c in report.contacts] == [("Asha Rao", "Acme"), ("A. Rao", "")]
    assert report.contacts[0].numbers == (
        ContactNumber("+91 92000 00010", "919200000010", "mobile"),
        ContactNumber("92000 00011", "919200000011", "home"),
    )
    assert report.merges == [MergeNote(5, "ASHA RAO", "Asha Rao", "919200000010", False)]
    assert report.kept_apart == [MergeNote(11, "A. Rao", "Asha Rao", "919200000010", False)]


def test_vcard_file_without_cards_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ContactImportError, match="no BEGIN:VCARD"):
        read_vcard(write(tmp_path / "x.vcf", "name,phone\nAsha,+91 92000 00000\n"))


# ---------------------------------------------------------------------------------------------
# CSV variants


def test_csv_plain_name_phone(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "name,phone\nAsha,+91 92000 00020\nBala,92000 00021\n")
    report = read_csv(path)
    assert numbers_of(report) == {
        "Asha": [("+91 92000 00020", "919200000020", "other")],
        "Bala": [("92000 00021", "919200000021", "other")],
    }
    assert report.format == "csv"
    assert report.summary() == (
        "Imported 2 contacts. 1 number has no country code and was read as India (+91) number "
        "(line 3: '92000 00021' as +919200000021)"
    )


def test_csv_utf8_bom_semicolon_excel_sep_line_and_quoted_newlines(tmp_path: Path) -> None:
    text = (
        "sep=;\r\n"
        "Name;Mobile;Notes\r\n"
        '"Rao; Asha";+91 92000 00022;"first line\r\nsecond line"\r\n'
        "Bala;bad number;\r\n"
        "Chen;+91 92000 00023;x\r\n"
    )
    path = tmp_path / "excel.csv"
    path.write_bytes(codecs.BOM_UTF8 + text.encode())
    layout = sniff_csv(path)
    assert (layout.delimiter, layout.has_header, layout.header) == (
        ";",
        True,
        ["Name", "Mobile", "Notes"],
    )
    assert layout.encoding == "utf-8-sig"
    report = read_csv(path)
    assert [(c.name, c.notes) for c in report.contacts] == [
        ("Rao; Asha", "first line\r\nsecond line"),
        ("Bala", ""),
        ("Chen", "x"),
    ]
    assert numbers_of(report) == {
        "Rao; Asha": [("+91 92000 00022", "919200000022", "mobile")],
        "Bala": [("bad number", "", "mobile")],  # kept as typed, not dialable
        "Chen": [("+91 92000 00023", "919200000023", "mobile")],
    }
    assert report.skipped == []
    assert report.unverified == [
        SkippedRow(5, "'bad number' kept as typed: Letters are not allowed in a phone number")
    ]
    assert report.summary() == (
        "Imported 3 contacts. 1 number could not be verified and cannot be dialled until "
        "corrected (line 5: 'bad number' kept as typed: Letters are not allowed in a phone number)"
    )


def test_csv_google_contacts_export(tmp_path: Path) -> None:
    header = (
        "Name,Given Name,Additional Name,Family Name,Notes,E-mail 1 - Type,E-mail 1 - Value,"
        "Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,"
        "Organization 1 - Type,Organization 1 - Name"
    )
    rows = [
        "Asha Rao,Asha,,Rao,,* Home,asha@example.com,Mobile,"
        "+91 92000 00030 ::: +91 92000 00031,Work,022 2345 6789,,Acme",
        ",Bala,,Iyer,met at fair,,,Home,92000 00032,,,,",
    ]
    path = write(tmp_path / "google.csv", "\n".join([header, *rows]) + "\n")
    layout = sniff_csv(path)
    assert layout.mapping == ColumnMapping(
        name=0,
        first_name=1,
        middle_name=2,
        last_name=3,
        notes=4,
        company=12,
        numbers=[(8, "other"), (10, "other")],
        label_columns={8: 7, 10: 9},
    )
    report = read_csv(path)
    assert numbers_of(report) == {
        "Asha Rao": [
            ("+91 92000 00030", "919200000030", "mobile"),
            ("+91 92000 00031", "919200000031", "mobile"),
            ("022 2345 6789", "912223456789", "work"),
        ],
        "Bala Iyer": [("92000 00032", "919200000032", "home")],
    }
    assert report.contacts[0].company == "Acme"
    assert report.contacts[1].notes == "met at fair"


def test_csv_outlook_export_in_utf16(tmp_path: Path) -> None:
    header = (
        '"Title","First Name","Middle Name","Last Name","Company","Business Phone",'
        '"Home Phone","Mobile Phone","Business Fax","Primary Phone","Government ID Number",'
        '"Notes"'
    )
    row = (
        '"Mr.","Gopal","K","Nair","Initech","022 2345 6790","","92000 00040",'
        '"022 2345 6791","92000 00041","123456789012","VIP"'
    )
    path = tmp_path / "outlook.csv"
    path.write_bytes(f"{header}\r\n{row}\r\n".encode("utf-16"))  # with BOM, as Outlook writes
    report = read_csv(path)
    assert numbers_of(report) == {
        "Gopal K Nair": [
            ("022 2345 6790", "912223456790", "work"),
            ("92000 00040", "919200000040", "mobile"),
            ("022 2345 6791", "912223456791", "fax"),
            ("92000 00041", "919200000041", "main"),
        ]
    }
    assert (report.contacts[0].company, report.contacts[0].notes) == ("Initech", "VIP")


def test_csv_excel_sep_line_with_tab(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "sep=\t\nName\tPhone, Home\nAsha\t+91 92000 00041\n")
    layout = sniff_csv(path)
    assert (layout.delimiter, layout.header, layout.skip_rows) == ("\t", ["Name", "Phone, Home"], 2)
    assert numbers_of(read_csv(path)) == {"Asha": [("+91 92000 00041", "919200000041", "home")]}


def test_csv_tab_separated_utf16_without_bom(tmp_path: Path) -> None:
    path = tmp_path / "tabs.txt"
    path.write_bytes("Name\tPhone\nAsha\t+91 92000 00042\n".encode("utf-16-le"))
    assert sniff_csv(path).delimiter == "\t"
    assert numbers_of(read_contacts(path)) == {
        "Asha": [("+91 92000 00042", "919200000042", "other")]
    }


def test_csv_legacy_cp1252(tmp_path: Path) -> None:
    path = write(tmp_path / "old.csv", "Name;Phone\nJosé Müller – GmbH;+91 92000 00043\n", "cp1252")
    assert sniff_csv(path).encoding == "cp1252"
    assert [c.name for c in read_csv(path).contacts] == ["José Müller – GmbH"]


def test_csv_without_header_is_read_by_content(tmp_path: Path) -> None:
    path = write(tmp_path / "bare.csv", "Asha,+91 92000 00044\nBala,92000 00045\n")
    layout = sniff_csv(path)
    assert not layout.has_header
    assert layout.mapping == ColumnMapping(name=0, numbers=[(1, "other")])
    assert [c.name for c in read_csv(path).contacts] == ["Asha", "Bala"]


def test_csv_unknown_header_words_with_numbers_below(tmp_path: Path) -> None:
    path = write(tmp_path / "fr.csv", "Nom,Téléfono\nAsha,+91 92000 00046\n")
    layout = sniff_csv(path)
    assert layout.has_header
    assert layout.mapping == ColumnMapping(name=0, numbers=[(1, "other")])


def test_csv_cells_with_several_numbers(tmp_path: Path) -> None:
    text = (
        "name,phone\n"
        'A,"+91 92000 00050; +91 92000 00051"\n'
        'B,"92000 00052, 92000 00053"\n'
        "C,92000 00054 / 92000 00055\n"
        "D,+49 89/1234567\n"
        'E,"+91 92000 00056, ext. 12"\n'
    )
    report = read_csv(write(tmp_path / "multi.csv", text), default_region="IN")
    raws = {c.name: [n.raw for n in c.numbers] for c in report.contacts}
    assert raws == {
        "A": ["+91 92000 00050", "+91 92000 00051"],
        "B": ["92000 00052", "92000 00053"],
        "C": ["92000 00054", "92000 00055"],
        "D": ["+49 89/1234567"],
        "E": ["+91 92000 00056, ext. 12"],
    }


def test_csv_keeps_rows_with_bad_numbers_and_skips_rows_without_numbers(tmp_path: Path) -> None:
    text = (
        "name,phone,phone 2\n"  # line 1
        "Asha,+91 92000 00060,555-1234\n"  # 2: the bad number is kept beside the good one
        ",,\n"  # 3: blank row, silently ignored
        '"Multi\nLine",abc,\n'  # 4-5: only a bad number: imported, number unverified
        ",,\n"  # 6
        ",,notes only?\n"  # 7: the third column is a phone column; no name: named by the number
        "Bala,,\n"  # 8: no number at all
        ",+91 92000 00061,\n"  # 9: no name: named by the number
    )
    report = read_csv(write(tmp_path / "bad.csv", text))
    assert numbers_of(report) == {
        "Asha": [("+91 92000 00060", "919200000060", "other"), ("555-1234", "", "other")],
        "Multi Line": [("abc", "", "other")],
        "notes only?": [("notes only?", "", "other")],
        "+91 92000 00061": [("+91 92000 00061", "919200000061", "other")],
    }
    assert report.skipped == [SkippedRow(8, "no phone number")]
    letters = "Letters are not allowed in a phone number"
    assert report.unverified == [
        SkippedRow(2, "'555-1234' kept as typed: Missing area code for India (+91)"),
        SkippedRow(4, f"'abc' kept as typed: {letters}"),
        SkippedRow(7, f"'notes only?' kept as typed: {letters}"),
    ]
    assert report.summary() == (
        "Imported 4 contacts, skipped 1 row (line 8: no phone number). 3 numbers could not be "
        "verified and cannot be dialled until corrected (line 2: '555-1234' kept as typed: "
        f"Missing area code for India (+91); line 4: 'abc' kept as typed: {letters}; "
        f"line 7: 'notes only?' kept as typed: {letters})"
    )


def test_csv_row_without_name_is_named_by_company_then_number(tmp_path: Path) -> None:
    text = "name,company,phone\n,Acme,+91 92000 00063\n,,n/a\n"
    report = read_csv(write(tmp_path / "c.csv", text))
    assert [(c.name, c.company) for c in report.contacts] == [("Acme", "Acme"), ("n/a", "")]
    assert report.skipped == []
    assert [row.line for row in report.unverified] == [3]


def test_csv_row_with_neither_name_nor_number(tmp_path: Path) -> None:
    text = "name,phone,notes\nAsha,+91 92000 00062,\n,,just a note\n"
    report = read_csv(write(tmp_path / "n.csv", text))
    assert report.skipped == [SkippedRow(3, "no name and no number")]


def test_csv_duplicates_of_one_name_merge_keeping_first_name(tmp_path: Path) -> None:
    text = (
        "name,mobile,work phone,company\n"
        "Asha Rao,+91 92000 00070,,\n"
        "Bala,+91 92000 00071,,\n"
        "ASHA RAO,092000 00070,022 2345 6792,Acme\n"
        '"Rao, Asha",,+91 22 2345 6792,\n'
        "A Rao,+91 92000 00070,,\n"
    )
    report = read_csv(write(tmp_path / "dup.csv", text))
    assert report.merged_duplicates == 2
    assert numbers_of(report) == {
        "Asha Rao": [
            ("+91 92000 00070", "919200000070", "mobile"),
            ("022 2345 6792", "912223456792", "work"),
        ],
        "Bala": [("+91 92000 00071", "919200000071", "mobile")],
        "A Rao": [("+91 92000 00070", "919200000070", "mobile")],
    }
    assert report.contacts[0].company == "Acme"
    assert report.summary(max_reasons=2) == (
        "Imported 3 contacts, merged 2 duplicates (line 4: “ASHA RAO” into “Asha Rao” (same "
        "number +919200000070); line 5: “Rao, Asha” into “Asha Rao” (same number "
        "+912223456792)). 1 contact shares a number with a contact of another name and was "
        "kept as its own (line 6: “A Rao” shares +919200000070 with another contact, "
        "“Asha Rao”). 2 numbers had no country code and were read as India (+91) numbers "
        "(line 4: '092000 00070' as +919200000070; line 4: '022 2345 6792' as +912223456792)"
    )


def test_csv_explicit_mapping_overrides_guess(tmp_path: Path) -> None:
    text = "a,b,c\nAcme,+91 92000 00080,Asha\n"
    mapping = ColumnMapping(name=2, company=0, numbers=[(1, "work")])
    path = write(tmp_path / "m.csv", text)
    for report in (read_csv(path, mapping=mapping), read_contacts(path, mapping=mapping)):
        assert numbers_of(report) == {"Asha": [("+91 92000 00080", "919200000080", "work")]}
        assert report.contacts[0].company == "Acme"


def test_csv_preview_holds_first_twenty_rows(tmp_path: Path) -> None:
    rows = [f"Person {i},+91 92000 {i:05d}" for i in range(30)]
    layout = sniff_csv("name,phone\n" + "\n".join(rows))
    assert len(layout.preview) == 20
    assert layout.preview[0] == ["Person 0", "+91 92000 00000"]
    assert layout.preview[19] == ["Person 19", "+91 92000 00019"]


def test_csv_extra_params_and_favorite_columns(tmp_path: Path) -> None:
    text = (
        "name,number_1,label_1,favorite,extra_params\n"
        'Asha,+91 92000 00090,mobile,1,"{""crm_id"": 7}"\n'
        "Bala,+91 92000 00091,work,0,not json\n"
    )
    report = read_csv(write(tmp_path / "x.csv", text))
    [asha] = report.contacts
    assert (asha.favorite, asha.extra_params) == (True, {"crm_id": 7})
    assert report.skipped == [SkippedRow(3, "extra_params is not a JSON object")]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("name,email\nAsha,asha@example.com\n", "no column holds phone numbers"),
        ("phone\n+91 92000 00000\n", "no column holds names"),
        ("name,phone\n", "no contact rows"),
        ("sep=;\n", "no contact rows"),
    ],
)
def test_csv_without_usable_columns_is_refused(tmp_path: Path, text: str, reason: str) -> None:
    with pytest.raises(ContactImportError, match=reason):
        read_csv(write(tmp_path / "bad.csv", text))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "the file is empty"),
        (b" \r\n\t\n", "the file is empty"),
        (codecs.BOM_UTF8 + b"\r\n", "the file is empty"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00", "not a text file"),
        (bytes(range(256)) * 4, "not a text file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(1, 32)) * 8, "not a text file"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "unknown encoding"),
    ],
)
def test_unreadable_files_are_refused_with_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(data)
    for reader in (read_csv, read_vcard, read_contacts):
        with pytest.raises(ContactImportError, match=reason):
            reader(path)


def test_too_large_file_is_refused_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 50 * 2**20)  # sparse: nothing is written
    with pytest.raises(ContactImportError, match=r"too large \(250 MB; the limit is 200 MB\)"):
        read_csv(path)


def test_missing_file_and_unknown_region_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ContactImportError, match="cannot read the file"):
        read_contacts(tmp_path / "missing.csv")
    path = write(tmp_path / "a.csv", "name,phone\nAsha,+91 92000 00000\n")
    with pytest.raises(ContactImportError, match="unknown default country 'XX'"):
        read_csv(path, default_region="XX")


def test_no_default_region_needs_country_codes(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "name,phone\nAsha,+91 92000 00000\nBala,92000 00001\n")
    report = read_csv(path, default_region=None)
    assert numbers_of(report) == {
        "Asha": [("+91 92000 00000", "919200000000", "other")],
        "Bala": [("92000 00001", "", "other")],
    }
    assert report.skipped == []
    assert report.unverified == [
        SkippedRow(
            3,
            "'92000 00001' kept as typed: "
            "No country code: start the number with + or choose a default country",
        )
    ]


# ---------------------------------------------------------------------------------------------
# Format detection, progress, cancel


def test_detect_format(tmp_path: Path) -> None:
    vcard_text = "BEGIN:VCARD\nFN:A\nEND:VCARD\n"
    assert detect_format(write(tmp_path / "a.vcf", "whatever")) == "vcard"
    assert detect_format(write(tmp_path / "a.VCARD", "whatever")) == "vcard"
    assert detect_format(write(tmp_path / "a.csv", "name,phone\n")) == "csv"
    assert detect_format(write(tmp_path / "a.txt", "name,phone\n")) == "csv"
    assert detect_format(write(tmp_path / "contacts.txt", vcard_text)) == "vcard"
    assert detect_format(write(tmp_path / "export", "\r\n" + vcard_text, "utf-16")) == "vcard"
    assert detect_format(tmp_path / "a.csv", explicit="vcf") == "vcard"
    assert detect_format(tmp_path / "a.vcf", explicit="CSV") == "csv"
    with pytest.raises(ValueError, match="unknown contact file format 'xls'"):
        detect_format(tmp_path / "a.csv", explicit="xls")


def test_read_contacts_dispatches_on_format(tmp_path: Path) -> None:
    path = write(
        tmp_path / "contacts.dat", "BEGIN:VCARD\nFN:Asha\nTEL:+91 92000 00000\nEND:VCARD\n"
    )
    assert read_contacts(path).format == "vcard"
    assert read_contacts(path, fmt="vcard").contacts[0].name == "Asha"


def big_csv(path: Path, rows: int) -> Path:
    lines = ["name,phone"] + [f"Person {i},+91 9{i:09d}" for i in range(rows)]
    return write(path, "\n".join(lines) + "\n")


def big_vcard(path: Path, cards: int) -> Path:
    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person {i}\r\nTEL;TYPE=CELL:+91 9{i:09d}\r\n"
        "END:VCARD\r\n"
        for i in range(cards)
    )
    return write(path, text)


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_progress_is_reported_about_a_hundred_times(tmp_path: Path, kind: str) -> None:
    path = (
        big_csv(tmp_path / "p.csv", 5000) if kind == "csv" else big_vcard(tmp_path / "p.vcf", 5000)
    )
    calls: list[tuple[int, int]] = []
    report = read_contacts(path, progress=lambda done, total: calls.append((done, total)))
    assert len(report.contacts) == 5000
    assert 50 <= len(calls) <= 101
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    total = calls[0][1]
    assert all(t == total for _, t in calls)
    assert calls[-1] == (total, total)


@pytest.mark.parametrize("kind", ["csv", "vcard"])
def test_cancel_stops_the_import(tmp_path: Path, kind: str) -> None:
    path = (
        big_csv(tmp_path / "c.csv", 5000) if kind == "csv" else big_vcard(tmp_path / "c.vcf", 5000)
    )
    progress: list[int] = []
    checks = 0

    def cancelled() -> bool:
        nonlocal checks
        checks += 1
        return checks > 10

    with pytest.raises(ImportCancelled):
        read_contacts(path, progress=lambda done, _: progress.append(done), cancelled=cancelled)
    assert checks == 11
    assert len(progress) == 10  # stopped early, long before the end
    assert gc.isenabled()  # the import pauses the cycle collector and must restore it


def test_summary_lists_at_most_five_reasons() -> None:
    report = ImportReport(
        contacts=[],
        merged_duplicates=1,
        skipped=[SkippedRow(line, "no name") for line in range(2, 10)],
        format="csv",
    )
    assert report.summary() == (
        "Imported 0 contacts, merged 1 duplicate, skipped 8 rows (line 2: no name; "
        "line 3: no name; line 4: no name; line 5: no name; line 6: no name; and 3 more)"
    )


def test_summary_lists_at_most_five_unverified_numbers() -> None:
    report = ImportReport(
        contacts=[],
        merged_duplicates=0,
        skipped=[],
        format="vcard",
        unverified=[SkippedRow(line, f"'{line}' kept as typed: too short") for line in range(1, 8)],
    )
    assert report.summary() == (
        "Imported 0 contacts. 7 numbers could not be verified and cannot be dialled until "
        "corrected (line 1: '1' kept as typed: too short; line 2: '2' kept as typed: too short; "
        "line 3: '3' kept as typed: too short; line 4: '4' kept as typed: too short; "
        "line 5: '5' kept as typed: too short; and 2 more)"
    )


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Mobile Phone", "mobile"),
        ("* Mobile", "mobile"),
        ("iPhone", "mobile"),
        ("Business Phone 2", "work"),
        ("Home Fax", "fax"),
        ("_$!<HomeFAX>!$_", "fax"),
        ("Primary Phone", "main"),
        ("_$!<Main>!$_", "main"),
        ("Home", "home"),
        ("Pager", "other"),
        ("", "other"),
    ],
)
def test_label_from_text(text: str, label: str) -> None:
    assert label_from_text(text) == label


# ---------------------------------------------------------------------------------------------
# Robustness and the normalization shortcut


def report_or_refusal(
    reader: Callable[[Path], ImportReport], path: Path
) -> ImportReport | ContactImportError:
    """Run an import; an exception other than ContactImportError fails the test."""
    try:
        return reader(path)
    except ContactImportError as exc:
        return exc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".vcf", ".txt"]))
def test_arbitrary_bytes_give_a_report_or_a_refusal(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "fuzz" + suffix)
        path.write_bytes(data)
        for reader in (read_csv, read_vcard, read_contacts):
            result = report_or_refusal(reader, path)
            assert isinstance(result, ImportReport) or str(result)


_VCARD_PIECES = st.sampled_from(
    [
        "BEGIN:VCARD\r\n",
        "END:VCARD\r\n",
        "VERSION:2.1\r\n",
        "FN:Asha\r\n",
        "N:Rao;Asha;;;\r\n",
        "ORG:Acme;Sales\r\n",
        "TEL;CELL:+91 92000 00000\r\n",
        'TEL;TYPE="work,voice":92000 00001\r\n',
        "item1.TEL:abc\r\n",
        "item1.X-ABLabel:_$!<Mobile>!$_\r\n",
        "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=bogus:a=\r\n",
        "=C3=91=\r\n",
        "PHOTO;ENCODING=BASE64:\r\n",
        " AAAA\r\n",
        "AAAA==\r\n",
        "AGENT:\r\n",
        "X-DIALER-EXTRA-PARAMS:[[[\r\n",
        "TEL;VALUE=uri:tel:+1-418-656-9254;ext=\r\n",
        "\r\n",
        "\ufeff",
        "=",
        '"',
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_VCARD_PIECES | st.text(max_size=12), max_size=40))
def test_vcard_like_text_never_raises(pieces: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "fuzz.vcf")
        path.write_bytes("".join(pieces).encode("utf-8", errors="surrogatepass"))
        report = report_or_refusal(read_vcard, path)
        if isinstance(report, ImportReport):
            assert all(row.line >= 1 and row.reason for row in report.skipped)
            assert all(row.line >= 1 for row in report.unverified)
            assert all(c.name and c.numbers for c in report.contacts)
            assert all(n.raw for c in report.contacts for n in c.numbers)
            kept_as_typed = {n.raw for c in report.contacts for n in c.numbers if not n.digits}
            listed = {row.reason.partition(" kept as typed: ")[0] for row in report.unverified}
            assert listed == {repr(raw) for raw in kept_as_typed}
        else:
            assert str(report)


def expected_normalized(raw: str, region: str | None) -> tuple[str, str] | str:
    try:
        number = normalize(raw, region)
    except InvalidNumberError as exc:
        return exc.reason
    return number.digits, number.extension


@settings(max_examples=400, deadline=None)
@given(
    raw=st.one_of(
        st.text(alphabet="0123456789 +-().", min_size=1, max_size=20),
        st.builds(
            lambda cc, rest: f"+{cc} {rest}",
            st.sampled_from(["91", "1", "44", "49", "39", "7", "86", "971"]),
            st.text(alphabet="0123456789 -", min_size=4, max_size=14),
        ),
        st.builds(lambda n: f"9{n:09d}", st.integers(0, 10**9 - 1)),
        st.builds(lambda n: f"0{n:010d}", st.integers(0, 10**10 - 1)),
    ),
    region=st.sampled_from(["IN", "US", "GB", "IT", None]),
)
def test_number_shortcut_agrees_with_phone_normalize(raw: str, region: str | None) -> None:
    raw = raw.strip()
    result = NumberReader(region).read(raw)
    expected = expected_normalized(raw, region)
    if isinstance(expected, str):
        assert result == expected
        return
    assert not isinstance(result, str)
    assert result[:2] == expected
    written = "".join(ch for ch in raw if ch.isdigit())
    national = "+" not in raw and expected[0] not in written  # no country code in the text
    assert result[2] == national


@pytest.mark.slow
def test_twenty_thousand_rows_import_quickly(tmp_path: Path) -> None:
    """Guards against quadratic slow-downs; 100k rows are timed by benchmarks/gen_contacts.py."""
    for path in (big_csv(tmp_path / "s.csv", 20_000), big_vcard(tmp_path / "s.vcf", 20_000)):
        start = time.perf_counter()
        report = read_contacts(path)
        elapsed = time.perf_counter() - start
        assert len(report.contacts) == 20_000
        assert elapsed < 4.0, f"{path.name}: {elapsed:.2f} s"
