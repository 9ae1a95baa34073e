"""Start-up as ``main`` does it: the dialpad window paints first, the panels follow.

Also the pieces that keep start-up light: icons drawn on demand, the style-state helper and
the OpenSSL-free profile hash of the single-instance address.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QLabel, QTabWidget
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.store import EarlyListing, Store
from dialer_app.system.instance_link import _fnv1a_64, instance_address
from dialer_app.ui.icons import SvgIconEngine, icon
from dialer_app.ui.style import set_style_state
from tests.support.wait import WAIT_MS

RED_SQUARE = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="#ff0000"/></svg>'
)
BLUE_SQUARE = RED_SQUARE.replace(b"#ff0000", b"#0000ff")


@pytest.fixture
def staged_app(qtbot: QtBot, profile_dir: Path) -> Iterator[DialerApp]:
    app = build(["--sandbox", "--profile", str(profile_dir)], staged=True)
    yield app
    app.shutdown()


def test_window_paints_before_the_panels_exist_then_gets_them(
    qtbot: QtBot, staged_app: DialerApp
) -> None:
    tabs = staged_app.window.findChild(QTabWidget, "sideTabs")
    assert tabs is not None
    placeholder = tabs.widget(0)
    assert staged_app._contacts is None  # nothing built yet: the window paints on its own
    order: list[str] = []
    staged_app.first_painted.connect(lambda: order.append("painted"))
    staged_app.ready.connect(lambda: order.append("ready"))
    with qtbot.waitSignal(staged_app.ready, timeout=WAIT_MS):
        staged_app.start()
    assert order == ["painted", "ready"]
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["&Contacts", "Hi&story", "&Lists"]
    assert tabs.widget(0) is staged_app.contacts.panel
    assert tabs.widget(1) is staged_app.contacts.history
    assert tabs.widget(2) is staged_app.lists.panel
    assert tabs.widget(0) is not placeholder
    assert tabs.currentIndex() == 0
    assert QApplication.focusWidget() is staged_app.window.number_input


def test_the_list_shows_first_and_the_panels_built_after_it_still_get_it(
    qtbot: QtBot, profile_dir: Path
) -> None:
    """After the first paint the contacts panel comes first and its list shows as soon as it
    is read; the tray, the quick-call popup and the Lists tab follow, and must not miss what
    was loaded before they existed."""
    store, _notice = Store.open(profile_dir / "contacts.db")
    store.add_contact(Contact("Asha Rao", (ContactNumber("+919500000001", "919500000001"),)))
    number = ContactNumber("+919500000002", "919500000002")
    store.add_contact(Contact("Bina Das", (number,), favorite=True))
    store.close()
    early = EarlyListing.start(profile_dir / "contacts.db")  # as startup.main does
    app = build(["--sandbox", "--profile", str(profile_dir)], staged=True, early=early)
    try:
        shown: list[int] = []
        app.contacts_shown.connect(shown.append)
        app._build_contacts()  # what the first paint starts
        qtbot.waitUntil(lambda: shown == [2], timeout=WAIT_MS)
        assert early.handed_over
        assert app._tray is None  # the rest is built later
        tray = app.tray
        tray.tray.menu.aboutToShow.emit()  # what Qt does before the menu shows
        favorites = [a.text() for a in tray.tray.favorites_menu.actions() if a.isEnabled()]
        assert len(favorites) == 1
        assert "Bina Das" in favorites[0]
    finally:
        app.shutdown()


def test_asking_for_the_panels_early_builds_them_at_once(staged_app: DialerApp) -> None:
    assert staged_app._tray is None
    tray = staged_app.tray  # e.g. a hand-over from a second launch before the first paint
    assert staged_app._contacts is not None
    tabs = staged_app.window.side_tabs
    assert tabs.widget(0) is staged_app.contacts.panel
    assert staged_app.tray is tray


def test_quit_from_a_ready_handler_does_not_start_background_work(
    qtbot: QtBot, staged_app: DialerApp
) -> None:
    staged_app.ready.connect(staged_app.quit)
    with qtbot.waitSignal(staged_app.ready, timeout=WAIT_MS):
        staged_app.start()
    # pytest-qt fails the test on an exception in a slot: before, contacts.start() raised
    # "store runner is shut down" here.
    assert staged_app.closed


def test_icons_render_each_size_on_demand_in_each_state(qtbot: QtBot) -> None:
    engine = SvgIconEngine(RED_SQUARE, on=BLUE_SQUARE)
    themed = QIcon(engine)
    normal = themed.pixmap(QSize(24, 24))
    assert normal.size() == QSize(24, 24)
    assert normal.toImage().pixelColor(12, 12) == QColor("#ff0000")
    checked = themed.pixmap(QSize(24, 24), QIcon.Mode.Normal, QIcon.State.On)
    assert checked.toImage().pixelColor(12, 12) == QColor("#0000ff")
    disabled = themed.pixmap(QSize(24, 24), QIcon.Mode.Disabled)
    assert disabled.toImage().pixelColor(12, 12).alpha() < 255  # faded, not hidden
    assert disabled.toImage().pixelColor(12, 12).alpha() > 0
    sharp = themed.pixmap(QSize(16, 16), 2.0)
    assert sharp.size() == QSize(32, 32)
    assert sharp.devicePixelRatio() == 2.0
    assert QSize(64, 64) in themed.availableSizes()  # trays and window managers list them
    copy = QIcon(themed)  # copies share, then clone, the engine
    assert copy.pixmap(QSize(20, 20)).toImage().pixelColor(10, 10) == QColor("#ff0000")


def test_named_icons_are_tinted(qtbot: QtBot) -> None:
    white = icon("call", "#ffffff").pixmap(QSize(64, 64)).toImage()
    colors = {white.pixelColor(x, y).name() for x in range(64) for y in range(64)}
    assert colors >= {"#ffffff"}
    assert not colors - {"#ffffff", "#000000"}  # the tint, plus transparent pixels


def test_style_state_repolishes_only_a_polished_widget(qtbot: QtBot) -> None:
    label = QLabel("x")
    qtbot.addWidget(label)
    label.setStyleSheet('QLabel[state="error"] { color: #ff0000; }')
    set_style_state(label, "error")  # not shown yet: only the property changes
    assert label.property("state") == "error"
    label.show()
    qtbot.waitExposed(label)
    assert label.palette().windowText().color() == QColor("#ff0000")
    set_style_state(label, "")
    assert label.palette().windowText().color() != QColor("#ff0000")


def test_profile_hash_is_fnv1a_64() -> None:
    assert _fnv1a_64(b"") == "cbf29ce484222325"
    assert _fnv1a_64(b"a") == "af63dc4c8601ec8c"
    assert _fnv1a_64(b"foobar") == "85944171f73967e8"


def test_each_profile_has_its_own_address(tmp_path: Path) -> None:
    environ = {"XDG_RUNTIME_DIR": str(tmp_path)}
    first = instance_address(tmp_path / "one", environ)
    assert first == instance_address(tmp_path / "one", environ)
    assert first != instance_address(tmp_path / "two", environ)


# Loaded later (after the first paint, or when first used); each costs start-up time or memory.
NOT_BEFORE_FIRST_PAINT = (
    "phonenumbers",  # ~20 ms, 2 MiB: preloaded right after start-up
    "sqlite3",  # startup.main reads the contact list on a thread of its own meanwhile
    "httpx",
    "keyring",
    "_hashlib",  # OpenSSL: 3.6 MiB
    "logging.handlers",
    "dialer_app.core.store",  # (as sqlite3: the window does not need it to paint)
    "dialer_app.ui.contacts_view",
    "dialer_app.ui.history_view",
    "dialer_app.ui.quick_call",
    "dialer_app.ui.settings_dialog",
    "dialer_app.ui.setup_dialog",
)
PROBE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import PySide6.QtCore as QtCore
from PySide6.QtWidgets import QApplication
from dialer_app.app.composition import build, parse_window_args
argv = ["--sandbox", "--profile", sys.argv[1]]
qt_app = QApplication([])
app = build(argv, staged=True, args=parse_window_args(argv))
seen = {}
def painted():
    seen["before"] = sorted(sys.modules)
    seen["qt_namespace"] = "Qt" in QtCore.__dict__
def ready():
    seen["after"] = sorted(sys.modules)
    app.quit()
app.first_painted.connect(painted)
app.ready.connect(ready)
app.start()
qt_app.exec()
print(json.dumps(seen))
"""


def test_the_first_paint_waits_for_no_heavy_module(tmp_path: Path) -> None:
    """A fresh process, as ``main`` starts: what the window imports before it can paint."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "profile")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    early = [name for name in NOT_BEFORE_FIRST_PAINT if name in loaded["before"]]
    assert early == []
    assert "dialer_app.ui.contacts_view" in loaded["after"]  # the probe sees imports at all
    # PySide6 builds the Qt namespace's hundred-odd enums (16 ms) when it is first touched:
    # the dialpad window sets its enums through properties (ui/style.set_qt_properties).
    assert loaded["qt_namespace"] is False
