"""What the window tests of contacts, history and imports share: seeded profiles, finding
widgets, reading what the list shows, driving menus, dialogs and imports."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QContextMenuEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.phone import normalize
from dialer_app.core.store import Store
from dialer_app.sandbox.server import (
    RecordedRequest,
)
from dialer_app.ui.import_dialog import ImportDialog
from tests.support.harness import VCARDS_DIR
from tests.support.wait import WAIT_MS
from tests.support.widgets import W, find

LEFT = Qt.MouseButton.LeftButton


REGION = "IN"


GLOBAL_EXTRA: dict[str, Any] = {"crm": True, "src": "global"}


CONTACT_EXTRA: dict[str, Any] = {"crm_id": 77, "src": "contact"}


VCARD_DIRS = (VCARDS_DIR,)


def find_action(parent: QWidget, name: str) -> QAction:
    found = parent.findChild(QAction, name)
    assert found is not None, f"no QAction named {name!r}"
    return found


def number(raw: str, label: str = "mobile") -> ContactNumber:
    return ContactNumber(raw=raw, digits=normalize(raw, REGION).digits, label=label)


def contact(
    name: str,
    raw: str,
    company: str = "",
    *,
    favorite: bool = False,
    extra: dict[str, Any] | None = None,
) -> Contact:
    return Contact(
        name=name,
        numbers=(number(raw),),
        company=company,
        favorite=favorite,
        extra_params=dict(extra or {}),
    )


SEEDS = (
    contact("Asha Rao", "+91 92000 00000", "Acme Traders", extra=CONTACT_EXTRA),
    contact("Vikram Mehta", "+91 98000 00001", "Globex"),
    contact("Zara Khan", "+91 98000 00002", "Globex", favorite=True),
    contact("Asha Verma", "+91 98000 00003", "Globex"),
    contact("Bina Das", "+91 97000 00004", "Initech"),
)


DISPLAY_ORDER = ["Zara Khan", "Asha Rao", "Asha Verma", "Bina Das", "Vikram Mehta"]


def seed_store(profile: Path, contacts: Sequence[Contact]) -> list[Contact]:
    """Write contacts into the profile's real database file (before the app opens it)."""
    store, notice = Store.open(profile / "contacts.db")
    assert notice is None
    with store:
        return [store.add_contact(c) for c in contacts]


def stored_contacts(path: Path) -> list[Contact]:
    """What the database file holds, through a second connection of its own."""
    store, notice = Store.open(path)
    assert notice is None
    with store:
        return store.all_contacts()


def stored_names(path: Path) -> list[str]:
    return [c.name for c in stored_contacts(path)]


def body(request: RecordedRequest) -> dict[str, object]:
    assert request.method == "POST"
    assert request.json_body is not None
    return request.json_body


def shown_names(app: DialerApp) -> list[str]:
    model = view_of(app).model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def view_of(app: DialerApp) -> QTableView:
    return find(app.window, QTableView, "contactsView")


def search_of(app: DialerApp) -> QLineEdit:
    return find(app.window, QLineEdit, "contactsSearch")


def status_of(app: DialerApp) -> QLabel:
    """The outcome of the last call (it stays until the next call)."""
    return find(app.window, QLabel, "statusLabel")


def notice_of(app: DialerApp) -> QLabel:
    """Side messages: saved, imported, exported, database problems."""
    return find(app.window, QLabel, "noticeLabel")


def row_of(app: DialerApp, name: str) -> int:
    names = shown_names(app)
    assert name in names, names
    return names.index(name)


def show_contacts_tab(app: DialerApp) -> None:
    app.window.side_tabs.setCurrentWidget(app.contacts.panel)


def type_search(qtbot: QtBot, app: DialerApp, text: str) -> None:
    """Replace the search text the way an agent does: select all, then type."""
    search = search_of(app)
    search.setFocus()
    qtbot.keyClick(search, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.keyClicks(search, text)


def context_action(qtbot: QtBot, view: QAbstractItemView, row: int, text: str) -> QAction:
    """Open the row's context menu like a right-click does and return the action ``text``."""
    index = view.model().index(row, 0)
    view.scrollTo(index)
    position = view.visualRect(index).center()
    viewport = view.viewport()
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, position, viewport.mapToGlobal(position)
    )
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=WAIT_MS)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    for action in _all_actions(menu):
        if action.text().replace("&", "") == text:
            return action
    raise AssertionError(f"no {text!r} in {[a.text() for a in _all_actions(menu)]}")


def _all_actions(menu: QMenu) -> list[QAction]:
    found: list[QAction] = []
    for action in menu.actions():
        found.append(action)
        sub = action.menu()
        if isinstance(sub, QMenu):
            found.extend(_all_actions(sub))
    return found


def trigger_and_close(action: QAction) -> None:
    action.trigger()
    popup = QApplication.activePopupWidget()
    if popup is not None:
        popup.close()


def double_click_row(qtbot: QtBot, view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    position = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), LEFT, pos=position)
    qtbot.mouseDClick(view.viewport(), LEFT, pos=position)


def visible_child(parent: QWidget, kind: type[W], name: str) -> W | None:
    shown = [w for w in parent.findChildren(kind, name) if w.isVisible()]
    assert len(shown) <= 1, f"{len(shown)} {name!r} open at once"
    return shown[0] if shown else None


def wait_for_dialog(qtbot: QtBot, app: DialerApp, kind: type[W], name: str) -> W:
    """The (one) visible dialog named ``name``; closed ones linger as hidden children."""
    qtbot.waitUntil(lambda: visible_child(app.window, kind, name) is not None, timeout=WAIT_MS)
    dialog = visible_child(app.window, kind, name)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def write_csv(path: Path, rows: Sequence[tuple[str, str, str]]) -> Path:
    lines = ["Name,Company,Phone", *(",".join(row) for row in rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def start_import(
    qtbot: QtBot, app: DialerApp, monkeypatch: pytest.MonkeyPatch, path: Path
) -> ImportDialog:
    """Pick ``path`` in the (replaced) file dialog, wait for the import dialog."""
    monkeypatch.setattr(app.contacts, "_ask_import_path", lambda: str(path))
    find_action(app.window, "importContactsAction").trigger()
    return wait_for_dialog(qtbot, app, ImportDialog, "importDialog")


def import_button(dialog: ImportDialog) -> QPushButton:
    button = find(dialog, QPushButton, "importStartButton")
    assert button.text().replace("&", "") == "Import"
    assert button.isEnabled(), dialog.problem()
    return button


def run_import(qtbot: QtBot, app: DialerApp, dialog: ImportDialog) -> None:
    with qtbot.waitSignal(app.contacts.service.import_finished, timeout=WAIT_MS * 3):
        qtbot.mouseClick(import_button(dialog), LEFT)
    report = find(dialog, QLabel, "importReport")
    qtbot.waitUntil(lambda: bool(report.text()) and report.isVisible(), timeout=WAIT_MS)
