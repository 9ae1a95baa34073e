"""Checking the numbers of a file: ``phone.normalize`` with a cache and shortcuts, and a pool
of worker processes that checks them while the file is still being read."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import phonenumbers

from dialer_app.core.contact_import._types import ContactImportError, RawContact
from dialer_app.core.phone import InvalidNumberError, is_valid_region, normalize
from dialer_app.core.quick_numbers import quick_digits

Normalized = tuple[str, str, bool] | str
"""``(digits, extension, national)`` or why the text is not a number; ``national``: the text
had no country code and was read in the import's region."""
_CACHE_LIMIT = 200_000
# Plain ASCII numbers ("+91 92000-00000", "(022) 2345 6789") that phone.normalize cleans to
# a leading '+' and digits without any other rule applying (no letters, links, extensions).
_PLAIN_NUMBER = re.compile(r"\+?[0-9 ().\-]{1,63}")
_DROP_SEPARATORS = str.maketrans("", "", " ().-")

_PARALLEL_THRESHOLD = 20_000
_MAX_WORKERS = 4
_BATCH = 4_000
_BATCHES_IN_FLIGHT = 8


def checked_region(default_region: str | None) -> str | None:
    """The region for numbers without a country code, upper-cased; None for none."""
    if default_region is None or not default_region.strip():
        return None
    if not is_valid_region(default_region):
        raise ContactImportError(f"unknown default country {default_region!r}")
    return default_region.strip().upper()


def worker_count() -> int:
    return min(os.cpu_count() or 1, _MAX_WORKERS)


def worker_pool(workers: int) -> Any:
    """A process pool; forked where that is safe (Linux, one thread, no Qt), else spawned.

    Forking a process that runs other threads (a queue's feeder thread, Qt's) can copy a
    held lock into the child and hang it there.
    """
    import multiprocessing
    import sys
    import threading

    safe_to_fork = (
        sys.platform == "linux"
        and threading.active_count() == 1
        and "PySide6.QtCore" not in sys.modules
    )
    context = multiprocessing.get_context("fork" if safe_to_fork else "spawn")
    return context.Pool(workers)


def _read_in_region(raw: str, digits: str) -> bool:
    """Whether ``raw`` had no country code (its digits do not hold the number's own, even
    after an international prefix): it was read as a number of the import's region."""
    if "+" in raw:
        return False
    written = "".join(str(unicodedata.decimal(ch)) for ch in raw if ch.isdecimal())
    return digits not in written


def _normalize_chunk(job: tuple[str | None, list[str]]) -> list[Normalized]:
    """Worker-process side of :func:`checked_ahead`."""
    region, raws = job
    reader = NumberReader(region)
    return [reader.read(raw) for raw in raws]


class NumberReader:
    """``phone.normalize`` with a cache per distinct text and shortcuts for plain numbers.

    ``normalize`` costs about 50 µs a number here, most of it building display forms the
    import does not need. For plain numbers that are valid as first read (the common case)
    ``_plain_digits`` returns the same digits: through ``quick_numbers.quick_digits`` (about 3 µs)
    when its rules decide, else with the ``phonenumbers`` calls ``normalize`` makes; every
    failure (for its reason) goes through ``normalize``. tests/unit/test_contact_import.py and
    tests/unit/test_phone_quick.py check they agree.
    """

    def __init__(self, region: str | None) -> None:
        self._region = region
        self._cache: dict[str, Normalized] = {}

    @property
    def region(self) -> str | None:
        return self._region

    def remember(self, checked: dict[str, Normalized]) -> None:
        """Take numbers checked elsewhere (by a worker process)."""
        if len(self._cache) + len(checked) > _CACHE_LIMIT:
            self._cache.clear()
        self._cache.update(checked)

    def knows(self, raw: str) -> bool:
        return raw in self._cache

    def read(self, raw: str) -> Normalized:
        result = self._cache.get(raw)
        if result is None:
            result = self._read(raw)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[raw] = result
        return result

    def _read(self, raw: str) -> Normalized:
        plain = self._plain_digits(raw)
        if plain is not None:
            return plain
        try:
            number = normalize(raw, self._region)
        except InvalidNumberError as exc:
            return exc.reason
        return number.digits, number.extension, _read_in_region(raw, number.digits)

    def _plain_digits(self, raw: str) -> tuple[str, str, bool] | None:
        if not _PLAIN_NUMBER.fullmatch(raw):
            return None
        cleaned = raw.translate(_DROP_SEPARATORS)
        international = cleaned.startswith("+")
        region = None if international else self._region
        if len(cleaned) <= international or (region is None and not international):
            return None
        digits = quick_digits(cleaned, region)
        if digits is None:
            try:
                number = phonenumbers.parse(cleaned, region)
            except phonenumbers.NumberParseException:
                return None
            if not phonenumbers.is_valid_number(number):
                return None
            digits = f"{number.country_code}{phonenumbers.national_significant_number(number)}"
        # Read in the region unless the digits carry their country code ("0044…", "9198…").
        return digits, "", not international and digits not in cleaned


def checked_ahead(
    entries: Iterable[RawContact], reader: NumberReader, pool: WorkerPool
) -> Iterator[RawContact]:
    """``entries`` in order, the numbers of each checked before it comes out.

    Checking a number costs a few µs of pure Python even through the shortcut, so 100,000
    of them are most of a second. Once a file has shown ``_PARALLEL_THRESHOLD`` distinct
    numbers, batches of entries go to the worker ``pool`` and their numbers are checked there
    while the next batches are read; a few batches are in flight at a time, so memory stays
    bounded however long the file. Smaller files never start the pool.
    """
    entries = iter(entries)
    seen: set[str] = set()
    for entry in entries:  # checked one by one by the consumer, until there are many
        yield entry
        seen.update(text.strip() for text, _ in entry.numbers)
        if len(seen) >= _PARALLEL_THRESHOLD and pool.usable:
            break
    else:
        return
    seen.clear()
    waiting: deque[tuple[list[RawContact], list[str], Any]] = deque()
    batch: list[RawContact] = []
    raws: list[str] = []
    queued: set[str] = set()
    for entry in entries:
        batch.append(entry)
        for text, _ in entry.numbers:
            raw = text.strip()
            if raw not in queued and not reader.knows(raw):
                queued.add(raw)
                raws.append(raw)
        if len(batch) >= _BATCH:
            waiting.append((batch, raws, pool.check(reader.region, raws)))
            batch, raws = [], []
            while len(waiting) > _BATCHES_IN_FLIGHT:
                yield from _done(waiting.popleft(), reader, queued)
    waiting.append((batch, raws, None))
    while waiting:
        yield from _done(waiting.popleft(), reader, queued)


def _done(
    waiting: tuple[list[RawContact], list[str], Any], reader: NumberReader, queued: set[str]
) -> list[RawContact]:
    batch, raws, job = waiting
    if job is not None:
        reader.remember(dict(zip(raws, job.get(), strict=True)))
    queued.difference_update(raws)
    return batch


class WorkerPool:
    """A process pool started on first use (or never, for small files); ``close`` ends it."""

    def __init__(self) -> None:
        self.workers = worker_count()
        self._pool: Any = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def usable(self) -> bool:
        return self.workers >= 2

    def check(self, region: str | None, raws: list[str]) -> Any:
        """Numbers checked on a worker (an ``AsyncResult``), or None without workers."""
        if not self.usable:
            return None
        return self.submit(_normalize_chunk, (region, raws))

    def submit(self, function: Callable[[Any], Any], job: Any) -> Any:
        if self._pool is None:
            self._pool = worker_pool(self.workers)
        return self._pool.apply_async(function, (job,))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
