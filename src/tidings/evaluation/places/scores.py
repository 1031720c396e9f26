"""Scoring geoparsing: toponym recognition (spans) and resolution (coordinates).

Pure functions over offsets and coordinates; no I/O (:mod:`.gold`
reads the gold data). The recipe is the one of Gritta et al.'s *Pragmatic Guide to
Geoparsing Evaluation*, as ``../shared/eval/README.md`` gives it:

- **recognition**: a predicted toponym is right when a gold toponym has the very same
  ``(start, end)``; precision, recall and F1 over spans (repeated spans count once).
- **resolution**: for each correctly recognised toponym where both the gold and the prediction
  have coordinates, the great-circle error in km (haversine, Earth radius 6,371 km). Reported:
  mean and median error, Acc@161 (the share of errors under 161 km, 100 miles) and
  AUC = trapz(log(err + 1)) / (log(20039) * (n - 1)) over the errors sorted in increasing
  order, trapz being the trapezoid rule with unit spacing (numpy's default): 0 when every error
  is 0 km, 1 when every error is 20,039 km. Lower is better.
  With one error (n = 1) the AUC is log(err + 1) / log(20039), the value the curve stays at;
  with none, every resolution figure is None.

A correctly recognised toponym the system left without coordinates is not an error distance:
it is counted in ``unresolved``, and ``accuracy_at_161_all`` counts it as a miss so that
abstaining is not rewarded. Gold toponyms without coordinates (TR-News has some) are counted
in ``gold_without_coordinates`` and scored for recognition only.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from tidings.geo.distance import EARTH_RADIUS_KM, great_circle_km

__all__ = [
    "ACCURACY_KM",
    "EARTH_RADIUS_KM",
    "MAXIMUM_ERROR_KM",
    "ErrorDistances",
    "GeoparsingScores",
    "GoldArticle",
    "GoldToponym",
    "PredictedToponym",
    "SpanCounts",
    "area_under_curve",
    "gold_spans",
    "great_circle_km",
    "score_article",
    "score_articles",
]

ACCURACY_KM = 161.0  # 100 miles: Acc@161
MAXIMUM_ERROR_KM = 20039.0  # the recipe's normaliser: about half the Earth's circumference


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldToponym:
    """One annotated place mention: ``text[start:end] == name``. ``lat``/``lon`` are None
    when the annotators gave no coordinates; ``geonameid`` is TR-News' GeoNames id."""

    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldArticle:
    """One annotated text: GeoVirus' passage number or TR-News' ``docid``, and its toponyms
    in order of position."""

    identifier: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class PredictedToponym:
    """A place a system found: its span, and its coordinates when it resolved it."""

    start: int
    end: int
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class SpanCounts:
    """Counts behind toponym precision and recall (distinct spans)."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0  # predicted spans that are gold spans

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __add__(self, other: SpanCounts) -> SpanCounts:
        return SpanCounts(
            predicted=self.predicted + other.predicted,
            gold=self.gold + other.gold,
            matched=self.matched + other.matched,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class ErrorDistances:
    """Resolution of the correctly recognised toponyms: one error in km for each that both
    gold and prediction put on the map, and counts of those one of them did not."""

    errors: tuple[float, ...] = ()  # km, in the order scored
    unresolved: int = 0  # recognised, gold has coordinates, the prediction none
    gold_without_coordinates: int = 0  # recognised, the gold has no coordinates

    @property
    def mean(self) -> float | None:
        return sum(self.errors) / len(self.errors) if self.errors else None

    @property
    def median(self) -> float | None:
        if not self.errors:
            return None
        ordered, middle = sorted(self.errors), len(self.errors) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def accuracy_at_161(self) -> float | None:
        """The share of errors under 161 km."""
        if not self.errors:
            return None
        return sum(1 for error in self.errors if error < ACCURACY_KM) / len(self.errors)

    @property
    def accuracy_at_161_all(self) -> float | None:
        """As accuracy_at_161, with every unresolved toponym counted as a miss."""
        total = len(self.errors) + self.unresolved
        if not total:
            return None
        return sum(1 for error in self.errors if error < ACCURACY_KM) / total

    @property
    def auc(self) -> float | None:
        return area_under_curve(self.errors)

    def __add__(self, other: ErrorDistances) -> ErrorDistances:
        return ErrorDistances(
            errors=self.errors + other.errors,
            unresolved=self.unresolved + other.unresolved,
            gold_without_coordinates=self.gold_without_coordinates + other.gold_without_coordinates,
        )


@dataclass(frozen=True, kw_only=True, slots=True)
class GeoparsingScores:
    """Recognition and resolution scores; they add up over articles."""

    spans: SpanCounts = SpanCounts()
    distances: ErrorDistances = ErrorDistances()

    def __add__(self, other: GeoparsingScores) -> GeoparsingScores:
        return GeoparsingScores(
            spans=self.spans + other.spans, distances=self.distances + other.distances
        )

    def to_json(self) -> dict[str, object]:
        """The scores as plain JSON values (None where there is nothing to measure)."""
        spans, distances = self.spans, self.distances
        return {
            "toponyms": {
                "precision": spans.precision,
                "recall": spans.recall,
                "f1": spans.f1,
                "predicted": spans.predicted,
                "gold": spans.gold,
                "matched": spans.matched,
            },
            "resolution": {
                "errors": len(distances.errors),
                "mean_km": distances.mean,
                "median_km": distances.median,
                "accuracy_at_161": distances.accuracy_at_161,
                "accuracy_at_161_all": distances.accuracy_at_161_all,
                "auc": distances.auc,
                "unresolved": distances.unresolved,
                "gold_without_coordinates": distances.gold_without_coordinates,
            },
        }


def gold_spans(article: GoldArticle) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` of every gold toponym, in order and without repeats: what an
    oracle run gives the resolver instead of the system's own recognition."""
    return tuple(sorted({(toponym.start, toponym.end) for toponym in article.toponyms}))


def score_articles(
    articles: Sequence[GoldArticle], predictions: Sequence[Iterable[PredictedToponym]]
) -> GeoparsingScores:
    """Score predictions, one sequence of toponyms per article in the same order. Raises
    ValueError when there are not as many prediction sequences as articles."""
    if len(articles) != len(predictions):
        raise ValueError(f"{len(predictions)} predictions for {len(articles)} articles")
    total = GeoparsingScores()
    for article, predicted in zip(articles, predictions, strict=True):
        total += score_article(article, predicted)
    return total


def score_article(article: GoldArticle, predicted: Iterable[PredictedToponym]) -> GeoparsingScores:
    """Score one article's predicted toponyms against its gold ones. Of several predictions
    (or gold toponyms) with the same span, the first counts."""
    gold: dict[tuple[int, int], GoldToponym] = {}
    for toponym in article.toponyms:
        gold.setdefault((toponym.start, toponym.end), toponym)
    found: dict[tuple[int, int], PredictedToponym] = {}
    for guess in predicted:
        found.setdefault((guess.start, guess.end), guess)
    errors: list[float] = []
    unresolved = without_coordinates = 0
    for span, guess in found.items():
        truth = gold.get(span)
        if truth is None:
            continue
        if truth.lat is None or truth.lon is None:
            without_coordinates += 1
        elif guess.lat is None or guess.lon is None:
            unresolved += 1
        else:
            errors.append(great_circle_km(truth.lat, truth.lon, guess.lat, guess.lon))
    return GeoparsingScores(
        spans=SpanCounts(
            predicted=len(found), gold=len(gold), matched=sum(1 for s in found if s in gold)
        ),
        distances=ErrorDistances(
            errors=tuple(errors),
            unresolved=unresolved,
            gold_without_coordinates=without_coordinates,
        ),
    )


def area_under_curve(errors: Sequence[float]) -> float | None:
    """AUC of the sorted log errors, normalised to [0, 1] (see the module docstring); None
    without errors."""
    if not errors:
        return None
    logs = [math.log(error + 1) for error in sorted(errors)]
    if len(logs) == 1:
        return logs[0] / math.log(MAXIMUM_ERROR_KM)
    area = sum((left + right) / 2 for left, right in pairwise(logs))
    return area / (math.log(MAXIMUM_ERROR_KM) * (len(logs) - 1))
