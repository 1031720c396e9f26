"""The rows the read side returns: frozen dataclasses, in :class:`Rows` lists that can become
pandas DataFrames. See :mod:`tidings.store.queries`."""

from __future__ import annotations

import importlib
from dataclasses import asdict, dataclass
from typing import Any, Generic, TypeVar

from tidings.model import QuoteKind

__all__ = [
    "ArticleHit",
    "ArticleRow",
    "EventRow",
    "Overview",
    "PlaceRow",
    "QuoteRow",
    "Rows",
    "StoryRow",
]

Row = TypeVar("Row")


class Rows(list[Row], Generic[Row]):
    """Query results: a list of dataclasses that can become a pandas DataFrame."""

    def to_pandas(self) -> Any:
        """A pandas DataFrame of the rows (needs pandas: ``pip install pandas``)."""
        try:
            pandas = importlib.import_module("pandas")
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install pandas") from None
        return pandas.DataFrame([asdict(row) for row in self])  # type: ignore[call-overload]


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleRow:
    """One stored article."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    language: str | None
    author: str | None
    origin: str
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class ArticleHit:
    """An article matching a search."""

    id: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    snippet: str
    score: float


@dataclass(frozen=True, kw_only=True, slots=True)
class EventRow:
    """One event with its actors and place spelled out."""

    article_id: str
    id: str
    type: str
    mode: str | None
    trigger: str
    date: str | None
    date_precision: str | None
    actor: str | None
    actor_code: str | None
    target: str | None
    target_code: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    modality: str
    negated: bool
    killed: int | None
    injured: int | None
    evidence: str
    title: str | None
    published: str | None
    story_id: int | None
    canonical_id: int | None  # the real-world event this is a mention of
    mentions: int | None  # original reports that mention it
    sources: int | None  # distinct publishers that report it


@dataclass(frozen=True, kw_only=True, slots=True)
class QuoteRow:
    """One quote with its speaker and article."""

    article_id: str
    speaker: str | None
    resolved_from: str | None  # the pronoun the text names the speaker by ("she")
    text: str
    kind: QuoteKind
    cue: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class PlaceRow:
    """A place and how much the corpus names it."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    mentions: int
    articles: int


@dataclass(frozen=True, kw_only=True, slots=True)
class Overview:
    """A database at a glance."""

    articles: int
    sources: int  # distinct known publishers: the source, else the site of the URL
    unknown_sources: int  # articles with neither (a file, a text without a URL)
    stories: int
    first_published: str | None
    last_published: str | None
    events: int  # real-world events (canonical), not mentions
    event_types: tuple[tuple[str, int], ...]  # commonest first
    actors: tuple[tuple[str, int], ...]  # codes, by the articles they appear in
    places: tuple[tuple[str, int], ...]  # names, by the articles that name them


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryRow:
    """Reports of one real-world event."""

    id: int
    title: str | None
    first_published: str | None
    last_published: str | None
    articles: int  # original reports (copies not counted)
    sources: int  # distinct publishers
    events: int  # canonical events
