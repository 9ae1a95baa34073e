"""The dialer window: number field, dialpad, mode switch, caller id, Call and status."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.call_attempt import CallAttempt, CallFailure
from dialer_app.core.call_request import CallResult, DeliveryMode
from dialer_app.core.dialer import CallRefusedError
from dialer_app.core.phone import PhoneNumber, pretty_digits
from dialer_app.core.settings import Settings
from dialer_app.ui.core_text import translated
from dialer_app.ui.dialpad import Dialpad, is_dial_text, is_plain_key
from dialer_app.ui.icons import app_icon, icon
from dialer_app.ui.mode_switch import ModeSwitch
from dialer_app.ui.number_input import NumberInput
from dialer_app.ui.outcome_panel import NoticeBar, OutcomePanel
from dialer_app.ui.style import STYLE_SHEET, set_qt_properties, set_style_state

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

LONG_PRESS_CLEAR_MS = 600
_ENTER_KEYS = (0x01000004, 0x01000005)  # Qt.Key_Return, Qt.Key_Enter (keypad)
_DOWN_KEY = 0x01000015  # Qt.Key_Down (Qt's namespace is not touched before the first paint)


class _EnterClicks(QObject):
    """Return and keypad Enter press a focused button, as Space does (Qt leaves Enter to
    dialogs' default buttons; in a main window it would do nothing)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(watched, QPushButton)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
        ):
            if watched.isEnabled() and not event.isAutoRepeat():
                watched.click()
            return True
        return False


class MainWindow(QMainWindow):
    """Pure view: emits what the agent asks for; the app wires it to the call controller."""

    call_requested = Signal(str, object, object)  # number text, DeliveryMode, caller id | None
    call_again_requested = Signal(object)  # the intent of a call held back by the repeat guard
    mode_changed = Signal(object)  # DeliveryMode
    number_edited = Signal()  # the agent typed or pasted (not a programmatic change)
    number_changed = Signal(str)  # the number field's text, however it changed
    settings_requested = Signal()
    setup_requested = Signal()
    about_requested = Signal()
    diagnostics_requested = Signal()
    matches_requested = Signal()  # Down in the number field: to the matching contacts
    quit_requested = Signal()
    hide_requested = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Dialer"))
        self.setWindowIcon(app_icon())
        self.setStyleSheet(STYLE_SHEET)
        self._busy = False
        self.close_to_tray = False
        self._build_menus()
        central = QWidget()
        central.setObjectName("dialPanel")
        self.dial_panel = central
        # The body: the dial panel (later the splitter with the side tabs) above the notice
        # line, which spans the whole window so a long notice takes one or two lines.
        body = QWidget()
        self._body_layout = QVBoxLayout(body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._body_layout.setSpacing(0)
        self._body_layout.addWidget(central, 1)
        self.notice = NoticeBar()
        self._body_layout.addWidget(self.notice)
        self.setCentralWidget(body)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(18, 14, 18, 16)
        layout.setSpacing(10)

        self.mode_switch = ModeSwitch(settings.default_mode)
        self.mode_switch.mode_changed.connect(self.mode_changed)
        layout.addWidget(self.mode_switch)

        caller_row = QHBoxLayout()
        caller_label = QLabel(self.tr("Caller &id"))
        self.caller_id_combo = QComboBox()
        self.caller_id_combo.setObjectName("callerIdCombo")
        self.caller_id_combo.setAccessibleName(self.tr("Caller id"))
        self.caller_id_combo.setToolTip(self.tr("The number the customer sees for this call"))
        caller_label.setBuddy(self.caller_id_combo)
        caller_row.addWidget(caller_label)
        caller_row.addWidget(self.caller_id_combo, 1)
        layout.addLayout(caller_row)

        self.number_input = NumberInput(settings.default_region)
        self.number_input.parsed.connect(self._on_number_parsed)
        self.number_input.returnPressed.connect(self.request_call)
        self.number_input.textEdited.connect(lambda _text: self.number_edited.emit())
        self.number_input.textChanged.connect(self.number_changed)
        self.number_input.installEventFilter(self)
        self._reason = ""
        self._reason_shown = False
        layout.addWidget(self.number_input)
        self.preview_label = QLabel(" ")
        self.preview_label.setObjectName("previewLabel")
        self.preview_label.setAccessibleName(self.tr("Number preview"))
        self.preview_label.setWordWrap(True)  # a reason can be longer than the panel is wide
        layout.addWidget(self.preview_label)

        self.dialpad = Dialpad()
        self.dialpad.typed.connect(self._on_key)
        layout.addWidget(self.dialpad, 1)

        layout.addLayout(self._build_call_row())
        self.progress = QProgressBar()
        self.progress.setObjectName("callProgress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(3)
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        layout.addWidget(self._build_status())

        self.apply_settings(settings)
        self.setMinimumSize(QSize(340, 560))
        self.resize(380, 640)
        self.number_input.setFocus()
        self._on_number_parsed(None, "")

    # building -------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.settings_action = QAction(icon("settings"), self.tr("&Settings…"), self)
        set_qt_properties(self.settings_action, shortcut="Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.settings_requested)
        file_menu.addAction(self.settings_action)
        self.setup_action = QAction(self.tr("Set up &account…"), self)
        self.setup_action.setToolTip(self.tr("Enter a TeleCMI user id and app secret"))
        self.setup_action.triggered.connect(self.setup_requested)
        file_menu.addAction(self.setup_action)
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("&Quit"), self)
        set_qt_properties(self.quit_action, shortcut="Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quit_requested)
        file_menu.addAction(self.quit_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.diagnostics_action = QAction(self.tr("&Copy diagnostics"), self)
        self.diagnostics_action.setObjectName("copyDiagnosticsAction")
        self.diagnostics_action.setToolTip(
            self.tr(
                "Copy versions, settings summary and recent log lines for support "
                "(never the secret)"
            )
        )
        self.diagnostics_action.triggered.connect(self.diagnostics_requested)
        help_menu.addAction(self.diagnostics_action)
        self.about_action = QAction(self.tr("&About Dialer"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.about_requested)
        help_menu.addAction(self.about_action)

    def _build_call_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.call_button = QPushButton(icon("call", "#ffffff"), self.tr("Call"))
        self.call_button.setObjectName("callButton")
        self.call_button.setAccessibleName(self.tr("Call"))
        self.call_button.setIconSize(QSize(22, 22))
        self.call_button.setMinimumHeight(48)
        self.call_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.call_button.setToolTip(self.tr("Call the number (Enter)"))
        self.call_button.clicked.connect(self.request_call)
        self._enter_clicks = _EnterClicks(self)
        self.call_button.installEventFilter(self._enter_clicks)
        self.backspace_button = QToolButton()
        self.backspace_button.setObjectName("backspaceButton")
        self.backspace_button.setAccessibleName(self.tr("Delete last digit (hold to clear)"))
        self.backspace_button.setToolTip(self.tr("Delete the last digit; hold to clear"))
        self.backspace_button.setIcon(icon("backspace"))
        self.backspace_button.setIconSize(QSize(24, 24))
        self.backspace_button.setMinimumSize(QSize(56, 48))
        set_qt_properties(self.backspace_button, focusPolicy="NoFocus")
        self._clear_timer = QTimer(self, singleShot=True, interval=LONG_PRESS_CLEAR_MS)
        self._clear_timer.timeout.connect(self._clear_number)
        self._cleared_by_hold = False
        self.backspace_button.pressed.connect(self._on_backspace_pressed)
        self.backspace_button.released.connect(self._clear_timer.stop)
        self.backspace_button.clicked.connect(self._on_backspace_clicked)
        row.addWidget(self.call_button, 1)
        row.addWidget(self.backspace_button)
        return row

    def _build_status(self) -> QWidget:
        self.outcome = OutcomePanel()
        self.outcome.call_again_requested.connect(self.call_again_requested)
        self.status_frame = self.outcome
        self.status_label = self.outcome.status_label
        self.copy_button = self.outcome.copy_button
        self.undo_button = self.notice.undo_button
        return self.outcome

    # settings -------------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        self.number_input.set_region(settings.default_region)
        current = self.caller_id_combo.currentData()
        self.caller_id_combo.clear()
        self.caller_id_combo.addItem(self.tr("Account default"), None)
        for caller_id in settings.caller_ids:
            self.caller_id_combo.addItem(pretty_digits(caller_id), caller_id)
        wanted = current if current in settings.caller_ids else settings.default_caller_id
        index = self.caller_id_combo.findData(wanted)
        self.caller_id_combo.setCurrentIndex(max(index, 0))

    def set_sandbox(self, on: bool) -> None:
        """The title: "Dialer" with an account; in sandbox mode what makes it different.

        The platform appends the application's display name to a title that does not end
        with it ("Sandbox (no real calls) — Dialer"), and leaves "Dialer" as it is."""
        self.setWindowTitle(self.tr("Sandbox (no real calls)") if on else self.tr("Dialer"))

    # calling --------------------------------------------------------------------------
    def request_call(self) -> None:
        """Enter or the Call button: ignored while a call is in flight; a bad number says
        why (the reason waits while the number is being typed)."""
        if self.number_input.number is None:
            self._reveal_reason()
            return
        if self._busy:
            return
        self.call_requested.emit(
            self.number_input.text(), self.current_mode(), self.current_caller_id()
        )

    def set_number(self, text: str) -> None:
        self.number_input.setText(text)
        self.number_input.setFocus()

    def focus_number(self) -> None:
        """The keyboard back on the number field (e.g. Up from the first matching contact)."""
        self.number_input.setFocus()

    def type_into_number(self, text: str) -> None:
        """Dial symbols typed where they mean nothing (a list, a button) go to the number."""
        self.number_input.type_symbols(text)

    def current_mode(self) -> DeliveryMode:
        return self.mode_switch.mode()

    def set_mode(self, mode: DeliveryMode) -> None:
        self.mode_switch.set_mode(mode)

    def current_caller_id(self) -> str | None:
        """The caller id chosen for the next call (None: the account's default)."""
        caller_id = self.caller_id_combo.currentData()
        return caller_id if isinstance(caller_id, str) else None

    def focus_call(self) -> None:
        self.call_button.setFocus()

    def show_side_panel(self, panel: QWidget) -> None:
        self.side_tabs.setCurrentWidget(panel)

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.call_button.setText(self.tr("Calling…") if busy else self.tr("Call"))
        self._update_call_enabled()

    def show_calling(self, attempt: CallAttempt) -> None:
        text = self.tr("Calling {number}…").format(number=attempt.display_number)
        self.outcome.show_outcome(text, "busy")

    def show_success(self, attempt: CallAttempt, result: CallResult) -> None:
        if attempt.request.mode is DeliveryMode.MOBILE:
            text = self.tr("Call initiated — your mobile will ring first, then {number}.")
        else:
            text = self.tr("Call initiated — your softphone will ring first, then {number}.")
        text = text.format(number=attempt.display_number)
        if result.request_id is None:
            text += "\n" + self.tr("The platform sent no usable request id for this call.")
        self.outcome.show_outcome(text, "success", request_id=result.request_id or "")

    def show_failure(self, attempt: CallAttempt, failure: CallFailure) -> None:
        text = self.tr("Call to {number} failed. {reason}").format(
            number=attempt.display_number, reason=translated(failure.message)
        )
        self.outcome.show_outcome(text, "error")

    def show_refusal(self, intent: object, refusal: CallRefusedError) -> None:
        """Nothing was sent; a call held back as a repeat offers a deliberate Call again."""
        again = getattr(intent, "calling_again", None) if refusal.kind == "repeat" else None
        self.outcome.show_outcome(
            translated(refusal.message),
            "info" if again else "error",
            again=again() if again else None,
        )

    def show_message(self, text: str, state: str = "info") -> None:
        """A side message (saved, imported, a database problem): never replaces the outcome.
        Sentences of the core are shown in the window's language."""
        self.notice.show_notice(translated(text), state)

    def show_undoable(self, text: str, undo: Callable[[], None]) -> None:
        """A notice with an Undo button (e.g. after deleting contacts); it fades."""
        self.notice.show_undoable(translated(text), undo)

    def add_side_tabs(self, titles: Sequence[str]) -> QTabWidget:
        """Tabs beside the dialpad, holding empty pages until ``set_side_panels`` fills them
        (the window paints before the panels exist)."""
        self.side_tabs = QTabWidget()
        self.side_tabs.setObjectName("sideTabs")
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.setAccessibleName(self.tr("Contacts, history and call lists"))
        for title in titles:
            self.side_tabs.addTab(QWidget(), title)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(6, 10, 14, 14)
        holder_layout.addWidget(self.side_tabs)
        splitter = QSplitter()  # horizontal
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        self._body_layout.removeWidget(self.dial_panel)
        self.dial_panel.setMinimumWidth(330)
        self.dial_panel.setMaximumWidth(460)
        splitter.addWidget(self.dial_panel)
        splitter.addWidget(holder)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        self._body_layout.insertWidget(0, splitter, 1)
        self.setMinimumSize(QSize(700, 560))
        self.resize(900, 660)
        self.number_input.setFocus()  # re-parenting moved the focus away
        return self.side_tabs

    def set_side_tab_title(self, panel: QWidget, title: str) -> None:
        """A side tab's title (e.g. the Lists tab with its progress)."""
        index = self.side_tabs.indexOf(panel)
        if index >= 0:
            self.side_tabs.setTabText(index, title)

    def set_side_panels(self, panels: Sequence[QWidget], first: int = 0) -> None:
        """Put the real panels in place of the empty pages from page ``first`` on, keeping
        titles and the tab shown."""
        tabs = self.side_tabs
        shown = tabs.currentIndex()
        focus = QApplication.focusWidget()
        for index, panel in enumerate(panels, start=first):
            placeholder, title = tabs.widget(index), tabs.tabText(index)
            tabs.removeTab(index)
            tabs.insertTab(index, panel, title)
            if placeholder is not None:
                placeholder.deleteLater()
        tabs.setCurrentIndex(shown)
        if focus is not None:
            focus.setFocus()

    # keyboard -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Dial symbols no widget took (the focus on a tab, a button, nowhere) go to the
        number field, so digits typed after switching tabs are not lost."""
        if is_dial_text(event):
            self.type_into_number(event.text())
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The number field: Down goes to the matching contacts; leaving it shows why the
        number cannot be called."""
        if watched is self.number_input:
            if event.type() == QEvent.Type.FocusOut:
                if self.number_input.text().strip():
                    self._reveal_reason()
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == _DOWN_KEY
                and is_plain_key(event)
            ):
                self.matches_requested.emit()
                return True
        return super().eventFilter(watched, event)

    # internals ------------------------------------------------------------------------
    def _on_key(self, symbol: str) -> None:
        self.number_input.type_symbols(symbol)

    def _on_backspace_pressed(self) -> None:
        self._cleared_by_hold = False
        self._clear_timer.start()

    def _on_backspace_clicked(self) -> None:
        if not self._cleared_by_hold:
            self.number_input.typing = True  # an edit like a key: a reason waits
            self.number_input.backspace()
            self.number_input.typing = False
        self._cleared_by_hold = False
        self.number_input.setFocus()

    def _clear_number(self) -> None:
        self._cleared_by_hold = True
        self.number_input.clear()

    def _on_number_parsed(self, number: PhoneNumber | None, reason: str) -> None:
        # A number being typed is not wrong yet: its reason waits for Enter or for the agent
        # to leave the field (a pasted or linked number says it at once).
        self._reason = translated(reason)
        self._reason_shown = not self.number_input.typing or self.number_input.final_reason
        if number is not None:
            self.preview_label.setText(number.display())
            set_style_state(self.preview_label, "valid")
        else:
            self._show_reason()
        self.call_button.setToolTip(self._reason or self.tr("Call the number (Enter)"))
        self._update_call_enabled()

    def _reveal_reason(self) -> None:
        if self.number_input.number is None and not self._reason_shown:
            self._reason_shown = True
            self._show_reason()

    def _show_reason(self) -> None:
        shown = self._reason if self._reason_shown else ""
        self.preview_label.setText(shown or " ")
        set_style_state(self.preview_label, "invalid" if shown else "")

    def _update_call_enabled(self) -> None:
        self.call_button.setEnabled(not self._busy and self.number_input.number is not None)

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing quits, unless the agent chose to keep the dialer in the tray."""
        if self.close_to_tray:
            event.ignore()
            self.hide_requested.emit()
            return
        self.quit_requested.emit()
        event.accept()


__all__ = ["DeliveryMode", "MainWindow"]
