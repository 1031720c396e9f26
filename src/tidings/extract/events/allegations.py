"""Allegations: what hangs under an accusation or a claim is reported, not asserted.

"accused of defrauding", "claiming the election was stolen", "arrested on a charge of
violence": :func:`alleging_word` finds the accusation or claim a trigger hangs under (a few
steps up its complements and phrases); :mod:`.detection` then makes the event ``reported``
by whoever accuses or claims.
"""

from __future__ import annotations

from spacy.tokens import Token

__all__ = ["ALLEGING", "alleging_word"]

ALLEGING = frozenset("accuse allege claim charge suspect allegation accusation suspicion".split())


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
