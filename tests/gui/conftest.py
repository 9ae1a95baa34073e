"""Fixtures shared by the window tests: ``profile`` (the sandbox's demo user) and ``launch``
(apps built like ``main``, started once their contacts are loaded). The window's language is
English, with its plural forms, as the app installs it at start."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import DialerApp, build
from dialer_app.sandbox.server import DEMO_SECRET, DEMO_USER_ID, SandboxServer
from dialer_app.services.gui_collector import collect_on_gui_thread
from dialer_app.ui import translations
from tests.support.contacts_window import GLOBAL_EXTRA
from tests.support.harness import memory_credentials, write_settings
from tests.support.memory_keyring import MemoryKeyring
from tests.support.wait import WAIT_MS


@pytest.fixture(autouse=True, scope="session")
def gui_thread_collection(qapp: QApplication) -> None:
    """As the app does at start: Python's collector runs on the GUI thread only (a worker's
    collection could destroy a previous test's widgets off the GUI thread)."""
    del qapp
    collect_on_gui_thread()


@pytest.fixture(autouse=True)
def english(qapp: QApplication) -> Iterator[None]:
    """English (with "1 contact", "2 contacts") for every test; a test may install another
    language, and the next one starts in English again."""
    del qapp
    translations.install("en")
    yield
    translations.install("en")


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    """A profile for the sandbox's demo user with a global extra_params template."""
    path = tmp_path / "profile"
    path.mkdir()
    write_settings(path, user_id=DEMO_USER_ID, extra_params_template=GLOBAL_EXTRA)
    return path


@pytest.fixture
def launch(
    qtbot: QtBot, sandbox: SandboxServer, memory_keyring: MemoryKeyring
) -> Iterator[Callable[..., DialerApp]]:
    """Build and start apps like ``main`` does, and wait until the contacts are loaded."""
    apps: list[DialerApp] = []

    def start(path: Path, *, secret: str = DEMO_SECRET) -> DialerApp:
        app = build(["--profile", str(path), "--api-base", sandbox.base_url])
        apps.append(app)
        app.runtime.credentials = memory_credentials(
            app.settings.profile_id, memory_keyring, secret
        )
        with qtbot.waitSignal(app.contacts.service.index_changed, timeout=WAIT_MS):
            app.start()
        qtbot.waitExposed(app.window)
        app.window.activateWindow()
        return app

    yield start
    for app in apps:
        app.shutdown()
