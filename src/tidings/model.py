"""The facts tidings extracts, as frozen dataclasses.

Every fact carries the character span it came from: ``start`` and ``end`` are Python string
indexes into ``Article.text``, end-exclusive, so ``article.text[start:end] == text``.
Serialisation to the JSON contract lives in :mod:`tidings.output.json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "indirect"]
HAPPENED_MODALITIES = ("asserted", "reported")  # an event said to have happened
QUESTIONS = ("who", "what", "when", "where", "why", "how")  # the answers of a MainEvent


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
    id: str = ""  # "p1", "p2" ... in text order; events point at places by it
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
class Actor:
    """A participant in the article's events: a person, group or institution, with every
    mention of it, descriptions and pronouns included ("a North Korean soldier", "he",
    "the defector").

    ``name`` is the fullest naming mention ("United Nations Command", "North Korean soldier").
    ``country`` is ISO 3166-1 alpha-3 and ``role`` a CAMEO-style role (MIL, GOV, COP, REB,
    CVL, REF, MED, BUS, IGO ...); ``code`` joins them as GDELT does ("PRKMIL", "KORGOV", "IGO").
    """

    id: str
    name: str
    mentions: tuple[Span, ...]
    country: str | None = None
    role: str | None = None
    code: str | None = None
    entity: str | None = None  # Entity.id when the actor is a named entity
    plural: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """Who did what to whom, where and when.

    ``type`` is a PLOVER event type (ASSAULT, COERCE, AID ...) with its ``mode`` where the
    trigger says one, its ``cameo`` root code and, where defined, its ``acled`` event type.
    ``actor``, ``target`` and ``reported_by`` are Actor ids; ``place`` a Place id, with
    ``place_source`` ``clause`` (named in the event's clause) or ``context`` (where the text
    puts its actor or target nearby). ``date`` is
    a TIMEX3 value with its ``date_precision``; ``date_source`` says where it came from:
    ``clause`` (a time expression in the event's own clause, ``date_span``) or ``context``
    (the dated event of the same story it follows in the article); an event nothing dates has
    none (the publication date is not a guess tidings makes). ``modality``:
    asserted | reported (someone's claim, see ``reported_by``) | hypothetical (feared,
    possible, conditional) | ordered (instructed to) | intended (attempted, planned) |
    generic (habitual or typical, not one occurrence). ``killed`` and ``injured`` are the
    casualty counts the text states for it.
    """

    id: str
    type: str
    trigger: Span
    evidence: Span
    mode: str | None = None
    cameo: str | None = None
    acled: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    place_source: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_source: str | None = None
    date_span: Span | None = None
    negated: bool = False
    modality: str = "asserted"
    reported_by: str | None = None
    killed: int | None = None
    injured: int | None = None
    confidence: float | None = None

    @property
    def happened(self) -> bool:
        """Said to have happened: asserted or reported, and not negated."""
        return not self.negated and self.modality in HAPPENED_MODALITIES


@dataclass(frozen=True, kw_only=True, slots=True)
class MainEvent:
    """The article's main event as who, what, when, where, why and how (5W1H): phrases of
    the text with their spans, any of which may be missing. ``event`` is its Event id (None
    when the article has no event and the answers come from its lead sentence)."""

    event: str | None = None
    who: Span | None = None
    what: Span | None = None
    when: Span | None = None
    where: Span | None = None
    why: Span | None = None
    how: Span | None = None


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
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    main_event: MainEvent | None = None
    summary: tuple[Span, ...] = field(default=())
