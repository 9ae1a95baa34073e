"""Where the package's own files are (``resources/`` ships as ``dialer_app.resources``).

The package's files are plain files in every install (wheel, editable, PyInstaller folder);
importlib.resources would add 4 ms to start-up for nothing.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

_SPEC = find_spec("dialer_app.resources")
RESOURCES = Path(_SPEC.origin).parent if _SPEC is not None and _SPEC.origin else Path()
TRANSLATIONS = RESOURCES / "translations"
