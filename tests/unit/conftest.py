"""Unit tests run as a plain Python process would: with the automatic cycle collector on.

The GUI tests of the same session hand collection to the GUI thread (``gc.disable()``, see
``dialer_app/services/gui_collector.py``); core code that pauses the collector must put back
whatever state it found, which these tests check from the usual state.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="package")
def automatic_collection() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.collect()  # on this (the GUI) thread: what earlier window tests left, Qt objects included
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()
