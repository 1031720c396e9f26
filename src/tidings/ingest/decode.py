"""Bytes to text, refusing what is not an article: empty, binary, badly encoded or too large."""

from __future__ import annotations

import codecs

from tidings.errors import BinaryInput, EmptyInput, EncodingError, TooLarge

_MAGIC = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def check_size(size: int, origin: str, max_bytes: int) -> None:
    """Raise TooLarge when ``size`` bytes exceed the cap."""
    if size > max_bytes:
        raise TooLarge(
            origin,
            f"{size:,} bytes is over the {max_bytes:,}-byte limit "
            "(raise it with TIDINGS_MAX_BYTES or max_bytes in the settings file)",
        )


def decode(data: bytes, origin: str, *, max_bytes: int, encoding: str | None = None) -> str:
    """Decode ``data`` as text: a BOM wins, then the declared encoding, then strict UTF-8."""
    check_size(len(data), origin, max_bytes)
    if not data.strip():
        raise EmptyInput(origin, "empty input: no text to analyse")
    for bom, bom_encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], bom_encoding, origin)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryInput(origin, f"binary data, not text (looks like {kind})")
    if b"\x00" in data[:8192]:
        raise BinaryInput(origin, "binary data, not text (it contains NUL bytes)")
    return _decode(data, encoding or "utf-8", origin)


def _decode(data: bytes, encoding: str, origin: str) -> str:
    try:
        text = data.decode(encoding)
    except LookupError:
        raise EncodingError(origin, f"unknown text encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        raise EncodingError(
            origin,
            f"not valid {encoding.upper()}: byte 0x{data[error.start]:02x} at offset "
            f"{error.start} (convert the file to UTF-8, e.g. with iconv)",
        ) from None
    if not text.strip():
        raise EmptyInput(origin, "empty input: no text to analyse")
    return text
