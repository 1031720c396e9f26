"""Toponym recognition: which words of the article name places, and which name countries'
people.

Place mentions come from:

* entities the entity stage typed GPE, LOC or FAC (not compass words alone, nor diseases
  named after places), split where one entity holds a list ("Pandi, Bulacan");
* entities spaCy mistyped (``Bulacan`` as ORG, ``Aleppo`` as NORP) that the gazetteer knows
  well enough (:mod:`.names`);
* places inside organisation names ("Kentucky State Police"), kept but marked metonymic;
* capitalised words spaCy left untagged, on stricter terms.

Demonyms and adjectives ("North Korean", "Chinese") are linked to their country (the NORP
entity gets ``country``) and count as evidence of where the article is, but are not place
mentions. "Pandi, Bulacan" and "Sydney, Australia" tie the first place to the second as its
container. A place name that stands for a government ("Beijing aiding Pyongyang", "South Korea
said") is marked metonymic from its role in the parse.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from tidings.extract.places.names import (
    comma_parts,
    embedded_place,
    known_core,
    list_parts,
    listed_place,
    not_a_place,
    place_like,
    untagged_names,
    with_period,
)
from tidings.geo.focus import rank_focus
from tidings.geo.geocoder import Geocoder, Toponym
from tidings.model import Entity, Focus, Place
from tidings.nlp import doc_text

__all__ = ["find_places", "link_containers"]

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Verbs whose subject or object, when a place name, means its government or people.
AGENT_VERBS = frozenset(
    "say tell announce accuse aid help support urge warn threaten demand deny reject agree "
    "sign sanction condemn criticise criticize insist claim vow refuse pledge impose ban order "
    "ask blame call negotiate recognise recognize respond retaliate protest plan want decide "
    "approve veto oppose welcome praise invite expel return arrest fund back pressure push "
    "confirm report admit promise offer allow block punish attack invade".split()
)
POLITICAL_NOUNS = frozenset(
    "government decision policy position response statement demand support officials "
    "leadership regime plan stance move refusal approval ban sanctions".split()
)
HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
_DATELINE_END = re.compile(r"(?:,[^\n]{0,30})?\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]")


def find_places(
    doc: Doc, entities: Sequence[Entity], geocoder: Geocoder, title: str | None = None
) -> tuple[tuple[Place, ...], tuple[Focus, ...], tuple[Entity, ...]]:
    """The article's places in text order (numbered p1, p2 ..., so events can point at
    them), its focus, and ``entities`` with ``country`` set where a place or a demonym says
    which. ``title`` is the headline, when known."""
    toponyms, demonyms = _recognise(doc, entities, geocoder)
    resolved = geocoder.resolve(toponyms, demonyms.values())
    places = tuple(dataclasses.replace(place, id=f"p{n}") for n, place in enumerate(resolved, 1))
    mentions = sorted((start, country) for (start, _), country in demonyms.items())
    focus = rank_focus(places, mentions, _position_weights(doc, title), geocoder.country_place)
    return places, focus, _with_countries(entities, places, demonyms)


def _recognise(
    doc: Doc, entities: Sequence[Entity], geocoder: Geocoder
) -> tuple[list[Toponym], dict[tuple[int, int], str]]:
    text = doc_text(doc)
    found: dict[tuple[int, int], Toponym] = {}
    demonyms: dict[tuple[int, int], str] = {}
    institutions: set[tuple[int, int]] = set()
    taken: list[tuple[int, int]] = []
    for entity in entities:
        taken.extend((mention.start, mention.end) for mention in entity.mentions)
        spans = _entity_places(doc, entity, geocoder, demonyms, institutions)
        for start, end in spans:
            found[start, end] = _toponym(doc, start, end, entity.id)
            if (start, end) in institutions:  # the police, not where something happened
                found[start, end] = dataclasses.replace(
                    found[start, end], entity=None, metonymic=True
                )
    for start, end in untagged_names(doc, taken):
        if place_like(doc, start, end, geocoder, strict=True):
            found[start, end] = _toponym(doc, start, end, None)
    ordered = sorted(found.values(), key=lambda toponym: toponym.start)
    return link_containers(ordered, text), demonyms


def _entity_places(
    doc: Doc,
    entity: Entity,
    geocoder: Geocoder,
    demonyms: dict[tuple[int, int], str],
    institutions: set[tuple[int, int]],
) -> list[tuple[int, int]]:
    """The place spans among one entity's mentions; its demonym mentions go to ``demonyms``,
    places named inside an organisation's name ("Kentucky State Police") to
    ``institutions`` as well."""
    text = doc_text(doc)
    spans: list[tuple[int, int]] = []
    if entity.type in PLACE_TYPES or entity.type == "NORP":
        for mention in entity.mentions:
            start, end = mention.start, mention.end
            found = geocoder.candidates(mention.text)
            demonym = entity.type == "NORP" or not found
            country = geocoder.demonym(mention.text) if demonym else None
            if country:  # "Angolans" tagged GPE, "North Korean" NORP: people, not a place
                demonyms[start, end] = country
            elif not_a_place(doc, start, end):
                continue
            elif entity.type == "NORP":  # "Aleppo" tagged as a group: a place when well known
                if listed_place(doc, start, end, geocoder):
                    spans.append((start, end))
            elif not found and (core := known_core(doc, start, end, geocoder)):
                spans.append(core)  # "Far North Queensland", "Sichuan province"
            else:
                spans.extend(comma_parts(text, start, with_period(text, end)))
        return spans
    # Mistyped by the model: the whole name is a place when one of its mentions reads as one.
    if any(place_like(doc, m.start, m.end, geocoder) for m in entity.mentions):
        return [
            (m.start, with_period(text, m.end))
            for m in entity.mentions
            if not not_a_place(doc, m.start, m.end)
        ]
    for mention in entity.mentions:  # "Lagos & Abuja, Nigeria" tagged as one organisation
        parts = list_parts(text, mention.start, mention.end)
        if len(parts) > 1 and any(place_like(doc, *part, geocoder) for part in parts):
            spans.extend(part for part in parts if listed_place(doc, *part, geocoder))
    if spans:
        return spans
    if entity.type == "PERSON":
        return spans
    for mention in entity.mentions:  # "U.S. Food and Drug Administration", "CTV Winnipeg"
        embedded = embedded_place(doc, mention.start, mention.end, geocoder)
        if embedded is not None:
            spans.append(embedded)
            institutions.add(embedded)
    return spans


def _toponym(doc: Doc, start: int, end: int, entity: str | None) -> Toponym:
    span = doc.char_span(start, end, alignment_mode="expand")
    return Toponym(
        text=doc_text(doc)[start:end],
        start=start,
        end=end,
        entity=entity,
        metonymic=span is not None and _metonymic(span),
        dateline=_dateline(doc_text(doc), start, end),
    )


def _dateline(text: str, start: int, end: int) -> bool:
    """ "WASHINGTON (Reuters) -" or "SEOUL, Nov. 13 —" opening a paragraph: a city."""
    opening = start == 0 or text[:start].rstrip(" \t").endswith("\n")
    return opening and text[start:end].isupper() and bool(_DATELINE_END.match(text, end))


def _metonymic(span: SpacySpan) -> bool:
    """The name is the agent or target of a political act: it means a government."""
    root = span.root
    head = root.head
    if root.dep_ in ("nsubj", "dobj", "nsubjpass") and head.lemma_.lower() in AGENT_VERBS:
        return True
    if root.dep_ == "conj" and root.head.dep_ in ("nsubj", "dobj"):
        return head.head.lemma_.lower() in AGENT_VERBS
    if root.dep_ == "poss" and head.lemma_.lower() in POLITICAL_NOUNS:
        return True
    return root.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in AGENT_VERBS


def link_containers(toponyms: list[Toponym], text: str) -> list[Toponym]:
    """Tie "Pandi" to "Bulacan" in "Pandi, Bulacan": a place right after a comma."""
    linked = list(toponyms)
    for index in range(len(toponyms) - 1):
        first, second = toponyms[index], toponyms[index + 1]
        between = text[first.end : second.start]
        if between in (", ", ","):
            linked[index] = dataclasses.replace(first, container=index + 1)
    return linked


def _position_weights(doc: Doc, title: str | None) -> Callable[[int], float]:
    """What a mention is worth by where it is: 3 in the headline, 2 in the lead (the first
    two sentences after it), 1 after."""
    sentences = list(doc.sents)
    headline_end = len(title) if title and doc_text(doc).startswith(title) else 0
    body = [sentence for sentence in sentences if sentence.start_char >= headline_end]
    lead_end = body[min(1, len(body) - 1)].end_char if body else 0

    def weight_at(offset: int) -> float:
        return (
            HEADLINE_WEIGHT if offset < headline_end else LEAD_WEIGHT if offset < lead_end else 1.0
        )

    return weight_at


def _with_countries(
    entities: Sequence[Entity],
    places: Sequence[Place],
    demonyms: dict[tuple[int, int], str],
) -> tuple[Entity, ...]:
    by_entity: dict[str, str] = {}
    for place in places:
        if place.entity and place.country and place.entity not in by_entity:
            by_entity[place.entity] = place.country
    result = []
    for entity in entities:
        country = by_entity.get(entity.id)
        if country is None and entity.type == "NORP":
            country = next(
                (demonyms[m.start, m.end] for m in entity.mentions if (m.start, m.end) in demonyms),
                None,
            )
        result.append(dataclasses.replace(entity, country=country) if country else entity)
    return tuple(result)
