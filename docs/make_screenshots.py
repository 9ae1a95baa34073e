"""Render the README screenshots offscreen: ``python docs/make_screenshots.py [LANGUAGE]``.

Builds the real app against the built-in sandbox in a throw-away profile (sample contacts and a
call list), places one call and saves, in light and dark palettes, to ``docs/screenshots/``:
the main window (contacts), the Lists tab working a list, the Settings dialog and the
quick-call popup. A language (e.g. ``hi``) adds its name to the files.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from dialer_app.app.composition import build

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
sys.path.insert(0, str(REPO))  # tests.support.harness for a language setting


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202124",
        QPalette.ColorRole.WindowText: "#e8eaed",
        QPalette.ColorRole.Base: "#2b2c30",
        QPalette.ColorRole.AlternateBase: "#35363a",
        QPalette.ColorRole.Text: "#e8eaed",
        QPalette.ColorRole.Button: "#2b2c30",
        QPalette.ColorRole.ButtonText: "#e8eaed",
        QPalette.ColorRole.Highlight: "#3b82f6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Mid: "#5f6368",
        QPalette.ColorRole.Midlight: "#45464a",
        QPalette.ColorRole.PlaceholderText: "#9aa0a6",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    return palette


def seed_contacts(profile: Path) -> None:
    """A few sample contacts, written through the real store."""
    from dialer_app.core.contact import Contact, ContactNumber
    from dialer_app.core.store import Store

    people = [
        ("Asha Raman", "Acme Logistics", "919812345670", True),
        ("Bala Krishnan", "Globex", "919845012345", False),
        ("Chen Wei", "Initech", "12015550123", True),
        ("Deepa Nair", "", "919900112233", False),
        ("Emma Brown", "Umbrella Ltd", "442079460958", False),
        ("Farhan Ali", "Acme Logistics", "971501234567", False),
    ]
    store, _ = Store.open(profile / "contacts.db")
    for name, company, digits, favorite in people:
        number = ContactNumber(raw="+" + digits, digits=digits, label="mobile")
        store.add_contact(Contact(name=name, numbers=(number,), company=company, favorite=favorite))
    store.close()


def seed_list(profile: Path) -> None:
    """The sample call list of the tests, as an agent would import it."""
    from dialer_app.core.call_lists import import_list
    from dialer_app.core.store import Store

    store, _ = Store.open(profile / "contacts.db")
    with store:
        import_list(store, REPO / "tests" / "data" / "call_lists" / "leads.csv", "Renewals March")


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def wait(app: QApplication, done: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        settle(app, 0.05)


def shoot(*, dark: bool, language: str) -> list[Path]:
    from dialer_app.core.call_request import DeliveryMode
    from dialer_app.ui.settings_dialog import SettingsDialog

    suffix = ("-dark" if dark else "") + (f"-{language}" if language else "")
    saved: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / f"{name}{suffix}.png"
        widget.grab().save(str(path))
        saved.append(path)

    with tempfile.TemporaryDirectory() as folder:
        profile = Path(folder)
        existing = QApplication.instance()
        qt_app = existing if isinstance(existing, QApplication) else QApplication([])
        if dark:  # as a dark desktop would set it before the app starts
            qt_app.setStyle("Fusion")
            qt_app.setPalette(dark_palette())
        seed_contacts(profile)
        seed_list(profile)
        from tests.support.harness import write_settings

        write_settings(
            profile, language=language, calling_hours="09:00-21:00", max_attempts_per_day=3
        )
        for path in profile.rglob("*"):  # as the app keeps a profile: private to its user
            path.chmod(0o700 if path.is_dir() else 0o600)
        dialer = build(["--sandbox", "--profile", str(profile)])
        dialer.start()
        window = dialer.window
        window.resize(980, 680)
        wait(qt_app, lambda: dialer.contacts.model.total > 0)
        calls = dialer.calls
        placed: list[object] = []
        calls.succeeded.connect(lambda *args: placed.append(args))
        dialer.dial_typed("+91 98123 45670", DeliveryMode.SOFTPHONE, None)
        wait(qt_app, lambda: bool(placed))
        settle(qt_app, 0.3)
        save(window, "main-window")

        lists = dialer.lists
        wait(qt_app, lambda: lists.current_entry is not None)
        window.show_side_panel(lists.panel)
        lists.call_current()
        wait(qt_app, lambda: len(placed) == 2)
        settle(qt_app, 0.3)
        save(window, "call-list")

        dialog = dialer.open_settings()
        assert isinstance(dialog, SettingsDialog)
        pages = dialog.findChild(QTabWidget)
        assert pages is not None
        pages.setCurrentIndex(4)  # Compliance: the calling rules
        settle(qt_app, 0.3)
        save(dialog, "settings")
        dialog.reject()

        popup = dialer.tray.popup
        popup.open_with("as")  # what an agent types: the matching contacts show
        settle(qt_app, 0.5)
        save(popup, "quick-call")
        popup.hide()
        dialer.shutdown()
        if dark:
            qt_app.setPalette(qt_app.style().standardPalette())
    return saved


def main() -> int:
    language = sys.argv[1] if len(sys.argv) > 1 else ""
    for dark in (False, True):
        for path in shoot(dark=dark, language=language):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
