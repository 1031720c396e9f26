"""Extraction: one parsed Document in, its Facts out. Pure: no I/O, no global state.

``extract(document, options, geocoder)`` runs every extractor over the spaCy ``Doc``; places
are resolved only when a :class:`~tidings.geo.Geocoder` (the offline gazetteer) is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tidings.extract.dates import find_dates
from tidings.extract.entities import find_entities
from tidings.extract.events import find_events, find_main_event, load_lexicon
from tidings.extract.places import find_places
from tidings.extract.quantities import find_quantities
from tidings.extract.quotes import find_quotes
from tidings.extract.summary import summarize
from tidings.geo.geocoder import Geocoder
from tidings.model import Actor, Event, Facts, Focus, Place
from tidings.nlp import Document

__all__ = ["ExtractOptions", "extract"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What the extractors may be asked to do differently."""

    summary_sentences: int = 3
    dates: bool = True
    events: bool = True
    event_lexicon: Path | None = None  # a user's triggers, read before the bundled ones


def extract(
    document: Document,
    options: ExtractOptions = ExtractOptions(),
    geocoder: Geocoder | None = None,
) -> Facts:
    """Every fact tidings finds in one article."""
    doc = document.doc
    title = document.article.title
    entities = find_entities(doc)
    places: tuple[Place, ...] = ()
    focus: tuple[Focus, ...] = ()
    if geocoder is not None:
        places, focus, entities = find_places(doc, entities, geocoder, title=title)
    dates = find_dates(doc, document.article.published) if options.dates else ()
    quotes = find_quotes(doc, entities)
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    main_event = None
    if options.events:
        lexicon = load_lexicon(options.event_lexicon)
        actors, events = find_events(
            doc, lexicon, entities=entities, places=places, dates=dates, quotes=quotes, title=title
        )
        main_event = find_main_event(doc, events, actors, places, dates, title=title)
    return Facts(
        article=document.article,
        entities=entities,
        places=places,
        focus=focus,
        dates=dates,
        quotes=quotes,
        quantities=find_quantities(doc),
        actors=actors,
        events=events,
        main_event=main_event,
        summary=summarize(doc, title=title, sentences=options.summary_sentences),
    )
