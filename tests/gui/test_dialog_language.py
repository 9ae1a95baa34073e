"""The dialogs in the agent's language: the Hindi source is complete and compiled as checked
in, the app installs the language setting's translation before its first widget, Hindi leaves
no English on the dialogs, and every dialog holds strings 40 % longer without clipping."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QWidget,
)
from pytestqt.qtbot import QtBot

from dialer_app.app.composition import build
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.settings import LANGUAGES, Settings
from dialer_app.ui import translations
from dialer_app.ui.quick_call import QuickCallPopup
from dialer_app.ui.setup_dialog import SetupDialog
from dialer_app.ui.tray import TrayController
from tests.support.accessibility import mnemonic_of
from tests.support.dialogs import clipped, settings_dialog, shown_texts
from tests.support.harness import REPO_ROOT, write_settings
from tests.support.translation_sources import code_messages, ts_messages

FOLDER = REPO_ROOT / "resources" / "translations"
SOURCE = FOLDER / "dialer_dialogs_hi.ts"
BIN = Path(sys.executable).parent
_KEPT = re.compile(r"\{\w+\}|%L?n|%\d")
# Words that stay as they are in every language: product and protocol names, keys.
_UNTRANSLATED = re.compile(
    r"https?://\S*|\\\\\S+|--[a-z-]+|\{\w+\}|\{\"[^{}]*\}|\(&\w\)|\be\.g\.|\b(TeleCMI|API|URL|ID|JSON|CSV|CRM|IT|"
    r"tel|webrtc|POST|GET|Delete|Enter|Esc|extra_params|TCPA|TRAI|OK)\b|\d[\d\s+:_-]*"
)
CONTACTS = ContactIndex(
    [(1, "Asha Rao", "Acme", True, "+91 92000 00000, +91 92000 00001", "919200000000 919200000001")]
)


@pytest.fixture
def language(qapp: QApplication) -> Iterator[None]:
    """The test installs a language; English is back afterwards."""
    del qapp
    yield
    translations.install("en")


def messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(SOURCE).getroot()  # noqa: S314 (our own file)
    return [
        (context.findtext("name") or "", message)
        for context in root.iter("context")
        for message in context.iter("message")
    ]


# the files -----------------------------------------------------------------------------------
def test_the_checked_in_qm_is_the_compiled_ts(tmp_path: Path) -> None:
    compiled = tmp_path / "again.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(SOURCE), "-qm", str(compiled)],
        check=True,
        timeout=60,
    )
    assert compiled.read_bytes() == SOURCE.with_suffix(".qm").read_bytes()


def test_the_source_holds_every_string_of_the_code(tmp_path: Path) -> None:
    """lupdate over the code finds nothing the .ts lacks, and nothing it holds is stale."""
    assert code_messages("dialogs", tmp_path) == ts_messages(SOURCE)


def test_every_message_is_translated_keeping_fields_and_alt_keys() -> None:
    checked = 0
    for context, message in messages():
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        assert translation.get("type") is None, (context, source)  # not unfinished
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in forms:
            assert text.strip(), (context, source)
            assert sorted(_KEPT.findall(text)) == sorted(_KEPT.findall(source)), (source, text)
            assert mnemonic_of(text) == mnemonic_of(source), (source, text)
            checked += 1
    assert checked > 200


def test_the_languages_offered_are_the_languages_shipped() -> None:
    assert translations.available_languages() == sorted(LANGUAGES)


def test_the_app_starts_in_the_language_set(tmp_path: Path, qtbot: QtBot, language: None) -> None:
    del language
    profile = tmp_path / "profile"
    profile.mkdir()
    write_settings(profile, language="hi")
    app = build(["--profile", str(profile), "--sandbox"])
    try:
        assert QCoreApplication.translate("SettingsDialog", "Settings") == "सेटिंग्स"
        dialog = app.open_settings()
        assert dialog.windowTitle() == "सेटिंग्स"
        assert dialog.language_combo.currentData() == "hi"
        # back to the system's (English here): dialogs opened afterwards follow at once
        dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
        dialog.accept()
        assert app.settings.language == "en"
        assert app.open_settings().windowTitle() == "Settings"
    finally:
        app.shutdown()


# what the agent sees ---------------------------------------------------------------------------


def english_left(texts: list[str]) -> list[str]:
    """Texts with English words left, beyond names, data and the words kept as they are."""
    data = ("Asha Rao", "Acme", "Keyring error.", "India")
    left: list[str] = []
    for text in texts:
        rest = _UNTRANSLATED.sub(" ", text)
        for value in data:
            rest = rest.replace(value, " ")
        if re.search(r"[A-Za-z]{2,}", rest):
            left.append(text)
    return left


def surfaces(qtbot: QtBot) -> Iterator[tuple[str, QWidget]]:
    """Each dialog page, the set-up dialog (also after a keyring failure) and the popup."""
    dialog = settings_dialog(qtbot)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        yield f"settings-{index}", dialog
    setup = SetupDialog(Settings())
    qtbot.addWidget(setup)
    setup.show()
    yield "setup", setup
    setup.user_id_input.setText("101_1")
    setup.secret_input.setText("secret")
    setup.show_error("Keyring error.", offer_session_only=True)
    yield "setup-failed", setup
    popup = QuickCallPopup()
    qtbot.addWidget(popup)
    popup.set_contacts(CONTACTS)
    popup.open_with("asha")
    popup.set_number_labels(1, {"919200000000": "mobile", "919200000001": "work"})
    yield "quick-call", popup


def test_hindi_leaves_no_english_on_the_dialogs(qtbot: QtBot, language: None) -> None:
    del language
    assert translations.install("hi") == "hi"
    seen: list[str] = []
    for name, surface in surfaces(qtbot):
        texts = shown_texts(surface)
        assert english_left(texts) == [], name
        seen += texts
    assert "खाता (&A)" in seen
    assert "सहेजें (&V)" in seen
    assert "झटपट कॉल" in seen
    assert "ठीक है (&O)" in seen
    tray = TrayController()
    tray.menu.aboutToShow.emit()
    items = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert english_left(items) == []
    assert "झटपट कॉल… (&C)" in items
    tray.tray_icon.hide()


def test_strings_40_percent_longer_fit_everywhere(
    qtbot: QtBot, tmp_path: Path, language: None
) -> None:
    del language
    assert translations.install(translations.PSEUDO) == translations.PSEUDO
    for name, surface in surfaces(qtbot):
        QApplication.processEvents()
        surface.grab().save(str(tmp_path / f"{name}.png"))
        assert clipped(surface) == [], name
        untranslated = [t for t in english_left(shown_texts(surface)) if "[" not in t]
        assert untranslated == [], name  # every text came through the translation
    shots = sorted(path.name for path in tmp_path.glob("*.png"))
    assert len(shots) == 9, shots
