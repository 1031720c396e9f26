"""Undoing a response's ``Content-Encoding`` a piece at a time, so a size cap holds in memory.

A few kilobytes of gzip can unpack to gigabytes, and gzip inside gzip multiplies that again
(4.6 KB of ``Content-Encoding: gzip, gzip`` is 2.28 GB). :func:`decompressed` therefore never
returns more than ``PIECE`` bytes at a time from any layer: a reader that stops at its cap
holds at most the cap plus a piece or two. gzip (and ``x-gzip``) and deflate (zlib-wrapped or
raw) are undone, at most ``MAX_ENCODINGS`` of them stacked; any other encoding, or more layers,
is a FetchError.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator

from tidings.errors import FetchError

__all__ = ["ACCEPT_ENCODING", "MAX_ENCODINGS", "PIECE", "decompressed", "encodings"]

ACCEPT_ENCODING = "gzip, deflate"  # what we ask for: exactly what we can undo
MAX_ENCODINGS = 2  # gzip of gzip is legal, if rare; a third layer only ever serves a bomb
PIECE = 64 * 1024  # the most any layer hands on at once, in bytes
_ALIASES = {"x-gzip": "gzip"}
_GZIP_MAGIC = b"\x1f\x8b"
_WINDOW = {"gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def encodings(header: str) -> list[str]:
    """The encodings a ``Content-Encoding`` header lists, in the order they were applied
    (``identity`` dropped)."""
    names = (part.strip().lower() for part in header.split(","))
    return [_ALIASES.get(name, name) for name in names if name and name != "identity"]


def decompressed(chunks: Iterable[bytes], content_encoding: str, origin: str) -> Iterator[bytes]:
    """The body ``chunks`` with every layer of ``content_encoding`` undone, lazily, in pieces of
    at most ``PIECE`` bytes. Raises FetchError for an encoding it cannot undo or broken data."""
    applied = encodings(content_encoding)
    unknown = [name for name in applied if name not in _WINDOW]
    if unknown:
        raise FetchError(origin, f"unsupported content encoding {unknown[0]!r}")
    if len(applied) > MAX_ENCODINGS:
        raise FetchError(
            origin,
            f"compressed {len(applied)} times over (Content-Encoding: {content_encoding}); "
            f"at most {MAX_ENCODINGS} layers are undone",
        )
    pieces: Iterator[bytes] = iter(chunks)
    for name in reversed(applied):  # the last applied is undone first
        pieces = _Layer(name, origin).undo(pieces)
    return pieces


class _Layer:
    """One layer of gzip or deflate, undone with bounded output."""

    def __init__(self, name: str, origin: str) -> None:
        self._name = name
        self._origin = origin
        self._inflater = zlib.decompressobj(_WINDOW[name])
        self._started = False  # some output came: too late to switch deflate to raw
        self._finished = False  # the stream ended and nothing that can follow it came

    def undo(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        for chunk in chunks:
            yield from self._feed(chunk)
            if self._finished:
                return

    def _feed(self, data: bytes) -> Iterator[bytes]:
        while not self._finished:
            piece = self._inflate(data)
            if piece:
                self._started = True
                yield piece
            data = self._inflater.unconsumed_tail
            if self._inflater.eof:
                data = self._after_end()
            if not data and len(piece) < PIECE:  # a full piece: more output may be pending
                return

    def _inflate(self, data: bytes) -> bytes:
        try:
            return self._inflater.decompress(data, PIECE)
        except zlib.error as error:
            if self._name == "deflate" and not self._started:
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)  # raw deflate, no header
                self._started = True
                return self._inflate(data)
            raise FetchError(
                self._origin, f"the body is not valid {self._name} data ({error})"
            ) from None

    def _after_end(self) -> bytes:
        """What to go on with after the end of a stream: the next gzip member when one
        follows (members may be concatenated); anything else after the end is ignored."""
        rest = self._inflater.unused_data
        if self._name == "gzip" and rest.startswith(_GZIP_MAGIC):
            self._inflater = zlib.decompressobj(_WINDOW["gzip"])
            return rest
        if self._name != "gzip" or not _GZIP_MAGIC.startswith(rest):
            self._finished = True  # not a member: what follows is not read
        return b""  # else wait: nothing more yet, or half of a member's magic number
