"""The window's language: Qt translators for every user-visible string of the GUI.

Sources are ``resources/translations/dialer_<area>_<lang>.ts`` (one file per area of the GUI,
so that areas are translated and reviewed on their own); ``pyside6-lrelease`` compiles each to
a ``.qm`` beside it, and every ``.qm`` of the chosen language is installed. The language is
the ``language`` setting, or the OS's when it is empty; English is the source language. The
command line never loads these: its output stays English for scripts.

``x-pseudo`` is a pseudo-translation for layout checks: every string 40 % longer, accented,
in brackets (mnemonics, ``%n`` and ``{fields}`` kept), so that clipped or untranslated text
shows on a screenshot.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from dialer_app.ui.resource_files import TRANSLATIONS

PSEUDO = "x-pseudo"
SOURCE_LANGUAGE = "en"
_QM = re.compile(r"dialer_[a-z]+_(?P<language>[A-Za-z_]+)\.qm")
_installed: list[QTranslator] = []  # kept alive: Qt does not own installed translators


def available_languages(folder: Path = TRANSLATIONS) -> list[str]:
    """The languages with at least one compiled translation, and English."""
    found = {
        match["language"]
        for path in folder.glob("dialer_*.qm")
        if (match := _QM.fullmatch(path.name))
    }
    return sorted({SOURCE_LANGUAGE, *found})


def chosen_language(setting: str, folder: Path = TRANSLATIONS) -> str:
    """The language to show: the setting when it names one we have (or ``x-pseudo``), else
    the first of the OS's UI languages we have, else English."""
    have = available_languages(folder)
    if setting == PSEUDO or setting in have:
        return setting
    for name in QLocale.system().uiLanguages():  # e.g. "hi-IN", "hi", "en-US"
        code = name.replace("-", "_")
        for candidate in (code, code.split("_")[0]):
            if candidate in have:
                return candidate
    return SOURCE_LANGUAGE


def install(setting: str, folder: Path = TRANSLATIONS) -> str:
    """Install the translators of the chosen language (replacing any installed before);
    returns the language in use."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication comes first"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = chosen_language(setting, folder)
    if language == PSEUDO:
        _installed.append(PseudoTranslator())
    else:
        # English too: its .qm holds only the plural forms ("1 contact", "2 contacts").
        for path in sorted(folder.glob(f"dialer_*_{language}.qm")):
            _add(str(path), "")
        if language != SOURCE_LANGUAGE:
            qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            _add(f"qtbase_{language}", qt_folder)  # Qt's own dialogs' buttons, where shipped
    for translator in _installed:
        app.installTranslator(translator)
    return language


def _add(name: str, folder: str) -> None:
    translator = QTranslator()
    if translator.load(name, folder) if folder else translator.load(name):
        _installed.append(translator)


# pseudo-translation -------------------------------------------------------------------------
_ACCENTED = str.maketrans(
    "AaCcDdEeGgHhIiJjKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåÇçÐðÉéĜĝĤĥÎîĴĵĶķĻļÑñÖöŔŕŠšŢţÜüŴŵÝýŽž",
)
# Kept as they are: a mnemonic's "&", %n / %1, {fields}, HTML tags and entities.
_KEEP = re.compile(r"&&|&(?=\S)|%(?:n|L?\d)|\{[^{}]*\}|<[^<>]*>|&[a-z]+;")


def pseudo(text: str) -> str:
    """``text`` accented and 40 % longer, in brackets; what must stay stays."""
    if not text.strip():
        return text
    parts: list[str] = []
    last = 0
    for match in _KEEP.finditer(text):
        parts += [text[last : match.start()].translate(_ACCENTED), match.group()]
        last = match.end()
    parts.append(text[last:].translate(_ACCENTED))
    body = "".join(parts)
    padding = max(1, math.ceil(len(text) * 0.4) - 2)  # with the brackets: 40 % or more
    return f"[{body} {'~' * padding}]"


class PseudoTranslator(QTranslator):
    """Every string through :func:`pseudo` (for layout checks; see the module doc)."""

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        del context, disambiguation, n
        return pseudo(source_text)

    def isEmpty(self) -> bool:
        return False
