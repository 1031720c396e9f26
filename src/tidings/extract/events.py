"""Events: who did what to whom, where and when, each with the words behind it.

``find_events(doc, ...)`` finds the triggers of the event lexicon (:mod:`event_lexicon`), and
for each one the actor and target (:mod:`event_arguments`, resolved to actors by
:mod:`actors`), whether it happened (:mod:`event_modality`), who reports it (the speaker of a
quote around it), the casualties stated in its sentence (:mod:`casualties`), and:

place
    a place in a prepositional phrase of the trigger ("at Panmunjom", "across the DMZ";
    where it happened before where someone went: "in" over "into"), else one in the
    trigger's own clause; metonymic names (Beijing for China's government) never. Failing
    that, the *context*: where the text puts the event's actor or target within three
    sentences ("The soldier was found ... of Panmunjom"), the most precise such place first
    (a town, then a name the gazetteer does not know, then a province or country),
    ``place_source: context``.
date
    a date or time of the trigger's clause, or of a clause it depends on ("On Monday a
    soldier defected, suffering injuries after soldiers opened fire"), never one across a
    reported-speech boundary; failing that, the date of the nearest event sharing its actor
    or target (``date_source: context``). Undated events stay undated.

Two triggers of one type joined by "and" are one event ("shot and wounded"). A killing
without a killer in a sentence that reports an accident or disaster, or one done by a storm,
a fire or a crash, is that accident's or disaster's toll, not an assault. What hangs under
an accusation or a claim ("accused of defrauding", "claiming the election was stolen") is
``reported`` by whoever makes it. ``confidence`` is a heuristic (trigger kind, arguments
found), not a calibrated probability.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tidings.extract.actor_roles import load_roles
from tidings.extract.actors import ActorBook
from tidings.extract.casualties import casualties
from tidings.extract.event_arguments import participants
from tidings.extract.event_lexicon import Lexicon, TriggerMatch, find_triggers
from tidings.extract.event_modality import is_negated, modality
from tidings.model import Actor, DateMention, Entity, Event, Place, Quote, Span
from tidings.nlp import doc_text

__all__ = ["find_events"]

NEAR_PREPOSITIONS = ("at", "in", "near", "on", "across", "along", "inside", "outside", "within")
FAR_PREPOSITIONS = ("into", "to", "toward", "towards", "through", "via", "from", "over", "off")
DATE_CLIMB = frozenset(
    {"advcl", "conj", "xcomp", "pcomp", "acl", "prep", "pobj", "nsubj", "nsubjpass", "dobj",
     "attr", "amod", "compound", "npadvmod", "appos"}
)  # fmt: skip
OWN_CLAUSE_CUT = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "xcomp"})
CASUALTY_TYPES = frozenset({"ASSAULT", "ACCIDENT", "DISASTER", "CRIME"})
TOLL_WORDS = frozenset({"kill", "wound", "injure"})
ACCIDENT_CAUSES = frozenset(
    "fire blaze explosion blast crash collision collapse accident derailment".split()
)
DISASTER_CAUSES = frozenset(
    "storm flood quake earthquake disease virus illness cancer heat cold avalanche landslide "
    "typhoon hurricane cyclone tornado tsunami outbreak epidemic pandemic".split()
)
NON_AGENTS = ACCIDENT_CAUSES | DISASTER_CAUSES
# Words that make what hangs under them an allegation: "accused of defrauding", "claiming the
# election was stolen", "arrested on a charge of violence".
ALLEGING = frozenset("accuse allege claim charge suspect allegation accusation suspicion".split())
MOVEMENT_TYPES = frozenset({"DEFECT", "FLEE", "MOBILIZE"})
EXPLOSIVE_MODES = frozenset({"explosives", "suicide-attack", "heavy-weapons"})
EXPLOSION_WORDS = frozenset({"explosion", "blast"})
ACCIDENTAL = frozenset(
    {"gas", "leak", "boiler", "fuel", "pipeline", "chemical", "accident", "accidental"}
)
ARMED_ROLES = frozenset({"MIL", "REB", "COP", "SPY", "UAF"})
CONTEXT_WINDOW = 3
DEFINITE = frozenset({"the", "this", "that"})
OTHER_ONE = frozenset(
    "such another last previous first next other similar earlier separate new second".split()
)
ASSERTED = ("asserted", "reported")
T = TypeVar("T")


@dataclass(slots=True)
class _Draft:
    match: TriggerMatch
    sentence: int
    actor: int | None
    target: int | None
    place: Place | None = None
    place_source: str | None = None
    date: DateMention | None = None
    date_source: str | None = None
    modality: str = "asserted"
    reported_by: int | None = None


def find_events(
    doc: Doc,
    lexicon: Lexicon,
    *,
    entities: Sequence[Entity],
    places: Sequence[Place],
    dates: Sequence[DateMention],
    quotes: Sequence[Quote],
    title: str | None = None,
) -> tuple[tuple[Actor, ...], tuple[Event, ...]]:
    """The article's actors and events, in text order."""
    text = doc_text(doc)
    title_end = len(title) if title and text.startswith(title) else 0
    book = ActorBook(doc, entities, quotes, load_roles(), dict(lexicon.agents), title)
    sentences = list(doc.sents)
    sentence_of = {token.i: number for number, s in enumerate(sentences) for token in s}
    matches = _kept(find_triggers(doc, lexicon), sentence_of)
    matches = [_with_cause(match) for match in matches]
    drafts: list[_Draft] = []
    for match in matches:
        transitive = lexicon.types[match.trigger.type].transitive
        actor_word, target_word = participants(match, transitive, title_end)
        draft = _Draft(match, sentence_of[match.head.i], book.actor_of(actor_word), None)
        draft.target = book.actor_of(target_word)
        if not match.trigger.noun and match.trigger.needs_target and draft.target is None:
            continue  # "released its findings", "met the deadline"
        if not transitive and not match.trigger.noun and _passive_voice(match.head):
            continue  # "windows were broken out"
        if draft.actor is not None:
            book.note_doer(draft.actor, match.trigger.type)
        drafts.append(draft)
    book.link_agent_descriptions()
    _explosions_as_attacks(drafts, lexicon)
    place_at = _place_tokens(doc, places)
    date_at = _date_anchors(doc, dates)
    for draft in drafts:
        head = draft.match.head
        draft.place = _clause_place(head, place_at, draft.match.trigger.type in MOVEMENT_TYPES)
        draft.place_source = "clause" if draft.place else None
        draft.date = _clause_date(head, date_at)
        draft.date_source = "clause" if draft.date and draft.date.value else None
        set_date = draft.date is not None and draft.date.type == "SET"
        if draft.date is not None and not _calendar(draft.date):
            draft.date = None
            draft.date_source = None
        in_title = head.idx < title_end
        draft.modality = modality(head, draft.match.trigger.noun, in_title, set_date) or "asserted"
        quote = next((q for q in quotes if q.start <= draft.match.start < q.end), None)
        if quote is not None:
            draft.reported_by = book.speaker_actor(quote)
            if draft.modality == "asserted":
                draft.modality = "reported"
        alleging = _alleging_word(head)
        if alleging is not None and draft.modality in ASSERTED:
            draft.modality = "reported"  # an allegation, not a fact the text asserts
            claimant = next((c for c in alleging.children if c.dep_ == "nsubj"), None)
            draft.reported_by = book.actor_of(claimant) or draft.reported_by
    _same_events(drafts)
    _context(drafts, book, _locations(doc, place_at, book, sentence_of))
    used = {c for d in drafts for c in (d.actor, d.target, d.reported_by) if c is not None}
    actors, ids = book.actors(used)
    coded = {actor.id: actor for actor in actors}
    toll_owner: dict[int, int] = {}  # sentence -> the one event that carries its toll
    for index, draft in enumerate(drafts):
        if draft.match.trigger.type in CASUALTY_TYPES:
            toll_owner.setdefault(draft.sentence, index)
    events = tuple(
        _event(
            number, draft, lexicon, ids, coded, sentences[draft.sentence], text, title_end,
            toll=toll_owner.get(draft.sentence) == number - 1,
        )
        for number, draft in enumerate(drafts, start=1)
    )  # fmt: skip
    return actors, events


def _kept(matches: list[TriggerMatch], sentence_of: dict[int, int]) -> list[TriggerMatch]:
    """Drop the second of two conjoined triggers of one type that share a subject ("shot and
    wounded"; not "rescued him, and he was taken to hospital"), and a
    killing or wounding with no killer named in a sentence that reports what did it ("a
    fire killed five", "killed in a firefight"): that event carries the toll."""
    by_head = {m.head.i: m for m in matches}
    causes = {
        sentence_of[m.head.i]
        for m in matches
        if m.trigger.type in CASUALTY_TYPES and m.head.lemma_.lower() not in TOLL_WORDS
    }
    kept = []
    for match in matches:
        head = match.head
        first = by_head.get(head.head.i) if head.dep_ == "conj" else None
        own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children)
        if first is not None and first.trigger.type == match.trigger.type and not own_subject:
            continue
        toll = match.trigger.type == "ASSAULT" and head.lemma_.lower() in TOLL_WORDS
        if toll and sentence_of[head.i] in causes and not _has_agent(head):
            continue
        kept.append(match)
    return kept


def _with_cause(match: TriggerMatch) -> TriggerMatch:
    """ "Typhoon Hagibis hit Japan, killing at least 20": a killing done by a storm, a fire or
    a crash is that disaster's or accident's toll, not an assault."""
    trigger = match.trigger
    if trigger.type != "ASSAULT" or match.head.lemma_.lower() not in TOLL_WORDS:
        return match
    subject = _doer_word(match.head)
    if subject is None:
        return match
    words = {subject.lemma_.lower()} | {
        c.lemma_.lower() for c in subject.children if c.dep_ == "compound"
    }
    cause = (
        "DISASTER" if words & DISASTER_CAUSES else "ACCIDENT" if words & ACCIDENT_CAUSES else None
    )
    if cause is None:
        return match
    return dataclasses.replace(
        match, trigger=dataclasses.replace(trigger, type=cause, mode=None, acled=None)
    )


def _doer_word(verb: Token) -> Token | None:
    """The verb's subject, or for a participle ("..., killing 20") its clause's subject."""
    for token in (verb, verb.head):
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("advcl", "conj", "xcomp"):
            return None
    return None


def _alleging_word(head: Token) -> Token | None:
    token = head
    for _ in range(5):
        if (
            token.dep_ not in ("ccomp", "xcomp", "pcomp", "pobj", "prep", "acl")
            or token.head.i == token.i
        ):
            return None
        token = token.head
        if token.lemma_.lower() in ALLEGING:
            return token
    return None


def _has_agent(verb: Token) -> bool:
    return any(
        child.dep_ == "agent" or (child.dep_ == "nsubj" and child.lemma_.lower() not in NON_AGENTS)
        for child in verb.children
    )


def _passive_voice(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def _place_tokens(doc: Doc, places: Sequence[Place]) -> dict[int, Place]:
    """Tokens of the places that can say where something happened: not a metonymic name,
    nor one that modifies a noun ("North Korea soldier")."""
    found: dict[int, Place] = {}
    for place in places:
        if place.metonymic:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and span.root.dep_ not in ("compound", "amod", "poss", "nmod"):
            for token in span:
                found.setdefault(token.i, place)
    return found


def _clause_place(head: Token, place_at: dict[int, Place], moving: bool) -> Place | None:
    by_preposition: dict[str, Place] = {}
    words = [head, *(c for c in head.children if c.dep_ == "conj" and _same_clause(c))]
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


def _date_anchors(doc: Doc, dates: Sequence[DateMention]) -> dict[int, DateMention]:
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


def _same_clause(word: Token) -> bool:
    """Is ``word`` part of its head's clause (a verb joined by "and" without a subject of its
    own is: "killed 12 and wounded 30 in an attack on Tuesday")?"""
    if word.dep_ == "conj":
        return not any(c.dep_ in ("nsubj", "nsubjpass") for c in word.children)
    return word.dep_ not in OWN_CLAUSE_CUT


def _calendar(mention: DateMention) -> bool:
    """A date or time on the calendar ("2017-11-13", "2017-06"), not "now" or a duration."""
    value = mention.value or ""
    return mention.type in ("DATE", "TIME") and value[:1].isdigit()


def _clause_date(head: Token, date_at: dict[int, DateMention]) -> DateMention | None:
    """A date attached to the trigger or its phrases ("killed 12 in an attack on Tuesday"),
    else to a word it hangs from ("On Monday a soldier defected, ... after soldiers opened
    fire")."""
    queue = [head]
    while queue:  # breadth first: the nearest attachment wins
        token = queue.pop(0)
        if token.i in date_at:
            return date_at[token.i]
        queue.extend(c for c in token.children if _same_clause(c))
    token = head
    for _ in range(8):
        if token.i in date_at:
            return date_at[token.i]
        if token.dep_ not in DATE_CLIMB or token.head.i == token.i:
            return None
        token = token.head
    return None


def _locations(
    doc: Doc, place_at: dict[int, Place], book: ActorBook, sentence_of: dict[int, int]
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


def _same_events(drafts: list[_Draft]) -> None:
    """ "The defection comes at a time of ...": a definite event noun is the latest earlier
    event of its type named by a word of the same stem ("defected"), and takes its actor and
    target ("such", "last", "another" mean a different one)."""
    for index, draft in enumerate(drafts):
        head = draft.match.head
        if not draft.match.trigger.noun or draft.actor is not None:
            continue
        words = {child.lower_ for child in head.children if child.dep_ in ("det", "amod")}
        if not words & DEFINITE or words & OTHER_ONE:
            continue
        stem = _stem(head)
        for earlier in reversed(drafts[:index]):
            same_type = earlier.match.trigger.type == draft.match.trigger.type
            same_word = _stem(earlier.match.head) == stem
            if (
                same_type
                and same_word
                and earlier.actor is not None
                and earlier.modality in ASSERTED
            ):
                draft.actor = earlier.actor
                draft.target = draft.target if draft.target is not None else earlier.target
                break


def _stem(word: Token) -> str:
    return word.lemma_.lower()[:5]


def _explosions_as_attacks(drafts: list[_Draft], lexicon: Lexicon) -> None:
    """An explosion in an article that reports an attack with explosives is that attack."""
    attacks = [
        d for d in drafts
        if d.match.trigger.type == "ASSAULT" and d.match.trigger.mode in EXPLOSIVE_MODES
    ]  # fmt: skip
    if not attacks:
        return
    for draft in drafts:
        trigger = draft.match.trigger
        if len(trigger.words) > 1 or _accident_words(draft.match.head.sent):
            continue  # "gas explosion", "a gas leak led to an explosion"
        if trigger.type == "ACCIDENT" and draft.match.head.lemma_.lower() in EXPLOSION_WORDS:
            attack = dataclasses.replace(trigger, type="ASSAULT", mode="explosives", acled=None)
            draft.match = dataclasses.replace(draft.match, trigger=attack)


def _accident_words(sentence: SpacySpan) -> bool:
    return any(token.lemma_.lower() in ACCIDENTAL for token in sentence)


def _context(
    drafts: list[_Draft], book: ActorBook, locations: list[tuple[int, Place, int]]
) -> None:
    """Dates and places from the events and statements around an event."""
    for draft in drafts:
        if draft.modality not in ASSERTED:
            continue
        mine = {book.root(c) for c in (draft.actor, draft.target) if c is not None}
        if not mine:
            continue
        if draft.date is None:
            dated = [
                d for d in drafts
                if d.date_source == "clause"
                and {book.root(c) for c in (d.actor, d.target) if c is not None} & mine
            ]  # fmt: skip
            nearest = _nearest(dated, draft.sentence, lambda d: d.sentence)
            if nearest is not None:
                draft.date, draft.date_source = nearest.date, "context"
        if draft.place is None:
            located = [loc for loc in locations if loc[0] in mine]
            located += [
                (c, d.place, d.sentence) for d in drafts if d.place_source == "clause"
                for c in (d.actor, d.target) if c is not None and book.root(c) in mine
                and d.place is not None
            ]  # fmt: skip
            located = [loc for loc in located if abs(loc[2] - draft.sentence) <= CONTEXT_WINDOW]
            if located:
                finest = min(_place_rank(loc[1]) for loc in located)
                located = [loc for loc in located if _place_rank(loc[1]) == finest]
                near = _nearest(located, draft.sentence, lambda loc: loc[2])
                if near is not None:
                    draft.place, draft.place_source = near[1], "context"


def _place_rank(place: Place) -> int:
    """The most precise place first: a town or point, a district, a name the gazetteer does
    not know (a village, a zone), a province, a country."""
    if place.lat is None:
        return 2
    return {"point": 0, "city": 0, "admin2": 1, "admin1": 3, "country": 4}.get(
        place.precision or "", 5
    )


def _nearest(items: list[T], sentence: int, sentence_of: Callable[[T], int]) -> T | None:
    """The item nearest to ``sentence``; of two as near, the earlier."""
    best: T | None = None
    best_key: tuple[int, int] | None = None
    for item in items:
        number = sentence_of(item)
        rank = (abs(number - sentence), 0 if number <= sentence else 1)
        if best_key is None or rank < best_key:
            best, best_key = item, rank
    return best


def _event(
    number: int,
    draft: _Draft,
    lexicon: Lexicon,
    ids: dict[int, str],
    actors: dict[str, Actor],
    sentence: SpacySpan,
    text: str,
    title_end: int,
    *,
    toll: bool,
) -> Event:
    match = draft.match
    trigger = match.trigger
    kind = lexicon.types[trigger.type]
    actor = ids.get(draft.actor) if draft.actor is not None else None
    target = ids.get(draft.target) if draft.target is not None else None
    start, end = sentence.start_char, sentence.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    killed, injured = casualties(sentence) if toll else (None, None)
    acled = trigger.acled or _acled(kind.acled, trigger.type, actor, target, actors)
    return Event(
        id=f"ev{number}",
        type=trigger.type,
        mode=trigger.mode,
        cameo=kind.cameo,
        acled=acled,
        trigger=Span(start=match.start, end=match.end, text=text[match.start : match.end]),
        evidence=Span(start=start, end=end, text=text[start:end]),
        actor=actor,
        target=target,
        place=draft.place.id if draft.place else None,
        place_source=draft.place_source if draft.place else None,
        date=draft.date.value if draft.date else None,
        date_precision=draft.date.precision if draft.date else None,
        date_source=draft.date_source if draft.date else None,
        date_span=(
            Span(start=draft.date.start, end=draft.date.end, text=draft.date.text)
            if draft.date and draft.date_source == "clause"
            else None
        ),
        negated=is_negated(match.head),
        modality=draft.modality,
        reported_by=ids.get(draft.reported_by) if draft.reported_by is not None else None,
        killed=killed,
        injured=injured,
        confidence=_confidence(draft, actor, target, match.head.idx < title_end),
    )


def _acled(
    default: str | None, event_type: str, actor: str | None, target: str | None,
    actors: dict[str, Actor],
) -> str | None:  # fmt: skip
    """ASSAULT between two armed groups is a battle; on anyone else, violence against
    civilians (ACLED's distinction)."""
    if event_type != "ASSAULT" or actor is None or target is None:
        return default
    one, other = actors[actor], actors[target]
    if one.role in ARMED_ROLES and other.role in ARMED_ROLES and other.plural:
        return "Battles"
    return default


def _confidence(draft: _Draft, actor: str | None, target: str | None, in_title: bool) -> float:
    score = 0.55 if draft.match.trigger.noun else 0.65
    score += 0.15 if actor else 0.0
    score += 0.1 if target else 0.0
    score += 0.05 if draft.date_source == "clause" else 0.0
    score += 0.05 if draft.place_source == "clause" else 0.0
    score -= 0.1 if in_title else 0.0
    return round(min(score, 0.95), 2)


def with_place_ids(places: Sequence[Place]) -> tuple[Place, ...]:
    """Places numbered p1, p2 ... in text order, so events can point at them."""
    return tuple(dataclasses.replace(place, id=f"p{n}") for n, place in enumerate(places, 1))
