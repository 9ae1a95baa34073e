"""Search-as-you-type over contacts, fast at 100,000 rows and small in memory.

Each contact is held as one text, its *record* (``store.listing_record``, stored with the
contact since schema 3): name, company, numbers as typed and their digits (for the list),
then what the search looks in (name, company and numbers without case or accents, the
digits, the digits as typed), fields apart by U+001F. One string per contact instead of a
tuple of six keeps the list at about 200 bytes a contact, and loading reads the stored
records in display order from an index: no Python work per contact beyond a list append.

A query is split into words that must all occur, folded like the stored text, so "jose"
finds "José" and "josé" finds "Jose"; a query that looks like a number is matched on digits
only, so "+91 920" and "920" both find +91 92000 00000. Extending the previous query (typing
one more character) only re-checks the previous matches. A folded query never matches the
unfolded fields of a record where the folded ones do not (folding keeps plain lowercase text
as it is), so searching the whole record is safe.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress, repeat
from operator import contains
from typing import overload

from dialer_app.core.store import LISTING_SEPARATOR as SEPARATOR
from dialer_app.core.store import Listing, SearchRow, Store, listing_record
from dialer_app.core.text_fold import fold

_NUMBER_LIKE = re.compile(r"[\d\s+()./-]+")
_NON_DIGITS = re.compile(r"\D+")


def _query_terms(query: str) -> tuple[str, ...]:
    text = query.strip()
    if not text:
        return ()
    if _NUMBER_LIKE.fullmatch(text):
        digits = _NON_DIGITS.sub("", text)
        return (digits,) if digits else ()
    return tuple(fold(text).split())


class _Rows(Sequence[SearchRow]):
    """The records read as ``SearchRow`` tuples, made when asked for (the tray's favorites,
    the quick-call suggestions)."""

    def __init__(self, index: ContactIndex) -> None:
        self._index = index

    def __len__(self) -> int:
        return len(self._index)

    @overload
    def __getitem__(self, position: int) -> SearchRow: ...

    @overload
    def __getitem__(self, position: slice) -> Sequence[SearchRow]: ...

    def __getitem__(self, position: int | slice) -> SearchRow | Sequence[SearchRow]:
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(len(self)))]
        return self._index.row(position)

    def __iter__(self) -> Iterator[SearchRow]:
        return (self._index.row(position) for position in range(len(self)))


class ContactIndex:
    """The contact list in display order; ``search`` returns positions into it."""

    def __init__(self, rows: Iterable[SearchRow] = ()) -> None:
        """An index of ``rows`` (tests and small lists; the app loads with :meth:`load`)."""
        ids: array[int] = array("q")
        favorites = bytearray()
        records: list[str] = []
        for contact_id, name, company, favorite, numbers, digits in rows:
            ids.append(contact_id)
            favorites.append(favorite)
            records.append(listing_record(name, company, numbers, digits))
        self._set(ids, favorites, records)

    @classmethod
    def load(cls, store: Store, listing: Listing | None = None) -> ContactIndex:
        """Every contact of ``store``, in display order (one query, records built in SQL), or
        of ``listing`` when it was read already (``store.EarlyListing``)."""
        index = cls.__new__(cls)
        index._set(*(store.listing() if listing is None else listing))
        return index

    def _set(self, ids: array[int], favorites: bytearray, records: list[str]) -> None:
        self._ids = ids
        self._favorites = favorites
        self._records = records
        self._everything = range(len(records))
        self._last_terms: tuple[str, ...] = ()
        self._last_result: Sequence[int] = self._everything

    def __len__(self) -> int:
        return len(self._records)

    @property
    def rows(self) -> Sequence[SearchRow]:
        return _Rows(self)

    def row(self, position: int) -> SearchRow:
        """``(id, name, company, favorite, numbers_text, digits_text)`` of one contact."""
        name, company, numbers, digits, _search = self._records[position].split(SEPARATOR, 4)
        favorite = self._favorites[position] == 1
        return self._ids[position], name, company, favorite, numbers, digits

    def contact_id(self, position: int) -> int:
        return self._ids[position]

    def favorite(self, position: int) -> bool:
        return self._favorites[position] == 1

    def search(self, query: str) -> Sequence[int]:
        """Positions of the rows matching every word of ``query``, in display order."""
        terms = _query_terms(query)
        result: Sequence[int] = self._everything
        if terms:
            result = self._candidates(terms)
            for term in terms:
                result = self._matching(result, term)
        self._last_terms, self._last_result = terms, result
        return result

    def _matching(self, candidates: Sequence[int], term: str) -> list[int]:
        # map/compress keep the per-row loop in C: no Python bytecode runs per row.
        if candidates is self._everything:
            records: Iterable[str] = self._records
        else:
            records = map(self._records.__getitem__, candidates)
        return list(compress(candidates, map(contains, records, repeat(term))))

    def _candidates(self, terms: tuple[str, ...]) -> Sequence[int]:
        """Narrow from the last result when every new word extends a previous one."""
        last = self._last_terms
        if (
            last
            and len(terms) >= len(last)
            and all(old in new for new, old in zip(terms, last, strict=False))
        ):
            return self._last_result
        return self._everything
