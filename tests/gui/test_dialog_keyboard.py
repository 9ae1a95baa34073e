"""Keyboard and screen-reader use of the Settings and set-up dialogs, the quick-call popup and
the tray menu: every control named, no Alt key used twice, Tab in a sensible order with no
invisible stops, problems shown only once a field is left, a focus ring that can be seen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QWidget
from pytestqt.qtbot import QtBot

from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.settings import Settings
from dialer_app.ui.quick_call import QuickCallPopup
from dialer_app.ui.settings_dialog import SettingsDialog
from dialer_app.ui.setup_dialog import SetupDialog
from dialer_app.ui.style import (
    MIN_FOCUS_CONTRAST,
    STYLE_SHEET,
    contrast_ratio,
    with_visible_focus,
)
from dialer_app.ui.tray import TrayController
from tests.support.accessibility import (
    accessible_name,
    duplicate_mnemonics,
    menu_duplicate_mnemonics,
    nameless_controls,
)
from tests.support.dialogs import settings_dialog
from tests.support.focus import leave

CONTACTS = ContactIndex(
    [
        (
            1,
            "Asha Rao",
            "Acme",
            True,
            "+91 92000 00000, +91 92000 00001",
            "919200000000 919200000001",
        ),
        (2, "Ravi Kumar", "", False, "+91 98450 12345", "919845012345"),
    ]
)


def pages(dialog: SettingsDialog) -> Iterator[str]:
    """Show each tab in turn; yields its title."""
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        yield dialog.tabs.tabText(index)


def tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``root``'s window, in order (Qt's focus chain, filtered as
    QWidget::focusNextPrevChild filters it)."""
    window = root.window()
    start = window
    stops: list[QWidget] = []
    widget = start.nextInFocusChain()
    while widget is not start:
        if (
            widget.isVisibleTo(window)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            stops.append(widget)
        widget = widget.nextInFocusChain()
    return stops


def test_every_settings_page_names_its_controls_and_uses_each_alt_key_once(
    qtbot: QtBot,
) -> None:
    dialog = settings_dialog(qtbot)
    for title in pages(dialog):
        assert nameless_controls(dialog) == [], title
        assert duplicate_mnemonics(dialog) == {}, title


def test_set_up_names_its_controls_and_uses_each_alt_key_once(qtbot: QtBot) -> None:
    dialog = SetupDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.show_error("The keyring is locked.", offer_session_only=True)
    assert dialog.session_button.isVisible()
    assert nameless_controls(dialog) == []
    assert duplicate_mnemonics(dialog) == {}


def test_quick_call_names_its_controls(qtbot: QtBot) -> None:
    popup = QuickCallPopup()
    qtbot.addWidget(popup)
    popup.set_contacts(CONTACTS)
    popup.open_with("asha")
    assert popup.suggestions()
    assert nameless_controls(popup) == []
    assert accessible_name(popup.number_input) == "Number or contact to call"
    assert popup.number_input.accessibleDescription()


def test_tray_menus_use_each_alt_key_once_and_every_item_has_one(qtbot: QtBot) -> None:
    tray = TrayController()
    tray.set_providers(favorites=lambda: [("Asha Rao", "919200000000")])
    tray.menu.aboutToShow.emit()
    menus: list[QMenu] = [tray.menu, tray.favorites_menu, tray.recent_menu]
    for menu in menus:
        assert menu_duplicate_mnemonics(menu) == {}, menu.objectName()
    fixed = [a for a in tray.menu.actions() if not a.isSeparator()]
    assert all("&" in action.text() for action in fixed), [a.text() for a in fixed]
    tray.tray_icon.hide()


def test_tab_visits_the_set_up_fields_in_reading_order(qtbot: QtBot) -> None:
    dialog = SetupDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_id_input, "101_1")
    qtbot.keyClicks(dialog.secret_input, "secret")
    stops = tab_stops(dialog)
    names = [w.objectName() for w in stops]
    order = [
        "userIdInput",
        "secretInput",
        "setupSoftphoneRadio",
        "setupMobileRadio",
        "regionCombo",
        "setupSandboxButton",
        "setupSaveButton",
        "setupCancelButton",
    ]
    assert [name for name in names if name in order] == order, names
    assert all(accessible_name(w) and w.width() > 0 and w.height() > 0 for w in stops), names


def test_tab_has_no_invisible_stops_on_any_settings_page(qtbot: QtBot) -> None:
    dialog = settings_dialog(qtbot)
    for title in pages(dialog):
        stops = tab_stops(dialog)
        assert stops, title
        for widget in stops:
            name = widget.objectName() or type(widget).__name__
            assert accessible_name(widget), f"{title}: {name} takes Tab but has no name"
            assert widget.width() > 0, f"{title}: {name} takes Tab but is not shown"
            assert widget.height() > 0, f"{title}: {name} takes Tab but is not shown"


def test_the_calling_page_tabs_top_to_bottom(qtbot: QtBot) -> None:
    dialog = settings_dialog(qtbot)
    dialog.tabs.setCurrentIndex(1)
    page = dialog.tabs.currentWidget()
    fields = [w for w in tab_stops(dialog) if page.isAncestorOf(w)]
    tops = [w.mapTo(page, w.rect().topLeft()).y() for w in fields]
    assert tops == sorted(tops), [w.objectName() for w in fields]


def test_an_untouched_form_shows_no_problem(qtbot: QtBot) -> None:
    dialog = settings_dialog(qtbot)
    assert dialog.error_label.text() == ""
    setup = SetupDialog(Settings())
    qtbot.addWidget(setup)
    setup.show()
    assert setup.message() == ""


def test_a_problem_shows_when_the_field_is_left_and_goes_when_fixed(qtbot: QtBot) -> None:
    dialog = settings_dialog(qtbot)
    dialog.tabs.setCurrentIndex(2)
    dialog.base_url_input.clear()
    qtbot.keyClicks(dialog.base_url_input, "rest telecmi")
    assert dialog.error_label.text() == ""  # still typing
    leave(dialog.base_url_input)
    assert dialog.error_label.text() != ""
    dialog.base_url_input.setText("https://rest.telecmi.com")
    assert dialog.error_label.text() == ""


def test_enter_on_an_incomplete_set_up_says_what_is_missing(qtbot: QtBot) -> None:
    dialog = SetupDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.user_id_input, "101_1")
    assert dialog.message() == ""
    qtbot.keyClick(dialog.user_id_input, Qt.Key.Key_Return)
    assert "app secret" in dialog.message()


# the focus ring --------------------------------------------------------------------------
def light_palette() -> QPalette:
    style = QApplication.style()
    assert style is not None
    return style.standardPalette()


def dark_palette() -> QPalette:
    """A typical dark desktop palette (Fusion's dark colours)."""
    palette = QPalette()
    for role, color in (
        (QPalette.ColorRole.Window, "#353535"),
        (QPalette.ColorRole.Button, "#353535"),
        (QPalette.ColorRole.Base, "#2a2a2a"),
        (QPalette.ColorRole.Text, "#ffffff"),
        (QPalette.ColorRole.WindowText, "#ffffff"),
        (QPalette.ColorRole.ButtonText, "#ffffff"),
        (QPalette.ColorRole.Highlight, "#2a5a8a"),  # too dark on the window: replaced
        (QPalette.ColorRole.HighlightedText, "#ffffff"),
    ):
        palette.setColor(role, QColor(color))
    return palette


@pytest.mark.parametrize("make", [light_palette, dark_palette], ids=["light", "dark"])
def test_the_focus_colour_stands_out_3_to_1(qapp: QApplication, make: object) -> None:
    del qapp
    assert callable(make)
    palette = with_visible_focus(make())
    focus = palette.color(QPalette.ColorRole.Accent)
    for role in (QPalette.ColorRole.Window, QPalette.ColorRole.Button, QPalette.ColorRole.Base):
        ratio = contrast_ratio(focus, palette.color(role))
        assert ratio >= MIN_FOCUS_CONTRAST, (role, focus.name(), ratio)
        # Qt's own controls draw their focus from the highlight colour
        ratio = contrast_ratio(palette.color(QPalette.ColorRole.Highlight), palette.color(role))
        assert ratio >= MIN_FOCUS_CONTRAST, (role, "highlight", ratio)
    # a checked segment of the mode switch is filled with the highlight: its ring is drawn in
    # the highlighted-text colour
    checked_ring = contrast_ratio(
        palette.color(QPalette.ColorRole.HighlightedText),
        palette.color(QPalette.ColorRole.Highlight),
    )
    assert checked_ring >= MIN_FOCUS_CONTRAST


def test_the_contrast_formula_matches_wcag() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(QColor("#ffffff"), QColor("#ffffff")) == pytest.approx(1.0)


def test_the_app_styles_rings_with_the_focus_colour() -> None:
    rules = [rule.strip() for rule in STYLE_SHEET.split("}")]
    focus_rules = [rule for rule in rules if ":focus" in rule.split("{")[0]]
    assert focus_rules
    assert all(
        "palette(accent)" in rule or "palette(highlighted-text)" in rule for rule in focus_rules
    ), focus_rules
    checked = [rule for rule in focus_rules if ":checked:focus" in rule]
    assert checked, "a checked segment needs a ring that differs from its fill"
