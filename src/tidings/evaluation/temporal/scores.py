"""Scoring time-expression recognition and normalisation the way TempEval-3 Task A does.

Pure functions over offsets and TIMEX3 attributes; no I/O (:mod:`.gold`
reads the TimeML gold data). The recipe, as ``../shared/eval/README.md`` gives it and as the
TempEval-3 scorer (UzZaman et al. 2013, ``evaluate_entities.py``) computes it:

- **strict** span match: a prediction with the very same ``(start, end)`` as a gold TIMEX3.
- **relaxed** span match: a prediction that shares at least one character with a gold TIMEX3.
  Pairs are one to one, chosen greedily by largest overlap (ties: the earlier gold, then the
  earlier prediction), so one long prediction over two gold expressions matches only one.
  Strict pairs are one to one too (two predictions of the same span match one gold once).
- precision = matched / predicted, recall = matched / gold, F1 their harmonic mean.
- **type** and **value** accuracy: the share of relaxed matches whose ``type`` (DATE, TIME,
  DURATION, SET) or ``value`` (``2013-03-14``, ``P1W`` …) agrees with the gold one, after
  stripping spaces and upper-casing both.
- **type F1** = relaxed F1 × type accuracy, **value F1** = relaxed F1 × value accuracy: the
  TempEval-3 ranking metric (the scorer's ``performance_value``).

The document creation time (DCT) is an input, not an expression to find: it is never among the
gold TIMEX3s scored here (the TempEval-3 scorer, too, reads only the ``<TEXT>`` element).
Every figure is 0.0 when there is nothing to divide by.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "TIMEX_TYPES",
    "GoldTimeDocument",
    "GoldTimex",
    "PredictedTimex",
    "TemporalScores",
    "TimexType",
    "normalise",
    "relaxed_pairs",
    "score_document",
    "score_documents",
]

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
TIMEX_TYPES: tuple[TimexType, ...] = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldTimex:
    """One annotated time expression: ``document.text[start:end] == text``; ``value`` is the
    TIMEX3 ``value`` attribute as written (``1998-01-08``, ``P1W``, ``PAST_REF`` …)."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    tid: str


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldTimeDocument:
    """One TimeML document: its name (the file name without ``.tml``), the text of its
    ``<TEXT>`` element, its creation time's ``value`` (None when it has none) and the TIMEX3s
    inside ``<TEXT>`` in order of position."""

    name: str
    text: str
    dct: str | None
    timexes: tuple[GoldTimex, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class PredictedTimex:
    """A time expression a system found: its span in the document's text, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, kw_only=True, slots=True)
class TemporalScores:
    """Counts behind the TempEval-3 Task A figures; they add up over documents."""

    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict_matched: int = 0
    relaxed_matched: int = 0
    type_matched: int = 0  # relaxed matches whose type agrees
    value_matched: int = 0  # relaxed matches whose value agrees

    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict_matched, self.predicted)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict_matched, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed_matched, self.predicted)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed_matched, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_matched, self.relaxed_matched)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_matched, self.relaxed_matched)

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    @property
    def value_f1(self) -> float:
        """The TempEval-3 ranking metric: relaxed F1 × value accuracy."""
        return self.relaxed_f1 * self.value_accuracy

    def __add__(self, other: TemporalScores) -> TemporalScores:
        return TemporalScores(
            documents=self.documents + other.documents,
            gold=self.gold + other.gold,
            predicted=self.predicted + other.predicted,
            strict_matched=self.strict_matched + other.strict_matched,
            relaxed_matched=self.relaxed_matched + other.relaxed_matched,
            type_matched=self.type_matched + other.type_matched,
            value_matched=self.value_matched + other.value_matched,
        )

    def to_json(self) -> dict[str, object]:
        """The scores as plain JSON values."""
        return {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "strict": {
                "precision": self.strict_precision,
                "recall": self.strict_recall,
                "f1": self.strict_f1,
                "matched": self.strict_matched,
            },
            "relaxed": {
                "precision": self.relaxed_precision,
                "recall": self.relaxed_recall,
                "f1": self.relaxed_f1,
                "matched": self.relaxed_matched,
            },
            "type": {
                "accuracy": self.type_accuracy,
                "f1": self.type_f1,
                "matched": self.type_matched,
            },
            "value": {
                "accuracy": self.value_accuracy,
                "f1": self.value_f1,
                "matched": self.value_matched,
            },
        }


def normalise(attribute: str) -> str:
    """An attribute as compared: without surrounding spaces, upper case."""
    return attribute.strip().upper()


def score_documents(
    documents: Sequence[GoldTimeDocument], predictions: Sequence[Iterable[PredictedTimex]]
) -> TemporalScores:
    """Score predictions, one sequence of time expressions per document in the same order.
    Raises ValueError when there are not as many prediction sequences as documents."""
    if len(documents) != len(predictions):
        raise ValueError(f"{len(predictions)} predictions for {len(documents)} documents")
    total = TemporalScores()
    for document, predicted in zip(documents, predictions, strict=True):
        total += score_document(document, predicted)
    return total


def score_document(
    document: GoldTimeDocument, predicted: Iterable[PredictedTimex]
) -> TemporalScores:
    """Score one document's predicted time expressions against its gold TIMEX3s."""
    gold = document.timexes
    guesses = tuple(predicted)
    strict = Counter((timex.start, timex.end) for timex in gold) & Counter(
        (guess.start, guess.end) for guess in guesses
    )
    pairs = relaxed_pairs(gold, guesses)
    return TemporalScores(
        documents=1,
        gold=len(gold),
        predicted=len(guesses),
        strict_matched=sum(strict.values()),
        relaxed_matched=len(pairs),
        type_matched=sum(
            1 for g, p in pairs if normalise(gold[g].type) == normalise(guesses[p].type)
        ),
        value_matched=sum(
            1 for g, p in pairs if normalise(gold[g].value) == normalise(guesses[p].value)
        ),
    )


def relaxed_pairs(
    gold: Sequence[GoldTimex], predicted: Sequence[PredictedTimex]
) -> tuple[tuple[int, int], ...]:
    """The one-to-one relaxed matches as ``(gold index, prediction index)`` pairs, in order of
    gold index: overlapping pairs taken greedily by largest overlap (see the module
    docstring)."""
    candidates = sorted(
        (-overlap, g, p)
        for g, truth in enumerate(gold)
        for p, guess in enumerate(predicted)
        if (overlap := min(truth.end, guess.end) - max(truth.start, guess.start)) > 0
    )
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for _, g, p in candidates:
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return tuple(sorted(pairs))


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0
