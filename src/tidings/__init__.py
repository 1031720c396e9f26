"""tidings: turn news articles into structured, evidence-backed facts.

Analyse::

    import tidings

    facts = tidings.analyze_text(text, title="...", published="2017-11-13")
    for facts in tidings.analyze(["story.txt", "feed.rss"]):
        print(tidings.to_json(facts))

``analyze(sources, settings=None)`` yields the :class:`Facts` of every article of files,
folders, URLs, feeds, tables and archives; ``analyze_text(text, settings=None)`` gives the
Facts of one text. :class:`Settings` holds every knob (``load_settings()`` reads the settings
file and ``TIDINGS_*`` variables); ``to_dict`` and ``to_json`` give the JSON contract.

The facts are frozen dataclasses: :class:`Article`, :class:`Entity`, :class:`Place`,
:class:`Focus`, :class:`DateMention`, :class:`Quote` (with its :class:`Speaker`),
:class:`Quantity`, :class:`Actor`, :class:`Event`, :class:`MainEvent`, each with its
:class:`Span` of evidence.

Query a database made by ``tidings ingest``: ``open("news.db")`` gives a read-only
:class:`Corpus` with ``search``, ``events``, ``stories``, ``quotes``, ``places``,
``articles``, ``overview`` and ``counts``.

Importing ``tidings`` is cheap: spaCy and the rest load on first use of what needs them.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.model import (
    Actor,
    Article,
    DateMention,
    Entity,
    Event,
    Facts,
    Focus,
    MainEvent,
    Place,
    Quantity,
    Quote,
    Span,
    Speaker,
)

if TYPE_CHECKING:
    from tidings.output.json import to_dict, to_json
    from tidings.pipeline import analyze, analyze_text
    from tidings.settings import Settings, load_settings
    from tidings.store.queries import Corpus

__version__ = "0.1.0"
__all__ = [
    "Actor",
    "Article",
    "Corpus",
    "DateMention",
    "Entity",
    "Event",
    "Facts",
    "Focus",
    "MainEvent",
    "Place",
    "Quantity",
    "Quote",
    "Settings",
    "Span",
    "Speaker",
    "__version__",
    "analyze",
    "analyze_text",
    "load_settings",
    "open",
    "to_dict",
    "to_json",
]
_LAZY = {
    "analyze": "tidings.pipeline",
    "analyze_text": "tidings.pipeline",
    "Settings": "tidings.settings",
    "load_settings": "tidings.settings",
    "to_dict": "tidings.output.json",
    "to_json": "tidings.output.json",
    "Corpus": "tidings.store.queries",
}


def open(path: str | Path) -> Corpus:
    """The database at ``path``, opened read-only for queries."""
    from tidings.store.queries import Corpus

    return Corpus(path)


def __getattr__(name: str) -> Any:
    """The names that need heavy imports, imported on first use."""
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tidings' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
