"""Analysis on this machine's cores: articles in, Facts (or the error of each failure) out.

``analyze_everywhere(articles, settings, workers=N)`` runs the spaCy pipeline and every
extractor in ``N`` worker processes (each loads the model and opens the gazetteer once) and
yields the results in the order the articles came, a few batches ahead at most, so memory
stays flat however many articles there are. With one worker everything runs in this process.
Workers never open the database: the caller writes what they hand back.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from tidings.errors import AnalysisError, InputError
from tidings.model import Article, Facts
from tidings.pipeline import analyze_articles, open_geocoder
from tidings.settings import Settings

__all__ = ["Result", "analyze_everywhere"]

Result = Facts | InputError
AHEAD = 2  # batches in flight per worker


def analyze_everywhere(
    articles: Iterable[Article], settings: Settings, *, workers: int = 1
) -> Iterator[Result]:
    """Facts for every article, or its AnalysisError, in input order."""
    if workers <= 1:
        yield from _analyze_here(articles, settings)
        return
    open_geocoder(settings)  # build the gazetteer once here, not in every worker
    context = multiprocessing.get_context("spawn")
    batches = _batches(articles, settings.batch_size)
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_warm, initargs=(settings,)
    ) as pool:
        pending: deque[Future[list[Result]]] = deque()
        for batch in islice(batches, workers * AHEAD):
            pending.append(pool.submit(_analyze_batch, batch, settings))
        while pending:
            done = pending.popleft().result()
            following = next(batches, None)
            if following is not None:
                pending.append(pool.submit(_analyze_batch, following, settings))
            yield from done


def _analyze_here(articles: Iterable[Article], settings: Settings) -> Iterator[Result]:
    failed: list[InputError] = []
    for facts in analyze_articles(articles, settings, failed.append):
        yield from failed
        failed.clear()
        yield facts
    yield from failed


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def _warm(settings: Settings) -> None:
    """Load the model and open the gazetteer when a worker starts."""
    list(analyze_articles([], settings))


def _analyze_batch(batch: list[Article], settings: Settings) -> list[Result]:
    try:
        return list(_analyze_here(batch, settings))
    except Exception as error:  # a batch must never take the ingest down with it
        reason = f"analysis failed ({type(error).__name__}: {error}); please report this"
        return [AnalysisError(article.origin, reason) for article in batch]
