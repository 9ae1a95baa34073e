"""The dispositions an agent gives after a call, by key, and how an entry's state reads."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from dialer_app.core.store import DISPOSITIONS, Disposition, ListEntry

DISPOSITION_LABELS: Final[dict[Disposition, str]] = {
    "connected": "Connected",
    "no_answer": "No answer",
    "busy": "Busy",
    "voicemail": "Voicemail",
    "wrong_number": "Wrong number",
    "callback": "Call back at…",
    "do_not_call": "Do not call",
}
DISPOSITION_KEYS: Final[dict[str, Disposition]] = {
    str(key): disposition for key, disposition in enumerate(DISPOSITIONS, start=1)
}
"""The key an agent presses for each disposition: 1 connected … 7 do not call."""


def disposition_for(text: str) -> Disposition:
    """A disposition from its name ("no_answer", "no-answer", "No answer") or its key ("2");
    ``ValueError`` naming the choices otherwise."""
    word = text.strip().lower().replace("-", "_").replace(" ", "_")
    found = DISPOSITION_KEYS.get(word) or next((d for d in DISPOSITIONS if d == word), None)
    if found is None:
        raise ValueError(f"unknown disposition {text!r}: use one of {', '.join(DISPOSITIONS)}")
    return found


def entry_state_text(entry: ListEntry, *, zone: object = None) -> str:
    """What became of the entry, in a few words: "Not called yet", "Called, waiting for
    what happened", "No answer", "Call back Thu 15:00"."""
    if entry.status == "callback" and entry.callback_at is not None:
        return f"Call back {when_text(entry.callback_at, zone)}"
    if entry.status == "done" and entry.disposition is not None:
        return DISPOSITION_LABELS[entry.disposition]
    if entry.status == "called":
        return "Called: what happened? (1–7)"
    return "Not called yet" if entry.attempts == 0 else "To call again"


def when_text(moment: datetime, zone: object = None) -> str:
    """A moment in the agent's own time zone: "Thu 12 Jun 15:00"."""
    local = moment.astimezone(zone)  # type: ignore[arg-type]
    return local.strftime("%a %d %b %H:%M")


def callback_time(text: str, now: datetime) -> datetime:
    """When to call back, from what an agent or a script writes: an ISO date and time
    ("2025-03-04 15:00", "2025-03-04T15:00+05:30"; without an offset: the local time of
    ``now``), or a time of day ("15:00": its next occurrence). ``ValueError`` otherwise."""
    cleaned = text.strip()
    try:
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        moment = None
    if moment is None:
        try:
            clock = datetime.strptime(cleaned, "%H:%M").time()
        except ValueError:
            raise ValueError(
                f"cannot read {text!r} as a time to call back: write e.g. "
                "2025-03-04 15:00, or 15:00 for the next 15:00"
            ) from None
        local_now = now.astimezone()
        moment = local_now.replace(hour=clock.hour, minute=clock.minute, second=0, microsecond=0)
        if moment <= local_now:
            moment += timedelta(days=1)
    elif moment.tzinfo is None:
        moment = moment.astimezone()  # the local time of this computer
    return moment
