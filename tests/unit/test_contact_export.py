"""Tests for contact export: file layout, escaping, folding, atomic writes, round trips."""

from __future__ import annotations

import codecs
import csv
import dataclasses
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import given, settings
from hypothesis import strategies as st

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_export import write_csv, write_vcard, written_number
from dialer_app.core.contact_import import ImportReport, SkippedRow, read_csv, read_vcard
from dialer_app.core.phone import InvalidNumberError, normalize

LABELS = ["mobile", "work", "home", "fax", "main", "other"]


def number(raw: str, label: str = "mobile") -> ContactNumber:
    try:
        digits = normalize(raw, "IN").digits
    except InvalidNumberError:
        digits = ""
    return ContactNumber(raw=raw, digits=digits, label=label)


SAMPLE = [
    Contact(
        name="Rao, Asha",
        numbers=(number("+91 92000 00001"), number("022 2345 6789", "work")),
        company="Acme; Sales",
        notes='Line one\nLine "two", with \\ backslash',
        favorite=True,
        extra_params={"crm_id": 42, "tags": ["a", "b"], "note": "ünïcode"},
    ),
    Contact(
        name='=HYPERLINK("http://x")',
        numbers=(number("92000 00002", "home"), number("555-1234", "other")),
        company="'quoted",
        notes="-starts with a dash",
    ),
    Contact(
        name="Émile Ñúñez 日本語 " + "long " * 20 + "name",
        numbers=tuple(
            number(f"+91 92000 0001{index}", label) for index, label in enumerate(LABELS)
        ),
        notes="ok",
    ),
    Contact(name="@mention", numbers=(number("+44 20 7946 0958", "main"),), id=17),
    # Only numbers that do not validate: imported all the same, kept as typed.
    Contact(name="Front desk", numbers=(number("ext. 4411", "work"), number("12")), company="Acme"),
]


def as_exported(contacts: list[Contact]) -> list[Contact]:
    """The contacts as a file written by the export gives them back: without ids, and valid
    numbers written in E.164 (issue 14: no reader has to guess their country)."""
    return [
        dataclasses.replace(
            contact,
            id=None,
            numbers=tuple(dataclasses.replace(n, raw=written_number(n)) for n in contact.numbers),
        )
        for contact in contacts
    ]


def unverified_raws(report: ImportReport) -> list[str]:
    """The numbers the report lists as kept as typed, in the order it lists them."""
    return [row.reason.partition(" kept as typed: ")[0] for row in report.unverified]


def invalid_raws(contacts: list[Contact]) -> list[str]:
    return [repr(n.raw) for contact in contacts for n in contact.numbers if not n.digits]


def test_csv_file_layout(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, SAMPLE[:2])
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    lines = data[len(codecs.BOM_UTF8) :].decode("utf-8").split("\r\n")
    assert lines[0] == "name,company,notes,favorite,extra_params,number_1,label_1,number_2,label_2"
    assert lines[1] == (
        '"Rao, Asha",Acme; Sales,"Line one\nLine ""two"", with \\ backslash",1,'
        '"{""crm_id"": 42, ""note"": ""\\u00fcn\\u00efcode"", ""tags"": [""a"", ""b""]}",'
        "+919200000001,mobile,+912223456789,work"
    )
    assert lines[2] == (
        '"\'=HYPERLINK(""http://x"")",\'\'quoted,\'-starts with a dash,0,,'
        "+919200000002,home,555-1234,other"
    )
    assert lines[3:] == [""]


ARITHMETIC = ["-2+3", "+1+1", "(1)+2", "-1-1", " =1+1", "＝1+1", "@SUM(A1)", "+1905555123"]


@pytest.mark.parametrize("cell", ARITHMETIC)
def test_csv_guards_every_cell_a_spreadsheet_could_compute(tmp_path: Path, cell: str) -> None:
    """Issue 14, case 10: arithmetic in a name or company is text, not a formula."""
    path = tmp_path / "out.csv"
    contact = Contact(name=cell, company=cell, numbers=(number("+1 905 555 1234"),))
    write_csv(path, [contact])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        _header, row = list(csv.reader(handle))
    assert row[:2] == [f"'{cell}", f"'{cell}"]
    assert row[5] == "+19055551234"  # exactly one valid E.164 number: left as it is
    [back] = read_csv(path).contacts
    assert (back.name, back.company) == (cell.strip(), cell.strip())


def test_csv_leaves_a_cell_that_is_exactly_one_valid_number(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, [Contact(name="+919200000001", numbers=(number("+91 92000 00001"),))])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        _header, row = list(csv.reader(handle))
    assert (row[0], row[5]) == ("+919200000001", "+919200000001")


def test_csv_rows_have_full_width(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_csv(path, [SAMPLE[3], SAMPLE[2], Contact(name="No numbers")])
    rows = path.read_text(encoding="utf-8-sig").splitlines()
    assert [row.count(",") for row in rows] == [4 + 2 * 6] * 4


def test_vcard_file_layout_escaping_and_folding(tmp_path: Path) -> None:
    path = tmp_path / "out.vcf"
    write_vcard(path, SAMPLE)
    data = path.read_bytes()
    physical = data.split(b"\r\n")
    assert physical[-1] == b""
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in physical)
    for line in physical:
        line.decode("utf-8")  # folding never splits a multi-byte character
    text = data.decode("utf-8")
    assert text.startswith(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Rao\\, Asha\r\nN:Asha;Rao\\,;;;\r\n"
        "ORG:Acme\\; Sales\r\nTEL;TYPE=CELL:+919200000001\r\nTEL;TYPE=WORK:+912223456789\r\n"
        'NOTE:Line one\\nLine "two"\\, with \\\\ backslash\r\nX-DIALER-FAVORITE:TRUE\r\n'
    )
    unfolded = text.replace("\r\n ", "")
    assert "FN:Émile Ñúñez 日本語 " + "long " * 20 + "name\r\n" in unfolded
    assert "TEL;TYPE=FAX:+919200000013\r\nTEL;TYPE=MAIN:+919200000014\r\n" in unfolded
    assert "TEL;TYPE=VOICE:+919200000015\r\n" in unfolded
    assert text.count("BEGIN:VCARD") == text.count("END:VCARD") == len(SAMPLE)


def test_vcard_output_is_read_by_vobject(tmp_path: Path) -> None:
    path = tmp_path / "out.vcf"
    write_vcard(path, SAMPLE)
    cards = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert [card.fn.value for card in cards] == [contact.name for contact in SAMPLE]
    assert [[tel.value for tel in card.tel_list] for card in cards] == [
        [written_number(n) for n in contact.numbers] for contact in SAMPLE
    ]
    assert cards[0].note.value == SAMPLE[0].notes
    assert cards[0].org.value == [SAMPLE[0].company]


@pytest.mark.parametrize(
    ("write", "read"), [(write_csv, read_csv), (write_vcard, read_vcard)], ids=["csv", "vcard"]
)
def test_round_trip_gives_equal_contacts(
    tmp_path: Path,
    write: Callable[[Path, list[Contact]], None],
    read: Callable[[Path], ImportReport],
) -> None:
    path = tmp_path / "contacts"
    write(path, SAMPLE)
    report = read(path)
    assert report.skipped == []
    assert report.merged_duplicates == 0
    assert report.contacts == as_exported(SAMPLE)
    if read is read_csv:  # header, a row with a two-line note, then one line per contact
        first_lines = [2, 4, 5, 6, 7]
    else:
        lines = path.read_bytes().decode("utf-8").split("\r\n")
        first_lines = [index for index, line in enumerate(lines, 1) if line == "BEGIN:VCARD"]
    assert report.unverified == [
        SkippedRow(first_lines[1], "'555-1234' kept as typed: Missing area code for India (+91)"),
        SkippedRow(
            first_lines[4], "'ext. 4411' kept as typed: Letters are not allowed in a phone number"
        ),
        SkippedRow(first_lines[4], "'12' kept as typed: Too short to be a phone number"),
    ]


def test_write_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old content")

    def failing() -> Iterator[Contact]:
        yield SAMPLE[0]
        raise RuntimeError("disk on fire")

    for writer in (write_csv, write_vcard):
        with pytest.raises(RuntimeError, match="disk on fire"):
            writer(path, failing())
        assert path.read_text() == "old content"
    write_vcard(path, SAMPLE[:1])
    assert path.read_text(encoding="utf-8").startswith("BEGIN:VCARD")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]


def test_empty_contact_list_writes_header_or_nothing(tmp_path: Path) -> None:
    write_csv(tmp_path / "a.csv", [])
    assert (tmp_path / "a.csv").read_bytes() == (
        codecs.BOM_UTF8 + b"name,company,notes,favorite,extra_params,number_1,label_1\r\n"
    )
    write_vcard(tmp_path / "a.vcf", [])
    assert (tmp_path / "a.vcf").read_bytes() == b""


# ---------------------------------------------------------------------------------------------
# Property: any contact the app can hold comes back equal.

_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")) | st.sampled_from(
    list("=+-@'\",;\\:|\t")
)
_WORDS = st.text(_CHARS, max_size=25).map(lambda text: " ".join(text.split()))
_NOTES = st.text(_CHARS | st.just("\n"), max_size=40).map(str.strip)
_JSON_VALUES = st.one_of(
    st.integers(-(10**9), 10**9), st.text(max_size=8), st.booleans(), st.none()
)
_INVALID_RAWS = ["555-1234", "n/a", "ask reception; ext 4", "12"]


@st.composite
def contact_lists(draw: st.DrawFn) -> list[Contact]:
    count = draw(st.integers(1, 6))
    contacts: list[Contact] = []
    serial = 0
    for _ in range(count):
        numbers: list[ContactNumber] = []
        for _ in range(draw(st.integers(0, 3))):
            serial += 1
            style = draw(st.sampled_from(["+91 9200{:06d}", "09200{:06d}", "(+91) 9200-{:06d}"]))
            numbers.append(number(style.format(serial), draw(st.sampled_from(LABELS))))
        # Every contact has a number; some have only numbers that do not validate.
        invalid = draw(
            st.lists(
                st.sampled_from(_INVALID_RAWS),
                unique=True,
                min_size=0 if numbers else 1,
                max_size=2,
            )
        )
        numbers += [number(raw, draw(st.sampled_from(LABELS))) for raw in invalid]
        params: dict[str, Any] = draw(
            st.dictionaries(st.text(max_size=5), _JSON_VALUES, max_size=3)
        )
        contacts.append(
            Contact(
                name=draw(_WORDS.filter(bool)),
                numbers=tuple(draw(st.permutations(numbers))),
                company=draw(_WORDS),
                notes=draw(_NOTES),
                favorite=draw(st.booleans()),
                extra_params=params,
            )
        )
    return contacts


@settings(max_examples=120, deadline=None)
@given(contacts=contact_lists())
def test_any_contacts_round_trip_through_both_formats(contacts: list[Contact]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for write, read in ((write_csv, read_csv), (write_vcard, read_vcard)):
            path = Path(folder, "contacts")
            write(path, contacts)
            report = read(path)
            assert report.skipped == []
            assert report.contacts == as_exported(contacts)
            assert unverified_raws(report) == invalid_raws(contacts)
