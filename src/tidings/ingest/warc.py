"""WARC web archives (``.warc``, and ``.warc.gz`` compressed record by record): one Article
per archived web page.

Every ``response`` record of an HTML page (``text/html`` or ``application/xhtml+xml``) with
HTTP status 200 is read like any web page, with the record's ``WARC-Target-URI`` as ``url``
and its ``WARC-Date`` as ``published`` when the page itself gives no date. Other records
(warcinfo, requests, images, redirects, 404s ...) are skipped and counted in a debug log.

Records are numbered from 1 in file order, every record counted, and named
``file.warc.gz[record N]``. A broken record (unparsable headers, no Content-Length, cut short)
or a corrupt or truncated gzip member becomes an ArchiveError with that name and the reason,
and reading goes on with the next record where one can be found: the next gzip member, or the
next ``WARC/1.x`` line of an uncompressed file. The file as a whole has no size limit; each
page is held to ``max_bytes``. Records are parsed by warcio; gzip members are split here so
that a damaged one is reported instead of silently ending the file.
"""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from tidings.errors import ArchiveError, InputError, first_line
from tidings.ingest.decode import decode, too_large
from tidings.ingest.html import article_from_html
from tidings.ingest.published import iso_published
from tidings.model import Article
from tidings.settings import Settings

__all__ = ["ARCHIVE_SUFFIXES", "is_archive", "read_warc"]

ARCHIVE_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_CHUNK = 1 << 16
_HEADER_ROOM = 1 << 20  # room for WARC and HTTP headers above max_bytes in a kept member
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)

_log = logging.getLogger(__name__)


def is_archive(name: str) -> bool:
    """True for file names tidings reads as WARC archives."""
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def read_warc(handle: BinaryIO, origin: str, settings: Settings) -> Iterator[Article | InputError]:
    """Yield an Article per HTML page archived in the (seekable, binary) ``handle`` and an
    ArchiveError per broken record; raise ArchiveError when it is not a WARC file at all."""
    try:
        head = handle.read(5)
        handle.seek(0)
    except OSError as error:  # a pipe or a device: records are found by seeking
        raise ArchiveError(origin, f"cannot read it ({error.strerror or error})") from None
    if head.startswith(_GZIP_MAGIC[:2]):
        slots = _gzip_records(handle, settings.max_bytes + _HEADER_ROOM)
    elif head == b"WARC/":
        slots = _plain_records(handle)
    else:
        raise ArchiveError(origin, "not a WARC file (it does not start with a WARC/1.x record)")
    skipped: Counter[str] = Counter()
    number = 0
    try:
        for number, slot in enumerate(slots, start=1):
            name = f"{origin}[record {number}]"
            if slot.record is None:
                yield ArchiveError(name, slot.problem or "broken record")
                continue
            try:
                item = _record_article(slot.record, name, settings, skipped)
                _check_complete(slot.record, name, settings, item is not None, slot.overflow)
            except InputError as error:
                yield error
                continue
            except Exception as error:  # warcio's assorted errors on a damaged record
                yield ArchiveError(name, f"broken record ({first_line(error)})")
                continue
            if item is not None:
                yield item
    except OSError as error:
        reason = error.strerror or str(error)
        yield ArchiveError(f"{origin}[record {number + 1}]", f"cannot read it ({reason})")
    if skipped:
        counts = ", ".join(f"{count} {kind}" for kind, count in skipped.most_common())
        _log.debug("%s: %d records skipped (%s)", origin, skipped.total(), counts)


@dataclass(frozen=True, slots=True)
class _Slot:
    """One place in the archive: a parsed record, or the problem that broke it."""

    record: Any = None  # warcio's ArcWarcRecord, to be read before the next slot is asked for
    problem: str | None = None
    overflow: bool = False  # the record was cut at the kept size: more than max_bytes
    resume_at: int = 0  # where to look for the next record after a problem (plain files)


def _record_article(
    record: Any, name: str, settings: Settings, skipped: Counter[str]
) -> Article | None:
    """The article in a record, or None (counted in ``skipped``) when it holds none."""
    if record.rec_type != "response":
        skipped[f"{record.rec_type or 'untyped'} record(s)"] += 1
        return None
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    if status != "200":
        skipped[f"HTTP {status}" if status else "response(s) without HTTP headers"] += 1
        return None
    content_type = http.get_header("Content-Type") or ""
    media = content_type.split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        skipped[media or "untyped response(s)"] += 1
        return None
    body = record.content_stream().read(settings.max_bytes + 1)
    if len(body) > settings.max_bytes:
        raise too_large(name, settings.max_bytes)
    charset = _CHARSET.search(content_type)
    text = decode(
        body, name, max_bytes=settings.max_bytes, encoding=charset.group(1) if charset else None
    )
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    published = iso_published(record.rec_headers.get_header("WARC-Date"))
    article = article_from_html(text, name, url=url)
    return dataclasses.replace(article, url=url, published=article.published or published)


def _check_complete(
    record: Any, name: str, settings: Settings, wanted: bool, overflow: bool
) -> None:
    """Read the rest of the record; raise when it is shorter than its Content-Length says."""
    if record.length is None:
        raise ArchiveError(name, "broken record: no Content-Length header")
    stream = record.raw_stream
    while stream.read(_CHUNK):
        pass
    missing = getattr(stream, "limit", 0)
    if missing > 0:
        if overflow:
            if wanted:
                raise too_large(name, settings.max_bytes)
            return  # a large image or video: skipped all the same
        raise ArchiveError(
            name,
            f"truncated record: the file ends {missing:,} bytes before its end "
            f"(Content-Length {record.length:,})",
        )


def _records_in(stream: BinaryIO, overflow: bool = False) -> Iterator[_Slot]:
    """The records warcio finds in ``stream``, until the end or the first broken one."""
    archive = ArchiveIterator(stream)
    archive.INC_RECORD = ""  # warcio's own warning on stderr; the broken record is reported
    try:
        for record in archive:
            yield _Slot(record=record, overflow=overflow)
    except Exception as error:  # warcio raises ArchiveLoadFailed, EOFError, ValueError ...
        problem = _header_problem(stream, archive.offset) or f"broken record ({first_line(error)})"
        yield _Slot(problem=problem, resume_at=archive.offset)


_NEEDS_TARGET = ("response", "request", "revisit")


def _header_problem(stream: BinaryIO, offset: int) -> str | None:
    """What is wrong with the WARC header block of the record at ``offset``, in words, when
    it lacks a header warcio needs (warcio itself then fails with an AttributeError)."""
    try:
        stream.seek(offset)
        block = stream.read(_CHUNK).split(b"\r\n\r\n", 1)[0]
    except OSError:
        return None
    fields: dict[str, str] = {}
    for line in block.decode("utf-8", errors="replace").splitlines()[1:]:
        name, colon, value = line.partition(":")
        if colon:
            fields[name.strip().lower()] = value.strip()
    kind = fields.get("warc-type", "").lower()
    if not kind:
        return "broken record: no WARC-Type header"
    if not fields.get("content-length", "").isdigit():
        return "broken record: no valid Content-Length header"
    if kind in _NEEDS_TARGET and not fields.get("warc-target-uri"):
        return f"broken record: a {kind} record without a WARC-Target-URI header"
    return None


def _plain_records(handle: BinaryIO) -> Iterator[_Slot]:
    """Records of an uncompressed WARC; after a broken one, go on at the next WARC/ line."""
    start: int | None = 0
    while start is not None:
        handle.seek(start)
        resume: int | None = None
        for slot in _records_in(handle):
            yield slot
            if slot.record is None:
                resume = slot.resume_at
        start = None if resume is None else _find(handle, b"\nWARC/1.", resume + 1, skip=1)


def _gzip_records(handle: BinaryIO, keep: int) -> Iterator[_Slot]:
    """Records of a WARC compressed record by record, one gzip member at a time."""
    for member in _members(handle, keep):
        if member.problem is not None:
            yield _Slot(problem=member.problem)
        elif not member.data.startswith(b"WARC/"):
            yield _Slot(problem="broken record (it does not start with a WARC/1.x line)")
        else:
            yield from _records_in(io.BytesIO(member.data), overflow=member.overflow)


@dataclass(frozen=True, slots=True)
class _Member:
    """One gzip member, decompressed: its first ``keep`` bytes, or why it is broken."""

    data: bytes = b""
    overflow: bool = False
    problem: str | None = None


def _members(handle: BinaryIO, keep: int) -> Iterator[_Member]:
    """Each gzip member in turn; a corrupt one is reported and skipped up to the next gzip
    header, a truncated one ends the file."""
    pending = b""
    while True:
        if len(pending) < len(_GZIP_MAGIC):
            pending += handle.read(_CHUNK)
        if not pending.strip(b"\x00\r\n\t "):
            return  # the end, or padding after the last member
        start = handle.tell() - len(pending)
        if not pending.startswith(_GZIP_MAGIC):
            yield _Member(problem=f"broken record (no gzip member starts at byte {start:,})")
            pending = _resync(handle, start)
            continue
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        kept = bytearray()
        overflow = False
        data = pending
        problem = None
        while True:
            try:
                out = inflater.decompress(data, _CHUNK)
            except zlib.error as error:
                problem = f"corrupt gzip member at byte {start:,} ({error})"
                break
            room = keep - len(kept)
            overflow = overflow or len(out) > room
            kept += out[: max(room, 0)]
            if inflater.eof:
                break
            data = inflater.unconsumed_tail or handle.read(_CHUNK)
            if not data:
                problem = f"truncated gzip member at byte {start:,}: the file ends inside it"
                break
        if problem is None:
            yield _Member(data=bytes(kept), overflow=overflow)
            pending = inflater.unused_data
        elif problem.startswith("truncated"):
            yield _Member(problem=problem)
            return
        else:
            yield _Member(problem=problem)
            pending = _resync(handle, start)


def _resync(handle: BinaryIO, start: int) -> bytes:
    """Position ``handle`` at the next gzip header after byte ``start``; b"" (and at the end
    of the file) when there is none."""
    found = _find(handle, _GZIP_MAGIC, start + 1)
    if found is None:
        handle.seek(0, io.SEEK_END)
        return b""
    handle.seek(found)
    return b""


def _find(handle: BinaryIO, needle: bytes, start: int, *, skip: int = 0) -> int | None:
    """The offset of the first ``needle`` at or after ``start`` (plus ``skip``), or None."""
    handle.seek(start)
    offset = start
    tail = b""
    while True:
        chunk = handle.read(_CHUNK)
        if not chunk:
            return None
        window = tail + chunk
        found = window.find(needle)
        if found >= 0:
            return offset - len(tail) + found + skip
        tail = window[-(len(needle) - 1) :]
        offset += len(chunk)
