"""Which trigger matches report an event of their own.

- Two triggers of one type joined by "and" that share a subject are one event ("shot and
  wounded"; "rescued him, and he was taken to hospital" are two).
- A toll verb of a type (its ``tolls`` in ``types.toml``: kill, wound, injure) with no doer
  named, in a sentence that reports an event of a ``casualties`` type by another word ("a
  fire killed five", "killed in a firefight"), tells that event's toll: no event of its own
  but a mention of that one (:mod:`.coreference`). A word of a type's ``caused_by``
  ("fire", "storm") is no doer, nor is the event itself ("the blast killed three", "the
  attack, which killed 12"), and a verb after "after" or "before" tells an event of its own
  ("shot dead after killing the ambassador"). A ``toll_only`` trigger ("died", "deaths") is
  only ever a toll.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from tidings.extract.events.lexicon import TriggerMatch
from tidings.extract.syntax import own_subject
from tidings.rules import Lexicon

__all__ = ["kept_triggers"]

SEQUENCE_WORDS = frozenset({"after", "before", "since", "until", "following"})


def kept_triggers(
    matches: list[TriggerMatch], sentence_of: Sequence[int], lexicon: Lexicon
) -> tuple[list[TriggerMatch], list[TriggerMatch]]:
    """``matches`` without those told twice and those that only tell another's toll (both
    judged against every match of ``matches``), and the tolls: those that tell another's
    toll in a sentence that reports what did it."""
    told_twice = _told_twice(matches)
    tolls = _tolls(matches, sentence_of, lexicon)
    kept = [
        m
        for m in matches
        if m.head.i not in told_twice and m.head.i not in tolls and not m.trigger.toll_only
    ]
    return kept, [m for m in matches if m.head.i in tolls]


def _told_twice(matches: list[TriggerMatch]) -> set[int]:
    """Heads of the second of two conjoined triggers of one type sharing a subject."""
    by_head = {m.head.i: m for m in matches}
    found = set()
    for match in matches:
        head = match.head
        first = by_head.get(head.head.i) if head.dep_ == "conj" else None
        if (
            first is not None
            and first.trigger.type == match.trigger.type
            and own_subject(head) is None
        ):
            found.add(head.i)
    return found


def _tolls(matches: list[TriggerMatch], sentence_of: Sequence[int], lexicon: Lexicon) -> set[int]:
    """Heads of toll verbs without a doer in a sentence that reports what did it."""
    types = lexicon.types
    causes = {
        sentence_of[m.head.i]
        for m in matches
        if types[m.trigger.type].casualties
        and m.head.lemma_.lower() not in lexicon.tolls
        and not m.trigger.toll_only
    }
    events = {m.head.i for m in matches if not m.trigger.toll_only}
    found = set()
    for match in matches:
        head = match.head
        if sentence_of[head.i] not in causes:
            continue
        toll_verb = head.lemma_.lower() in types[match.trigger.type].tolls
        toll_verb = toll_verb and not _in_sequence(head)
        # a toll-only word's subject is a victim ("three officers died"), never its doer
        if match.trigger.toll_only or (toll_verb and not _has_doer(head, lexicon, events)):
            found.add(head.i)
    return found


def _in_sequence(verb: Token) -> bool:
    """Does the verb tell what happened before or after the other event ("shot dead after
    killing the ambassador"): an event of its own, not that event's toll?"""
    return verb.dep_ == "pcomp" and verb.head.lower_ in SEQUENCE_WORDS


def _has_doer(verb: Token, lexicon: Lexicon, events: set[int]) -> bool:
    """Does someone do it ("gunmen killed three"), not something ("a fire killed five"),
    nor the event itself ("the blast killed three", "the attack, which killed 12")?"""
    for child in verb.children:
        if child.dep_ == "agent":
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
        elif child.dep_ != "nsubj":
            continue
        if child.lemma_.lower() in lexicon.cause_words:
            continue
        doer = verb.head if child.lower_ in ("which", "that") and verb.dep_ == "relcl" else child
        if doer.i not in events:
            return True
    return False
