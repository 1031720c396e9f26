"""Where and when an event happened, from its clause and, failing that, its story.

place
    a place in a prepositional phrase of the trigger ("at Panmunjom", "across the DMZ"; where
    it happened before where someone went: "in" over "into", and destinations only for
    movements, the types with ``moves`` in ``types.toml``), else one in the trigger's own
    clause; metonymic names (Beijing for China's government) and modifiers ("North Korea
    soldier", "a U.S. drone strike") never; the *site* its clause names ("at the busy bus
    station") as written. For an event that happened, failing that: the place its sentence
    names (:func:`sentence_places`), where the text puts its actor or target within
    :data:`CONTEXT_WINDOW` sentences ("The soldier was found ... of Panmunjom"; the most
    precise such place first: a town, then a name the gazetteer does not know, then a
    province or country), the passage's last place, the article's focus
    (:func:`passage_places`).
date
    a date or time attached to the trigger or its phrases ("killed 12 in an attack on
    Tuesday"), else to a clause it depends on ("On Monday a soldier defected, suffering
    injuries after soldiers opened fire"), never one across a reported-speech boundary;
    never one attached to another event a noun trigger is part of ("apologized on Friday for
    the 2010 raid"); failing that (in :mod:`.detection`), a date of its sentence, the date of
    the nearest event sharing its actor or target, the publication date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from spacy.tokens import Doc, Token

from tidings.extract.events.actors import ActorBook
from tidings.extract.events.drafts import Draft
from tidings.extract.syntax import own_subject
from tidings.model import HAPPENED_MODALITIES, DateMention, Focus, Place
from tidings.rules import RoleBook

__all__ = [
    "CONTEXT_WINDOW",
    "calendar",
    "clause_date",
    "clause_place",
    "clause_site",
    "date_anchors",
    "locations",
    "nearest",
    "passage_places",
    "place_rank",
    "place_tokens",
    "sentence_places",
]

NEAR_PREPOSITIONS = ("at", "in", "near", "on", "across", "along", "inside", "outside", "within")
FAR_PREPOSITIONS = ("into", "to", "toward", "towards", "through", "via", "from", "over", "off")
DATE_CLIMB = frozenset(
    {"advcl", "conj", "xcomp", "pcomp", "acl", "prep", "pobj", "nsubj", "nsubjpass", "dobj",
     "attr", "amod", "compound", "npadvmod", "appos"}
)  # fmt: skip
OWN_CLAUSE_CUT = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "xcomp"})
CONTEXT_WINDOW = 3
PASSAGE_WINDOW = 2  # sentences back the passage's place may be
T = TypeVar("T")


def place_tokens(
    doc: Doc, places: Sequence[Place], roles: RoleBook, sites: frozenset[str] = frozenset()
) -> dict[int, Place]:
    """Tokens of the places that can say where something happened: not a metonymic name,
    nor one that says whose someone or something is ("North Korea soldier", "United States
    forces": a place before a role noun; "a U.S. drone strike", "Britain's decision": a
    country before anything but a site; "a Britain-based group"; a place in an apposition:
    "Gomez, a native of Mexico,"); a place before a building
    or site still is one ("Baghdad airport"), and so is a town before an event ("the
    Nagasaki blast")."""
    found: dict[int, Place] = {}
    for place in places:
        if place.metonymic:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        modified = root.head
        modifier = root.dep_ in ("compound", "amod", "poss", "nmod")
        describes = modifier and (
            roles.is_role_noun(modified.lemma_) or modified.ent_type_ in ("PERSON", "NORP")
        )
        describes = describes or (
            modifier and place.precision == "country" and modified.lemma_.lower() not in sites
        )
        describes = describes or (root.dep_ == "npadvmod" and modified.tag_ == "VBN")
        describes = describes or _in_apposition(root)
        if not describes:
            for token in span:
                found.setdefault(token.i, place)
    return found


def _in_apposition(token: Token) -> bool:
    """Is the token inside an apposition to someone, within its noun phrase ("Gomez, a
    native of Mexico, was arrested": who he is, not where)? One to a place says where that
    place is ("in Khan Sheikhoun, a town in Idlib province")."""
    for word in (token, *token.ancestors):
        if word.pos_ in ("VERB", "AUX"):
            return False
        if word.dep_ == "appos":
            return word.head.ent_type_ not in ("GPE", "LOC", "FAC")
    return False


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


def clause_site(head: Token, sites: frozenset[str]) -> tuple[int, int] | None:
    """The spot the trigger's clause names ("at the busy Oxford Street bus station", "a
    bakery on Rue Victor Hugo"): a phrase of :data:`NEAR_PREPOSITIONS` headed by a site noun
    (``sites.toml``), or the noun a "where" clause describes ("the station, where six were
    killed"); its character span, without a relative clause or what follows a comma."""
    where = head.dep_ == "relcl" and any(c.lower_ == "where" for c in head.children)
    if where and head.head.lemma_.lower() in sites:
        return _phrase(head.head)
    for child in head.children:
        if child.dep_ != "prep" or child.lower_ not in NEAR_PREPOSITIONS:
            continue
        noun = next((g for g in child.children if g.dep_ == "pobj"), None)
        if noun is not None and noun.lemma_.lower() in sites and noun.pos_ == "NOUN":
            return _phrase(noun)
    return None


def _phrase(noun: Token) -> tuple[int, int]:
    """The noun with what modifies it before it, and the "of"/"on"/"in" phrases after it up
    to a comma or a clause ("a bakery on the central street")."""
    tokens = [noun]
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("det", "amod", "compound", "nmod", "poss", "nummod"):
            tokens.extend(child.subtree)
        elif (
            child.i > noun.i and child.dep_ == "prep" and child.lower_ in ("of", "on", "in", "near")
        ):
            subtree = list(child.subtree)
            if not any(t.dep_ in ("relcl", "acl") or t.is_punct for t in subtree):
                tokens.extend(subtree)
    first = min(t.i for t in tokens)
    last = max(t.i for t in tokens)
    doc = noun.doc
    return doc[first].idx, doc[last].idx + len(doc[last].text)


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


def clause_date(
    head: Token, date_at: dict[int, DateMention], events: frozenset[int] = frozenset()
) -> DateMention | None:
    """A date attached to the trigger or its phrases ("killed 12 in an attack on Tuesday"),
    else to a word it hangs from ("On Monday a soldier defected, ... after soldiers opened
    fire"), never to another event's trigger (``events``: "apologized on Friday for the
    2010 raid" does not date the raid to the Friday)."""
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
        if token.i in events and head.pos_ in ("NOUN", "PROPN"):
            return None  # a noun of another event's phrase: that event's date is not its own
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
        preposition = token.head if token.dep_ == "pobj" else None
        if preposition is not None and preposition.lower_ not in NEAR_PREPOSITIONS:
            continue  # "apologized to Turkey", "flights from Paris": not where anyone is
        if book.actor_of(token) is not None and token.dep_ in ("nsubj", "nsubjpass", "dobj"):
            continue  # "Turkey protested": a party, not a location
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


def _happened(draft: Draft) -> bool:
    return draft.modality in HAPPENED_MODALITIES and not draft.negated


def _place_starts(place_at: dict[int, Place]) -> list[tuple[int, Place]]:
    """(first token, place) of each place on the map, in text order: a place beyond the
    event's clause is there to put it on the map."""
    seen: set[int] = set()
    found = []
    for index in sorted(place_at):
        place = place_at[index]
        if place.lat is not None and place.start not in seen:
            seen.add(place.start)
            found.append((index, place))
    return found


def sentence_places(
    drafts: list[Draft], place_at: dict[int, Place], sentence_of: Sequence[int], book: ActorBook
) -> None:
    """An event that happened and whose clause names no place takes the place its sentence
    (or the sentence of one of its mentions) names nearest to it (``place_source``:
    ``sentence``), unless that name is the actor or target of an event of the sentence
    ("apologized to Turkey for the raid": Turkey is where neither happened)."""
    starts = _place_starts(place_at)
    for draft in drafts:
        if draft.place is not None or not _happened(draft):
            continue
        sentences = {draft.sentence, *(m.sentence for m in draft.mentions)}
        parties = {  # no party to an event of its sentence is where it happened
            book.root(c)
            for d in drafts
            if sentences & {d.sentence, *(m.sentence for m in d.mentions)}
            for c in (d.actor, d.target)
            if c is not None
        }
        candidates = [
            (i, p)
            for i, p in starts
            if sentence_of[i] in sentences and not _names_party(i, parties, book)
        ]
        if candidates:
            head = draft.match.head.i
            _, draft.place = min(candidates, key=lambda item: (abs(item[0] - head), item[0]))
            draft.place_source = "sentence"


def _names_party(index: int, parties: set[int], book: ActorBook) -> bool:
    cluster = book.actor_of(book.doc[index])
    return cluster is not None and book.root(cluster) in parties


def passage_places(
    drafts: list[Draft],
    place_at: dict[int, Place],
    sentence_of: Sequence[int],
    places: Sequence[Place],
    focus: Sequence[Focus],
) -> None:
    """Failing that, the place named last in the :data:`PASSAGE_WINDOW` sentences before it
    (``passage``), else the first mention of the place the article is about (``focus``)."""
    starts = _place_starts(place_at)
    focus_place = _focus_place(places, focus)
    for draft in drafts:
        if draft.place is not None or not _happened(draft):
            continue
        earlier = [
            (i, p)
            for i, p in starts
            if draft.sentence - PASSAGE_WINDOW <= sentence_of[i] < draft.sentence
        ]
        if earlier:
            draft.place, draft.place_source = earlier[-1][1], "passage"
        elif focus_place is not None:
            draft.place, draft.place_source = focus_place, "focus"


def _focus_place(places: Sequence[Place], focus: Sequence[Focus]) -> Place | None:
    if not focus:
        return None
    top = focus[0]
    return next(
        (
            p
            for p in places
            if not p.metonymic
            and p.lat is not None
            and (p.geonameid == top.geonameid if top.geonameid else p.name == top.name)
        ),
        None,
    )
