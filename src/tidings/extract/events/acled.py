"""ACLED coding: the ACLED event type and sub-event type of an event that happened, by the
rules of ``data/events/acled.toml`` (:class:`tidings.rules.AcledRules`).

The rules read what ACLED's definitions turn on: the event's PLOVER type and modes, the words
of its triggers (and of what they take: "seized weapons"), whether its actor is armed and
organised (its role), and whether its target is an armed side (its role, and a group or a
named body rather than one person) or civilians (its role, else the noun heading its
description: "three people"). The first rule that holds codes it; an event no
rule codes gets none, as ACLED would not code it (a meeting, a speech) or as the text does
not say enough (an attack whose target is neither armed nor civilians).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from spacy.tokens import Token

from tidings.model import AcledSubEvent, AcledType, Actor
from tidings.rules import AcledRules

__all__ = ["acled_coding", "event_words"]


def event_words(heads: Iterable[tuple[Token, tuple[int, ...]]]) -> frozenset[str]:
    """The lemmas and text of each trigger's words, its whole phrase, and the objects and
    modifiers of its head ("seized weapons", "a grenade attack")."""
    words: set[str] = set()
    for head, tokens in heads:
        doc = head.doc
        phrase = [doc[i] for i in tokens]
        words.update(t.lemma_.lower() for t in phrase)
        words.update(t.lower_ for t in phrase)
        words.add(" ".join(t.lower_ for t in phrase))
        for child in head.children:
            if child.dep_ in ("dobj", "compound", "amod", "nsubjpass", "nsubj"):
                words.update((child.lemma_.lower(), child.lower_))
                modifiers = [c.lower_ for c in child.children if c.dep_ == "compound"]
                if modifiers:  # "a suicide bomber blew himself up"
                    words.add(" ".join((*modifiers, child.lemma_.lower())))
    return frozenset(words)


def acled_coding(
    rules: AcledRules,
    event_type: str,
    modes: frozenset[str],
    words: frozenset[str],
    actor: Actor | None,
    target: Actor | None,
) -> tuple[AcledType | None, AcledSubEvent | None]:
    """(ACLED event type, sub-event type), or (None, None) when no rule holds."""
    armed_actor = _armed(actor, rules)
    target_side = (
        "armed"
        if _armed(target, rules) and _organised(target)
        else "civilians"
        if _civilians(target, rules)
        else None
    )
    for rule in rules.rules:
        if (
            (not rule.types or event_type in rule.types)
            and (not rule.modes or rule.modes & modes)
            and (not rule.words or rule.words & words)
            and (rule.actor is None or armed_actor)
            and (rule.target is None or rule.target == target_side)
        ):
            # the rules' vocabulary is ACLED's, checked when they were read
            return cast(AcledType, rule.acled), cast(AcledSubEvent, rule.sub_event)
    return None, None


def _armed(actor: Actor | None, rules: AcledRules) -> bool:
    return actor is not None and actor.role in rules.armed


def _organised(actor: Actor | None) -> bool:
    """A side, not one person: a group ("rebels", "the army") or a named body."""
    return actor is not None and (actor.plural or actor.entity is not None)


def _civilians(actor: Actor | None, rules: AcledRules) -> bool:
    if actor is None:
        return False
    if actor.role is not None:
        return actor.role in rules.civilian
    head = actor.name.split()[-1].lower() if actor.name.split() else ""
    return head in rules.civilian_words or head.rstrip("s") in rules.civilian_words
