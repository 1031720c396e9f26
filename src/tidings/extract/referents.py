"""Who a pronoun refers to: the nearest earlier mention it can stand for.

One resolver for quote speakers (:mod:`.quotes.speakers`) and event actors
(:mod:`.events.actors`). Each user adds its candidate mentions in text order, each with the
sentence it is in, its kind (person, group, plural, or a kind of its own) and a *rank*, and
asks for the referent of a pronoun of a kind (:func:`pronoun_kind`: he/she a person, it a
group, they a plural). :class:`PronounRules` says what differs between users: how many
sentences back a pronoun of each kind looks, and which candidate kinds it accepts.

The referent is in the latest sentence, less than the window back, that holds an accepted
candidate before the pronoun; within that sentence the candidate of the lowest rank wins, and
of equal ranks the earliest. A user may also leave candidates out for one pronoun (an object
pronoun is never the subject of its own verb).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

__all__ = [
    "GROUP_PRONOUNS",
    "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS",
    "SPEAKER_PRONOUNS",
    "PronounRules",
    "Referents",
    "pronoun_kind",
]

PERSON_PRONOUNS = frozenset("he him his himself she her hers herself".split())
PLURAL_PRONOUNS = frozenset("they them their theirs themselves".split())
GROUP_PRONOUNS = frozenset("it its itself".split())
SPEAKER_PRONOUNS = frozenset("i me my myself".split())  # in a quote: its speaker

T = TypeVar("T")
Rank = tuple[int, int]


def pronoun_kind(lower: str) -> str | None:
    """person (he, she, and I as a speaker), plural (they) or group (it), for a pronoun."""
    if lower in PERSON_PRONOUNS or lower in SPEAKER_PRONOUNS:
        return "person"
    if lower in PLURAL_PRONOUNS:
        return "plural"
    if lower in GROUP_PRONOUNS:
        return "group"
    return None


@dataclass(frozen=True, slots=True)
class PronounRules:
    """How far back a pronoun of each kind looks, and which candidate kinds it accepts."""

    windows: Mapping[str, int]  # pronoun kind -> sentences back (the pronoun's own is 0)
    accepts: Mapping[str, frozenset[str]]  # pronoun kind -> candidate kinds it may refer to


@dataclass(frozen=True, slots=True)
class _Candidate(Generic[T]):
    sentence: int
    kind: str
    rank: Rank
    item: T


class Referents(Generic[T]):
    """Earlier mentions pronouns may refer to, in text order; ``T`` is what a user keeps of
    each (a phrase's characters, an actor's token)."""

    def __init__(self, rules: PronounRules) -> None:
        self.rules = rules
        self._candidates: list[_Candidate[T]] = []
        self._positions: list[int] = []

    def add(self, position: int, sentence: int, kind: str, rank: Rank, item: T) -> None:
        """A candidate mentioned at ``position`` (any ordered offset: a character, a token),
        after those already at the same position."""
        at = bisect_right(self._positions, position)
        self._candidates.insert(at, _Candidate(sentence, kind, rank, item))
        self._positions.insert(at, position)

    def nearest(
        self,
        before: int,
        sentence: int,
        kind: str,
        allowed: Callable[[T], bool] | None = None,
    ) -> T | None:
        """The referent of a pronoun of ``kind`` at ``before`` (a position) in ``sentence``:
        the candidate of lowest rank (then the earliest) in the latest sentence within the
        window that has one accepted (and ``allowed``, when given); None if none."""
        window = self.rules.windows[kind]
        accepted = self.rules.accepts[kind]
        best: _Candidate[T] | None = None
        index = bisect_left(self._positions, before) - 1
        while index >= 0:
            candidate = self._candidates[index]
            index -= 1
            if best is not None and candidate.sentence != best.sentence:
                break
            if sentence - candidate.sentence >= window:
                break
            if candidate.kind not in accepted:
                continue
            if allowed is not None and not allowed(candidate.item):
                continue
            if best is None or candidate.rank <= best.rank:
                best = candidate
        return None if best is None else best.item
