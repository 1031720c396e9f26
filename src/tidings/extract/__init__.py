"""Extraction: one parsed Document in, its Facts out. Pure: no I/O, no global state.

``extract(document, options)`` runs every extractor over the spaCy ``Doc``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tidings.extract.entities import find_entities
from tidings.extract.quantities import find_quantities
from tidings.extract.quotes import find_quotes
from tidings.extract.summary import summarize
from tidings.model import Facts
from tidings.nlp import Document

__all__ = ["ExtractOptions", "extract"]


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """What the extractors may be asked to do differently."""

    summary_sentences: int = 3


def extract(document: Document, options: ExtractOptions = ExtractOptions()) -> Facts:
    """Every fact tidings finds in one article."""
    doc = document.doc
    entities = find_entities(doc)
    return Facts(
        article=document.article,
        entities=entities,
        quotes=find_quotes(doc, entities),
        quantities=find_quantities(doc),
        summary=summarize(doc, title=document.article.title, sentences=options.summary_sentences),
    )
