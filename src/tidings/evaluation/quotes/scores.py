"""Scoring quote attribution: source, cue and content spans, gold against predicted.

Pure functions over offsets; no I/O. A :class:`ScoredAttribution` is one "who says what"
triple, each part a tuple of ``(start, end)`` fragments (a content may be discontinuous: “…,”
she said, “…”). :func:`score_document` compares the attributions of one text and returns
:class:`AttributionScores`, which add up over documents.

Before any comparison every fragment is trimmed of surrounding whitespace, quote marks and
punctuation (:data:`TRIMMED`), and fragments left touching, or separated only by such
characters, are joined: a direct quote counts the same with or without its marks and its final
comma. Then, for each role (source, cue, content) separately:

- **exact**: a predicted span is right when a gold attribution has the very same fragments for
  that role; recall is the share of gold spans some prediction equals.
- **overlap**: Citron's metric, in characters: the non-space characters that predicted and gold
  spans of the role share, over all predicted (precision) and all gold (recall) characters.
- **partial**: a predicted span is right when it overlaps any gold span of the role; recall is
  the share of gold spans that some predicted span overlaps.

**Speaker accuracy** asks whether a gold content gets the right speaker: for each gold
attribution with a source and a content, the predicted attribution whose content shares the
most characters with it is its match (the earliest on a tie); the speaker is right when the
match's source overlaps the gold source. ``accuracy`` divides by every such gold attribution
(a content no prediction touches counts as wrong), ``accuracy_found`` only by those matched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Literal

from tidings.extract.quotes.marks import DOUBLE_MARKS, SINGLE_MARKS

__all__ = [
    "ROLES",
    "TRIMMED",
    "AttributionScores",
    "Fragments",
    "Match",
    "Role",
    "RoleScores",
    "ScoredAttribution",
    "SpeakerCounts",
    "normalise",
    "overlaps",
    "score_document",
    "shared_characters",
]

Fragments = tuple[tuple[int, int], ...]
Role = Literal["source", "cue", "content"]
ROLES: tuple[Role, ...] = ("source", "cue", "content")
# The marks quote extraction knows, and the backtick of ``TeX-style'' quotes in some texts.
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS + "`"
TRIMMED = frozenset(QUOTE_MARKS + ".,;:!?-–—…")


@dataclass(frozen=True, kw_only=True, slots=True)
class ScoredAttribution:
    """Who (source) says, by which words (cue), what (content). Empty parts are ``()``."""

    source: Fragments = ()
    cue: Fragments = ()
    content: Fragments = ()
    direct: bool = False  # the content is wholly in quote marks

    def part(self, role: Role) -> Fragments:
        """The fragments of ``role``."""
        value: Fragments = getattr(self, role)
        return value


@dataclass(frozen=True, kw_only=True, slots=True)
class Match:
    """Counts behind one precision/recall pair. For exact and partial matching the units are
    spans; for overlap they are characters."""

    predicted: int = 0
    gold: int = 0
    matched_predicted: int = 0  # predicted units found in the gold
    matched_gold: int = 0  # gold units found in the predictions

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: Match) -> Match:
        return Match(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class RoleScores:
    """Exact, character-overlap and partial matching of one role."""

    exact: Match = Match()
    overlap: Match = Match()
    partial: Match = Match()

    def __add__(self, other: RoleScores) -> RoleScores:
        return RoleScores(
            exact=self.exact + other.exact,
            overlap=self.overlap + other.overlap,
            partial=self.partial + other.partial,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class SpeakerCounts:
    """Gold contents with a source; those a prediction matched; those with the right speaker."""

    gold: int = 0
    found: int = 0
    correct: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def accuracy_found(self) -> float:
        return self.correct / self.found if self.found else 0.0

    def __add__(self, other: SpeakerCounts) -> SpeakerCounts:
        return SpeakerCounts(
            gold=self.gold + other.gold,
            found=self.found + other.found,
            correct=self.correct + other.correct,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class AttributionScores:
    """Scores of one document, or summed over many with ``+`` / ``sum(..., start=...)``."""

    documents: int = 0
    gold: int = 0  # attributions
    predicted: int = 0
    source: RoleScores = RoleScores()
    cue: RoleScores = RoleScores()
    content: RoleScores = RoleScores()
    speaker: SpeakerCounts = SpeakerCounts()

    def role(self, role: Role) -> RoleScores:
        """The scores of ``role``."""
        value: RoleScores = getattr(self, role)
        return value

    def __add__(self, other: AttributionScores) -> AttributionScores:
        return AttributionScores(
            documents=self.documents + other.documents,
            gold=self.gold + other.gold,
            predicted=self.predicted + other.predicted,
            source=self.source + other.source,
            cue=self.cue + other.cue,
            content=self.content + other.content,
            speaker=self.speaker + other.speaker,
        )


def normalise(text: str, fragments: Iterable[tuple[int, int]]) -> Fragments:
    """Trim each fragment of whitespace, quote marks and punctuation; sort; join fragments
    that touch or lie apart by nothing but such characters; drop empty ones."""
    trimmed: list[tuple[int, int]] = []
    for start, end in sorted(fragments):
        start, end = max(start, 0), min(end, len(text))
        while start < end and _trimmed(text[start]):
            start += 1
        while end > start and _trimmed(text[end - 1]):
            end -= 1
        if start < end:
            trimmed.append((start, end))
    joined: list[tuple[int, int]] = []
    for start, end in trimmed:
        if joined and all(_trimmed(c) for c in text[joined[-1][1] : start]):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return tuple(joined)


def score_document(
    text: str, gold: Sequence[ScoredAttribution], predicted: Sequence[ScoredAttribution]
) -> AttributionScores:
    """Compare the predicted attributions of one text with the gold ones."""
    gold = [_normalised(text, attribution) for attribution in gold]
    predicted = [_normalised(text, attribution) for attribution in predicted]
    roles = {role: _score_role(text, gold, predicted, role) for role in ROLES}
    return AttributionScores(
        documents=1,
        gold=len(gold),
        predicted=len(predicted),
        source=roles["source"],
        cue=roles["cue"],
        content=roles["content"],
        speaker=_speakers(gold, predicted),
    )


def _trimmed(character: str) -> bool:
    return character.isspace() or character in TRIMMED


def _normalised(text: str, attribution: ScoredAttribution) -> ScoredAttribution:
    return ScoredAttribution(
        source=normalise(text, attribution.source),
        cue=normalise(text, attribution.cue),
        content=normalise(text, attribution.content),
        direct=attribution.direct,
    )


def _score_role(
    text: str, gold: Sequence[ScoredAttribution], predicted: Sequence[ScoredAttribution], role: Role
) -> RoleScores:
    gold_spans = [part for a in gold if (part := a.part(role))]
    predicted_spans = [part for a in predicted if (part := a.part(role))]
    gold_set, predicted_set = set(gold_spans), set(predicted_spans)
    exact = Match(
        predicted=len(predicted_spans),
        gold=len(gold_spans),
        matched_predicted=sum(span in gold_set for span in predicted_spans),
        matched_gold=sum(span in predicted_set for span in gold_spans),
    )
    partial = Match(
        predicted=len(predicted_spans),
        gold=len(gold_spans),
        matched_predicted=sum(any(overlaps(p, g) for g in gold_spans) for p in predicted_spans),
        matched_gold=sum(any(overlaps(g, p) for p in predicted_spans) for g in gold_spans),
    )
    gold_characters = _characters(text, gold_spans)
    predicted_characters = _characters(text, predicted_spans)
    shared = len(gold_characters & predicted_characters)
    overlap = Match(
        predicted=len(predicted_characters),
        gold=len(gold_characters),
        matched_predicted=shared,
        matched_gold=shared,
    )
    return RoleScores(exact=exact, overlap=overlap, partial=partial)


def overlaps(first: Fragments, second: Fragments) -> bool:
    """Do any fragments of the two share a character?"""
    return any(a < d and c < b for a, b in first for c, d in second)


def shared_characters(first: Fragments, second: Fragments) -> int:
    """How many characters the two have in common."""
    return sum(max(0, min(b, d) - max(a, c)) for a, b in first for c, d in second)


def _characters(text: str, spans: Iterable[Fragments]) -> set[int]:
    return {
        index
        for fragments in spans
        for start, end in fragments
        for index in range(start, end)
        if not text[index].isspace()
    }


def _speakers(
    gold: Sequence[ScoredAttribution], predicted: Sequence[ScoredAttribution]
) -> SpeakerCounts:
    found = correct = total = 0
    candidates = [a for a in predicted if a.content]
    for attribution in gold:
        if not attribution.source or not attribution.content:
            continue
        total += 1
        best, best_shared = None, 0
        for candidate in candidates:
            shared = shared_characters(attribution.content, candidate.content)
            if shared > best_shared:
                best, best_shared = candidate, shared
        if best is None:
            continue
        found += 1
        correct += overlaps(best.source, attribution.source)
    return SpeakerCounts(gold=total, found=found, correct=correct)
