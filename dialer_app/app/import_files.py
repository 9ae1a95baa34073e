"""The first step of every import from the window (contacts and call lists): the file is
sniffed on the I/O worker (its format and, for CSV, its layout), then its dialog opens."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from dialer_app.services.background import BackgroundRunner
from dialer_app.ui.main_window import MainWindow

if TYPE_CHECKING:
    from dialer_app.core.contact_import import CsvLayout


def sniff_then_open(
    io: BackgroundRunner,
    window: MainWindow,
    path: Path,
    open_dialog: Callable[[Path, str, CsvLayout | None], object],
) -> None:
    """Sniff ``path`` off the GUI thread, then ``open_dialog(path, format, layout)``; a file
    that cannot be read is told in the window."""
    from dialer_app.core.contact_import import sniff_file

    def failed(error: BaseException) -> None:
        text = QCoreApplication.translate("ImportFiles", "Cannot import {file}: {reason}")
        window.show_message(text.format(file=path.name, reason=error), "error")

    io.submit(lambda: sniff_file(path), lambda result: open_dialog(path, *result), failed)
