"""Evaluation results for people (a rich table) and for programs (JSON).

Scores are fractions in JSON and percentages in the table; the published anchors stand
beside ours in both.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from tidings.evaluation.quotes.run import ANCHORS, QuoteEvaluation
from tidings.evaluation.quotes.scores import ROLES, AttributionScores, Match, SpeakerCounts

__all__ = ["QUOTES_SCHEMA", "print_quote_evaluation", "quote_evaluation_json"]

QUOTES_SCHEMA = "tidings/eval-quotes@1"
MATCHES = ("exact", "overlap", "partial")


def quote_evaluation_json(result: QuoteEvaluation) -> dict[str, Any]:
    """The result as plain JSON-ready data."""
    return {
        "schema": QUOTES_SCHEMA,
        "dataset": result.dataset,
        "texts": result.texts,
        "unannotated": result.unannotated,
        "seconds": round(result.seconds, 2),
        "all": _scores_json(result.all),
        "direct": _scores_json(result.direct),
        "anchors": [
            {
                "system": anchor.system,
                "role": anchor.role,
                "match": anchor.match,
                "value": anchor.value,
                "note": anchor.note,
            }
            for anchor in ANCHORS
        ],
    }


def print_quote_evaluation(result: QuoteEvaluation, console: Console) -> None:
    """The scores as a table, the anchors beside them, speaker accuracy below."""
    every, direct = result.all, result.direct
    table = Table(
        title=f"Quote attribution: {result.dataset}",
        caption=f"{result.texts} texts, {every.gold} gold and {every.predicted} predicted "
        f"attributions ({direct.gold} and {direct.predicted} direct), {result.seconds:.0f} s",
    )
    table.add_column("role", no_wrap=True)
    for match in MATCHES:
        table.add_column(f"{match}\nP", justify="right")
        table.add_column("\nR", justify="right")
        table.add_column("\nF1", justify="right", style="bold")
    table.add_column("Citron F1\nexact/overlap", justify="right", style="cyan", no_wrap=True)
    for label, scores in (("", every), ("direct ", direct)):
        for role in ROLES:
            matches = scores.role(role)
            cells = [
                _percent(value) for match in MATCHES for value in _prf(getattr(matches, match))
            ]
            anchors = "" if label else _anchors(role)
            table.add_row(f"{label}{role}", *cells, anchors)
        table.add_section()
    console.print(table)
    console.print(_speaker_line("speaker accuracy", every.speaker))
    console.print(_speaker_line("  direct quotes only", direct.speaker))
    for anchor in ANCHORS:
        if anchor.match == "agreement":
            console.print(f"{anchor.note}: {_percent(anchor.value)}% per {anchor.role}")
    console.print(
        "[dim]exact: same span (quote marks and edge punctuation aside); overlap: shared "
        "characters (Citron's metric); partial: any overlap. Citron was measured on PARC3, "
        "not PolNeAR.[/dim]"
    )


def _scores_json(scores: AttributionScores) -> dict[str, Any]:
    data: dict[str, Any] = {
        "documents": scores.documents,
        "gold_attributions": scores.gold,
        "predicted_attributions": scores.predicted,
    }
    for role in ROLES:
        data[role] = {match: _match_json(getattr(scores.role(role), match)) for match in MATCHES}
    data["speaker"] = {
        "accuracy": round(scores.speaker.accuracy, 4),
        "accuracy_found": round(scores.speaker.accuracy_found, 4),
        "gold": scores.speaker.gold,
        "found": scores.speaker.found,
        "correct": scores.speaker.correct,
    }
    return data


def _match_json(match: Match) -> dict[str, Any]:
    return {
        "precision": round(match.precision, 4),
        "recall": round(match.recall, 4),
        "f1": round(match.f1, 4),
        "predicted": match.predicted,
        "gold": match.gold,
        "matched_predicted": match.matched_predicted,
        "matched_gold": match.matched_gold,
    }


def _prf(match: Match) -> tuple[float, float, float]:
    return match.precision, match.recall, match.f1


def _percent(value: float) -> str:
    return f"{100 * value:.1f}"


def _anchors(role: str) -> str:
    values = {a.match: _percent(a.value) for a in ANCHORS if a.role == role}
    if not values:
        return ""
    return f"{values.get('exact', '-')} / {values.get('overlap', '-')}"


def _speaker_line(label: str, counts: SpeakerCounts) -> str:
    return (
        f"{label}: {_percent(counts.accuracy)}% of {counts.gold} gold contents with a source "
        f"({_percent(counts.accuracy_found)}% of the {counts.found} a prediction overlaps)"
    )
