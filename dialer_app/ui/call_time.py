"""How the call history says when a call was: '14:05' today, '26 Nov 14:05' this year,
'26 Nov 2023' before, and in full for the tooltip; month and day names in the window's
language (context ``HistoryPanel``, with the history's other words)."""

from __future__ import annotations

from datetime import datetime
from typing import Final

from PySide6.QtCore import QCoreApplication

from dialer_app.ui.core_text import QT_TRANSLATE_NOOP

__all__ = ["full_time_label", "time_label"]

_MONTHS: Final = (
    QT_TRANSLATE_NOOP("HistoryPanel", "Jan"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Feb"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Mar"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Apr"),
    QT_TRANSLATE_NOOP("HistoryPanel", "May"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Jun"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Jul"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Aug"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Sep"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Oct"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Nov"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Dec"),
)
_MONTH_NAMES: Final = (
    QT_TRANSLATE_NOOP("HistoryPanel", "January"),
    QT_TRANSLATE_NOOP("HistoryPanel", "February"),
    QT_TRANSLATE_NOOP("HistoryPanel", "March"),
    QT_TRANSLATE_NOOP("HistoryPanel", "April"),
    QT_TRANSLATE_NOOP("HistoryPanel", "May"),
    QT_TRANSLATE_NOOP("HistoryPanel", "June"),
    QT_TRANSLATE_NOOP("HistoryPanel", "July"),
    QT_TRANSLATE_NOOP("HistoryPanel", "August"),
    QT_TRANSLATE_NOOP("HistoryPanel", "September"),
    QT_TRANSLATE_NOOP("HistoryPanel", "October"),
    QT_TRANSLATE_NOOP("HistoryPanel", "November"),
    QT_TRANSLATE_NOOP("HistoryPanel", "December"),
)
_WEEKDAYS: Final = (
    QT_TRANSLATE_NOOP("HistoryPanel", "Monday"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Tuesday"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Wednesday"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Thursday"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Friday"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Saturday"),
    QT_TRANSLATE_NOOP("HistoryPanel", "Sunday"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("HistoryPanel", text)


def time_label(started_at: datetime, now: datetime) -> str:
    """'14:05' today, '26 Nov 14:05' earlier this year, '26 Nov 2023' before that (local)."""
    local, today = started_at.astimezone(), now.astimezone()
    if local.date() == today.date():
        return f"{local:%H:%M}"
    if local.year == today.year:
        return f"{local.day} {_tr(_MONTHS[local.month - 1])} {local:%H:%M}"
    return f"{local.day} {_tr(_MONTHS[local.month - 1])} {local.year}"


def full_time_label(started_at: datetime) -> str:
    """'Tuesday 26 November 2024, 14:05:09' in local time (the window's language, whatever
    the C locale)."""
    local = started_at.astimezone()
    weekday, month = _tr(_WEEKDAYS[local.weekday()]), _tr(_MONTH_NAMES[local.month - 1])
    return f"{weekday} {local.day} {month} {local.year}, {local:%H:%M:%S}"
