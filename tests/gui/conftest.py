"""Fixtures shared by the window tests: ``profile`` and ``launch`` live in
test_window_contacts.py (where test_window_history.py imports them from); the issue-14 tests
in test_window_contacts_trust.py get them from here."""

from tests.gui.test_window_contacts import launch, profile

__all__ = ["launch", "profile"]
