"""What caused it: an event's cause can settle its type.

- A toll verb (a type's ``tolls`` in ``types.toml``: kill, wound, injure) done by a word of a
  type's ``caused_by`` (a storm, a fire, a crash: "Typhoon Hagibis hit Japan, killing 20") is
  an event of that type, a DISASTER or an ACCIDENT, not an assault.
- A type's ``attack_story`` ("explosion" and "blast" of ACCIDENT) makes its word the attack in
  an article whose headline or lead reports an attack in the story's modes (with explosives),
  unless the word's own sentence says what blew up ("a gas leak led to an explosion").
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from tidings.extract.events.lexicon import TriggerMatch
from tidings.rules import AttackStory, Lexicon

__all__ = ["attack_stories", "with_cause"]


def with_cause(match: TriggerMatch, lexicon: Lexicon) -> TriggerMatch:
    """ "Typhoon Hagibis hit Japan, killing at least 20": a toll verb whose doer is a cause
    of a type's ``caused_by`` is an event of that type."""
    trigger = match.trigger
    if match.head.lemma_.lower() not in lexicon.types[trigger.type].tolls:
        return match
    subject = _doer_word(match.head)
    if subject is None:
        return match
    words = {subject.lemma_.lower()} | {
        c.lemma_.lower() for c in subject.children if c.dep_ == "compound"
    }
    cause = lexicon.cause_of(words)
    if cause is None:
        return match
    return dataclasses.replace(match, trigger=dataclasses.replace(trigger, type=cause, mode=None))


def _doer_word(verb: Token) -> Token | None:
    """The verb's subject, or for a participle ("..., killing 20") its clause's subject."""
    for token in (verb, verb.head):
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in ("advcl", "conj", "xcomp"):
            return None
    return None


def attack_stories(
    matches: list[TriggerMatch], lead_end: int, lexicon: Lexicon
) -> list[TriggerMatch]:
    """``matches`` with the words of every type's attack story retyped where the headline
    or lead (text before ``lead_end``) reports the attack."""
    for name, kind in lexicon.types.items():
        if kind.attack_story is not None:
            matches = _attack_story(matches, lead_end, name, kind.attack_story)
    return matches


def _attack_story(
    matches: list[TriggerMatch], lead_end: int, type_name: str, story: AttackStory
) -> list[TriggerMatch]:
    in_lead = any(
        m.trigger.type == story.type and m.trigger.mode in story.lead_modes and m.start < lead_end
        for m in matches
    )
    found = []
    for match in matches:
        trigger = match.trigger
        single = len(trigger.words) == 1 and match.head.lemma_.lower() in story.words
        mine = trigger.type == type_name and (single or _what_blew_up(match) is not None)
        weapon = mine and _what_blew_up(match) in story.weapons
        if weapon or (mine and single and in_lead and not _says_what(match, story)):
            attack = dataclasses.replace(trigger, type=story.type, mode=story.mode)
            match = dataclasses.replace(match, trigger=attack)
        found.append(match)
    return found


def _what_blew_up(match: TriggerMatch) -> str | None:
    """ "a bomb exploded", "the grenade went off", "a bomb blast", "the explosion of a car
    bomb": the lemma of what did it."""
    head = match.head
    for child in head.children:
        if child.dep_ in ("nsubj", "compound") or (child.dep_ == "amod" and child.pos_ == "NOUN"):
            return child.lemma_.lower()
        if child.dep_ == "prep" and child.lower_ == "of":
            thing = next((g for g in child.children if g.dep_ == "pobj"), None)
            if thing is not None:
                return thing.lemma_.lower()
    return None


def _says_what(match: TriggerMatch, story: AttackStory) -> bool:
    """Does the match's sentence say what else it was ("a gas leak")?"""
    return any(token.lemma_.lower() in story.unless for token in match.head.sent)
