"""Checking the numbers of a file: ``phone.normalize`` with a cache and shortcuts, and a pool
of worker processes that checks them while the file is still being read."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import phonenumbers

from dialer_app.core.contact_import._types import ContactImportError, RawContact
from dialer_app.core.phone import InvalidNumberError, is_valid_region, normalize
from dialer_app.core.quick_numbers import quick_digits

Normalized = tuple[str, str] | str  # (digits, extension) or the reason it is not a number
_CACHE_LIMIT = 200_000
# Plain ASCII numbers ("+91 92000-00000", "(022) 2345 6789") that phone.normalize cleans to
# a leading '+' and digits without any other rule applying (no letters, links, extensions).
_PLAIN_NUMBER = re.compile(r"\+?[0-9 ().\-]{1,63}")
_DROP_SEPARATORS = str.maketrans("", "", " ().-")

_PARALLEL_THRESHOLD = 20_000
_MAX_WORKERS = 4
_CHUNK = 4_000


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


def _normalize_chunk(job: tuple[str | None, list[str]]) -> list[Normalized]:
    """Worker-process side of :class:`CheckAhead`."""
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

    def remember(self, checked: dict[str, Normalized]) -> None:
        """Take numbers checked elsewhere (by a worker process)."""
        self._cache.update(checked)

    @contextmanager
    def checking_ahead(self) -> Iterator[CheckAhead]:
        """A :class:`CheckAhead` filling this reader's cache; its workers end on exit."""
        ahead = CheckAhead(self._region, self._cache)
        try:
            yield ahead
        finally:
            ahead.close()

    def read(self, raw: str) -> Normalized:
        result = self._cache.get(raw)
        if result is None:
            result = self._read(raw)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[raw] = result
        return result

    def _read(self, raw: str) -> Normalized:
        digits = self._plain_digits(raw)
        if digits is not None:
            return digits, ""
        try:
            number = normalize(raw, self._region)
        except InvalidNumberError as exc:
            return exc.reason
        return number.digits, number.extension

    def _plain_digits(self, raw: str) -> str | None:
        if not _PLAIN_NUMBER.fullmatch(raw):
            return None
        cleaned = raw.translate(_DROP_SEPARATORS)
        international = cleaned.startswith("+")
        region = None if international else self._region
        if len(cleaned) <= international or (region is None and not international):
            return None
        quick = quick_digits(cleaned, region)
        if quick is not None:
            return quick
        try:
            number = phonenumbers.parse(cleaned, region)
        except phonenumbers.NumberParseException:
            return None
        if not phonenumbers.is_valid_number(number):
            return None
        return f"{number.country_code}{phonenumbers.national_significant_number(number)}"


class CheckAhead:
    """Checks numbers on worker processes while the file is still being read.

    Checking a number costs a few µs of pure Python even through the shortcut, so 100,000
    of them are most of a second. Once a file has shown ``_PARALLEL_THRESHOLD`` distinct numbers,
    they go to a pool of worker processes in chunks, and every further chunk goes out as
    soon as it fills: reading the rest of the file and checking its numbers overlap.
    Smaller files never start the pool (its numbers are read one by one).
    """

    def __init__(self, region: str | None, cache: dict[str, Normalized]) -> None:
        self._region = region
        self._cache = cache
        self._queued: set[str] = set()
        self._pending: list[str] = []
        self._jobs: list[tuple[list[str], Any]] = []  # (chunk, AsyncResult)
        self._workers = worker_count()
        self._pool: Any = None

    def add(self, entry: RawContact) -> None:
        """Queue the numbers of ``entry`` (stripped, each distinct text once)."""
        for text, _ in entry.numbers:
            raw = text.strip()
            if raw not in self._queued:
                self._queued.add(raw)
                self._pending.append(raw)
        if self._pool is None:
            if len(self._pending) < _PARALLEL_THRESHOLD or self._workers < 2:
                return
            self._pool = worker_pool(self._workers)
        if len(self._pending) >= _CHUNK:
            self._send()

    def finish(self, progress: Callable[[float], None]) -> None:
        """Wait for every chunk and put the results in the cache."""
        if self._pool is None:
            return
        self._send()
        for done, (chunk, job) in enumerate(self._jobs, start=1):
            self._cache.update(zip(chunk, job.get(), strict=True))
            progress(done / len(self._jobs))
        self._jobs.clear()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _send(self) -> None:
        pending = self._pending
        for start in range(0, len(pending), _CHUNK):
            chunk = pending[start : start + _CHUNK]
            self._jobs.append(
                (chunk, self._pool.apply_async(_normalize_chunk, ((self._region, chunk),)))
            )
        self._pending = []
