"""Text compared the way people read it: case and accents do not count.

"José Müller", "jose muller" and "JOSE MÜLLER" fold to the same text, both ways: search finds
"José" when "jose" is typed and "Jose" when "josé" is typed, and an import sees that two rows
name the same person. Letters that carry no combining mark in Unicode (ø, ł, đ, ß, æ, œ, ı)
are folded to their plain Latin forms as well.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "has_name", "same_name"]

_LETTERS = str.maketrans(
    {
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "ð": "d",
        "Ð": "d",
        "þ": "th",
        "Þ": "th",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ı": "i",
        "ħ": "h",
        "Ħ": "h",
        "ŧ": "t",
        "Ŧ": "t",
    }
)


def fold(text: str) -> str:
    """``text`` without case and accents (compatibility forms folded too: "ﬁ" is "fi")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.casefold())


def has_name(name: str) -> bool:
    """Whether ``name`` names someone: it has a letter (not only a number or punctuation)."""
    return any(ch.isalpha() for ch in name)


@lru_cache(maxsize=4096)
def _name_key(name: str) -> tuple[str, ...]:
    words = "".join(ch if ch.isalnum() else " " for ch in fold(name)).split()
    return tuple(sorted(words))


def same_name(first: str, second: str) -> bool:
    """Whether two contacts are the same person by name: the same words once case, accents,
    punctuation and word order are left out ("Rao, Asha" is "asha rao"), or one of them has
    no name (only a number)."""
    if not has_name(first) or not has_name(second):
        return True
    return _name_key(first) == _name_key(second)
