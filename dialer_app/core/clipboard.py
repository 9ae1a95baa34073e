"""Pick the number an agent means from what is on the clipboard.

On X11 (and Wayland with primary-selection support) highlighting text puts it in the primary
selection without any copy, so "select a number, click Call from clipboard" works; that
selection wins when it holds a number, else the regular clipboard is used.
"""

from __future__ import annotations

from dialer_app.core.phone import PhoneNumber, first_number

__all__ = ["number_from_clipboard_text"]


def number_from_clipboard_text(clipboard: str, selection: str, region: str) -> PhoneNumber | None:
    """The first callable number in ``selection``, else in ``clipboard``, else None.

    Numbers without a country code are read in ``region`` (e.g. ``"IN"``).
    """
    for text in (selection, clipboard):
        if text and not text.isspace():
            found = first_number(text, region)
            if found is not None:
                return found
    return None
