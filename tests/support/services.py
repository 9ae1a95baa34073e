"""Skip-or-fail gate for tests that need an external service (D-Bus, Secret Service, ...).

Locally a missing service skips the test; under CI=true it fails it, because CI is
expected to provide every service and a silent skip would hide a broken setup.
"""

from __future__ import annotations

import os

import pytest


def running_in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def require_service(available: bool, what: str) -> None:
    """Return if *available*; otherwise skip the test, or fail it under CI=true."""
    if available:
        return
    if running_in_ci():
        pytest.fail(f"{what} is not available, but CI=true requires it.", pytrace=False)
    pytest.skip(f"{what} is not available (set CI=true to make this a failure).")
