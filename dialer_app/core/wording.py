"""Counts in the English the core writes for the CLI and its messages: "1 call", "2,300 calls"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str = "") -> str:
    """``count`` with thousands separators and ``noun``, or ``plural`` (default: noun + "s")."""
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {plural or noun + 's'}"
