"""The dialogs as the dialog tests open them, and what a user reads on them."""

from __future__ import annotations

from pathlib import Path

from keyring.backend import KeyringBackend
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QTabBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp, build
from dialer_app.core.credentials import CredentialStore
from dialer_app.core.settings import Settings
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID
from dialer_app.ui.settings_dialog import ConnectionInUse, SettingsDialog
from tests.support.harness import write_settings
from tests.support.wait import WAIT_MS
from tests.support.widgets import find


def profile_without_account(folder: Path) -> Path:
    """A profile folder (``folder/fresh``) whose settings hold no account yet."""
    path = folder / "fresh"
    path.mkdir()
    write_settings(path)
    return path


def app_with_keyring(profile: Path, backend: KeyringBackend, *options: str) -> DialerApp:
    """An app built (not started) on ``profile`` whose keyring is ``backend``."""
    app = build(["--profile", str(profile), *options])
    app.runtime.credentials = CredentialStore(app.settings.profile_id, backend=backend)
    return app


def start_setup(qtbot: QtBot, app: DialerApp) -> QDialog:
    """Start an app without an account: its set-up dialog, once shown."""
    assert app.needs_setup()
    app.start()
    qtbot.waitUntil(
        lambda: app.setup_dialog is not None and app.setup_dialog.isVisible(), timeout=WAIT_MS
    )
    dialog = app.setup_dialog
    assert dialog is not None
    return dialog


def fill_account(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.keyClicks(find(dialog, QLineEdit, "userIdInput"), DEMO_USER_ID)
    qtbot.keyClicks(find(dialog, QLineEdit, "secretInput"), DEMO_SECRET)


def settings_dialog(qtbot: QtBot, **options: object) -> SettingsDialog:
    """A shown Settings dialog with a caller id, as if started with --api-base."""
    dialog = SettingsDialog(
        Settings(caller_ids=("919800000000",)),
        tray_available=True,
        connection_in_use=ConnectionInUse("api_base", "http://127.0.0.1:9"),
        **options,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def shown_texts(root: QWidget) -> list[str]:
    """Every text a sighted user reads on ``root`` as it is shown now."""
    window = root.window()
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            texts.append(widget.currentText())
        placeholder = getattr(widget, "placeholderText", None)
        if callable(placeholder):
            texts.append(str(placeholder()))
    return [text for text in texts if text.strip()]


def clipped(root: QWidget) -> list[str]:
    """Labels, buttons and tabs whose text does not fit where it is shown."""
    window = root.window()
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(window):
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel) and widget.text().strip():
            if widget.wordWrap():
                if widget.height() < widget.heightForWidth(widget.width()):
                    found.append(f"{name}: {widget.text()!r} cut at the bottom")
            elif widget.width() < widget.sizeHint().width():
                found.append(f"{name}: {widget.text()!r} cut at the end")
        elif (
            isinstance(widget, QAbstractButton)
            and widget.text().strip()
            and widget.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonIconOnly
            if isinstance(widget, QToolButton)
            else isinstance(widget, QAbstractButton) and widget.text().strip()
        ):
            if widget.width() < widget.sizeHint().width():
                found.append(f"{name}: {widget.text()!r} cut")
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.tabRect(index).width() < widget.tabSizeHint(index).width():
                    found.append(f"tab {widget.tabText(index)!r} cut")
            if widget.tabRect(widget.count() - 1).right() > widget.width():
                found.append("the tabs do not all fit")
        elif isinstance(widget, QComboBox) and widget.width() < widget.minimumSizeHint().width():
            found.append(f"{name}: {widget.currentText()!r} cut")
    return found
