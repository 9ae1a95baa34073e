"""CRM screen-pop: the ``open_url_after_call`` template, checked and filled in.

A template such as ``https://crm.example/calls/new?phone={e164}&ref={request_id}`` is opened
in the default browser after the platform accepted a call. Only ``http``/``https``; the
fields are ``{e164}``, ``{digits}``, ``{request_id}`` and ``{contact_name}``, always
URL-encoded, and only in the path, query or fragment (never in the host: a contact's name
must not choose the server). Nothing that could carry the secret gets through: no other field
(``{secret}`` and its kin are refused by name), no user name or password in the URL, and,
where the secret is known, not its text in any spelling.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from urllib.parse import quote, unquote, urlsplit

__all__ = [
    "FIELDS",
    "InvalidTemplateError",
    "contains_secret",
    "fill_template",
    "validate_template",
]

FIELDS = ("e164", "digits", "request_id", "contact_name")
_SECRET_WORDS = re.compile(r"(?i)secret|passw|token|auth|key|credential|pwd|pass$")
_MAX_TEMPLATE = 2000


class InvalidTemplateError(ValueError):
    """The template cannot be used; the message says why."""


def validate_template(template: str, secrets: Iterable[str] = ()) -> str:
    """The template (stripped), or ``InvalidTemplateError``; ``""`` (off) is valid.

    ``secrets``: texts that must not appear in it (the app secret, when it is known)."""
    text = template.strip()
    if not text:
        return ""
    what = "The address opened after a call"
    if len(text) > _MAX_TEMPLATE:
        raise InvalidTemplateError(f"{what} is longer than {_MAX_TEMPLATE} characters.")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch.isspace() for ch in text):
        raise InvalidTemplateError(f"{what} must not contain spaces or control characters.")
    names = _field_names(text, what)
    for name in names:
        if name not in FIELDS:
            allowed = ", ".join("{" + field + "}" for field in FIELDS)
            if _SECRET_WORDS.search(name):
                raise InvalidTemplateError(
                    f"{what} cannot contain {{{name}}}: the app secret is never sent anywhere "
                    f"but TeleCMI. Use {allowed}."
                )
            raise InvalidTemplateError(f"{what} has an unknown field {{{name}}}; use {allowed}.")
    sample = fill_template(text, dict.fromkeys(FIELDS, "x"))
    parts = urlsplit(sample)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InvalidTemplateError(
            f"{what} must start with https:// (or http://) and name a server, like "
            "https://crm.example.com/call?phone={e164}."
        )
    if "@" in parts.netloc or parts.username is not None or parts.password is not None:
        raise InvalidTemplateError(
            f"{what} must not contain a user name or password (user:password@host): it would "
            "be shown to the browser and kept in its history."
        )
    head = urlsplit(text)
    if "{" in head.scheme + head.netloc:
        raise InvalidTemplateError(
            f"{what} may use fields only after the server name (in the path or the query)."
        )
    for secret in secrets:
        if contains_secret(text, secret):
            raise InvalidTemplateError(
                f"{what} contains the app secret; remove it (the secret is never sent "
                "anywhere but TeleCMI)."
            )
    return text


def _field_names(text: str, what: str) -> list[str]:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise InvalidTemplateError(
            f"{what} has a stray brace ({exc}); write fields as {{e164}}."
        ) from None
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            raise InvalidTemplateError(
                f"{what} has a field {{{name}{'!' + conversion if conversion else ''}"
                f"{':' + spec if spec else ''}}} that is not one of its plain fields."
            )
        names.append(name)
    return names


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """The template with each field replaced by its URL-encoded value."""
    out: list[str] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(quote(values.get(name, ""), safe=""))
    return "".join(out)


def contains_secret(text: str, secret: str) -> bool:
    """Whether ``text`` holds ``secret`` as typed, URL-encoded or in another case."""
    if not secret:
        return False
    folded = text.casefold()
    spellings = {secret, quote(secret, safe=""), quote(secret)}
    return any(form.casefold() in folded for form in spellings) or (
        secret.casefold() in unquote(text).casefold()
    )
