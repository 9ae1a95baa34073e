"""Replaces the stock phonenumbers hook, which bundles every submodule.

phonenumbers imports its per-region metadata lazily (``phonenumbers.data.region_XX``), so all
of ``data``, ``shortdata``, ``geodata`` (country names for core/phone.py) and ``tzdata`` (the
callee's time zones for calling hours, core/calling_hours.py) must be listed; the carrier
database is never used by the app and stays out.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("phonenumbers.carrier", "phonenumbers.geocoder")

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
excludedimports = list(UNUSED)
