"""Contacts beside the dialpad: search-as-you-type, call, edit, favorites, import/export."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.phone import pretty_digits
from dialer_app.core.unicode_text import strip_invisible
from dialer_app.services.contact_list import (
    AllDigitsRole,
    ContactIdRole,
    ContactListModel,
    FavoriteRole,
    PrimaryDigitsRole,
    SubtitleRole,
)
from dialer_app.ui.icons import icon
from dialer_app.ui.list_keys import handle_list_keys, search_field
from dialer_app.ui.two_line_delegate import ItemIndex, Line, TwoLineDelegate, title_and_subtitle


class ContactDelegate(TwoLineDelegate):
    """Two lines per contact (name, then number · company) and a star for favorites."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, width_hint=200)
        self._star = icon("star", "#f5a623")

    def decorate(self, painter: QPainter, rect: QRect, index: ItemIndex) -> int:
        if not index.data(FavoriteRole):
            return 0
        self._star.paint(painter, QRect(rect.right() - 16, rect.top() + 2, 16, 16))
        return 22

    def lines(
        self, option: QStyleOptionViewItem, index: ItemIndex, width: int, selected: bool
    ) -> list[Line]:
        name = str(index.data())
        subtitle = without_repeated_name(str(index.data(SubtitleRole) or ""), name)
        return title_and_subtitle(option, name, subtitle, selected)


def without_repeated_name(subtitle: str, name: str) -> str:
    """The subtitle ("number · company") without a company that only repeats the name: a
    company-only contact (named after its company) reads "Acme Support Desk" once."""
    parts = subtitle.split(" · ")
    kept = [part for part in parts if strip_invisible(part).strip() != name.strip()]
    return " · ".join(kept) if kept != parts else subtitle


class ContactsPanel(QWidget):
    """The list and its search; emits what the agent asks for, the app does the work."""

    call_requested = Signal(int, str, object)  # contact id, digits, DeliveryMode | None
    dial_typed = Signal(str)  # digits, + * # typed on the list: for the number field
    edit_requested = Signal(object)  # contact id, or None for a new contact
    delete_requested = Signal(list)  # contact ids
    favorite_toggled = Signal(int, bool)
    import_requested = Signal()
    export_requested = Signal()
    restore_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsPanel")
        # Owned by the panel: a model must never be deleted before the view that shows it.
        self.model = ContactListModel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)

        top = QHBoxLayout()
        self.search = search_field(
            "contactsSearch", self.tr("Search contacts"), self.tr("Search name, company or number")
        )
        self.search.textChanged.connect(self.model.set_query)
        self.search.returnPressed.connect(self.call_selected)
        top.addWidget(self.search, 1)
        self.add_action = QAction(icon("add-contact"), self.tr("Add contact…"), self)
        self.add_action.setObjectName("addContactAction")
        self.add_action.setShortcut("Ctrl+N")
        self.add_action.triggered.connect(lambda: self.edit_requested.emit(None))
        self.import_action = QAction(icon("import"), self.tr("Import contacts…"), self)
        self.import_action.setObjectName("importContactsAction")
        self.import_action.triggered.connect(self.import_requested)
        self.export_action = QAction(icon("export"), self.tr("Export contacts…"), self)
        self.export_action.setObjectName("exportContactsAction")
        self.export_action.triggered.connect(self.export_requested)
        self.restore_action = QAction(icon("restore"), self.tr("Restore from backup…"), self)
        self.restore_action.setObjectName("restoreBackupAction")
        self.restore_action.triggered.connect(self.restore_requested)
        actions = (self.add_action, self.import_action, self.export_action, self.restore_action)
        for action in actions:
            button = QToolButton()
            button.setDefaultAction(action)
            button.setAutoRaise(True)
            button.setAccessibleName(action.text().rstrip("…"))
            button.setObjectName(action.objectName().replace("Action", "Button"))
            top.addWidget(button)
        layout.addLayout(top)

        # A table, not a QListView: QListView lays out every row on each reset (a Python
        # rowCount() call per contact), a fixed-height table only touches the rows on screen.
        self.view = QTableView()
        self.view.setObjectName("contactsView")
        self.view.setAccessibleName(self.tr("Contacts"))
        self.view.setAccessibleDescription(
            self.tr("Enter calls the selected contact; Delete deletes it; Menu key for more")
        )
        self.view.setModel(self.model)
        delegate = ContactDelegate(self.view)
        self.view.setItemDelegate(delegate)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(delegate.row_height(self.view.fontMetrics()))
        self.view.setTabKeyNavigation(False)  # Tab leaves the list (rows are one cell wide)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.activated.connect(lambda _index: self.call_selected())
        self.view.installEventFilter(self)
        self.search.installEventFilter(self)  # once self.view exists: eventFilter uses it
        self._back_from_list: Callable[[], None] = self.focus_search
        layout.addWidget(self.view, 1)
        self.empty_label = QLabel("")
        self.empty_label.setObjectName("contactsEmptyLabel")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        layout.addWidget(self.empty_label)
        self.count_label = QLabel("")
        self.count_label.setObjectName("contactsCount")
        self.count_label.setEnabled(False)
        layout.addWidget(self.count_label)
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()

    # selection and calling ------------------------------------------------------------
    def selected_ids(self) -> list[int]:
        return [int(i.data(ContactIdRole)) for i in self.view.selectionModel().selectedRows()]

    def current(self) -> QModelIndex:
        index = self.view.currentIndex()
        if not index.isValid() and self.model.rowCount() > 0:
            index = self.model.index(0, 0)
        return index

    def call_selected(self, mode: DeliveryMode | None = None) -> None:
        index = self.current()
        digits = index.data(PrimaryDigitsRole) if index.isValid() else ""
        if digits:
            self.call_requested.emit(int(index.data(ContactIdRole)), digits, mode)

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def has_matches(self) -> bool:
        return self.model.rowCount() > 0

    def enter_list(self, back: Callable[[], None]) -> None:
        """Put the keyboard on the first contact; Up from it calls ``back`` (the field the
        agent came from)."""
        if not self.has_matches():
            return
        self.view.setCurrentIndex(self.model.index(0, 0))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self._back_from_list = back

    # events ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            keys = (self.search, self.view, self.call_selected, self.dial_typed.emit)
            if handle_list_keys(watched, event, *keys):
                return True
            if watched is self.view and self._leaves_upward(event):
                self._back_from_list()
                return True
            if watched is self.view and event.key() == Qt.Key.Key_Delete and self.selected_ids():
                self.delete_requested.emit(self.selected_ids())
                return True
        if watched is self.view and event.type() == QEvent.Type.FocusOut:
            self._back_from_list = self.focus_search  # entered again by Tab or a click
        return super().eventFilter(watched, event)

    def _leaves_upward(self, event: QKeyEvent) -> bool:
        """Up on the first row (nothing above it in the list)."""
        current = self.view.currentIndex()
        return event.key() == Qt.Key.Key_Up and (not current.isValid() or current.row() == 0)

    def _after_reset(self) -> None:
        total, shown = self.model.total, self.model.rowCount()
        if shown and not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 0))
        if total == 0:
            self.empty_label.setText(
                self.tr("No contacts yet. Add one, or import a CSV or vCard file.")
            )
        elif shown == 0:
            self.empty_label.setText(
                self.tr("No contact matches “{query}”.").format(query=self.model.query.strip())
            )
        self.empty_label.setVisible(shown == 0)
        if shown == total:
            count = self.tr("{count} contacts", "", total)
        else:
            count = self.tr("{shown} of {count} contacts", "", total)
        self.count_label.setText(count.format(shown=f"{shown:,}", count=f"{total:,}"))

    def _context_menu(self, position: QPoint) -> None:
        index = self.view.indexAt(position)
        if not index.isValid():
            return
        contact_id = int(index.data(ContactIdRole))
        menu = QMenu(self)
        numbers: list[str] = index.data(AllDigitsRole)
        for mode, label in (
            (DeliveryMode.SOFTPHONE, self.tr("Call (&softphone)")),
            (DeliveryMode.MOBILE, self.tr("Call (&mobile)")),
        ):
            if len(numbers) <= 1:
                action = menu.addAction(icon("call"), label)
                action.setEnabled(bool(numbers))
                action.triggered.connect(
                    lambda _=False, m=mode: self._call(contact_id, index.data(PrimaryDigitsRole), m)
                )
            else:
                sub = menu.addMenu(icon("call"), label)
                for digits in numbers:
                    action = sub.addAction(pretty_digits(digits))
                    action.triggered.connect(
                        lambda _=False, d=digits, m=mode: self._call(contact_id, d, m)
                    )
        copy = menu.addAction(icon("copy"), self.tr("&Copy number"))
        copy.setEnabled(bool(numbers))
        copy.triggered.connect(
            lambda: QGuiApplication.clipboard().setText(pretty_digits(numbers[0]))
        )
        menu.addSeparator()
        menu.addAction(self.tr("&Edit…")).triggered.connect(
            lambda: self.edit_requested.emit(contact_id)
        )
        favorite = bool(index.data(FavoriteRole))
        menu.addAction(
            self.tr("Remove from &favorites") if favorite else self.tr("Add to &favorites")
        ).triggered.connect(lambda: self.favorite_toggled.emit(contact_id, not favorite))
        menu.addSeparator()
        ids = self.selected_ids() or [contact_id]
        label = (
            self.tr("&Delete")
            if len(ids) == 1
            else self.tr("&Delete {count} contacts", "", len(ids)).format(count=len(ids))
        )
        menu.addAction(label).triggered.connect(lambda: self.delete_requested.emit(ids))
        menu.popup(self.view.viewport().mapToGlobal(position))

    def _call(self, contact_id: int, digits: str, mode: DeliveryMode) -> None:
        if digits:
            self.call_requested.emit(contact_id, digits, mode)
