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

from tidings.geo.aliases import STATE_ABBREVIATIONS
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
    "in at on near from to into across outside inside via through around toward towards "
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
DISEASES = frozenset(
    {"ebola", "zika", "lassa", "nipah", "hendra", "west nile", "reston", "lyme", "rift valley"}
)
DISEASE_WORDS = frozenset(
    "virus viruses fever disease outbreak strain vaccine epidemic infection infections "
    "flu encephalitis".split()
)
ABBREVIATIONS = frozenset(name for name in STATE_ABBREVIATIONS if name.endswith("."))
QUALIFIERS = frozenset(
    "far north south east west northern southern eastern western central upper lower greater "
    "northeast northwest southeast southwest northeastern northwestern southeastern "
    "southwestern inner outer".split()
)
GENERIC_TAILS = frozenset("province state region district prefecture city governorate".split())
STRONG_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR", "CONT", "ADM1", "ADM2"})
NOTABLE_POPULATION = 100_000
HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
_DATELINE_END = re.compile(r"(?:,[^\n]{0,30})?\s*(?:\([^)\n]{1,40}\)\s*)?[-–—]")
_LIST_ITEM = re.compile(r"[^\W\d_][^,&]*?(?=\s*(?:,|&|\band\b|$))")
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
    for start, end in _untagged_names(doc, taken):
        if _place_like(doc, start, end, geocoder, strict=True):
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
    text = doc.text
    spans: list[tuple[int, int]] = []
    if entity.type in PLACE_TYPES or entity.type == "NORP":
        for mention in entity.mentions:
            start, end = mention.start, mention.end
            found = geocoder.candidates(mention.text)
            demonym = entity.type == "NORP" or not found
            country = geocoder.demonym(mention.text) if demonym else None
            if country:  # "Angolans" tagged GPE, "North Korean" NORP: people, not a place
                demonyms[start, end] = country
            elif _not_a_place(doc, start, end):
                continue
            elif entity.type == "NORP":  # "Aleppo" tagged as a group: a place when well known
                if _listed_place(doc, start, end, geocoder):
                    spans.append((start, end))
            elif not found and (core := _core(doc, start, end, geocoder)):
                spans.append(core)  # "Far North Queensland", "Sichuan province"
            else:
                spans.extend(_parts(text, start, _with_period(text, end)))
        return spans
    # Mistyped by the model: the whole name is a place when one of its mentions reads as one.
    if any(_place_like(doc, m.start, m.end, geocoder) for m in entity.mentions):
        return [
            (m.start, _with_period(text, m.end))
            for m in entity.mentions
            if not _not_a_place(doc, m.start, m.end)
        ]
    for mention in entity.mentions:  # "Lagos & Abuja, Nigeria" tagged as one organisation
        parts = _list_parts(text, mention.start, mention.end)
        if len(parts) > 1 and any(_place_like(doc, *part, geocoder) for part in parts):
            spans.extend(part for part in parts if _listed_place(doc, *part, geocoder))
    if spans:
        return spans
    if entity.type == "PERSON":
        return spans
    for mention in entity.mentions:  # "U.S. Food and Drug Administration", "CTV Winnipeg"
        embedded = _embedded_place(doc, mention.start, mention.end, geocoder)
        if embedded is not None:
            spans.append(embedded)
            institutions.add(embedded)
    return spans


def _list_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of "Lagos & Abuja, Nigeria" or "Texas and Oklahoma"."""
    parts = []
    for match in _LIST_ITEM.finditer(text, start, end):
        item = match.group()
        skip = len(item) - len(item.removeprefix("and ")) if item.startswith("and ") else 0
        parts.append((match.start() + skip, match.end()))
    return parts


def _listed_place(doc: Doc, start: int, end: int, geocoder: Geocoder) -> bool:
    """An item of a list of places: itself a place of note by its main name."""
    name = doc.text[start:end]
    candidates = geocoder.candidates(name)
    return bool(candidates) and (
        _place_like(doc, start, end, geocoder)
        or (
            candidates[0].population >= NOTABLE_POPULATION
            and name_key(candidates[0].name) == name_key(name)
        )
    )


def _not_a_place(doc: Doc, start: int, end: int) -> bool:
    """A compass word alone ("the North"), or a disease named after a place ("Ebola",
    "West Nile virus", "Marburg fever")."""
    key = name_key(doc.text[start:end])
    if key in COMPASS or key in DISEASES:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    following = [token.lower_ for token in doc[span.end : span.end + 2]]
    if following[:1] == ["-"]:  # "Ebola-Reston"
        following = following[1:]
    return bool(following) and following[0] in DISEASE_WORDS


def _with_period(text: str, end: int) -> int:
    """ "Ky." and "Calif.": an abbreviation's full stop belongs to the name."""
    start = text.rfind(" ", 0, end) + 1
    if text[end : end + 1] == "." and text[start : end + 1] in ABBREVIATIONS:
        return end + 1
    return end


def _embedded_place(doc: Doc, start: int, end: int, geocoder: Geocoder) -> tuple[int, int] | None:
    """A well-known place an organisation is named after: at its start ("U.S. Army", "Texas
    A&M", "Winnipeg Free Press"), its end ("CTV Winnipeg") or after "of" ("Children's Court
    of Queensland")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return None
    windows = [span[:size] for size in (3, 2, 1) if size < len(span)]
    windows += [span[-size:] for size in (2, 1) if size < len(span)]
    windows += [span[t.i - span.start + 1 :] for t in span[:-1] if t.lower_ == "of"]
    for window in windows:
        if window.text[:1].isupper() and _listed_place(
            doc, window.start_char, window.end_char, geocoder
        ):
            return window.start_char, window.end_char
    return None


def _core(doc: Doc, start: int, end: int, geocoder: Geocoder) -> tuple[int, int] | None:
    """The known place inside a longer name: "Far North Queensland", "Sichuan province"."""
    words = list(re.finditer(r"\S+", doc.text[start:end]))
    first, last = 0, len(words)
    while first < last - 1 and words[first].group().lower() in QUALIFIERS:
        first += 1
    while last > first + 1 and words[last - 1].group().lower() in GENERIC_TAILS:
        last -= 1
    if (first, last) == (0, len(words)):
        return None
    core = start + words[first].start(), start + words[last - 1].end()
    return core if geocoder.candidates(doc.text[core[0] : core[1]]) else None


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
        dateline=_dateline(doc.text, start, end),
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


def _place_like(
    doc: Doc, start: int, end: int, geocoder: Geocoder, *, strict: bool = False
) -> bool:
    """A name spaCy did not call a place, but that the gazetteer knows well enough: a
    country, continent or region by its name, or a city of note after "in", "from", "of"...
    ``strict`` (for words spaCy did not tag at all) asks for a region's main name."""
    name = doc.text[start:end]
    key = name_key(name)
    if not name[:1].isupper() or key in COMPASS or key in DISEASES or len(key) < 3:
        return False
    candidates = geocoder.candidates(name)
    if not candidates:
        return False
    for candidate in candidates:
        if candidate.feature_code.startswith("PCL") or candidate.feature_code == "CONT":
            return True
        if candidate.feature_code in STRONG_CODES and (
            not strict or name_key(candidate.name) == key
        ):
            return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1].lower_
    top = candidates[0]
    return (
        (before in LOCATIVE or (before == "of" and not strict))
        and top.population >= NOTABLE_POPULATION
        and name_key(top.name) == key
    )


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
