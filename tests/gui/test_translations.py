"""The translation machinery: the pseudo-translation keeps what must stay, installing a
language replaces the previous one, languages are found from the compiled files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from dialer_app.ui import translations
from dialer_app.ui.translations import PSEUDO, available_languages, chosen_language, pseudo


@pytest.mark.parametrize(
    "text",
    ["&Call", "%n contacts", "Opens {e164} in <b>the CRM</b>", "Save && quit", "a"],
)
def test_pseudo_is_40_percent_longer_and_keeps_mnemonics_fields_and_markup(text: str) -> None:
    made = pseudo(text)
    assert len(made) >= 1.4 * len(text)
    assert made.count("&") == text.count("&")
    for kept in ("%n", "{e164}", "<b>", "</b>"):
        assert (kept in made) == (kept in text)
    assert made.startswith("[")
    assert made.endswith("]")
    assert pseudo("  ") == "  "


def test_installing_a_language_replaces_the_one_before(qapp: QApplication) -> None:
    del qapp
    try:
        assert translations.install(PSEUDO) == PSEUDO
        assert QCoreApplication.translate("Test", "Call") == pseudo("Call")
        assert QCoreApplication.translate("Test", "%n calls", None, 2).startswith("[2 ")
    finally:
        assert translations.install("en") == "en"
    assert QCoreApplication.translate("Test", "Call") == "Call"


def test_languages_come_from_the_compiled_files(tmp_path: Path) -> None:
    for name in ("dialer_window_hi.qm", "dialer_dialogs_hi.qm", "dialer_window_ta.qm"):
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "notes_fr.qm").write_bytes(b"")
    assert available_languages(tmp_path) == ["en", "hi", "ta"]
    assert chosen_language("ta", tmp_path) == "ta"
    assert chosen_language(PSEUDO, tmp_path) == PSEUDO
    assert chosen_language("fr", tmp_path) in {"en", "hi", "ta"}  # not shipped: the OS's or English
