"""Extraction: one parsed Document in, its Facts out. Pure: no I/O, no global state.

``extract(document, options, geocoder, rules)`` runs every extractor over the spaCy ``Doc``;
places are resolved only when a :class:`~tidings.geo.Geocoder` (the offline gazetteer) is
given. ``rules`` (:class:`tidings.rules.Rules`: event types, triggers, role nouns, quote cues)
are handed to each extractor that needs them; without them, those of
:func:`tidings.rules.load_rules` for ``options.event_lexicon``.

One package per kind of fact, each naming its entry point in its ``__init__``:
:mod:`.dates`, :mod:`.quotes`, :mod:`.quantities`, :mod:`.places` and :mod:`.events`, with
:mod:`.entities` and :mod:`.summary`. :mod:`.syntax` holds the questions every extractor
asks of the parse, and :mod:`.referents` the one pronoun resolver of quotes and events.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tidings.extract.dates import find_dates
from tidings.extract.entities import find_entities
from tidings.extract.events import find_events, find_main_event
from tidings.extract.places import find_places
from tidings.extract.quantities import find_quantities
from tidings.extract.quotes import find_quotes
from tidings.extract.summary import summarize
from tidings.geo.geocoder import Geocoder
from tidings.model import Actor, Event, Facts, Focus, Place
from tidings.nlp import Document
from tidings.rules import Rules, load_rules

__all__ = ["ExtractOptions", "extract"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What the extractors may be asked to do differently."""

    summary_sentences: int = 3
    dates: bool = True
    events: bool = True
    event_lexicon: Path | None = None  # a user's triggers (before the bundled) and [cues]


def extract(
    document: Document,
    options: ExtractOptions = ExtractOptions(),
    geocoder: Geocoder | None = None,
    rules: Rules | None = None,
) -> Facts:
    """Every fact tidings finds in one article."""
    rules = rules or load_rules(options.event_lexicon)
    doc = document.doc
    title = document.article.title
    entities = find_entities(doc)
    places: tuple[Place, ...] = ()
    focus: tuple[Focus, ...] = ()
    if geocoder is not None:
        places, focus, entities = find_places(doc, entities, geocoder, title=title)
    dates = find_dates(doc, document.article.published) if options.dates else ()
    quotes = find_quotes(doc, entities, rules)
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    main_event = None
    if options.events:
        actors, events = find_events(
            doc,
            rules,
            entities=entities,
            places=places,
            dates=dates,
            quotes=quotes,
            focus=focus,
            title=title,
            published=document.article.published,
        )
        main_event = find_main_event(doc, events, actors, places, dates, rules.roles, title=title)
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
