"""Country names from Qt's locale data (already in memory with Qt)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QLocale


@cache
def qt_country_name(region_code: str) -> str:
    """'IN' → 'India'; '' for codes Qt doesn't know or non-geographic ones ('001')."""
    territory = QLocale.codeToTerritory(region_code)
    if territory in (QLocale.Country.AnyTerritory, QLocale.Country.World):
        return ""
    return QLocale.territoryToString(territory)
