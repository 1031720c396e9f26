"""Analysis on this machine's cores: articles in, Facts (or the error of each failure) out.

``analyze_everywhere(articles, settings, workers=N)`` runs the spaCy pipeline and every
extractor in ``N`` worker processes (each loads the model and opens the gazetteer once) and
yields the results in the order the articles came, a few batches ahead at most, so memory
stays flat however many articles there are. A worker that dies (killed for memory) costs the
batches not yet finished, reported as failed, and a fresh pool takes the rest. With one worker
everything runs in this process. A worker ends itself within ``PARENT_CHECK_SECONDS`` of
its parent's death (an ingest killed with SIGKILL leaves no process behind), and a batch that
fails as a whole is analysed again one article at a time, so only the culprit is lost.
Workers never open the database: the caller writes what they hand back.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from tidings.errors import AnalysisError, InputError
from tidings.model import Article, Facts
from tidings.pipeline import analysis_failure, analyze_articles, open_geocoder
from tidings.settings import Settings

__all__ = ["Result", "analyze_everywhere"]

Result = Facts | InputError
AHEAD = 2  # batches in flight per worker
PARENT_CHECK_SECONDS = 0.5  # how often a worker checks that the ingest that started it lives


def analyze_everywhere(
    articles: Iterable[Article], settings: Settings, *, workers: int = 1
) -> Iterator[Result]:
    """Facts for every article, or its AnalysisError, in input order."""
    if workers <= 1:
        yield from _analyze_here(articles, settings)
        return
    open_geocoder(settings)  # build the gazetteer once here, not in every worker
    batches = _batches(articles, settings.batch_size)
    while True:  # a pool per run, and a fresh one after a worker dies
        finished = yield from _run_pool(batches, settings, workers)
        if finished:
            return


def _run_pool(
    batches: Iterator[list[Article]], settings: Settings, workers: int
) -> Generator[Result, None, bool]:
    """Analyse batches until there are no more (True) or a worker process died (False: the
    batches in flight and not finished are reported as failed, the rest are left for a new
    pool)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_warm, initargs=(settings, os.getpid())
    ) as pool:
        pending: deque[tuple[list[Article], Future[list[Result]]]] = deque()
        for batch in islice(batches, workers * AHEAD):
            pending.append((batch, pool.submit(_analyze_batch, batch, settings)))
        while pending:
            batch, future = pending.popleft()
            try:
                done = future.result()
            except BrokenProcessPool:
                yield from _lost(batch)
                for held, other in pending:  # those finished before the death are kept
                    finished = other.done() and other.exception() is None
                    yield from other.result() if finished else _lost(held)
                return False
            following = next(batches, None)
            if following is not None:
                pending.append((following, pool.submit(_analyze_batch, following, settings)))
            yield from done
    return True


def _lost(batch: list[Article]) -> Iterator[Result]:
    reason = "a worker process died while analysing it (out of memory?); try it again"
    return (AnalysisError(article.origin, reason) for article in batch)


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


def _warm(settings: Settings, parent: int) -> None:
    """Watch the parent, then load the model and open the gazetteer, when a worker starts.
    (The parent's id comes from the parent: one that died while this worker was starting
    has been replaced already.)"""
    _exit_with_parent(parent)
    list(analyze_articles([], settings))


def _exit_with_parent(parent: int, every: float = PARENT_CHECK_SECONDS) -> None:
    """End this worker as soon as the process that started it is gone (killed with SIGKILL,
    it cannot tell its pool to stop: the worker would sleep on forever, holding the model).
    A daemon thread asks every ``every`` seconds; an orphan is adopted by another process
    (init or a subreaper), so its parent id changes."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every)
        os._exit(1)

    threading.Thread(target=watch, name="tidings-parent-watch", daemon=True).start()


def _analyze_batch(batch: list[Article], settings: Settings) -> list[Result]:
    try:
        return list(_analyze_here(batch, settings))
    except Exception:  # a batch must never take the ingest down with it: one at a time
        return [result for article in batch for result in _analyze_alone(article, settings)]


def _analyze_alone(article: Article, settings: Settings) -> list[Result]:
    try:
        return list(_analyze_here([article], settings))
    except Exception as error:
        return [analysis_failure(article, error)]
