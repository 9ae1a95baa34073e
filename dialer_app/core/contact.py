"""Plain data types shared by the contact store, importers and exporters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ContactNumber:
    """One phone number of a contact.

    ``digits`` is the normalized API form (country code first, no ``+``), or ``""`` when the
    number could not be normalized; ``raw`` is the text as it came from the user or the file.
    """

    raw: str
    digits: str
    label: str = "other"


@dataclass(frozen=True)
class Contact:
    """A contact as the UI, the importers and the store exchange it.

    ``id`` is ``None`` until the store has saved it. ``extra_params`` is merged over the
    global extra_params template when this contact is called (e.g. a CRM id).
    """

    name: str
    numbers: tuple[ContactNumber, ...] = ()
    company: str = ""
    notes: str = ""
    favorite: bool = False
    extra_params: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
