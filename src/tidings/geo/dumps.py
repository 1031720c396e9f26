"""Read a GeoNames dump (plain ``.txt`` or zipped) line by line, safely, whatever the file.

A dump may be a hostile or broken file: a zip bomb (a megabyte that unpacks to gigabytes), one
line of a gigabyte, millions of blank lines, a truncated or damaged zip, an image renamed
``.zip``. :func:`dump_lines` reads it in chunks of :data:`CHUNK` bytes and never holds more
than one chunk and one line in memory; before unpacking a zip member it checks the member's
size against :class:`DumpLimits` (``zipfile`` never unpacks more than the size a member
declares), and while reading it refuses a line longer than ``max_line`` bytes, more than
``max_blank_run`` blank lines in a row and NUL bytes. Every problem is a
:class:`~tidings.errors.GazetteerError` whose message names the file and the reason.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from tidings.errors import GazetteerError

__all__ = ["DumpLimits", "dump_lines", "format_size", "parse_size"]

CHUNK = 1 << 20
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OTHER_FORMATS = {  # leading bytes of what GeoNames never publishes, and the tool that opens it
    b"\x1f\x8b": "gzip-compressed (unpack it with gunzip)",
    b"BZh": "bzip2-compressed (unpack it with bunzip2)",
    b"\xfd7zXZ\x00": "xz-compressed (unpack it with unxz)",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive (unpack it with 7z)",
    b"\x28\xb5\x2f\xfd": "zstd-compressed (unpack it with unzstd)",
    b"Rar!": "a RAR archive (unpack it with unrar)",
}
_UNITS = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}


@dataclass(frozen=True, slots=True, kw_only=True)
class DumpLimits:
    """What a dump may hold before it is refused as not a GeoNames file (or a bomb).

    ``max_unpacked``: the largest zip member, in bytes, unpacked (GeoNames' allCountries.txt is
    about 1.6 GB). ``max_ratio``: how many times its compressed size a member may unpack to
    (GeoNames' zips unpack to 4 to 10 times; a zip bomb to a thousand); members up to
    ``ratio_floor`` bytes are not held to it. ``max_line``: the longest line, in bytes
    (GeoNames caps alternate names at 10,000 characters, some 40 KB). ``max_blank_run``: how
    many blank lines in a row.
    """

    max_unpacked: int = 4 * 2**30
    max_ratio: int = 50
    ratio_floor: int = 2**20
    max_line: int = 2**20
    max_blank_run: int = 1_000


@contextmanager
def dump_lines(
    source: Path, limits: DumpLimits | None = None
) -> Iterator[Iterator[tuple[int, bytes]]]:
    """The numbered non-blank lines (without their line end) of the dump at ``source``.

    Opening checks the file (that it exists, what it is, a zip's member and sizes); reading
    checks every chunk. Either raises :class:`~tidings.errors.GazetteerError`.
    """
    limits = limits or DumpLimits()
    with ExitStack() as stack:
        try:
            handle = stack.enter_context(source.open("rb"))
            head = handle.read(8)
            handle.seek(0)
        except FileNotFoundError:
            raise GazetteerError(f"{source}: no such file") from None
        except OSError as error:
            raise GazetteerError(f"{source}: cannot read it ({error.strerror or error})") from None
        if head.startswith(_ZIP_MAGIC) or source.suffix.lower() == ".zip":
            stream, name = _open_member(stack, handle, head, source, limits)
            where = f"{source}: {name}"
        else:
            _refuse_other_formats(head, source)
            stream, where = handle, str(source)
        yield _lines(stream, where, limits)


def _open_member(
    stack: ExitStack, handle: IO[bytes], head: bytes, source: Path, limits: DumpLimits
) -> tuple[IO[bytes], str]:
    """The GeoNames ``.txt`` member of the zip ``handle``, open for streaming, and its name."""
    try:
        archive = stack.enter_context(zipfile.ZipFile(handle))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        if not head.startswith(_ZIP_MAGIC):
            raise GazetteerError(f"{source}: named .zip but not a zip archive") from None
        raise GazetteerError(f"{source}: a damaged or truncated zip ({error})") from None
    info = _member(archive, source)
    _check_member(info, source, limits, source.stat().st_size)
    try:
        stream: IO[bytes] = stack.enter_context(archive.open(info))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise GazetteerError(f"{source}: {info.filename} cannot be unpacked ({error})") from None
    return stream, info.filename


def _member(archive: zipfile.ZipFile, source: Path) -> zipfile.ZipInfo:
    """The one GeoNames text file of the zip: ``KP.txt`` in ``KP.zip``, else the only one."""
    texts = [
        info
        for info in archive.infolist()
        if info.filename.endswith(".txt") and not info.filename.lower().endswith("readme.txt")
    ]
    preferred = [info for info in texts if info.filename == f"{source.stem}.txt"]
    if len(preferred) == 1:
        return preferred[0]
    if len(texts) == 1:
        return texts[0]
    names = [info.filename for info in texts] or "none"
    raise GazetteerError(f"{source}: expected one GeoNames .txt file in the zip, found {names}")


def _check_member(
    info: zipfile.ZipInfo, source: Path, limits: DumpLimits, archive_size: int
) -> None:
    """Refuse a member before unpacking it: encrypted, an unusual method, too big, a bomb.

    The ratio is taken over the packed size the zip declares, which cannot exceed the file:
    a header claiming more would let a bomb pass as a modest ratio."""
    member = f"{source}: {info.filename}"
    if info.compress_size > archive_size:
        raise GazetteerError(
            f"{member}: a damaged zip (it declares {format_size(info.compress_size)} packed in "
            f"a file of {format_size(archive_size)})"
        )
    if info.flag_bits & 0x1:
        raise GazetteerError(f"{member}: encrypted; GeoNames files are not")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise GazetteerError(
            f"{member}: compressed with method {info.compress_type}, not deflate as GeoNames' "
            "zips are; unpack it and import the .txt"
        )
    if info.file_size > limits.max_unpacked:
        raise GazetteerError(
            f"{member}: unpacks to {format_size(info.file_size)}, over the limit of "
            f"{format_size(limits.max_unpacked)}; if it is a real GeoNames file, raise the "
            "limit with --max-unpacked"
        )
    if info.file_size > max(limits.ratio_floor, limits.max_ratio * info.compress_size):
        ratio = info.file_size / max(info.compress_size, 1)
        raise GazetteerError(
            f"{member}: unpacks to {ratio:,.0f} times its packed size "
            f"({format_size(info.compress_size)} to {format_size(info.file_size)}), over the "
            f"limit of {limits.max_ratio}: a zip bomb, not a GeoNames file (if it is one, raise "
            "the limit with --max-ratio)"
        )


def _refuse_other_formats(head: bytes, source: Path) -> None:
    for magic, what in _OTHER_FORMATS.items():
        if head.startswith(magic):
            raise GazetteerError(
                f"{source}: {what}; GeoNames dumps are read as .zip or .txt: import the .txt"
            )


def _lines(stream: IO[bytes], where: str, limits: DumpLimits) -> Iterator[tuple[int, bytes]]:
    """Split ``stream`` into numbered lines chunk by chunk, skipping (and counting) blanks."""
    number = 0
    blanks = 0
    pending = b""
    while True:
        chunk = _read(stream, where, number)
        if not chunk:
            break
        if b"\x00" in chunk:
            at = number + 1 + chunk.count(b"\n", 0, chunk.index(b"\x00"))
            raise GazetteerError(
                f"{where}: line {at:,}: binary data (NUL bytes); not a GeoNames text file"
            )
        lines = chunk.split(b"\n")
        lines[0] = pending + lines[0]
        pending = lines.pop()
        if len(pending) > limits.max_line:
            raise _too_long(where, number + len(lines) + 1, limits)
        for line in lines:
            number += 1
            if len(line) > limits.max_line:
                raise _too_long(where, number, limits)
            if not line or line.isspace():
                blanks += 1
                if blanks > limits.max_blank_run:
                    raise GazetteerError(
                        f"{where}: more than {limits.max_blank_run:,} blank lines in a row "
                        f"(lines {number - blanks + 1:,} to {number:,}); not a GeoNames dump"
                    )
                continue
            blanks = 0
            yield number, line
    if pending and not pending.isspace():
        yield number + 1, pending


def _read(stream: IO[bytes], where: str, number: int) -> bytes:
    """One chunk, unpacking errors (a damaged zip, a bad checksum, a cut stream) named."""
    try:
        return stream.read(CHUNK)
    except (zlib.error, zipfile.BadZipFile, EOFError, ValueError) as error:
        raise GazetteerError(
            f"{where}: damaged or truncated after line {number:,}, cannot be unpacked ({error})"
        ) from None
    except OSError as error:
        raise GazetteerError(
            f"{where}: cannot be read after line {number:,} ({error.strerror or error})"
        ) from None


def _too_long(where: str, number: int, limits: DumpLimits) -> GazetteerError:
    return GazetteerError(
        f"{where}: line {number:,} is longer than {format_size(limits.max_line)}; "
        "not a GeoNames dump"
    )


def parse_size(text: str) -> int:
    """Bytes from ``4G``, ``500M``, ``64K``, ``2GiB`` or a plain number; ValueError if none."""
    cleaned = text.strip().upper().removesuffix("IB").removesuffix("B")
    unit = cleaned[-1] if cleaned and cleaned[-1] in _UNITS else ""
    try:
        size = int(float(cleaned.removesuffix(unit) if unit else cleaned) * _UNITS[unit])
    except OverflowError:
        raise ValueError(f"{text!r} is too large a size") from None
    if size <= 0:
        raise ValueError(f"{text!r} is not a positive size")
    return size


def format_size(size: int) -> str:
    """``4 GiB``, ``1.5 MiB``, ``812 bytes``: a size for people."""
    for unit, factor in (("TiB", 2**40), ("GiB", 2**30), ("MiB", 2**20), ("KiB", 2**10)):
        if size >= factor:
            return f"{size / factor:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"
