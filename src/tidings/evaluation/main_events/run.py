"""Run tidings over the Giveme5W1H articles and score its main-event answers
(``tidings eval 5w1h``).

Each article's publication date is given as a newsroom's metadata would give it; the answers
are scored by word overlap against the annotators' phrases (:mod:`.scores`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings.evaluation.main_events.gold import read_corpus
from tidings.evaluation.main_events.scores import AnswerScores
from tidings.ingest import article_from_text
from tidings.model import QUESTIONS, Facts
from tidings.pipeline import analyze_articles
from tidings.settings import Settings

__all__ = ["MainEventEvaluation", "answers_of", "evaluate_main_events"]


@dataclass(frozen=True, kw_only=True, slots=True)
class MainEventEvaluation:
    """Scores over every article of one folder."""

    dataset: str
    scores: AnswerScores
    seconds: float


def evaluate_main_events(
    folder: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> MainEventEvaluation:
    """Score tidings' 5W1H answers on the articles under ``folder`` (the first ``limit``)."""
    started = time.perf_counter()
    gold = read_corpus(folder)
    gold = gold[:limit] if limit else gold
    settings = settings.model_copy(update={"events": True})
    articles = (
        article_from_text(g.text, g.name, title=g.title or None, published=g.published)
        for g in gold
    )
    scores = AnswerScores()
    if on_progress is not None:
        on_progress(0, len(gold))
    facts_stream = analyze_articles(articles, settings)
    for done, (article, facts) in enumerate(zip(gold, facts_stream, strict=True), start=1):
        scores.add(answers_of(facts), article.answers)
        if on_progress is not None:
            on_progress(done, len(gold))
    return MainEventEvaluation(
        dataset=str(folder), scores=scores, seconds=time.perf_counter() - started
    )


def answers_of(facts: Facts) -> dict[str, str | None]:
    """Our answer to each question, as text (None where tidings has none)."""
    main = facts.main_event
    if main is None:
        return dict.fromkeys(QUESTIONS)
    answers: dict[str, str | None] = {}
    for question in QUESTIONS:
        span = getattr(main, question)
        answers[question] = span.text if span is not None else None
    return answers
