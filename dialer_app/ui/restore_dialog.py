"""Restore from backup: pick one of the backups the app made, see what it holds, restore it.

The dialog only shows and asks; the app lists the backups and restores one off the GUI
thread (``ContactsFlow``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from dialer_app.ui.icons import icon

__all__ = ["BackupChoice", "RestoreDialog"]

BackupChoice = tuple[Path, str, bool]
"""``(backup file, what to show, whether it can be restored)``."""

_PathRole = Qt.ItemDataRole.UserRole + 1


class RestoreDialog(QDialog):
    """The backups, newest first; Restore replaces the contacts and history with one."""

    restore_requested = Signal(object)  # Path of the chosen backup

    def __init__(self, choices: Sequence[BackupChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        intro = QLabel(
            self.tr(
                "A backup is made after every import, before a bulk delete and once a day; the "
                "last seven are kept. Restoring replaces the contacts and the call history "
                "with the backup's. The ones you have now are backed up first, so this can be "
                "undone."
            )
            if choices
            else self.tr(
                "There are no backups yet. One is made after every import, before a bulk "
                "delete and once a day."
            )
        )
        intro.setObjectName("restoreIntro")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.backups = QListWidget()
        self.backups.setObjectName("restoreBackups")
        self.backups.setAccessibleName(self.tr("Backups"))
        self.backups.setAlternatingRowColors(True)
        self.backups.setStyleSheet("QListWidget::item { padding: 4px 6px; }")
        for path, text, usable in choices:
            item = QListWidgetItem(text)
            item.setData(_PathRole, str(path))
            item.setToolTip(str(path))
            if not usable:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.backups.addItem(item)
        self.backups.setVisible(bool(choices))
        self.backups.currentItemChanged.connect(lambda *_: self._refresh())
        self.backups.itemActivated.connect(lambda _item: self._restore())
        layout.addWidget(self.backups, 1)
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(icon("restore"), self.tr("&Restore"))
        self.restore_button.setObjectName("restoreButton")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("restoreCloseButton")
        close.setText(self.tr("Close"))
        self.restore_button.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.restore_button.setVisible(bool(choices))
        first = next(
            (
                i
                for i in range(self.backups.count())
                if self.backups.item(i).flags() & Qt.ItemFlag.ItemIsEnabled
            ),
            None,
        )
        if first is not None:
            self.backups.setCurrentRow(first)
        self._refresh()

    def chosen(self) -> Path | None:
        item = self.backups.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return Path(str(item.data(_PathRole)))

    def _refresh(self) -> None:
        self.restore_button.setEnabled(self.chosen() is not None)

    def _restore(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.restore_requested.emit(chosen)
            self.accept()
