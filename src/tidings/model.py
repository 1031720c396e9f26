"""The facts tidings extracts, as frozen dataclasses: the one definition of each fact.

Every fact carries the character span it came from: ``start`` and ``end`` are Python string
indexes into ``Article.text``, end-exclusive, so ``article.text[start:end] == text``.

The types say everything the JSON contract says: closed vocabularies are ``Literal`` types,
and the constraints JSON Schema checks (a pattern, a minimum) ride on the type with
``Annotated`` (:mod:`tidings.schema.constraints`). The shipped JSON Schema is generated from
these classes (:mod:`tidings.schema.generate`) and the database tables follow from them
(:mod:`tidings.store.layout`); a test holds the three equal. Serialisation to JSON lives in
:mod:`tidings.output.json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal

from tidings.schema.constraints import Maximum, Minimum, MinItems, MinLength, Pattern

QuoteKind = Literal["direct", "indirect"]
EntityType = Literal[
    "PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"
]
Precision = Literal["continent", "country", "admin1", "admin2", "city", "point"]
DateType = Literal["DATE", "TIME", "DURATION", "SET"]  # TIMEX3's types
DatePrecision = Literal["day", "week", "month", "year"]
# where an event's place came from, the surest first: its own clause, its sentence, where the
# text puts its actor or target nearby, the passage before it, the place the article is about
PlaceSource = Literal["clause", "sentence", "context", "passage", "focus"]
# where an event's date came from: its clause, its sentence, the dated event of the same story
# nearby, or the publication date (a current event the headline or lead reports)
DateSource = Literal["clause", "sentence", "context", "published"]
Modality = Literal["asserted", "reported", "hypothetical", "ordered", "intended", "generic"]
HAPPENED_MODALITIES: tuple[Modality, ...] = ("asserted", "reported")  # said to have happened
# ACLED's 6 event types and 25 sub-event types (ACLED codebook; the ACLED rules check their
# data against the same list, tidings.rules.acled.ACLED_SUB_EVENTS, and a test holds the two
# equal)
AcledType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
AcledSubEvent = Literal[
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    "Violent demonstration", "Mob violence",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction",
    "Non-violent transfer of territory", "Other",
]  # fmt: skip

QUESTIONS = ("who", "what", "when", "where", "why", "how")  # the answers of a MainEvent

Offset = Annotated[int, Minimum(0)]
Count = Annotated[int, Minimum(0)]
Name = Annotated[str, MinLength(1)]
Alpha2 = Annotated[str, Pattern("^[A-Z]{2}$")]  # ISO 3166-1 alpha-2
Alpha3 = Annotated[str, Pattern("^[A-Z]{3}$")]  # ISO 3166-1 alpha-3, as CAMEO codes use
Latitude = Annotated[float, Minimum(-90), Maximum(90)]
Longitude = Annotated[float, Minimum(-180), Maximum(180)]
Share = Annotated[float, Minimum(0), Maximum(1)]
GeonameId = Annotated[int, Minimum(1)]
PlaceId = Annotated[str, Pattern("^p[0-9]+$")]
ActorId = Annotated[str, Pattern("^a[0-9]+$")]
EventId = Annotated[str, Pattern("^ev[0-9]+$")]
IsoDate = Annotated[str, Pattern(r"^\d{4}(-\d{2}(-\d{2}([T ][0-9:.+\-Z]+)?)?)?$")]


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """One news article as read from its source, before any analysis."""

    id: Name
    text: Name
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: IsoDate | None = None  # ISO 8601 date or datetime
    language: str | None = None
    author: str | None = None
    origin: str = "<memory>"  # what the user gave: a path, a URL, "file.csv[12]" or "<stdin>"


@dataclass(frozen=True, kw_only=True, slots=True)
class Span:
    """A piece of the article text: the evidence behind a fact."""

    start: Offset
    end: Offset
    text: Name


@dataclass(frozen=True, kw_only=True, slots=True)
class Entity:
    """A person, organisation, place or group, with every mention of it in the article."""

    id: str
    name: Name
    type: EntityType
    mentions: Annotated[tuple[Span, ...], MinItems(1)]
    country: Alpha2 | None = None  # where a place is, or whose people a group is


@dataclass(frozen=True, kw_only=True, slots=True)
class Speaker:
    """Who said a quote: an entity, or a description such as "a defence ministry official"."""

    name: Name
    start: Offset
    end: Offset
    entity: str | None = None  # Entity.id when the speaker is a known entity
    resolved_from: Span | None = None  # the pronoun, when the speaker was resolved from one


@dataclass(frozen=True, kw_only=True, slots=True)
class Quote:
    """Something someone said: in quote marks (direct) or reported (indirect)."""

    text: Name
    start: Offset
    end: Offset
    kind: QuoteKind
    speaker: Speaker | None
    cue: Span | None


@dataclass(frozen=True, kw_only=True, slots=True)
class Quantity:
    """A number claimed in the article, with its unit and what it counts."""

    text: Name
    start: Offset
    end: Offset
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

    name: Name
    text: Name
    start: Offset
    end: Offset
    id: PlaceId = ""  # "p1", "p2" ... in text order; events point at places by it
    lat: Latitude | None = None
    lon: Longitude | None = None
    geonameid: GeonameId | None = None
    country: Alpha2 | None = None
    admin1: Annotated[str, Pattern("^[A-Z]{2}-[A-Z0-9]{1,3}$")] | None = None
    feature: Annotated[str, Pattern(r"^[A-Z]\.[A-Z0-9]+$")] | None = None
    precision: Precision | None = None
    entity: str | None = None
    metonymic: bool = False
    confidence: Share = 0.0
    reason: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Focus:
    """A place the article is about, ranked by ``score`` (mentions weighted by where they are:
    the headline and lead count more, metonymic mentions less; a country also gains from the
    places inside it)."""

    name: Name
    geonameid: GeonameId | None
    country: Alpha2 | None
    lat: Latitude
    lon: Longitude
    precision: Precision
    score: Annotated[float, Minimum(0)]
    mentions: Count


@dataclass(frozen=True, kw_only=True, slots=True)
class DateMention:
    """A time expression normalised to ISO 8601 (filled by the dates stage)."""

    text: str
    start: Offset
    end: Offset
    value: str | None = None
    type: DateType | None = None
    precision: DatePrecision | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Actor:
    """A participant in the article's events: a person, group or institution, with every
    mention of it, descriptions and pronouns included ("a North Korean soldier", "he",
    "the defector").

    ``name`` is the fullest naming mention ("United Nations Command", "North Korean soldier").
    ``country`` is ISO 3166-1 alpha-3 and ``role`` a CAMEO-style role (MIL, GOV, COP, REB,
    CVL, REF, MED, BUS, IGO ...); ``code`` joins them as GDELT does ("PRKMIL", "KORGOV", "IGO").
    """

    id: ActorId
    name: Name
    mentions: Annotated[tuple[Span, ...], MinItems(1)]
    country: Alpha3 | None = None
    role: Alpha3 | None = None
    code: Annotated[str, Pattern("^([A-Z]{3})+$")] | None = None
    entity: str | None = None  # Entity.id when the actor is a named entity
    plural: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class EventMention:
    """Another place where the article tells of an event: the headline, "the attack" later
    on, or the toll it took ("killing 12"): the words and the sentence they are in."""

    trigger: Span
    evidence: Span


@dataclass(frozen=True, kw_only=True, slots=True)
class Event:
    """Who did what to whom, where and when.

    ``type`` is a PLOVER event type (ASSAULT, COERCE, AID ...) with its ``mode`` where the
    trigger says one and its ``cameo`` root code; ``acled`` and ``acled_sub_event`` are its
    ACLED event and sub-event types by ACLED's definitions (who fights whom, with what), where
    ACLED codes such events.
    ``actor``, ``target`` and ``reported_by`` are Actor ids. ``place`` is a Place id, with
    ``place_source`` saying how it was found: ``clause`` (named in the event's clause),
    ``sentence`` (the only place named in its sentence, or the nearest one), ``context``
    (where the text puts its actor or target nearby), ``passage`` (the place of the sentence
    before) or ``focus`` (the place the article is about); only events that happened get a
    place from beyond their sentence. ``site`` is the spot the clause names when it names one
    ("the busy Oxford Street bus station"), as written. ``date`` is a TIMEX3 value with its
    ``date_precision``; ``date_source`` says where it came from: ``clause`` (a time expression
    in the event's own clause, ``date_span``), ``sentence`` (a calendar date its sentence
    gives that no other event's clause holds), ``context`` (the dated event of the same story
    it follows in the article) or ``published`` (a current event the headline or lead reports
    with no date of its own takes the publication date, at day precision; never a background
    event: past perfect, or one dated otherwise). ``modality``:
    asserted | reported (someone's claim, see ``reported_by``) | hypothetical (feared,
    possible, conditional) | ordered (instructed to) | intended (attempted, planned) |
    generic (habitual or typical, not one occurrence). ``killed`` and ``injured`` are the
    casualty counts the text states for it. ``mentions`` are the article's other mentions
    of the same event, in text order; the event's own ``trigger`` and ``evidence`` are its
    first, and its fields gather what every mention says.
    """

    id: EventId
    type: Annotated[str, Pattern("^[A-Z]+$")]
    trigger: Span
    evidence: Span
    mode: str | None = None
    cameo: Annotated[str, Pattern("^[0-9]{2}$")] | None = None
    acled: AcledType | None = None
    acled_sub_event: AcledSubEvent | None = None
    actor: ActorId | None = None
    target: ActorId | None = None
    place: PlaceId | None = None
    place_source: PlaceSource | None = None
    site: Span | None = None
    date: str | None = None
    date_precision: DatePrecision | None = None
    date_source: DateSource | None = None
    date_span: Span | None = None
    negated: bool = False
    modality: Modality = "asserted"
    reported_by: ActorId | None = None
    killed: Count | None = None
    injured: Count | None = None
    confidence: Share | None = None
    mentions: tuple[EventMention, ...] = ()

    @property
    def happened(self) -> bool:
        """Said to have happened: asserted or reported, and not negated."""
        return not self.negated and self.modality in HAPPENED_MODALITIES


@dataclass(frozen=True, kw_only=True, slots=True)
class MainEvent:
    """The article's main event as who, what, when, where, why and how (5W1H): phrases of
    the text with their spans, any of which may be missing. ``event`` is its Event id (None
    when the article has no event and the answers come from its lead sentence)."""

    event: EventId | None = None
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
