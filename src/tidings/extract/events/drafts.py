"""An event while it is being read: its trigger, what has been found of it so far, and the
other mentions of it that were merged in (:mod:`.coreference`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import get_args

from tidings.extract.events.lexicon import TriggerMatch
from tidings.model import DateMention, DateSource, Modality, Place, PlaceSource, Precision, Span

__all__ = ["Draft", "Mention"]


@dataclass(frozen=True, slots=True)
class Mention:
    """One more place the article tells of a draft's event."""

    match: TriggerMatch
    sentence: int


@dataclass(slots=True)
class Draft:
    match: TriggerMatch
    sentence: int
    actor: int | None
    target: int | None
    place: Place | None = None
    place_source: PlaceSource | None = None
    site: Span | None = None
    date: DateMention | None = None
    date_source: DateSource | None = None
    modality: Modality = "asserted"
    reported_by: int | None = None
    negated: bool = False
    mentions: list[Mention] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.match.trigger.type

    def absorb(self, other: Draft) -> None:
        """Take ``other`` in as a mention of this event, with what it knows that this one
        does not (its actor, target, place and date; a date or place read from the event's
        own clause beats one read from its context, and a place a mention's clause or
        sentence names inside the other's, finer, beats it)."""
        self.mentions.append(Mention(other.match, other.sentence))
        self.mentions.extend(other.mentions)
        self.actor = self.actor if self.actor is not None else other.actor
        self.target = self.target if self.target is not None else other.target
        self.reported_by = self.reported_by if self.reported_by is not None else other.reported_by
        self.site = self.site or other.site
        if other.place is not None and (
            self.place is None
            or _finer_stated(other.place, other.place_source, self.place)
            or (
                _surer(other.place_source, self.place_source, PLACE_SOURCES)
                and not _finer_stated(self.place, self.place_source, other.place)
            )
        ):
            self.place, self.place_source = other.place, other.place_source
        if other.date is not None and (
            self.date is None or _surer(other.date_source, self.date_source, DATE_SOURCES)
        ):
            self.date, self.date_source = other.date, other.date_source


PLACE_SOURCES: tuple[PlaceSource, ...] = ("clause", "sentence", "context", "passage", "focus")
DATE_SOURCES: tuple[DateSource, ...] = ("clause", "sentence", "context", "published")


PRECISIONS: tuple[Precision, ...] = get_args(Precision)  # the coarsest first


def _finer_stated(one: Place, source: PlaceSource | None, other: Place) -> bool:
    """Is ``one``, read from a mention's own clause or sentence, a place inside ``other``
    ("a landslide in China" ... "the landslide hit Xinmo, in Sichuan")? Inside: the same
    country, and the same province when ``other`` is one; finer by the places' precision."""
    if source not in ("clause", "sentence") or one.country is None:
        return False
    if one.country != other.country or one.precision is None or other.precision is None:
        return False
    if other.precision not in ("country", "admin1"):
        return False
    if other.precision == "admin1" and one.admin1 != other.admin1:
        return False
    return PRECISIONS.index(one.precision) > PRECISIONS.index(other.precision)


def _surer(one: str | None, other: str | None, order: tuple[str, ...]) -> bool:
    """Is source ``one`` surer than ``other`` (an earlier one of ``order``)?"""
    rank = {source: number for number, source in enumerate(order)}
    return rank.get(one or "", len(order)) < rank.get(other or "", len(order))
