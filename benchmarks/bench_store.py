"""Time the contact store at scale: ``.venv/bin/python benchmarks/bench_store.py [COUNT]``.

Prints import, search_rows(), all_contacts(), reopen (with quick_check) and look-up timings
for COUNT (default 100,000) generated contacts in a temporary database.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import Store

_T = TypeVar("_T")


def generated_contacts(count: int, seed: int = 1) -> Iterator[Contact]:
    """``count`` contacts with one or two unique Indian mobile numbers each."""
    rng = random.Random(seed)
    for index in range(count):
        digits = f"91{7_000_000_000 + index * 2:010d}"
        numbers = [ContactNumber(raw=f"+{digits}", digits=digits, label="mobile")]
        if rng.random() < 0.5:
            other = f"91{7_000_000_001 + index * 2:010d}"
            numbers.append(ContactNumber(raw=f"0{other[2:]}", digits=other, label="work"))
        yield Contact(
            name=f"{rng.choice(['Asha', 'bala', 'Chen', 'Dev', 'Émile'])} {index:06d}",
            numbers=tuple(numbers),
            company=rng.choice(["", "Acme", "Globex"]),
            favorite=rng.random() < 0.01,
        )


def timed(label: str, action: Callable[[], _T]) -> _T:
    start = time.perf_counter()
    result = action()
    print(f"{label:<50} {time.perf_counter() - start:8.3f} s")
    return result


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    contacts = list(generated_contacts(count))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "contacts.db"
        store, _ = Store.open(path)
        result = timed(
            f"import_contacts({count:,}) into empty db", lambda: store.import_contacts(contacts)
        )
        print(f"  -> added {result.added:,}, merged {result.merged:,}")
        rows = timed("search_rows()", store.search_rows)
        print(f"  -> {len(rows):,} rows, first: {rows[0]}")
        timed("search_rows() again (warm cache)", store.search_rows)
        timed("all_contacts()", store.all_contacts)
        timed("count_contacts()", store.count_contacts)
        probe = contacts[count // 2].numbers[0].digits
        timed("find_by_digits() x1000", lambda: [store.find_by_digits(probe) for _ in range(1000)])
        merged = timed(
            f"import_contacts({count:,}) again, all duplicates",
            lambda: store.import_contacts(contacts),
        )
        print(f"  -> added {merged.added:,}, merged {merged.merged:,}")
        store.close()
        reopened, _ = timed(
            "Store.open() existing db (incl. quick_check)", lambda: Store.open(path)
        )
        reopened.close()
        print(f"database size: {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
