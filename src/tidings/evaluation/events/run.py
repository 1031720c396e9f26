"""Run tidings over WikiEvents or RAMS and score its events (``tidings eval events``).

Each gold text is analysed as an article of its own (no publication date: neither set gives
one), with places resolved by the gazetteer as a user's run would; its events are scored by
:mod:`.scores`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tidings.errors import InputError
from tidings.evaluation.events.gold import GoldDataset, read_dataset
from tidings.evaluation.events.scores import EventScores, PredictedEvent, score_document
from tidings.ingest import article_from_text
from tidings.model import Facts
from tidings.pipeline import analyze_articles
from tidings.settings import Settings

__all__ = ["EventEvaluation", "evaluate_events", "predicted_events"]


@dataclass(frozen=True, kw_only=True, slots=True)
class EventEvaluation:
    """Scores of one data set."""

    dataset: GoldDataset
    scores: EventScores
    seconds: float


def evaluate_events(
    path: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> EventEvaluation:
    """Score tidings' events on the WikiEvents or RAMS file at ``path`` (or the ``dev`` split
    of a folder; the first ``limit`` texts if given). Raises InputError for other data."""
    started = time.perf_counter()
    dataset = read_dataset(path)
    documents = dataset.documents[:limit] if limit else dataset.documents
    settings = settings.model_copy(update={"places": True, "events": True})
    articles = (
        article_from_text(d.text, f"{dataset.name}[{d.name or number}]")
        for number, d in enumerate(documents, start=1)
    )
    scores = EventScores()
    if on_progress is not None:
        on_progress(0, len(documents))
    facts_stream = analyze_articles(articles, settings)
    for done, (gold, facts) in enumerate(zip(documents, facts_stream, strict=True), start=1):
        if facts.article.text != gold.text:
            raise InputError(facts.article.origin, "tidings changed the text it was given")
        scores += score_document(gold, predicted_events(facts))
        if on_progress is not None:
            on_progress(done, len(documents))
    return EventEvaluation(
        dataset=GoldDataset(name=dataset.name, path=dataset.path, documents=documents),
        scores=scores,
        seconds=time.perf_counter() - started,
    )


def predicted_events(facts: Facts) -> list[PredictedEvent]:
    """tidings' events with the spans their actor, target and place stand on."""
    actors = {actor.id: actor for actor in facts.actors}
    places = {place.id: place for place in facts.places}

    def mentions(actor_id: str | None) -> tuple[tuple[int, int], ...]:
        actor = actors.get(actor_id) if actor_id else None
        return () if actor is None else tuple((m.start, m.end) for m in actor.mentions)

    found = []
    for event in facts.events:
        place = places.get(event.place) if event.place else None
        spots = [] if place is None else [(place.start, place.end)]
        if event.site is not None:
            spots.append((event.site.start, event.site.end))
        found.append(
            PredictedEvent(
                type=event.type,
                trigger=(event.trigger.start, event.trigger.end),
                mentions=tuple((m.trigger.start, m.trigger.end) for m in event.mentions),
                actor=mentions(event.actor),
                target=mentions(event.target),
                place=tuple(spots),
                place_source=event.place_source,
            )
        )
    return found
