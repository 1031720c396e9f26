"""Stories and canonical events: what makes reports of one real-world event one story, and
event mentions from different reports one event. Pure functions over Facts; the database
side is :mod:`tidings.store.stories`.

Story keys (:func:`story_keys`) are the features two reports of one event share, weighted:
a place below country level (3: its GeoNames id, or its name), a named person or
organisation (2), an actor code (1), an event type in a country (1), a country (0.5), and
the article's most frequent long content words (0.5 each, at most :data:`TOPIC_WORDS`).
An article joins the story, published within :data:`WINDOW_DAYS` days of it, whose keys
cover the largest weighted share of its own (:func:`story_score`), when that share reaches
:data:`JOIN_SHARE` and the shared keys include a place or a name; else it starts a story.

Canonical events (:func:`event_key`, :func:`same_event`): within one story, two event
mentions are the same event when their types agree and nothing they state disagrees: dates
(at their common precision), places (the same place, or one inside the other's country or
province) and actors and targets (their countries, when both codes have one: reports
describe the same people differently, "three men" and "three suspects").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from tidings.model import Event, Facts, Place
from tidings.rules import load_rules

__all__ = [
    "JOIN_SHARE",
    "WINDOW_DAYS",
    "EventKey",
    "event_key",
    "same_event",
    "story_keys",
    "story_score",
]

WINDOW_DAYS = 3
JOIN_SHARE = 0.35
TOPIC_WORDS = 8
STRONG_PREFIXES = ("place:", "name:")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{5,}")
_COMMON = frozenset(
    """about after again against already although always another around because before
    being between could during either enough every further however months people police
    reported reports should since still their there these thing things though through
    today under until which while whose would years yesterday official officials said
    saying according percent including""".split()
)


def story_keys(facts: Facts) -> dict[str, float]:
    """The weighted features of one article that another report of its story would share."""
    keys: dict[str, float] = {}
    for place in facts.places:
        if place.metonymic or place.lat is None:
            continue
        if place.precision in ("city", "point", "admin2"):
            keys[f"place:{place.geonameid or place.name.casefold()}"] = 3.0
        if place.country:
            keys[f"country:{place.country}"] = 0.5
    for entity in facts.entities:
        if entity.type in ("PERSON", "ORG"):
            keys[f"name:{entity.name.casefold()}"] = 2.0
    for actor in facts.actors:
        if actor.code:
            keys[f"actor:{actor.code}"] = 1.0
    by_id = {place.id: place for place in facts.places}
    for event in facts.events:
        where = by_id.get(event.place) if event.place else None
        if where is not None and where.country:
            keys[f"event:{event.type}@{where.country}"] = 1.0
    words = Counter(
        word.lower() for word in _WORD.findall(facts.article.text) if word.lower() not in _COMMON
    )
    for word, _ in words.most_common(TOPIC_WORDS):
        keys.setdefault(f"word:{word}", 0.5)
    return keys


def story_score(article: dict[str, float], story: dict[str, float]) -> float:
    """The weighted share of the article's keys the story has; 0 without a shared place or
    name (two fires in one country are not one story)."""
    shared = article.keys() & story.keys()
    if not any(key.startswith(STRONG_PREFIXES) for key in shared):
        return 0.0
    total = sum(article.values())
    return sum(article[key] for key in shared) / total if total else 0.0


@dataclass(frozen=True, slots=True)
class EventKey:
    """What identifies an event across reports."""

    type: str
    date: str | None
    place: str | None  # GeoNames id or name
    country: str | None
    broad: bool  # the place is a country or a province: a finer one inside it agrees
    actor: str | None  # actor code
    target: str | None


def event_key(event: Event, facts: Facts) -> EventKey:
    """The key of one event mention of an article."""
    place = _place(event, facts.places)
    codes = {actor.id: actor.code for actor in facts.actors}
    return EventKey(
        type=event.type,
        date=event.date,
        place=(str(place.geonameid) if place.geonameid else place.name.casefold())
        if place is not None
        else None,
        country=place.country if place is not None else None,
        broad=place is not None and place.precision in ("country", "admin1", "continent"),
        actor=codes.get(event.actor) if event.actor else None,
        target=codes.get(event.target) if event.target else None,
    )


def same_event(one: EventKey, other: EventKey) -> bool:
    """Could two mentions be of one event? Types agree and nothing stated disagrees."""
    if one.type != other.type:
        return False
    if one.date and other.date:
        width = min(len(one.date), len(other.date), 10)
        if one.date[:width] != other.date[:width]:
            return False
    if one.place and other.place and one.place != other.place:
        inside = (one.broad or other.broad) and one.country == other.country
        if not (one.country and inside):
            return False
    return _same_side(one.actor, other.actor) and _same_side(one.target, other.target)


def _same_side(one: str | None, other: str | None) -> bool:
    """Actor codes disagree only when they name different countries: reports describe the
    same people differently ("three men": CVL, "three suspects": CRM)."""
    if one is None or other is None or one == other:
        return True
    roles = _role_codes()
    first = one[:3] if one[:3] not in roles else None
    second = other[:3] if other[:3] not in roles else None
    return first is None or second is None or first == second


@lru_cache(maxsize=1)
def _role_codes() -> frozenset[str]:
    return frozenset(load_rules().roles.labels)


def _place(event: Event, places: tuple[Place, ...]) -> Place | None:
    if event.place is None:
        return None
    return next((place for place in places if place.id == event.place), None)
