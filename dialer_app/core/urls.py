"""The API base URL: validation and the loopback rule."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

DEFAULT_API_BASE = "https://rest.telecmi.com"
CLICK2CALL_PATH = "/v2/webrtc/click2call"


class InvalidBaseUrlError(ValueError):
    """The configured API base URL cannot be used."""


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def validate_base_url(url: str) -> str:
    """Return the normalized base URL (no trailing slash) or raise with the reason.

    Plain ``http://`` is refused except for loopback hosts (the sandbox): the secret must not
    cross a network unencrypted.
    """
    text = url.strip().rstrip("/")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidBaseUrlError(f"The API base URL is not a valid URL: {exc}.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidBaseUrlError(
            f"The API base URL must start with https:// and name a host, like {DEFAULT_API_BASE}."
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidBaseUrlError(
            "The API base URL must not contain a user name, password, query or fragment."
        )
    if parts.scheme == "http" and not is_loopback_host(parts.hostname):
        raise InvalidBaseUrlError(
            "Plain http:// is only allowed for this computer (127.0.0.1 / localhost); "
            "use https:// so the app secret is encrypted on the way."
        )
    if port == 0:
        raise InvalidBaseUrlError("The API base URL has port 0, which cannot be reached.")
    return text


def display_host(url: str) -> str:
    """Host (and port) of a base URL, for messages."""
    parts = urlsplit(url)
    return parts.netloc or url
