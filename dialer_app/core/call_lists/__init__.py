"""Call lists: lists of people to call, imported from CSV or vCard, worked through entry by
entry with a disposition after each call (issue 15).

Pure Python. The data live in the profile's database (``core.store.CallListStore``, schema 5);
this package reads files into lists and writes them out (``_files``: the contacts import's
reading rules, the project's one CSV writer), says what the Dialer would do with an entry and
which entry comes next (``_working``: every call is a ``CallIntent`` with
``Surface.CALL_LIST`` through the Dialer), records dispositions (``_recording``: disposition 7
reaches the do-not-call list in one place), names them (``_dispositions``) and tells the
customer's local time from the number (``_local_time``).
"""

from __future__ import annotations

from dialer_app.core.call_lists._dispositions import (
    DISPOSITION_KEYS,
    DISPOSITION_LABELS,
    callback_time,
    disposition_for,
    entry_state_text,
    when_text,
)
from dialer_app.core.call_lists._files import (
    MAX_ENTRIES,
    OUTCOME_COLUMNS,
    ListImport,
    export_list,
    import_list,
)
from dialer_app.core.call_lists._local_time import CustomerTime, customer_time, number_time_zones
from dialer_app.core.call_lists._recording import Recorded, add_to_do_not_call, record_disposition
from dialer_app.core.call_lists._working import (
    CALLABLE,
    EntryCheck,
    ListProgress,
    check_entry,
    entry_intent,
    is_due,
    list_progress,
    next_entry,
    refusal_check,
    to_call,
)

__all__ = [
    "CALLABLE",
    "DISPOSITION_KEYS",
    "DISPOSITION_LABELS",
    "MAX_ENTRIES",
    "OUTCOME_COLUMNS",
    "CustomerTime",
    "EntryCheck",
    "ListImport",
    "ListProgress",
    "Recorded",
    "add_to_do_not_call",
    "callback_time",
    "check_entry",
    "customer_time",
    "disposition_for",
    "entry_intent",
    "entry_state_text",
    "export_list",
    "import_list",
    "is_due",
    "list_progress",
    "next_entry",
    "number_time_zones",
    "record_disposition",
    "refusal_check",
    "to_call",
    "when_text",
]
