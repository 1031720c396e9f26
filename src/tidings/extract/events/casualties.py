"""Casualties: how many people a sentence says were killed or injured.

A count is a number word or digits bound to a word of death or injury by the parse: "killing
12 people", "12 people were killed", "at least seven dead", "seven killed", "20 deaths",
"three soldiers were wounded". Vague amounts ("dozens", "scores", "several") are not counts,
nor is "no one".
With several counts of one kind in a sentence the smallest is kept, as ACLED keeps the most
conservative figure.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from tidings.extract.quantities.numbers import parse_number
from tidings.extract.syntax import no_one

__all__ = ["casualties"]

KILLED = frozenset({"kill", "die", "dead", "death", "fatality", "slay", "murder", "execute"})
INJURED = frozenset({"injure", "wound", "hurt", "injury", "injured", "wounded"})
VAGUE = frozenset({"dozens", "scores", "hundreds", "thousands", "several", "many", "some"})


def casualties(sentence: Span) -> tuple[int | None, int | None]:
    """(killed, injured) stated in one sentence; None where no count is given."""
    killed: list[int] = []
    injured: list[int] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        lower = token.lower_
        if lemma in KILLED or lower in KILLED:
            found = killed
        elif lemma in INJURED or lower in INJURED:
            found = injured
        else:
            continue
        count = _count_for(token)
        if count is not None:
            found.append(count)
    return (min(killed) if killed else None, min(injured) if injured else None)


def _count_for(word: Token) -> int | None:
    """The number bound to a death or injury word, if any."""
    candidates: list[Token] = []
    for child in word.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "nummod", "npadvmod"):
            candidates.append(child)
    if word.dep_ in ("amod", "acl") or (word.pos_ == "ADJ" and word.dep_ != "ROOT"):
        candidates.append(word.head)  # "seven dead", "12 people killed"
    for candidate in candidates:
        number = _number(candidate)
        if number is not None:
            return number
    return None


def _number(token: Token) -> int | None:
    if token.like_num and token.pos_ in ("NUM", "NOUN"):
        return _value(token)
    for child in token.children:
        if child.dep_ == "nummod" and child.like_num:
            return _value(child)
    return None


def _value(token: Token) -> int | None:
    if token.lower_ in VAGUE or no_one(token):
        return None
    words = [t.text for t in token.subtree if t.like_num or t.dep_ == "compound"] or [token.text]
    value = parse_number([w.lower() for w in words if w.lower() not in VAGUE])
    if value is None or value < 0 or value != int(value) or value > 10_000_000:
        return None
    return int(value)
