"""Reading a vCard file into an import report; large files are read in slices by worker
processes (each checks the numbers of its cards), in file order."""

from __future__ import annotations

import re
from collections.abc import Generator
from contextlib import closing
from pathlib import Path

from dialer_app.core.contact_import._decoding import read_text
from dialer_app.core.contact_import._merging import Collector
from dialer_app.core.contact_import._numbers import (
    Normalized,
    NumberReader,
    checked_region,
    worker_count,
    worker_pool,
)
from dialer_app.core.contact_import._progress import Ticker, cyclic_gc_paused, silent_ticker
from dialer_app.core.contact_import._types import (
    CancelledCallback,
    ContactImportError,
    ImportReport,
    PathArg,
    ProgressCallback,
    RawContact,
)
from dialer_app.core.contact_import._vcard import VCARD_BEGIN, ReadEnd, iter_vcards, split_lines


def read_vcard(
    path: PathArg,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ImportReport:
    """Read a vCard 2.1/3.0/4.0 file; a broken card is skipped, never the whole file.

    ``progress``, ``cancelled`` and ``default_region`` work as for ``read_csv``.
    """
    region = checked_region(default_region)
    text, _ = read_text(Path(path))
    if not VCARD_BEGIN.search(text):
        raise ContactImportError("no vCard in the file (there is no BEGIN:VCARD line)")
    lines = split_lines(text)
    collector = Collector(region)
    workers = worker_count()
    with cyclic_gc_paused():
        if len(lines) >= _PARALLEL_VCARD_LINES and workers >= 2:
            ticker = Ticker(len(lines), progress, cancelled)  # cards and numbers together
            cards = _read_cards_in_parallel(lines, region, workers, collector, ticker)
            with closing(cards):  # its workers end even if adding a card fails
                for entry in cards:
                    collector.add(entry)
        else:
            ticker = Ticker(2 * len(lines), progress, cancelled)  # reading, then numbers
            collector.add_all(iter_vcards(lines, ticker), ticker, len(lines))
        report = collector.report("vcard")
    ticker.finish()
    return report


# Worker processes read slices of the lines, each starting at a BEGIN:VCARD line, and check
# the numbers they find.
_PARALLEL_VCARD_LINES = 60_000
_VCARD_CHUNK_LINES = 25_000
_BEGIN_LINE = re.compile(r"(?i)BEGIN[ \t]*:[ \t]*VCARD[ \t]*")

_CardsChunk = tuple[list[RawContact], dict[str, Normalized], bool]


def _read_cards_chunk(job: tuple[str | None, str, int]) -> _CardsChunk:
    """Worker side of :func:`_read_cards_in_parallel`: the cards of some lines (joined by
    ``\n``, the first being line ``first_line``), their numbers checked, and whether the
    read ended clean."""
    region, text, first_line = job
    end = ReadEnd()
    entries = list(iter_vcards(text.split("\n"), silent_ticker(), first_line, end))
    reader = NumberReader(region)
    raws = dict.fromkeys(number.strip() for entry in entries for number, _ in entry.numbers)
    checked = {raw: reader.read(raw) for raw in raws}
    return entries, checked, end.clean


def _chunk_starts(lines: list[str]) -> list[int]:
    """Indexes where slices of about ``_VCARD_CHUNK_LINES`` lines start: 0, then lines that
    begin a card with nothing before the BEGIN (so no rule can join them to the line
    before)."""
    starts = [0]
    index = _VCARD_CHUNK_LINES
    while index < len(lines):
        line = lines[index]
        if line[:1] not in (" ", "\t", "") and _BEGIN_LINE.fullmatch(line):
            starts.append(index)
            index += _VCARD_CHUNK_LINES
        else:
            index += 1
    return starts


def _read_cards_in_parallel(
    lines: list[str], region: str | None, workers: int, collector: Collector, ticker: Ticker
) -> Generator[RawContact, None, None]:
    """The cards of ``lines`` in file order, read (and their numbers checked) by workers.

    A slice starting at a BEGIN:VCARD line reads exactly as it does within the whole file
    when the slices before it ended clean (no card left open), as they do in any
    well-formed file. The first slice that did not end clean is thrown away, and from its
    first line on the file is read here, one card after the other, as if never split.
    """
    starts = _chunk_starts(lines)
    ends = [*starts[1:], len(lines)]
    with worker_pool(workers) as pool:
        jobs = [
            pool.apply_async(_read_cards_chunk, ((region, "\n".join(lines[a:b]), a + 1),))
            for a, b in zip(starts, ends, strict=True)
        ]
        for start, end, job in zip(starts, ends, jobs, strict=True):  # noqa: B007 (start: below)
            entries, checked, clean = job.get()
            if not clean and end < len(lines):
                break
            collector.remember(checked)
            yield from entries
            ticker.update(end)
        else:
            return
    yield from iter_vcards(lines[start:], ticker, start + 1)
