"""The whole flow for one process: sources → Articles → Documents → Facts, lazily.

``analyze(sources, settings, on_error=...)`` yields Facts for every article it can read and
hands every InputError to ``on_error`` as soon as it happens, so one bad input never stops the
batch. ``analyze_text`` is the one-call version for library users.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import BinaryIO

import httpx

from tidings.errors import InputError
from tidings.extract import ExtractOptions, facts
from tidings.ingest import article_from_text, read
from tidings.model import Article, Facts
from tidings.nlp import annotate, load_pipeline
from tidings.settings import Settings

__all__ = ["analyze", "analyze_articles", "analyze_text"]


def _raise(error: InputError) -> None:
    raise error


def analyze(
    sources: Iterable[str],
    settings: Settings,
    *,
    on_error: Callable[[InputError], None] = _raise,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
    limit: int | None = None,
) -> Iterator[Facts]:
    """Facts for every article in ``sources`` (the first ``limit`` if given); errors go to
    ``on_error`` (default: raise)."""
    items = read(sources, settings, published=published, stdin=stdin, client=client)
    articles = _articles_only(items, on_error)
    return analyze_articles(islice(articles, limit) if limit else articles, settings)


def analyze_articles(articles: Iterable[Article], settings: Settings) -> Iterator[Facts]:
    """Facts for Articles already in memory."""
    nlp = load_pipeline(settings.model)
    documents = annotate(articles, nlp, batch_size=settings.batch_size)
    return facts(documents, ExtractOptions(summary_sentences=settings.summary_sentences))


def analyze_text(text: str, settings: Settings | None = None, **metadata: str | None) -> Facts:
    """Facts for one text: ``analyze_text(text, title=..., published="2017-11-13")``."""
    article = article_from_text(text, "<text>", **metadata)
    return next(analyze_articles([article], settings or Settings()))


def _articles_only(
    items: Iterable[Article | InputError], on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item
