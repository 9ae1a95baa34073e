"""Settings: account, calling, connection, window, compliance and the do-not-call list,
checked with ``dialer-app settings set``'s own checks. A setting the
administrator locked (managed defaults) is shown disabled, "set by your administrator"."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Literal

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
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
from dialer_app.core.calling_hours import InvalidCallingHoursError
from dialer_app.core.do_not_call import DoNotCallEntry
from dialer_app.core.phone import InvalidNumberError, normalize, pretty_digits
from dialer_app.core.screen_pop import FIELDS
from dialer_app.core.settings import LANGUAGES, MAX_HOLD_OFF_S, Settings, SettingsError
from dialer_app.ui.announce import announce
from dialer_app.ui.compliance_tab import ComplianceTab, hint_label
from dialer_app.ui.do_not_call_tab import DoNotCallTab
from dialer_app.ui.region_combo import RegionCombo
from dialer_app.ui.secret_field import SecretField

_EDITORS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox)


def locked_mark() -> str:
    """What follows the label of a setting the administrator set (managed defaults)."""
    return QCoreApplication.translate("SettingsDialog", " (set by your administrator)")


@dataclass(frozen=True)
class ConnectionInUse:
    """Where calls go when the command line (or the sandbox) overrides the saved address."""

    why: Literal["sandbox", "api_base"]
    address: str = ""


class _CallerIdInput(QLineEdit):
    """Enter adds the typed caller id; it must not also press the dialog's OK button."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        super().keyPressEvent(event)  # emits returnPressed, then lets the event through
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()


class SettingsDialog(QDialog):
    """Edits a copy of the settings; ``result_settings()`` gives the validated new value.

    A problem is shown once the agent leaves the field (or presses OK), never while typing
    into an untouched form; it disappears as soon as it is fixed."""

    replace_secret_requested = Signal(str, str)  # user id, new secret
    forget_account_requested = Signal()
    do_not_call_add_requested = Signal(str, str)  # number as typed, note
    do_not_call_remove_requested = Signal(str)  # digits
    do_not_call_import_requested = Signal()
    team_list_refresh_requested = Signal()

    def __init__(
        self,
        settings: Settings,
        *,
        tray_available: bool,
        locked: frozenset[str] = frozenset(),
        connection_in_use: ConnectionInUse | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self._original = settings
        self._secrets: tuple[str, ...] = ()
        self._connection_in_use = connection_in_use
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setAccessibleName(self.tr("Settings pages"))
        # Every page's title in view (no scroll arrows): the dialog grows to hold them all.
        self.tabs.tabBar().setUsesScrollButtons(False)
        self.tabs.addTab(self._account_tab(settings), self.tr("&Account"))
        self.tabs.addTab(self._calling_tab(settings), self.tr("Ca&lling"))
        self.tabs.addTab(self._connection_tab(settings), self.tr("Co&nnection"))
        self.tabs.addTab(self._window_tab(settings, tray_available), self.tr("&Window"))
        self.compliance = ComplianceTab(settings)
        self.compliance.changed.connect(self._revalidate)
        self.compliance.attempts.valueChanged.connect(self._revalidate)
        self.compliance.refresh_requested.connect(self.team_list_refresh_requested)
        self.tabs.addTab(self.compliance, self.tr("Co&mpliance"))
        self.do_not_call = DoNotCallTab()
        self.do_not_call.add_requested.connect(self.do_not_call_add_requested)
        self.do_not_call.remove_requested.connect(self.do_not_call_remove_requested)
        self.do_not_call.import_requested.connect(self.do_not_call_import_requested)
        self.tabs.addTab(self.do_not_call, self.tr("Do no&t call"))
        self.locked_note = QLabel("")
        self.locked_note.setObjectName("settingsLockedNote")
        self.locked_note.setWordWrap(True)
        self.locked_note.setVisible(False)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.tabs)
        self.error_label = QLabel("")
        self.error_label.setObjectName("settingsError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons = QDialogButtonBox.StandardButton
        for which, text in ((buttons.Ok, self.tr("&OK")), (buttons.Cancel, self.tr("&Cancel"))):
            button = self.buttons.button(which)
            if button is not None:  # Qt ships no Hindi for its own buttons: say it here
                button.setText(text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Never smaller than the contents (a longer translation grows the dialog); a roomy
        # default size beyond that.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        self.resize(layout.minimumSize().expandedTo(QSize(640, 540)))
        self.locked = self._lock(locked)
        for editor in self.findChildren(QWidget):
            if isinstance(editor, _EDITORS):
                editor.installEventFilter(self)  # leaving a field shows its problem
            if isinstance(editor, QAbstractSpinBox):
                _name_typing_part(editor)
        self._revalidate()

    # tabs -----------------------------------------------------------------------------
    def _account_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.user_id_input = QLineEdit(settings.user_id)
        self.user_id_input.setObjectName("settingsUserId")
        self.user_id_input.setPlaceholderText(self.tr("e.g. 101_1111112"))
        form.addRow(self.tr("User &id"), self.user_id_input)
        self.secret_input = SecretField()
        self.secret_input.setAccessibleName(self.tr("Replace secret"))
        self.secret_input.setPlaceholderText(self.tr("Leave empty to keep the stored secret"))
        form.addRow(self.tr("&Replace secret"), self.secret_input)
        self.account_status = QLabel("")
        self.account_status.setWordWrap(True)
        form.addRow("", self.account_status)
        self.forget_button = QPushButton(self.tr("&Forget account…"))
        self.forget_button.setObjectName("forgetAccountButton")
        forget_tip = self.tr("Remove the secret from the keyring and clear the user id")
        self.forget_button.setToolTip(forget_tip)
        self.forget_button.setAccessibleDescription(forget_tip)
        self.forget_button.clicked.connect(self.forget_account_requested)
        form.addRow("", self.forget_button)
        return page

    def _calling_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.mode_combo = QComboBox()
        self.mode_combo.setObjectName("defaultModeCombo")
        self.mode_combo.addItem(self.tr("Softphone (webrtc)"), DeliveryMode.SOFTPHONE)
        self.mode_combo.addItem(self.tr("Mobile (follow-me)"), DeliveryMode.MOBILE)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(settings.default_mode))
        form.addRow(self.tr("Default mod&e"), self.mode_combo)
        self.region_combo = RegionCombo(settings.default_region)
        form.addRow(self.tr("Default &region"), self.region_combo)
        callers = self._caller_box(settings)
        form.addRow(_buddy_label(self.tr("Caller &ids"), self.caller_input), callers)

        self.extra_input = QPlainTextEdit(
            json.dumps(settings.extra_params_template, indent=2)
            if settings.extra_params_template
            else ""
        )
        self.extra_input.setObjectName("extraParamsInput")
        self.extra_input.setPlaceholderText('{"crm": true}')
        self.extra_input.setMaximumHeight(90)
        self.extra_input.setTabChangesFocus(True)  # Tab leaves the field, as everywhere else
        self.extra_input.setAccessibleName("extra_params")
        self.extra_input.setAccessibleDescription(
            self.tr("A JSON object sent with every call, e.g. {example}").format(
                example='{"crm": true}'
            )
        )
        self.extra_input.textChanged.connect(self._revalidate)
        form.addRow(self.tr("e&xtra_params"), self.extra_input)
        self.extra_status = QLabel("")
        self.extra_status.setObjectName("extraParamsStatus")
        form.addRow("", self.extra_status)
        self.hold_off = QDoubleSpinBox()
        self.hold_off.setObjectName("repeatHoldOffSpin")
        self.hold_off.setRange(0, MAX_HOLD_OFF_S)
        self.hold_off.setDecimals(1)
        self.hold_off.setSingleStep(1)
        self.hold_off.setSuffix(self.tr(" s"))
        self.hold_off.setSpecialValueText(self.tr("off"))
        self.hold_off.setValue(settings.repeat_hold_off_s)
        hold_tip = self.tr(
            "A number called this recently is not called again by a second click, Enter or "
            "link: the window offers Call again instead"
        )
        self.hold_off.setToolTip(hold_tip)
        self.hold_off.setAccessibleDescription(hold_tip)
        form.addRow(self.tr("Hold &back repeat calls"), self.hold_off)
        fields = ", ".join("{" + name + "}" for name in FIELDS)
        self.open_url_input = QLineEdit(settings.open_url_after_call)
        self.open_url_input.setObjectName("openUrlInput")
        self.open_url_input.setPlaceholderText("https://crm.example.com/call?phone={e164}")
        url_tip = self.tr(
            "Opened in your browser when a call is accepted; the fields {fields} are filled in"
        ).format(fields=fields)
        self.open_url_input.setToolTip(url_tip)
        self.open_url_input.setAccessibleDescription(url_tip)
        self.open_url_input.textChanged.connect(self._revalidate)
        screen_pop = QVBoxLayout()
        screen_pop.addWidget(self.open_url_input)
        screen_pop.addWidget(
            hint_label(
                self.tr(
                    "Your CRM's page for the call, opened in the browser when a call is "
                    "accepted; {fields} are filled in."
                ).format(fields=fields)
            )
        )
        form.addRow(_buddy_label(self.tr("O&pen after a call"), self.open_url_input), screen_pop)
        return page

    def _caller_box(self, settings: Settings) -> QVBoxLayout:
        self.caller_list = QListWidget()
        self.caller_list.setObjectName("callerIdList")
        self.caller_list.setAccessibleName(self.tr("Caller ids"))
        self.caller_list.setMaximumHeight(110)
        for caller_id in settings.caller_ids:
            self._add_caller_item(caller_id, caller_id == settings.default_caller_id)
        self.caller_input = _CallerIdInput()
        self.caller_input.setObjectName("callerIdInput")
        self.caller_input.setAccessibleName(self.tr("Caller id to add"))
        self.caller_input.setPlaceholderText("+91 98000 00000")
        self.caller_input.returnPressed.connect(self._add_caller_from_input)
        add = QPushButton(self.tr("A&dd"))
        add.setObjectName("callerIdAdd")
        add.clicked.connect(self._add_caller_from_input)
        remove = QPushButton(self.tr("Remo&ve"))
        remove.setObjectName("callerIdRemove")
        remove.clicked.connect(self._remove_caller)
        make_default = QPushButton(self.tr("Make de&fault"))
        make_default.setObjectName("callerIdDefault")
        make_default.clicked.connect(self._toggle_default_caller)
        self._caller_buttons = (add, remove, make_default)
        row = QHBoxLayout()
        row.addWidget(self.caller_input, 1)
        for button in (add, remove, make_default):
            row.addWidget(button)
        box = QVBoxLayout()
        box.addWidget(self.caller_list)
        box.addLayout(row)
        return box

    def _connection_tab(self, settings: Settings) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.connection_note = QLabel(self._connection_note_text())
        self.connection_note.setObjectName("connectionInUse")
        self.connection_note.setWordWrap(True)
        self.connection_note.setVisible(self._connection_in_use is not None)
        form.addRow(self.connection_note)
        self.base_url_input = QLineEdit(settings.api_base_url)
        self.base_url_input.setObjectName("apiBaseInput")
        self.base_url_input.textChanged.connect(self._revalidate)
        if self._connection_in_use is not None:
            self.base_url_input.setAccessibleDescription(self.connection_note.text())
        form.addRow(self.tr("API &base URL"), self.base_url_input)
        self.connect_timeout = QDoubleSpinBox()
        self.connect_timeout.setObjectName("connectTimeoutSpin")
        self.connect_timeout.setRange(0.5, 60)
        self.connect_timeout.setSuffix(self.tr(" s"))
        self.connect_timeout.setValue(settings.connect_timeout)
        form.addRow(self.tr("Conn&ect timeout"), self.connect_timeout)
        self.request_timeout = QDoubleSpinBox()
        self.request_timeout.setObjectName("requestTimeoutSpin")
        self.request_timeout.setRange(1, 300)
        self.request_timeout.setSuffix(self.tr(" s"))
        self.request_timeout.setValue(settings.request_timeout)
        form.addRow(self.tr("&Request timeout"), self.request_timeout)
        self.proxy_input = QLineEdit(settings.proxy_url)
        self.proxy_input.setObjectName("proxyInput")
        self.proxy_input.setPlaceholderText(self.tr("empty: system proxy settings"))
        form.addRow(self.tr("&Proxy"), self.proxy_input)
        self.method_combo = QComboBox()
        self.method_combo.setObjectName("methodCombo")
        self.method_combo.addItem(self.tr("POST with JSON body (recommended)"), False)
        self.method_combo.addItem(self.tr("GET with query string"), True)
        self.method_combo.setCurrentIndex(1 if settings.use_get else 0)
        form.addRow(self.tr("Met&hod"), self.method_combo)
        return page

    def _connection_note_text(self) -> str:
        in_use = self._connection_in_use
        if in_use is None:
            return ""
        if in_use.why == "sandbox":
            return self.tr(
                "Calls go to the built-in sandbox (no phone rings): sandbox mode is on, from "
                "--sandbox on the command line or “Try the sandbox”. The API base URL below "
                "is saved, but not used until the dialer runs without the sandbox."
            )
        return self.tr(
            "Calls go to {address}: --api-base on the command line overrides the API base "
            "URL below. A URL saved here is not used while the dialer is started with it."
        ).format(address=in_use.address)

    def _window_tab(self, settings: Settings, tray_available: bool) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("languageCombo")
        self.language_combo.addItem(self.tr("System default"), "")
        for code, own_name in LANGUAGES.items():
            self.language_combo.addItem(own_name, code)  # each in its own language
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        language_note = self.tr(
            "Dialogs opened from now on use the new language; the main window changes when "
            "the dialer restarts."
        )
        self.language_combo.setAccessibleDescription(language_note)
        language = QVBoxLayout()
        language.addWidget(self.language_combo)
        language.addWidget(hint_label(language_note))
        form.addRow(_buddy_label(self.tr("Lan&guage"), self.language_combo), language)
        self.close_to_tray = QCheckBox(self.tr("Closing the window &keeps the dialer in the tray"))
        self.close_to_tray.setObjectName("closeToTrayCheck")
        self.close_to_tray.setChecked(settings.close_to_tray and tray_available)
        self.close_to_tray.setEnabled(tray_available)
        self.start_minimized = QCheckBox(self.tr("&Start in the tray"))
        self.start_minimized.setObjectName("startMinimizedCheck")
        self.start_minimized.setChecked(settings.start_minimized and tray_available)
        self.start_minimized.setEnabled(tray_available)
        if not tray_available:
            for check in (self.close_to_tray, self.start_minimized):
                check.setToolTip(self.tr("This desktop has no system tray"))
        self.autostart = QCheckBox(self.tr("Start the dialer when I log &in"))
        self.autostart.setObjectName("autostartCheck")
        self.autostart.setEnabled(False)  # until ``set_autostart`` tells the current state
        self.dial_links = QCheckBox(
            self.tr("&Dial tel: links immediately (otherwise they only fill in the number)")
        )
        self.dial_links.setObjectName("dialLinksCheck")
        links_tip = self.tr(
            "Off by default: a web page could otherwise make you call a number you did not choose"
        )
        self.dial_links.setToolTip(links_tip)
        self.dial_links.setAccessibleDescription(links_tip)
        self.dial_links.setChecked(settings.dial_links_immediately)
        self.notifications = QCheckBox(self.tr("S&how notifications for calls"))
        self.notifications.setObjectName("notificationsCheck")
        self.notifications.setChecked(settings.notifications)
        for check in (
            self.close_to_tray,
            self.start_minimized,
            self.autostart,
            self.dial_links,
            self.notifications,
        ):
            form.addRow(check)
        self.retention = QSpinBox()
        self.retention.setObjectName("retentionSpin")
        self.retention.setRange(0, 3650)
        self.retention.setSpecialValueText(self.tr("forever"))
        self.retention.setValue(settings.history_retention_days or 0)
        form.addRow(self.tr("Keep call histor&y (days)"), self.retention)
        return page

    # caller ids -----------------------------------------------------------------------
    def _add_caller_item(self, digits: str, is_default: bool) -> None:
        text = pretty_digits(digits)
        if is_default:
            text = self.tr("{number} (default)").format(number=text)
        item = QListWidgetItem(text)
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
            self._show_problem(self.tr("Caller id: {reason}").format(reason=exc.reason))
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
            calling_hours=self._calling_hours(),
            max_attempts_per_day=self.compliance.max_attempts(),
            dnc_source=self.compliance.dnc_source(),
            open_url_after_call=self.open_url_input.text().strip(),
            language=str(self.language_combo.currentData() or ""),
        ).validated(self._secrets)

    def _calling_hours(self) -> str:
        try:
            return self.compliance.calling_hours()
        except InvalidCallingHoursError as exc:
            raise SettingsError(str(exc)) from None

    # compliance -------------------------------------------------------------------------
    def set_known_secrets(self, secrets: tuple[str, ...]) -> None:
        """Texts no setting may carry (the stored app secret, read off the GUI thread)."""
        self._secrets = tuple(secret for secret in secrets if secret)
        self._revalidate()

    def set_do_not_call_entries(self, entries: list[DoNotCallEntry]) -> None:
        self.do_not_call.set_entries(entries)

    def do_not_call_added(self, text: str) -> None:
        self.do_not_call.entry_added()
        self.do_not_call.show_message(text)

    def show_do_not_call_message(self, text: str, state: str = "info") -> None:
        self.do_not_call.show_message(text, state)

    def set_team_list_status(self, text: str, problem: bool) -> None:
        self.compliance.set_team_status(text, problem)

    # locked settings --------------------------------------------------------------------
    def _fields(self) -> dict[str, list[QWidget]]:
        """The widgets that edit each setting (the first one labels its row)."""
        caller_ids: list[QWidget] = [self.caller_list, self.caller_input, *self._caller_buttons]
        compliance = self.compliance
        return {
            "user_id": [self.user_id_input],
            "default_mode": [self.mode_combo],
            "default_region": [self.region_combo],
            "caller_ids": caller_ids,
            "default_caller_id": caller_ids,
            "extra_params_template": [self.extra_input],
            "repeat_hold_off_s": [self.hold_off],
            "open_url_after_call": [self.open_url_input],
            "api_base_url": [self.base_url_input],
            "connect_timeout": [self.connect_timeout],
            "request_timeout": [self.request_timeout],
            "proxy_url": [self.proxy_input],
            "use_get": [self.method_combo],
            "close_to_tray": [self.close_to_tray],
            "start_minimized": [self.start_minimized],
            "dial_links_immediately": [self.dial_links],
            "notifications": [self.notifications],
            "history_retention_days": [self.retention],
            "language": [self.language_combo],
            "calling_hours": [compliance.hours_combo, compliance.hours_custom],
            "max_attempts_per_day": [compliance.attempts],
            "dnc_source": [compliance.source_input],
        }

    def _lock(self, locked: frozenset[str]) -> frozenset[str]:
        """Disable what the administrator set, and say so on the row and in a tooltip."""
        fields = self._fields()
        done: set[str] = set()
        for name in sorted(locked & fields.keys()):
            widgets = fields[name]
            by_administrator = self.tr("Set by your administrator")
            for widget in widgets:
                widget.setEnabled(False)
                widget.setToolTip(by_administrator)
                widget.setAccessibleDescription(by_administrator)
            _mark_locked(widgets[0])
            done.add(name)
        if done:
            self.locked_note.setText(
                self.tr("Some settings are set by your administrator and cannot be changed here.")
            )
            self.locked_note.setVisible(True)
        return frozenset(done)

    def new_secret(self) -> str:
        return self.secret_input.text().strip()

    def set_autostart(self, on: bool) -> None:
        """The current start-at-login state, read off the GUI thread: the check is usable."""
        self.autostart.setChecked(on)
        self.autostart.setEnabled(True)

    def autostart_choice(self) -> bool | None:
        """Start at login as chosen, or None when its state was never known."""
        return self.autostart.isChecked() if self.autostart.isEnabled() else None

    def _problem(self) -> str:
        """The first problem of the form, or ""."""
        try:
            self._extra_params()
            self.extra_status.setText(
                self.tr("✓ valid JSON object") if self.extra_input.toPlainText().strip() else ""
            )
        except SettingsError as exc:
            self.extra_status.setText("")
            return str(exc)
        try:
            self.result_settings()
        except SettingsError as exc:
            return str(exc)
        return ""

    def _revalidate(self, *, reveal: bool = False) -> None:
        """Check the form; a new problem shows only when ``reveal`` (a field was left, OK
        pressed) or while one is shown; a fixed one disappears at once."""
        problem = self._problem()
        if not problem:
            self.error_label.setText("")
        elif reveal or self.error_label.text():
            self._show_problem(problem)

    def _show_problem(self, text: str) -> None:
        if text != self.error_label.text():
            self.error_label.setText(text)
            announce(self.error_label, text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and isinstance(watched, _EDITORS):
            self._revalidate(reveal=True)
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        self._revalidate(reveal=True)
        if not self.error_label.text():
            super().accept()


def _name_typing_part(spin: QAbstractSpinBox) -> None:
    """A spin box's inner line edit takes the focus: give it the spin box's name (its
    explicit one, else its row label's)."""
    inner = spin.findChild(QLineEdit)
    if inner is None or inner.accessibleName():
        return
    name = spin.accessibleName()
    if not name:
        label = next((w for w in spin.window().findChildren(QLabel) if w.buddy() is spin), None)
        name = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&") if label else ""
    inner.setAccessibleName(name)


def _buddy_label(text: str, buddy: QWidget) -> QLabel:
    """A form row's label whose mnemonic focuses ``buddy`` (a row holding a layout has none)."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _mark_locked(field: QWidget) -> None:
    """ " (set by your administrator)" after the row's label, or a check box's own text."""
    if isinstance(field, QCheckBox):
        field.setText(field.text() + locked_mark())
        return
    parent = field.parentWidget()
    while parent is not None:
        form = parent.layout()
        if isinstance(form, QFormLayout):
            label = _row_label(form, field)
            if label is not None:
                label.setText(label.text() + locked_mark())
                return
        parent = parent.parentWidget()


def _row_label(form: QFormLayout, field: QWidget) -> QLabel | None:
    """The label of the form row holding ``field`` (directly or in the row's layout)."""
    for row in range(form.rowCount()):
        label_item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field_item = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label_item is None or field_item is None:
            continue
        if _holds(field_item, field):
            label = label_item.widget()
            return label if isinstance(label, QLabel) else None
    return None


def _holds(item: QLayoutItem, field: QWidget) -> bool:
    if item.widget() is field:
        return True
    layout = item.layout()
    if layout is None:
        return False
    return any(_holds(child, field) for child in _items(layout))


def _items(layout: QLayout) -> list[QLayoutItem]:
    return [item for i in range(layout.count()) if (item := layout.itemAt(i)) is not None]
