"""Write large contact files and time their import.

    .venv/bin/python benchmarks/gen_contacts.py --rows 100000 --csv out.csv --vcard out.vcf
    .venv/bin/python benchmarks/gen_contacts.py --rows 100000 --time   # temp files, timings

The files look like real exports: Indian numbers written in several styles, a second number
for about a quarter of the contacts, 2 % of rows repeating an earlier number (merged on
import), a few bad numbers, quoted names with commas, multi-line notes; the vCards are 3.0
with folded notes and a mix of TYPE spellings.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dialer_app.core.contact_import import read_csv, read_vcard

FIRST = ["Asha", "Bala", "Chen", "Dev", "Émile", "Farah", "Gopal", "Hina", "Ivan", "Jaya"]
LAST = ["Rao", "Iyer", "Khan", "Das", "Sharma", "O'Neil", "Müller", "Nair", "Patel", "Singh"]
COMPANIES = ["", "", "Acme", "Globex, Inc.", "Initech"]
VCARD_TYPES = ["TYPE=CELL", "type=cell;type=pref", 'TYPE="work,voice"', "TYPE=HOME", "CELL"]


@dataclass(frozen=True)
class Person:
    name: str
    company: str
    notes: str
    numbers: tuple[str, ...]


def people(count: int, seed: int = 7) -> Iterator[Person]:
    rng = random.Random(seed)
    issued: list[str] = []
    for index in range(count):
        national = f"{rng.choice('6789')}{index:09d}"
        if issued and rng.random() < 0.02:
            national = rng.choice(issued)  # the same number again: merged on import
        issued.append(national)
        numbers = [_styled(national, rng)]
        if rng.random() < 0.25:
            numbers.append(_styled(f"{rng.choice('6789')}{rng.randrange(10**9):09d}", rng))
        if rng.random() < 0.005:
            numbers.append("555-1234")  # no area code: kept raw, not dialable
        notes = "Call after 5 pm\nprefers Hindi" if rng.random() < 0.05 else ""
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if rng.random() < 0.1:
            name = f"{name.split()[1]}, {name.split()[0]}"
        yield Person(name, rng.choice(COMPANIES), notes, tuple(numbers))


def _styled(national: str, rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0:
        return f"+91 {national[:5]} {national[5:]}"
    if style == 1:
        return f"+91{national}"
    if style == 2:
        return f"0{national[:5]}-{national[5:]}"
    return national


def write_csv_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(["Name", "Mobile Phone", "Company", "Notes"])
        for person in people(rows):
            writer.writerow(
                [person.name, " ::: ".join(person.numbers), person.company, person.notes]
            )


def write_vcard_file(path: Path, rows: int) -> None:
    rng = random.Random(11)
    with path.open("w", encoding="utf-8", newline="") as handle:
        for person in people(rows):
            family = person.name.split()[-1].rstrip(",")
            lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_escape(person.name)}", f"N:{family};;;;"]
            lines += [f"TEL;{rng.choice(VCARD_TYPES)}:{number}" for number in person.numbers]
            if person.company:
                lines.append(f"ORG:{_escape(person.company)}")
            if person.notes:
                note = f"NOTE:{_escape(person.notes)} {'x' * 80}"
                lines.append(note[:75] + "\r\n " + note[75:])
            lines.append("END:VCARD")
            handle.write("\r\n".join(lines) + "\r\n")


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,").replace(";", "\\;")


def _timed(label: str, path: Path, reader: str) -> None:
    start = time.perf_counter()
    report = read_csv(path) if reader == "csv" else read_vcard(path)
    elapsed = time.perf_counter() - start
    size = path.stat().st_size / 2**20
    print(f"{label}: {elapsed:.2f} s for {size:.1f} MB -> {report.summary(max_reasons=1)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv", type=Path)
    parser.add_argument("--vcard", type=Path)
    parser.add_argument("--time", action="store_true", help="time read_csv and read_vcard")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        csv_path = args.csv or Path(folder, "contacts.csv")
        vcard_path = args.vcard or Path(folder, "contacts.vcf")
        write_csv_file(csv_path, args.rows)
        write_vcard_file(vcard_path, args.rows)
        if args.time:
            _timed(f"read_csv {args.rows:,} rows", csv_path, "csv")
            _timed(f"read_vcard {args.rows:,} cards", vcard_path, "vcard")


if __name__ == "__main__":
    main()
