"""Keep the app secret out of log lines and any text shown or saved.

Secrets in use are registered here; every handler the app installs carries
``RedactingFilter``, and so do the ``httpx``/``httpcore`` loggers, which log request URLs
(a GET click2call carries the secret in its query string).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

REDACTED = "[REDACTED]"
_QUERY_SECRET = re.compile(r"(?i)(secret(?:=|%3D))[^&\s\"'<>]+")
_JSON_SECRET = re.compile(r'(?i)("secret"\s*:\s*")(?:[^"\\]|\\.)*(")')
_lock = threading.Lock()
_known_secrets: set[str] = set()


def register_secret(secret: str) -> None:
    """Remember a secret so that ``redact`` removes it wherever it shows up."""
    if len(secret) >= 4:
        with _lock:
            _known_secrets.add(secret)


def known_secrets() -> list[str]:
    """The secrets registered so far (for checks that need more than ``redact``)."""
    with _lock:
        return list(_known_secrets)


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """Return ``text`` with known secrets and ``secret=``/``"secret":`` values masked."""
    with _lock:
        candidates = sorted({*_known_secrets, *secrets}, key=len, reverse=True)
    for secret in candidates:
        if secret and secret in text:
            text = text.replace(secret, REDACTED)
    text = _QUERY_SECRET.sub(rf"\1{REDACTED}", text)
    return _JSON_SECRET.sub(rf"\1{REDACTED}\2", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message with secrets masked (never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def protect_http_loggers() -> None:
    """Attach the filter to the HTTP libraries' loggers (idempotent)."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
