"""The store's plain data types (part of its public API: import them from
:mod:`dialer_app.core.store`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dialer_app.core.wording import counted

SearchRow = tuple[int, str, str, bool, str, str]
"""``(id, name, company, favorite, numbers_text, digits_text)``: raw numbers joined by ``", "``
and the non-empty normalized digits joined by ``" "``, both in the contact's number order.

Both texts are stored in the contacts row (schema 2) and rewritten with the numbers, so
loading the list is one plain SELECT rather than a join over every number."""


@dataclass(frozen=True)
class TextDamage:
    """Rows read with U+FFFD in place of stored bytes that were not UTF-8 (see the module doc).

    ``contacts`` holds contact ids (damage in a contact's numbers counts for the contact),
    ``history`` history entry ids. Only rows that reads have met so far are known.
    """

    contacts: frozenset[int] = frozenset()
    history: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.contacts or self.history)


@dataclass(frozen=True)
class RecoveryNotice:
    """A damaged database was moved aside to ``moved_to`` (kept) and a fresh one built from
    what it still gave (``salvaged_*``) and, for the parts it could not give, from the
    newest backup (``restored_*``, ``backup``). ``incomplete``: parts of the damaged file
    could not be read and no backup covered them."""

    moved_to: Path
    reason: str
    salvaged_contacts: int = 0
    salvaged_history: int = 0
    restored_contacts: int = 0
    restored_history: int = 0
    backup: Path | None = None
    backup_taken: str = ""
    incomplete: bool = False
    do_not_call: int = 0
    do_not_call_from_backup: int = 0
    team_do_not_call: int = 0
    call_lists: int = 0
    call_list_entries: int = 0

    def message(self) -> str:
        """Plain words for the window and the command line."""
        text = (
            f"The contacts database could not be read ({self.reason}). "
            f"It was kept as {self.moved_to}"
        )
        recovered = self.salvaged_contacts + self.salvaged_history
        restored = self.restored_contacts + self.restored_history
        lists = self._lists_sentence()
        if not recovered and not restored:
            if not lists:
                return f"{text} and a new, empty one was started."
            return f"{text}; no contacts or calls came back. {lists}{self._incomplete()}"
        parts = []
        if recovered:
            parts.append(
                f"{counted(self.salvaged_contacts, 'contact')} and "
                f"{counted(self.salvaged_history, 'call')} of the history came back from it"
            )
        if restored:
            parts.append(
                f"{counted(self.restored_contacts, 'contact')} and "
                f"{counted(self.restored_history, 'call')} from the backup of "
                f"{self.backup_taken or self.backup}"
            )
        text += "; " + ", and ".join(parts) + "."
        if lists:
            text += f" {lists}"
        return text + self._incomplete()

    def _lists_sentence(self) -> str:
        """What came back of the do-not-call lists and the call lists ("" when none)."""
        parts = []
        if self.do_not_call:
            listed = f"{counted(self.do_not_call, 'do-not-call number')}"
            if self.do_not_call_from_backup:
                listed += (
                    f" ({self.do_not_call_from_backup:,} of them only in the backup: a number "
                    "on either stays listed)"
                )
            parts.append(listed)
        if self.team_do_not_call:
            team = counted(self.team_do_not_call, "number")
            parts.append(f"the team's do-not-call list of {team}")
        if self.call_lists:
            parts.append(
                f"{counted(self.call_lists, 'call list')} with "
                f"{counted(self.call_list_entries, 'entry', 'entries')}"
            )
        return f"Also back: {_joined(parts)}." if parts else ""

    def _incomplete(self) -> str:
        if not self.incomplete:
            return ""
        return (
            " Some of it could not be read and no backup covers it: anything added there "
            "is missing."
        )


def _joined(parts: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


@dataclass(frozen=True)
class MergeNote:
    """An incoming contact that shared a number with another one: merged into it (same name,
    or one of them had none), or kept apart from it (different names).

    ``line`` is where the file has the incoming contact (0: not from a file); ``digits`` the
    shared number; ``existing`` says the other contact was stored before this import.
    """

    line: int
    name: str
    other_name: str
    digits: str
    existing: bool


@dataclass(frozen=True)
class ImportResult:
    """``added`` new contacts; ``merged`` incoming contacts folded into others (stored ones, or
    ones the same import added); ``kept_apart`` contacts that share a number with a contact of
    another name and were kept as contacts of their own. The note tuples hold the first
    10,000 merges and kept-apart contacts."""

    added: int
    merged: int
    merges: tuple[MergeNote, ...] = ()
    kept_apart: int = 0
    kept_apart_notes: tuple[MergeNote, ...] = ()


@dataclass(frozen=True)
class RestoredBackup:
    """A backup put back: what it held, the backup of the database it replaced, and what was
    kept of that one: ``calls_kept`` made after the backup, the ``do_not_call`` numbers listed
    now (the current ones and the backup's), the call lists kept as they were and those
    taken from the backup (each list's newer copy)."""

    backup: Path
    contacts: int
    history: int
    previous_kept_as: Path
    calls_kept: int = 0
    do_not_call: int = 0
    call_lists_kept: int = 0
    call_lists_from_backup: int = 0

    def sentence(self) -> str:
        text = (
            f"Restored {counted(self.contacts, 'contact')} and {counted(self.history, 'call')} "
            f"from the backup {self.backup.name}"
        )
        kept = []
        if self.calls_kept:
            kept.append(f"{counted(self.calls_kept, 'call')} made since then")
        if self.do_not_call:
            kept.append(f"the do-not-call list ({counted(self.do_not_call, 'number')})")
        if self.call_lists_kept:
            kept.append(f"{counted(self.call_lists_kept, 'call list')} as they are")
        if kept:
            text += f"; kept: {_joined(kept)}"
        if self.call_lists_from_backup:
            text += (
                f"; {counted(self.call_lists_from_backup, 'call list')} taken from the backup "
                "(newer there)"
            )
        return f"{text}. The contacts you had are kept in the backup {self.previous_kept_as.name}."


@dataclass(frozen=True)
class RecoveryRecord:
    """A recovery from damage as the database remembers it (for the next export)."""

    recovered_at: str
    damaged_file: str
    salvaged_contacts: int
    restored_contacts: int
    backup_file: str

    def sentence(self) -> str:
        when = self.recovered_at[:16].replace("T", " ")
        text = (
            f"The contacts database was recovered from damage on {when} UTC: "
            f"{counted(self.salvaged_contacts, 'contact')} came back from the damaged file "
            f"(kept as {self.damaged_file})"
        )
        if self.restored_contacts:
            text += f" and {self.restored_contacts:,} from the backup {self.backup_file}"
        return text + "; check that the export holds every contact you expect."
