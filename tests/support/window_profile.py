"""A profile as an agent's window meets it (contacts and a call list), and the Lists tab
opened the way an agent opens it; for the issue-16 window tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.call_lists import import_list
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.phone import normalize
from dialer_app.core.store import Store
from dialer_app.ui.lists_view import EntryCard
from tests.support.harness import DATA_DIR, write_settings
from tests.support.wait import WAIT_MS

LEADS = DATA_DIR / "call_lists" / "leads.csv"


def _contact(name: str, raw: str, company: str = "") -> Contact:
    digits = normalize(raw, "IN").digits
    return Contact(name=name, numbers=(ContactNumber(raw, digits, "mobile"),), company=company)


CONTACTS = (
    _contact("Asha Rao", "+91 92000 00000", "Acme Traders"),
    _contact("Vikram Mehta", "+91 98000 00001", "Globex"),
    _contact("Acme Support Desk", "+91 80 4000 0000", "Acme Support Desk"),
)


def agent_profile(tmp_path: Path) -> Path:
    """Settings for the sandbox's demo user, three contacts and the call list "Leads"."""
    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, default_region="IN", user_id="101_1111112")
    store, notice = Store.open(profile / "contacts.db")
    assert notice is None
    with store:
        for contact in CONTACTS:
            store.add_contact(contact)
        import_list(store, LEADS, "Leads", default_region="IN")
    return profile


def open_lists(qtbot: QtBot, app: DialerApp) -> EntryCard:
    """The Lists tab shown once its list is loaded, the entry with the keyboard focus."""
    card = app.window.findChild(EntryCard, "callListCurrent")
    panel = app.window.findChild(QWidget, "callListsPanel")
    assert card is not None
    assert panel is not None
    qtbot.waitUntil(lambda: "Entry 1 of 6" in card.plain_text(), timeout=WAIT_MS)
    app.window.show_side_panel(panel)
    app.window.activateWindow()
    qtbot.waitUntil(card.hasFocus, timeout=WAIT_MS)
    return card
