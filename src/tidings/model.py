"""The facts tidings extracts, as frozen dataclasses.

Every fact carries the character span it came from: ``start`` and ``end`` are Python string
indexes into ``Article.text``, end-exclusive, so ``article.text[start:end] == text``.
Serialisation to the JSON contract lives in :mod:`tidings.output.json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "indirect"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """One news article as read from its source, before any analysis."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    language: str | None = None
    author: str | None = None
    origin: str = "<memory>"  # what the user gave: a path, a URL, "file.csv[12]" or "<stdin>"


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    """A piece of the article text: the evidence behind a fact."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True, slots=True)
class Entity:
    """A person, organisation, place or group, with every mention of it in the article."""

    id: str
    name: str
    type: str
    mentions: tuple[Span, ...]
    country: str | None = None  # ISO alpha-2: where a place is, or whose people a group is


@dataclass(frozen=True, kw_only=True, slots=True)
class Speaker:
    """Who said a quote: an entity, or a description such as "a defence ministry official"."""

    name: str
    start: int
    end: int
    entity: str | None = None  # Entity.id when the speaker is a known entity
    resolved_from: Span | None = None  # the pronoun, when the speaker was resolved from one


@dataclass(frozen=True, kw_only=True, slots=True)
class Quote:
    """Something someone said: in quote marks (direct) or reported (indirect)."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None
    cue: Span | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Quantity:
    """A number claimed in the article, with its unit and what it counts."""

    text: str
    start: int
    end: int
    value: float | None
    unit: str | None = None
    qualifier: str | None = None  # about | more than | less than | at least | at most | ...
    counted: str | None = None  # what the number counts: "North Koreans", "people"


@dataclass(frozen=True, kw_only=True, slots=True)
class Place:
    """A place mention and the place it resolved to.

    ``text`` is the mention as written; ``name`` the gazetteer's name of the place (the mention
    itself when unresolved). ``country`` is ISO 3166-1 alpha-2, ``admin1`` ISO 3166-2 (``US-CA``),
    ``feature`` GeoNames' class and code (``P.PPLC``). An unresolved place has no coordinates
    and says why in ``reason``. ``metonymic``: the name stands for a government or an
    institution ("Beijing aiding Pyongyang"), not for where something happened.
    """

    name: str
    text: str
    start: int
    end: int
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    precision: str | None = None
    entity: str | None = None
    metonymic: bool = False
    confidence: float = 0.0
    reason: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Focus:
    """A place the article is about, ranked by ``score`` (mentions weighted by where they are:
    the headline and lead count more, metonymic mentions less; a country also gains from the
    places inside it)."""

    name: str
    geonameid: int | None
    country: str | None
    lat: float
    lon: float
    precision: str
    score: float
    mentions: int


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention:
    """A time expression normalised to ISO 8601 (filled by the dates stage)."""

    text: str
    start: int
    end: int
    value: str | None = None
    type: str | None = None
    precision: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """Who did what to whom, where and when (filled by the events stage)."""

    id: str
    type: str
    trigger: Span
    evidence: Span
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    negated: bool = False
    modality: str | None = None
    reported_by: str | None = None
    confidence: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Facts:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    focus: tuple[Focus, ...] = ()
    dates: tuple[DateMention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    events: tuple[Event, ...] = ()
    summary: tuple[Span, ...] = field(default=())
