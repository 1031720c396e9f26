"""Which triggers report an event of their own, and of which type.

- Two triggers of one type joined by "and" that share a subject are one event ("shot and
  wounded"; "rescued him, and he was taken to hospital" are two).
- A killing or wounding with no killer named, in a sentence that reports what did it ("a fire
  killed five", "killed in a firefight"), is that event's toll; one done by a storm, a fire or
  a crash ("Typhoon Hagibis hit Japan, killing 20") is a DISASTER or an ACCIDENT.
- "explosion" and "blast" are an attack in an article whose headline or lead reports one
  with explosives.
- What hangs under an accusation or a claim ("accused of defrauding", "claiming the election
  was stolen", "arrested on a charge of violence") is an allegation: see ``alleging_word``.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from tidings.extract.events.lexicon import TriggerMatch

__all__ = [
    "CASUALTY_TYPES",
    "alleging_word",
    "explosions_as_attacks",
    "kept_triggers",
    "passive_voice",
    "with_cause",
]

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
ALLEGING = frozenset("accuse allege claim charge suspect allegation accusation suspicion".split())
EXPLOSIVE_MODES = frozenset({"explosives", "suicide-attack", "heavy-weapons"})
EXPLOSION_WORDS = frozenset({"explosion", "blast"})
ACCIDENTAL = frozenset(
    {"gas", "leak", "boiler", "fuel", "pipeline", "chemical", "accident", "accidental"}
)


def kept_triggers(matches: list[TriggerMatch], sentence_of: dict[int, int]) -> list[TriggerMatch]:
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


def with_cause(match: TriggerMatch) -> TriggerMatch:
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


def alleging_word(head: Token) -> Token | None:
    """The accusation or claim the trigger hangs under, if any."""
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


def passive_voice(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def _accident_words(sentence: SpacySpan) -> bool:
    return any(token.lemma_.lower() in ACCIDENTAL for token in sentence)


def explosions_as_attacks(matches: list[TriggerMatch], lead_end: int) -> list[TriggerMatch]:
    """An explosion in an article whose headline or lead (text before ``lead_end``) reports
    an attack with explosives is that attack, unless its own sentence says what blew up ("a
    gas leak led to an explosion")."""
    if not any(
        m.trigger.type == "ASSAULT" and m.trigger.mode in EXPLOSIVE_MODES and m.start < lead_end
        for m in matches
    ):
        return matches
    found = []
    for match in matches:
        trigger = match.trigger
        single = len(trigger.words) == 1 and match.head.lemma_.lower() in EXPLOSION_WORDS
        if trigger.type == "ACCIDENT" and single and not _accident_words(match.head.sent):
            attack = dataclasses.replace(trigger, type="ASSAULT", mode="explosives", acled=None)
            match = dataclasses.replace(match, trigger=attack)
        found.append(match)
    return found
