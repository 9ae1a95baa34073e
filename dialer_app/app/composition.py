"""The composition root: builds the runtime, services, window and flows, and connects them.

``build(argv)`` gives the fully wired application without entering the event loop (tests use
it under pytest-qt); ``app.startup.main(argv)`` runs it. The flows never see each other or
this object: they get narrow collaborators, and everything between them is connected here.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication

from dialer_app import APP_ID, APP_NAME, __version__
from dialer_app.app.about_flow import AboutFlow
from dialer_app.app.account_flow import AccountFlow
from dialer_app.app.first_paint import FirstPaintWatcher
from dialer_app.app.instance_flow import InstanceFlow
from dialer_app.app.settings_flow import SettingsFlow
from dialer_app.app.window_args import parse_window_args
from dialer_app.core.call_request import DeliveryMode
from dialer_app.core.dialer import CallIntent, Dialer, Surface
from dialer_app.core.phone import preload, set_country_namer
from dialer_app.core.runtime import PlatformStandIn, Runtime, RuntimeOptions
from dialer_app.core.settings import Settings
from dialer_app.services.background import BackgroundRunner, ignore
from dialer_app.services.dialer import DialerService
from dialer_app.services.gui_collector import collect_on_gui_thread
from dialer_app.system.instance_link import address_for
from dialer_app.ui.countries import qt_country_name
from dialer_app.ui.main_window import MainWindow
from dialer_app.ui.style import use_visible_focus
from dialer_app.ui.translations import install as install_language

if TYPE_CHECKING:
    # Built after the window's first paint (or when first used): see DialerApp.build_panels.
    from dialer_app.app.compliance_flow import ComplianceFlow
    from dialer_app.app.contacts_flow import ContactsFlow
    from dialer_app.app.lists_flow import ListsFlow
    from dialer_app.app.tray_flow import TrayFlow
    from dialer_app.core.dialer import CallRule
    from dialer_app.core.store import EarlyListing
    from dialer_app.ui.settings_dialog import SettingsDialog
    from dialer_app.ui.setup_dialog import SetupDialog

log = logging.getLogger(__name__)
WARM_UP_INTERVAL_S = 30.0


class DialerApp(QObject):
    """Everything one running dialer consists of. ``shutdown()`` releases it all.

    With ``staged=True`` (``main``) only the dialpad window is built before the first paint;
    the contacts and history panels, the tray and the quick-call popup follow right after it
    (``build_panels``), or as soon as anything asks for ``contacts`` or ``tray``.
    """

    first_painted = Signal()  # the window is on screen (not emitted when starting hidden)
    contacts_shown = Signal(int)  # the contact list shows this many (after each load or edit)
    ready = Signal()  # every panel built: start-up is over

    def __init__(
        self,
        qt_app: QApplication,
        runtime: Runtime,
        *,
        staged: bool = False,
        early: EarlyListing | None = None,
    ) -> None:
        super().__init__()
        self.qt_app = qt_app
        self.runtime = runtime
        self._early_listing = early
        self.keyring_runner = BackgroundRunner("keyring", self)
        self.io_runner = BackgroundRunner("io", self)
        self.window = MainWindow(runtime.settings)
        self._compliance: ComplianceFlow | None = None  # with the panels: its lists load then
        self.calls = DialerService(
            Dialer(
                lambda: self.settings,
                rules=self._calling_rules,
                sandbox=lambda: runtime.sandbox_mode,
            ),
            account_source=runtime.account,
            client_factory=runtime.new_client,
            on_rejected_account=runtime.forget_cached_account,
            parent=self,
            ready=lambda: self._compliance is not None and self._compliance.ready,
        )
        self.window.set_sandbox(runtime.sandbox_mode)
        # Alt+S for the history: Alt+H is the Help menu.
        self.window.add_side_tabs([self.tr("&Contacts"), self.tr("Hi&story"), self.tr("&Lists")])
        self.settings_flow = SettingsFlow(
            runtime, self.window, self.io_runner, lambda: self.tray.available, self
        )
        self.account = AccountFlow(
            runtime, self.window, self.keyring_runner, self.settings_flow.update, self
        )
        self.about = AboutFlow(runtime, self.window, self.keyring_runner, self)
        self._contacts: ContactsFlow | None = None
        self._tray: TrayFlow | None = None
        self._lists: ListsFlow | None = None
        find = QShortcut(QKeySequence.StandardKey.Find, self.window)
        find.activated.connect(self._focus_contacts_search)
        self.options = argparse.Namespace(link=None, quick_call=False, call_clipboard=False)
        self.instance: InstanceFlow | None = None
        self._last_warm_up = 0.0
        self._background_started = False
        self._closed = False
        self._wire()
        if not staged:
            self.build_panels()

    def _wire(self) -> None:
        window, calls = self.window, self.calls
        window.call_requested.connect(self.dial_typed)
        window.call_again_requested.connect(self.dial)
        window.mode_changed.connect(self.settings_flow.remember_mode)
        window.number_edited.connect(self._warm_up)
        window.settings_requested.connect(self.open_settings)
        window.setup_requested.connect(self.open_setup)
        window.about_requested.connect(self.about.show_about)
        window.diagnostics_requested.connect(self.about.copy_diagnostics)
        window.quit_requested.connect(self.quit)
        window.hide_requested.connect(window.hide)
        calls.busy_changed.connect(window.set_busy)
        calls.started.connect(window.show_calling)
        calls.succeeded.connect(window.show_success)
        calls.failed.connect(window.show_failure)
        calls.refused.connect(window.show_refusal)
        self.settings_flow.changed.connect(self._settings_changed)
        self.settings_flow.account_edited.connect(self.account.apply_edit)
        self.settings_flow.forget_account_requested.connect(self.account.forget)
        self.account.endpoint_changed.connect(calls.reset_client)

    def build_panels(self) -> None:
        """Contacts, history, tray and quick call: most of the start-up work, none of it
        needed to dial a typed number. Idempotent."""
        contacts = self._build_contacts()
        if self._tray is not None:
            return
        from dialer_app.app.compliance_flow import ComplianceFlow
        from dialer_app.app.tray_flow import TrayFlow

        compliance = ComplianceFlow(self.runtime, self.window, self.keyring_runner, self)
        self._compliance = compliance
        self.calls.succeeded.connect(compliance.call_succeeded)
        self.calls.failed.connect(compliance.call_failed)
        self.settings_flow.changed.connect(compliance.apply_settings)

        tray = TrayFlow(self.window, lambda: self.settings, self)
        self._tray = tray
        self._lists = self._build_lists(contacts, compliance)
        self._lists.do_not_call_chosen.connect(
            lambda digits, note: compliance.service.add_to_do_not_call(
                f"+{digits}", note, "call_list", save=False
            )
        )
        self.window.set_side_panels([self._lists.panel], first=2)
        self.window.close_to_tray = tray.available and self.settings.close_to_tray
        service, calls = contacts.service, self.calls
        service.index_changed.connect(tray.set_index)
        tray.set_contact_reader(service.get_contact)
        service.history_changed.connect(tray.set_history)
        service.history_added.connect(tray.add_history)
        if service.index is not None:  # loaded before the tray was built
            tray.set_index(service.index)
        if service.history is not None:
            tray.set_history(service.history)
        service.database_replaced.connect(compliance.service.reload)
        calls.started.connect(tray.show_calling)
        calls.succeeded.connect(tray.show_success)
        calls.failed.connect(tray.show_failure)
        tray.call_requested.connect(self.call_digits)
        calls.refused.connect(tray.show_refusal)
        tray.toggle_window_requested.connect(self.toggle_window)
        tray.show_window_requested.connect(self.show_window)
        tray.settings_requested.connect(self.open_settings)
        tray.quit_requested.connect(self.quit)
        if self.instance is not None:
            self._connect_instance(self.instance)

    def _build_contacts(self) -> ContactsFlow:
        """The contacts and history panels, first of all: the list is what agents wait for.
        The database opens on the store worker while their views are built."""
        if self._contacts is not None:
            return self._contacts
        from dialer_app.services.contacts import ContactsService

        service = ContactsService(self.runtime.database_path, self, early=self._early_listing)
        self._early_listing = None
        service.open()
        from dialer_app.app.contacts_flow import ContactsFlow

        contacts = ContactsFlow(
            service, self.window, lambda: self.settings, self.io_runner, self.calls, self
        )
        self._contacts = contacts
        contacts.shown.connect(self.contacts_shown)
        self.calls.succeeded.connect(contacts.record_success)
        self.calls.failed.connect(contacts.record_failure)
        self.window.set_side_panels([contacts.panel, contacts.history])
        return contacts

    def _build_lists(self, contacts: ContactsFlow, compliance: ComplianceFlow) -> ListsFlow:
        """The Lists tab; its store opens once the contacts' has (one opening at a time) and
        the calling rules can be asked (the do-not-call list is loaded)."""
        from dialer_app.app.lists_flow import ListsFlow

        window, calls = self.window, self.calls
        lists = ListsFlow(
            self.runtime.database_path,
            window,
            lambda: self.settings,
            calls,
            lambda: calls.dialer,
            self.io_runner,
            self.notify,
            lambda title: window.set_side_tab_title(lists.panel, title),
            parent=self,
        )
        calls.started.connect(lists.call_started)
        calls.succeeded.connect(lists.call_succeeded)
        calls.failed.connect(lists.call_failed)
        calls.refused.connect(lists.call_refused)
        calls.busy_changed.connect(lists.panel.set_busy)
        rules = compliance.service
        contacts.service.history_changed.connect(lambda _entries: rules.when_loaded(lists.start))
        if contacts.service.history is not None:  # loaded before the lists were built
            rules.when_loaded(lists.start)
        rules.entries_changed.connect(lambda _entries: lists.recheck())
        rules.team_changed.connect(lambda _state, _problem: lists.recheck())
        return lists

    def notify(self, title: str, text: str) -> None:
        """A tray notification while the window is out of sight (where there is a tray),
        else a notice in the window."""
        hidden = not self.window.isVisible() or self.window.isMinimized()
        if hidden and self.tray.tray.notify(title, text):
            return
        self.window.show_message(text, "info")

    def attach_instance(self, instance: InstanceFlow) -> None:
        """The single-instance side (made by ``build`` once the runtime knows the profile)."""
        self.instance = instance
        if self._tray is not None:
            self._connect_instance(instance)

    def _connect_instance(self, instance: InstanceFlow) -> None:
        tray = self.tray
        instance.quick_call_requested.connect(tray.quick_call)
        instance.clipboard_call_requested.connect(tray.call_from_clipboard)

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def contacts(self) -> ContactsFlow:
        self.build_panels()
        assert self._contacts is not None
        return self._contacts

    @property
    def compliance(self) -> ComplianceFlow:
        self.build_panels()
        assert self._compliance is not None
        return self._compliance

    def _calling_rules(self) -> tuple[CallRule, ...]:
        """The compliance rules (none until built: calls are held until they are loaded)."""
        return () if self._compliance is None else self._compliance.rules()

    @property
    def lists(self) -> ListsFlow:
        self.build_panels()
        assert self._lists is not None
        return self._lists

    @property
    def tray(self) -> TrayFlow:
        self.build_panels()
        assert self._tray is not None
        return self._tray

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    @property
    def setup_dialog(self) -> SetupDialog | None:
        return self.account.setup_dialog

    def _focus_contacts_search(self) -> None:
        self.window.show_side_panel(self.contacts.panel)
        self.contacts.panel.focus_search()

    def start(self) -> None:
        """Show the window, then load contacts; offer first-run setup when no account exists."""
        log.info(
            "dialer-app %s starting (profile %s%s)",
            __version__,
            self.runtime.profile_dir,
            ", sandbox" if self.runtime.sandbox_mode else "",
        )
        minimized = bool(getattr(self.options, "minimized", False) or self.settings.start_minimized)
        shown = not (minimized and self.tray.available)  # never hidden with no tray to return
        if shown:
            self.window.show()
            # The panels and the contacts compete for the CPU: let the window paint first.
            watcher = FirstPaintWatcher(self.window)
            watcher.painted.connect(self.first_painted)
            watcher.painted.connect(self._after_first_paint)
        QTimer.singleShot(0 if not shown else 400, self._after_first_paint)  # the fallback
        if self.runtime.loaded.warnings:
            self.window.show_message("\n".join(self.runtime.loaded.warnings), "error")

    def _after_first_paint(self) -> None:
        """The contacts panel, then (once its list has had a chance to show) the rest."""
        if self._background_started or self._closed:
            return
        self._background_started = True
        self._build_contacts()
        QTimer.singleShot(0, self._finish_start)

    def _finish_start(self) -> None:
        if self._closed:
            return
        self.build_panels()
        self.ready.emit()
        if self.closed:  # a ready handler quit
            return
        self.contacts.start()
        self.compliance.start(self.contacts.service.run_job, self.calls.resume)
        self.tray.start()
        if self.instance is not None:
            self.instance.run_launch_request(self.options)
        if self.needs_setup():  # over the painted window, not before it
            QTimer.singleShot(0, self.open_setup)
        self.io_runner.submit(preload, ignore, ignore)
        gc.freeze()  # start-up objects live all day: keep the cyclic GC's passes short

    def needs_setup(self) -> bool:
        return self.account.needs_setup()

    # calling ------------------------------------------------------------------------
    def dial(self, intent: CallIntent) -> bool:
        """Every call of the window, tray, popup and links goes through here to the Dialer."""
        return self.calls.request(intent)

    def dial_typed(self, text: str, mode: DeliveryMode, caller_id: str | None) -> bool:
        return self.dial(CallIntent(text, Surface.DIALPAD, mode, caller_id))

    def call_digits(
        self,
        digits: str,
        contact_id: int | None,
        surface: Surface = Surface.TRAY,
        mode: DeliveryMode | None = None,
    ) -> None:
        """Call API digits from the tray or the quick-call popup (a contact's, if known)."""
        if contact_id is not None:
            self.contacts.call_contact(contact_id, digits, mode, surface)
            return
        window = self.window
        self.dial(
            CallIntent(
                "+" + digits, surface, mode or window.current_mode(), window.current_caller_id()
            )
        )

    def show_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def toggle_window(self) -> None:
        if self.window.isVisible() and not self.window.isMinimized():
            self.window.hide()
        else:
            self.show_window()

    def _warm_up(self) -> None:
        now = time.monotonic()
        if now - self._last_warm_up > WARM_UP_INTERVAL_S:
            self._last_warm_up = now
            self.calls.warm_up()

    # settings and account -------------------------------------------------------------
    def update_settings(self, settings: Settings) -> None:
        self.settings_flow.update(settings)

    def _settings_changed(self, settings: Settings, connection_changed: bool) -> None:
        self.window.apply_settings(settings)
        self.window.close_to_tray = self.tray.available and settings.close_to_tray
        self.tray.apply_settings(settings)
        if connection_changed:
            self.calls.reset_client()

    def open_settings(self) -> SettingsDialog:
        dialog = self.settings_flow.open_dialog()
        self.compliance.attach_dialog(dialog)
        return dialog

    def open_setup(self) -> SetupDialog:
        return self.account.open_setup()

    def use_sandbox(self) -> None:
        self.account.use_sandbox()

    # quit -----------------------------------------------------------------------------
    def quit(self) -> None:
        self.shutdown()
        self.qt_app.quit()

    def shutdown(self) -> None:
        """Release everything promptly, even with a call hung in flight. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self.calls.shutdown()
        if self._compliance is not None:
            self._compliance.shutdown()
        if self.instance is not None:
            self.instance.shutdown()
        if self._tray is not None:
            self._tray.shutdown()
        if self._lists is not None:
            self._lists.shutdown()
        if self._contacts is not None:
            self._contacts.shutdown()
        self.keyring_runner.shutdown(wait=0.1)
        self.io_runner.shutdown(wait=2.0)  # lets a settings write finish
        self.window.hide()
        self.window.deleteLater()
        self.runtime.close()


def build(
    argv: Sequence[str] = (),
    *,
    staged: bool = False,
    args: argparse.Namespace | None = None,
    early: EarlyListing | None = None,
) -> DialerApp:
    """The same wiring as ``main`` without the event loop; reuses a running QApplication.

    ``staged`` leaves the panels to be built after the first paint, as ``main`` does; ``args``
    is ``argv`` already parsed; ``early`` the contact list read since the process started."""
    if args is None:
        args = parse_window_args(argv)
    qt_app = QApplication.instance()
    if not isinstance(qt_app, QApplication):
        qt_app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationDisplayName("Dialer")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName(APP_ID)
    use_visible_focus(qt_app)
    collect_on_gui_thread()  # Qt objects are never freed by a worker thread's collection
    set_country_namer(qt_country_name)
    runtime = Runtime.open(
        RuntimeOptions(args.profile, args.api_base, args.sandbox), _start_sandbox
    )
    install_language(runtime.settings.language)  # before the first widget is made
    app = DialerApp(qt_app, runtime, staged=staged, early=early)
    app.options = args
    app.attach_instance(
        InstanceFlow(
            qt_app,
            address_for(runtime.profile_dir),
            app.window,
            lambda: app.settings,
            app.dial,
            app,
        )
    )
    assert app.instance is not None
    app.instance.show_window_requested.connect(app.show_window)
    return app


def _start_sandbox() -> PlatformStandIn:
    """The built-in sandbox, loaded only when sandbox mode is used (its HTTP server is not
    needed for the first paint)."""
    from dialer_app.sandbox.server import start_in_process

    return start_in_process()
