"""Child process for the SIGKILL tests: ``python -m tests.support.kill_child KIND ARGS...``.

Prints ``started`` once the operation is about to begin, then one progress line per step,
flushed at once, so the parent knows exactly what had returned when it killed the child:

* ``import DB CSV`` — one contact import of CSV into DB (``contact_import.import_contacts``); prints
  ``saving N`` from the progress callback (inside the write transaction) and ``done ADDED``
  after the import returned (committed).
* ``settings DIR`` — saves :func:`settings_pair` alternately forever; prints ``saved I`` after
  save number I returned.
* ``history DB`` — adds numbered history entries forever, continuing after the last number
  already in DB; prints ``I`` after entry I was committed.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.settings import Settings, SettingsFile
from dialer_app.core.store import HistoryEntry, Store

HISTORY_EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
HISTORY_PREFIX = "kill-"


def settings_pair() -> tuple[Settings, Settings]:
    """Two valid settings that differ in many fields (and so in many bytes of the file)."""
    first = Settings(
        profile_id="a" * 32,
        user_id="5001_1111111",
        default_mode=DeliveryMode.SOFTPHONE,
        caller_ids=("919800000000", "919800000001"),
        default_caller_id="919800000000",
        default_region="IN",
        connect_timeout=5.0,
        extra_params_template={"crm": "alpha", "n": 1},
        history_retention_days=30,
    )
    second = Settings(
        profile_id="b" * 32,
        user_id="5002_2222222",
        default_mode=DeliveryMode.MOBILE,
        caller_ids=("14155550100",),
        default_caller_id=None,
        default_region="US",
        connect_timeout=12.5,
        close_to_tray=True,
        notifications=False,
        extra_params_template={"crm": "beta" * 40},
        history_retention_days=None,
    )
    return first, second


def history_entry(number: int) -> HistoryEntry:
    """Entry ``number``: its number is in ``request_id`` and orders ``started_at``."""
    return HistoryEntry(
        started_at=HISTORY_EPOCH + timedelta(seconds=number),
        number_digits=f"9192{number:08d}",
        number_display=f"+91 92{number:08d}",
        mode="softphone" if number % 2 else "mobile",
        outcome="initiated",
        request_id=f"{HISTORY_PREFIX}{number}",
    )


def history_number(entry: HistoryEntry) -> int:
    assert entry.request_id is not None
    return int(entry.request_id.removeprefix(HISTORY_PREFIX))


def _say(line: str) -> None:
    print(line, flush=True)


def run_import(db: Path, csv_path: Path) -> None:
    from dialer_app.core.contact_import import import_contacts

    store, _notice = Store.open(db)
    _say("started")
    outcome = import_contacts(
        store, csv_path, "csv", "IN", saving_progress=lambda done, _total: _say(f"saving {done}")
    )
    _say(f"done {outcome.imported}")
    store.close()


def run_settings(profile: Path) -> None:
    settings_file = SettingsFile(profile)
    pair = settings_pair()
    _say("started")
    count = 0
    while True:
        settings_file.save(pair[count % 2])
        _say(f"saved {count}")
        count += 1


def run_history(db: Path) -> None:
    store, _notice = Store.open(db)
    newest = store.recent_history(limit=1)
    number = history_number(newest[0]) if newest else 0
    _say("started")
    while True:
        number += 1
        store.add_history(history_entry(number))
        _say(str(number))


def main(argv: list[str]) -> None:
    kind, *args = argv[1:]
    if kind == "import":
        run_import(Path(args[0]), Path(args[1]))
    elif kind == "settings":
        run_settings(Path(args[0]))
    elif kind == "history":
        run_history(Path(args[0]))
    else:
        raise SystemExit(f"unknown kind {kind!r}")


if __name__ == "__main__":
    main(sys.argv)
