"""One dialer per user and profile: hand-over from later launches, tel:/callto: links.

A link never dials by itself unless the agent turned on "dial links immediately" (a web page
could otherwise make the agent call a premium number): it fills in the number, brings the
window to the front and focuses Call.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal
from PySide6.QtGui import QFileOpenEvent

from dialer_app.core.dialer import CallIntent, Surface
from dialer_app.core.phone import InvalidNumberError
from dialer_app.core.settings import Settings
from dialer_app.services.single_instance import InstanceServer, send_to_primary
from dialer_app.system.instance_link import (
    ACTION_CALL_CLIPBOARD,
    ACTION_OPEN,
    ACTION_QUICK_CALL,
    ACTION_SHOW,
    request_for,
)
from dialer_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def launch_request(args: argparse.Namespace) -> dict[str, object]:
    """What this launch (its parsed window arguments) asks of the running dialer."""
    return request_for(args.link, quick_call=args.quick_call, call_clipboard=args.call_clipboard)


def hand_over(address: str | None, request: dict[str, object]) -> bool:
    """True when a running dialer for this profile took the request (then exit)."""
    return address is not None and send_to_primary(address, request)


class InstanceFlow(QObject):
    """The primary's side: the local server, links from argv, messages and macOS open events."""

    quick_call_requested = Signal()
    clipboard_call_requested = Signal()
    show_window_requested = Signal()

    def __init__(
        self,
        qt_app: QCoreApplication,
        address: str | None,
        window: MainWindow,
        settings: Callable[[], Settings],
        dial: Callable[[CallIntent], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._qt_app = qt_app
        self._window = window
        self._settings = settings
        self._dial = dial
        self.server: InstanceServer | None = None
        if address is not None:
            server = InstanceServer(address, self)
            if server.listen():
                server.message_received.connect(self.handle)
                self.server = server
        if sys.platform == "darwin":
            # Only macOS sends FileOpen; an application-wide filter elsewhere would run Python
            # for every event of every object all day (and resolve every lazy Qt class).
            qt_app.installEventFilter(self)

    @property
    def is_primary(self) -> bool:
        return self.server is not None

    def shutdown(self) -> None:
        if sys.platform == "darwin":
            self._qt_app.removeEventFilter(self)
        if self.server is not None:
            self.server.close()
            self.server = None

    def handle(self, message: dict[str, object]) -> None:
        action = message.get("action")
        log.info("Request from another launch: %s", action)
        if action == ACTION_OPEN:
            self.open_link(str(message.get("link", "")))
        elif action == ACTION_QUICK_CALL:
            self.quick_call_requested.emit()
        elif action == ACTION_CALL_CLIPBOARD:
            self.clipboard_call_requested.emit()
        else:
            self.show_window_requested.emit()

    def run_launch_request(self, args: argparse.Namespace) -> None:
        """Do what this (primary) launch was asked: a link, quick call or clipboard call."""
        request = launch_request(args)
        if request.get("action") != ACTION_SHOW:
            self.handle(request)

    def open_link(self, text: str) -> bool:
        """Fill in the link's number and focus Call; dial only when the agent allowed it."""
        from dialer_app.core.links import InvalidLinkError, parse_link

        window, settings = self._window, self._settings()
        self.show_window_requested.emit()
        try:
            link = parse_link(text)
            number = link.to_phone_number(settings.default_region)
        except (InvalidLinkError, InvalidNumberError) as exc:
            window.show_message(
                self.tr("This link has no number that can be called: {reason}").format(reason=exc),
                "error",
            )
            return False
        shown = number.international
        if number.extension:
            shown += f" ext. {number.extension}"  # typed into the number field: not translated
        window.set_number(shown)
        log.info("Link opened: %s", number.international)
        window.focus_call()
        if settings.dial_links_immediately or number.extension:
            # The Dialer decides (and refuses an extension with the reason, on every surface).
            intent = CallIntent(
                shown, Surface.LINK, window.current_mode(), window.current_caller_id()
            )
            return self._dial(intent)
        window.show_message(
            self.tr("Press Call (or Enter) to dial {number}.").format(number=number.international),
            "info",
        )
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """macOS delivers tel: links as a FileOpen event: same path as a command-line link."""
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            url = event.url()
            self.open_link(url.toString() if url.isValid() else event.file())
            return True
        return False
