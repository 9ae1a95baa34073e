"""The tray controller's menu and signals, driven through its QMenu and QActions.

Offscreen there is usually no system tray, so nothing here depends on one being available:
the menu is built and triggered the same way either way.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.phone import PhoneNumber, normalize, pretty_digits
from dialer_app.core.store import CallOutcome, HistoryEntry, Store
from dialer_app.ui.tray import MAX_FAVORITES, MAX_RECENT, TrayController, favorites_from_index

START = datetime(2024, 5, 6, 9, 30, tzinfo=UTC)


def _number(text: str) -> ContactNumber:
    return ContactNumber(raw=text, digits=normalize(text, "IN").digits, label="mobile")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened, _notice = Store.open(tmp_path / "contacts.db")
    yield opened
    opened.close()


@pytest.fixture
def tray(qtbot: QtBot) -> Iterator[TrayController]:
    controller = TrayController(None)
    yield controller
    controller.hide()
    controller.deleteLater()


def open_menu(tray: TrayController) -> None:
    """What Qt does right before the menu appears (also for D-Bus tray menus)."""
    tray.menu.aboutToShow.emit()


def call_actions(menu: QMenu) -> list[QAction]:
    return [action for action in menu.actions() if action.isEnabled()]


def visible_text(action: QAction) -> str:
    return action.text().replace("&&", "&")


def add_history(
    store: Store, digits: str, minutes: int, outcome: CallOutcome = "initiated", name: str = ""
) -> HistoryEntry:
    return store.add_history(
        HistoryEntry(
            started_at=START + timedelta(minutes=minutes),
            number_digits=digits,
            number_display=pretty_digits(digits),
            mode="softphone",
            outcome=outcome,
            contact_name=name,
        )
    )


def test_favorites_come_from_the_stored_contacts(store: Store, tray: TrayController) -> None:
    asha = store.add_contact(Contact("Asha Rao", (_number("+91 92000 00000"),), favorite=True))
    store.add_contact(Contact("Ravi Kumar", (_number("98450 12345"),)))  # not a favorite
    store.add_contact(
        Contact("Tom & Jerry Ltd", (_number("+44 20 7946 0958"), _number("99001 23456")))
    )
    store.add_contact(  # a favorite without a callable number cannot be offered
        Contact("Nobody", (ContactNumber(raw="n/a", digits=""),), favorite=True)
    )
    tom = next(c for c in store.all_contacts() if c.name.startswith("Tom"))
    store.set_favorite(tom.id or 0, True)
    tray.set_providers(favorites=lambda: favorites_from_index(ContactIndex(store.search_rows())))

    open_menu(tray)

    actions = call_actions(tray.favorites_menu)
    labels = sorted(visible_text(action) for action in actions)
    assert labels == ["Asha Rao · +91 92000 00000", "Tom & Jerry Ltd · +44 20 7946 0958"]
    assert asha.id is not None
    # A favorite added after the first opening shows the next time the menu opens.
    store.add_contact(Contact("Meera", (_number("+91 97400 55555"),), favorite=True))
    open_menu(tray)
    assert len(call_actions(tray.favorites_menu)) == 3


def test_favorite_action_emits_digits_and_unescaped_name(
    qtbot: QtBot, tray: TrayController
) -> None:
    tray.set_providers(favorites=lambda: [("Tom & Jerry", "442079460958"), ("", "919200000000")])
    open_menu(tray)
    first, second = call_actions(tray.favorites_menu)

    with qtbot.waitSignal(tray.call_requested) as blocker:
        first.trigger()
    assert blocker.args == ["442079460958", "Tom & Jerry"]
    assert visible_text(second) == "+91 92000 00000"  # no name: just the number
    with qtbot.waitSignal(tray.call_requested) as blocker:
        second.trigger()
    assert blocker.args == ["919200000000", ""]


def test_favorites_are_capped(tray: TrayController) -> None:
    many = [(f"Agent {n:02d}", f"9192000000{n:02d}") for n in range(MAX_FAVORITES + 5)]
    tray.set_providers(favorites=lambda: many)
    open_menu(tray)
    labels = [visible_text(action) for action in call_actions(tray.favorites_menu)]
    assert len(labels) == MAX_FAVORITES
    assert labels[0].startswith("Agent 00 · ")
    assert labels[-1].startswith(f"Agent {MAX_FAVORITES - 1:02d} · ")


def test_empty_providers_show_disabled_placeholders(tray: TrayController) -> None:
    tray.set_providers(favorites=list, recent=list)
    open_menu(tray)
    placeholders = [(tray.favorites_menu, "No favorites"), (tray.recent_menu, "No recent calls")]
    for menu, text in placeholders:
        actions = menu.actions()
        assert [action.text() for action in actions] == [text]
        assert not actions[0].isEnabled()


def test_recent_lists_distinct_numbers_newest_first_with_outcome(
    qtbot: QtBot, store: Store, tray: TrayController
) -> None:
    add_history(store, "919200000000", 0, "failed", "Asha Rao")
    add_history(store, "919845012345", 1, "failed")
    add_history(store, "919200000000", 2, "initiated", "Asha Rao")  # newest for Asha: success
    for n in range(12):
        add_history(store, f"9199001234{n:02d}", 3 + n)
    add_history(store, "919845012345", 30, "failed", "Ravi Kumar")
    tray.set_providers(recent=lambda: store.recent_history(100))

    open_menu(tray)

    labels = [visible_text(action) for action in call_actions(tray.recent_menu)]
    assert len(labels) == MAX_RECENT
    assert labels[0] == "✗  Ravi Kumar · +91 98450 12345"
    assert labels[1] == "✓  +91 99001 23411"  # numbers 00..11, newest first
    assert len(set(labels)) == MAX_RECENT
    assert not any("92000 00000" in label for label in labels)  # pushed out by newer calls

    with qtbot.waitSignal(tray.call_requested) as blocker:
        call_actions(tray.recent_menu)[0].trigger()
    assert blocker.args == ["919845012345", "Ravi Kumar"]


def test_recent_keeps_the_newest_outcome_of_a_number(store: Store, tray: TrayController) -> None:
    add_history(store, "919200000000", 0, "failed", "Asha Rao")
    add_history(store, "919200000000", 5, "initiated", "Asha Rao")
    add_history(store, "442079460958", 2, "failed")
    tray.set_providers(recent=lambda: store.recent_history(100))
    open_menu(tray)
    labels = [visible_text(action) for action in call_actions(tray.recent_menu)]
    assert labels == ["✓  Asha Rao · +91 92000 00000", "✗  +44 20 7946 0958"]


def test_exactly_one_mode_is_checked(qtbot: QtBot, tray: TrayController) -> None:
    modes = [tray.softphone_action, tray.mobile_action]

    def checked() -> list[bool]:
        return [action.isChecked() for action in modes]

    assert checked() == [True, False]
    with qtbot.waitSignal(tray.mode_changed) as blocker:
        tray.mobile_action.trigger()
    assert blocker.args == [DeliveryMode.MOBILE]
    assert checked() == [False, True]
    assert tray.mode() is DeliveryMode.MOBILE

    # Triggering the mode that is on leaves it on and reports no change.
    with qtbot.assertNotEmitted(tray.mode_changed):
        tray.mobile_action.trigger()
    assert checked() == [False, True]

    # The app setting the mode (e.g. from the window's switch) does not echo back.
    with qtbot.assertNotEmitted(tray.mode_changed):
        tray.set_mode(DeliveryMode.SOFTPHONE)
    assert checked() == [True, False]
    with qtbot.waitSignal(tray.mode_changed) as blocker:
        tray.mobile_action.trigger()
    assert blocker.args == [DeliveryMode.MOBILE]


@pytest.mark.parametrize(
    ("action_name", "signal_name"),
    [
        ("quick_call_action", "quick_call_requested"),
        ("clipboard_action", "clipboard_call_requested"),
        ("window_action", "toggle_window_requested"),
        ("settings_action", "settings_requested"),
        ("quit_action", "quit_requested"),
    ],
)
def test_each_action_emits_its_signal(
    qtbot: QtBot, tray: TrayController, action_name: str, signal_name: str
) -> None:
    action: QAction = getattr(tray, action_name)
    assert action in tray.menu.actions()
    others = [
        getattr(tray, name)
        for name in (
            "quick_call_requested",
            "clipboard_call_requested",
            "toggle_window_requested",
            "settings_requested",
            "quit_requested",
            "call_requested",
        )
        if name != signal_name
    ]
    emitted: list[str] = []
    for other in others:
        other.connect(lambda *_args: emitted.append("other"))
    with qtbot.waitSignal(getattr(tray, signal_name)):
        action.trigger()
    assert emitted == []


def test_menu_order_matches_the_spec(tray: TrayController) -> None:
    texts = [
        action.text().replace("&", "") for action in tray.menu.actions() if not action.isSeparator()
    ]
    assert texts == [
        "Quick call…",
        "Call number from clipboard",
        "Favorites",
        "Recent calls",
        "Softphone",
        "Mobile (follow-me)",
        "Hide window",
        "Settings…",
        "Quit",
    ]


def test_window_action_text_follows_visibility(tray: TrayController) -> None:
    visible = [True]
    tray.set_providers(window_visible=lambda: visible[0])
    open_menu(tray)
    assert tray.window_action.text() == "Hide &window"
    visible[0] = False
    open_menu(tray)
    assert tray.window_action.text() == "Show &window"


def test_clipboard_action_previews_the_number(tray: TrayController) -> None:
    found: list[PhoneNumber | None] = [normalize("98450 12345", "IN")]
    tray.set_providers(clipboard_number=lambda: found[0])
    open_menu(tray)
    assert tray.clipboard_action.text() == "Call +91 98450 12345 from clip&board"
    assert tray.clipboard_action.isEnabled()
    found[0] = None
    open_menu(tray)
    assert not tray.clipboard_action.isEnabled()


def test_icon_clicks(qtbot: QtBot, tray: TrayController) -> None:
    reasons = QSystemTrayIcon.ActivationReason
    with qtbot.waitSignal(tray.activated_primary):
        tray.tray_icon.activated.emit(reasons.Trigger)
    with qtbot.waitSignal(tray.quick_call_requested):
        tray.tray_icon.activated.emit(reasons.MiddleClick)
    with qtbot.assertNotEmitted(tray.activated_primary):
        tray.tray_icon.activated.emit(reasons.Context)


def test_state_sets_icon_and_tooltip(tray: TrayController) -> None:
    assert tray.tray_icon.toolTip() == "Dialer"
    tray.set_state("calling", "+91 92000 00000")
    assert tray.state() == "calling"
    assert tray.tray_icon.toolTip() == "Dialer — calling +91 92000 00000"
    assert tray.tray_icon.icon().cacheKey() == tray.icon_for("calling").cacheKey()
    tray.set_state("failed")
    assert tray.tray_icon.toolTip() == "Dialer — last call failed"
    assert tray.tray_icon.icon().cacheKey() == tray.icon_for("failed").cacheKey()
    tray.set_state("idle")
    assert tray.tray_icon.icon().cacheKey() == tray.icon_for("idle").cacheKey()
    idle, calling, failed = (
        tray.icon_for(state).pixmap(22).toImage() for state in ("idle", "calling", "failed")
    )
    assert idle != calling
    assert calling != failed
    assert idle != failed
    with pytest.raises(ValueError, match="unknown tray state"):
        tray.set_state("ringing")  # type: ignore[arg-type]


def test_notify_respects_the_setting(monkeypatch: pytest.MonkeyPatch, tray: TrayController) -> None:
    shown: list[tuple[str, str, int]] = []
    monkeypatch.setattr(tray, "available", lambda: True)
    monkeypatch.setattr(QSystemTrayIcon, "supportsMessages", staticmethod(lambda: True))
    monkeypatch.setattr(
        tray.tray_icon, "showMessage", lambda title, text, _i, ms: shown.append((title, text, ms))
    )
    tray.set_notifications(False)
    assert tray.notify("Call failed", "Ravi: busy", failed=True) is False
    assert shown == []
    tray.set_notifications(True)
    assert tray.notify("Call failed", "Ravi: busy", failed=True) is True
    assert shown[0][:2] == ("Call failed", "Ravi: busy")
    monkeypatch.setattr(tray, "available", lambda: False)
    assert tray.notify("Call placed", "Asha") is False
    assert len(shown) == 1
