"""5W1H evaluation results: a rich table for people, JSON for programs."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from tidings.evaluation.main_events.gold import ANCHORS
from tidings.evaluation.main_events.run import MainEventEvaluation
from tidings.evaluation.main_events.scores import HIT_OVERLAP, QuestionScore
from tidings.model import QUESTIONS

__all__ = ["MAIN_EVENT_SCHEMA", "main_event_evaluation_json", "print_main_event_evaluation"]

MAIN_EVENT_SCHEMA = "tidings/eval-5w1h@1"
FOUR = ("who", "what", "when", "where")


def main_event_evaluation_json(result: MainEventEvaluation) -> dict[str, Any]:
    """The result as plain JSON-ready data, anchors included."""
    scores = result.scores
    rows = {question: _row(scores.questions[question]) for question in QUESTIONS}
    return {
        "schema": MAIN_EVENT_SCHEMA,
        "dataset": result.dataset,
        "seconds": round(result.seconds, 1),
        "articles": scores.articles,
        "hit_overlap": HIT_OVERLAP,
        "questions": rows,
        "who_what_when_where": _row(scores.pooled(FOUR)),
        "all": _row(scores.pooled()),
        "anchors": [
            {"system": a.system, "precision": a.precision, "questions": a.questions, "note": a.note}
            for a in ANCHORS
        ],
    }


def print_main_event_evaluation(result: MainEventEvaluation, console: Console) -> None:
    """One row per question, the pooled rows, then the published anchors."""
    scores = result.scores
    table = Table(
        title=f"Main event (5W1H): {result.dataset}",
        caption=f"{scores.articles} articles, {result.seconds:.0f} s. A hit: word-overlap F1 "
        f">= {HIT_OVERLAP} with an annotated phrase; precision = hits / answers. The anchors "
        "were judged by people.",
    )
    for column in ("question", "with gold", "answered", "precision", "recall", "mean overlap"):
        table.add_column(column, justify="left" if column == "question" else "right")
    for question in QUESTIONS:
        table.add_row(question, *_cells(scores.questions[question]))
    table.add_row("who/what/when/where", *_cells(scores.pooled(FOUR)), style="bold")
    table.add_row("all six", *_cells(scores.pooled()), style="bold")
    for anchor in ANCHORS:
        table.add_row(
            f"[cyan]{anchor.system}, {anchor.questions} (published)[/cyan]",
            "", "", f"{anchor.precision:.2f}", "", "",
        )  # fmt: skip
    console.print(table)


def _row(score: QuestionScore) -> dict[str, Any]:
    return {
        "with_gold": score.with_gold,
        "answered": score.answered,
        "hits": score.hits,
        "answered_share": round(score.answered_share, 4),
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "mean_overlap": round(score.mean_overlap, 4),
    }


def _cells(score: QuestionScore) -> list[str]:
    return [
        str(score.with_gold),
        f"{score.answered_share:.2f}",
        f"{score.precision:.2f}",
        f"{score.recall:.2f}",
        f"{score.mean_overlap:.2f}",
    ]
