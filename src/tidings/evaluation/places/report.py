"""Geoparsing evaluation results: a rich table for people, JSON for programs.

Recognition (P/R/F1 over exact spans) and resolution (errors in km of the correctly
recognised toponyms) for each run, and the published end-to-end anchors of the same data set.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from tidings.evaluation.places.gold import ANCHORS
from tidings.evaluation.places.run import GeoparsingEvaluation
from tidings.evaluation.places.scores import GeoparsingScores

__all__ = ["GEOPARSING_SCHEMA", "geoparsing_evaluation_json", "print_geoparsing_evaluation"]

GEOPARSING_SCHEMA = "tidings/eval-geoparsing@1"


def geoparsing_evaluation_json(result: GeoparsingEvaluation) -> dict[str, Any]:
    """The result as plain JSON-ready data, anchors included."""
    return {
        "schema": GEOPARSING_SCHEMA,
        **result.to_json(),
        "anchors": [
            {
                "system": anchor.system,
                "f1": anchor.f1,
                "accuracy_at_161": anchor.accuracy_at_161,
                "auc": anchor.auc,
                "note": anchor.note,
            }
            for anchor in ANCHORS
            if anchor.dataset == result.dataset.name
        ],
    }


def print_geoparsing_evaluation(result: GeoparsingEvaluation, console: Console) -> None:
    """One row per run of ours, then the anchors, in the same columns."""
    dataset = result.dataset
    table = Table(
        title=f"Geoparsing: {dataset.name} ({dataset.path})",
        caption=f"{result.articles} articles, {result.end_to_end.spans.gold} gold toponyms, "
        f"{dataset.realigned} offsets realigned, {result.seconds:.0f} s. "
        "Acc@161 over toponyms both put on the map; 'all' counts unresolved ones as misses. "
        "AUC: lower is better.",
    )
    for column in ("run", "P", "R", "F1", "Acc@161", "Acc@161 all", "AUC", "mean km", "median km"):
        table.add_column(column, justify="left" if column == "run" else "right", no_wrap=True)
    for label, scores in (
        ("tidings, end to end", result.end_to_end),
        ("tidings + demonyms", result.with_demonyms),
        ("tidings, gold spans (oracle)", result.oracle),
        ("tidings, below country level", result.below_country),
    ):
        table.add_row(label, *_cells(scores))
    for anchor in ANCHORS:
        if anchor.dataset == dataset.name:
            table.add_row(
                f"[cyan]{anchor.system} (published)[/cyan]",
                "",
                "",
                f"{anchor.f1:.3f}",
                f"{anchor.accuracy_at_161:.3f}",
                "",
                f"{anchor.auc:.3f}",
                "",
                "",
            )
    console.print(table)


def _cells(scores: GeoparsingScores) -> list[str]:
    spans, distances = scores.spans, scores.distances
    return [
        f"{spans.precision:.3f}",
        f"{spans.recall:.3f}",
        f"{spans.f1:.3f}",
        _number(distances.accuracy_at_161, "{:.3f}"),
        _number(distances.accuracy_at_161_all, "{:.3f}"),
        _number(distances.auc, "{:.3f}"),
        _number(distances.mean, "{:,.0f}"),
        _number(distances.median, "{:,.0f}"),
    ]


def _number(value: float | None, pattern: str) -> str:
    return "-" if value is None else pattern.format(value)
