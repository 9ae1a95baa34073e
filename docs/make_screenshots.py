"""Render the README screenshots offscreen: ``python docs/make_screenshots.py``.

Builds the real app against the in-process sandbox in a throw-away profile, places one call and
saves the window (light and dark palettes) to ``docs/screenshots/``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from dialer_app.app.composition import build

OUT = Path(__file__).resolve().parent / "screenshots"


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


def settle(app: QApplication, seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def shoot(name: str, *, dark: bool) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        existing = QApplication.instance()
        qt_app = existing if isinstance(existing, QApplication) else QApplication([])
        if dark:  # as a dark desktop would set it before the app starts
            qt_app.setStyle("Fusion")
            qt_app.setPalette(dark_palette())
        seed_contacts(Path(profile))
        dialer = build(["--sandbox", "--profile", profile])
        dialer.start()
        window = dialer.window
        window.resize(920, 660)
        deadline = time.monotonic() + 10
        while dialer.contacts.model.total == 0 and time.monotonic() < deadline:
            settle(qt_app, 0.05)
        window.set_number("+91 98123 45670")
        window.call_button.click()
        deadline = time.monotonic() + 10
        while "initiated" not in window.status_label.text() and time.monotonic() < deadline:
            settle(qt_app, 0.05)
        window.number_input.clear()  # the list shows everyone again; the status stays
        settle(qt_app, 0.3)
        OUT.mkdir(parents=True, exist_ok=True)
        path = OUT / name
        window.grab().save(str(path))
        dialer.shutdown()
        if dark:
            qt_app.setPalette(qt_app.style().standardPalette())
        return path


def main() -> int:
    for name, dark in (("main-window.png", False), ("main-window-dark.png", True)):
        print(shoot(name, dark=dark))
    return 0


if __name__ == "__main__":
    sys.exit(main())
