"""Scoring 5W1H answers against annotated phrases by word overlap.

Pure functions; no I/O (:mod:`.gold` reads the gold data). For each
article and question (who, what, when, where, why, how) that has annotated phrases:

- an answer's **overlap** with one phrase is the F1 of their words (lower-cased letters and
  digits, each word counted as often as it occurs), as SQuAD scores answers; its overlap with
  the question is the best over the annotated phrases;
- a **hit** is an answer whose overlap is at least :data:`HIT_OVERLAP` (half its words right,
  roughly), the nearest automatic stand-in for a judge calling it a right answer;
- per question: **answered** = share of articles with gold that got an answer, **precision** =
  hits / answered, **recall** = hits / articles with gold, **mean overlap** = mean best
  overlap over articles with gold (0 for no answer).

Giveme5W1H's published precision comes from people judging its answers relevant; these are
automatic scores against annotators' phrases, so the comparison is indicative.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tidings.model import QUESTIONS

__all__ = ["HIT_OVERLAP", "AnswerScores", "QuestionScore", "overlap"]

HIT_OVERLAP = 0.5
_WORD = re.compile(r"\w+")


def overlap(answer: str, phrases: Sequence[str]) -> float:
    """The best word-overlap F1 of ``answer`` with any of ``phrases`` (0.0 if none)."""
    words = Counter(_WORD.findall(answer.lower()))
    best = 0.0
    for phrase in phrases:
        gold = Counter(_WORD.findall(phrase.lower()))
        common = sum((words & gold).values())
        if common == 0:
            continue
        precision = common / sum(words.values())
        recall = common / sum(gold.values())
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


@dataclass(slots=True)
class QuestionScore:
    """Counts for one question over many articles."""

    with_gold: int = 0
    answered: int = 0
    hits: int = 0
    overlap_sum: float = 0.0

    def add(self, answer: str | None, phrases: Sequence[str]) -> None:
        if not phrases:
            return
        self.with_gold += 1
        if answer is None:
            return
        self.answered += 1
        score = overlap(answer, phrases)
        self.overlap_sum += score
        self.hits += score >= HIT_OVERLAP

    @property
    def answered_share(self) -> float:
        return self.answered / self.with_gold if self.with_gold else 0.0

    @property
    def precision(self) -> float:
        return self.hits / self.answered if self.answered else 0.0

    @property
    def recall(self) -> float:
        return self.hits / self.with_gold if self.with_gold else 0.0

    @property
    def mean_overlap(self) -> float:
        return self.overlap_sum / self.with_gold if self.with_gold else 0.0


@dataclass(slots=True)
class AnswerScores:
    """Scores per question, and pooled over some of them."""

    articles: int = 0
    questions: dict[str, QuestionScore] = field(
        default_factory=lambda: {question: QuestionScore() for question in QUESTIONS}
    )

    def add(self, answers: Mapping[str, str | None], gold: Mapping[str, Sequence[str]]) -> None:
        """One article: our answer (or None) and the annotated phrases, per question."""
        self.articles += 1
        for question in QUESTIONS:
            self.questions[question].add(answers.get(question), gold.get(question, ()))

    def pooled(self, questions: Sequence[str] = QUESTIONS) -> QuestionScore:
        """The counts of ``questions`` added together (precision over all their answers)."""
        total = QuestionScore()
        for question in questions:
            score = self.questions[question]
            total.with_gold += score.with_gold
            total.answered += score.answered
            total.hits += score.hits
            total.overlap_sum += score.overlap_sum
        return total
