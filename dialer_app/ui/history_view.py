"""Call history beside the dialpad: filter, redial, copy, add to contacts, export."""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Final

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
    QTextLayout,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.phone import InvalidNumberError, normalize
from dialer_app.core.redact import redact
from dialer_app.core.store import CallMode, CallOutcome, HistoryEntry
from dialer_app.ui.call_time import full_time_label, time_label
from dialer_app.ui.core_text import QT_TRANSLATE_NOOP, translated
from dialer_app.ui.icons import icon
from dialer_app.ui.list_keys import handle_list_keys, search_field
from dialer_app.ui.two_line_delegate import ItemIndex, Line, TwoLineDelegate, title_and_subtitle

__all__ = [
    "EntryRole",
    "HistoryFilterModel",
    "HistoryPanel",
    "formatted_number",
    "full_time_label",
    "time_label",
]

EntryRole: Final = Qt.ItemDataRole.UserRole + 1  # the HistoryEntry (column 0)
SearchTextRole: Final = Qt.ItemDataRole.UserRole + 2  # casefolded searchable text (column 0)
SecondLineRole: Final = Qt.ItemDataRole.UserRole + 3  # muted second line (who column)

OUTCOME_COLUMN, TIME_COLUMN, WHO_COLUMN, MODE_COLUMN, DETAIL_COLUMN = range(5)
_HEADERS: Final = (
    "",
    QT_TRANSLATE_NOOP("HistoryPanel", "Time"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Contact"),
    "",
    QT_TRANSLATE_NOOP("HistoryPanel", "Details"),
)
_HEADER_TIPS: Final = (
    QT_TRANSLATE_NOOP("HistoryPanel", "Outcome"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Local time of the call"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Contact or number"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Softphone or mobile"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Request id, or why the call failed"),
)
_ICON_COLUMN_WIDTH: Final = 30
_CELL_MARGIN: Final = 8
_DETAIL_SHARE: Final = 0.4
_MIN_DETAIL_WIDTH: Final = 60
_WIDEST_TIMES: Final = ("28 May 00:00", "28 May 2024")
_ERROR_COLOR: Final = "#c62828"
_PHONE_QUERY_CHARS: Final = frozenset("0123456789+-(). ")
_EXPORT_FILE_NAME: Final = "call-history.csv"

_OUTCOME_LABELS: Final[dict[CallOutcome, str]] = {
    "initiated": QT_TRANSLATE_NOOP("HistoryPanel", "Initiated"),
    "failed": QT_TRANSLATE_NOOP("HistoryPanel", "Failed"),
    "cancelled": QT_TRANSLATE_NOOP("HistoryPanel", "Cancelled"),
}
_MODE_LABELS: Final[dict[CallMode, str]] = {
    "softphone": QT_TRANSLATE_NOOP("HistoryPanel", "Softphone"),
    "mobile": QT_TRANSLATE_NOOP("HistoryPanel", "Mobile"),
}
_SANDBOX_DETAIL: Final = QT_TRANSLATE_NOOP("HistoryPanel", "Sandbox, no real call · {detail}")
_SANDBOX_TOOLTIP: Final = QT_TRANSLATE_NOOP(
    "HistoryPanel", "On the built-in sandbox: no real call was placed."
)
_SANDBOX_OUTCOME: Final = QT_TRANSLATE_NOOP("HistoryPanel", "{outcome} (sandbox)")
_MODES: Final[tuple[CallMode, ...]] = ("softphone", "mobile")
_MODE_ICONS: Final[dict[CallMode, str]] = {"softphone": "headset", "mobile": "mobile"}
_OUTCOME_FILTERS: Final[tuple[tuple[str, CallOutcome | None], ...]] = (
    (QT_TRANSLATE_NOOP("HistoryPanel", "All"), None),
    (QT_TRANSLATE_NOOP("HistoryPanel", "Initiated"), "initiated"),
    (QT_TRANSLATE_NOOP("HistoryPanel", "Failed"), "failed"),
)


def _tr(text: str) -> str:
    """``text`` (a source text of this module) in the window's language."""
    return QCoreApplication.translate("HistoryPanel", text)


def _local_now() -> datetime:
    return datetime.now().astimezone()


@lru_cache(maxsize=2048)
def _number_facts(digits: str) -> tuple[str, str]:
    """('+91 92000 00000', 'India') for API digits; the digits and '' if not a valid number."""
    try:
        number = normalize("+" + digits, None)
    except InvalidNumberError:
        return digits, ""
    return number.international, number.country_name


def formatted_number(entry: HistoryEntry) -> str:
    """The number as the agent reads it (the stored display text if there are no digits)."""
    return _number_facts(entry.number_digits)[0] if entry.number_digits else entry.number_display


def _entry_key(entry: HistoryEntry) -> Hashable:
    return entry.id if entry.id is not None else entry


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _detail_text(entry: HistoryEntry) -> str:
    if entry.outcome == "initiated":
        detail = entry.request_id or ""
    else:
        fallback = _tr(_OUTCOME_LABELS[entry.outcome])
        detail = _one_line(translated(redact(entry.error_text or ""))) or fallback
    return _tr(_SANDBOX_DETAIL).format(detail=detail) if entry.sandbox else detail


def _search_text(entry: HistoryEntry) -> str:
    fields = (
        entry.number_digits,
        entry.number_display,
        formatted_number(entry),
        entry.contact_name,
        entry.request_id or "",
        redact(entry.error_text or ""),
        "sandbox" if entry.sandbox else "",
    )
    return "\n".join(fields).casefold()


def _tooltip(entry: HistoryEntry) -> str:
    """Rich text (so long errors wrap) summarising the whole call."""
    number = formatted_number(entry)
    lines = [f"<b>{html.escape(entry.contact_name)}</b>"] if entry.contact_name else []
    lines.append(html.escape(number))
    mode = _tr(_MODE_LABELS[entry.mode])
    lines.append(f"{html.escape(full_time_label(entry.started_at))} · {mode}")
    if entry.caller_id:
        lines.append(
            QCoreApplication.translate("HistoryPanel", "Caller ID: {caller_id}").format(
                caller_id=html.escape(entry.caller_id)
            )
        )
    if entry.request_id:
        lines.append(
            QCoreApplication.translate("HistoryPanel", "Request id: {id}").format(
                id=html.escape(entry.request_id)
            )
        )
    if entry.sandbox:
        lines.append(_tr(_SANDBOX_TOOLTIP))
    if entry.outcome != "initiated":
        error = html.escape(translated(redact(entry.error_text or ""))).replace("\n", "<br>")
        label = _tr(_OUTCOME_LABELS[entry.outcome])
        lines.append(f"<b>{label}</b>: {error}" if error else f"<b>{label}</b>")
    return "<qt>" + "<br>".join(lines) + "</qt>"


def _greyed(source: QIcon) -> QIcon:
    """The disabled-looking variant of ``source`` as a normal icon (for cancelled calls)."""
    result = QIcon()
    for size in (16, 20, 24, 32):
        result.addPixmap(source.pixmap(QSize(size, size), QIcon.Mode.Disabled))
    return result


class HistoryFilterModel(QSortFilterProxyModel):
    """Keeps rows whose text contains the query (digits also match the bare number)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._digits = ""
        self._outcome: CallOutcome | None = None

    @property
    def query(self) -> str:
        return self._query

    @property
    def outcome(self) -> CallOutcome | None:
        return self._outcome

    def set_query(self, text: str) -> None:
        query = text.strip().casefold()
        if query == self._query:
            return
        phone_like = bool(query) and set(query) <= _PHONE_QUERY_CHARS
        digits = "".join(ch for ch in query if ch.isdigit()) if phone_like else ""
        with self._filter_change():
            self._query, self._digits = query, digits

    def set_outcome(self, outcome: CallOutcome | None) -> None:
        if outcome != self._outcome:
            with self._filter_change():
                self._outcome = outcome

    @contextmanager
    def _filter_change(self) -> Iterator[None]:
        """Bracket a change of the filter criteria (Qt 6.10 replaced invalidateRowsFilter)."""
        if not hasattr(self, "endFilterChange"):
            yield
            self.invalidateRowsFilter()
            return
        self.beginFilterChange()
        yield
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        index = self.sourceModel().index(source_row, 0, source_parent)
        entry: HistoryEntry = index.data(EntryRole)
        if self._outcome is not None and entry.outcome != self._outcome:
            return False
        if not self._query:
            return True
        if self._digits and self._digits in entry.number_digits:
            return True
        return self._query in str(index.data(SearchTextRole))


class _WhoDelegate(TwoLineDelegate):
    """Contact name (or number) in semibold with the number (or country) muted below it."""

    def lines(
        self, option: QStyleOptionViewItem, index: ItemIndex, width: int, selected: bool
    ) -> list[Line]:
        second = str(index.data(SecondLineRole) or "")
        return title_and_subtitle(option, str(index.data() or ""), second or None, selected)


class _DetailDelegate(TwoLineDelegate):
    """The request id or error, word-wrapped onto at most two lines in the item's colour."""

    def lines(
        self, option: QStyleOptionViewItem, index: ItemIndex, width: int, selected: bool
    ) -> list[Line]:
        palette = option.palette
        brush = index.data(Qt.ItemDataRole.ForegroundRole)
        if selected:
            color = palette.highlightedText().color()
        else:
            color = brush.color() if isinstance(brush, QBrush) else palette.text().color()
        font = QFont(option.font)
        return [(text, font, color) for text in _wrap_in_two(str(index.data() or ""), font, width)]


def _wrap_in_two(text: str, font: QFont, width: int) -> list[str]:
    """``text`` broken at a word boundary into a line fitting ``width`` and the rest."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    end = len(text)
    if line.isValid():
        line.setLineWidth(width)
        end = line.textStart() + line.textLength()
    layout.endLayout()
    first, rest = text[:end].rstrip(), text[end:].lstrip()
    return [first, rest] if rest else [first]


class HistoryPanel(QWidget):
    """The call list and its filters; emits what the agent asks for, the app does the work."""

    redial_requested = Signal(object)  # HistoryEntry (mode possibly replaced)
    add_contact_requested = Signal(object)  # HistoryEntry
    export_requested = Signal(str)  # path chosen by the agent
    dial_typed = Signal(str)  # digits, + * # typed on the list: for the number field

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], datetime] = _local_now
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyPanel")
        self.setAccessibleName(self.tr("Call history panel"))
        self._clock = clock
        self._entries: list[HistoryEntry] = []
        self._icons: dict[str, QIcon] = {}
        self.export_directory = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(self._build_toolbar())

        self.model = QStandardItemModel(0, len(_HEADERS), self)
        for column, (title, tip) in enumerate(zip(_HEADERS, _HEADER_TIPS, strict=True)):
            self.model.setHeaderData(column, Qt.Orientation.Horizontal, _tr(title) if title else "")
            if tip:
                self.model.setHeaderData(
                    column, Qt.Orientation.Horizontal, _tr(tip), Qt.ItemDataRole.ToolTipRole
                )
        self.proxy = HistoryFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.view = self._build_view()
        layout.addWidget(self.view, 1)

        self.empty_label = QLabel("")
        self.empty_label.setObjectName("historyEmptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        layout.addWidget(self.empty_label, 1)  # takes the list's place while it is hidden
        self.count_label = QLabel("")
        self.count_label.setObjectName("historyCount")
        self.count_label.setEnabled(False)
        layout.addWidget(self.count_label)
        self.search.installEventFilter(self)  # once self.view exists: eventFilter uses it
        self._update_state()

    # construction ---------------------------------------------------------------------
    def _build_toolbar(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.search = search_field(
            "historySearch", self.tr("Search call history"), self.tr("Search calls")
        )
        self.search.textChanged.connect(self._query_changed)
        self.search.returnPressed.connect(self.redial_current)
        top.addWidget(self.search, 1)
        self.outcome_filter = QComboBox()
        self.outcome_filter.setObjectName("historyOutcomeFilter")
        self.outcome_filter.setAccessibleName(self.tr("Show calls by outcome"))
        self.outcome_filter.setToolTip(self.tr("Show calls by outcome"))
        for label, outcome in _OUTCOME_FILTERS:
            self.outcome_filter.addItem(_tr(label), outcome)
        self.outcome_filter.currentIndexChanged.connect(self._outcome_changed)
        top.addWidget(self.outcome_filter)
        self.export_action = QAction(icon("export"), self.tr("&Export history…"), self)
        self.export_action.setObjectName("exportHistoryAction")
        self.export_action.setToolTip(self.tr("Export the call history to a CSV file"))
        self.export_action.triggered.connect(self.export_history)
        button = QToolButton()
        button.setObjectName("exportHistoryButton")
        button.setDefaultAction(self.export_action)
        button.setAutoRaise(True)
        button.setAccessibleName(self.tr("Export history"))
        top.addWidget(button)
        return top

    def _build_view(self) -> QTreeView:
        view = QTreeView()
        view.setObjectName("historyView")
        view.setAccessibleName(self.tr("Call history"))
        view.setAccessibleDescription(
            self.tr("Enter calls the selected number again; Ctrl+C copies it; Menu key for more")
        )
        view.setModel(self.proxy)
        view.setRootIsDecorated(False)
        view.setUniformRowHeights(True)  # only the first row is measured
        view.setAllColumnsShowFocus(True)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setIconSize(QSize(16, 16))
        view.setItemDelegateForColumn(WHO_COLUMN, _WhoDelegate(view, margin=_CELL_MARGIN // 2))
        view.setItemDelegateForColumn(
            DETAIL_COLUMN, _DetailDelegate(view, margin=_CELL_MARGIN // 2)
        )
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._context_menu)
        view.doubleClicked.connect(self._redial_index)
        view.installEventFilter(self)
        view.viewport().installEventFilter(self)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionsMovable(False)
        header.setMinimumSectionSize(_ICON_COLUMN_WIDTH)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        modes = {
            OUTCOME_COLUMN: QHeaderView.ResizeMode.Fixed,
            TIME_COLUMN: QHeaderView.ResizeMode.Fixed,
            WHO_COLUMN: QHeaderView.ResizeMode.Stretch,
            MODE_COLUMN: QHeaderView.ResizeMode.Fixed,
            DETAIL_COLUMN: QHeaderView.ResizeMode.Fixed,  # see _fit_detail_column
        }
        for column, mode in modes.items():
            header.setSectionResizeMode(column, mode)
        view.setColumnWidth(OUTCOME_COLUMN, _ICON_COLUMN_WIDTH)
        view.setColumnWidth(MODE_COLUMN, _ICON_COLUMN_WIDTH)
        metrics = view.fontMetrics()
        widest_time = max(metrics.horizontalAdvance(text) for text in _WIDEST_TIMES)
        view.setColumnWidth(TIME_COLUMN, widest_time + 2 * _CELL_MARGIN)
        return view

    # public ---------------------------------------------------------------------------
    def set_entries(self, entries: list[HistoryEntry]) -> None:
        """Show ``entries`` in the given order (newest first); filter and selection are kept."""
        current = self.current_entry(fallback=False)
        kept = _entry_key(current) if current is not None else None
        self._entries = list(entries)
        self.model.setRowCount(0)
        now = self._clock()
        for entry in self._entries:
            self.model.appendRow(self._row_items(entry, now))
        if kept is not None:
            self._select_key(kept)
        self._update_state()

    def add_entry(self, entry: HistoryEntry, limit: int = 500) -> None:
        """Put one new call on top without rebuilding the list (this runs after every call)."""
        self._entries.insert(0, entry)
        self.model.insertRow(0, self._row_items(entry, self._clock()))
        while len(self._entries) > limit:
            self._entries.pop()
            self.model.removeRow(self.model.rowCount() - 1)
        self._update_state()

    def entries(self) -> list[HistoryEntry]:
        """Every entry last given to :meth:`set_entries`, filtered or not."""
        return list(self._entries)

    def visible_entries(self) -> list[HistoryEntry]:
        """The entries the filters let through, in display order."""
        return [self._entry_at(self.proxy.index(row, 0)) for row in range(self.proxy.rowCount())]

    def current_entry(self, fallback: bool = True) -> HistoryEntry | None:
        """The selected entry; with ``fallback``, the top visible one when none is selected."""
        index = self.view.currentIndex()
        if not index.isValid() and fallback and self.proxy.rowCount() > 0:
            index = self.proxy.index(0, 0)
        return self._entry_at(index) if index.isValid() else None

    def redial_current(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.redial_requested.emit(entry)

    def copy_number(self, entry: HistoryEntry) -> None:
        QGuiApplication.clipboard().setText(formatted_number(entry))

    def export_history(self) -> None:
        path = self._ask_export_path()
        if path:
            self.export_directory = str(Path(path).parent)
            self.export_requested.emit(path)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # rows -----------------------------------------------------------------------------
    def _row_items(self, entry: HistoryEntry, now: datetime) -> list[QStandardItem]:
        tooltip = _tooltip(entry)
        items = [QStandardItem() for _ in _HEADERS]
        outcome, mode = _tr(_OUTCOME_LABELS[entry.outcome]), _tr(_MODE_LABELS[entry.mode])
        if entry.sandbox:
            outcome = _tr(_SANDBOX_OUTCOME).format(outcome=outcome)
        number = formatted_number(entry)
        items[OUTCOME_COLUMN].setIcon(self._outcome_icon(entry.outcome))
        items[OUTCOME_COLUMN].setData(entry, EntryRole)
        items[OUTCOME_COLUMN].setData(_search_text(entry), SearchTextRole)
        items[TIME_COLUMN].setText(time_label(entry.started_at, now))
        items[TIME_COLUMN].setData(
            full_time_label(entry.started_at), Qt.ItemDataRole.AccessibleTextRole
        )
        if entry.contact_name:
            items[WHO_COLUMN].setText(entry.contact_name)
            items[WHO_COLUMN].setData(number, SecondLineRole)
        else:
            items[WHO_COLUMN].setText(number)
            items[WHO_COLUMN].setData(_number_facts(entry.number_digits)[1], SecondLineRole)
        who = ", ".join(part for part in (entry.contact_name, number) if part)
        items[WHO_COLUMN].setData(who, Qt.ItemDataRole.AccessibleTextRole)
        items[MODE_COLUMN].setIcon(self._mode_icon(entry.mode))
        items[DETAIL_COLUMN].setText(_detail_text(entry))
        if entry.outcome == "failed":
            items[DETAIL_COLUMN].setForeground(QColor(_ERROR_COLOR))
        elif entry.outcome == "initiated":
            items[DETAIL_COLUMN].setForeground(self.palette().placeholderText())
        for column, accessible in ((OUTCOME_COLUMN, outcome), (MODE_COLUMN, mode)):
            items[column].setData(accessible, Qt.ItemDataRole.AccessibleTextRole)
        for item in items:
            item.setEditable(False)
            item.setToolTip(tooltip)
        return items

    def _outcome_icon(self, outcome: CallOutcome) -> QIcon:
        if outcome not in self._icons:
            if outcome == "initiated":
                self._icons[outcome] = icon("ok")
            elif outcome == "failed":
                self._icons[outcome] = icon("failed")
            else:
                self._icons[outcome] = _greyed(icon("failed"))
        return self._icons[outcome]

    def _mode_icon(self, mode: CallMode) -> QIcon:
        if mode not in self._icons:
            self._icons[mode] = icon(_MODE_ICONS[mode], self.palette().placeholderText().color())
        return self._icons[mode]

    def _entry_at(self, index: QModelIndex) -> HistoryEntry:
        entry: HistoryEntry = index.siblingAtColumn(OUTCOME_COLUMN).data(EntryRole)
        return entry

    def _select_key(self, key: Hashable) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if _entry_key(self._entry_at(index)) == key:
                self.view.setCurrentIndex(index)
                return

    # filtering ------------------------------------------------------------------------
    def _query_changed(self, text: str) -> None:
        self.proxy.set_query(text)
        self._update_state()

    def _outcome_changed(self, _position: int) -> None:
        self.proxy.set_outcome(self.outcome_filter.currentData())
        self._update_state()

    def _update_state(self) -> None:
        total, shown = len(self._entries), self.proxy.rowCount()
        self.export_action.setEnabled(total > 0)
        self.empty_label.setText(self._empty_text(total))
        self.empty_label.setVisible(shown == 0)
        self.view.setVisible(shown > 0)
        if shown == total:
            count = self.tr("{count} calls", "", total)
        else:
            count = self.tr("{shown} of {count} calls", "", total)
        self.count_label.setText(count.format(shown=f"{shown:,}", count=f"{total:,}"))

    def _empty_text(self, total: int) -> str:
        if total == 0:
            return self.tr("No calls yet.")
        query = self.search.text().strip()
        outcome = self.proxy.outcome
        if query:
            if outcome == "initiated":
                text = self.tr("No initiated call matches “{query}”.")
            elif outcome == "failed":
                text = self.tr("No failed call matches “{query}”.")
            else:
                text = self.tr("No call matches “{query}”.")
            return text.format(query=query)
        if outcome == "initiated":
            return self.tr("No initiated calls.")
        return self.tr("No failed calls.") if outcome == "failed" else ""

    # events ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and watched is self.view.viewport():
            self._fit_detail_column()
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            keys = (self.search, self.view, self.redial_current, self.dial_typed.emit)
            if handle_list_keys(watched, event, *keys):
                return True
            if watched is self.view and event.matches(QKeySequence.StandardKey.Copy):
                entry = self.current_entry(fallback=False)
                if entry is not None:
                    self.copy_number(entry)
                return True
        return super().eventFilter(watched, event)

    def _fit_detail_column(self) -> None:
        """Give the details a share of the free width; the contact column stretches over the
        rest (a header can only split stretch space evenly)."""
        fixed = sum(self.view.columnWidth(c) for c in (OUTCOME_COLUMN, TIME_COLUMN, MODE_COLUMN))
        free = self.view.viewport().width() - fixed
        self.view.setColumnWidth(DETAIL_COLUMN, max(_MIN_DETAIL_WIDTH, int(free * _DETAIL_SHARE)))

    def _redial_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.redial_requested.emit(self._entry_at(index))

    # context menu and export ----------------------------------------------------------
    def _context_menu(self, position: QPoint) -> None:
        menu = self._build_menu(self.view.indexAt(position))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.view.viewport().mapToGlobal(position))

    def _build_menu(self, index: QModelIndex) -> QMenu:
        """The row's actions (only "Export history…" when ``index`` is not a row)."""
        menu = QMenu(self)
        menu.setAccessibleName(self.tr("Call history actions"))
        if index.isValid():
            self._add_entry_actions(menu, self._entry_at(index))
            menu.addSeparator()
        menu.addAction(self.export_action)
        return menu

    def _add_entry_actions(self, menu: QMenu, entry: HistoryEntry) -> None:
        texts = {"softphone": self.tr("&Redial (softphone)"), "mobile": self.tr("Redial (&mobile)")}
        for mode in _MODES:
            redial = menu.addAction(self._mode_icon(mode), texts[mode])
            redial.triggered.connect(
                lambda _=False, m=mode: self.redial_requested.emit(replace(entry, mode=m))
            )
            if mode == entry.mode:
                menu.setDefaultAction(redial)
        menu.addSeparator()
        add = menu.addAction(icon("add-contact"), self.tr("&Add to contacts…"))
        add.setEnabled(entry.contact_id is None)
        add.triggered.connect(lambda: self.add_contact_requested.emit(entry))
        copy = menu.addAction(icon("copy"), self.tr("&Copy number"))
        copy.setEnabled(bool(formatted_number(entry)))
        copy.triggered.connect(lambda: self.copy_number(entry))
        request_id = entry.request_id or ""
        copy_id = menu.addAction(self.tr("Copy request &id"))
        copy_id.setEnabled(bool(request_id))
        copy_id.triggered.connect(lambda: QGuiApplication.clipboard().setText(request_id))

    def _ask_export_path(self) -> str:
        """Ask where to save the CSV; '' when the agent cancels (tests replace this)."""
        start = str(Path(self.export_directory) / _EXPORT_FILE_NAME)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export call history"),
            start,
            self.tr("CSV files (*.csv);;All files (*)"),
        )
        if path and not Path(path).suffix:
            path += ".csv"
        return path
