"""The team's do-not-call list: the ``dnc_source`` setting and reading it.

A source is a file path (a network share: ``\\\\server\\team\\dnc.csv``, ``/mnt/team/dnc.csv``)
or an ``https://`` address (plain ``http://`` only on this computer, for tests and local
tools). It is read in full, size-capped, with timeouts, and parsed like ``dnc import``; the
caller keeps the result as the last good copy (``core.do_not_call``). Blocking: run it off the
GUI thread.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from dialer_app import __version__
from dialer_app.core.urls import is_loopback_host

if TYPE_CHECKING:
    import ssl

    import httpx

    from dialer_app.core.dnc_file import NumberFile

__all__ = [
    "MAX_SOURCE_BYTES",
    "REFRESH_INTERVAL_S",
    "InvalidSourceError",
    "SourceError",
    "TeamList",
    "is_url",
    "read_team_list",
    "validate_source",
]

MAX_SOURCE_BYTES = 32 * 1024 * 1024  # two million numbers and a note each
REFRESH_INTERVAL_S = 3600.0
CONNECT_TIMEOUT_S = 5.0
TOTAL_TIMEOUT_S = 30.0
_MAX_REDIRECTS = 5


class InvalidSourceError(ValueError):
    """The ``dnc_source`` setting cannot be a source; the message says why."""


class SourceError(Exception):
    """The source could not be read now (the last good copy stays in use)."""


def is_url(source: str) -> bool:
    return source.strip().lower().startswith(("http://", "https://"))


def validate_source(text: str) -> str:
    """The source as it will be used (stripped), or ``InvalidSourceError``; ``""``: none."""
    source = text.strip()
    if not source:
        return ""
    what = "The team's do-not-call list"
    if "://" in source and not is_url(source):
        raise InvalidSourceError(
            f"{what} must be a file path or an https:// address, not {source.split(':')[0]}:."
        )
    if is_url(source):
        try:
            parts = urlsplit(source)
            parts.port  # noqa: B018 (raises for a bad port)
        except ValueError as exc:
            raise InvalidSourceError(
                f"{what}: {source!r} is not a valid address ({exc})."
            ) from None
        if not parts.hostname:
            raise InvalidSourceError(f"{what}: {source!r} names no server.")
        if parts.username is not None or parts.password is not None or "@" in parts.netloc:
            raise InvalidSourceError(
                f"{what} must not carry a user name or password in its address (it would be "
                "stored in the settings file)."
            )
        if parts.scheme.lower() == "http" and not is_loopback_host(parts.hostname):
            raise InvalidSourceError(
                f"{what} must use https:// (plain http:// only for this computer): the list "
                "must not be changed on its way."
            )
        return source
    path = Path(source).expanduser()
    if not path.is_absolute() and not source.startswith("\\\\"):
        raise InvalidSourceError(
            f"{what} must be a full path (like /mnt/team/dnc.csv or \\\\server\\team\\dnc.csv) "
            "or an https:// address."
        )
    return source


# reading --------------------------------------------------------------------------------
class TeamList:
    """A source read now: its numbers (with notes) and what was skipped."""

    def __init__(self, source: str, numbers: NumberFile, loaded_at: datetime) -> None:
        self.source = source
        self.numbers = numbers
        self.loaded_at = loaded_at


def read_team_list(
    source: str,
    region: str,
    *,
    proxy: str | None = None,
    max_bytes: int = MAX_SOURCE_BYTES,
    total_timeout: float = TOTAL_TIMEOUT_S,
    ssl_context: ssl.SSLContext | None = None,
) -> TeamList:
    """Read and parse the source; ``SourceError`` says why it could not be used.
    ``ssl_context``: another trust than the OS's (tests)."""
    from dialer_app.core.dnc_file import NumberFileError, read_number_bytes, read_number_file

    source = validate_source(source)
    if not source:
        raise SourceError("no team list is set")
    try:
        if is_url(source):
            data = _download(source, proxy, max_bytes, total_timeout, ssl_context)
            numbers = read_number_bytes(data, region)
        else:
            numbers = read_number_file(Path(source).expanduser(), region, max_bytes)
    except NumberFileError as exc:
        raise SourceError(str(exc)) from None
    if not numbers.numbers and numbers.skipped_count:
        raise SourceError(
            f"no line of it is a phone number ({numbers.skipped_count} lines skipped)"
        )
    return TeamList(source, numbers, datetime.now(UTC))


def _download(
    url: str,
    proxy: str | None,
    max_bytes: int,
    total_timeout: float,
    ssl_context: ssl.SSLContext | None,
) -> bytes:
    import httpx

    from dialer_app.core.redact import protect_http_loggers

    protect_http_loggers()
    loopback = is_loopback_host(urlsplit(url).hostname or "")
    deadline = time.monotonic() + total_timeout
    try:
        with (
            httpx.Client(
                verify=ssl_context or _ssl_context(),
                proxy=None if loopback else proxy or None,
                trust_env=not loopback,
                follow_redirects=True,
                max_redirects=_MAX_REDIRECTS,
                timeout=httpx.Timeout(total_timeout, connect=CONNECT_TIMEOUT_S),
                headers={"User-Agent": f"dialer-app/{__version__}"},
                event_hooks={"request": [_refuse_plain_http]},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise SourceError(f"the server answered HTTP {response.status_code}")
            return _body(response, max_bytes, deadline)
    except httpx.TooManyRedirects:
        raise SourceError(f"more than {_MAX_REDIRECTS} redirects") from None
    except httpx.TimeoutException:
        raise SourceError("the server did not answer in time") from None
    except httpx.HTTPError as exc:
        raise SourceError(_network_reason(exc)) from None


def _body(response: httpx.Response, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise SourceError(f"it is larger than {max_bytes // 2**20} MB")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise SourceError(f"it is larger than {max_bytes // 2**20} MB")
        if time.monotonic() > deadline:
            raise SourceError("the download took too long")
        chunks.append(chunk)
    return b"".join(chunks)


def _refuse_plain_http(request: httpx.Request) -> None:
    """Every request, redirects too: https, or http to this computer only."""
    if request.url.scheme != "https" and not is_loopback_host(request.url.host):
        raise SourceError(f"it redirected to a plain http:// address ({request.url.host})")


def _network_reason(exc: Exception) -> str:
    """A network failure in plain words (no URL with its query: it may hold a token)."""
    import ssl

    causes: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and len(causes) < 8:
        causes.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(cause, ssl.SSLCertVerificationError) for cause in causes):
        return "its server's TLS certificate is not trusted by this computer"
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return "the server refused the connection"
    return f"the server could not be reached ({type(exc).__name__})"


def _ssl_context() -> ssl.SSLContext:
    """Verify TLS against the OS trust store, as the click2call client does."""
    import ssl

    import truststore

    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
