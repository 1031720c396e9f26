"""Extraction: one parsed Document in, its Facts out. Pure: no I/O, no global state.

``extract(document, options, geocoder)`` runs every extractor over the spaCy ``Doc``; places
are resolved only when a :class:`~tidings.geo.Geocoder` (the offline gazetteer) is given.
"""

from __future__ import annotations

from dataclasses import dataclass

from tidings.extract.dates import find_dates
from tidings.extract.entities import find_entities
from tidings.extract.places import find_places
from tidings.extract.quantities import find_quantities
from tidings.extract.quotes import find_quotes
from tidings.extract.summary import summarize
from tidings.geo.geocoder import Geocoder
from tidings.model import Facts, Focus, Place
from tidings.nlp import Document

__all__ = ["ExtractOptions", "extract"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What the extractors may be asked to do differently."""

    summary_sentences: int = 3


def extract(
    document: Document,
    options: ExtractOptions = ExtractOptions(),
    geocoder: Geocoder | None = None,
) -> Facts:
    """Every fact tidings finds in one article."""
    doc = document.doc
    entities = find_entities(doc)
    places: tuple[Place, ...] = ()
    focus: tuple[Focus, ...] = ()
    if geocoder is not None:
        places, focus, entities = find_places(doc, entities, geocoder, title=document.article.title)
    return Facts(
        article=document.article,
        entities=entities,
        places=places,
        focus=focus,
        dates=find_dates(doc, document.article.published),
        quotes=find_quotes(doc, entities),
        quantities=find_quantities(doc),
        summary=summarize(doc, title=document.article.title, sentences=options.summary_sentences),
    )
