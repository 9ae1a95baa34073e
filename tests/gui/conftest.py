"""Fixtures shared by the window tests: ``profile`` and ``launch`` live in
test_window_contacts.py (where test_window_history.py imports them from); the issue-14 tests
in test_window_contacts_trust.py get them from here. The window's language is English, with
its plural forms, as the app installs it at start."""

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from dialer_app.ui import translations
from tests.gui.test_window_contacts import launch, profile

__all__ = ["english", "launch", "profile"]


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """English (with "1 contact", "2 contacts") for every test; a test may install another
    language, and the next one starts in English again."""
    del qapp
    translations.install("en")
    yield
    translations.install("en")
