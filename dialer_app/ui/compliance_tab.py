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
from dialer_app.ui.announce import announce

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
        self.hours_combo.addItem(self.tr("None (call at any hour)"), "")
        regions = {  # PRESETS' labels are English (core): the same words, translated
            "08:00-21:00": self.tr("United States (TCPA)"),
            "09:00-21:00": self.tr("India (TRAI)"),
        }
        for label, window in PRESETS:
            region = regions.get(window)
            self.hours_combo.addItem(f"{region}: {window}" if region else label, window)
        self.hours_combo.addItem(self.tr("Custom…"), _CUSTOM)
        self.hours_custom = QLineEdit()
        self.hours_custom.setObjectName("callingHoursCustom")
        self.hours_custom.setAccessibleName(self.tr("Custom calling hours"))
        self.hours_custom.setPlaceholderText(self.tr("e.g. 10:00-18:00"))
        self._show_hours(settings.calling_hours)
        self.hours_combo.currentIndexChanged.connect(self._preset_chosen)
        self.hours_custom.textChanged.connect(self.changed)
        hours = QHBoxLayout()
        hours.addWidget(self.hours_combo, 1)
        hours.addWidget(self.hours_custom)
        box = QVBoxLayout()
        box.addLayout(hours)
        hours_hint = self.tr(
            "In the customer's own time zone, from their number (every zone, when a number "
            "spans several). A call outside them is not placed; the window says when "
            "they open."
        )
        box.addWidget(hint_label(hours_hint))
        self.hours_combo.setAccessibleDescription(hours_hint)
        form.addRow(_buddy(self.tr("Calling &hours"), self.hours_combo), box)

        self.attempts = QSpinBox()
        self.attempts.setObjectName("maxAttemptsSpin")
        self.attempts.setRange(0, MAX_ATTEMPTS_PER_DAY)
        self.attempts.setSpecialValueText(self.tr("no limit"))
        self.attempts.setValue(settings.max_attempts_per_day)
        attempts_tip = self.tr("Calls that may have rung, counted from today's call history")
        self.attempts.setToolTip(attempts_tip)
        self.attempts.setAccessibleDescription(attempts_tip)
        form.addRow(self.tr("Calls per number a &day"), self.attempts)

        self.source_input = QLineEdit(settings.dnc_source)
        self.source_input.setObjectName("dncSourceInput")
        self.source_input.setPlaceholderText(
            self.tr("{example} or https://…").format(example=r"\\server\team\dnc.csv")
        )
        self.source_input.textChanged.connect(self.changed)
        self.refresh_button = QPushButton(self.tr("R&ead now"))
        self.refresh_button.setObjectName("dncRefreshButton")
        refresh_tip = self.tr("Read the team's list again now (it is read hourly)")
        self.refresh_button.setToolTip(refresh_tip)
        self.refresh_button.setAccessibleDescription(refresh_tip)
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
        source_hint = self.tr(
            "A file (a network share) or an https:// address, read at start and every "
            "hour. If it cannot be read, the last copy read stays in use."
        )
        team.addWidget(hint_label(source_hint))
        self.source_input.setAccessibleDescription(source_hint)
        form.addRow(_buddy(self.tr("Team's do-not-call l&ist"), self.source_input), team)

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
        if text != self.team_status.text():
            announce(self.team_status, text, urgent=problem)
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


def hint_label(text: str) -> QLabel:
    """A muted, wrapped explanation under a field."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _buddy(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
