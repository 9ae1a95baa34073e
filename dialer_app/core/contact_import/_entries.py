"""Raw entries become contacts: numbers normalized, entries without one skipped with a reason,
and what the report must tell noted on the way (numbers kept as typed, numbers read in the
import's region)."""

from __future__ import annotations

from dialer_app.core.contact import Contact, ContactNumber
from dialer_app.core.contact_import._numbers import NumberReader
from dialer_app.core.contact_import._types import (
    MAX_NOTES,
    NationalNumber,
    RawContact,
    SkippedRow,
)


class EntryChecker:
    """Turns :class:`RawContact` entries into contacts and keeps the notes about them."""

    def __init__(self, reader: NumberReader) -> None:
        self._numbers = reader
        self.seen = 0
        self.skipped: list[SkippedRow] = []
        self.unverified: list[SkippedRow] = []
        self.national: list[NationalNumber] = []
        self.skipped_count = 0
        self.unverified_count = 0
        self.national_count = 0

    def contact(self, entry: RawContact) -> Contact | None:
        """The entry as a contact, or None when it is skipped (noted with its reason).

        Every entry with a number is kept; a number that does not validate is kept as typed
        (digits "") and noted, so nothing the file holds is lost.
        """
        self.seen += 1
        numbers = self._numbers_of(entry)
        reason = entry.problem or ("" if numbers else _missing_number_reason(entry))
        if reason:
            self.skipped_count += 1
            if len(self.skipped) < MAX_NOTES:
                self.skipped.append(SkippedRow(entry.line, reason))
            return None
        name = " ".join(entry.name.split()) or entry.company.strip() or numbers[0].raw
        return Contact(
            name=name,
            numbers=tuple(numbers),
            company=entry.company,
            notes=entry.notes,
            favorite=entry.favorite,
            extra_params=entry.extra_params,
        )

    def _numbers_of(self, entry: RawContact) -> list[ContactNumber]:
        """The entry's numbers without repeats; empty when no number has any text."""
        numbers: list[ContactNumber] = []
        keys: list[str] = []
        if not any(text.strip() for text, _ in entry.numbers):
            return numbers
        read = self._numbers.read
        for text, label in entry.numbers:
            raw = text.strip()
            result = read(raw)
            if isinstance(result, str):
                key, digits = "raw:" + raw, ""
            else:
                digits, extension, national = result
                key = f"{digits}x{extension}" if extension else digits
            if key in keys:  # a list: entries have one to a few numbers
                continue
            keys.append(key)
            numbers.append(ContactNumber(raw=raw, digits=digits, label=label))
            if isinstance(result, str):
                self.unverified_count += 1
                if len(self.unverified) < MAX_NOTES:
                    note = f"{raw!r} kept as typed: {result}"
                    self.unverified.append(SkippedRow(entry.line, note))
            elif national:
                self.national_count += 1
                if len(self.national) < MAX_NOTES:
                    self.national.append(NationalNumber(entry.line, raw, digits))
        return numbers


def _missing_number_reason(entry: RawContact) -> str:
    return "no phone number" if " ".join(entry.name.split()) else "no name and no number"
