"""Sentences the core writes (in English, for the log, the CLI and scripts) shown in the
window's language.

The core never translates: a refusal, a number's problem, a list's state reach the window as
English text. :func:`translated` matches that text against the core's known sentences, each a
template with ``{fields}`` (``"Cannot call {number}: {reason}"``), and gives the template's
translation (context ``CoreText``) with the fields put back; a field that is itself a known
sentence (the ``{reason}``) is translated too. Text the window does not know (a server's
message, a new sentence) is shown as it is. Parts joined by " · " are translated one by one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from PySide6.QtCore import QCoreApplication

__all__ = ["QT_TRANSLATE_NOOP", "TEMPLATES", "translated"]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for translation in ``context`` (lupdate collects it); returns it as it
    is, to be translated where it is shown. Qt's own is typed as returning ``object``."""
    del context
    return text


_CONTEXT = "CoreText"
_SEPARATOR = " · "

# The core's sentences, most specific first (the first template that matches is used).
TEMPLATES: tuple[str, ...] = (
    # numbers (core/phone.py)
    QT_TRANSLATE_NOOP("CoreText", "Empty number"),
    QT_TRANSLATE_NOOP("CoreText", "Letters are not allowed in a phone number"),
    QT_TRANSLATE_NOOP("CoreText", "Too short to be a phone number"),
    QT_TRANSLATE_NOOP("CoreText", "Too long to be a phone number"),
    QT_TRANSLATE_NOOP("CoreText", "Unknown country code"),
    QT_TRANSLATE_NOOP(
        "CoreText", "No country code: start the number with + or choose a default country"
    ),
    QT_TRANSLATE_NOOP("CoreText", "A '+' can only appear at the start of a number"),
    QT_TRANSLATE_NOOP("CoreText", "Extension is too long"),
    QT_TRANSLATE_NOOP("CoreText", "Not a phone number"),
    QT_TRANSLATE_NOOP("CoreText", "The default country is not a known country code"),
    QT_TRANSLATE_NOOP("CoreText", "Unexpected character {character} in a phone number"),
    QT_TRANSLATE_NOOP("CoreText", "Wrong number of digits for {country}"),
    QT_TRANSLATE_NOOP("CoreText", "Missing area code for {country}"),
    QT_TRANSLATE_NOOP("CoreText", "Not a valid number for {country}"),
    # the Dialer's refusals (core/dialer.py)
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Extension {extension}: click2call cannot dial it; call the main number and ask for it",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{number} ext. {extension}: click2call cannot dial an extension. Call {main} and ask "
        "for extension {same_extension}, or use the extension's own direct number.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "Cannot call an empty number: {reason}"),
    QT_TRANSLATE_NOOP("CoreText", "Cannot call {number}: {reason}"),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{label} was called {ago}; nothing was sent, so the phone does not ring twice.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "{label} was not called: {reason}"),
    QT_TRANSLATE_NOOP("CoreText", "less than a second ago"),
    QT_TRANSLATE_NOOP("CoreText", "1 second ago"),
    QT_TRANSLATE_NOOP("CoreText", "{count} seconds ago"),
    QT_TRANSLATE_NOOP("CoreText", "{count} minutes ago"),
    # call lists (core/call_lists)
    QT_TRANSLATE_NOOP("CoreText", "Connected"),
    QT_TRANSLATE_NOOP("CoreText", "No answer"),
    QT_TRANSLATE_NOOP("CoreText", "Busy"),
    QT_TRANSLATE_NOOP("CoreText", "Voicemail"),
    QT_TRANSLATE_NOOP("CoreText", "Wrong number"),
    QT_TRANSLATE_NOOP("CoreText", "Call back at…"),
    QT_TRANSLATE_NOOP("CoreText", "Do not call"),
    QT_TRANSLATE_NOOP("CoreText", "Called: what happened? (1–7)"),
    QT_TRANSLATE_NOOP("CoreText", "Not called yet"),
    QT_TRANSLATE_NOOP("CoreText", "Name"),
    QT_TRANSLATE_NOOP("CoreText", "Number"),
    QT_TRANSLATE_NOOP("CoreText", "Status"),
    QT_TRANSLATE_NOOP("CoreText", "Blocked: {reason}"),
    # calling rules (core/do_not_call.py, core/calling_hours.py, core/attempts.py)
    QT_TRANSLATE_NOOP("CoreText", "the number is on the do-not-call list."),
    QT_TRANSLATE_NOOP("CoreText", "the number is on the do-not-call list ({details})."),
    QT_TRANSLATE_NOOP("CoreText", "the number is on the team's do-not-call list ({source})."),
    QT_TRANSLATE_NOOP(
        "CoreText", "the number is on the team's do-not-call list ({source}): {note}."
    ),
    QT_TRANSLATE_NOOP("CoreText", "the do-not-call list cannot be read ({problem})."),
    QT_TRANSLATE_NOOP("CoreText", "the do-not-call list is still loading; try again in a moment."),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "outside calling hours {window}: it is {now} their time ({place}). Calling opens at "
        "{opens} their time, in {wait}.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "it was called {times} today already, and the limit is {limit} a day "
        "(Settings › Compliance); it can be called again tomorrow.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "Not dialable"),
    QT_TRANSLATE_NOOP("CoreText", "To call again"),
    QT_TRANSLATE_NOOP("CoreText", "Call back {when}"),
    QT_TRANSLATE_NOOP("CoreText", "{done} / {total} done"),
    QT_TRANSLATE_NOOP("CoreText", "1 call back"),
    QT_TRANSLATE_NOOP("CoreText", "{count} call backs"),
    QT_TRANSLATE_NOOP("CoreText", "{count} blocked"),
    QT_TRANSLATE_NOOP("CoreText", "{count} not dialable"),
    QT_TRANSLATE_NOOP("CoreText", "between {first} and {last} their time ({zones})"),
    QT_TRANSLATE_NOOP("CoreText", "{time} their time ({place})"),
    QT_TRANSLATE_NOOP("CoreText", "{count} time zones"),
    # call failures (core/call_response.py, core/click2call.py, core/call_attempt.py)
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The app secret was rejected. Enter the correct app secret for this user id "
        "(Settings › Account, or `dialer-app credentials set`).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The user id is not known to TeleCMI. Check the user id in Settings › Account "
        "(it looks like 101_1111112).",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "A proxy between this computer and TeleCMI asks for authentication (HTTP 407 from the "
        "proxy, not from TeleCMI). Set the proxy credentials in Settings › Connection or ask "
        "your IT team.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "TeleCMI had a server error (HTTP {code}). The call was probably not placed; try "
        "again in a moment.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The server answered 'not found' (HTTP 404) without a TeleCMI answer. Check the API "
        "base URL in Settings › Connection.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The server answered with unexpected code {code} (HTTP {status}). Check the API base "
        "URL and any proxy in the way.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The server answered HTTP {status} but not with JSON, so it is not clear whether the "
        "call was placed. Check the API base URL and any proxy in the way.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Could not connect to {host} within {seconds} s. Check the internet connection, "
        "firewall or proxy.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The proxy refused to connect to {host}. Check the proxy settings (Settings › "
        "Connection) or ask your IT team.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Could not find {host} (DNS lookup failed). Check the internet connection and the "
        "API base URL.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "Could not connect to {host} (connection refused or network unreachable). Check the "
        "internet connection and the API base URL.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "{host} did not answer within {seconds} s. The call may still have been placed: "
        "check your phone before calling again.",
    ),
    QT_TRANSLATE_NOOP(
        "CoreText",
        "The connection to {host} broke before its answer arrived. The call may still have "
        "been placed: check your phone before calling again.",
    ),
    QT_TRANSLATE_NOOP("CoreText", "TeleCMI rejected the request: {reason}."),
    QT_TRANSLATE_NOOP("CoreText", "Unexpected problem ({error}); see the log."),
    QT_TRANSLATE_NOOP(
        "CoreText", "The server's answer has no request_id, so the call cannot be confirmed."
    ),
)

_FIELD = re.compile(r"\{([a-z_]+)\}")
_SENTENCE_FIELDS = frozenset({"reason", "ago", "zones"})  # fields that are sentences too


@cache
def _pattern(template: str) -> re.Pattern[str]:
    """``template`` as a regular expression whose groups are its fields."""
    parts: list[str] = []
    last = 0
    for match in _FIELD.finditer(template):
        field = f"(?P<{match.group(1)}>(?:(?!{re.escape(_SEPARATOR)}).)+?)"  # never across " · "
        parts += [re.escape(template[last : match.start()]), field]
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


def translated(text: str) -> str:
    """``text`` in the window's language when it is a known sentence of the core (or parts
    of them joined by " · "); otherwise ``text`` unchanged."""
    if not text:
        return text
    found = _translate_one(text)
    if found is not None:
        return found
    if _SEPARATOR in text:
        return _SEPARATOR.join(_translate_one(part) or part for part in text.split(_SEPARATOR))
    return text


_PLAIN: Final = frozenset(template for template in TEMPLATES if not _FIELD.search(template))
# Templates with fields, with the text before their first field: a cheap test before the
# regular expression (which is only compiled for a text that could match).
_FIELDED: Final = tuple(
    (template, template[: template.index("{")]) for template in TEMPLATES if template not in _PLAIN
)


def _translate_one(text: str) -> str | None:
    if text in _PLAIN:  # a word or sentence without fields: a look-up (table cells, labels)
        return QCoreApplication.translate(_CONTEXT, text)
    for template, start in _FIELDED:
        if not text.startswith(start):
            continue
        match = _pattern(template).fullmatch(text)
        if match is None:
            continue
        shown = QCoreApplication.translate(_CONTEXT, template)
        fields = {
            name: _field(value) if name in _SENTENCE_FIELDS else value
            for name, value in match.groupdict().items()
        }
        try:
            return shown.format(**fields)
        except (KeyError, IndexError, ValueError):  # a translation that lost a field
            return template.format(**fields)
    return None


def _field(value: str) -> str:
    """A field's text, translated when it is itself a known sentence (a reason)."""
    found = _translate_one(value)
    return value if found is None else found
