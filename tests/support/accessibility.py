"""What a screen reader or a keyboard user meets in a widget tree, for tests that walk every
window and dialog: focusable controls without an accessible name, mnemonics used twice."""

from __future__ import annotations

import re
from collections import defaultdict

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMenu,
    QMenuBar,
    QTabBar,
    QTabWidget,
    QWidget,
)

_MNEMONIC = re.compile(r"&([^&\s])")


def focusable_controls(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets under ``root`` (itself included) that take keyboard focus."""
    widgets = [root, *root.findChildren(QWidget)]
    return [
        widget
        for widget in widgets
        if widget.isVisibleTo(root.window())
        and widget.isEnabled()
        and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def accessible_name(widget: QWidget) -> str:
    """The name assistive technology reads for ``widget`` (Qt's own accessible interface:
    an explicit name, a button's text, a label's buddy…)."""
    interface: QAccessibleInterface | None = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return widget.accessibleName()
    return interface.text(QAccessible.Text.Name).strip()


def nameless_controls(root: QWidget) -> list[str]:
    """``objectName`` (or class) of every focusable control under ``root`` without a name."""
    return [
        widget.objectName() or type(widget).__name__
        for widget in focusable_controls(root)
        if not accessible_name(widget)
    ]


def mnemonic_of(text: str) -> str | None:
    """The Alt key of a label text ("Hi&story" → "s"), or None."""
    match = _MNEMONIC.search(text.replace("&&", ""))
    return match.group(1).lower() if match else None


def _mnemonic_texts(root: QWidget) -> list[tuple[str, str]]:
    """(text, owner) of every visible mnemonic-bearing text in one window (menus' top level,
    tabs, buttons, group boxes, labels with a buddy); a menu's own items are a scope of their
    own and are not included."""
    found: list[tuple[str, str]] = []
    window = root.window()
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QMenu) or not widget.isVisibleTo(window):
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QMenuBar):
            found += [(action.text(), f"{name} menu") for action in widget.actions()]
        elif isinstance(widget, QTabBar) and not isinstance(widget.parent(), QTabWidget):
            found += [(widget.tabText(i), name) for i in range(widget.count())]
        elif isinstance(widget, QTabWidget):
            found += [
                (widget.tabText(i), f"{name} tab")
                for i in range(widget.count())
                if widget.isTabVisible(i)
            ]
        elif isinstance(widget, QAbstractButton | QGroupBox):
            text = widget.text() if isinstance(widget, QAbstractButton) else widget.title()
            found.append((text, name))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            found.append((widget.text(), name))
    return found


def duplicate_mnemonics(root: QWidget) -> dict[str, list[str]]:
    """Alt keys used by more than one control in ``root``'s window: key → owners' texts."""
    owners: dict[str, list[str]] = defaultdict(list)
    for text, owner in _mnemonic_texts(root):
        key = mnemonic_of(text)
        if key is not None:
            owners[key].append(f"{owner}: {text!r}")
    return {key: texts for key, texts in owners.items() if len(texts) > 1}


def menu_duplicate_mnemonics(menu: QMenu) -> dict[str, list[str]]:
    """Alt keys used twice inside one menu."""
    owners: dict[str, list[str]] = defaultdict(list)
    for action in menu.actions():
        key = mnemonic_of(action.text())
        if key is not None and action.isVisible():
            owners[key].append(action.text())
    return {key: texts for key, texts in owners.items() if len(texts) > 1}
