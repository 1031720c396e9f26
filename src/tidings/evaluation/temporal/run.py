"""Run tidings over TimeML documents and score its dates (``tidings eval temporal``).

Each document's creation time (its DCT, date part) is given as the publication date, as a
newsroom's metadata would give it; the ``dates`` tidings reports are scored against the
TIMEX3s inside ``<TEXT>`` by :mod:`.scores` (TempEval-3 Task A).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError
from tidings.evaluation.temporal.gold import read_corpus
from tidings.evaluation.temporal.scores import PredictedTimex, TemporalScores, score_document
from tidings.ingest import article_from_text
from tidings.pipeline import analyze_articles
from tidings.settings import Settings

__all__ = ["TemporalEvaluation", "evaluate_temporal"]


@dataclass(frozen=True, kw_only=True, slots=True)
class TemporalEvaluation:
    """Scores over every TimeML document under one folder."""

    dataset: str
    scores: TemporalScores
    seconds: float


def evaluate_temporal(
    folder: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> TemporalEvaluation:
    """Score tidings' dates on the TimeML files under ``folder`` (the first ``limit`` if given).
    Raises InputError when the folder holds no readable TimeML."""
    started = time.perf_counter()
    documents = read_corpus(folder)
    documents = documents[:limit] if limit else documents
    settings = settings.model_copy(update={"places": False})  # dates need no gazetteer
    articles = (
        article_from_text(d.text, d.name, published=d.dct[:10] if d.dct else None)
        for d in documents
    )
    scores = TemporalScores()
    if on_progress is not None:
        on_progress(0, len(documents))
    facts_stream = analyze_articles(articles, settings)
    for done, (gold, facts) in enumerate(zip(documents, facts_stream, strict=True), start=1):
        if facts.article.text != gold.text:
            raise InputError(gold.name, "tidings changed the text it was given")
        predicted = [
            PredictedTimex(
                start=date.start, end=date.end, type=date.type or "", value=date.value or ""
            )
            for date in facts.dates
        ]
        scores += score_document(gold, predicted)
        if on_progress is not None:
            on_progress(done, len(documents))
    return TemporalEvaluation(
        dataset=str(folder), scores=scores, seconds=time.perf_counter() - started
    )
