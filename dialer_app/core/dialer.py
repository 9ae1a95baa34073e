"""The Dialer: the one place that turns an agent's intent into a click2call request.

Every surface (dialpad, contact, history, tray, quick call, links, clipboard, call lists, the
command line) hands a ``CallIntent`` to ``Dialer.prepare``. It reads the number (refusing
extensions, which click2call cannot dial), applies the repeat guard, builds the request (no
other code constructs a ``CallRequest``) and returns the ``CallAttempt`` to send. ``place``
sends it; what is recorded in the history comes from ``history_entry``.

The repeat guard: once a request to a number may have left, another intent for that number
within the hold-off (``Settings.repeat_hold_off_s``) sends nothing and is refused with
``kind == "repeat"``, unless the intent says ``again`` (a deliberate "Call again"). A request
that certainly never left (connection refused, DNS failure) does not hold the number.
The guard is shared by every surface of one process; the command line seeds it from the
history (``RepeatGuard.remember``), so it holds across processes too.

Pure Python: the window's adapter (``services.dialer``) runs ``place`` on a worker thread.
"""

from __future__ import annotations

import enum
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.call_errors import Click2CallError
from dialer_app.core.call_request import (
    Account,
    CallRequest,
    CallResult,
    DeliveryMode,
    InvalidCallRequestError,
)
from dialer_app.core.phone import InvalidNumberError, PhoneNumber, normalize, pretty_digits
from dialer_app.core.unicode_text import isolate, strip_invisible

if TYPE_CHECKING:
    from dialer_app.core.click2call import Click2CallClient
    from dialer_app.core.settings import Settings
    from dialer_app.core.store import CallMode, HistoryEntry


class Surface(enum.Enum):
    """Where an intent came from (for messages, the log and the history)."""

    DIALPAD = "dialpad"
    CONTACT = "contact"
    HISTORY = "history"
    TRAY = "tray"
    QUICK_CALL = "quick_call"
    LINK = "link"
    CLIPBOARD = "clipboard"
    CALL_LIST = "call_list"
    CLI = "cli"


@dataclass(frozen=True)
class CallIntent:
    """One agent action that asks for a call.

    ``number`` is what the agent typed, pasted or clicked (a tel: link, "+91 92000 00000",
    "09200000000"), or ``"+" + digits`` for a stored number. ``extra_params`` (a contact's or
    the command line's) go over the settings' template. ``again`` skips the repeat guard.
    """

    number: str
    surface: Surface
    mode: DeliveryMode
    caller_id: str | None = None
    contact_id: int | None = None
    contact_name: str = ""
    extra_params: Mapping[str, Any] | None = None
    again: bool = False

    def calling_again(self) -> CallIntent:
        return replace(self, again=True)


class CallRefusedError(Exception):
    """Nothing was sent. ``kind`` is stable (for scripts and tests), ``message`` is for the
    agent; ``display`` is the number as shown to the agent, when it was readable. A call held
    back by a calling rule has ``kind == "blocked"`` and the rule's name in ``rule``."""

    def __init__(self, kind: str, message: str, display: str = "", rule: str = "") -> None:
        super().__init__(message)
        self.kind, self.message, self.display = kind, message, display
        self.rule = rule or kind


class CallRule(Protocol):
    """A calling rule (do-not-call, calling hours, attempts per day...): consulted for every
    intent on every surface; a reason means the call is held back and nothing is sent.
    "Call again" never overrides a rule."""

    name: str

    def check(self, number: PhoneNumber, intent: CallIntent, now: float) -> str | None:
        """Why this call must not be placed now, in words for the agent; None: it may."""


class RepeatGuard:
    """When each number was last sent a request that may have reached the platform.

    ``history`` (the command line's) looks a number up in the stored call history when this
    process has not called it. Thread-safe: the window's worker and GUI thread both use it.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.time,
        history: Callable[[str], float | None] | None = None,
    ) -> None:
        self._clock = clock
        self._history = history
        self._sent: dict[str, float] = {}
        self._lock = threading.Lock()

    def remember(self, digits: str, at: float | None = None) -> None:
        with self._lock:
            self._sent[digits] = self._clock() if at is None else at

    def forget(self, digits: str, at: float) -> None:
        """Undo ``remember(digits, at)`` (the request never left); a later one stays."""
        with self._lock:
            if self._sent.get(digits) == at:
                del self._sent[digits]

    def seconds_since(self, digits: str) -> float | None:
        with self._lock:
            sent = self._sent.get(digits)
        if sent is None and self._history is not None:
            sent = self._history(digits)
        return None if sent is None else max(0.0, self._clock() - sent)


class Dialer:
    """Normalize, refuse, guard, build the request; send it; say what is recorded.

    ``sandbox`` says whether calls go to the built-in sandbox now (``Runtime.sandbox_mode``):
    each attempt carries it from the moment it is prepared, so its history entry is marked
    even if the mode changes while it is in flight.
    """

    def __init__(
        self,
        settings: Callable[[], Settings],
        *,
        guard: RepeatGuard | None = None,
        clock: Callable[[], float] = time.time,
        rules: Callable[[], Sequence[CallRule]] = tuple,
        sandbox: Callable[[], bool] = lambda: False,
    ) -> None:
        self._settings = settings
        self._sandbox = sandbox
        self._clock = clock
        self._rules = rules
        self.guard = guard or RepeatGuard(clock)

    def prepare(self, intent: CallIntent) -> CallAttempt:
        """The attempt to send for ``intent``; raises ``CallRefusedError`` (nothing sent)."""
        settings = self._settings()
        number = self._read_number(intent, settings.default_region)
        label = _label(number, intent.contact_name)
        self._check_rules(intent, number, label)
        self._check_repeat(intent, number, label, settings.repeat_hold_off_s)
        extra = {**settings.extra_params_template, **(intent.extra_params or {})}
        try:
            caller_id = _caller_id_digits(intent.caller_id, settings.default_region)
            request = CallRequest(number.digits, intent.mode, caller_id, extra or None)
        except (InvalidCallRequestError, InvalidNumberError) as exc:
            raise CallRefusedError("invalid_request", str(exc), label) from None
        return CallAttempt(
            request,
            label,
            contact_id=intent.contact_id,
            contact_name=strip_invisible(intent.contact_name),
            started_at=self._clock(),
            surface=intent.surface.value,
            sandbox=self._sandbox(),
        )

    def place(self, attempt: CallAttempt, account: Account, client: Click2CallClient) -> CallResult:
        """Send ``attempt`` (blocking: a worker thread or the command line).

        From the moment the request may leave, the number is held by the repeat guard; an
        answer that says nobody was rung (a refused connection, a 400/404/407) lets it go.
        """
        self.guard.remember(attempt.request.to, attempt.started_at)
        try:
            return client.place_call(account, attempt.request)
        except Click2CallError as exc:
            if not exc.may_have_rung:
                self.guard.forget(attempt.request.to, attempt.started_at)
            raise

    # ------------------------------------------------------------------------- internals
    def _read_number(self, intent: CallIntent, region: str) -> PhoneNumber:
        text = strip_invisible(intent.number)
        try:
            number = normalize(text, region)
        except InvalidNumberError as exc:
            raise CallRefusedError(
                "invalid_number", f"Cannot call {text.strip() or 'an empty number'}: {exc.reason}"
            ) from None
        if number.extension:
            raise CallRefusedError("extension", extension_reason(number), number.international)
        return number

    def _check_rules(self, intent: CallIntent, number: PhoneNumber, label: str) -> None:
        now = self._clock()
        for rule in self._rules():
            reason = rule.check(number, intent, now)
            if reason:
                raise CallRefusedError(
                    "blocked", f"{label} was not called: {reason}", label, rule.name
                )

    def _check_repeat(
        self, intent: CallIntent, number: PhoneNumber, label: str, hold_off_s: float
    ) -> None:
        if intent.again or hold_off_s <= 0:
            return
        since = self.guard.seconds_since(number.digits)
        if since is not None and since < hold_off_s:
            raise CallRefusedError(
                "repeat",
                f"{label} was called {_ago(since)}; nothing was sent, so the phone does not "
                "ring twice.",
                label,
            )


def extension_reason(number: PhoneNumber) -> str:
    """Why a number with an extension is not called, and what to do instead."""
    return (
        f"{number.international} ext. {number.extension}: click2call cannot dial an "
        f"extension. Call {number.international} and ask for extension {number.extension}, "
        "or use the extension's own direct number."
    )


def extension_note(number: PhoneNumber) -> str:
    """The same, short enough for the preview line under the number field."""
    return (
        f"Extension {number.extension}: click2call cannot dial it; call the main number "
        "and ask for it"
    )


def history_entry(
    attempt: CallAttempt,
    result: CallResult | None = None,
    failure: CallFailure | None = None,
) -> HistoryEntry:
    """What the history keeps of an attempt that was sent (never the secret: the message
    and the request id were cleaned when the answer was read)."""
    from dialer_app.core.store import HistoryEntry

    request = attempt.request
    mode: CallMode = "mobile" if request.mode is DeliveryMode.MOBILE else "softphone"
    return HistoryEntry(
        started_at=datetime.fromtimestamp(attempt.started_at, UTC),
        number_digits=request.to,
        number_display=pretty_digits(request.to),
        mode=mode,
        outcome="initiated" if failure is None else "failed",
        contact_id=attempt.contact_id,
        contact_name=attempt.contact_name,
        caller_id=request.caller_id,
        request_id=result.request_id if result is not None else None,
        error_kind=failure.kind if failure is not None else None,
        error_text=failure.message if failure is not None else None,
        sandbox=attempt.sandbox,
    )


# Failures after which the platform may have rung the number (the history keeps the kind,
# not whether the request left): a refused connection and a reset look alike there.
_MAY_HAVE_RUNG = frozenset({"timeout", "cannot_connect", "server_error", "unreadable_response"})


def last_possible_ring(entry: HistoryEntry | None) -> float | None:
    """When a recorded call may have rung its number (for the repeat guard), or None."""
    if entry is None:
        return None
    if entry.outcome == "initiated" or (
        entry.outcome == "failed" and entry.error_kind in _MAY_HAVE_RUNG
    ):
        return entry.started_at.timestamp()
    return None


def _label(number: PhoneNumber, contact_name: str) -> str:
    """The number as the agent sees it, with the contact's name (isolated) when known."""
    name = isolate(contact_name.strip())
    return f"{name} ({number.international})" if name else number.international


def _caller_id_digits(caller_id: str | None, region: str) -> str | None:
    if not caller_id:
        return None
    cleaned = strip_invisible(caller_id).strip()
    if cleaned.isdigit():
        return cleaned
    return normalize(cleaned, region).digits


def _ago(seconds: float) -> str:
    if seconds < 1:
        return "less than a second ago"
    if seconds < 90:
        whole = round(seconds)
        return f"{whole} second{'s' if whole != 1 else ''} ago"
    minutes = round(seconds / 60)
    return f"{minutes} minutes ago"
