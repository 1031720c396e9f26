"""Events as one readable line each, for reports and tables:

``2017-11-13 · PRK military → North Korean soldier · ASSAULT (opened fire) · DMZ``

Who: an actor's name, or for an unnamed group its country and role ("PRK military"); the
date in words where its value is no plain ISO date ("2022-03-16 night", "week 46 of 2017":
:func:`tidings.output.dates.human_date`); the place with its country when known; and
after the line, who reports it, casualties, and "not" or the modality when the event is not
simply said to have happened.
"""

from __future__ import annotations

from tidings.model import HAPPENED_MODALITIES, Actor, Event, Facts, Place
from tidings.output.dates import human_date
from tidings.rules import load_rules

__all__ = ["actor_label", "event_line", "event_note"]

SIDE = "→"


def actor_label(actor: Actor) -> str:
    """ "United Nations Command", "North Korean soldier", or "PRK military" for a group
    the text does not name."""
    if actor.entity is None and actor.plural and actor.country and actor.role:
        return f"{actor.country} {load_rules().roles.labels.get(actor.role, actor.role)}"
    return actor.name


def event_line(event: Event, facts: Facts) -> str:
    """date · actor → target · TYPE (trigger) · place"""
    actors = {actor.id: actor for actor in facts.actors}
    who = [actor_label(actors[key]) for key in (event.actor, event.target) if key in actors]
    if event.actor is None and event.target in actors:
        who = [f"? {SIDE} {who[0]}"]
    what = f"{event.type} ({' '.join(event.trigger.text.split())})"
    parts = [human_date(event.date) or "undated", f" {SIDE} ".join(who) if who else "", what]
    place = _place(event, facts.places)
    if place:
        parts.append(place)
    return " · ".join(part for part in parts if part)


def event_note(event: Event, facts: Facts) -> str:
    """What a reader should know besides the line: not, modality, source, toll."""
    actors = {actor.id: actor for actor in facts.actors}
    notes = []
    if event.negated:
        notes.append("did not happen")
    if event.modality not in HAPPENED_MODALITIES:
        notes.append(event.modality)
    if event.reported_by in actors:
        notes.append(f"according to {actor_label(actors[event.reported_by])}")
    if event.killed is not None:
        notes.append(f"{event.killed} killed")
    if event.injured is not None:
        notes.append(f"{event.injured} injured")
    return ", ".join(notes)


def _place(event: Event, places: tuple[Place, ...]) -> str:
    place = next((p for p in places if p.id == event.place), None) if event.place else None
    if place is None:
        return ""
    return f"{place.name}, {place.country}" if place.country else place.name
