"""A masked secret field with a show/hide toggle."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QWidget

from dialer_app.ui.icons import icon


class SecretField(QLineEdit):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setObjectName("secretInput")
        self.setAccessibleName(self.tr("App secret"))
        self.setPlaceholderText(self.tr("App secret from the TeleCMI admin panel"))
        self.toggle_action = QAction(icon("eye"), self.tr("Show"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setToolTip(self.tr("Show or hide the secret"))
        self.toggle_action.toggled.connect(self._toggle)
        self.addAction(self.toggle_action, QLineEdit.ActionPosition.TrailingPosition)

    def _toggle(self, shown: bool) -> None:
        self.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.toggle_action.setText(self.tr("Hide") if shown else self.tr("Show"))
        self.toggle_action.setIcon(icon("eye-off" if shown else "eye"))
