"""Help: the About box and "Copy diagnostics", both gathered off the GUI thread."""

from __future__ import annotations

import html
import sys

from PySide6.QtCore import QObject, qVersion
from PySide6.QtGui import QGuiApplication

from dialer_app import APP_NAME, __version__
from dialer_app.core.diagnostics import diagnostics_report
from dialer_app.core.runtime import Runtime
from dialer_app.services.background import BackgroundRunner
from dialer_app.ui.main_window import MainWindow


class AboutFlow(QObject):
    def __init__(
        self,
        runtime: Runtime,
        window: MainWindow,
        keyring_runner: BackgroundRunner,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runtime = runtime
        self._window = window
        self._keyring = keyring_runner

    def show_about(self) -> None:
        """The keyring backend's name may need the keyring: read it on its worker."""
        self._keyring.submit(
            self._runtime.credentials.backend_name, self._show_about_box, self._show_about_box
        )

    def _show_about_box(self, backend: object) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self._window,
            self.tr("About {app}").format(app=APP_NAME),
            f"<b>{APP_NAME} {__version__}</b><br>"
            + self.tr("Click-to-call for TeleCMI.")
            + f"<br><br>Qt {qVersion()} · PySide6 {pyside_version}<br>"
            f"Python {sys.version.split()[0]}<br>"
            + self.tr("Keyring: {backend}").format(backend=html.escape(str(backend))),
        )

    def copy_diagnostics(self) -> None:
        """Gather the report off the GUI thread (keyring and log file), then copy it: the same
        report as ``dialer-app diagnostics`` prints, plus the Qt version in use."""
        runtime = self._runtime

        def gather() -> str:
            return diagnostics_report(runtime, extra=[("Qt", qVersion())])

        def copied(text: str) -> None:
            QGuiApplication.clipboard().setText(text)
            self._window.show_message(self.tr("Diagnostics copied to the clipboard."), "info")

        self._keyring.submit(gather, copied, lambda e: self._window.show_message(str(e), "error"))
