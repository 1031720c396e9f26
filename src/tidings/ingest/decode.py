"""Bytes to text, refusing what is not an article: empty, binary, badly encoded or too large."""

from __future__ import annotations

import codecs
import re
from typing import BinaryIO

from tidings.errors import BinaryInput, EmptyInput, EncodingError, TooLarge

_MAGIC = (
    (re.compile(rb"%PDF-"), "a PDF document"),
    (re.compile(rb"\x89PNG"), "a PNG image"),
    (re.compile(rb"\xff\xd8\xff"), "a JPEG image"),
    (re.compile(rb"GIF8[79]a"), "a GIF image"),
    (re.compile(rb"PK\x03\x04"), "a ZIP archive (or an Office document)"),
    (re.compile(rb"\x1f\x8b"), "gzip-compressed data"),
    (re.compile(rb"BZh[1-9]1AY&SY"), "bzip2-compressed data"),
    (re.compile(rb"\x7fELF"), "an executable"),
    (re.compile(rb"SQLite format 3\x00"), "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# <?xml version="1.0" encoding="..."?> (feeds)
_XML_ENCODING = re.compile(rb"\A\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']\s*([A-Za-z0-9_.:-]+)", re.I)
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def too_large(origin: str, max_bytes: int, size: int | None = None) -> TooLarge:
    """The TooLarge error for an input of ``size`` bytes (None: size unknown, only "more")."""
    amount = f"{size:,} bytes is" if size is not None else "it is"
    return TooLarge(
        origin,
        f"{amount} over the {max_bytes:,}-byte limit "
        "(raise it with TIDINGS_MAX_BYTES or max_bytes in the settings file)",
    )


def check_size(size: int, origin: str, max_bytes: int) -> None:
    """Raise TooLarge when ``size`` bytes exceed the cap."""
    if size > max_bytes:
        raise too_large(origin, max_bytes, size)


def read_capped(stream: BinaryIO, origin: str, max_bytes: int) -> bytes:
    """Read a whole stream, but raise TooLarge as soon as it holds more than ``max_bytes``."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_large(origin, max_bytes)
    return data


def decode(data: bytes, origin: str, *, max_bytes: int, encoding: str | None = None) -> str:
    """Decode ``data`` as text: a BOM wins, then the declared encoding, then an XML
    declaration's ``encoding`` or an HTML ``<meta charset>``, then strict UTF-8."""
    check_size(len(data), origin, max_bytes)
    if not data.strip():
        raise EmptyInput(origin, "empty input: no text to analyse")
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], bom_encoding, origin, skipped=len(bom))
    for magic, kind in _MAGIC:
        if magic.match(data):
            raise BinaryInput(origin, f"binary data, not text (looks like {kind})")
    if b"\x00" in data[:8192]:
        wide = _wide_encoding(data)
        if wide is None:
            raise BinaryInput(origin, "binary data, not text (it contains NUL bytes)")
        return _decode(data, wide, origin)
    return _decode(data, encoding or _meta_charset(data) or "utf-8", origin)


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte order mark, told by where its NUL bytes fall: text
    that is mostly Latin script has a NUL in every second (or three of every four) bytes, at
    the same places throughout; binary data has them anywhere. None when it is neither, or
    when the bytes do not decode to readable text."""
    sample = data[:8192]
    for width, encodings in ((4, ("utf-32-le", "utf-32-be")), (2, ("utf-16-le", "utf-16-be"))):
        if len(data) % width:
            continue
        units = len(sample) // width
        if units < 4:
            continue
        for encoding in encodings:
            little = encoding.endswith("le")
            zero_places = range(1, width) if little else range(width - 1)
            letter_place = 0 if little else width - 1
            zeros = sum(sample[place::width].count(0) for place in zero_places)
            letters = units - sample[letter_place::width].count(0)
            if zeros >= 0.9 * units * (width - 1) and letters >= 0.9 * units:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    return None
                readable = sum(c.isprintable() or c.isspace() for c in text[:4096])
                return encoding if readable >= 0.95 * min(len(text), 4096) else None
    return None


def _meta_charset(data: bytes) -> str | None:
    match = _XML_ENCODING.match(data[:1024]) or _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None  # a bogus declaration: fall back to UTF-8
    # the HTML standard reads a UTF-16/32 declaration in ASCII-compatible bytes as UTF-8
    return None if name.startswith(("utf-16", "utf-32")) else name


def _decode(data: bytes, encoding: str, origin: str, *, skipped: int = 0) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise EncodingError(origin, f"unknown text encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        raise EncodingError(
            origin,
            f"not valid {encoding.upper()}: byte 0x{data[error.start]:02x} at offset "
            f"{error.start + skipped} (convert the file to UTF-8, e.g. with iconv)",
        ) from None
    if not text.strip():
        raise EmptyInput(origin, "empty input: no text to analyse")
    return text
