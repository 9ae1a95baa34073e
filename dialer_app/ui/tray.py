"""The system tray icon and its menu: quick call, favorites, recent calls, delivery mode.

A pure view like the main window: it emits what the agent asks for and asks the app for data
through provider callables, called each time the menu opens so it is never stale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, get_args

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.contact_search import ContactIndex
from dialer_app.core.phone import PhoneNumber, pretty_digits
from dialer_app.core.store import HistoryEntry
from dialer_app.core.unicode_text import isolate
from dialer_app.ui.icons import icon

TrayState = Literal["idle", "calling", "failed"]
FavoritesProvider = Callable[[], Sequence[tuple[str, str]]]
RecentProvider = Callable[[], Sequence[HistoryEntry]]
WindowVisibleProvider = Callable[[], bool]
ClipboardNumberProvider = Callable[[], PhoneNumber | None]

MAX_FAVORITES = 15
MAX_RECENT = 10
NOTIFICATION_MS = 6000
APP_NAME = "Dialer"
_OUTCOME_MARKS = {"initiated": "✓", "failed": "✗", "cancelled": "–"}
_OUTCOME_WORDS = {
    "initiated": str(QT_TRANSLATE_NOOP("TrayController", "Call placed")),
    "failed": str(QT_TRANSLATE_NOOP("TrayController", "Failed")),
    "cancelled": str(QT_TRANSLATE_NOOP("TrayController", "Cancelled")),
}
_MODE_LABELS = {
    DeliveryMode.SOFTPHONE: str(QT_TRANSLATE_NOOP("TrayController", "&Softphone")),
    DeliveryMode.MOBILE: str(QT_TRANSLATE_NOOP("TrayController", "&Mobile (follow-me)")),
}
_RINGS_FIRST = {
    DeliveryMode.SOFTPHONE: str(
        QT_TRANSLATE_NOOP("TrayController", "Calls ring your softphone first")
    ),
    DeliveryMode.MOBILE: str(QT_TRANSLATE_NOOP("TrayController", "Calls ring your mobile first")),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrayController", text)


def _number_label(name: str, digits: str) -> str:
    """'Asha Rao · +91 92000 00000', or just the number when there is no name."""
    number = pretty_digits(digits)
    return f"{isolate(name.strip())} · {number}" if name.strip() else number


def favorites_from_index(index: ContactIndex, limit: int = MAX_FAVORITES) -> list[tuple[str, str]]:
    """(name, first callable digits) of the favorite contacts, in the index's order.

    Reads the in-memory index, so a favorites provider built on it never touches the disk.
    """
    found: list[tuple[str, str]] = []
    for _id, name, _company, favorite, _numbers, digits_text in index.rows:
        if favorite and digits_text:
            found.append((name, digits_text.split(" ", 1)[0]))
            if len(found) >= limit:
                break
    return found


def distinct_recent(entries: Sequence[HistoryEntry], limit: int = MAX_RECENT) -> list[HistoryEntry]:
    """The first entry of each number, in the given (newest first) order, at most ``limit``."""
    seen: set[str] = set()
    result: list[HistoryEntry] = []
    for entry in entries:
        if not entry.number_digits or entry.number_digits in seen:
            continue
        seen.add(entry.number_digits)
        result.append(entry)
        if len(result) >= limit:
            break
    return result


class TrayController(QObject):
    """Owns the ``QSystemTrayIcon`` and its menu; the menu also works without a tray."""

    quick_call_requested = Signal()
    clipboard_call_requested = Signal()
    call_requested = Signal(str, str)  # digits, label (contact name or "")
    mode_changed = Signal(object)  # DeliveryMode
    toggle_window_requested = Signal()
    settings_requested = Signal()
    quit_requested = Signal()
    activated_primary = Signal()  # left click on the icon
    notification_clicked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._favorites: FavoritesProvider = list
        self._recent: RecentProvider = list
        self._window_visible: WindowVisibleProvider = lambda: True
        self._clipboard_number: ClipboardNumberProvider | None = None
        self._state: TrayState = "idle"
        self._mode = DeliveryMode.SOFTPHONE
        self.notifications_enabled = True
        self._icons = {state: icon(f"tray-{state}") for state in get_args(TrayState)}

        self.menu = QMenu()
        self.menu.setObjectName("trayMenu")
        self._build_menu()
        self.menu.aboutToShow.connect(self.refresh)

        self.tray_icon = QSystemTrayIcon(self._icons["idle"], self)
        self.tray_icon.setContextMenu(self.menu)
        self.tray_icon.activated.connect(self._on_activated)
        self.tray_icon.messageClicked.connect(self.notification_clicked)
        self.set_state("idle")

    # building -------------------------------------------------------------------------
    def _build_menu(self) -> None:
        menu = self.menu
        self.quick_call_action = self._action(
            self.tr("Quick &call…"), self.quick_call_requested.emit, "call"
        )
        self.clipboard_action = self._action(
            self.tr("Call number from clip&board"), self.clipboard_call_requested.emit, "copy"
        )
        menu.addSeparator()
        self.favorites_menu = menu.addMenu(icon("star"), self.tr("&Favorites"))
        self.favorites_menu.setObjectName("trayFavoritesMenu")
        self.recent_menu = menu.addMenu(self.tr("&Recent calls"))
        self.recent_menu.setObjectName("trayRecentMenu")
        menu.addSeparator()
        self.mode_group = QActionGroup(self)
        self.mode_group.setExclusive(True)
        self.softphone_action = self._mode_action(DeliveryMode.SOFTPHONE)
        self.mobile_action = self._mode_action(DeliveryMode.MOBILE)
        self.softphone_action.setChecked(True)
        self.mode_group.triggered.connect(self._on_mode_triggered)
        menu.addSeparator()
        self.window_action = self._action(
            self.tr("Hide &window"), self.toggle_window_requested.emit
        )
        self.settings_action = self._action(
            self.tr("Se&ttings…"), self.settings_requested.emit, "settings"
        )
        menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), self.quit_requested.emit)
        self.refresh()

    def _action(
        self, text: str, on_trigger: Callable[[], object], icon_name: str | None = None
    ) -> QAction:
        action = QAction(text, self.menu)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.triggered.connect(lambda _checked=False: on_trigger())
        self.menu.addAction(action)
        return action

    def _mode_action(self, mode: DeliveryMode) -> QAction:
        # No icon: menus show a radio mark for checkable actions only when there is none.
        action = QAction(_tr(_MODE_LABELS[mode]), self.menu)
        action.setCheckable(True)
        action.setData(mode.value)
        action.setToolTip(_tr(_RINGS_FIRST[mode]))
        self.mode_group.addAction(action)
        self.menu.addAction(action)
        return action

    # providers ------------------------------------------------------------------------
    def set_providers(
        self,
        *,
        favorites: FavoritesProvider | None = None,
        recent: RecentProvider | None = None,
        window_visible: WindowVisibleProvider | None = None,
        clipboard_number: ClipboardNumberProvider | None = None,
    ) -> None:
        """Replace the given providers (others are kept); they run each time the menu opens."""
        if favorites is not None:
            self._favorites = favorites
        if recent is not None:
            self._recent = recent
        if window_visible is not None:
            self._window_visible = window_visible
        if clipboard_number is not None:
            self._clipboard_number = clipboard_number

    def refresh(self) -> None:
        """Rebuild the dynamic parts from the providers (done on every ``aboutToShow``)."""
        self._fill_favorites()
        self._fill_recent()
        self._update_clipboard_action()
        visible = self._window_visible()
        self.window_action.setText(self.tr("Hide &window") if visible else self.tr("Show &window"))

    def _fill_favorites(self) -> None:
        menu = self.favorites_menu
        menu.clear()
        favorites = list(self._favorites())[:MAX_FAVORITES]
        for name, digits in favorites:
            self._add_call_action(menu, _number_label(name, digits), digits, name)
        if not favorites:
            menu.addAction(self.tr("No favorites")).setEnabled(False)

    def _fill_recent(self) -> None:
        menu = self.recent_menu
        menu.clear()
        recent = distinct_recent(self._recent())
        for entry in recent:
            mark = _OUTCOME_MARKS.get(entry.outcome, " ")
            label = _number_label(entry.contact_name, entry.number_digits)
            action = self._add_call_action(
                menu, f"{mark}  {label}", entry.number_digits, entry.contact_name
            )
            started = QDateTime.fromSecsSinceEpoch(int(entry.started_at.timestamp()))
            when = QLocale().toString(started, "d MMM HH:mm")
            word = _OUTCOME_WORDS.get(entry.outcome)
            action.setToolTip(f"{_tr(word) if word else entry.outcome} · {when}")
        if not recent:
            menu.addAction(self.tr("No recent calls")).setEnabled(False)

    def _add_call_action(self, menu: QMenu, text: str, digits: str, name: str) -> QAction:
        action = menu.addAction(text.replace("&", "&&"))
        action.setData(digits)
        label = name.strip()
        action.triggered.connect(
            lambda _checked=False, d=digits, n=label: self.call_requested.emit(d, n)
        )
        return action

    def _update_clipboard_action(self) -> None:
        if self._clipboard_number is None:
            return
        number = self._clipboard_number()
        if number is None:
            self.clipboard_action.setText(self.tr("Call number from clip&board"))
            self.clipboard_action.setEnabled(False)
            self.clipboard_action.setToolTip(self.tr("No phone number on the clipboard"))
        else:
            self.clipboard_action.setText(
                self.tr("Call {number} from clip&board").format(number=number.international)
            )
            self.clipboard_action.setEnabled(True)
            self.clipboard_action.setToolTip("")

    # state ----------------------------------------------------------------------------
    def available(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> None:
        self.tray_icon.show()

    def hide(self) -> None:
        self.tray_icon.hide()

    def state(self) -> TrayState:
        return self._state

    def set_state(self, state: TrayState, detail: str = "") -> None:
        """Icon and tooltip for ``state``; ``detail`` is usually the number, e.g. '+91 …'."""
        if state not in self._icons:
            raise ValueError(f"unknown tray state {state!r}")
        self._state = state
        self.tray_icon.setIcon(self._icons[state])
        self.tray_icon.setToolTip(self.tooltip_for(state, detail))

    @staticmethod
    def tooltip_for(state: TrayState, detail: str = "") -> str:
        texts = {
            ("calling", True): str(QT_TRANSLATE_NOOP("TrayController", "{app} — calling {number}")),
            ("calling", False): str(QT_TRANSLATE_NOOP("TrayController", "{app} — calling…")),
            ("failed", True): str(
                QT_TRANSLATE_NOOP("TrayController", "{app} — last call failed ({number})")
            ),
            ("failed", False): str(QT_TRANSLATE_NOOP("TrayController", "{app} — last call failed")),
        }
        text = texts.get((state, bool(detail)))
        return _tr(text).format(app=APP_NAME, number=detail) if text else APP_NAME

    def icon_for(self, state: TrayState) -> QIcon:
        return self._icons[state]

    def mode(self) -> DeliveryMode:
        return self._mode

    def set_mode(self, mode: DeliveryMode) -> None:
        """Check the action for ``mode`` without emitting ``mode_changed``."""
        self._mode = mode
        target = self.mobile_action if mode is DeliveryMode.MOBILE else self.softphone_action
        target.setChecked(True)

    def _on_mode_triggered(self, action: QAction) -> None:
        mode = DeliveryMode(action.data())
        if mode is not self._mode:
            self._mode = mode
            self.mode_changed.emit(mode)

    # notifications --------------------------------------------------------------------
    def set_notifications(self, enabled: bool) -> None:
        self.notifications_enabled = enabled

    def notify(self, title: str, message: str, failed: bool = False) -> bool:
        """Show a tray message; False when notifications are off or there is no tray."""
        if not self.notifications_enabled or not self.available():
            return False
        if not QSystemTrayIcon.supportsMessages():
            return False
        shown_icon = icon("failed" if failed else "ok")
        self.tray_icon.showMessage(title, message, shown_icon, NOTIFICATION_MS)
        return True

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.activated_primary.emit()
        elif reason == QSystemTrayIcon.ActivationReason.MiddleClick:
            self.quick_call_requested.emit()


__all__ = [
    "MAX_FAVORITES",
    "MAX_RECENT",
    "TrayController",
    "TrayState",
    "distinct_recent",
    "favorites_from_index",
]
