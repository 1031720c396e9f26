"""Toponym recognition: which words of the article name places, and which name countries'
people.

Place mentions come from three sources:

* entities the entity stage typed GPE, LOC or FAC (a bare compass word such as "the North" is
  not a place name of its own);
* entities spaCy mistyped (``Bulacan`` as ORG, ``Georgia`` as PERSON) whose whole name is a
  country, a continent or a first-level region in the gazetteer, or a city of note written
  after a locative preposition ("in Edmonton");
* capitalised words spaCy left untagged, on the same terms.

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

from tidings.geo.focus import rank_focus
from tidings.geo.geocoder import Geocoder, Toponym
from tidings.geo.schema import name_key
from tidings.model import Entity, Focus, Place

__all__ = ["find_places", "link_containers"]

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest north east north west "
    "south east south west midwest".split(" ")
)
LOCATIVE = frozenset(
    "in at near from to into across outside inside via through around toward towards "
    "throughout within between".split()
)
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
STRONG_CODES = frozenset(
    {"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR", "CONT", "ADM1", "ADM2"}
)
NOTABLE_POPULATION = 100_000
HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
_TRAILING = re.compile(r"[\s,;:.\-–—]+$")


def find_places(
    doc: Doc, entities: Sequence[Entity], geocoder: Geocoder, title: str | None = None
) -> tuple[tuple[Place, ...], tuple[Focus, ...], tuple[Entity, ...]]:
    """The article's places in text order, its focus, and ``entities`` with ``country`` set
    where a place or a demonym says which. ``title`` is the headline, when known."""
    toponyms, demonyms = _recognise(doc, entities, geocoder)
    places = geocoder.resolve(toponyms, demonyms.values())
    mentions = sorted((start, country) for (start, _), country in demonyms.items())
    focus = rank_focus(places, mentions, _position_weights(doc, title), geocoder.country_place)
    return places, focus, _with_countries(entities, places, demonyms, doc.text)


def _recognise(
    doc: Doc, entities: Sequence[Entity], geocoder: Geocoder
) -> tuple[list[Toponym], dict[tuple[int, int], str]]:
    text = doc.text
    found: dict[tuple[int, int], Toponym] = {}
    demonyms: dict[tuple[int, int], str] = {}
    taken: list[tuple[int, int]] = []
    for entity in entities:
        for mention in entity.mentions:
            taken.append((mention.start, mention.end))
            if entity.type in PLACE_TYPES:
                if name_key(mention.text) not in COMPASS:
                    for start, end in _parts(text, mention.start, mention.end):
                        found[start, end] = _toponym(doc, start, end, entity.id)
                continue
            if entity.type == "NORP":
                country = geocoder.demonym(mention.text)
                if country:
                    demonyms[mention.start, mention.end] = country
                    continue
            if _place_like(doc, mention.start, mention.end, geocoder):
                found[mention.start, mention.end] = _toponym(
                    doc, mention.start, mention.end, entity.id
                )
    for start, end in _untagged_names(doc, taken):
        if _place_like(doc, start, end, geocoder):
            found[start, end] = _toponym(doc, start, end, None)
    ordered = sorted(found.values(), key=lambda toponym: toponym.start)
    return link_containers(ordered, text), demonyms


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "Pandi, Bulacan" tagged as one entity is two places."""
    parts = []
    for match in re.finditer(r"[^,]+", text[start:end]):
        part_start = start + match.start() + (len(match.group()) - len(match.group().lstrip()))
        part_end = start + match.end()
        if part_end > part_start:
            parts.append((part_start, part_end))
    return parts or [(start, end)]


def _toponym(doc: Doc, start: int, end: int, entity: str | None) -> Toponym:
    span = doc.char_span(start, end, alignment_mode="expand")
    return Toponym(
        text=doc.text[start:end],
        start=start,
        end=end,
        entity=entity,
        metonymic=span is not None and _metonymic(span),
    )


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


def _place_like(doc: Doc, start: int, end: int, geocoder: Geocoder) -> bool:
    """A name spaCy did not call a place, but that the gazetteer knows well enough."""
    name = doc.text[start:end]
    if not name[:1].isupper() or name_key(name) in COMPASS:
        return False
    candidates = geocoder.candidates(name)
    if not candidates:
        return False
    if any(c.feature_code in STRONG_CODES and _named(c.name, name) for c in candidates):
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.lower_ in LOCATIVE and candidates[0].population >= NOTABLE_POPULATION


def _named(official: str, written: str) -> bool:
    """Whether the words as written are a full name of the place, not just an alias such as
    a code ("CA") that collides with ordinary words."""
    return len(written) > 2 or (written.isupper() and name_key(official) == name_key(written))


def _untagged_names(doc: Doc, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs of proper-noun tokens outside every entity mention."""
    covered: set[int] = set()
    for start, end in taken:
        covered.update(range(start, end))
    runs: list[tuple[int, int]] = []
    run: list[int] = []
    for token in [*doc, None]:
        if (
            token is not None
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.idx not in covered
            and not token.is_sent_start
        ):
            run.append(token.i)
            continue
        if run and len(run) <= 4:
            first, last = doc[run[0]], doc[run[-1]]
            runs.append((first.idx, last.idx + len(_TRAILING.sub("", last.text) or last.text)))
        run = []
    return runs


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
    headline_end = len(title) if title and doc.text.startswith(title) else 0
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
    text: str,
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
