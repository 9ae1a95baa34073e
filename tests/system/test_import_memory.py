"""Issue 14, case 9: an import's memory stays bounded whatever the shape of the file (up to
the size limit): files are read a block at a time and rows are streamed into the store.

Each import runs in a child process (``tests/support/peak_rss.py``) that reports its own peak
resident memory; the bound is the issue's 400 MiB.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from dialer_app.core.store import Store
from tests.support.peak_rss import peak_of_import

LIMIT_KIB = 400 * 1024
MIB = 1 << 20


def import_peak(tmp_path: Path, source: Path) -> tuple[subprocess.CompletedProcess[str], int]:
    return peak_of_import(source, tmp_path, timeout=600)


def write_repeated(path: Path, head: bytes, unit: bytes, size: int, tail: bytes = b"") -> Path:
    """``head``, then ``unit`` over and over up to ``size`` bytes, then ``tail``."""
    block = unit * max(1, MIB // len(unit))
    with path.open("wb") as handle:
        handle.write(head)
        written = len(head)
        while written < size:
            handle.write(block)
            written += len(block)
        handle.write(tail)
    return path


@pytest.mark.parametrize("megabytes", [30, 150])
def test_a_one_line_csv_is_refused_in_bounded_memory(tmp_path: Path, megabytes: int) -> None:
    source = write_repeated(
        tmp_path / "one-line.csv", b"name,phone,", b"Asha Rao,", megabytes * MIB
    )

    child, peak = import_peak(tmp_path, source)

    assert child.returncode == 2, child.stderr
    assert "line 1 is longer than 1 MB: this is not a contacts file" in child.stderr
    assert peak <= LIMIT_KIB, f"peak RSS {peak / 1024:.0f} MiB"


def test_a_vcard_with_a_huge_photo_line_imports_in_bounded_memory(tmp_path: Path) -> None:
    source = write_repeated(
        tmp_path / "photo.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Asha Rao\r\nTEL:+91 92000 00001\r\nPHOTO;ENCODING=b:",
        b"QUJDRA==",
        150 * MIB,
        b"\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bina Das\r\nTEL:+91 92000 00002\r\nEND:VCARD\r\n",
    )

    child, peak = import_peak(tmp_path, source)

    assert child.returncode == 0, child.stderr
    assert child.stdout.startswith("Imported 2 contacts;")
    assert peak <= LIMIT_KIB, f"peak RSS {peak / 1024:.0f} MiB"


def test_a_vcard_with_a_huge_folded_photo_imports_in_bounded_memory(tmp_path: Path) -> None:
    source = write_repeated(
        tmp_path / "folded.vcf",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Asha Rao\r\nPHOTO;ENCODING=b:QUJD\r\n",
        b" " + b"QUJD" * 18 + b"\r\n",
        150 * MIB,
        b"TEL:+91 92000 00001\r\nEND:VCARD\r\n",
    )

    child, peak = import_peak(tmp_path, source)

    assert child.returncode == 0, child.stderr
    assert child.stdout.startswith("Imported 1 contact;")
    assert peak <= LIMIT_KIB, f"peak RSS {peak / 1024:.0f} MiB"


def test_an_unclosed_quote_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    source = write_repeated(
        tmp_path / "quote.csv", b'name,phone\nAsha Rao,"+91 92000 00001\n', b"x,y\n", 150 * MIB
    )

    child, peak = import_peak(tmp_path, source)

    assert child.returncode == 2, child.stderr
    assert "line 2: a cell goes on for more than 128 KB (a quote that is never closed?)" in (
        child.stderr
    )
    assert peak <= LIMIT_KIB, f"peak RSS {peak / 1024:.0f} MiB"


def test_many_rows_import_in_bounded_memory(tmp_path: Path) -> None:
    """300,000 rows (17 MB): memory does not grow with the rows (they go to the store in
    batches), and every row is stored."""
    rows = 300_000
    source = tmp_path / "rows.csv"
    with source.open("w", encoding="utf-8") as handle:
        handle.write("name,phone,company\n")
        for index in range(rows):
            handle.write(f"Person {index:06d},+91 9{index:09d},Company {index % 97}\n")

    child, peak = import_peak(tmp_path, source)

    assert child.returncode == 0, child.stderr
    assert peak <= 200 * 1024, f"peak RSS {peak / 1024:.0f} MiB"
    store, _ = Store.open(tmp_path / "profile" / "contacts.db")
    with store:
        assert store.count_contacts() == rows
