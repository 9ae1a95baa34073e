"""Reading rows straight from the pages of a damaged SQLite file.

When SQLite cannot walk a table (a damaged interior page, a file cut short, a broken
header), the leaf pages holding its rows are often intact. :func:`scan_rows` reads every page
of the file, decodes the cells of table leaf pages (following overflow chains) and keeps the
records that have the shape of a row of one of our tables (a contact, a number, a call, a
call list, its entries and attempts...), by row id. The do-not-call lists are ``WITHOUT
ROWID`` tables, kept in index b-trees whose interior pages hold rows too: every cell of
those pages with the shape of a do-not-call row is kept, by number. Pages on the free list
are skipped: they hold rows deleted long ago. The format is SQLite's documented file
format (https://www.sqlite.org/fileformat2.html).
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

_LEAF_TABLE: Final = 0x0D
_INTERIOR_INDEX: Final = 0x02
_LEAF_INDEX: Final = 0x0A
_HEADER: Final = b"SQLite format 3\x00"
_MAX_FREELIST: Final = 1_000_000
_MODES: Final = frozenset({"softphone", "mobile"})
_OUTCOMES: Final = frozenset({"initiated", "failed", "cancelled"})
_LIST_STATUSES: Final = frozenset({"pending", "called", "done", "callback"})
_ATTEMPT_OUTCOMES: Final = frozenset({"started", "initiated", "failed"})

Rows = dict[str, dict[int, tuple[Any, ...]]]
KeyedRows = dict[str, dict[str, tuple[Any, ...]]]


def scan_rows(
    path: Path, wanted: dict[str, list[tuple[int, int]]], keyed: bool = False
) -> tuple[Rows, KeyedRows]:
    """The rows of our tables found in the pages of ``path`` whose row ids fall in ``wanted``
    (inclusive ranges by table), with the columns of ``_recovery.TABLES`` (a column added
    after a row was written reads as its default); and with ``keyed`` every row of the
    do-not-call lists (``do_not_call``, ``do_not_call_team``) by number. Nothing when the
    file is not readable at all."""
    found: Rows = {table: {} for table in wanted}
    lists: KeyedRows = {"do_not_call": {}, "do_not_call_team": {}}
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return found, lists
    try:
        reader = _Pages(fd)
        for rowid, values in reader.records(keyed):
            if rowid is None:
                _keep_keyed(values, lists)
                continue
            table = _table_of(values)
            if table is None or table not in wanted or rowid in found[table]:
                continue
            if any(low <= rowid <= high for low, high in wanted[table]):
                found[table][rowid] = _widened(table, rowid, values)
        return found, lists
    finally:
        os.close(fd)


_WIDTH: Final = {
    "contacts": 9,
    "contact_numbers": 6,
    "history": 13,
    "do_not_call_team_copy": 5,
    "call_lists": 9,
    "call_list_entries": 18,
    "call_list_attempts": 8,
}
_ADDED_LATER: Final = {"history": (0,)}  # schema 6's ``sandbox``, absent from older rows


def _widened(table: str, rowid: int, values: list[Any]) -> tuple[Any, ...]:
    width = _WIDTH[table]
    row = (rowid, *values[1:width])
    missing = width - len(row)
    return (*row, *_ADDED_LATER[table][-missing:]) if missing > 0 else row


def _keep_keyed(values: list[Any], lists: KeyedRows) -> None:
    """A record of texts only shaped like a do-not-call row (the number is checked by the
    caller: ``_recovery_keyed.valid_keyed``)."""
    if not all(isinstance(value, str) for value in values):
        return
    table = {4: "do_not_call", 2: "do_not_call_team"}.get(len(values))
    if table is not None:
        lists[table].setdefault(values[0], tuple(values))


def _table_of(values: list[Any]) -> str | None:
    """Which of our tables a record belongs to, by its shape (None: another table or junk)."""
    count = len(values)
    if not values or values[0] is not None:  # the row id alias is stored as NULL
        return None
    kinds = [type(value) for value in values]
    if count == 6 and kinds[1:] == [int, int, str, str, str]:
        return "contact_numbers"
    if count == 5 and kinds[1:] == [str, str, int, int]:
        return "do_not_call_team_copy"
    listed = _list_table_of(values, kinds)
    if listed is not None:
        return listed
    if (
        count in (9, 11, 12)
        and kinds[1:5] == [str, str, str, str]
        and kinds[5] is int
        and values[5] in (0, 1)
        and kinds[6:9] == [str, str, str]
    ):
        return "contacts"
    if (
        count in (12, 13)
        and kinds[1:4] == [str, str, str]
        and values[6] in _MODES
        and (values[4] is None or isinstance(values[4], int))
        and (count == 12 or values[12] in (0, 1))
    ):
        return "history" if values[8] in _OUTCOMES else None
    return None


def _list_table_of(values: list[Any], kinds: list[type]) -> str | None:
    """The call list tables' shapes (schema 5)."""
    count = len(values)
    if count == 9 and kinds[1:6] == [str] * 5 and kinds[6] is int and kinds[7:] == [str, str]:
        return "call_lists"
    if (
        count == 18
        and kinds[1:4] == [int, int, int]
        and kinds[4:9] == [str] * 5
        and values[9] in _LIST_STATUSES
        and kinds[11:13] == [str, int]
        and kinds[16:] == [str, str]
    ):
        return "call_list_entries"
    if count == 8 and kinds[1:3] == [int, str] and values[3] in _ATTEMPT_OUTCOMES:
        return "call_list_attempts" if kinds[7] is str else None
    return None


class _Pages:
    """The pages of a database file read one at a time (``os.pread``): bounded memory."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._size = os.fstat(fd).st_size
        head = os.pread(fd, 100, 0)
        self.page_size = 4096
        reserved = 0
        freelist_head = 0
        if len(head) == 100 and head.startswith(_HEADER):
            raw = struct.unpack(">H", head[16:18])[0]
            size = 65536 if raw == 1 else raw
            if size >= 512 and size & (size - 1) == 0:
                self.page_size = size
            reserved = head[20]
            freelist_head = struct.unpack(">I", head[32:36])[0]
        self.usable = self.page_size - reserved
        self.count = self._size // self.page_size
        self._free = self._freelist(freelist_head)

    def page(self, number: int) -> bytes | None:
        if not 1 <= number <= self.count:
            return None
        data = os.pread(self._fd, self.page_size, (number - 1) * self.page_size)
        return data if len(data) == self.page_size else None

    def records(self, keyed: bool = False) -> Iterator[tuple[int | None, list[Any]]]:
        """``(row id, values)`` of every cell of every table leaf page not on the free list;
        with ``keyed`` also ``(None, values)`` of every cell of the index pages."""
        for number in range(1, self.count + 1):
            if number in self._free:
                continue
            page = self.page(number)
            if page is None:
                continue
            start = 100 if number == 1 else 0
            kind = page[start]
            if kind == _LEAF_TABLE:
                cells: Iterator[tuple[int | None, bytes]] = self._cells(page, start)
            elif keyed and kind in (_LEAF_INDEX, _INTERIOR_INDEX):
                cells = self._index_cells(page, start, kind == _INTERIOR_INDEX)
            else:
                continue
            for rowid, payload in cells:
                if rowid is None and not _texts_only(payload):
                    continue  # another index's key: not worth decoding
                values = _decode_record(payload)
                if values is not None:
                    yield rowid, values

    def _pointers(self, page: bytes, start: int, header: int) -> Iterator[int]:
        """The offsets of a page's cells (those that point inside it)."""
        cells = struct.unpack(">H", page[start + 3 : start + 5])[0]
        pointers = start + header
        if pointers + 2 * cells > self.usable:
            return
        for index in range(cells):
            offset = struct.unpack(">H", page[pointers + 2 * index : pointers + 2 * index + 2])[0]
            if pointers + 2 * cells <= offset < self.usable:
                yield offset

    def _cells(self, page: bytes, start: int) -> Iterator[tuple[int | None, bytes]]:
        for offset in self._pointers(page, start, 8):
            try:
                length, position = _varint(page, offset)
                rowid, position = _varint(page, position)
                payload = self._payload(page, position, length, self.usable - 35)
            except (IndexError, ValueError, struct.error):
                continue
            if payload is not None:
                yield rowid, payload

    def _index_cells(
        self, page: bytes, start: int, interior: bool
    ) -> Iterator[tuple[int | None, bytes]]:
        """Cells of an index b-tree page: a key each (interior ones after a child pointer)."""
        most = (self.usable - 12) * 64 // 255 - 23
        for offset in self._pointers(page, start, 12 if interior else 8):
            try:
                length, position = _varint(page, offset + 4 if interior else offset)
                payload = self._payload(page, position, length, most)
            except (IndexError, ValueError, struct.error):
                continue
            if payload is not None:
                yield None, payload

    def _payload(self, page: bytes, position: int, length: int, most: int) -> bytes | None:
        """A cell's payload: its local part, then its overflow pages (``most``: the largest
        payload kept whole on the page, which differs for table and index pages)."""
        usable = self.usable
        if length <= most:
            data = page[position : position + length]
            return data if len(data) == length else None
        least = (usable - 12) * 32 // 255 - 23
        local = least + (length - least) % (usable - 4)
        if local > most:
            local = least
        parts = [page[position : position + local]]
        following = struct.unpack(">I", page[position + local : position + local + 4])[0]
        have = local
        for _ in range(length // (usable - 4) + 2):
            if have >= length or following == 0:
                break
            overflow = self.page(following)
            if overflow is None:
                return None
            following = struct.unpack(">I", overflow[:4])[0]
            part = overflow[4 : 4 + min(usable - 4, length - have)]
            parts.append(part)
            have += len(part)
        data = b"".join(parts)
        return data if len(data) == length else None

    def _freelist(self, trunk: int) -> set[int]:
        free: set[int] = set()
        seen: set[int] = set()
        while trunk and trunk not in seen and len(free) < _MAX_FREELIST:
            seen.add(trunk)
            page = self.page(trunk)
            if page is None:
                break
            free.add(trunk)
            following, leaves = struct.unpack(">II", page[:8])
            leaves = min(leaves, (self.usable - 8) // 4)
            free.update(struct.unpack(f">{leaves}I", page[8 : 8 + 4 * leaves]))
            trunk = following
        return free


def _varint(data: bytes, position: int) -> tuple[int, int]:
    """SQLite's variable-length integer at ``position``: ``(value, next position)``."""
    value = 0
    for index in range(8):
        byte = data[position + index]
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, position + index + 1
    return (value << 8) | data[position + 8], position + 9


_INT_SIZES: Final = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}


def _texts_only(payload: bytes) -> bool:
    """Whether a record holds two or four texts (the shape of a do-not-call row), read from
    its header alone: most index keys (a number and a row id, a listing...) fail at once."""
    try:
        header_size, position = _varint(payload, 0)
        count = 0
        while position < header_size:
            kind, position = _varint(payload, position)
            count += 1
            if kind < 13 or not kind % 2 or count > 4:
                return False
    except IndexError:
        return False
    return count in (2, 4)


def _decode_record(payload: bytes) -> list[Any] | None:
    """The values of a record (None when its header does not add up)."""
    try:
        header_size, position = _varint(payload, 0)
        if not 1 <= header_size <= len(payload):
            return None
        types: list[int] = []
        while position < header_size:
            kind, position = _varint(payload, position)
            types.append(kind)
        values: list[Any] = []
        offset = header_size
        for kind in types:
            if kind == 0:
                values.append(None)
            elif kind in _INT_SIZES:
                size = _INT_SIZES[kind]
                values.append(int.from_bytes(payload[offset : offset + size], "big", signed=True))
                offset += size
            elif kind == 7:
                values.append(struct.unpack(">d", payload[offset : offset + 8])[0])
                offset += 8
            elif kind in (8, 9):
                values.append(kind - 8)
            elif kind >= 12:
                size = (kind - 12) // 2
                chunk = payload[offset : offset + size]
                values.append(chunk.decode("utf-8", errors="replace") if kind % 2 else chunk)
                offset += size
            else:
                return None
        return values if offset <= len(payload) else None
    except (IndexError, struct.error):
        return None
