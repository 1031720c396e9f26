"""The whole flow for one process: sources → Articles → Documents → Facts, lazily.

``analyze(sources, settings, on_error=...)`` yields Facts for every article it can read and
hands every InputError to ``on_error`` as soon as it happens, so one bad input never stops the
batch; an article the extractors fail on becomes an AnalysisError the same way.
``analyze_text`` is the one-call version for library users.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import BinaryIO

import httpx

from tidings.errors import AnalysisError, InputError, first_line
from tidings.extract import ExtractOptions, extract
from tidings.geo.builder import build_gazetteer
from tidings.geo.gazetteer import Gazetteer
from tidings.geo.geocoder import Geocoder
from tidings.geo.schema import default_gazetteer_path
from tidings.ingest import article_from_text, check, check_length, read
from tidings.ingest.published import iso_published
from tidings.model import Article, Facts
from tidings.nlp import Document, annotate, load_pipeline
from tidings.rules import load_rules
from tidings.settings import Settings, load_settings

__all__ = ["analysis_failure", "analyze", "analyze_articles", "analyze_text", "open_geocoder"]

ErrorHandler = Callable[[InputError], None]


def _raise(error: InputError) -> None:
    raise error


def analyze(
    sources: Iterable[str],
    settings: Settings | None = None,
    *,
    on_error: ErrorHandler = _raise,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
    limit: int | None = None,
    geocoder: Geocoder | None = None,
) -> Iterator[Facts]:
    """Facts for every article in ``sources`` (the first ``limit`` if given); errors go to
    ``on_error`` (default: raise). The spaCy model and the gazetteer are opened before this
    returns, so a ModelError or GazetteerError is raised here, not from the iterator.
    Without ``settings`` the settings file and ``TIDINGS_*`` variables apply."""
    settings = settings or load_settings()
    items = read(sources, settings, published=published, stdin=stdin, client=client)
    articles = _articles_only(items, on_error)
    return analyze_articles(
        islice(articles, limit) if limit else articles, settings, on_error, geocoder=geocoder
    )


def analyze_articles(
    articles: Iterable[Article],
    settings: Settings,
    on_error: ErrorHandler = _raise,
    *,
    geocoder: Geocoder | None = None,
) -> Iterator[Facts]:
    """Facts for Articles already in memory (no input checks: see ``ingest.check``).
    Without a ``geocoder`` one is opened from the settings (see ``open_geocoder``). A
    ConfigError is raised here when the settings' event lexicon cannot be read."""
    nlp = load_pipeline(settings.model)
    options = ExtractOptions(
        summary_sentences=settings.summary_sentences,
        dates=settings.dates,
        events=settings.events,
        event_lexicon=settings.event_lexicon.expanduser() if settings.event_lexicon else None,
    )
    load_rules(options.event_lexicon)  # a broken rules or lexicon file fails here, not per article
    if geocoder is None:
        geocoder = open_geocoder(settings)
    # spaCy refuses texts over nlp.max_length (E088); tidings refuses them itself, by name,
    # over max_chars, so the limit is set to exactly that
    nlp.max_length = settings.max_chars
    within = _within_length(articles, settings.max_chars, on_error)

    def failed(article: Article, error: Exception) -> None:
        on_error(analysis_failure(article, error))

    documents = annotate(within, nlp, batch_size=settings.batch_size, on_failure=failed)
    return _extracted(documents, options, geocoder, on_error)


def open_geocoder(
    settings: Settings, on_build: Callable[[Path], None] | None = None
) -> Geocoder | None:
    """The place resolver over the settings' gazetteer, or None when ``settings.places`` is
    off. A gazetteer that does not exist yet is built first (once, about 20 s); ``on_build``
    hears of it beforehand. The connection is shared by every call in this process."""
    if not settings.places:
        return None
    path = (settings.gazetteer_path or default_gazetteer_path()).expanduser()
    if not path.is_file():
        if on_build is not None:
            on_build(path)
        build_gazetteer(path)
    return _geocoder(path.resolve())


@lru_cache(maxsize=4)
def _geocoder(path: Path) -> Geocoder:
    return Geocoder(Gazetteer(path))


def analyze_text(
    text: str,
    settings: Settings | None = None,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
) -> Facts:
    """Facts for one text: ``analyze_text(text, title=..., published="2017-11-13")``.

    The text gets the checks a file gets (length, language); an InputError says why not.
    Without ``settings`` the settings file and ``TIDINGS_*`` variables apply."""
    settings = settings or load_settings()
    article = article_from_text(
        text, "<text>", title=title, url=url, source=source, published=iso_published(published)
    )
    return next(analyze_articles([check(article, settings)], settings))


def _extracted(
    documents: Iterable[Document],
    options: ExtractOptions,
    geocoder: Geocoder | None,
    on_error: ErrorHandler,
) -> Iterator[Facts]:
    for document in documents:
        try:
            facts = extract(document, options, geocoder)
        except Exception as error:  # one article's failure must not end the batch
            on_error(analysis_failure(document.article, error))
            continue
        yield facts


def analysis_failure(article: Article, error: Exception) -> AnalysisError:
    """The error reported for an article the analysis failed on (a bug, to be reported)."""
    reason = f"analysis failed ({type(error).__name__}: {first_line(error)}); please report this"
    return AnalysisError(article.origin, reason)


def _within_length(
    articles: Iterable[Article], max_chars: int, on_error: ErrorHandler
) -> Iterator[Article]:
    """The articles short enough to analyse; the others go to ``on_error`` as TooLong (those
    read by ``ingest.read`` were checked already: this guards articles made by hand)."""
    for article in articles:
        try:
            check_length(article, max_chars)
        except InputError as error:
            on_error(error)
            continue
        yield article


def _articles_only(
    items: Iterable[Article | InputError], on_error: ErrorHandler
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item
