"""Large vCard files are read in slices by worker processes: the report must be exactly the
one reading the file in one piece gives, whatever the file holds (broken cards included)."""

from __future__ import annotations

import gc
import multiprocessing
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from dialer_app.core.contact_import import (
    ImportCancelled,
    ImportReport,
    RawContact,
    SkippedRow,
    _vcard,
    _vcard_reading,
    read_vcard,
)
from tests.support.harness import VCARDS_DIR

VCARDS = VCARDS_DIR
REGION = "US"

# Pieces that stress the line rules: folding, quoted-printable soft breaks, unindented
# base64, AGENT cards, cards without END, junk between cards, an indented BEGIN.
TRICKY = [
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Folded\r\n Name\r\nTEL;TYPE=CELL:+1 201 555\r\n 0{n}\r\n"
    "NOTE:a long note\r\n\tthat goes on\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89mile;=\r\n"
    "M=C3=BCller\r\nTEL;CELL:(201) 555-0{n}\r\nEND:VCARD\r\n",
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Rao;Asha\r\nPHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSk\r\n"
    "TELxAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\r\nFNxBBBBBBB==\r\n\r\nTEL;CELL:+1 201 555 0{n}\r\n"
    "END:VCARD\r\n",
    "BEGIN:VCARD\nVERSION:2.1\nFN:Boss {n}\nTEL:+1 201 555 0{n}\nAGENT:\n"
    "BEGIN:VCARD\nVERSION:2.1\nFN:Assistant\nTEL:+1 201 555 0100\nEND:VCARD\n"
    "TEL;WORK:+1 202 555 0{n}\nEND:VCARD\n",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Short {n}\nTEL:+1 201 555 0{n}\n",  # no END:VCARD
    "junk between cards\nEND:VCARD\n\n",
    "  BEGIN:VCARD\nFN:Indented {n}\nTEL:555-01{n}\nEND:VCARD\n",
    "BEGIN:VCARD\nVERSION:3.0\nFN:Plain {n}\nTEL:+1 201 555 0{n}\nTEL:+1 201 555 0{n}\n"
    "item1.TEL:+1 203 555 0{n}\nitem1.X-ABLabel:_$!<Mobile>!$_\nEND:VCARD\n",
]


def real_cards() -> list[str]:
    return [path.read_text(encoding="utf-8", errors="replace") for path in VCARDS.glob("*.vcf")]


def mixed_file(path: Path, pieces: int, seed: int) -> Path:
    rng = random.Random(seed)
    choices = TRICKY + real_cards()
    text = "".join(
        rng.choice(choices).replace("{n}", f"{rng.randrange(100, 1000)}") for _ in range(pieces)
    )
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read in parallel from a few hundred lines on, in slices of about 60 lines."""
    monkeypatch.setattr(_vcard_reading, "_PARALLEL_VCARD_BYTES", 3000)
    monkeypatch.setattr(_vcard_reading, "_VCARD_CHUNK_LINES", 60)


def read_in_one_piece(path: Path, monkeypatch: pytest.MonkeyPatch) -> ImportReport:
    with monkeypatch.context() as patch:
        patch.setattr(_vcard_reading, "_PARALLEL_VCARD_BYTES", 10**12)
        return read_vcard(path, REGION)


def sequential_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """First lines at which this process read cards itself (workers are other processes)."""
    first_lines: list[int] = []
    real = _vcard.iter_vcards

    def spy(
        lines: Iterable[str], first_line: int = 1, end: _vcard.ReadEnd | None = None
    ) -> Iterator[RawContact]:
        first_lines.append(first_line)
        return real(lines, first_line, end)

    monkeypatch.setattr(_vcard_reading, "iter_vcards", spy)
    return first_lines


@pytest.mark.usefixtures("small_slices")
@pytest.mark.parametrize("seed", range(6))
def test_parallel_read_gives_the_report_of_a_read_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    path = mixed_file(tmp_path / "mixed.vcf", 400, seed)
    expected = read_in_one_piece(path, monkeypatch)
    assert expected.skipped  # the file does hold broken cards

    parallel = read_vcard(path, REGION)

    assert parallel == expected
    assert multiprocessing.active_children() == []


@pytest.mark.usefixtures("small_slices")
def test_slices_of_well_formed_cards_are_all_read_by_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "".join(
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nTEL:+1 201 555 {i:04d}\nEND:VCARD\n"
        for i in range(2000)
    )
    path = tmp_path / "plain.vcf"
    path.write_text(text, encoding="utf-8")
    expected = read_in_one_piece(path, monkeypatch)
    here = sequential_reads(monkeypatch)

    report = read_vcard(path, REGION)

    assert report == expected
    assert len(report.contacts) == 2000
    assert here == []  # no slice had to be read again in this process
    slices = list(_vcard_reading._Slicer(iter(_vcard.split_lines(text))))
    assert len(slices) > 100
    assert all(text.startswith("BEGIN:VCARD") for _, text in slices)


@pytest.mark.usefixtures("small_slices")
def test_a_slice_ending_inside_a_card_is_read_again_from_its_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cards = [
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {i}\nTEL:+1 201 555 {i:04d}\nEND:VCARD\n"
        for i in range(400)
    ]
    cards[150] = "BEGIN:VCARD\nFN:No End\nTEL:+1 201 555 9999\nNOTE:" + "x\n" * 80
    path = tmp_path / "cut.vcf"
    path.write_text("".join(cards), encoding="utf-8")
    expected = read_in_one_piece(path, monkeypatch)
    here = sequential_reads(monkeypatch)

    report = read_vcard(path, REGION)

    assert report == expected
    assert len(here) == 1
    assert here[0] > 1  # read again from the first line of a slice on
    assert SkippedRow(751, "the card has no END:VCARD (the next card starts at line 834)") in (
        report.skipped
    )


@pytest.mark.usefixtures("small_slices")
def test_cancel_during_a_parallel_read_stops_the_workers(tmp_path: Path) -> None:
    path = mixed_file(tmp_path / "big.vcf", 600, seed=1)
    checks = 0

    def cancelled() -> bool:
        nonlocal checks
        checks += 1
        return checks > 3

    with pytest.raises(ImportCancelled):
        read_vcard(path, REGION, cancelled=cancelled)
    assert checks == 4
    assert multiprocessing.active_children() == []
    assert gc.isenabled()
