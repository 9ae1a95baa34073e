"""The Lists tab: the current entry of the current call list, large, and the keys to work it.

Keyboard first: the entry (``callListCurrent``) has the focus; **Enter** calls it, **1**-**7**
give the disposition (6 asks when to call back), **→**/**Page Down** skip, **←**/**Page Up** go
back; **Alt+N** goes to the note, and **Enter** there comes back. The panel only shows and
asks: the app decides what is called and stores what is chosen.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateTimeEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.call_lists import (
    CALLABLE,
    DISPOSITION_KEYS,
    DISPOSITION_LABELS,
    EntryCheck,
    ListProgress,
    customer_time,
    entry_state_text,
    when_text,
)
from dialer_app.core.store import CallList, ListAttempt, ListEntry
from dialer_app.core.unicode_text import isolate, strip_invisible
from dialer_app.services.call_list_model import CallListModel, EntryIdRole, entry_number_text
from dialer_app.ui.core_text import QT_TRANSLATE_NOOP, translated
from dialer_app.ui.dialpad import is_dial_text
from dialer_app.ui.icons import icon

_KEYS_HELP = QT_TRANSLATE_NOOP(
    "ListsPanel", "Enter calls · 1–7 disposition · → skip · ← back · Alt+N note"
)
_HELD_BACK = "#c62828"
_MAX_ATTEMPTS_SHOWN = 5
_MOST_COLUMNS = 4  # disposition buttons in a row
_CELL_CHARS = 300


class EntryCard(QLabel):
    """The current entry as one focusable block of text (read whole by screen readers)."""

    call_requested = Signal()
    disposition_key = Signal(str)  # "1" … "7"
    skip_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("callListCurrent")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setMinimumHeight(190)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setToolTip(_tr(_KEYS_HELP))
        self._plain = ""

    def set_content(self, rich: str, plain: str) -> None:
        self.setText(rich)
        self._plain = plain
        self.setAccessibleName(plain)
        self.setAccessibleDescription(_tr(_KEYS_HELP))

    def plain_text(self) -> str:
        """What the card says, without markup."""
        return self._plain

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, text = event.key(), event.text()
        if event.isAutoRepeat() and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # a held Enter is one call
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.call_requested.emit()
        elif text in DISPOSITION_KEYS and not event.isAutoRepeat():
            self.disposition_key.emit(text)
        elif is_dial_text(event):
            return  # 8, 9, 0, + on the card mean nothing: never a number typed elsewhere
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown):
            self.skip_requested.emit()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_PageUp):
            self.back_requested.emit()
        else:
            super().keyPressEvent(event)


class ListsPanel(QWidget):
    """Emits what the agent asks for; shows what the app tells it."""

    call_requested = Signal()
    disposition_chosen = Signal(str, str, object)  # disposition, note, callback datetime | None
    skip_requested = Signal()
    back_requested = Signal()
    entry_chosen = Signal(int)  # an entry picked in the table
    list_chosen = Signal(int)  # a list picked in the list menu
    looked_at = Signal()  # the tab was shown or its window activated: worth a fresh look
    import_requested = Signal()
    export_requested = Signal()
    delete_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callListsPanel")
        self._busy = False
        self._can_call = False
        self._entry: ListEntry | None = None
        self._list: CallList | None = None
        self._showing: tuple[ListEntry, CallList, EntryCheck, list[ListAttempt], str] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self._top_row())
        self.progress = QProgressBar()
        self.progress.setObjectName("callListProgress")
        self.progress.setAccessibleName(self.tr("List progress"))
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("No list"))
        layout.addWidget(self.progress)
        self.card = EntryCard()
        self.card.call_requested.connect(self.request_call)
        self.card.disposition_key.connect(self._disposition_key)
        self.card.skip_requested.connect(self.skip_requested)
        self.card.back_requested.connect(self.back_requested)
        layout.addWidget(self.card, 2)
        layout.addLayout(self._call_row())
        layout.addLayout(self._disposition_grid())
        layout.addLayout(self._note_row())
        layout.addWidget(self._callback_row())
        layout.addWidget(self._table(), 1)
        self._clock = QTimer(self, interval=30_000)
        self._clock.timeout.connect(self._refresh_card)
        self._clock.start()
        self.show_empty(self.tr("Loading the call lists…"))

    # building -------------------------------------------------------------------------
    def _top_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.list_choice = QComboBox()
        self.list_choice.setObjectName("callListChoice")
        self.list_choice.setAccessibleName(self.tr("Call list"))
        self.list_choice.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.list_choice.activated.connect(self._list_activated)
        row.addWidget(self.list_choice, 1)
        self.import_button = QToolButton()
        self.import_button.setObjectName("callListImportButton")
        self.import_button.setIcon(icon("import"))
        self.import_button.setText(self.tr("Import list…"))
        self.import_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.import_button.setAutoRaise(True)
        self.import_button.clicked.connect(self.import_requested)
        row.addWidget(self.import_button)
        more = QMenu(self)
        self.export_action = more.addAction(icon("export"), self.tr("&Export results…"))
        self.export_action.setObjectName("callListExportAction")
        self.export_action.triggered.connect(self.export_requested)
        self.delete_action = more.addAction(self.tr("&Delete this list…"))
        self.delete_action.setObjectName("callListDeleteAction")
        self.delete_action.triggered.connect(self.delete_requested)
        self.more_button = QToolButton()
        self.more_button.setObjectName("callListMoreButton")
        self.more_button.setText("⋯")
        self.more_button.setAccessibleName(self.tr("More list actions"))
        self.more_button.setToolTip(self.tr("More list actions"))
        self.more_button.setAutoRaise(True)
        self.more_button.setMenu(more)
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        row.addWidget(self.more_button)
        return row

    def _call_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("‹ Back"))
        self.back_button.setObjectName("callListBackButton")
        self.back_button.setAccessibleName(self.tr("Previous entry"))
        self.back_button.setToolTip(self.tr("The previous entry (← or Page Up)"))
        self.back_button.clicked.connect(self.back_requested)
        self.call_button = QPushButton(icon("call", "#ffffff"), self.tr("Call"))
        self.call_button.setObjectName("callListCallButton")
        self.call_button.setAccessibleName(self.tr("Call this entry"))
        self.call_button.setToolTip(self.tr("Call this entry (Enter)"))
        self.call_button.setIconSize(QSize(20, 20))
        self.call_button.setMinimumHeight(42)
        self.call_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.call_button.clicked.connect(self.request_call)
        self.skip_button = QPushButton(self.tr("Skip ›"))
        self.skip_button.setObjectName("callListSkipButton")
        self.skip_button.setAccessibleName(self.tr("Skip this entry"))
        self.skip_button.setToolTip(
            self.tr("Leave this entry for later and show the next (→ or Page Down)")
        )
        self.skip_button.clicked.connect(self.skip_requested)
        for button in (self.back_button, self.skip_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.setMinimumHeight(42)
        row.addWidget(self.back_button)
        row.addWidget(self.call_button, 1)
        row.addWidget(self.skip_button)
        return row

    def _disposition_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(6)
        self.disposition_buttons: dict[str, QPushButton] = {}
        for index, (key, disposition) in enumerate(DISPOSITION_KEYS.items()):
            label = translated(DISPOSITION_LABELS[disposition])
            button = QPushButton(f"&{key} {label}")
            button.setObjectName(f"callListDisposition_{disposition}")
            button.setAccessibleName(label.rstrip("…"))
            button.setToolTip(
                self.tr("{label} (key {key}, or Alt+{key})").format(label=label, key=key)
            )
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            button.clicked.connect(lambda _checked=False, k=key: self._disposition_key(k))
            grid.addWidget(button, index // _MOST_COLUMNS, index % _MOST_COLUMNS)
            self.disposition_buttons[disposition] = button
        self._grid = grid
        self._columns = _MOST_COLUMNS
        return grid

    def _fit_dispositions(self) -> None:
        """As many buttons in a row as fit whole (four in English, fewer in a language with
        longer words): a button's text is never cut."""
        buttons = list(self.disposition_buttons.values())
        widest = max(button.sizeHint().width() for button in buttons)
        spacing = self._grid.horizontalSpacing()
        fit = (self.width() + spacing) // (widest + spacing) if self.width() > 0 else 0
        columns = max(1, min(_MOST_COLUMNS, fit))
        if columns == self._columns:
            return
        self._columns = columns
        for button in buttons:
            self._grid.removeWidget(button)
        for index, button in enumerate(buttons):
            self._grid.addWidget(button, index // columns, index % columns)

    def _note_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(self.tr("&Note"))
        self.note = QLineEdit()
        self.note.setObjectName("callListNote")
        self.note.setAccessibleName(self.tr("Note about this call"))
        self.note.setPlaceholderText(self.tr("What was said (saved with the disposition)"))
        self.note.setMaxLength(2000)
        self.note.returnPressed.connect(self.focus_current)
        label.setBuddy(self.note)
        row.addWidget(label)
        row.addWidget(self.note, 1)
        return row

    def _callback_row(self) -> QWidget:
        self.callback_box = QWidget()
        self.callback_box.setObjectName("callListCallbackBox")
        row = QHBoxLayout(self.callback_box)
        row.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("Call bac&k at"))
        self.callback_time = QDateTimeEdit()
        self.callback_time.setObjectName("callListCallbackTime")
        self.callback_time.setAccessibleName(self.tr("When to call back"))
        self.callback_time.setCalendarPopup(True)
        self.callback_time.setDisplayFormat("ddd dd MMM yyyy  HH:mm")
        self.callback_time.installEventFilter(self)
        edit = self.callback_time.findChild(QLineEdit)
        if edit is not None:  # the editable part a screen reader meets
            edit.setAccessibleName(self.callback_time.accessibleName())
        label.setBuddy(self.callback_time)
        confirm = QPushButton(self.tr("Set call back"))
        confirm.setObjectName("callListCallbackSet")
        confirm.clicked.connect(self._confirm_callback)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setObjectName("callListCallbackCancel")
        cancel.clicked.connect(self._cancel_callback)
        row.addWidget(label)
        row.addWidget(self.callback_time, 1)
        row.addWidget(confirm)
        row.addWidget(cancel)
        self.callback_box.setVisible(False)
        return self.callback_box

    def _table(self) -> QTableView:
        self.model = CallListModel(self, translated)
        self.table = QTableView()
        self.table.setObjectName("callListEntries")
        self.table.setAccessibleName(self.tr("Entries of the list"))
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        rows = self.table.verticalHeader()  # fixed heights: only the rows on screen are read
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        # Fixed widths, never "resize to contents": that reads every row on each change.
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, metrics.horizontalAdvance("100000") + 12)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, metrics.horizontalAdvance("+91 92000 00000 00") + 12)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._row_activated)
        self.table.doubleClicked.connect(self._row_activated)
        self.table.setMinimumHeight(110)
        return self.table

    # what the app tells ---------------------------------------------------------------
    def set_lists(self, lists: Sequence[CallList]) -> None:
        """The lists in the menu, the current one chosen."""
        self.list_choice.clear()
        for found in lists:
            self.list_choice.addItem(f"{found.name}  ({found.done} / {found.total})", found.id)
            if found.current:
                self.list_choice.setCurrentIndex(self.list_choice.count() - 1)
        self.list_choice.setEnabled(bool(lists))
        self.export_action.setEnabled(bool(lists))
        self.delete_action.setEnabled(bool(lists))

    def set_entries(
        self,
        call_list: CallList | None,
        entries: Sequence[ListEntry],
        checks: Mapping[int, EntryCheck],
    ) -> None:
        self._list = call_list
        self.model.set_entries(entries, checks)

    def update_entry(self, entry: ListEntry) -> None:
        self.model.update_entry(entry)

    def checks_changed(self) -> None:
        self.model.checks_changed()

    def set_progress(self, progress: ListProgress) -> None:
        index = self.list_choice.currentIndex()
        if self._list is not None and index >= 0:
            label = f"{self._list.name}  ({progress.done} / {progress.total})"
            self.list_choice.setItemText(index, label)
        self.progress.setRange(0, max(progress.total, 1))
        self.progress.setValue(progress.done)
        self.progress.setFormat(translated(progress.text))
        self.progress.setAccessibleDescription(translated(progress.text))

    def show_entry(
        self,
        entry: ListEntry,
        call_list: CallList,
        check: EntryCheck = CALLABLE,
        attempts: Sequence[ListAttempt] = (),
        phase: str = "",
    ) -> None:
        """The entry to work on, with what happened to it so far; ``phase`` says where the
        call stands ("Calling…", "Call placed …: what happened? 1–7", a failure)."""
        self._entry, self._list = entry, call_list
        self._showing = (entry, call_list, check, list(attempts), phase)
        self._can_call = check.callable  # a done entry too: Enter calls it again
        self._refresh_card()
        self._update_buttons()
        row = self.model.row_of(entry.id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def show_empty(self, text: str) -> None:
        """No entry to work on (no list, or everything done for now)."""
        self._entry, self._showing, self._can_call = None, None, False
        escaped = html.escape(text)
        self.card.set_content(f"<p style='font-size:15px'>{escaped}</p>", text)
        self._update_buttons()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.call_button.setText(self.tr("Calling…") if busy else self.tr("Call"))
        self._update_buttons()

    def focus_current(self) -> None:
        self.card.setFocus(Qt.FocusReason.OtherFocusReason)

    def note_text(self) -> str:
        return self.note.text()

    def clear_note(self) -> None:
        self.note.clear()
        self._cancel_callback()

    def current_entry_id(self) -> int | None:
        return None if self._entry is None else self._entry.id

    def ask_callback_time(self, suggested: datetime) -> None:
        """Show the call-back time field (disposition 6) with ``suggested`` in it."""
        local = suggested.astimezone()
        self.callback_time.setDateTime(
            QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)
        )
        self.callback_time.setMinimumDateTime(QDateTime.currentDateTime().addSecs(-60))
        self.callback_box.setVisible(True)
        self.callback_time.setFocus(Qt.FocusReason.OtherFocusReason)
        self.callback_time.setSelectedSection(QDateTimeEdit.Section.HourSection)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Keys no control of the tab took (a button, the table has the focus): 1-7 are
        still dispositions, and no digit goes on to the number field of the dial panel."""
        if event.text() in DISPOSITION_KEYS and not event.isAutoRepeat() and is_dial_text(event):
            self._disposition_key(event.text())
            return
        if is_dial_text(event):
            return
        super().keyPressEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_dispositions()

    def showEvent(self, event: QShowEvent) -> None:
        """Showing the tab (a click, Alt+L) puts the keyboard on the entry."""
        super().showEvent(event)
        focused = QApplication.focusWidget()
        if focused is None or not self.isAncestorOf(focused):
            QTimer.singleShot(0, self.focus_current)
        self.looked_at.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        activated = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if activated and self.isVisible():
            self.looked_at.emit()

    # internals ------------------------------------------------------------------------
    def request_call(self) -> None:
        if self._can_call and not self._busy:
            self.call_requested.emit()

    def _disposition_key(self, key: str) -> None:
        if self._entry is None:
            return
        disposition = DISPOSITION_KEYS[key]
        if disposition == "callback":
            suggested = (datetime.now().astimezone() + timedelta(hours=1)).replace(
                minute=0, second=0, microsecond=0
            )
            self.ask_callback_time(suggested)
            return
        self.disposition_chosen.emit(disposition, self.note.text(), None)

    def _confirm_callback(self) -> None:
        chosen = self.callback_time.dateTime().toPython()
        assert isinstance(chosen, datetime)
        self.callback_box.setVisible(False)
        self.disposition_chosen.emit("callback", self.note.text(), chosen.astimezone())

    def _cancel_callback(self) -> None:
        if self.callback_box.isVisible():
            self.callback_box.setVisible(False)
            self.focus_current()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the call-back time sets it, Esc takes it back."""
        if (
            watched is self.callback_time
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._confirm_callback()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self._cancel_callback()
                return True
        return super().eventFilter(watched, event)

    def _list_activated(self, index: int) -> None:
        list_id = self.list_choice.itemData(index)
        if isinstance(list_id, int) and (self._list is None or list_id != self._list.id):
            self.list_chosen.emit(list_id)

    def _row_activated(self, index: QModelIndex) -> None:
        entry_id = index.data(EntryIdRole)
        if isinstance(entry_id, int):
            self.entry_chosen.emit(entry_id)
            self.focus_current()

    def _update_buttons(self) -> None:
        has_entry = self._entry is not None
        self.call_button.setEnabled(self._can_call and not self._busy)
        for button in self.disposition_buttons.values():
            button.setEnabled(has_entry)
        self.skip_button.setEnabled(has_entry)
        self.back_button.setEnabled(self._list is not None)
        self.note.setEnabled(has_entry)

    def _refresh_card(self) -> None:
        if self._showing is None:
            return
        rich, plain = card_text(*self._showing, now=datetime.now().astimezone())
        self.card.set_content(rich, plain)


def card_text(
    entry: ListEntry,
    call_list: CallList,
    check: EntryCheck,
    attempts: Sequence[ListAttempt],
    phase: str,
    *,
    now: datetime,
) -> tuple[str, str]:
    """The card's rich text and the same as plain text. Everything from the file or the
    server is escaped and isolated: a cell can neither format the card nor reorder it."""
    rich: list[str] = []
    plain: list[str] = []

    def add(text: str, style: str = "") -> None:
        plain.append(text)
        rich.append(f"<div style='{style}'>{html.escape(text)}</div>")

    state = translated(entry_state_text(entry))
    heading = QCoreApplication.translate("ListsPanel", "Entry {id} of {total} · {state}").format(
        id=entry.id, total=call_list.total, state=state
    )
    add(heading, "color: palette(placeholder-text)")
    add(
        isolate(entry.name) or QCoreApplication.translate("ListsPanel", "(no name)"),
        "font-size: 22px; font-weight: 600",
    )
    add(entry_number_text(entry), "font-size: 17px")
    local = customer_time(entry.digits, now)
    if local is not None:
        add(translated(local.text))
    if not check.callable:
        if check.state == "blocked":
            held = QCoreApplication.translate("ListsPanel", "Blocked: {reason}")
        else:
            held = QCoreApplication.translate("ListsPanel", "Not dialable: {reason}")
        add(held.format(reason=translated(check.reason)), f"color: {_HELD_BACK}; font-weight: 600")
    if phase:
        add(phase, "font-weight: 600")
    fields: list[tuple[str, str]] = []
    for index in call_list.shown_columns:
        value = entry.cells[index] if index < len(entry.cells) else ""
        if value.strip() and index < len(call_list.columns):
            fields.append((strip_invisible(call_list.columns[index]), value[:_CELL_CHARS]))
    if fields:
        rows = "".join(
            f"<tr><td style='color: palette(placeholder-text); padding-right: 10px'>"
            f"{html.escape(column)}</td><td>{html.escape(isolate(value))}</td></tr>"
            for column, value in fields
        )
        rich.append(f"<table style='margin-top: 6px'>{rows}</table>")
        plain.extend(f"{column}: {isolate(value)}" for column, value in fields)
    if entry.note and entry.status == "done":
        add(
            QCoreApplication.translate("ListsPanel", "Note: {note}").format(
                note=isolate(entry.note)
            )
        )
    if attempts:
        add(
            QCoreApplication.translate("ListsPanel", "Past calls:"),
            "margin-top: 6px; font-weight: 600",
        )
        for attempt in list(attempts)[-_MAX_ATTEMPTS_SHOWN:]:
            add(_attempt_text(attempt), "margin-left: 10px")
    return "".join(rich), "\n".join(plain)


def _attempt_text(attempt: ListAttempt) -> str:
    if attempt.outcome == "started":
        what = QCoreApplication.translate(
            "ListsPanel", "may have rung (the app stopped before the answer)"
        )
    elif attempt.outcome == "initiated":
        what = QCoreApplication.translate("ListsPanel", "call placed")
    else:
        reason = translated(attempt.error_text or "") or QCoreApplication.translate(
            "ListsPanel", "no answer from the platform"
        )
        what = QCoreApplication.translate("ListsPanel", "failed: {reason}").format(reason=reason)
    text = f"{when_text(attempt.started_at)}: {what}"
    if attempt.request_id:
        text += " " + QCoreApplication.translate("ListsPanel", "(request id {id})").format(
            id=attempt.request_id
        )
    if attempt.disposition:
        text += f" · {translated(DISPOSITION_LABELS[attempt.disposition]).rstrip('…')}"
    if attempt.note:
        text += f": {isolate(attempt.note)}"
    return text


def _tr(text: str) -> str:
    """``text`` (a source text of this module) in the window's language."""
    return QCoreApplication.translate("ListsPanel", text)
