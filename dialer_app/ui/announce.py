"""Telling assistive technology about a change the user did not move focus to.

A call outcome or a notice appears in a label the user is not on; a screen reader says nothing
unless it is told. :func:`announce` sends Qt's announcement event (an ARIA live region on
AT-SPI, UIA notification on Windows) from the widget that shows the text.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


def announce(source: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have screen readers read ``text`` (politely: after what they are reading; ``urgent``
    interrupts, for failures the agent must hear now). Does nothing for empty text."""
    if not text.strip():
        return
    event = QAccessibleAnnouncementEvent(source, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    QAccessible.updateAccessibility(event)
