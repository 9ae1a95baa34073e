"""The cards of a vCard file, one at a time; large files are read in slices by worker
processes (each also checks the numbers of its cards), handed out in file order."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain
from typing import Any

from dialer_app.core.contact_import._decoding import TextFile
from dialer_app.core.contact_import._numbers import (
    Normalized,
    NumberReader,
    WorkerPool,
    checked_ahead,
)
from dialer_app.core.contact_import._types import RawContact
from dialer_app.core.contact_import._vcard import ReadEnd, iter_vcards

# Worker processes read slices of the lines, each starting at a BEGIN:VCARD line, and check
# the numbers they find.
_PARALLEL_VCARD_BYTES = 2 << 20
_VCARD_CHUNK_LINES = 25_000
_MAX_SLICE_CHARS = 16 << 20  # a card this long (a photo in thousands of lines) is read here
_BEGIN_LINE = re.compile(r"(?i)BEGIN[ \t]*:[ \t]*VCARD[ \t]*")

_CardsChunk = tuple[list[RawContact], dict[str, Normalized], bool]
_Slice = tuple[int, str]  # (first line, the lines joined by "\n")


def vcard_entries(
    text_file: TextFile, reader: NumberReader, pool: WorkerPool
) -> Iterator[RawContact]:
    """Every card of the file, in file order, with its numbers checked by ``reader``."""
    lines = (line.rstrip("\r\n") for line in text_file.lines())
    if text_file.size < _PARALLEL_VCARD_BYTES or not pool.usable:
        return checked_ahead(iter_vcards(lines), reader, pool)
    return _read_in_parallel(lines, reader, pool)


def _read_cards_chunk(job: tuple[str | None, str, int]) -> _CardsChunk:
    """Worker side of :func:`_read_in_parallel`: the cards of some lines (joined by ``\\n``,
    the first being line ``first_line``), their numbers checked, and whether the read ended
    clean."""
    region, text, first_line = job
    end = ReadEnd()
    entries = list(iter_vcards(text.split("\n"), first_line, end))
    reader = NumberReader(region)
    raws = dict.fromkeys(number.strip() for entry in entries for number, _ in entry.numbers)
    checked = {raw: reader.read(raw) for raw in raws}
    return entries, checked, end.clean


class _Slicer:
    """Cuts lines into slices of about ``_VCARD_CHUNK_LINES`` lines, each starting at a line
    that begins a card with nothing before the BEGIN (so no rule can join it to the line
    before); ``rest`` gives back what has not been sliced yet."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self._buffer: list[str] = []
        self._chars = 0
        self.first_line = 1
        self.stopped = False  # a slice grew too long: the rest is read in this process

    def __iter__(self) -> Iterator[_Slice]:
        for line in self._lines:
            if (
                len(self._buffer) >= _VCARD_CHUNK_LINES
                and line[:1] not in (" ", "\t", "")
                and _BEGIN_LINE.fullmatch(line)
            ):
                done = (self.first_line, "\n".join(self._buffer))
                self.first_line += len(self._buffer)
                self._buffer, self._chars = [line], len(line)
                yield done
            else:
                self._buffer.append(line)
                self._chars += len(line)
                if self._chars > _MAX_SLICE_CHARS:
                    self.stopped = True
                    return
        if self._buffer:
            done = (self.first_line, "\n".join(self._buffer))
            self.first_line += len(self._buffer)
            self._buffer = []
            yield done

    def rest(self) -> Iterable[str]:
        return chain(self._buffer, self._lines)


def _read_in_parallel(
    lines: Iterator[str], reader: NumberReader, pool: WorkerPool
) -> Iterator[RawContact]:
    """The cards of ``lines`` in file order, read (and their numbers checked) by workers.

    A slice starting at a BEGIN:VCARD line reads exactly as it does within the whole file
    when the slices before it ended clean (no card left open), as they do in any
    well-formed file. The first slice that did not end clean is thrown away, and from its
    first line on the file is read here, one card after the other, as if never split.
    """
    slicer = _Slicer(lines)
    waiting: deque[tuple[int, str, Any]] = deque()
    depth = 2 * pool.workers
    slices = iter(slicer)
    while True:
        for first_line, text in slices:
            job = pool.submit(_read_cards_chunk, (reader.region, text, first_line))
            waiting.append((first_line, text, job))
            if len(waiting) > depth:
                break
        if not waiting:
            if slicer.stopped:
                yield from checked_ahead(
                    iter_vcards(slicer.rest(), slicer.first_line), reader, pool
                )
            return
        first_line, text, job = waiting.popleft()
        entries, checked, clean = job.get()
        if not clean:
            break
        reader.remember(checked)
        yield from entries
    unread = chain(text.split("\n"), *(later.split("\n") for _, later, _ in waiting), slicer.rest())
    yield from checked_ahead(iter_vcards(unread, first_line), reader, pool)
