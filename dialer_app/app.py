"""The composition root: builds the runtime, services and window, and wires them together.

``build(argv)`` gives the fully wired application without entering the event loop (tests use
it under pytest-qt); ``main(argv)`` runs it.
"""

from __future__ import annotations

import argparse
import gc
import linecache
import logging
import os
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, qVersion
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

from dialer_app import APP_ID, APP_NAME, __version__
from dialer_app.cli import ArgParser, UsageError, add_global_options
from dialer_app.core.call_request import Account, CallRequest, DeliveryMode, InvalidCallRequestError
from dialer_app.core.phone import (
    InvalidNumberError,
    PhoneNumber,
    normalize,
    preload,
    set_country_namer,
)
from dialer_app.core.profile import resolve_profile_dir
from dialer_app.core.settings import Settings
from dialer_app.core.urls import InvalidBaseUrlError
from dialer_app.diagnostics import configure_logging, diagnostics_report, write_crash_report
from dialer_app.instance_flow import InstanceFlow, address_for, hand_over, request_for
from dialer_app.runtime import Runtime, RuntimeOptions
from dialer_app.services.background import BackgroundRunner
from dialer_app.services.calls import CallAttempt, CallController
from dialer_app.ui.countries import qt_country_name
from dialer_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QCheckBox

    # Built after the window's first paint (or when first used): see DialerApp.build_panels.
    from dialer_app.contacts_flow import ContactsFlow
    from dialer_app.tray_flow import TrayFlow
    from dialer_app.ui.settings_dialog import SettingsDialog
    from dialer_app.ui.setup_dialog import AccountForm, SetupDialog

log = logging.getLogger(__name__)
WARM_UP_INTERVAL_S = 30.0


def parse_window_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = ArgParser(prog="dialer-app", description="Click-to-call dialer window.")
    add_global_options(parser, suppress=False)
    parser.add_argument("link", nargs="?", help="a tel:/callto: link or number to prefill")
    parser.add_argument("--version", action="version", version=f"dialer-app {__version__}")
    actions = parser.add_mutually_exclusive_group()
    actions.add_argument(
        "--quick-call",
        action="store_true",
        help="open the quick-call popup (in the running dialer, if there is one)",
    )
    actions.add_argument(
        "--call-clipboard",
        action="store_true",
        help="call the number in the clipboard, after confirmation (in the running dialer)",
    )
    actions.add_argument(
        "--register-handler",
        action="store_true",
        help="make this app the tel:/callto: link handler for the current user, then exit",
    )
    actions.add_argument(
        "--unregister-handler",
        action="store_true",
        help="undo --register-handler, then exit",
    )
    parser.add_argument(
        "--minimized",
        action="store_true",
        help="start in the tray (used by autostart; ignored where there is no tray)",
    )
    parser.add_argument(
        "--smoke-exit-after-ms",
        type=int,
        metavar="N",
        default=None,
        help=argparse.SUPPRESS,  # packaging smoke tests and benchmarks: quit N ms after first paint
    )
    return parser.parse_args(list(argv))


class FirstPaintWatcher(QObject):
    """Emits ``painted`` once, when the window has drawn itself for the first time."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            self._widget.removeEventFilter(self)
            QTimer.singleShot(0, self.painted.emit)  # after this paint has finished
        return False


class DialerApp(QObject):
    """Everything one running dialer consists of. ``shutdown()`` releases it all.

    With ``staged=True`` (``main``) only the dialpad window is built before the first paint;
    the contacts and history panels, the tray and the quick-call popup follow right after it
    (``build_panels``), or as soon as anything asks for ``contacts`` or ``tray``.
    """

    first_painted = Signal()  # the window is on screen (not emitted when starting hidden)
    ready = Signal()  # panels built, contacts loading: start-up is over

    def __init__(self, qt_app: QApplication, runtime: Runtime, *, staged: bool = False) -> None:
        super().__init__()
        self.qt_app = qt_app
        self.runtime = runtime
        self.keyring_runner = BackgroundRunner("keyring", self)
        self.io_runner = BackgroundRunner("io", self)
        self.calls = CallController(
            account_source=runtime.account,
            client_factory=runtime.new_client,
            on_rejected_account=runtime.forget_cached_account,
            parent=self,
        )
        self.window = MainWindow(runtime.settings)
        self.window.set_sandbox(runtime.sandbox_mode)
        self.window.add_side_tabs(["&Contacts", "&History"])
        self._contacts: ContactsFlow | None = None
        self._tray: TrayFlow | None = None
        find = QShortcut(QKeySequence.StandardKey.Find, self.window)
        find.activated.connect(self._focus_contacts_search)
        self.setup_dialog: SetupDialog | None = None
        self.options = argparse.Namespace(link=None, quick_call=False, call_clipboard=False)
        self.instance: InstanceFlow | None = None
        self._last_warm_up = 0.0
        self._background_started = False
        self._closed = False
        self._wire()
        if not staged:
            self.build_panels()

    def build_panels(self) -> None:
        """Contacts, history, tray and quick call: most of the start-up work, none of it
        needed to dial a typed number. Idempotent."""
        if self._contacts is not None:
            return
        from dialer_app.contacts_flow import ContactsFlow
        from dialer_app.tray_flow import TrayFlow

        self._contacts = ContactsFlow(self)
        self.window.set_side_panels([self._contacts.panel, self._contacts.history])
        self._tray = TrayFlow(self)
        self.window.close_to_tray = self._tray.available and self.settings.close_to_tray

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def contacts(self) -> ContactsFlow:
        self.build_panels()
        assert self._contacts is not None
        return self._contacts

    @property
    def tray(self) -> TrayFlow:
        self.build_panels()
        assert self._tray is not None
        return self._tray

    def _wire(self) -> None:
        window, calls = self.window, self.calls
        window.call_requested.connect(self.place_call)
        window.mode_changed.connect(self._remember_mode)
        window.number_edited.connect(self._warm_up)
        window.settings_requested.connect(self.open_settings)
        window.setup_requested.connect(self.open_setup)
        window.about_requested.connect(self.show_about)
        window.diagnostics_requested.connect(self.copy_diagnostics)
        window.quit_requested.connect(self.quit)
        window.hide_requested.connect(window.hide)
        calls.busy_changed.connect(window.set_busy)
        calls.started.connect(window.show_calling)
        calls.succeeded.connect(window.show_success)
        calls.failed.connect(window.show_failure)

    @property
    def settings(self) -> Settings:
        return self.runtime.settings

    def _focus_contacts_search(self) -> None:
        self.window.side_tabs.setCurrentWidget(self.contacts.panel)
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
        if self._background_started or self._closed:
            return
        self._background_started = True
        _release_source_lines()  # before building the panels: they reuse that memory
        self.build_panels()
        self.ready.emit()
        if self.closed:  # a ready handler quit
            return
        self.contacts.start()
        self.tray.start()
        if self.instance is not None:
            self.instance.run_launch_request(self.options)
        if self.needs_setup():  # over the painted window, not before it
            QTimer.singleShot(0, self.open_setup)
        self.io_runner.submit(preload, _ignore, _ignore)
        gc.freeze()  # start-up objects live all day: keep the cyclic GC's passes short

    def needs_setup(self) -> bool:
        return (
            not self.runtime.sandbox_mode
            and self.runtime.session_account is None
            and not self.settings.user_id
        )

    # calling --------------------------------------------------------------------------
    def call_digits(
        self, digits: str, contact_id: int | None, mode: DeliveryMode | None = None
    ) -> None:
        """Call API digits from the tray or the quick-call popup (a contact's, if known)."""
        if contact_id is not None:
            self.contacts.call_contact(contact_id, digits, mode)
            return
        try:
            number = normalize("+" + digits, None)
        except InvalidNumberError as exc:
            self.window.show_message(f"Cannot call {digits}: {exc.reason}", "error")
            return
        self.place_call(
            number,
            mode or self.window.mode_switch.mode(),
            self.window.caller_id_combo.currentData(),
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

    def place_call(self, number: PhoneNumber, mode: DeliveryMode, caller_id: str | None) -> bool:
        """One user action → at most one request (ignored while a call is in flight)."""
        if self.calls.in_flight:
            return False
        extra = dict(self.settings.extra_params_template) or None
        try:
            request = CallRequest(number.digits, mode, caller_id, extra)
        except InvalidCallRequestError as exc:
            self.window.show_message(str(exc), "error")
            return False
        return self.calls.place(CallAttempt(request, number.international))

    def _warm_up(self) -> None:
        now = time.monotonic()
        if now - self._last_warm_up > WARM_UP_INTERVAL_S:
            self._last_warm_up = now
            self.calls.warm_up()

    # settings -------------------------------------------------------------------------
    def update_settings(self, settings: Settings) -> None:
        """Apply at once; write the file on the I/O worker."""
        changed_connection = settings.client_config() != self.settings.client_config()
        self.runtime.loaded = replace(self.runtime.loaded, settings=settings)
        self.window.apply_settings(settings)
        self.window.close_to_tray = self.tray.available and settings.close_to_tray
        self.tray.apply_settings()
        if changed_connection:
            self.calls.reset_client()
        self.io_runner.submit(
            lambda: self.runtime.settings_file.save(settings),
            _ignore,
            lambda error: self.window.show_message(
                f"Settings could not be saved: {error}", "error"
            ),
        )

    def _remember_mode(self, mode: DeliveryMode) -> None:
        if mode is not self.settings.default_mode:
            self.update_settings(replace(self.settings, default_mode=mode))

    def open_settings(self) -> SettingsDialog:
        from dialer_app.system.autostart import autostart_enabled
        from dialer_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings, tray_available=self.tray.available, parent=self.window
        )
        dialog.autostart.setEnabled(False)  # until its state is read on the I/O worker
        self.io_runner.submit(
            autostart_enabled, lambda on: _enable_check(dialog.autostart, bool(on)), _ignore
        )
        dialog.forget_account_requested.connect(lambda: self._forget_account(dialog))
        dialog.accepted.connect(lambda: self._apply_settings_dialog(dialog))
        dialog.open()
        return dialog

    def _apply_settings_dialog(self, dialog: SettingsDialog) -> None:
        if dialog.autostart.isEnabled():
            from dialer_app.system.autostart import set_autostart

            wanted = dialog.autostart.isChecked()
            self.io_runner.submit(
                lambda: set_autostart(wanted),
                _ignore,
                lambda error: self.window.show_message(
                    f"Start at login could not be changed: {error}", "error"
                ),
            )
        settings = dialog.result_settings()
        secret = dialog.new_secret()
        user_changed = settings.user_id != self.settings.user_id
        self.update_settings(settings)
        if user_changed or secret:
            self.runtime.forget_cached_account()
            self.runtime.session_account = None
        if secret and settings.user_id:
            self.keyring_runner.submit(
                lambda: self.runtime.credentials.set_secret(settings.user_id, secret),
                lambda _r: self.window.show_message("The new app secret was stored.", "info"),
                lambda error: self.window.show_message(
                    f"The new secret was not stored: {error}", "error"
                ),
            )

    def _forget_account(self, dialog: SettingsDialog) -> None:
        from PySide6.QtWidgets import QMessageBox

        user_id = self.settings.user_id
        answer = QMessageBox.question(
            dialog,
            "Forget account",
            f"Remove the app secret of {user_id or 'this profile'} from the keyring and clear "
            "the user id?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        dialog.reject()
        self.runtime.forget_cached_account()
        self.runtime.session_account = None
        self.update_settings(replace(self.settings, user_id=""))
        if user_id:
            self.keyring_runner.submit(
                lambda: self.runtime.credentials.delete_secret(user_id),
                lambda _r: self.window.show_message("The account was forgotten.", "info"),
                lambda error: self.window.show_message(
                    f"The secret could not be removed: {error}", "error"
                ),
            )

    # first run ------------------------------------------------------------------------
    def open_setup(self) -> SetupDialog:
        from dialer_app.ui.setup_dialog import SetupDialog

        dialog = SetupDialog(self.settings, self.window)
        dialog.save_requested.connect(self._save_account)
        dialog.session_only_requested.connect(self._use_session_account)
        dialog.sandbox_requested.connect(self.use_sandbox)
        dialog.finished.connect(lambda _result: setattr(self, "setup_dialog", None))
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def _save_account(self, form: AccountForm) -> None:
        dialog = self.setup_dialog

        def store() -> None:
            self.runtime.credentials.set_secret(form.user_id, form.secret)

        def stored(_result: object) -> None:
            self.runtime.forget_cached_account()
            self._apply_account_form(form)
            if dialog is not None:
                dialog.accept()
            self.window.show_message(f"Account {form.user_id} saved. Ready to call.", "info")

        def failed(error: BaseException) -> None:
            from dialer_app.core.credentials import KeyringUnavailableError

            if dialog is None:
                return
            keyring_down = isinstance(error, KeyringUnavailableError)
            text = (
                str(error)
                if isinstance(error, KeyringUnavailableError | ValueError)
                else (f"Saving failed ({type(error).__name__}).")
            )
            if keyring_down:
                text += "\nYou can keep the secret in memory until the app quits."
            dialog.show_error(text, offer_session_only=keyring_down)

        self.keyring_runner.submit(store, stored, failed)

    def _apply_account_form(self, form: AccountForm) -> None:
        settings = replace(
            self.settings, user_id=form.user_id, default_mode=form.mode, default_region=form.region
        )
        self.update_settings(settings)
        self.window.mode_switch.set_mode(form.mode)
        if self.runtime.sandbox_mode:  # a real account ends the demo
            self.runtime.stop_sandbox()
            self.calls.reset_client()
            self.window.set_sandbox(False)

    def _use_session_account(self, form: AccountForm) -> None:
        self.runtime.session_account = Account(form.user_id, form.secret)
        self._apply_account_form(form)
        if self.setup_dialog is not None:
            self.setup_dialog.accept()
        self.window.show_message(
            "The secret is kept in memory for this session only; it is forgotten when you quit.",
            "info",
        )

    def use_sandbox(self) -> None:
        self.runtime.start_sandbox()
        self.calls.reset_client()
        self.window.set_sandbox(True)
        if self.setup_dialog is not None:
            self.setup_dialog.accept()
        self.window.show_message(
            "Sandbox mode: calls go to the built-in demo server; no phone rings.", "info"
        )

    # about / quit ---------------------------------------------------------------------
    def show_about(self) -> None:
        self.keyring_runner.submit(
            self.runtime.credentials.backend_name, self._show_about_box, self._show_about_box
        )

    def _show_about_box(self, backend: object) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self.window,
            "About Dialer",
            f"<b>{APP_NAME} {__version__}</b><br>Click-to-call for TeleCMI.<br><br>"
            f"Qt {qVersion()} · PySide6 {pyside_version}<br>"
            f"Python {sys.version.split()[0]}<br>Keyring: {backend}",
        )

    def copy_diagnostics(self) -> None:
        """Gather the report off the GUI thread (keyring and log file), then copy it."""
        runtime = self.runtime

        def gather() -> str:
            return diagnostics_report(
                profile_dir=runtime.profile_dir,
                api_base_url=runtime.effective_settings().api_base_url,
                keyring_backend=runtime.credentials.backend_name(),
                extra=[
                    ("Qt", qVersion()),
                    ("Sandbox", "yes" if runtime.sandbox_mode else "no"),
                    ("User id", runtime.settings.user_id or "(none)"),
                ],
            )

        def copied(text: str) -> None:
            QGuiApplication.clipboard().setText(text)
            self.window.show_message("Diagnostics copied to the clipboard.", "info")

        self.keyring_runner.submit(
            gather, copied, lambda e: self.window.show_message(str(e), "error")
        )

    def quit(self) -> None:
        self.shutdown()
        self.qt_app.quit()

    def shutdown(self) -> None:
        """Release everything promptly, even with a call hung in flight. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self.calls.shutdown()
        if self.instance is not None:
            self.instance.shutdown()
        if self._tray is not None:
            self._tray.shutdown()
        if self._contacts is not None:
            self._contacts.shutdown()
        self.keyring_runner.shutdown(wait=0.1)
        self.io_runner.shutdown(wait=2.0)  # lets a settings write finish
        self.window.hide()
        self.window.deleteLater()
        self.runtime.close()


def _ignore(_value: object) -> None:
    return None


def _release_source_lines() -> None:
    """Drop the source text PySide6 leaves in ``linecache`` (~5 MiB after start-up).

    PySide6 reads the whole source of every imported module (``inspect.getsource``) to look
    for ``from __feature__ import``; linecache keeps it. Tracebacks read it again if needed.
    Called only while no worker thread can be using linecache (it has no lock): before the
    window is built and before the panels are, when the workers have had nothing to do yet.
    """
    linecache.clearcache()


def _enable_check(check: QCheckBox, checked: bool) -> None:
    check.setChecked(checked)
    check.setEnabled(True)


def build(
    argv: Sequence[str] = (), *, staged: bool = False, args: argparse.Namespace | None = None
) -> DialerApp:
    """The same wiring as ``main`` without the event loop; reuses a running QApplication.

    ``staged`` leaves the panels to be built after the first paint, as ``main`` does; ``args``
    is ``argv`` already parsed."""
    if args is None:
        args = parse_window_args(argv)
    _release_source_lines()  # the imports are done: let the window reuse that memory
    qt_app = QApplication.instance()
    if not isinstance(qt_app, QApplication):
        qt_app = QApplication([sys.argv[0] if sys.argv else APP_NAME])
    qt_app.setApplicationName(APP_NAME)
    qt_app.setApplicationDisplayName("Dialer")
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName(APP_ID)
    set_country_namer(qt_country_name)
    runtime = Runtime.open(RuntimeOptions(args.profile, args.api_base, args.sandbox))
    app = DialerApp(qt_app, runtime, staged=staged)
    app.options = args
    app.instance = InstanceFlow(app, address_for(runtime.profile_dir))
    return app


def _watch_start_up(app: DialerApp) -> None:
    """Benchmarks and smoke tests: report (``DIALER_REPORT_TIMINGS=1``) the first paint, the
    end of start-up (``ready``: every panel built) and the contacts shown, and/or quit some
    time after ``ready``. Times are ``time.monotonic()``, comparable across processes."""
    smoke_ms = app.options.smoke_exit_after_ms
    report = os.environ.get("DIALER_REPORT_TIMINGS") == "1"
    if smoke_ms is None and not report:
        return

    def stamp(what: str, detail: object = "") -> None:
        print(f"{what} {time.monotonic():.6f} {detail}".rstrip(), flush=True)

    def started() -> None:
        if report:
            stamp("ready")
            app.contacts.service.index_changed.connect(
                lambda index: stamp("contacts-shown", len(index))
            )
        if smoke_ms is not None:
            QTimer.singleShot(max(smoke_ms, 0), app.quit)

    if report:
        app.first_painted.connect(lambda: stamp("first-paint"))
    app.ready.connect(started)


def _open_log_file(app: DialerApp) -> None:
    """The profile's log file, opened once the window has painted; what was logged before
    is written to it first."""
    if configure_logging(app.runtime.profile_dir, verbose=bool(app.options.verbose)) is None:
        notice = (
            f"The log file cannot be written in {app.runtime.profile_dir}; "
            "problems are reported on the terminal only."
        )  # shown with the settings warnings, if any, as one message
        app.window.show_message("\n".join([*app.runtime.loaded.warnings, notice]), "error")


def install_crash_handler(app: DialerApp) -> None:
    """Uncaught exceptions: log, save a redacted crash report, tell the agent, keep running."""

    def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            app.quit()
            return
        log.critical("Unexpected error", exc_info=(kind, value, tb))
        path = write_crash_report(app.runtime.profile_dir, kind, value, tb)
        where = f" A report was saved to {path}." if path else ""
        if threading.current_thread() is threading.main_thread():
            from PySide6.QtWidgets import QMessageBox  # loaded when needed: 3 ms at start-up

            QMessageBox.critical(
                app.window,
                "Something went wrong",
                f"The dialer hit an unexpected error ({kind.__name__}).{where}\n\n"
                "You can keep working; if it happens again, send the report and "
                "Help › Copy diagnostics to your IT team.",
            )

    sys.excepthook = handle
    threading.excepthook = lambda args: handle(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback
    )


def _run_handler_command(args: argparse.Namespace) -> int:
    from dialer_app.system.handlers import register_handler, unregister_handler

    result = register_handler() if args.register_handler else unregister_handler()
    print(result.message, file=sys.stdout if result.ok else sys.stderr)
    if args.verbose:
        for change in result.changed:
            print(f"  {change}")
    return 0 if result.ok else 1


def main(argv: Sequence[str] = ()) -> int:
    configure_logging(None)
    try:
        args = parse_window_args(argv)
    except UsageError as exc:
        print(f"dialer-app: {exc}\nTry 'dialer-app --help'.", file=sys.stderr)
        return 2
    if args.register_handler or args.unregister_handler:
        return _run_handler_command(args)
    address = address_for(resolve_profile_dir(args.profile))
    if hand_over(address, request_for(args)):
        return 0  # the running dialer took the link / request
    try:
        app = build(argv, staged=True, args=args)
    except UsageError as exc:
        print(f"dialer-app: {exc}\nTry 'dialer-app --help'.", file=sys.stderr)
        return 2
    except InvalidBaseUrlError as exc:
        print(f"dialer-app: {exc}", file=sys.stderr)
        return 2
    if (
        app.instance is not None
        and not app.instance.is_primary
        and hand_over(address, request_for(args))
    ):
        app.shutdown()  # another dialer won the start-up race
        return 0
    install_crash_handler(app)
    _watch_start_up(app)
    app.ready.connect(lambda: _open_log_file(app))
    app.start()
    try:
        return app.qt_app.exec()
    finally:
        app.shutdown()
