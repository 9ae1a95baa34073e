"""Read contacts from CSV and vCard files (pure Python: no Qt, no database).

Every row or card is first read into a :class:`RawContact` (what the file says), then each
number goes through :func:`dialer_app.core.phone.normalize` and contacts that share a number
are merged. Rows that cannot become a contact are listed in the report with their line number;
only a file that cannot be read at all raises :class:`ContactImportError`.

A contact needs a name and at least one number that normalizes; its other numbers are kept
with their raw text and ``digits == ""``. Names come from FN, else N, else ORG (vCard) or
the name, first/middle/last or company columns (CSV).

vCards are read by a tolerant line parser rather than ``vobject``: ``vobject`` refuses 6 of
the 17 real exports in the test data outright (quoted-printable soft line breaks, unindented
base64, Lotus Notes ``PROFILE``) and takes about 19 s for 100,000 cards.

Speed (100,000 rows in about two seconds on two cores; ``benchmarks/gen_contacts.py
--time`` measures it): plain numbers skip ``phonenumbers.parse`` (``quick_numbers.quick_digits``);
numbers are checked on worker processes while the file is read (:class:`_CheckAhead`), and
large vCard files are read in slices by the workers (:func:`_read_cards_in_parallel`).
"""

from __future__ import annotations

import binascii
import codecs
import csv
import gc
import io
import json
import os
import re
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import phonenumbers

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.phone import InvalidNumberError, is_valid_region, normalize
from dialer_app.core.quick_numbers import quick_digits

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "ColumnMapping",
    "ContactImportError",
    "CsvLayout",
    "ImportCancelled",
    "ImportReport",
    "RawContact",
    "SkippedRow",
    "decode_text",
    "detect_format",
    "label_from_text",
    "parse_vcard",
    "read_contacts",
    "read_csv",
    "read_vcard",
    "sniff_csv",
]

MAX_FILE_BYTES = 200 * 1024 * 1024
PREVIEW_ROWS = 20
FORMATS = ("csv", "vcard")

ProgressCallback = Callable[[int, int], None]
CancelledCallback = Callable[[], bool]
PathArg = str | os.PathLike[str]

_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".vcf": "vcard", ".vcard": "vcard"}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newlines and form feed, DEL and the C1 block.
_CONTROL_CHARS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_BINARY_SAMPLE_CHARS = 65_536


class ContactImportError(Exception):
    """The whole file was refused; the message says why in plain words."""


class ImportCancelled(Exception):
    """``cancelled()`` returned True while the file was being read."""


@dataclass(frozen=True)
class SkippedRow:
    """A row or card that did not become a contact, with its first line in the file."""

    line: int
    reason: str


@dataclass
class ImportReport:
    """What an import produced: contacts to store, merges and skipped rows."""

    contacts: list[Contact]
    merged_duplicates: int
    skipped: list[SkippedRow]
    format: str
    unverified: list[SkippedRow] = field(default_factory=list)
    """Numbers kept as typed because they are not valid phone numbers (not callable)."""

    def summary(self, max_reasons: int = 5) -> str:
        """One line for the UI, e.g. 'Imported 120 contacts, skipped 1 row (line 14: no name)'."""
        text = f"Imported {_plural(len(self.contacts), 'contact')}"
        if self.merged_duplicates:
            text += f", merged {_plural(self.merged_duplicates, 'duplicate')}"
        if self.skipped:
            unit = "row" if self.format == "csv" else "card"
            reasons = "; ".join(f"line {s.line}: {s.reason}" for s in self.skipped[:max_reasons])
            if len(self.skipped) > max_reasons:
                reasons += f"; and {len(self.skipped) - max_reasons} more"
            text += f", skipped {_plural(len(self.skipped), unit)} ({reasons})"
        if self.unverified:
            first = "; ".join(f"line {u.line}: {u.reason}" for u in self.unverified[:max_reasons])
            if len(self.unverified) > max_reasons:
                first += f"; and {len(self.unverified) - max_reasons} more"
            text += (
                f". {_plural(len(self.unverified), 'number')} could not be verified and "
                f"cannot be dialled until corrected ({first})"
            )
        return text


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


@dataclass
class ColumnMapping:
    """Which CSV column (0-based) holds what; ``None`` means the file has no such column.

    ``numbers`` lists ``(column, label)``; ``label_columns`` maps a number column to the column
    holding its label row by row (Google's "Phone 1 - Type"), which wins over the fixed label.
    ``split_cells`` splits cells like ``"+91 92000 00000 ::: +91 98000 00000"``.
    """

    name: int | None = None
    first_name: int | None = None
    last_name: int | None = None
    company: int | None = None
    notes: int | None = None
    numbers: list[tuple[int, str]] = field(default_factory=list)
    middle_name: int | None = None
    favorite: int | None = None
    extra_params: int | None = None
    label_columns: dict[int, int] = field(default_factory=dict)
    split_cells: bool = True

    def has_name_column(self) -> bool:
        columns = (self.name, self.first_name, self.middle_name, self.last_name, self.company)
        return any(column is not None for column in columns)


@dataclass
class CsvLayout:
    """What :func:`sniff_csv` found; ``preview`` holds the first data rows (no header)."""

    delimiter: str
    has_header: bool
    header: list[str]
    mapping: ColumnMapping
    preview: list[list[str]]
    encoding: str = ""
    skip_rows: int = 0  # records before the first data row: "sep=" line, blank rows, header


@dataclass(slots=True)
class RawContact:
    """One row or card as the file gives it, before numbers are normalized.

    ``numbers`` holds ``(text, label)``; ``problem`` is set when the card is broken (it is
    then skipped with that reason).
    """

    line: int
    name: str = ""
    numbers: list[tuple[str, str]] = field(default_factory=list)
    company: str = ""
    notes: str = ""
    favorite: bool = False
    extra_params: dict[str, Any] = field(default_factory=dict)
    problem: str = ""

    def __reduce__(self) -> tuple[type[RawContact], tuple[Any, ...]]:
        """Pickle as the fields in order: worker processes send cards back by the thousand,
        and the default for a slots dataclass is three times slower."""
        fields = (self.line, self.name, self.numbers, self.company, self.notes, self.favorite)
        return RawContact, (*fields, self.extra_params, self.problem)


# ---------------------------------------------------------------------------------------------
# Public entry points


def detect_format(path: PathArg, explicit: str | None = None) -> str:
    """Return ``"csv"`` or ``"vcard"`` from ``explicit``, the extension, or the content."""
    if explicit:
        fmt = "vcard" if explicit.strip().lower() in ("vcf", "vcard") else explicit.strip().lower()
        if fmt not in FORMATS:
            raise ValueError(f"unknown contact file format {explicit!r}")
        return fmt
    path = Path(path)
    if _EXTENSIONS.get(path.suffix.lower()) == "vcard":
        return "vcard"
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise ContactImportError(f"cannot read the file: {exc.strerror or exc}") from exc
    return "vcard" if _VCARD_BEGIN.search(_decode_head(head)) else "csv"


def read_contacts(
    path: PathArg,
    fmt: str | None = None,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
    *,
    mapping: ColumnMapping | None = None,
) -> ImportReport:
    """Read a CSV or vCard file; see :func:`read_csv` and :func:`read_vcard`.

    ``mapping`` (the columns the user chose in the preview) is used for CSV files only.
    """
    if detect_format(path, fmt) == "vcard":
        return read_vcard(path, default_region, progress, cancelled)
    return read_csv(path, mapping, default_region, progress, cancelled)


def read_csv(
    path: PathArg,
    mapping: ColumnMapping | None = None,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ImportReport:
    """Read a CSV file; ``mapping`` defaults to the one :func:`sniff_csv` guesses.

    ``progress(done, total)`` (in lines) is called about 100 times; ``cancelled()`` is asked
    as often and, when it returns True, :class:`ImportCancelled` is raised. Numbers without
    a country code are read in ``default_region`` (None: every number needs a ``+``).
    """
    region = _checked_region(default_region)
    text, encoding = _read_text(Path(path))
    layout = _sniff_text(text, encoding)
    mapping = mapping or layout.mapping
    _check_mapping(mapping, layout.header)
    lines = max(text.count("\n"), text.count("\r")) + 1
    ticker = _Ticker(2 * lines, progress, cancelled)  # reading, then checking numbers
    collector = _Collector(region)
    with _cyclic_gc_paused():
        collector.add_all(_iter_csv(text, layout, mapping, ticker), ticker, lines)
        report = collector.report("csv")
    ticker.finish()
    if not collector.seen:
        raise ContactImportError("the file has no contact rows")
    return report


def read_vcard(
    path: PathArg,
    default_region: str | None = "IN",
    progress: ProgressCallback | None = None,
    cancelled: CancelledCallback | None = None,
) -> ImportReport:
    """Read a vCard 2.1/3.0/4.0 file; a broken card is skipped, never the whole file.

    ``progress``, ``cancelled`` and ``default_region`` work as for :func:`read_csv`.
    """
    region = _checked_region(default_region)
    text, _ = _read_text(Path(path))
    if not _VCARD_BEGIN.search(text):
        raise ContactImportError("no vCard in the file (there is no BEGIN:VCARD line)")
    lines = _split_lines(text)
    collector = _Collector(region)
    workers = _worker_count()
    with _cyclic_gc_paused():
        if len(lines) >= _PARALLEL_VCARD_LINES and workers >= 2:
            ticker = _Ticker(len(lines), progress, cancelled)  # cards and numbers together
            cards = _read_cards_in_parallel(lines, region, workers, collector, ticker)
            with closing(cards):  # its workers end even if adding a card fails
                for entry in cards:
                    collector.add(entry)
        else:
            ticker = _Ticker(2 * len(lines), progress, cancelled)  # reading, then numbers
            collector.add_all(_iter_vcards(lines, ticker), ticker, len(lines))
        report = collector.report("vcard")
    ticker.finish()
    return report


def parse_vcard(text: str) -> list[RawContact]:
    """Every card in ``text`` as the file gives it (names and numbers not yet validated)."""
    return list(_iter_vcards(_split_lines(text), _Ticker(1, None, None)))


def sniff_csv(text_or_path: str | os.PathLike[str]) -> CsvLayout:
    """Guess delimiter, header and column mapping; a ``str`` is CSV text, a path is read."""
    if isinstance(text_or_path, str):
        if not text_or_path.strip():
            raise ContactImportError("the file is empty")
        return _sniff_text(text_or_path.lstrip("\ufeff"), "")
    text, encoding = _read_text(Path(text_or_path))
    return _sniff_text(text, encoding)


# ---------------------------------------------------------------------------------------------
# Reading and decoding files


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause the cycle collector while a file is read.

    An import allocates about ten tracked objects per row and frees none of them, so the
    collector keeps rescanning every contact read so far; pausing it makes a 100,000-row
    import about 25 % faster. Nothing here creates reference cycles, and memory is still
    freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _checked_region(default_region: str | None) -> str | None:
    if default_region is None or not default_region.strip():
        return None
    if not is_valid_region(default_region):
        raise ContactImportError(f"unknown default country {default_region!r}")
    return default_region.strip().upper()


def _read_text(path: Path) -> tuple[str, str]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContactImportError(
                f"the file is too large ({size / 2**20:.0f} MB; the limit is "
                f"{MAX_FILE_BYTES // 2**20} MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ContactImportError(f"cannot read the file: {exc.strerror or exc}") from exc
    return decode_text(data)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes to ``(text, encoding)``; refuse empty and binary data.

    UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM, then cp1252 and
    latin-1 for legacy exports.
    """
    if not data.strip():
        raise ContactImportError("the file is empty")
    encoding = _bom_encoding(data) or _bomless_utf16(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            name = encoding.upper().replace("-SIG", "")
            raise ContactImportError(
                f"unknown encoding: the file starts like {name} text but is not valid {name}"
            ) from None
    elif b"\x00" in data:
        raise ContactImportError("not a text file (it contains NUL bytes)")
    else:
        text, encoding = _decode_8bit(data)
    sample = text[:_BINARY_SAMPLE_CHARS]
    controls = len(_CONTROL_CHARS.findall(sample))
    if "\x00" in text or (controls >= 2 and controls * 50 > len(sample)):
        raise ContactImportError("not a text file (it holds binary data)")
    if not text.strip():
        raise ContactImportError("the file is empty")
    return text, encoding


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd * 10 >= half * 4 and even * 20 < half:
        return "utf-16-le"
    if even * 10 >= half * 4 and odd * 20 < half:
        return "utf-16-be"
    return None


def _decode_8bit(data: bytes) -> tuple[str, str]:
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _decode_head(head: bytes) -> str:
    encoding = _bom_encoding(head) or _bomless_utf16(head) or "utf-8"
    return head.decode(encoding, errors="replace")


# ---------------------------------------------------------------------------------------------
# Progress, merging and number normalization (shared by CSV and vCard)


class _Ticker:
    """Calls ``progress`` about 100 times per file and checks ``cancelled`` just as often."""

    __slots__ = ("_cancelled", "_progress", "_step", "next_update", "total")

    def __init__(
        self,
        total: int,
        progress: ProgressCallback | None,
        cancelled: CancelledCallback | None,
    ) -> None:
        self.total = max(total, 1)
        self._step = -(-self.total // 100)  # ceil: at most 100 updates and the final one
        self.next_update = 0
        self._progress = progress
        self._cancelled = cancelled

    def update(self, done: int) -> None:
        if done >= self.next_update:
            self.next_update = done + self._step
            if self._cancelled is not None and self._cancelled():
                raise ImportCancelled("the import was cancelled")
            if self._progress is not None:
                self._progress(min(done, self.total), self.total)

    def finish(self) -> None:
        if self._progress is not None:
            self._progress(self.total, self.total)


_Normalized = tuple[str, str] | str  # (digits, extension) or the reason it is not a number
_CACHE_LIMIT = 200_000
# Plain ASCII numbers ("+91 92000-00000", "(022) 2345 6789") that phone.normalize cleans to
# a leading '+' and digits without any other rule applying (no letters, links, extensions).
_PLAIN_NUMBER = re.compile(r"\+?[0-9 ().\-]{1,63}")
_DROP_SEPARATORS = str.maketrans("", "", " ().-")


_PARALLEL_THRESHOLD = 20_000
_MAX_WORKERS = 4
_CHUNK = 4_000


def _normalize_chunk(job: tuple[str | None, list[str]]) -> list[_Normalized]:
    """Worker-process side of :class:`_CheckAhead`."""
    region, raws = job
    reader = _NumberReader(region)
    return [reader.read(raw) for raw in raws]


def _worker_count() -> int:
    return min(os.cpu_count() or 1, _MAX_WORKERS)


def _worker_pool(workers: int) -> Any:
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


class _NumberReader:
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
        self._cache: dict[str, _Normalized] = {}

    def remember(self, checked: dict[str, _Normalized]) -> None:
        """Take numbers checked elsewhere (by a worker process)."""
        self._cache.update(checked)

    @contextmanager
    def checking_ahead(self) -> Iterator[_CheckAhead]:
        """A :class:`_CheckAhead` filling this reader's cache; its workers end on exit."""
        ahead = _CheckAhead(self._region, self._cache)
        try:
            yield ahead
        finally:
            ahead.close()

    def read(self, raw: str) -> _Normalized:
        result = self._cache.get(raw)
        if result is None:
            result = self._read(raw)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[raw] = result
        return result

    def _read(self, raw: str) -> _Normalized:
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


class _CheckAhead:
    """Checks numbers on worker processes while the file is still being read.

    Checking a number costs a few µs of pure Python even through the shortcut, so 100,000
    of them are most of a second. Once a file has shown ``_PARALLEL_THRESHOLD`` distinct numbers,
    they go to a pool of worker processes in chunks, and every further chunk goes out as
    soon as it fills: reading the rest of the file and checking its numbers overlap.
    Smaller files never start the pool (its numbers are read one by one).
    """

    def __init__(self, region: str | None, cache: dict[str, _Normalized]) -> None:
        self._region = region
        self._cache = cache
        self._queued: set[str] = set()
        self._pending: list[str] = []
        self._jobs: list[tuple[list[str], Any]] = []  # (chunk, AsyncResult)
        self._workers = _worker_count()
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
            self._pool = _worker_pool(self._workers)
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


@dataclass(slots=True)
class _Draft:
    """A contact being assembled; several entries sharing a number merge into one."""

    name: str
    company: str
    notes: str
    favorite: bool
    extra_params: dict[str, Any]
    numbers: list[ContactNumber]
    keys: set[str]

    def absorb(self, entry: RawContact, numbers: Iterable[tuple[str, ContactNumber]]) -> None:
        self.company = self.company or entry.company
        self.notes = self.notes or entry.notes
        self.favorite = self.favorite or entry.favorite
        self.extra_params = {**entry.extra_params, **self.extra_params}
        for key, number in numbers:
            if key not in self.keys:
                self.keys.add(key)
                self.numbers.append(number)

    def freeze(self) -> Contact:
        return Contact(
            name=self.name,
            numbers=tuple(self.numbers),
            company=self.company,
            notes=self.notes,
            favorite=self.favorite,
            extra_params=self.extra_params,
        )


class _Collector:
    """Turns raw entries into contacts: validation, skipping with reasons, merging."""

    def __init__(self, region: str | None) -> None:
        self._numbers = _NumberReader(region)
        self._drafts: list[_Draft] = []
        self._owners: dict[str, int] = {}  # number key -> index in _drafts
        self._merged = 0
        self._skipped: list[SkippedRow] = []
        self._unverified: list[SkippedRow] = []
        self.seen = 0

    def remember(self, checked: dict[str, _Normalized]) -> None:
        """Numbers already checked (by a worker process), so ``add`` need not check them."""
        self._numbers.remember(checked)

    def add_all(self, entries: Iterable[RawContact], ticker: _Ticker, offset: int) -> None:
        """Read ``entries`` while their numbers are checked (in parallel when there are
        many), then add them.

        Reading moves ``ticker`` up to ``offset`` units; checking counts as many again.
        """
        kept: list[RawContact] = []
        with self._numbers.checking_ahead() as ahead:
            for entry in entries:
                kept.append(entry)
                ahead.add(entry)
            ahead.finish(lambda fraction: ticker.update(offset + int(offset * fraction)))
        for entry in kept:
            self.add(entry)

    def add(self, entry: RawContact) -> None:
        """Keep every entry that has a number; a number that does not validate is kept as
        typed (digits "") and reported, so nothing the file holds is lost."""
        self.seen += 1
        numbers, keys, failures = self._normalized(entry.numbers)
        reason = entry.problem or ("" if numbers else _missing_number_reason(entry))
        if reason:
            self._skipped.append(SkippedRow(entry.line, reason))
            return
        name = " ".join(entry.name.split()) or entry.company.strip() or numbers[0].raw
        for raw, why in failures:
            self._unverified.append(SkippedRow(entry.line, f"{raw!r} kept as typed: {why}"))
        owners = self._owners
        # Keys of numbers kept as typed ("raw:...") never enter ``owners``: no merging on them.
        owner = next((owners[key] for key in keys if key in owners), None)
        if owner is None:
            owner = len(self._drafts)
            self._drafts.append(
                _Draft(
                    name=name,
                    company=entry.company,
                    notes=entry.notes,
                    favorite=entry.favorite,
                    extra_params=dict(entry.extra_params),
                    numbers=numbers,
                    keys=set(keys),
                )
            )
        else:
            self._drafts[owner].absorb(entry, zip(keys, numbers, strict=True))
            self._merged += 1
        for key, number in zip(keys, numbers, strict=True):
            if number.digits:
                owners.setdefault(key, owner)

    def _normalized(
        self, pairs: list[tuple[str, str]]
    ) -> tuple[list[ContactNumber], list[str], list[tuple[str, str]]]:
        """``(numbers, their keys, [(raw, reason)])`` without repeats inside one entry; all
        empty when no number has any text."""
        numbers: list[ContactNumber] = []
        keys: list[str] = []
        failures: list[tuple[str, str]] = []
        if not any(text.strip() for text, _ in pairs):
            return numbers, keys, failures
        read = self._numbers.read
        for text, label in pairs:
            raw = text.strip()
            result = read(raw)
            if isinstance(result, str):
                key, digits = "raw:" + raw, ""
            else:
                digits, extension = result
                key = f"{digits}x{extension}" if extension else digits
            if key in keys:  # a list: entries have one to a few numbers
                continue
            keys.append(key)
            numbers.append(ContactNumber(raw=raw, digits=digits, label=label))
            if isinstance(result, str):
                failures.append((raw, result))
        return numbers, keys, failures

    def report(self, fmt: str) -> ImportReport:
        return ImportReport(
            contacts=[draft.freeze() for draft in self._drafts],
            merged_duplicates=self._merged,
            skipped=self._skipped,
            format=fmt,
            unverified=self._unverified,
        )


def _missing_number_reason(entry: RawContact) -> str:
    return "no phone number" if " ".join(entry.name.split()) else "no name and no number"


# ---------------------------------------------------------------------------------------------
# Labels

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


# ---------------------------------------------------------------------------------------------
# CSV

_SEP_LINE = re.compile(r"(?i)sep=(.)")
_DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 65_536
_HEADER_WORD = re.compile(r"[a-z0-9]+")
_NAME_KEYS = frozenset({"name", "full name", "fullname", "display name", "contact name"})
_FIRST_KEYS = frozenset({"first name", "firstname", "given name", "givenname", "first"})
_MIDDLE_KEYS = frozenset({"middle name", "middlename", "additional name"})
_LAST_KEYS = frozenset({"last name", "lastname", "family name", "familyname", "surname", "last"})
_COMPANY_KEYS = frozenset(
    {
        "company",
        "company name",
        "organization",
        "organisation",
        "organization name",
        "organization 1 name",
        "org",
    }
)
_NOTES_KEYS = frozenset({"notes", "note", "comment", "comments", "remarks", "description"})
_FAVORITE_KEYS = frozenset({"favorite", "favourite", "favorites", "starred"})
_EXTRA_PARAMS_KEYS = frozenset({"extra params", "extraparams"})
_PHONE_WORDS = frozenset(
    {
        "phone",
        "phones",
        "mobile",
        "mob",
        "cell",
        "cellphone",
        "telephone",
        "tel",
        "fax",
        "pager",
        "whatsapp",
        "landline",
        "callback",
        "isdn",
        "msisdn",
    }
)
_NUMBER_KEYS = frozenset({"number", "numbers", "contact number", "contact no", "contact numbers"})
_OWN_NUMBER_KEY = re.compile(r"number (\d+)")
_INDEXED_PHONE_KEY = re.compile(r"phone (\d+)(?: value)?")
_TRUE_WORDS = frozenset({"1", "true", "yes", "y", "x", "*", "★"})
_FORMULA_START = frozenset("=+-@\t\r")
_NUMBER_SEPARATORS = re.compile(r"[;,/|\n\r]")


def _sniff_text(text: str, encoding: str) -> CsvLayout:
    first_line = text[: _first_line_end(text)].strip(" ")  # not .strip(): "sep=\t" is valid
    sep = _SEP_LINE.fullmatch(first_line)
    delimiter = sep.group(1) if sep else _guess_delimiter(text[:_SNIFF_CHARS])
    rows = _first_rows(text, delimiter, PREVIEW_ROWS + 40)
    skip = 1 if sep else 0
    while skip < len(rows) and not _has_content(rows[skip]):
        skip += 1
    if skip >= len(rows):
        raise ContactImportError("the file has no contact rows")
    first = rows[skip]
    data_rows = [row for row in rows[skip + 1 :] if _has_content(row)]
    has_header = _looks_like_header(first, data_rows)
    header = [cell.strip() for cell in first] if has_header else []
    body = data_rows if has_header else [first, *data_rows]
    return CsvLayout(
        delimiter=delimiter,
        has_header=has_header,
        header=header,
        mapping=_guess_mapping(header, body),
        preview=body[:PREVIEW_ROWS],
        encoding=encoding,
        skip_rows=skip + (1 if has_header else 0),
    )


def _first_line_end(text: str) -> int:
    ends = [index for index in (text.find("\n"), text.find("\r")) if index >= 0]
    return min(ends) if ends else len(text)


def _has_content(row: list[str]) -> bool:
    return any(cell.strip() for cell in row)


def _first_rows(text: str, delimiter: str, count: int) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text[: _SNIFF_CHARS * 16], newline=""), delimiter=delimiter)
    try:
        return list(islice(reader, count))
    except csv.Error as exc:
        raise ContactImportError(f"line {reader.line_num}: {exc}") from exc


def _guess_delimiter(sample: str) -> str:
    """The delimiter giving the most rows of the same width (at least two columns)."""
    best, best_score = ",", (0.0, 0)
    for delimiter in _DELIMITERS:
        try:
            rows = list(
                islice(csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter), 30)
            )
        except csv.Error:
            continue
        widths = [len(row) for row in rows if _has_content(row)]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = (widths.count(common) / len(widths), common)
        if common > 1 and score > best_score:
            best, best_score = delimiter, score
    return best


def _header_key(text: str) -> str:
    return " ".join(_HEADER_WORD.findall(text.lower()))


def _looks_like_phone(cell: str) -> bool:
    digits = sum(ch.isdigit() for ch in cell)
    return digits >= 6 and sum(ch.isalpha() for ch in cell) <= 4


def _looks_like_name(cell: str) -> bool:
    return any(ch.isalpha() for ch in cell) and "@" not in cell and not _looks_like_phone(cell)


def _looks_like_header(first: list[str], data_rows: list[list[str]]) -> bool:
    if any(_looks_like_phone(cell) for cell in first):
        return False
    keys = [_header_key(cell) for cell in first]
    if any(_header_role(key) for key in keys):
        return True
    # Unknown column names: a header if the rows below hold numbers the first row lacks.
    return any(_looks_like_phone(cell) for row in data_rows for cell in row)


def _header_role(key: str) -> str:
    """Which ColumnMapping field a header belongs to ("" when unknown)."""
    for role, keys in (
        ("name", _NAME_KEYS),
        ("first_name", _FIRST_KEYS),
        ("middle_name", _MIDDLE_KEYS),
        ("last_name", _LAST_KEYS),
        ("company", _COMPANY_KEYS),
        ("notes", _NOTES_KEYS),
        ("favorite", _FAVORITE_KEYS),
        ("extra_params", _EXTRA_PARAMS_KEYS),
    ):
        if key in keys:
            return role
    return "number" if _is_number_header(key) else ""


def _is_number_header(key: str) -> bool:
    words = set(key.split())
    if words & {"type", "label"}:
        return False
    return bool(words & _PHONE_WORDS) or key in _NUMBER_KEYS or bool(_OWN_NUMBER_KEY.fullmatch(key))


def _guess_mapping(header: list[str], body: list[list[str]]) -> ColumnMapping:
    mapping = ColumnMapping()
    if header:
        _map_header(header, mapping)
    if not mapping.numbers:
        mapping.numbers = _number_columns_by_content(header, body)
    if not mapping.has_name_column():
        taken = {column for column, _ in mapping.numbers}
        mapping.name = _name_column_by_content(body, taken)
    return mapping


def _map_header(header: list[str], mapping: ColumnMapping) -> None:
    keys = [_header_key(cell) for cell in header]
    for index, key in enumerate(keys):
        role = _header_role(key)
        if role == "number":
            mapping.numbers.append((index, label_from_text(header[index])))
        elif role and getattr(mapping, role) is None:
            setattr(mapping, role, index)
    for column, _ in mapping.numbers:
        own = _OWN_NUMBER_KEY.fullmatch(keys[column])
        google = _INDEXED_PHONE_KEY.fullmatch(keys[column])
        if own:
            mapping.split_cells = False
            candidates = [f"label {own.group(1)}"]
        elif google:
            candidates = [f"phone {google.group(1)} {kind}" for kind in ("type", "label")]
        else:
            continue
        label_column = next((keys.index(c) for c in candidates if c in keys), None)
        if label_column is not None:
            mapping.label_columns[column] = label_column


def _columns(body: list[list[str]]) -> Iterator[tuple[int, list[str]]]:
    width = max((len(row) for row in body), default=0)
    for index in range(width):
        yield index, [row[index].strip() for row in body if index < len(row) and row[index].strip()]


def _number_columns_by_content(header: list[str], body: list[list[str]]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for index, cells in _columns(body):
        if cells and sum(map(_looks_like_phone, cells)) * 5 >= len(cells) * 3:
            label = label_from_text(header[index]) if index < len(header) else "other"
            found.append((index, label))
    return found


def _name_column_by_content(body: list[list[str]], taken: set[int]) -> int | None:
    for index, cells in _columns(body):
        if index not in taken and cells and sum(map(_looks_like_name, cells)) * 5 >= len(cells) * 3:
            return index
    return None


def _check_mapping(mapping: ColumnMapping, header: list[str]) -> None:
    columns = ", ".join(repr(name) for name in header[:12]) + (", …" if len(header) > 12 else "")
    found = f" (columns: {columns})" if header else ""
    if not mapping.numbers:
        raise ContactImportError(f"no usable columns: no column holds phone numbers{found}")
    if not mapping.has_name_column():
        raise ContactImportError(f"no usable columns: no column holds names{found}")


def _iter_csv(
    text: str, layout: CsvLayout, mapping: ColumnMapping, ticker: _Ticker
) -> Iterator[RawContact]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=layout.delimiter)
    rows = iter(reader)
    previous_end = 0
    index = -1
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            raise ContactImportError(f"line {reader.line_num}: {exc}") from exc
        index += 1
        line, previous_end = previous_end + 1, reader.line_num
        ticker.update(previous_end)
        if index >= layout.skip_rows and _has_content(row):
            yield _row_entry(row, mapping, line)


def _cell(row: list[str], column: int | None) -> str:
    if column is None or column >= len(row) or column < 0:
        return ""
    text = row[column].strip()
    if len(text) > 1 and text[0] == "'" and (text[1] in _FORMULA_START or text[1] == "'"):
        return text[1:]  # undo the spreadsheet formula guard written by write_csv
    return text


def _row_entry(row: list[str], mapping: ColumnMapping, line: int) -> RawContact:
    company = _cell(row, mapping.company)
    name = _cell(row, mapping.name) or " ".join(
        part
        for part in (
            _cell(row, mapping.first_name),
            _cell(row, mapping.middle_name),
            _cell(row, mapping.last_name),
        )
        if part
    )
    entry = RawContact(
        line=line,
        name=name or company,
        company=company,
        notes=_cell(row, mapping.notes),
        favorite=_cell(row, mapping.favorite).lower() in _TRUE_WORDS,
    )
    for column, label in mapping.numbers:
        text = _cell(row, column)
        if text:
            pieces = _split_number_cell(text) if mapping.split_cells else [text]
            labels = _cell(row, mapping.label_columns.get(column)).split(":::")
            for position, piece in enumerate(pieces):
                label_text = labels[min(position, len(labels) - 1)].strip()
                entry.numbers.append((piece, label_from_text(label_text) if label_text else label))
    params = _cell(row, mapping.extra_params)
    if params:
        entry.extra_params, entry.problem = _parse_extra_params(params)
    return entry


def _split_number_cell(text: str) -> list[str]:
    """Split "a ::: b" always, "a; b" / "a, b" / "a / b" only if every part has 6+ digits.

    "089/1234567" (an area code written with a slash) stays one number.
    """
    pieces: list[str] = []
    for chunk in text.split(":::"):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _NUMBER_SEPARATORS.search(chunk):
            parts = [part.strip() for part in _NUMBER_SEPARATORS.split(chunk) if part.strip()]
            if len(parts) > 1 and all(sum(ch.isdigit() for ch in p) >= 6 for p in parts):
                pieces.extend(parts)
                continue
        pieces.append(chunk)
    return pieces


def _parse_extra_params(text: str) -> tuple[dict[str, Any], str]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        value = None
    if isinstance(value, dict):
        return value, ""
    return {}, "extra_params is not a JSON object"


# ---------------------------------------------------------------------------------------------
# vCard

_VCARD_BEGIN = re.compile(r"(?i)(?:^|[\r\n])[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*(?:[\r\n]|$)")
_LINE_BREAK = re.compile(r"\r*\n|\r")
_CARD_BOUNDARY = re.compile(r"(?i)[ \t]*(?:BEGIN|END)[ \t]*:[ \t]*VCARD[ \t]*")
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/=]+")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_COMPONENT_SEPARATOR = re.compile(r"(?<!\\);")
_LIST_SEPARATOR = re.compile(r"(?<!\\),")
_CARD_PROPERTIES = frozenset(
    {"TEL", "FN", "N", "ORG", "NOTE", "X-ABLABEL", "X-DIALER-FAVORITE", "X-DIALER-EXTRA-PARAMS"}
)
_VCARD_BOOLEAN_TRUE = frozenset({"1", "true", "yes"})


def _split_lines(text: str) -> list[str]:
    """``_LINE_BREAK.split(text)``, with plain ``str.split`` for LF or CRLF text (8x faster)."""
    if "\r" not in text:
        return text.split("\n")
    crlf = text.replace("\r\n", "\n")
    if "\r" not in crlf:  # every CR was part of a CRLF
        return crlf.split("\n")
    return _LINE_BREAK.split(text)


def _logical_lines(lines: list[str], first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Yield ``(first line number, text)`` of each property after undoing line breaks.

    Joins folded lines (leading space or tab), quoted-printable soft line breaks (``=`` at
    the end) and 2.1 base64 blocks whose lines are not indented; blank lines are ignored.
    ``lines[0]`` is line ``first_line`` of the file.
    """
    parts: list[str] = []
    start = 0
    soft_break = False
    for number, line in enumerate(lines, first_line):
        if parts:
            if soft_break and not _CARD_BOUNDARY.fullmatch(line):
                parts[-1] = parts[-1].rstrip()[:-1]
                parts.append(line)
                soft_break = _ends_with_soft_break(line)
                continue
            first = line[:1]
            if first == " " or first == "\t":
                parts.append(line[1:])
                continue
            if not line or (":" not in line and _continues_base64(parts[0], line)):
                parts.append(line)
                continue
            yield start, parts[0] if len(parts) == 1 else "".join(parts)
        if not line or line.isspace():
            parts = []
            continue
        parts = [line]
        start = number
        soft_break = (
            line[-1] in _SOFT_BREAK_ENDS
            and _ends_with_soft_break(line)
            and "QUOTED-PRINTABLE" in _head(line).upper()
        )
    if parts:
        yield start, "".join(parts)


_SOFT_BREAK_ENDS = frozenset("= \t")  # last characters of a line that may end in a soft break


def _ends_with_soft_break(line: str) -> bool:
    return line.endswith("=") or (line.endswith((" ", "\t")) and line.rstrip().endswith("="))


def _head(line: str) -> str:
    """Name and parameters: the text before the first colon."""
    colon = line.find(":")
    return line if colon < 0 else line[:colon]


def _continues_base64(first_line: str, line: str) -> bool:
    head = _head(first_line).upper()
    return ("BASE64" in head or "ENCODING=B" in head) and bool(_BASE64_LINE.fullmatch(line))


def _unquoted_colon(line: str, first_colon: int) -> int:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return first_colon


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _param_list(params: str) -> list[str]:
    return params.split(";") if params else []


def _decoded_value(params: str, value: str) -> str:
    """Undo 2.1 quoted-printable encoding, decoding the bytes with the CHARSET parameter."""
    if not params or "QUOTED-PRINTABLE" not in params.upper():
        return value
    charset = "utf-8"
    for param in _param_list(params):
        key, _, given = param.partition("=")
        if key.strip().upper() == "CHARSET" and given.strip():
            charset = given.strip().strip('"')
    data = binascii.a2b_qp(value.encode("utf-8", errors="replace"))
    try:
        text = data.decode(charset, errors="replace")
    except (LookupError, ValueError):
        text = data.decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _text(params: str, value: str) -> str:
    return _unescape(_decoded_value(params, value))


def _components(params: str, value: str, *, lists: bool) -> list[str]:
    """Split N/ORG on unescaped ';'.

    With ``lists`` (N), a component may hold several comma-separated values ("Richter,James"),
    joined with spaces; ORG components are plain text ("Company, The").
    """
    parts = _COMPONENT_SEPARATOR.split(_decoded_value(params, value))
    if not lists:
        return [_unescape(part).strip() for part in parts]
    return [
        " ".join(_unescape(item).strip() for item in _LIST_SEPARATOR.split(part) if item.strip())
        for part in parts
    ]


def _tel_types(params: str) -> set[str]:
    """TYPE values of a TEL: ``TYPE=cell``, ``type=cell;type=pref``, ``TYPE="cell,voice"``,
    2.1 bare ``CELL;PREF`` and 4.0 ``PREF=1``."""
    types: set[str] = set()
    for param in _param_list(params):
        key, equals, value = param.partition("=")
        key = key.strip().lower()
        if not equals:
            types.add(key)
        elif key == "type":
            types.update(item.strip().strip('"').lower() for item in value.split(","))
        elif key == "pref":
            types.add("pref")
    return types


_tel_label_cache: dict[str, str] = {}


def _tel_label(params: str) -> str:
    label = _tel_label_cache.get(params)
    if label is None:
        types = _tel_types(params)
        label = label_from_text(" ".join(sorted(types)))
        if label == "other" and "pref" in types and types <= {"pref", "voice"}:
            label = "main"
        if len(_tel_label_cache) < 10_000:
            _tel_label_cache[params] = label
    return label


def _tel_text(value: str) -> str:
    """The number as text; a 4.0 ``tel:`` URI becomes ``+1-418-656-9254 ext. 102``."""
    value = value.strip()
    if value[:4].lower() != "tel:":
        return value
    number, *uri_params = value[4:].split(";")
    extension = next((p[4:] for p in uri_params if p.lower().startswith("ext=")), "")
    return f"{number.strip()} ext. {extension}" if extension else number.strip()


class _CardReader:
    """Collects the properties of one card that become a contact."""

    __slots__ = (
        "extra_params",
        "favorite",
        "formatted_name",
        "group_labels",
        "line",
        "notes",
        "organization",
        "phones",
        "problem",
        "structured_name",
    )

    def __init__(self, line: int) -> None:
        self.line = line
        self.formatted_name = ""
        self.structured_name: tuple[str, str] | None = None  # N's (params, value), read lazily
        self.organization: list[str] = []
        self.notes: list[str] = []
        self.phones: list[tuple[str, str, str]] = []  # (group, text, label)
        self.group_labels: dict[str, str] = {}
        self.favorite = False
        self.extra_params: dict[str, Any] = {}
        self.problem = ""

    def add(self, group: str, name: str, params: str, value: str) -> None:
        if name == "TEL":
            text = _tel_text(_text(params, value))
            if text:
                self.phones.append((group, text, _tel_label(params)))
        elif name == "FN":
            self.formatted_name = self.formatted_name or " ".join(_text(params, value).split())
        elif name == "N":
            self.structured_name = self.structured_name or (params, value)
        elif name == "ORG":
            self.organization = self.organization or _components(params, value, lists=False)
        elif name == "NOTE":
            note = _text(params, value).strip()
            if note:
                self.notes.append(note)
        elif name == "X-ABLABEL":
            if group:
                self.group_labels[group] = _text(params, value)
        elif name == "X-DIALER-FAVORITE":
            self.favorite = _text(params, value).strip().lower() in _VCARD_BOOLEAN_TRUE
        else:  # X-DIALER-EXTRA-PARAMS
            self.extra_params, problem = _parse_extra_params(_text(params, value))
            self.problem = self.problem or problem

    def build(self) -> RawContact:
        company = " - ".join(part for part in self.organization if part)
        return RawContact(
            line=self.line,
            name=self.formatted_name or self._name_from_parts() or company,
            numbers=[(text, self._label(group, label)) for group, text, label in self.phones],
            company=company,
            notes="\n".join(self.notes),
            favorite=self.favorite,
            extra_params=self.extra_params,
            problem=self.problem,
        )

    def _name_from_parts(self) -> str:
        """N is family;given;additional;prefix;suffix; people read prefix given ... suffix."""
        if self.structured_name is None:
            return ""
        parts = [*_components(*self.structured_name, lists=True), "", "", "", "", ""][:5]
        family, given, additional, prefix, suffix = parts
        return " ".join(p for p in (prefix, given, additional, family, suffix) if p)

    def _label(self, group: str, label: str) -> str:
        """Apple's ``itemN.X-ABLabel`` names the label of ``itemN.TEL``."""
        custom = self.group_labels.get(group) if group else None
        if custom:
            from_custom = label_from_text(custom)
            if from_custom != "other":
                return from_custom
        return label


@dataclass
class _ReadEnd:
    """How a read of some lines ended: ``clean`` when no card was left open."""

    clean: bool = True


def _iter_vcards(
    lines: list[str], ticker: _Ticker, first_line: int = 1, end: _ReadEnd | None = None
) -> Iterator[RawContact]:
    card: _CardReader | None = None
    nested = 0  # depth inside 2.1 AGENT cards, whose properties are not the contact's
    after_empty_agent = False
    for number, line in _logical_lines(lines, first_line):
        if number >= ticker.next_update:
            ticker.update(number)
        colon = line.find(":")
        if colon < 0:
            continue
        semi = line.find(";", 0, colon)
        name = line[: semi if semi >= 0 else colon]
        group = ""
        if "." in name:
            group, _, name = name.rpartition(".")
            group = group.strip().upper()
        name = name.strip().upper()
        if name in _CARD_PROPERTIES:
            if card is not None and not nested:
                if semi >= 0 and '"' in line[semi:colon]:
                    colon = _unquoted_colon(line, colon)
                params = line[semi + 1 : colon] if semi >= 0 else ""
                card.add(group, name, params, line[colon + 1 :])
        elif (name == "BEGIN" or name == "END") and line[colon + 1 :].strip().upper() == "VCARD":
            if name == "BEGIN":
                if card is None:
                    card = _CardReader(number)
                elif nested or after_empty_agent:
                    nested += 1
                else:
                    card.problem = (
                        f"the card has no END:VCARD (the next card starts at line {number})"
                    )
                    yield card.build()
                    card = _CardReader(number)
            elif nested:
                nested -= 1
            elif card is not None:
                yield card.build()
                card = None
        after_empty_agent = name == "AGENT" and not line[colon + 1 :].strip()
    if end is not None:
        end.clean = card is None  # an AGENT card is always inside an open card
    if card is not None:
        card.problem = "the card has no END:VCARD (the file ends inside it)"
        yield card.build()


# Parallel reading of large vCard files: worker processes read slices of the lines, each
# starting at a BEGIN:VCARD line, and check the numbers they find.
_PARALLEL_VCARD_LINES = 60_000
_VCARD_CHUNK_LINES = 25_000
_BEGIN_LINE = re.compile(r"(?i)BEGIN[ \t]*:[ \t]*VCARD[ \t]*")

_CardsChunk = tuple[list[RawContact], dict[str, _Normalized], bool]


def _read_cards_chunk(job: tuple[str | None, str, int]) -> _CardsChunk:
    """Worker side of :func:`_read_cards_in_parallel`: the cards of some lines (joined by
    ``\n``, the first being line ``first_line``), their numbers checked, and whether the
    read ended clean."""
    region, text, first_line = job
    end = _ReadEnd()
    entries = list(_iter_vcards(text.split("\n"), _Ticker(1, None, None), first_line, end))
    reader = _NumberReader(region)
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
    lines: list[str], region: str | None, workers: int, collector: _Collector, ticker: _Ticker
) -> Generator[RawContact, None, None]:
    """The cards of ``lines`` in file order, read (and their numbers checked) by workers.

    A slice starting at a BEGIN:VCARD line reads exactly as it does within the whole file
    when the slices before it ended clean (no card left open), as they do in any
    well-formed file. The first slice that did not end clean is thrown away, and from its
    first line on the file is read here, one card after the other, as if never split.
    """
    starts = _chunk_starts(lines)
    ends = [*starts[1:], len(lines)]
    with _worker_pool(workers) as pool:
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
    yield from _iter_vcards(lines[start:], ticker, start + 1)
