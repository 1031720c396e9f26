"""Where and when an event happened, from its clause and, failing that, its story.

place
    a place in a prepositional phrase of the trigger ("at Panmunjom", "across the DMZ"; where
    it happened before where someone went: "in" over "into", and destinations only for
    movements, the types with ``moves`` in ``types.toml``), else one in the trigger's own
    clause; metonymic names (Beijing for China's government) and modifiers ("North Korea
    soldier") never. Failing that, the *context*:
    where the text puts the event's actor or target within :data:`CONTEXT_WINDOW` sentences
    ("The soldier was found ... of Panmunjom"), the most precise such place first (a town,
    then a name the gazetteer does not know, then a province or country).
date
    a date or time attached to the trigger or its phrases ("killed 12 in an attack on
    Tuesday"), else to a clause it depends on ("On Monday a soldier defected, suffering
    injuries after soldiers opened fire"), never one across a reported-speech boundary;
    failing that (in :mod:`.detection`), the date of the nearest event sharing
    its actor or target.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from spacy.tokens import Doc, Token

from tidings.extract.events.actors import ActorBook
from tidings.extract.syntax import own_subject
from tidings.model import DateMention, Place
from tidings.rules import RoleBook

__all__ = [
    "CONTEXT_WINDOW",
    "calendar",
    "clause_date",
    "clause_place",
    "date_anchors",
    "locations",
    "nearest",
    "place_rank",
    "place_tokens",
]

NEAR_PREPOSITIONS = ("at", "in", "near", "on", "across", "along", "inside", "outside", "within")
FAR_PREPOSITIONS = ("into", "to", "toward", "towards", "through", "via", "from", "over", "off")
DATE_CLIMB = frozenset(
    {"advcl", "conj", "xcomp", "pcomp", "acl", "prep", "pobj", "nsubj", "nsubjpass", "dobj",
     "attr", "amod", "compound", "npadvmod", "appos"}
)  # fmt: skip
OWN_CLAUSE_CUT = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "xcomp"})
CONTEXT_WINDOW = 3
T = TypeVar("T")


def place_tokens(doc: Doc, places: Sequence[Place], roles: RoleBook) -> dict[int, Place]:
    """Tokens of the places that can say where something happened: not a metonymic name,
    nor one that says whose someone is ("North Korea soldier", "United States forces": a
    place before a role noun); a place before a building or site still is one ("Baghdad
    airport")."""
    found: dict[int, Place] = {}
    for place in places:
        if place.metonymic:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        modified = span.root.head
        describes = span.root.dep_ in ("compound", "amod", "poss", "nmod") and (
            roles.is_role_noun(modified.lemma_) or modified.ent_type_ in ("PERSON", "NORP")
        )
        if not describes:
            for token in span:
                found.setdefault(token.i, place)
    return found


def clause_place(head: Token, place_at: dict[int, Place], moving: bool) -> Place | None:
    by_preposition: dict[str, Place] = {}
    words = [head, *(c for c in head.children if c.dep_ == "conj" and same_clause(c))]
    for child in (c for word in words for c in word.children):
        if child.dep_ == "prep" and child.lower_ not in by_preposition:
            place = _first_place(child, place_at)
            if place is not None:
                by_preposition[child.lower_] = place
    for preposition in (*NEAR_PREPOSITIONS, *(FAR_PREPOSITIONS if moving else ())):
        if preposition in by_preposition:
            return by_preposition[preposition]
    for child in head.children:
        if child.dep_ not in OWN_CLAUSE_CUT and child.dep_ not in ("prep", "dative"):
            place = _first_place(child, place_at)
            if place is not None:
                return place
    return None


def _first_place(root: Token, place_at: dict[int, Place]) -> Place | None:
    for token in root.subtree:
        if token.dep_ in ("relcl", "ccomp", "advcl", "acl", "xcomp"):
            return None
        place = place_at.get(token.i)
        if place is not None:
            return place
    return None


def date_anchors(doc: Doc, dates: Sequence[DateMention]) -> dict[int, DateMention]:
    """The word each time expression is attached to ("defected" for "On Monday")."""
    anchors: dict[int, DateMention] = {}
    for mention in dates:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        token = span.root
        inside = {t.i for t in span}
        while token.i in inside or token.pos_ == "ADP":
            if token.head.i == token.i:
                break
            token = token.head
        anchors.setdefault(token.i, mention)
    return anchors


def same_clause(word: Token) -> bool:
    """Is ``word`` part of its head's clause (a verb joined by "and" without a subject of its
    own is: "killed 12 and wounded 30 in an attack on Tuesday")?"""
    if word.dep_ == "conj":
        return own_subject(word) is None
    return word.dep_ not in OWN_CLAUSE_CUT


def calendar(mention: DateMention) -> bool:
    """A date or time on the calendar ("2017-11-13", "2017-06"), not "now" or a duration."""
    value = mention.value or ""
    return mention.type in ("DATE", "TIME") and value[:1].isdigit()


def clause_date(head: Token, date_at: dict[int, DateMention]) -> DateMention | None:
    """A date attached to the trigger or its phrases ("killed 12 in an attack on Tuesday"),
    else to a word it hangs from ("On Monday a soldier defected, ... after soldiers opened
    fire")."""
    queue = [head]
    while queue:  # breadth first: the nearest attachment wins
        token = queue.pop(0)
        if token.i in date_at:
            return date_at[token.i]
        queue.extend(c for c in token.children if same_clause(c))
    token = head
    for _ in range(8):
        if token.i in date_at:
            return date_at[token.i]
        if token.dep_ not in DATE_CLIMB or token.head.i == token.i:
            return None
        token = token.head
    return None


def locations(
    doc: Doc, place_at: dict[int, Place], book: ActorBook, sentence_of: Sequence[int]
) -> list[tuple[int, Place, int]]:
    """(actor, place, sentence): where the text puts an actor ("The soldier was found ... of
    Panmunjom")."""
    found: list[tuple[int, Place, int]] = []
    seen: set[int] = set()
    for index, place in place_at.items():
        if place.start in seen:
            continue
        seen.add(place.start)
        token = doc[index]
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
                break
            token = token.head
        for child in token.children:
            if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
                actor = book.actor_of(child)
                if actor is not None:
                    found.append((book.root(actor), place, sentence_of[token.i]))
    return found


def place_rank(place: Place) -> int:
    """The most precise place first: a town or point, a district, a name the gazetteer does
    not know (a village, a zone), a province, a country."""
    if place.lat is None:
        return 2
    return {"point": 0, "city": 0, "admin2": 1, "admin1": 3, "country": 4}.get(
        place.precision or "", 5
    )


def nearest(items: list[T], sentence: int, sentence_of: Callable[[T], int]) -> T | None:
    """The item nearest to ``sentence``; of two as near, the earlier."""
    best: T | None = None
    best_key: tuple[int, int] | None = None
    for item in items:
        number = sentence_of(item)
        rank = (abs(number - sentence), 0 if number <= sentence else 1)
        if best_key is None or rank < best_key:
            best, best_key = item, rank
    return best
