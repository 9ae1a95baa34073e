"""What a layout check and a language check look at on a window or dialog: the texts a user
reads, and the labels, buttons and tabs whose text does not fit."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTabWidget,
    QToolButton,
    QWidget,
)

_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
_TAG = re.compile(r"<[^<>]*>")


def plain(text: str) -> str:
    """A label's text as read: no mnemonic '&', no markup."""
    return _TAG.sub("", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def _shown(widget: QWidget) -> bool:
    return widget.isVisibleTo(widget.window())


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(owner, text) of every text the user reads in ``root``'s window: labels, buttons,
    tabs, placeholders, menus of a main window, the window title."""
    found: list[tuple[str, str]] = [("window title", root.window().windowTitle())]
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget):
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel) and widget.pixmap().isNull():
            found.append((name, plain(widget.text())))
        elif isinstance(widget, QAbstractButton):
            icon_only = (
                isinstance(widget, QToolButton)
                and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
            )
            if not icon_only:
                found.append((name, plain(widget.text())))
        elif isinstance(widget, QLineEdit):
            found.append((f"{name} placeholder", widget.placeholderText()))
        elif isinstance(widget, QTabWidget):
            found += [(f"{name} tab", plain(widget.tabText(i))) for i in range(widget.count())]
        elif isinstance(widget, QMainWindow):
            found += [(f"{name} menu", plain(a.text())) for a in widget.menuBar().actions()]
    return [(owner, text) for owner, text in found if text.strip()]


def english_left(root: QWidget, allowed: set[str]) -> list[tuple[str, str]]:
    """Texts with Latin words and no Devanagari (numbers, symbols and ``allowed`` pass)."""
    return [
        (owner, text)
        for owner, text in visible_texts(root)
        if re.search(r"[A-Za-z]{2,}", text)
        and not _DEVANAGARI.search(text)
        and text.strip() not in allowed
    ]


def clipped(root: QWidget) -> list[str]:
    """Single-line labels, buttons and tabs narrower than their text needs."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget):
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel):
            text = widget.text()
            if widget.wordWrap() or not text.strip() or not widget.pixmap().isNull():
                continue
            if widget.textFormat() == Qt.TextFormat.RichText:
                continue
            if widget.buddy() is not None:  # the '&' is drawn as an underline
                text = plain(text)
            need = max(widget.fontMetrics().horizontalAdvance(line) for line in text.split("\n"))
            if need > widget.contentsRect().width():
                problems.append(f"{name}: {plain(text)!r} needs {need}, has {widget.width()}")
        elif isinstance(widget, QAbstractButton) and widget.text().strip():
            if isinstance(widget, QToolButton) and (
                widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
            ):
                continue
            if widget.width() < widget.sizeHint().width():
                hint = widget.sizeHint().width()
                problems.append(
                    f"{name}: {plain(widget.text())!r} needs {hint}, has {widget.width()}"
                )
        elif isinstance(widget, QTabWidget):
            bar = widget.tabBar()
            for index in range(widget.count()):
                text = plain(widget.tabText(index))
                need = bar.fontMetrics().horizontalAdvance(text)
                if bar.tabRect(index).width() < need:
                    has = bar.tabRect(index).width()
                    problems.append(f"{name} tab {text!r} needs {need}, has {has}")
    return problems
