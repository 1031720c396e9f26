"""Which words name places: lexical tests on candidate names, against the gazetteer.

Used by :mod:`.toponyms` to decide what counts as a place mention:

* a name spaCy did not type as a place is one when the gazetteer knows it well enough: a
  country, continent, region, sea or first-level division by name, or a city of note after a
  locative preposition ("in Edmonton") (:func:`place_like`);
* lists tagged as one entity are split ("Lagos & Abuja, Nigeria", "Pandi, Bulacan");
* a well-known place an organisation is named after is found inside its name ("U.S. Army",
  "CTV Winnipeg", "Children's Court of Queensland");
* a longer name is reduced to the place it is built on ("Far North Queensland", "Sichuan
  province");
* compass words alone ("the North") and diseases named after places ("Ebola", "West Nile
  virus", "Marburg fever") are not places; an abbreviation keeps its full stop ("Ky.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

from tidings.geo.aliases import STATE_ABBREVIATIONS
from tidings.geo.geocoder import WIDE_AREAS, Geocoder
from tidings.geo.schema import name_key
from tidings.nlp import doc_text

__all__ = [
    "comma_parts",
    "embedded_place",
    "known_core",
    "list_parts",
    "listed_place",
    "not_a_place",
    "place_like",
    "untagged_names",
    "with_period",
]

COMPASS = frozenset(
    "north south east west northeast northwest southeast southwest north east north west "
    "south east south west midwest".split(" ")
)
LOCATIVE = frozenset(
    "in at on near from to into across outside inside via through around toward towards "
    "throughout within between".split()
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
STRONG_CODES = (
    frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "TERR", "CONT", "ADM1", "ADM2"})
    | WIDE_AREAS
)
NOTABLE_POPULATION = 100_000
_LIST_ITEM = re.compile(r"[^\W\d_][^,&]*?(?=\s*(?:,|&|\band\b|$))")
_TRAILING = re.compile(r"[\s,;:.\-–—]+$")


def list_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The items of "Lagos & Abuja, Nigeria" or "Texas and Oklahoma"."""
    parts = []
    for match in _LIST_ITEM.finditer(text, start, end):
        item = match.group()
        skip = len(item) - len(item.removeprefix("and ")) if item.startswith("and ") else 0
        parts.append((match.start() + skip, match.end()))
    return parts


def listed_place(doc: Doc, start: int, end: int, geocoder: Geocoder) -> bool:
    """An item of a list of places: itself a place of note by its main name."""
    name = doc_text(doc)[start:end]
    candidates = geocoder.candidates(name)
    return bool(candidates) and (
        place_like(doc, start, end, geocoder)
        or (
            candidates[0].population >= NOTABLE_POPULATION
            and name_key(candidates[0].name) == name_key(name)
        )
    )


def not_a_place(doc: Doc, start: int, end: int) -> bool:
    """A compass word alone ("the North"), or a disease named after a place ("Ebola",
    "West Nile virus", "Marburg fever")."""
    key = name_key(doc_text(doc)[start:end])
    if key in COMPASS or key in DISEASES:
        return True
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return False
    following = [token.lower_ for token in doc[span.end : span.end + 2]]
    if following[:1] == ["-"]:  # "Ebola-Reston"
        following = following[1:]
    return bool(following) and following[0] in DISEASE_WORDS


def with_period(text: str, end: int) -> int:
    """ "Ky." and "Calif.": an abbreviation's full stop belongs to the name."""
    start = text.rfind(" ", 0, end) + 1
    if text[end : end + 1] == "." and text[start : end + 1] in ABBREVIATIONS:
        return end + 1
    return end


def embedded_place(doc: Doc, start: int, end: int, geocoder: Geocoder) -> tuple[int, int] | None:
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
        if window.text[:1].isupper() and listed_place(
            doc, window.start_char, window.end_char, geocoder
        ):
            return window.start_char, window.end_char
    return None


def known_core(doc: Doc, start: int, end: int, geocoder: Geocoder) -> tuple[int, int] | None:
    """The known place inside a longer name: "Far North Queensland", "Sichuan province"."""
    words = list(re.finditer(r"\S+", doc_text(doc)[start:end]))
    first, last = 0, len(words)
    while first < last - 1 and words[first].group().lower() in QUALIFIERS:
        first += 1
    while last > first + 1 and words[last - 1].group().lower() in GENERIC_TAILS:
        last -= 1
    if (first, last) == (0, len(words)):
        return None
    core = start + words[first].start(), start + words[last - 1].end()
    return core if geocoder.candidates(doc_text(doc)[core[0] : core[1]]) else None


def comma_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """ "Pandi, Bulacan" tagged as one entity is two places."""
    parts = []
    for match in re.finditer(r"[^,]+", text[start:end]):
        part_start = start + match.start() + (len(match.group()) - len(match.group().lstrip()))
        part_end = start + match.end()
        if part_end > part_start:
            parts.append((part_start, part_end))
    return parts or [(start, end)]


def place_like(doc: Doc, start: int, end: int, geocoder: Geocoder, *, strict: bool = False) -> bool:
    """A name spaCy did not call a place, but that the gazetteer knows well enough: a
    country, continent or region by its name, or a city of note after "in", "from", "of"...
    ``strict`` (for words spaCy did not tag at all) asks for a region's main name."""
    name = doc_text(doc)[start:end]
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


def untagged_names(doc: Doc, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
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
