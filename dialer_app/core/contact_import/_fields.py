"""Field values both formats share: free-text phone labels and extra_params JSON."""

from __future__ import annotations

import json
from typing import Any

_LABEL_WORDS = (
    ("fax", ("fax",)),
    ("mobile", ("cell", "mobile", "iphone", "handy")),
    ("work", ("work", "business", "office", "company")),
    ("home", ("home", "private")),
    ("main", ("main", "primary")),
)
_label_cache: dict[str, str] = {}


def label_from_text(text: str) -> str:
    """Map a free-text label ("Mobile Phone", "_$!<HomeFAX>!$_", "* Work") to a known label.

    Returns one of ``fax``, ``mobile``, ``work``, ``home``, ``main`` or ``other``.
    """
    label = _label_cache.get(text)
    if label is None:
        lowered = text.lower()
        label = next(
            (name for name, words in _LABEL_WORDS if any(word in lowered for word in words)),
            "other",
        )
        if len(_label_cache) < 10_000:
            _label_cache[text] = label
    return label


def parse_extra_params(text: str) -> tuple[dict[str, Any], str]:
    """``(params, "")`` for a JSON object, else ``({}, why)``."""
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        value = None
    if isinstance(value, dict):
        return value, ""
    return {}, "extra_params is not a JSON object"
