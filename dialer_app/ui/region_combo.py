"""A searchable drop-down of countries for the default region."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from dialer_app.core.phone import region_choices


class RegionCombo(QComboBox):
    def __init__(self, region: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("regionCombo")
        self.setAccessibleName(self.tr("Default region"))
        tip = self.tr("Numbers typed without a country code are read as numbers of this country")
        self.setToolTip(tip)
        self.setAccessibleDescription(tip)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = self.lineEdit()
        if line is not None:  # the typing part of the combo takes the focus: name it too
            line.setAccessibleName(self.accessibleName())
        for code, label in region_choices():
            self.addItem(label, code)
        completer = self.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.set_region(region)

    def region(self) -> str:
        index = self.findText(self.currentText())
        data = self.itemData(index if index >= 0 else self.currentIndex())
        return str(data or "IN")

    def set_region(self, region: str) -> None:
        index = self.findData(region)
        self.setCurrentIndex(index if index >= 0 else self.findData("IN"))
