"""First-run setup: user id, app secret, default mode and region — or the sandbox."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.settings import Settings
from dialer_app.ui.announce import announce
from dialer_app.ui.icons import app_icon
from dialer_app.ui.region_combo import RegionCombo
from dialer_app.ui.secret_field import SecretField


@dataclass(frozen=True)
class AccountForm:
    user_id: str
    secret: str
    mode: DeliveryMode
    region: str

    def __repr__(self) -> str:  # the secret never shows
        return f"AccountForm(user_id={self.user_id!r}, mode={self.mode}, region={self.region!r})"


class SetupDialog(QDialog):
    """Asks for the account; the app saves it (keyring on a worker) and reports back."""

    save_requested = Signal(object)  # AccountForm
    session_only_requested = Signal(object)  # AccountForm
    sandbox_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("Set up your TeleCMI account"))
        self.setWindowIcon(app_icon())
        self.setMinimumWidth(500)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        # Never smaller than the contents: a longer message or the session-only button
        # grows the dialog instead of squashing the buttons.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(
            self.tr(
                "Enter the user id and app secret of your TeleCMI account. The secret is kept "
                "in your system keyring, never in a file."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(self._build_form(settings))

        self.message_label = QLabel("")
        self.message_label.setObjectName("setupMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message_label)
        layout.addLayout(self._build_buttons())
        self.user_id_input.textChanged.connect(self._update_enabled)
        self.secret_input.textChanged.connect(self._update_enabled)
        self._saving = False
        self._update_enabled()

    def _build_form(self, settings: Settings) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.user_id_input = QLineEdit(settings.user_id)
        self.user_id_input.setObjectName("userIdInput")
        self.user_id_input.setPlaceholderText(self.tr("e.g. 101_1111112"))
        self.secret_input = SecretField()
        form.addRow(self.tr("&User id"), self.user_id_input)
        form.addRow(self.tr("App &secret"), self.secret_input)
        self.softphone_radio = QRadioButton(self.tr("Soft&phone on this computer"))
        self.softphone_radio.setObjectName("setupSoftphoneRadio")
        self.mobile_radio = QRadioButton(self.tr("&Mobile (follow-me)"))
        self.mobile_radio.setObjectName("setupMobileRadio")
        ring_first = self.tr("Ring first")
        mode_group = QButtonGroup(self)
        mode_row = QHBoxLayout()
        for radio in (self.softphone_radio, self.mobile_radio):
            radio.setAccessibleDescription(ring_first)
            mode_group.addButton(radio)
            mode_row.addWidget(radio)
        mode_row.addStretch(1)
        (
            self.mobile_radio
            if settings.default_mode is DeliveryMode.MOBILE
            else self.softphone_radio
        ).setChecked(True)
        form.addRow(ring_first, mode_row)
        self.region_combo = RegionCombo(settings.default_region)
        form.addRow(self.tr("Default &region"), self.region_combo)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        """[Try the sandbox] … [Keep for this session only] [Save] [Cancel]."""
        self.save_button = QPushButton(self.tr("Sa&ve"))
        self.save_button.setObjectName("setupSaveButton")
        self.save_button.setDefault(True)
        self.session_button = QPushButton(self.tr("Keep for this session &only"))
        self.session_button.setObjectName("setupSessionOnlyButton")
        session_tip = self.tr("Use the secret until the app quits; nothing is stored")
        self.session_button.setToolTip(session_tip)
        self.session_button.setAccessibleDescription(session_tip)
        self.session_button.setVisible(False)
        self.sandbox_button = QPushButton(self.tr("Try the sand&box"))
        self.sandbox_button.setObjectName("setupSandboxButton")
        sandbox_tip = self.tr("Use the built-in demo server: no account, no real calls")
        self.sandbox_button.setToolTip(sandbox_tip)
        self.sandbox_button.setAccessibleDescription(sandbox_tip)
        cancel = QPushButton(self.tr("&Cancel"))
        cancel.setObjectName("setupCancelButton")
        cancel.clicked.connect(self.reject)
        # Enter means Save (see keyPressEvent): no other button may become the default when
        # it has had the focus, or Enter would switch to the sandbox or close the dialog.
        for button in (self.session_button, self.sandbox_button, cancel):
            button.setAutoDefault(False)
        self.save_button.clicked.connect(self._save)
        self.session_button.clicked.connect(self._session_only)
        self.sandbox_button.clicked.connect(self.sandbox_requested)
        row = QHBoxLayout()
        row.addWidget(self.sandbox_button)
        row.addStretch(1)
        for button in (self.session_button, self.save_button, cancel):
            row.addWidget(button)
        return row

    def form(self) -> AccountForm:
        mode = DeliveryMode.MOBILE if self.mobile_radio.isChecked() else DeliveryMode.SOFTPHONE
        return AccountForm(
            self.user_id_input.text().strip(),
            self.secret_input.text().strip(),
            mode,
            self.region_combo.region(),
        )

    def set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.save_button.setText(self.tr("Saving…") if saving else self.tr("Sa&ve"))
        if saving:
            self._show_message(self.tr("Storing the secret in the system keyring…"))
        self._update_enabled()

    def show_keyring_waiting(self) -> None:
        """The keyring has not answered for a while: it is most likely showing a password
        prompt (a new keyring, a locked one) that may be hidden behind this window."""
        if self._saving:
            self._show_message(
                self.tr(
                    "Waiting for the keyring: a password prompt may be open. Answer it to "
                    "store the secret; it may be behind this window."
                )
            )

    def show_error(self, message: str, *, offer_session_only: bool = False) -> None:
        self.set_saving(False)
        self._show_message(message, urgent=True)
        self.session_button.setVisible(offer_session_only)
        self._update_enabled()

    def message(self) -> str:
        return self.message_label.text()

    def _show_message(self, text: str, *, urgent: bool = False) -> None:
        self.message_label.setText(text)
        announce(self.message_label, text, urgent=urgent)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter saves a complete form; on an incomplete one it moves to the empty field.
        It never presses another button (the typed account must not be thrown away)."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            super().keyPressEvent(event)
            return
        focused = self.focusWidget()
        if isinstance(focused, QPushButton) and focused is not self.save_button:
            focused.click()  # Enter on a focused button presses that button, as Space does
        elif self.save_button.isEnabled():
            self._save()
        else:
            empty = self.user_id_input if not self.user_id_input.text().strip() else None
            (empty or self.secret_input).setFocus()
            self._show_message(
                self.tr("Enter the user id and the app secret, then press Enter."), urgent=True
            )

    def _save(self) -> None:
        self.set_saving(True)
        self.save_requested.emit(self.form())

    def _session_only(self) -> None:
        self.session_only_requested.emit(self.form())

    def _update_enabled(self) -> None:
        complete = bool(self.user_id_input.text().strip() and self.secret_input.text().strip())
        self.save_button.setEnabled(complete and not self._saving)
        self.session_button.setEnabled(complete)
