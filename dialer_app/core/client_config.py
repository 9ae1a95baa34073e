"""Connection settings of the click2call client (kept free of httpx so settings load fast)."""

from __future__ import annotations

from dataclasses import dataclass

from dialer_app.core.urls import DEFAULT_API_BASE


@dataclass(frozen=True)
class ClientConfig:
    """Connection settings. ``proxy`` None means the environment's/OS's proxy settings."""

    base_url: str = DEFAULT_API_BASE
    connect_timeout: float = 5.0
    total_timeout: float = 20.0
    use_get: bool = False
    proxy: str | None = None
    connect_retries: int = 2
    retry_backoff: float = 0.25
