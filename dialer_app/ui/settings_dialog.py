"""Settings: account, calling, connection and window, validated as you type."""

from __future__ import annotations

import json
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.call_request import (
    DeliveryMode,
    InvalidCallRequestError,
    parse_extra_params,
)
from dialer_app.core.phone import InvalidNumberError, normalize, pretty_digits
from dialer_app.core.settings import MAX_HOLD_OFF_S, Settings, SettingsError
from dialer_app.ui.region_combo import RegionCombo
from dialer_app.ui.secret_field import SecretField

_DEFAULT_MARK = " (default)"


class _CallerIdInput(QLineEdit):
    """Enter adds the typed caller id; it must not also press the dialog's OK button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)  # emits returnPressed, then lets the event through
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``result_settings()`` gives the validated new value."""

    replace_secret_requested = Signal(str, str)  # user id, new secret
    forget_account_requested = Signal()

    def __init__(
        self, settings: Settings, *, tray_available: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Settings")
        self.setMinimumSize(520, 460)
        self._original = settings
        self._errors: dict[str, str] = {}
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._account_tab(settings), "&Account")
        self.tabs.addTab(self._calling_tab(settings), "&Calling")
        self.tabs.addTab(self._connection_tab(settings), "C&onnection")
        self.tabs.addTab(self._window_tab(settings, tray_available), "&Window")
        layout.addWidget(self.tabs)
        self.error_label = QLabel("")
        self.error_label.setObjectName("settingsError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._revalidate()

    # tabs -----------------------------------------------------------------------------
    def _account_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.user_id_input = QLineEdit(settings.user_id)
        self.user_id_input.setObjectName("settingsUserId")
        self.user_id_input.setPlaceholderText("e.g. 101_1111112")
        form.addRow("User id", self.user_id_input)
        self.secret_input = SecretField()
        self.secret_input.setPlaceholderText("Leave empty to keep the stored secret")
        form.addRow("Replace secret", self.secret_input)
        self.account_status = QLabel("")
        self.account_status.setWordWrap(True)
        form.addRow("", self.account_status)
        self.forget_button = QPushButton("Forget account…")
        self.forget_button.setObjectName("forgetAccountButton")
        self.forget_button.setToolTip("Remove the secret from the keyring and clear the user id")
        self.forget_button.clicked.connect(self.forget_account_requested)
        form.addRow("", self.forget_button)
        return page

    def _calling_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.mode_combo = QComboBox()
        self.mode_combo.addItem("Softphone (webrtc)", DeliveryMode.SOFTPHONE)
        self.mode_combo.addItem("Mobile (follow-me)", DeliveryMode.MOBILE)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(settings.default_mode))
        form.addRow("Default mode", self.mode_combo)
        self.region_combo = RegionCombo(settings.default_region)
        form.addRow("Default region", self.region_combo)

        self.caller_list = QListWidget()
        self.caller_list.setObjectName("callerIdList")
        self.caller_list.setMaximumHeight(110)
        for caller_id in settings.caller_ids:
            self._add_caller_item(caller_id, caller_id == settings.default_caller_id)
        self.caller_input = _CallerIdInput()
        self.caller_input.setObjectName("callerIdInput")
        self.caller_input.setPlaceholderText("+91 98000 00000")
        self.caller_input.returnPressed.connect(self._add_caller_from_input)
        add = QPushButton("Add")
        add.clicked.connect(self._add_caller_from_input)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_caller)
        make_default = QPushButton("Make default")
        make_default.clicked.connect(self._toggle_default_caller)
        row = QHBoxLayout()
        row.addWidget(self.caller_input, 1)
        for button in (add, remove, make_default):
            row.addWidget(button)
        box = QVBoxLayout()
        box.addWidget(self.caller_list)
        box.addLayout(row)
        form.addRow("Caller ids", box)

        self.extra_input = QPlainTextEdit(
            json.dumps(settings.extra_params_template, indent=2)
            if settings.extra_params_template
            else ""
        )
        self.extra_input.setObjectName("extraParamsInput")
        self.extra_input.setPlaceholderText('{"crm": true}')
        self.extra_input.setMaximumHeight(90)
        self.extra_input.textChanged.connect(self._revalidate)
        form.addRow("extra_params", self.extra_input)
        self.extra_status = QLabel("")
        self.extra_status.setObjectName("extraParamsStatus")
        form.addRow("", self.extra_status)
        self.hold_off = QDoubleSpinBox()
        self.hold_off.setObjectName("repeatHoldOffSpin")
        self.hold_off.setRange(0, MAX_HOLD_OFF_S)
        self.hold_off.setDecimals(1)
        self.hold_off.setSingleStep(1)
        self.hold_off.setSuffix(" s")
        self.hold_off.setSpecialValueText("off")
        self.hold_off.setValue(settings.repeat_hold_off_s)
        self.hold_off.setToolTip(
            "A number called this recently is not called again by a second click, Enter or "
            "link: the window offers Call again instead"
        )
        form.addRow("Hold back repeat calls", self.hold_off)
        return page

    def _connection_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.base_url_input = QLineEdit(settings.api_base_url)
        self.base_url_input.setObjectName("apiBaseInput")
        self.base_url_input.textChanged.connect(self._revalidate)
        form.addRow("API base URL", self.base_url_input)
        self.connect_timeout = QDoubleSpinBox()
        self.connect_timeout.setRange(0.5, 60)
        self.connect_timeout.setSuffix(" s")
        self.connect_timeout.setValue(settings.connect_timeout)
        form.addRow("Connect timeout", self.connect_timeout)
        self.request_timeout = QDoubleSpinBox()
        self.request_timeout.setRange(1, 300)
        self.request_timeout.setSuffix(" s")
        self.request_timeout.setValue(settings.request_timeout)
        form.addRow("Request timeout", self.request_timeout)
        self.proxy_input = QLineEdit(settings.proxy_url)
        self.proxy_input.setPlaceholderText("empty: system proxy settings")
        form.addRow("Proxy", self.proxy_input)
        self.method_combo = QComboBox()
        self.method_combo.addItem("POST with JSON body (recommended)", False)
        self.method_combo.addItem("GET with query string", True)
        self.method_combo.setCurrentIndex(1 if settings.use_get else 0)
        form.addRow("Method", self.method_combo)
        return page

    def _window_tab(self, settings: Settings, tray_available: bool) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.close_to_tray = QCheckBox("Closing the window keeps the dialer in the tray")
        self.close_to_tray.setChecked(settings.close_to_tray and tray_available)
        self.close_to_tray.setEnabled(tray_available)
        if not tray_available:
            self.close_to_tray.setToolTip("This desktop has no system tray")
        form.addRow(self.close_to_tray)
        self.start_minimized = QCheckBox("Start in the tray")
        self.start_minimized.setChecked(settings.start_minimized and tray_available)
        self.start_minimized.setEnabled(tray_available)
        form.addRow(self.start_minimized)
        self.autostart = QCheckBox("Start the dialer when I log in")
        self.autostart.setObjectName("autostartCheck")
        self.autostart.setEnabled(False)  # until ``set_autostart`` tells the current state
        form.addRow(self.autostart)
        dial_links = "Dial tel: links immediately (otherwise they only fill in the number)"
        self.dial_links = QCheckBox(dial_links)
        self.dial_links.setToolTip(
            "Off by default: a web page could otherwise make you call a number you did not choose"
        )
        self.dial_links.setChecked(settings.dial_links_immediately)
        form.addRow(self.dial_links)
        self.notifications = QCheckBox("Show notifications for calls")
        self.notifications.setChecked(settings.notifications)
        form.addRow(self.notifications)
        self.retention = QSpinBox()
        self.retention.setRange(0, 3650)
        self.retention.setSpecialValueText("forever")
        self.retention.setSuffix(" days")
        self.retention.setValue(settings.history_retention_days or 0)
        form.addRow("Keep call history", self.retention)
        return page

    # caller ids -----------------------------------------------------------------------
    def _add_caller_item(self, digits: str, is_default: bool) -> None:
        item = QListWidgetItem(pretty_digits(digits) + (_DEFAULT_MARK if is_default else ""))
        item.setData(Qt.ItemDataRole.UserRole, digits)
        item.setData(Qt.ItemDataRole.UserRole + 1, is_default)
        self.caller_list.addItem(item)

    def _caller_ids(self) -> list[tuple[str, bool]]:
        items = (self.caller_list.item(i) for i in range(self.caller_list.count()))
        return [
            (item.data(Qt.ItemDataRole.UserRole), bool(item.data(Qt.ItemDataRole.UserRole + 1)))
            for item in items
        ]

    def _add_caller_from_input(self) -> None:
        try:
            digits = normalize(self.caller_input.text(), self.region_combo.region()).digits
        except InvalidNumberError as exc:
            self.error_label.setText(f"Caller id: {exc.reason}")
            return
        if digits not in [d for d, _ in self._caller_ids()]:
            self._add_caller_item(digits, False)
        self.caller_input.clear()
        self._revalidate()

    def _remove_caller(self) -> None:
        row = self.caller_list.currentRow()
        if row >= 0:
            self.caller_list.takeItem(row)

    def _toggle_default_caller(self) -> None:
        current = self.caller_list.currentRow()
        entries = self._caller_ids()
        self.caller_list.clear()
        for index, (digits, was_default) in enumerate(entries):
            self._add_caller_item(digits, index == current and not was_default)

    # result ---------------------------------------------------------------------------
    def _extra_params(self) -> dict[str, object]:
        try:
            return parse_extra_params(self.extra_input.toPlainText())
        except InvalidCallRequestError as exc:
            raise SettingsError(str(exc)) from None

    def result_settings(self) -> Settings:
        """The edited settings; raises ``SettingsError`` with the first problem."""
        callers = self._caller_ids()
        retention = self.retention.value()
        return replace(
            self._original,
            user_id=self.user_id_input.text().strip(),
            default_mode=self.mode_combo.currentData(),
            default_region=self.region_combo.region(),
            caller_ids=tuple(digits for digits, _ in callers),
            default_caller_id=next((d for d, is_default in callers if is_default), None),
            extra_params_template=self._extra_params(),
            api_base_url=self.base_url_input.text().strip(),
            connect_timeout=self.connect_timeout.value(),
            request_timeout=self.request_timeout.value(),
            proxy_url=self.proxy_input.text().strip(),
            use_get=bool(self.method_combo.currentData()),
            close_to_tray=self.close_to_tray.isChecked(),
            start_minimized=self.start_minimized.isChecked(),
            dial_links_immediately=self.dial_links.isChecked(),
            notifications=self.notifications.isChecked(),
            history_retention_days=retention or None,
            repeat_hold_off_s=self.hold_off.value(),
        ).validated()

    def new_secret(self) -> str:
        return self.secret_input.text().strip()

    def set_autostart(self, on: bool) -> None:
        """The current start-at-login state, read off the GUI thread: the check is usable."""
        self.autostart.setChecked(on)
        self.autostart.setEnabled(True)

    def autostart_choice(self) -> bool | None:
        """Start at login as chosen, or None when its state was never known."""
        return self.autostart.isChecked() if self.autostart.isEnabled() else None

    def _revalidate(self) -> None:
        problem = ""
        try:
            self._extra_params()
            self.extra_status.setText(
                "✓ valid JSON object" if self.extra_input.toPlainText().strip() else ""
            )
        except SettingsError as exc:
            self.extra_status.setText("")
            problem = str(exc)
        if not problem:
            try:
                self.result_settings()
            except SettingsError as exc:
                problem = str(exc)
        self.error_label.setText(problem)
        ok = (
            self.buttons.button(QDialogButtonBox.StandardButton.Ok)
            if hasattr(self, "buttons")
            else None
        )
        if ok is not None:
            ok.setEnabled(not problem)

    def accept(self) -> None:
        self._revalidate()
        if not self.error_label.text():
            super().accept()
