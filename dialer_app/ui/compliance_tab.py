"""The Settings dialog's "Compliance" tab: calling hours, calls per number a day and the
team's do-not-call list (its source and the state of its last reading)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.calling_hours import PRESETS, InvalidCallingHoursError, normalized_window
from dialer_app.core.settings import MAX_ATTEMPTS_PER_DAY, Settings

_CUSTOM = "custom"


class ComplianceTab(QWidget):
    """``changed``: a value was edited; ``refresh_requested``: read the team's list now."""

    changed = Signal()
    refresh_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("complianceTab")
        self.form = form = QFormLayout(self)
        self.hours_combo = QComboBox()
        self.hours_combo.setObjectName("callingHoursPreset")
        self.hours_combo.setAccessibleName("Calling hours")
        self.hours_combo.addItem("None (call at any hour)", "")
        for label, window in PRESETS:
            self.hours_combo.addItem(label, window)
        self.hours_combo.addItem("Custom…", _CUSTOM)
        self.hours_custom = QLineEdit()
        self.hours_custom.setObjectName("callingHoursCustom")
        self.hours_custom.setAccessibleName("Custom calling hours")
        self.hours_custom.setPlaceholderText("e.g. 10:00-18:00")
        self._show_hours(settings.calling_hours)
        self.hours_combo.currentIndexChanged.connect(self._preset_chosen)
        self.hours_custom.textChanged.connect(self.changed)
        hours = QHBoxLayout()
        hours.addWidget(self.hours_combo, 1)
        hours.addWidget(self.hours_custom)
        box = QVBoxLayout()
        box.addLayout(hours)
        box.addWidget(
            _hint(
                "In the customer's own time zone, from their number (every zone, when a number "
                "spans several). A call outside them is not placed; the window says when "
                "they open."
            )
        )
        form.addRow("Calling hours", box)

        self.attempts = QSpinBox()
        self.attempts.setObjectName("maxAttemptsSpin")
        self.attempts.setAccessibleName("Calls per number a day")
        self.attempts.setRange(0, MAX_ATTEMPTS_PER_DAY)
        self.attempts.setSpecialValueText("no limit")
        self.attempts.setValue(settings.max_attempts_per_day)
        self.attempts.setToolTip("Calls that may have rung, counted from today's call history")
        form.addRow("Calls per number a day", self.attempts)

        self.source_input = QLineEdit(settings.dnc_source)
        self.source_input.setObjectName("dncSourceInput")
        self.source_input.setAccessibleName("Team's do-not-call list")
        self.source_input.setPlaceholderText(r"\\server\team\dnc.csv or https://…")
        self.source_input.textChanged.connect(self.changed)
        self.refresh_button = QPushButton("R&ead now")
        self.refresh_button.setObjectName("dncRefreshButton")
        self.refresh_button.setToolTip("Read the team's list again now (it is read hourly)")
        self.refresh_button.clicked.connect(self.refresh_requested)
        source = QHBoxLayout()
        source.addWidget(self.source_input, 1)
        source.addWidget(self.refresh_button)
        self.team_status = QLabel("")
        self.team_status.setObjectName("dncTeamStatus")
        self.team_status.setWordWrap(True)
        team = QVBoxLayout()
        team.addLayout(source)
        team.addWidget(self.team_status)
        team.addWidget(
            _hint(
                "A file (a network share) or an https:// address, read at start and every "
                "hour. If it cannot be read, the last copy read stays in use."
            )
        )
        form.addRow("Team's do-not-call list", team)

    # values -----------------------------------------------------------------------------
    def calling_hours(self) -> str:
        """The window chosen (canonical form); raises ``InvalidCallingHoursError``."""
        chosen = self.hours_combo.currentData()
        return normalized_window(self.hours_custom.text() if chosen == _CUSTOM else chosen)

    def max_attempts(self) -> int:
        return self.attempts.value()

    def dnc_source(self) -> str:
        return self.source_input.text().strip()

    def set_team_status(self, text: str, problem: bool) -> None:
        self.team_status.setText(text)
        self.team_status.setStyleSheet("color: #c62828;" if problem else "")

    # internals --------------------------------------------------------------------------
    def _show_hours(self, window: str) -> None:
        try:
            canonical = normalized_window(window)
        except InvalidCallingHoursError:
            canonical = window
        index = self.hours_combo.findData(canonical)
        if index < 0:
            index = self.hours_combo.findData(_CUSTOM)
            self.hours_custom.setText(canonical)
        self.hours_combo.setCurrentIndex(index)
        self.hours_custom.setEnabled(self.hours_combo.currentData() == _CUSTOM)

    def _preset_chosen(self) -> None:
        custom = self.hours_combo.currentData() == _CUSTOM
        self.hours_custom.setEnabled(custom)
        if custom:
            self.hours_custom.setFocus()
        self.changed.emit()


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
