"""Text that could reorder or hide what an agent reads: strip it from numbers, isolate names.

A bidi override (U+202E) in a pasted number shows one number and dials another; a name ending
in U+202E reverses the number printed beside it. Numbers lose every format character before
they are shown; names are wrapped in a first-strong isolate so they cannot affect their
neighbours.
"""

from __future__ import annotations

import unicodedata

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def strip_invisible(text: str) -> str:
    """``text`` without format characters (bidi controls, zero-width characters, BOM) and
    without control characters other than spaces."""
    if text.isascii() and text.isprintable():
        return text  # the common case, typed on a keyboard: nothing to look at
    return "".join(ch for ch in text if not _invisible(ch))


def isolate(name: str) -> str:
    """``name`` as a bidi island: its own direction, no effect on the text around it."""
    cleaned = strip_invisible(name)
    if not cleaned or cleaned.isascii():
        return cleaned
    return f"{FIRST_STRONG_ISOLATE}{cleaned}{POP_DIRECTIONAL_ISOLATE}"


def _invisible(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category == "Cf" or (category == "Cc" and ch not in "\t")
