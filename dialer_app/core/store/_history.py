"""Call history rows: the entry type, its SQL, text search and reading rows back."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, Literal, get_args

from dialer_app.core.store._db import REPLACEMENT

CallMode = Literal["softphone", "mobile"]
CallOutcome = Literal["initiated", "failed", "cancelled"]

CALL_OUTCOMES: Final = frozenset(get_args(CallOutcome))
_CALL_MODES: Final = frozenset(get_args(CallMode))
_PHONE_TEXT: Final = re.compile(r"[\d\s+\-().]+")


@dataclass(frozen=True)
class HistoryEntry:
    """One call attempt. ``started_at`` must be timezone-aware (stored as UTC). ``sandbox``:
    placed on the built-in sandbox (it rang no one: not an attempt on the number)."""

    started_at: datetime
    number_digits: str
    number_display: str
    mode: CallMode
    outcome: CallOutcome
    contact_id: int | None = None
    contact_name: str = ""
    caller_id: str | None = None
    error_kind: str | None = None
    request_id: str | None = None
    error_text: str | None = None
    sandbox: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None or self.started_at.utcoffset() is None:
            raise ValueError("HistoryEntry.started_at must be timezone-aware")
        if self.mode not in _CALL_MODES:
            raise ValueError(f"unknown call mode {self.mode!r}")
        if self.outcome not in CALL_OUTCOMES:
            raise ValueError(f"unknown call outcome {self.outcome!r}")


SELECT_HISTORY: Final = (
    "SELECT id, started_at, number_digits, number_display, contact_id, contact_name, mode,"
    " caller_id, outcome, error_kind, request_id, error_text, sandbox FROM history"
)
SANDBOX_SCHEMA: Final = 6  # the version that added ``history.sandbox``
SELECT_HISTORY_BEFORE_SANDBOX: Final = SELECT_HISTORY.replace(" sandbox FROM", " 0 FROM")
"""The same columns from a database written before schema 6 (read without migrating it)."""


def history_text_clause(text: str) -> tuple[str, list[object]] | None:
    """SQL condition matching ``text`` as a substring of the searchable history fields."""
    if not text:
        return None
    pattern = _like_pattern(text)
    fields = ("number_display", "contact_name", "caller_id", "number_digits")
    conditions = [f"{name} LIKE ? ESCAPE '\\'" for name in fields]
    params: list[object] = [pattern] * len(fields)
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits and _PHONE_TEXT.fullmatch(text):
        conditions.append("number_digits LIKE ? ESCAPE '\\'")
        params.append(_like_pattern(digits))
    return f"({' OR '.join(conditions)})", params


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


_TIMESTAMP_TEMPLATE: Final = "0001-01-01T00:00:00.000000+00:00"
_UNREADABLE_TIME: Final = datetime(1970, 1, 1, tzinfo=UTC)


def _stored_time(text: str) -> datetime:
    """A stored timestamp; characters lost to damage (U+FFFD) read as the smallest valid
    digit there, and a time that still does not parse as 1970-01-01 UTC.

    (Mode and outcome need no such care: their CHECK constraints make ``quick_check`` fail
    on any other value, so such a file is recovered when it is opened.)"""
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    if len(text) == len(_TIMESTAMP_TEMPLATE):
        guess = "".join(
            t if c == REPLACEMENT else c for c, t in zip(text, _TIMESTAMP_TEMPLATE, strict=True)
        )
        try:
            moment = datetime.fromisoformat(guess)
        except ValueError:
            return _UNREADABLE_TIME
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return _UNREADABLE_TIME


def history_from_row(row: tuple[Any, ...]) -> HistoryEntry:
    (
        entry_id,
        started_at,
        number_digits,
        number_display,
        contact_id,
        contact_name,
        mode,
        caller_id,
        outcome,
        error_kind,
        request_id,
        error_text,
        sandbox,
    ) = row
    return HistoryEntry(
        started_at=_stored_time(started_at),
        number_digits=number_digits,
        number_display=number_display,
        mode=mode,
        outcome=outcome,
        contact_id=contact_id,
        contact_name=contact_name,
        caller_id=caller_id,
        error_kind=error_kind,
        request_id=request_id,
        error_text=error_text,
        sandbox=sandbox == 1,
        id=entry_id,
    )
