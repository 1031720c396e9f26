"""Named entities: every person, organisation, place and group, with all its mentions.

spaCy's NER finds the mentions; this module repairs what is wrong in a general way and merges
the mentions that name the same thing within one article:

* Types: an ORG whose head noun is a line, zone, border, river ... (``the Military
  Demarcation Line``), a known geographic acronym (``DMZ``), or the object of ``across``/
  ``along``/``beyond`` is a LOC; a PERSON or ORG ending in avenue, street, airport ... is
  a FAC. Numeric labels (DATE, CARDINAL, MONEY ...) are left to the dates and quantities
  stages.
* Names: a leading "the" and a possessive ending are not part of the name.
* Aliases: the same name up to case, "the" and a plural -s (``North Koreans``/``North Korean``);
  an acronym or a partly abbreviated form (``UN Command`` for ``United Nations Command``); an
  acronym defined in brackets (``Federal Security Service (FSB)``); a person's surname or
  given name alone (``Putin`` for ``Vladimir Putin``), when only one person in the article has it.
* Missed mentions: an exact, capitalised occurrence of a known name that spaCy did not tag.

The canonical name is the fullest form; ids (``e1``, ``e2`` ...) follow first mention.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from tidings.model import Entity, EntityType, Span
from tidings.nlp import doc_text

KEPT_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
GEOGRAPHIC_HEADS = frozenset(
    "line zone border boundary frontier river sea ocean strait mountain mountains valley "
    "peninsula gulf bay lake island islands canal desert coast corridor plateau".split()
)
FACILITY_HEADS = frozenset(
    "avenue street road square bridge highway motorway airport station stadium "
    "port harbour harbor hospital prison".split()
)
GEOGRAPHIC_ACRONYMS = frozenset({"DMZ", "EEZ", "LoC", "LAC"})
SPATIAL_PREPOSITIONS = frozenset({"across", "along", "beyond"})
NAME_STOPWORDS = frozenset({"of", "the", "and", "for", "on", "in", "de", "&"})
PERSON_TITLES = frozenset(
    "mr mrs ms dr prof president minister senator sir lord lady general gen king queen "
    "prince pope judge chancellor governor mayor".split()
)
_ACRONYM_DEFINITION = re.compile(r"\s*\((?P<acronym>[A-Z][A-Za-z0-9&.\-]{1,11})\)")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_TYPE_PRIORITY = ("PERSON", "GPE", "ORG", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW")


@dataclass(slots=True)
class _Group:
    """Mentions collected for one entity while merging."""

    key: str
    labels: Counter[str] = field(default_factory=Counter)
    mentions: list[Span] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)


def find_entities(doc: Doc) -> tuple[Entity, ...]:
    """The article's entities, in order of first mention."""
    text = doc_text(doc)
    mentions = [m for m in (_mention(ent, text) for ent in doc.ents) if m is not None]
    groups = _group_by_key(mentions)
    _add_bracketed_acronyms(groups, text)
    groups = _merge_aliases(groups)
    _add_untagged_mentions(groups, text)
    ordered = sorted(groups, key=lambda g: min(m.start for m in g.mentions))
    return tuple(_entity(f"e{number}", group) for number, group in enumerate(ordered, start=1))


def _mention(ent: SpacySpan, text: str) -> tuple[Span, str] | None:
    if ent.label_ not in KEPT_LABELS:
        return None
    start, end = ent.start_char, ent.end_char
    words = text[start:end]
    lowered = words.lower()
    if lowered.startswith("the "):
        start += 4
    possessive = _POSSESSIVE.search(text[start:end])
    if possessive:
        end -= len(possessive.group())
    name = text[start:end].strip(" \t\n,;:-–—\"“”'‘’")
    if name.endswith(".") and "." not in name[:-1]:  # a full stop, not the dot of "U.S."
        name = name[:-1]
    if not name or not any(character.isalpha() for character in name):
        return None
    offset = text.index(name, start, end)
    span = Span(start=offset, end=offset + len(name), text=name)
    return span, _repaired_label(ent, name)


def _repaired_label(ent: SpacySpan, name: str) -> str:
    label: str = ent.label_
    if label not in ("ORG", "PERSON", "GPE", "FAC"):
        return label
    if name in GEOGRAPHIC_ACRONYMS:
        return "LOC"
    if label == "ORG" and ent[-1].lower_ in GEOGRAPHIC_HEADS:
        return "LOC"
    if label in ("ORG", "PERSON") and ent[-1].lower_ in FACILITY_HEADS and len(ent) > 1:
        return "FAC"
    head = ent.root.head
    if label == "ORG" and ent.root.dep_ == "pobj" and head.lower_ in SPATIAL_PREPOSITIONS:
        return "LOC"
    return label


def _key(name: str, label: str) -> str:
    words = re.sub(r"[^\w&\s]", " ", name.casefold()).split()
    if words and words[0] in PERSON_TITLES and label == "PERSON":
        words = words[1:] or words
    if label == "NORP" and words and words[-1].endswith("s") and len(words[-1]) > 3:
        words[-1] = words[-1][:-1]
    return " ".join(words)


def _group_by_key(mentions: Iterable[tuple[Span, str]]) -> list[_Group]:
    groups: dict[str, _Group] = {}
    for span, label in mentions:
        key = _key(span.text, label)
        group = groups.setdefault(key, _Group(key=key))
        group.labels[label] += 1
        group.mentions.append(span)
        group.aliases.add(span.text)
    return list(groups.values())


def _add_bracketed_acronyms(groups: list[_Group], text: str) -> None:
    """``Federal Security Service (FSB)``: FSB becomes an alias of the full name."""
    for group in groups:
        for mention in list(group.mentions):
            match = _ACRONYM_DEFINITION.match(text, mention.end)
            if match and len(mention.text.split()) > 1:
                group.aliases.add(match.group("acronym"))


def _merge_aliases(groups: list[_Group]) -> list[_Group]:
    """Fold each group into a fuller one that it abbreviates or names in part."""
    by_length = sorted(groups, key=lambda g: (-len(_longest(g).split()), -len(g.mentions)))
    kept: list[_Group] = []
    for group in by_length:
        target = _fuller_form(group, kept)
        if target is None:
            kept.append(group)
            continue
        if not _is_person(target):  # a person's name part keeps the person's type
            target.labels.update(group.labels)
        target.mentions.extend(group.mentions)
        target.aliases.update(group.aliases)
    return kept


def _fuller_form(group: _Group, kept: list[_Group]) -> _Group | None:
    label = _label(group)
    short = _longest(group)
    candidates = []
    for other in kept:
        other_label = _label(other)
        if short in other.aliases and other_label in (label, "ORG", "GPE", "LOC"):
            return other
        if other_label == "PERSON" and (label == "PERSON" or len(group.labels) > 1):
            # spaCy often gives a surname alone a different label each time ("Pelosi" as
            # GPE, FAC and EVENT): when it cannot decide, the named person wins.
            if _names_part_of(short, other):
                candidates.append(other)
        elif _compatible(label, other_label) and any(
            _abbreviates(short.split(), alias.split()) for alias in other.aliases
        ):
            candidates.append(other)
    return candidates[0] if len(candidates) == 1 else None


def _is_person(group: _Group) -> bool:
    return _label(group) == "PERSON"


def _label(group: _Group) -> str:
    """The label spaCy gave the group's mentions most often (the first seen on a tie)."""
    return group.labels.most_common(1)[0][0]


def _compatible(label: str, other: str) -> bool:
    places = {"GPE", "LOC", "FAC"}
    return (
        label == other
        or (label in places and other in places)
        or {label, other}
        <= {
            "ORG",
            "GPE",
        }
    )


def _names_part_of(short: str, person: _Group) -> bool:
    """``Putin`` or ``Vladimir`` names ``Vladimir Putin``; titles are ignored."""
    words = [w for w in short.split() if w.lower().rstrip(".") not in PERSON_TITLES]
    if not words:
        return False
    full = _longest(person).split()
    return len(words) < len(full) and all(word in full for word in words)


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is ``long`` with runs of words replaced by their initials.

    ``UN Command`` abbreviates ``United Nations Command``; ``UNC`` does too.
    """
    if short == long or not short:
        return False
    content = [w for w in long if w.lower() not in NAME_STOPWORDS]
    return _match_words(short, content) or _match_words(short, long)


def _match_words(short: list[str], long: list[str]) -> bool:
    if not short:
        return not long
    if not long:
        return False
    word = short[0]
    if word == long[0] and _match_words(short[1:], long[1:]):
        return True
    letters = word.replace(".", "")
    if len(letters) < 2 or not letters.isupper():
        return False
    if len(letters) > len(long):
        return False
    initials = "".join(w[0] for w in long[: len(letters)]).upper()
    return initials == letters.upper() and _match_words(short[1:], long[len(letters) :])


def _add_untagged_mentions(groups: list[_Group], text: str) -> None:
    """Find exact occurrences of known names (and aliases) that spaCy left untagged."""
    owner = {alias: group for group in groups for alias in group.aliases if _searchable(alias)}
    if not owner:
        return
    names = sorted(owner, key=len, reverse=True)  # the longest name wins at a position
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    taken = [(m.start, m.end) for group in groups for m in group.mentions]
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(s < end and start < e for s, e in taken):
            continue
        owner[match.group()].mentions.append(Span(start=start, end=end, text=match.group()))


def _searchable(alias: str) -> bool:
    if alias.isupper():
        return len(alias) >= 2
    return len(alias) >= 3 and alias[0].isupper()


def _longest(group: _Group) -> str:
    # sorted first: ties must not depend on set order (PYTHONHASHSEED)
    return max(sorted(group.aliases), key=lambda a: (len(a.split()), not a.isupper(), len(a)))


def _canonical(group: _Group, label: str) -> str:
    counts = Counter(m.text for m in group.mentions)

    def fullness(alias: str) -> tuple[int, bool, bool, int, int]:
        singular = not (label == "NORP" and alias.endswith("s"))
        return (len(alias.split()), not alias.isupper(), singular, counts[alias], len(alias))

    return max(sorted(group.aliases), key=fullness)


def _entity(identifier: str, group: _Group) -> Entity:
    top = group.labels.most_common()
    best = max(top, key=lambda pair: (pair[1], -_priority(pair[0])))[0]
    mentions = tuple(sorted(set(group.mentions), key=lambda m: (m.start, m.end)))
    kind = cast(EntityType, best)  # spaCy's label; only the types of EntityType get here
    return Entity(id=identifier, name=_canonical(group, best), type=kind, mentions=mentions)


def _priority(label: str) -> int:
    return _TYPE_PRIORITY.index(label) if label in _TYPE_PRIORITY else len(_TYPE_PRIORITY)
