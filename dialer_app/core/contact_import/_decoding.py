"""Reading a contact file's bytes as text: BOMs, UTF-16 without BOM, legacy 8-bit encodings,
and refusing empty, binary and oversized files."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from dialer_app.core.contact_import._types import MAX_FILE_BYTES, ContactImportError

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


def read_text(path: Path) -> tuple[str, str]:
    """The whole file as ``(text, encoding)``; :class:`ContactImportError` says why not."""
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


def decode_head(head: bytes) -> str:
    """The first bytes of a file as text, good enough to recognize its format."""
    encoding = _bom_encoding(head) or _bomless_utf16(head) or "utf-8"
    return head.decode(encoding, errors="replace")


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
