"""Ingest: read sources, analyse what is new, write it to the database.

``ingest(sources, database, settings)`` reads every source (files, folders, tables, URLs:
:func:`tidings.ingest.read`), skips an article whose text is stored already before analysing
it (so a second run costs a read, not an analysis), analyses the rest on ``workers``
processes (:mod:`tidings.runners.local`) and writes each article with all its facts in one
transaction (:class:`tidings.store.writer.Writer`). A failed input is recorded in ``errors``
with the source to read again (``retry_failed`` reads those sources once more) and the run
goes on. The summary counts what was read, written, already there and failed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError
from tidings.ingest import read
from tidings.ingest.polite import PoliteFetcher
from tidings.model import Article, Facts
from tidings.runners.local import analyze_everywhere
from tidings.settings import Settings
from tidings.store.schema import connect
from tidings.store.writer import Writer

__all__ = ["IngestSummary", "ingest"]


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did."""

    read: int = 0  # articles read from the sources
    new: int = 0  # written to the database, copies included
    copies: int = 0  # of those, near-duplicates of a stored article (linked to it)
    duplicates: int = 0  # the same text was stored already
    failed: int = 0  # inputs (or table rows) that could not be read or analysed
    seconds: float = 0.0


def ingest(
    sources: Iterable[str],
    database: Path,
    settings: Settings,
    *,
    workers: int = 1,
    published: str | None = None,
    retry_failed: bool = False,
    on_error: Callable[[InputError], None] | None = None,
    on_article: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Ingest ``sources`` into ``database``; ``on_error`` hears of each failure as it
    happens, ``on_article`` of each article done (for progress)."""
    started = time.perf_counter()
    connection = connect(database)
    writer = Writer(connection)
    summary = IngestSummary()
    names = list(sources) + (writer.failed_sources() if retry_failed else [])
    source_of: dict[str, str] = {}  # article origin -> the source it was read from

    def failed(error: InputError, source: str) -> None:
        writer.record_error(error, source)
        summary.failed += 1
        if on_error is not None:
            on_error(error)

    def fresh() -> Iterator[Article]:
        for source, item in _items(names, settings, published):
            if isinstance(item, InputError):
                failed(item, source)
                continue
            summary.read += 1
            if writer.has(item.id):
                summary.duplicates += 1
                writer.clear_error(item.origin)
                _tell(on_article, summary)
                continue
            source_of[item.origin] = source
            yield item

    try:
        for result in analyze_everywhere(fresh(), settings, workers=workers):
            if isinstance(result, Facts):
                written = writer.write(result)
                summary.new += written != "known"
                summary.copies += written == "copy"
                summary.duplicates += written == "known"
                source_of.pop(result.article.origin, None)
            else:
                failed(result, source_of.pop(result.origin, result.origin))
            _tell(on_article, summary)
    finally:
        connection.close()
        summary.seconds = time.perf_counter() - started
    return summary


def _items(
    sources: list[str], settings: Settings, published: str | None
) -> Iterator[tuple[str, Article | InputError]]:
    """Each article or error with the source it came from. One polite fetcher serves every
    source, so the pause between requests to a host and its robots.txt carry over."""
    with PoliteFetcher(settings) as fetcher:
        for source in dict.fromkeys(sources):  # each source once, in order
            for item in read([source], settings, published=published, fetcher=fetcher):
                yield source, item


def _tell(listener: Callable[[IngestSummary], None] | None, summary: IngestSummary) -> None:
    if listener is not None:
        listener(summary)
