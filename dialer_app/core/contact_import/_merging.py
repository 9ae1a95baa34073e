"""Turning raw entries into contacts: numbers checked, entries without one skipped with a
reason, and entries that share a number merged."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_import._numbers import Normalized, NumberReader
from dialer_app.core.contact_import._progress import Ticker
from dialer_app.core.contact_import._types import ImportReport, RawContact, SkippedRow


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


class Collector:
    """Turns raw entries into contacts: validation, skipping with reasons, merging."""

    def __init__(self, region: str | None) -> None:
        self._numbers = NumberReader(region)
        self._drafts: list[_Draft] = []
        self._owners: dict[str, int] = {}  # number key -> index in _drafts
        self._merged = 0
        self._skipped: list[SkippedRow] = []
        self._unverified: list[SkippedRow] = []
        self.seen = 0

    def remember(self, checked: dict[str, Normalized]) -> None:
        """Numbers already checked (by a worker process), so ``add`` need not check them."""
        self._numbers.remember(checked)

    def add_all(self, entries: Iterable[RawContact], ticker: Ticker, offset: int) -> None:
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
