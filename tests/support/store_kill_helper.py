"""Child process for the crash test: ``python store_kill_helper.py DB COUNT``.

Opens the store at DB, prints ``started`` and then imports COUNT generated contacts in one
import (printing ``done`` when it committed). The test kills it somewhere in between.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import Store

KILL_BATCH_PREFIX = "9180"  # digits range used only by this helper's contacts


def batch(count: int) -> Iterator[Contact]:
    for index in range(count):
        digits = f"{KILL_BATCH_PREFIX}{index:08d}"
        yield Contact(
            name=f"Batch {index:06d}",
            numbers=(ContactNumber(raw=f"+{digits}", digits=digits, label="mobile"),),
        )


def main(argv: list[str]) -> None:
    path, count = Path(argv[1]), int(argv[2])
    store, _ = Store.open(path)
    print("started", flush=True)
    result = store.import_contacts(batch(count))
    print(f"done {result.added}", flush=True)
    store.close()


if __name__ == "__main__":
    main(sys.argv)
