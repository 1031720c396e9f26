"""Temporal evaluation results: a rich table for people, JSON for programs."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from tidings.evaluation.temporal.gold import ANCHORS
from tidings.evaluation.temporal.run import TemporalEvaluation

__all__ = ["TEMPORAL_SCHEMA", "print_temporal_evaluation", "temporal_evaluation_json"]

TEMPORAL_SCHEMA = "tidings/eval-temporal@1"


def temporal_evaluation_json(result: TemporalEvaluation) -> dict[str, Any]:
    """The result as plain JSON-ready data, anchors included."""
    return {
        "schema": TEMPORAL_SCHEMA,
        "dataset": result.dataset,
        "seconds": round(result.seconds, 1),
        **result.scores.to_json(),
        "anchors": [
            {
                "system": anchor.system,
                "value_f1": anchor.value_f1,
                "relaxed_f1": anchor.relaxed_f1,
                "note": anchor.note,
            }
            for anchor in ANCHORS
        ],
    }


def print_temporal_evaluation(result: TemporalEvaluation, console: Console) -> None:
    """Ours, then the published anchors, in the same columns."""
    scores = result.scores
    table = Table(
        title=f"Time expressions: {result.dataset}",
        caption=f"{scores.documents} documents, {scores.gold} gold and {scores.predicted} "
        f"predicted TIMEX3s, {result.seconds:.0f} s. Value F1 = relaxed F1 x value accuracy "
        "(TempEval-3's ranking metric).",
    )
    for column in ("system", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "type acc",
                   "value acc", "value F1"):  # fmt: skip
        table.add_column(column, justify="left" if column == "system" else "right")
    table.add_row(
        "tidings",
        f"{scores.strict_f1:.3f}",
        f"{scores.relaxed_precision:.3f}",
        f"{scores.relaxed_recall:.3f}",
        f"{scores.relaxed_f1:.3f}",
        f"{scores.type_accuracy:.3f}",
        f"{scores.value_accuracy:.3f}",
        f"{scores.value_f1:.3f}",
    )
    for anchor in ANCHORS:
        relaxed = "" if anchor.relaxed_f1 is None else f"{anchor.relaxed_f1:.3f}"
        table.add_row(
            f"[cyan]{anchor.system} (published)[/cyan]",
            "",
            "",
            "",
            relaxed,
            "",
            "",
            f"{anchor.value_f1:.3f}",
        )
    console.print(table)
