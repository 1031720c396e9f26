"""Ingest: read sources, analyse what is new, write it to the database.

``ingest(sources, database, settings)`` reads every source (files, folders, tables, URLs:
:func:`tidings.ingest.read`), skips an article whose text is stored already before analysing
it (so a second run costs a read, not an analysis), analyses the rest on ``workers``
processes (:mod:`tidings.runners.local`) and writes each article with all its facts in one
transaction (:class:`tidings.store.writer.Writer`). A failed input is recorded in ``errors``
with the source to read again (``retry_failed`` reads those sources once more) and the run
goes on; a database that cannot be written (locked by another ingest, a full disk) ends it
with a StoreError. The summary counts what was read, written, already there and failed.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tidings.errors import AnalysisError, InputError, StoreError
from tidings.ingest import read
from tidings.ingest.polite import PoliteFetcher
from tidings.model import Article, Facts
from tidings.pipeline import open_geocoder
from tidings.runners.local import analyze_everywhere
from tidings.settings import Settings
from tidings.store.schema import connect
from tidings.store.writer import Writer

__all__ = ["IngestSummary", "ingest"]


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did."""

    read: int = 0  # articles read from the sources
    unreadable: int = 0  # inputs (or rows, entries, records) that could not be read
    new: int = 0  # written to the database, copies included
    copies: int = 0  # of those, near-duplicates of a stored article (linked to it)
    duplicates: int = 0  # the same text was stored already
    failed: int = 0  # could not be read or analysed (unreadable included)
    seconds: float = 0.0

    @property
    def done(self) -> int:
        """Inputs finished so far: stored, found stored already, or failed (in reading or in
        the analysis). Articles read but still being analysed are not counted: reading runs
        ahead of the workers."""
        return self.new + self.duplicates + self.failed


def ingest(
    sources: Iterable[str],
    database: Path,
    settings: Settings,
    *,
    workers: int = 1,
    published: str | None = None,
    retry_failed: bool = False,
    limit: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_article: Callable[[IngestSummary], None] | None = None,
    on_build: Callable[[Path], None] | None = None,
) -> IngestSummary:
    """Ingest ``sources`` into ``database`` (only the first ``limit`` articles read, if
    given); ``on_error`` hears of each failure as it happens, ``on_article`` of each article
    done (for progress), ``on_build`` that the gazetteer is being built first (once, about
    20 s)."""
    started = time.perf_counter()
    open_geocoder(settings, on_build)
    connection = connect(database)
    run = _Run(database, Writer(connection), on_error, on_article)
    names = list(sources) + (run.writer.failed_sources() if retry_failed else [])
    try:
        articles = run.fresh(_items(names, settings, published), limit)
        for result in analyze_everywhere(articles, settings, workers=workers):
            run.store(result)
    finally:
        connection.close()
        run.summary.seconds = time.perf_counter() - started
    return run.summary


@dataclass
class _Run:
    """One ingest's state: what it has counted, and where each article came from."""

    database: Path
    writer: Writer
    on_error: Callable[[InputError], None] | None
    on_article: Callable[[IngestSummary], None] | None
    summary: IngestSummary = field(default_factory=IngestSummary)
    source_of: dict[str, str] = field(default_factory=dict)  # article origin -> its source
    taken: set[str] = field(default_factory=set)  # ids analysed: a text read twice, once

    def fresh(
        self, items: Iterable[tuple[str, Article | InputError | None]], limit: int | None
    ) -> Iterator[Article]:
        """The articles to analyse: readable, within ``limit``, not stored nor taken yet."""
        summary = self.summary
        for source, item in items:
            if isinstance(item, InputError):
                summary.unreadable += 1
                self.failed(item, source)
                continue
            if item is None:  # the source was read without failing as a whole
                self.writer.clear_error(source)
                continue
            if limit is not None and summary.read >= limit:
                return  # the sources are closed unread from here on
            summary.read += 1
            if item.id in self.taken or self.writer.has(item.id):
                summary.duplicates += 1
                self.writer.clear_error(item.origin)
                _tell(self.on_article, summary)
                continue
            self.source_of[item.origin] = source
            self.taken.add(item.id)
            yield item

    def store(self, result: Facts | InputError) -> None:
        """Write one analysed article, or record why it failed."""
        if isinstance(result, Facts):
            self._write(result)
        else:
            self.failed(result, self.source_of.pop(result.origin, result.origin))
        _tell(self.on_article, self.summary)

    def _write(self, facts: Facts) -> None:
        origin = facts.article.origin
        source = self.source_of.pop(origin, origin)
        try:
            written = self.writer.write(facts)
        except sqlite3.IntegrityError as error:  # this article's rows: a bug of ours
            reason = f"storing failed ({error}); please report this"
            self.failed(AnalysisError(origin, reason), source)
            return
        except sqlite3.Error as error:  # locked, full disk: nothing more can be stored
            raise StoreError(f"{self.database}: cannot write to it ({error})") from None
        except Exception as error:  # one article's bug must not end the ingest
            reason = f"storing failed ({type(error).__name__}: {error}); please report this"
            self.failed(AnalysisError(origin, reason), source)
            return
        self.summary.new += written != "known"
        self.summary.copies += written == "copy"
        self.summary.duplicates += written == "known"

    def failed(self, error: InputError, source: str) -> None:
        self.writer.record_error(error, source)
        self.summary.failed += 1
        if self.on_error is not None:
            self.on_error(error)


def _items(
    sources: list[str], settings: Settings, published: str | None
) -> Iterator[tuple[str, Article | InputError | None]]:
    """Each article or error with the source it came from, and after a source that did not
    fail as a whole (a dead URL, an empty folder) a marker, so its old failure is cleared.
    One polite fetcher serves every source, so the pause between requests to a host and its
    robots.txt carry over."""
    with PoliteFetcher(settings) as fetcher:
        for source in dict.fromkeys(sources):  # each source once, in order
            whole = True
            for item in read([source], settings, published=published, fetcher=fetcher):
                whole = whole and not (isinstance(item, InputError) and item.origin == source)
                yield source, item
            if whole:
                yield source, None


def _tell(listener: Callable[[IngestSummary], None] | None, summary: IngestSummary) -> None:
    if listener is not None:
        listener(summary)
