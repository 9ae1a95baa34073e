"""Open a contacts database and try every read and every write; print what happened as JSON.

``python -m tests.support.store_read_only_child DB``

Runs in a child process so that the test can hold it to file modes (see
``tests.test_bad_profile.without_write_privileges``) without the test process losing them.
Each write is reported as ``"ok"`` or ``"<ExceptionType>: <message>"``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import HistoryEntry, Store

NEW = Contact("Written While Locked", (ContactNumber("+91 94000 00077", "919400000077"),))
CALL = HistoryEntry(
    started_at=datetime.now(UTC),
    number_digits="919400000077",
    number_display="+91 94000 00077",
    mode="mobile",
    outcome="failed",
)


def attempt(write: Callable[[], object]) -> str:
    try:
        write()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def main(argv: list[str]) -> int:
    store, notice = Store.open(Path(argv[0]))
    with store:
        contacts = store.all_contacts()
        first = contacts[0] if contacts else Contact("Nobody", id=1)
        report = {
            "notice": notice is not None,
            "read_only_reason": store.read_only_reason,
            "schema": store.schema_version(),
            "search_rows": store.search_rows(),
            "contacts": [c.name for c in contacts],
            "history": [e.contact_name for e in store.recent_history()],
            "found": [getattr(store.find_by_digits(n.digits), "name", None) for n in first.numbers],
            "writes": {
                "add_contact": attempt(lambda: store.add_contact(NEW)),
                "update_contact": attempt(lambda: store.update_contact(first)),
                "set_favorite": attempt(lambda: store.set_favorite(first.id or 1, True)),
                "delete_contacts": attempt(lambda: store.delete_contacts([first.id or 1])),
                "restore_contacts": attempt(lambda: store.restore_contacts([first])),
                "import_contacts": attempt(lambda: store.import_contacts([NEW])),
                "add_history": attempt(lambda: store.add_history(CALL)),
                "prune_history": attempt(lambda: store.prune_history(30)),
            },
            "prune_nothing_old": store.prune_history(100_000),
        }
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
