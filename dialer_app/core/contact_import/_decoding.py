"""Reading a contact file as text, a block at a time: memory stays bounded whatever the size
or shape of the file (one line of 150 MB, millions of rows).

Encodings: a BOM (UTF-8, UTF-16, UTF-32), UTF-16 without BOM, else UTF-8 with a fallback to
Windows-1252 (latin-1 for the five bytes cp1252 leaves undefined) for each line that is not
valid UTF-8, or, in vCard files, for each card. One bad byte costs one line, never the whole
file: :class:`DecodeStats` counts what needed the fallback, for the report.

Line breaks: CSV text breaks at ``\\r\\n``, ``\\n`` or ``\\r`` (as ``csv`` reads them); vCard text
also treats a run of ``\\r`` before ``\\n`` as one break (iPhone exports end lines in
``\\r\\r\\n``). Lines are handed out with their break, so quoted CSV cells keep theirs.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Final

from dialer_app.core.contact_import._types import MAX_FILE_BYTES, ContactImportError
from dialer_app.core.profile import file_kind

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
BLOCK_BYTES: Final = 1 << 20
MAX_LINE_CHARS: Final = 1 << 20
"""A longer line is cut here and marked with :data:`CUT_MARK` (no contact needs one)."""
CUT_MARK: Final = "\x00"  # never in decoded text: files holding NUL bytes are refused
MAX_NOTED_LINES: Final = 20
_BREAKS = re.compile(rb"\r\n|\n|\r")
_CARD_BEGIN = re.compile(rb"(?i)[ \t]*BEGIN[ \t]*:[ \t]*VCARD[ \t]*\r*\n?\r?")
_CR_RUNS = re.compile(r"\r+\n")
_CR_RUNS_BYTES = re.compile(rb"\r+\n")
_LEGACY = "cp1252"


@dataclass
class DecodeStats:
    """What decoding met: lines read as Windows-1252 (``fallback_lines``, the first of them
    in ``fallback_first``), and whether any text beyond ASCII was valid UTF-8."""

    fallback_lines: int = 0
    fallback_first: list[int] = field(default_factory=list)
    utf8_seen: bool = False

    @property
    def legacy_file(self) -> bool:
        """Every line with letters beyond ASCII needed the fallback: an old 8-bit export."""
        return self.fallback_lines > 0 and not self.utf8_seen

    def note(self, line: int, count: int = 1) -> None:
        self.fallback_lines += count
        if len(self.fallback_first) < MAX_NOTED_LINES:
            self.fallback_first.append(line)


def check_regular_file(path: Path) -> int:
    """The size of ``path``; refuses folders, FIFOs, devices and files over the size limit."""
    try:
        info = path.stat()
    except OSError as exc:
        raise ContactImportError(f"cannot read the file: {exc.strerror or exc}") from exc
    kind = file_kind(info.st_mode)
    if kind:
        raise ContactImportError(f"not a regular file ({kind})")
    if info.st_size > MAX_FILE_BYTES:
        raise ContactImportError(
            f"the file is too large ({info.st_size / 2**20:.0f} MB; the limit is "
            f"{MAX_FILE_BYTES // 2**20} MB)"
        )
    return info.st_size


def open_text(path: Path, *, vcard: bool) -> TextFile:
    """``path`` as a :class:`TextFile`; refuses what is not a readable regular text file."""
    size = check_regular_file(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 (the TextFile closes it)
    except OSError as exc:
        raise ContactImportError(f"cannot read the file: {exc.strerror or exc}") from exc
    return TextFile(handle, size, vcard=vcard)


class TextFile:
    """A contact file read as lines of text, in blocks (see the module doc).

    ``vcard`` chooses the vCard line breaks and card-by-card fallback. ``bytes_read`` grows
    as lines are handed out (for progress); ``stats`` says what needed the fallback.
    """

    def __init__(self, handle: BinaryIO, size: int, *, vcard: bool) -> None:
        self.size = size
        self._handle = handle
        self._vcard = vcard
        self.stats = DecodeStats()
        self.bytes_read = 0
        try:
            head = self._read_block()
            self.encoding = _bom_encoding(head) or _bomless_utf16(head, size) or ""
            if not _without_bom(head).strip():
                raise ContactImportError("the file is empty")
            if not self.encoding:
                if b"\x00" in head:
                    raise ContactImportError("not a text file (it contains NUL bytes)")
                self.encoding = "utf-8"
            _check_not_binary(head, self.encoding)
        except BaseException:
            handle.close()
            raise

    def __enter__(self) -> TextFile:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._handle.close()

    def lines(self) -> Iterator[str]:
        """Every line of the file from the start, each with its line break (the last may
        have none); a line longer than :data:`MAX_LINE_CHARS` ends in :data:`CUT_MARK`."""
        self._handle.seek(0)
        self.bytes_read = 0
        if self.encoding in ("utf-8", "utf-8-sig"):
            return self._byte_lines()
        return self._wide_lines()

    def reported_encoding(self) -> str:
        """``cp1252`` for an old 8-bit file, else the encoding the file starts in."""
        return _LEGACY if self.stats.legacy_file else self.encoding

    # 8-bit text ----------------------------------------------------------------------
    def _byte_lines(self) -> Iterator[str]:
        line = 1
        carry = b""
        skipping = False  # inside an over-long line whose head was handed out already
        if self.encoding == "utf-8-sig":
            self._handle.seek(len(codecs.BOM_UTF8))
        while True:
            block = self._read_block()
            if skipping:
                match = _BREAKS.search(block)
                if match is None:
                    if not block:
                        return
                    continue
                block, skipping = block[match.end() :], False
            data = carry + block
            if not block:
                if data:
                    yield from self._counted(self._decoded(data, line), self.size - len(data), 0, 1)
                self.bytes_read = self.size
                return
            cut = _last_break(data)
            if cut < 0:
                carry = data
                if len(data) > 4 * MAX_LINE_CHARS:  # an endless line: hand out its head only
                    yield "".join(self._decoded(data[:MAX_LINE_CHARS], line)) + CUT_MARK
                    line, carry, skipping = line + 1, b"", True
                continue
            chunk, carry = data[: cut + 1], data[cut + 1 :]
            end = self._handle.tell() - len(carry)
            decoded = self._decoded(chunk, line)
            line += len(decoded)
            yield from self._counted(decoded, end - len(chunk), end, 1)

    def _counted(self, lines: list[str], start: int, end: int, width: int) -> Iterator[str]:
        """``lines`` handed out one by one, ``bytes_read`` moving from ``start`` to ``end``
        (about ``width`` bytes a character) as they go, for a smooth progress bar."""
        position = start
        for text in lines:
            position += width * len(text)
            self.bytes_read = min(position, end) if end else position
            yield text
        if end:
            self.bytes_read = end

    def _decoded(self, chunk: bytes, line: int) -> list[str]:
        if b"\x00" in chunk:
            raise ContactImportError(f"not a text file (near line {line}: a NUL byte)")
        if self._vcard:
            chunk = _CR_RUNS_BYTES.sub(b"\n", chunk)
        try:
            text = chunk.decode("utf-8")
        except UnicodeDecodeError:
            return self._decoded_slowly(chunk, line)
        if not self.stats.utf8_seen and not text.isascii():
            self.stats.utf8_seen = True
        return _split(text)

    def _decoded_slowly(self, chunk: bytes, line: int) -> list[str]:
        """Line by line (vCard: card by card); what is not UTF-8 is read as cp1252."""
        pieces = _byte_pieces(chunk)
        units = _cards(pieces) if self._vcard else [[piece] for piece in pieces]
        lines: list[str] = []
        for unit in units:
            data = b"".join(unit)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _legacy_decode(data)
                self.stats.note(line, len(unit))
            else:
                self.stats.utf8_seen = self.stats.utf8_seen or not text.isascii()
            lines.extend(_split(text))
            line += len(unit)
        return lines

    # UTF-16 and UTF-32 --------------------------------------------------------------
    def _wide_lines(self) -> Iterator[str]:
        decoder = codecs.getincrementaldecoder(self.encoding)(errors="strict")
        carry = ""
        while True:
            block = self._read_block()
            try:
                text = carry + decoder.decode(block, final=not block)
            except UnicodeDecodeError:
                name = self.encoding.upper()
                raise ContactImportError(
                    f"unknown encoding: the file starts like {name} text but is not valid {name}"
                ) from None
            if "\x00" in text:
                raise ContactImportError("not a text file (it holds NUL characters)")
            if self._vcard:
                text = _CR_RUNS.sub("\n", text)
            if not block:
                if text:
                    yield from _split(text)
                self.bytes_read = self.size
                return
            end = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1))
            if end < 0:
                if len(text) > 4 * MAX_LINE_CHARS:
                    raise ContactImportError("a line is longer than 1 MB: not a contacts file")
                carry = text
                continue
            carry = text[end + 1 :]
            done = text[: end + 1]
            start, width = self.bytes_read, 4 if "32" in self.encoding else 2
            yield from self._counted(_split(done), start, start + width * len(done), width)

    def _read_block(self) -> bytes:
        try:
            return self._handle.read(BLOCK_BYTES)
        except OSError as exc:
            raise ContactImportError(f"cannot read the file: {exc.strerror or exc}") from exc


def _check_not_binary(head: bytes, encoding: str) -> None:
    sample = head.decode(encoding, errors="replace")[:_BINARY_SAMPLE_CHARS]
    controls = len(_CONTROL_CHARS.findall(sample))
    if "\x00" in sample or (controls >= 2 and controls * 50 > len(sample)):
        raise ContactImportError("not a text file (it holds binary data)")


def head_text(path: Path) -> str:
    """The first bytes of a file as text, good enough to recognize its format."""
    check_regular_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError as exc:
        raise ContactImportError(f"cannot read the file: {exc.strerror or exc}") from exc
    encoding = _bom_encoding(head) or _bomless_utf16(head, len(head)) or "utf-8"
    return head.decode(encoding, errors="replace")


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode file bytes to ``(text, encoding)`` as :class:`TextFile` reads a file (for text
    held in memory); refuses empty and binary data."""
    with TextFile(io.BytesIO(data), len(data), vcard=False) as text_file:
        text = "".join(text_file.lines())
        return text, text_file.reported_encoding()


def split_lines(text: str, *, vcard: bool) -> list[str]:
    """``text`` cut into lines the way :meth:`TextFile.lines` cuts a file."""
    if vcard:
        text = _CR_RUNS.sub("\n", text)
    return _split(text)


def _split(text: str) -> list[str]:
    """Lines with their breaks (``\\r\\n``, ``\\n`` or ``\\r``); the C line reader does it."""
    if "\r" not in text:
        pieces = text.split("\n")
        last = pieces.pop()
        lines = [piece + "\n" for piece in pieces]
        if last:
            lines.append(last)
        return _cut_long(lines)
    return _cut_long(list(io.StringIO(text, newline="")))


def _cut_long(lines: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if len(line) > MAX_LINE_CHARS:
            lines[index] = line[:MAX_LINE_CHARS] + CUT_MARK
    return lines


def _byte_pieces(chunk: bytes) -> list[bytes]:
    pieces: list[bytes] = []
    start = 0
    for match in _BREAKS.finditer(chunk):
        pieces.append(chunk[start : match.end()])
        start = match.end()
    if start < len(chunk):
        pieces.append(chunk[start:])
    return pieces


def _cards(pieces: list[bytes]) -> list[list[bytes]]:
    """Lines grouped into cards (a group starts at each BEGIN:VCARD line)."""
    units: list[list[bytes]] = []
    for piece in pieces:
        if not units or _CARD_BEGIN.fullmatch(piece):
            units.append([piece])
        else:
            units[-1].append(piece)
    return units


def _legacy_decode(data: bytes) -> str:
    try:
        return data.decode(_LEGACY)
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in cp1252
        return data.decode("latin-1")


def _last_break(data: bytes) -> int:
    """Index of the last line break that is surely complete (a final ``\\r`` may be the first
    half of ``\\r\\n``, or of a vCard's ``\\r\\r\\n``), or -1."""
    end = len(data)
    while end and data[end - 1] == 0x0D:  # "\r"
        end -= 1
    return max(data.rfind(b"\n", 0, end), data.rfind(b"\r", 0, end))


def _without_bom(data: bytes) -> bytes:
    for bom, _encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :]
    return data


def _bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _bomless_utf16(data: bytes, size: int) -> str | None:
    """UTF-16 without BOM: mostly-ASCII text has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 4 or size % 2:
        return None
    half = len(sample) // 2
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd * 10 >= half * 4 and even * 20 < half:
        return "utf-16-le"
    if even * 10 >= half * 4 and odd * 20 < half:
        return "utf-16-be"
    return None
