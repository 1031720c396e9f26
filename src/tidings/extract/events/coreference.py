"""Mentions of one event: the drafts that tell of the same real event become one.

An article tells of its events more than once: in the headline and again in the lead, as
"the raid" two paragraphs later, as the toll it took ("..., killing 12"). Each of these is
found as a trigger of its own; here they are merged, the first in text order being the event
and the others its mentions (:meth:`.Draft.absorb` gathers what each says):

- **tolls**: a toll word of the sentence that reports what did it (:mod:`.selection`:
  "a bomb exploded ..., killing three", "the attack left 12 dead", "died in the blast") is a
  mention of that event: the event its subject names, else the nearest event of a
  ``casualties`` type in the sentence;
- **instruments**: an event noun in a phrase of a verb event of the same type, or its subject
  ("killed in an airstrike", "raided the offices in a dawn raid", "a car bomb exploded");
- **anaphora**: a definite event noun ("the raid", "this attack", "the 2010 raid") is the
  latest earlier event of its type (one named by a word of the same stem first), unless it
  says it is another one ("such", "another", "a second", "last", "previous"); a noun of a
  kind ("the bombardment": heavy weapons) only an event of its stem or kind, a plain one
  ("the attack") any;
- **headline and lead**: the headline's event and the lead's event of the same type;
- **the same word nearby**: an event noun of the same word within two sentences (not a
  plural, nor "another");
- **the same participants**: an event of the same type done to the same target
  ("his fellow soldiers opened fire on him" ... "he was shot by North Korean military" ...
  "he was wounded in his shoulder"), or, for a type without targets (``transitive = false``
  in ``types.toml``: defecting, fleeing), done by the same actor ("SHOT as he flees ... in
  daring ESCAPE"); a type's ``includes`` make two types one event here (the soldier's
  flight and his defection), told by the wider one.

Two drafts are merged only when they agree: no two different actors (two groups of one
country and role are one: "his fellow soldiers", "North Korean military") or targets, no
actor of one who is the target of the other (the policeman who shot is not the policeman
shot dead later), no two different dates, no two different towns, and both happened or
neither did (a feared or denied attack is not the one that took place). Modes do not keep
mentions apart: an assassination is a shooting too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from tidings.extract.events.actors import ActorBook
from tidings.extract.events.drafts import Draft
from tidings.extract.events.lexicon import TriggerMatch
from tidings.model import HAPPENED_MODALITIES, DateMention, Place

__all__ = ["merge_mentions"]

DEFINITE = frozenset({"the", "this", "that", "these", "those"})
OTHER_ONE = frozenset(
    "such another last previous first next other similar earlier separate new second third"
    " latest recent".split()
)
TOWNS = frozenset({"city", "point"})
NEARBY = 2  # sentences: how far apart two mentions of one word may be


def merge_mentions(
    drafts: list[Draft],
    tolls: Sequence[Draft],
    book: ActorBook,
    *,
    title_end: int,
    lead_end: int,
    intransitive: frozenset[str] = frozenset(),
    includes: Mapping[str, frozenset[str]] | None = None,
) -> list[Draft]:
    """``drafts`` with the mentions of one event merged into its first, and each toll draft
    made a mention of the event whose toll it tells (its victims that event's target).
    ``intransitive``: the types whose events have no target; ``includes``: the types each
    type's events also are (a defection is a flight)."""
    drafts = _instruments(drafts, book)
    _tolls(drafts, tolls)  # first: the victims a toll names say who an event was done to
    drafts = _anaphora(drafts, book)
    drafts = _headline(drafts, book, title_end, lead_end)
    drafts = _same_word_nearby(drafts, book)
    return _same_participants(drafts, book, intransitive, includes or {})


def _instruments(drafts: list[Draft], book: ActorBook) -> list[Draft]:
    by_head = {draft.match.head.i: draft for draft in drafts}
    gone: set[int] = set()
    for draft in drafts:
        head = draft.match.head
        if not draft.match.trigger.noun or head.dep_ not in ("pobj", "nsubj", "nsubjpass"):
            continue
        verb = by_head.get(head.head.head.i if head.dep_ == "pobj" else head.head.i)
        if verb is None or verb is draft or verb.match.trigger.noun:
            continue
        if verb.type == draft.type and agree(verb, draft, book):
            verb.absorb(draft)
            gone.add(id(draft))
    return [d for d in drafts if id(d) not in gone]


def _merged(
    drafts: list[Draft],
    earlier_one: Callable[[Draft, list[Draft]], Draft | None],
    leads: Callable[[Draft, Draft], bool] = lambda draft, earlier: False,
) -> list[Draft]:
    """``drafts`` in text order, each merged into the earlier draft ``earlier_one`` finds
    among those kept so far (if any); the earlier absorbs it, or it absorbs the earlier and
    takes its place when it ``leads`` (it names the wider event)."""
    kept: list[Draft] = []
    for draft in drafts:
        earlier = earlier_one(draft, kept)
        if earlier is None:
            kept.append(draft)
        elif leads(draft, earlier):
            draft.absorb(earlier)
            kept[kept.index(earlier)] = draft
        else:
            earlier.absorb(draft)
    return kept


def _anaphora(drafts: list[Draft], book: ActorBook) -> list[Draft]:
    return _merged(
        drafts,
        lambda draft, kept: _antecedent(draft, kept, book) if _definite_noun(draft) else None,
    )


def _definite_noun(draft: Draft) -> bool:
    if not draft.match.trigger.noun:
        return False
    head = draft.match.head
    words = {c.lower_ for c in head.children if c.dep_ in ("det", "amod", "nummod", "poss")}
    words |= {c.lemma_.lower() for c in head.children if c.dep_ == "amod"}
    return bool(words & DEFINITE) and not words & OTHER_ONE


def _antecedent(draft: Draft, earlier: list[Draft], book: ActorBook) -> Draft | None:
    stem = _stem(draft)
    mode = draft.match.trigger.mode
    candidates = [
        e
        for e in reversed(earlier)
        if e.type == draft.type
        and agree(e, draft, book)
        and (mode is None or _stem(e) == stem or mode in _modes(e))
    ]
    same_word = [e for e in candidates if _stem(e) == stem or any(
        m.match.head.lemma_.lower()[:5] == stem for m in e.mentions
    )]  # fmt: skip
    found = same_word or candidates
    return found[0] if found else None


def _modes(draft: Draft) -> set[str]:
    matches = (draft.match, *(m.match for m in draft.mentions))
    return {m.trigger.mode for m in matches if m.trigger.mode}


def _stem(draft: Draft) -> str:
    return draft.match.head.lemma_.lower()[:5]


def _headline(drafts: list[Draft], book: ActorBook, title_end: int, lead_end: int) -> list[Draft]:
    def earlier_one(draft: Draft, kept: list[Draft]) -> Draft | None:
        if not title_end <= draft.match.start < lead_end:
            return None
        return next(
            (
                h
                for h in kept
                if h.match.start < title_end and h.type == draft.type and agree(h, draft, book)
            ),
            None,
        )

    return _merged(drafts, earlier_one)


def _same_word_nearby(drafts: list[Draft], book: ActorBook) -> list[Draft]:
    """ "Heavy shelling hit the east ... The shelling went on": an event noun of the same
    word within :data:`NEARBY` sentences after another, none of them saying it is another."""

    def earlier_one(draft: Draft, kept: list[Draft]) -> Draft | None:
        if not draft.match.trigger.noun or _other_one(draft):
            return None
        return next(
            (
                e
                for e in reversed(kept)
                if e.type == draft.type
                and _stem(e) == _stem(draft)
                and 0 <= draft.sentence - e.sentence <= NEARBY
                and agree(e, draft, book)
            ),
            None,
        )

    return _merged(drafts, earlier_one)


def _other_one(draft: Draft) -> bool:
    head = draft.match.head
    words = {c.lower_ for c in head.children if c.dep_ in ("det", "amod", "nummod")}
    return bool(words & OTHER_ONE) or head.tag_ in ("NNS", "NNPS")


def _same_participants(
    drafts: list[Draft],
    book: ActorBook,
    intransitive: frozenset[str],
    includes: Mapping[str, frozenset[str]],
) -> list[Draft]:
    return _merged(
        drafts,
        lambda draft, kept: next(
            (e for e in kept if _same_participant(e, draft, book, intransitive, includes)), None
        ),
        lambda draft, earlier: earlier.type in includes.get(draft.type, frozenset()),
    )


def _same_participant(
    one: Draft,
    other: Draft,
    book: ActorBook,
    intransitive: frozenset[str],
    includes: Mapping[str, frozenset[str]],
) -> bool:
    related = (
        one.type == other.type
        or one.type in includes.get(other.type, frozenset())
        or other.type in includes.get(one.type, frozenset())
    )
    if not related or not agree(one, other, book):
        return False
    if one.type in intransitive:
        mine, theirs = one.actor, other.actor
    else:
        mine, theirs = one.target, other.target
    return mine is not None and theirs is not None and book.root(mine) == book.root(theirs)


def _tolls(drafts: list[Draft], tolls: Sequence[Draft]) -> None:
    for toll in tolls:
        owner = _toll_owner(toll.match, toll.sentence, drafts)
        if owner is not None:
            owner.absorb(toll)


def _toll_owner(match: TriggerMatch, sentence: int, drafts: list[Draft]) -> Draft | None:
    """The event whose toll ``match`` tells: the one its subject names ("the blast killed
    three", "the attack, which killed 12"), else the nearest of its sentence (the event that
    holds the sentence's earlier mentions counts as in it)."""
    head = match.head
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is not None and subject.dep_ == "nsubj" and subject.lower_ in ("which", "that"):
        subject = head.head if head.dep_ == "relcl" else subject
    in_sentence = [
        d
        for d in drafts
        if d.sentence == sentence or any(m.sentence == sentence for m in d.mentions)
    ]
    if subject is not None:
        for draft in in_sentence:
            heads = {draft.match.head.i, *(m.match.head.i for m in draft.mentions)}
            if subject.i in heads:
                return draft
    if not in_sentence:
        return None
    return min(in_sentence, key=lambda d: abs(d.match.head.i - head.i))


def agree(one: Draft, other: Draft, book: ActorBook) -> bool:
    """Can the two drafts be one event (see the module's docstring)?"""
    for mine, theirs in ((one.actor, other.actor), (one.target, other.target)):
        if mine is not None and theirs is not None and not book.same_actor(mine, theirs):
            return False
    for doer, undergoer in ((one.actor, other.target), (one.target, other.actor)):
        if doer is not None and undergoer is not None and book.same_actor(doer, undergoer):
            return False  # the shooter of one is the one shot in the other
    if not _dates_agree(one.date, other.date) or not _places_agree(one.place, other.place):
        return False
    return _happened(one) == _happened(other)


def _happened(draft: Draft) -> bool:
    return draft.modality in HAPPENED_MODALITIES and not draft.negated


def _dates_agree(one: DateMention | None, other: DateMention | None) -> bool:
    if one is None or other is None or not one.value or not other.value:
        return True
    return one.value.startswith(other.value) or other.value.startswith(one.value)


def _places_agree(one: Place | None, other: Place | None) -> bool:
    if one is None or other is None:
        return True
    if one.precision in TOWNS and other.precision in TOWNS:
        return (one.geonameid, one.name) == (other.geonameid, other.name)
    return True
