"""WARC archives built here with warcio's writer: every HTML page answered with HTTP 200
becomes an article; other records are skipped; damage is named by record and reading goes on."""

from __future__ import annotations

import gzip
import io
import logging
import zlib
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from sites import (
    FERRY,
    FERRY_URL,
    ORCHARD,
    ORCHARD_URL,
    archive,
    assert_named,
    news_page,
    read_all,
    response,
    write,
)
from tidings.errors import ArchiveError, TooLarge
from tidings.ingest.warc import is_archive
from tidings.model import Article
from tidings.settings import Settings


def assert_two_articles(items: list[Article | object], origin: str) -> None:
    assert [type(item).__name__ for item in items] == ["Article", "Article"], items
    ferry, orchard = items
    assert isinstance(ferry, Article) and isinstance(orchard, Article)
    assert (ferry.url, orchard.url) == (FERRY_URL, ORCHARD_URL)
    assert (ferry.title, orchard.title) == ("Ferry sails again", "Frost hits orchards")
    assert ferry.published == "2022-05-08"  # the page's own date
    assert orchard.published == "2022-05-12T08:09:10+00:00"  # none on the page: WARC-Date
    assert (ferry.origin, orchard.origin) == (f"{origin}[record 3]", f"{origin}[record 6]")
    assert FERRY[1] in ferry.text and ORCHARD[0] in orchard.text
    assert ferry.language == orchard.language == "en"


@pytest.mark.parametrize(("name", "compress"), [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_200_responses_become_articles(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str, compress: bool
) -> None:
    source = write(tmp_path, name, archive(compress=compress))
    with caplog.at_level(logging.DEBUG, logger="tidings.ingest.warc"):
        items = read_all([source])
    assert_two_articles(items, source)
    assert "4 records skipped" in caplog.text
    assert "image/png" in caplog.text and "HTTP 404" in caplog.text


def test_a_gzipped_archive_named_warc_and_a_large_file(tmp_path: Path) -> None:
    source = write(tmp_path, "crawl.warc", archive(compress=True))
    assert_two_articles(read_all([source]), source)
    small = Settings(fetch_delay=0, max_bytes=200)  # each page is over it; the file may be
    items = read_all([source], small)
    assert [type(item) for item in items] == [TooLarge, TooLarge]
    assert_named(items[0], f"{source}[record 3]")


def test_truncated_gzip_member(tmp_path: Path) -> None:
    data = archive()
    source = write(tmp_path, "cut.warc.gz", data[:-25])
    first, error = read_all([source])
    assert isinstance(first, Article) and first.url == FERRY_URL
    error = assert_named(error, f"{source}[record 6]")
    assert isinstance(error, ArchiveError) and "truncated gzip member" in error.reason


def test_corrupt_member_is_named_and_reading_goes_on(tmp_path: Path) -> None:
    data = bytearray(archive())
    members = member_offsets(bytes(data))
    assert len(members) == 6
    start = members[2]  # the first page's record
    data[start + 30 : start + 60] = b"\xff" * 30
    source = write(tmp_path, "damaged.warc.gz", bytes(data))
    items = read_all([source])
    assert [type(item).__name__ for item in items] == ["ArchiveError", "Article"], items
    error = assert_named(items[0], f"{source}[record 3]")
    assert "corrupt gzip member" in error.reason
    assert isinstance(items[1], Article) and items[1].origin == f"{source}[record 6]"


def test_broken_record_in_an_uncompressed_archive(tmp_path: Path) -> None:
    data = archive(compress=False)
    broken = data.replace(b"WARC/1.0", b"WART/9.9", 3)  # the third record's first line
    broken = broken.replace(b"WART/9.9", b"WARC/1.0", 2)
    source = write(tmp_path, "damaged.warc", broken)
    items = read_all([source])
    assert [type(item).__name__ for item in items] == ["ArchiveError", "Article"], items
    error = assert_named(items[0], f"{source}[record 3]")
    assert "broken record" in error.reason
    assert isinstance(items[1], Article) and items[1].url == ORCHARD_URL


def test_truncated_uncompressed_archive(tmp_path: Path) -> None:
    source = write(tmp_path, "cut.warc", archive(compress=False)[:-200])
    first, error = read_all([source])
    assert isinstance(first, Article)
    assert "truncated record" in assert_named(error, f"{source}[record 6]").reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"This is a note about a crawl, not a crawl.\n", "not a WARC file"),
        (gzip.compress(b"Just some compressed words.\n"), "does not start with a WARC/1.x"),
        (b"", "not a WARC file"),
    ],
)
def test_not_an_archive(tmp_path: Path, content: bytes, reason: str) -> None:
    source = write(tmp_path, "notes.warc.gz", content)
    items = read_all([source])
    assert len(items) == 1 and isinstance(items[0], ArchiveError)
    assert reason in str(items[0]) and items[0].origin.startswith(source)


def test_encoded_and_chunked_pages(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    page = news_page("Café owners march", ORCHARD).encode("latin-1")
    response(
        writer,
        "https://gazette.example/cafe",
        gzip.compress(page),
        content_type="text/html; charset=iso-8859-1",
        extra=[("Content-Encoding", "gzip")],
    )
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(page), page)
    response(
        writer,
        "https://gazette.example/cafe2",
        chunked,
        content_type="application/xhtml+xml; charset=iso-8859-1",
        extra=[("Transfer-Encoding", "chunked")],
    )
    source = write(tmp_path, "gazette.warc.gz", buffer.getvalue())
    items = read_all([source])
    assert [getattr(item, "title", None) for item in items] == ["Café owners march"] * 2


def test_is_archive() -> None:
    assert is_archive("a.warc") and is_archive("B.WARC.GZ")
    assert not is_archive("a.warc.txt") and not is_archive("a.gz")


def member_offsets(data: bytes) -> list[int]:
    """Where each gzip member of ``data`` starts."""
    offsets, position = [], 0
    while position < len(data):
        offsets.append(position)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        inflater.decompress(data[position:])
        position = len(data) - len(inflater.unused_data)
    return offsets
