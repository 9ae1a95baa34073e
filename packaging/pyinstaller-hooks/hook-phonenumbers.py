"""Replaces the stock phonenumbers hook, which bundles every submodule.

phonenumbers imports its per-region metadata lazily (``phonenumbers.data.region_XX``), so all
of ``data``, ``shortdata`` and ``geodata`` (country names for core/phone.py) must be listed;
the carrier and time-zone databases are never used by the app and stay out.
"""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = ("phonenumbers.carrier", "phonenumbers.timezone", "phonenumbers.geocoder")

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
excludedimports = list(UNUSED)
