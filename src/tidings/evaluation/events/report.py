"""Event evaluation results: rich tables for people, JSON for programs, misses as JSONL."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from tidings.evaluation.events.run import EventEvaluation
from tidings.evaluation.events.scores import SCORED_FIELDS, EventScores, FieldCounts

__all__ = [
    "ANCHORS",
    "EVENTS_SCHEMA",
    "event_evaluation_json",
    "print_event_evaluation",
    "write_misses",
]

EVENTS_SCHEMA = "tidings/eval-events@1"


@dataclass(frozen=True, slots=True)
class EventAnchor:
    """A published argument score; all are given the gold triggers, so they compare with
    tidings' Arg-C on found triggers only."""

    dataset: str
    system: str
    arg_f1: float
    note: str


ANCHORS = (
    EventAnchor("RAMS", "Ebner et al. 2020", 0.681, "gold triggers and gold argument spans"),
    EventAnchor("RAMS", "BART-Gen (Li et al. 2021)", 0.486, "gold triggers; span F1"),
    EventAnchor("WikiEvents", "BART-Gen (Li et al. 2021)", 0.646, "gold triggers; head F1"),
)


def _field_json(counts: FieldCounts) -> dict[str, Any]:
    return {
        "filled": counts.filled,
        "right": counts.right,
        "gold": counts.gold,
        "hit": counts.hit,
        "gold_all": counts.gold_all,
        "precision": round(counts.precision, 4),
        "filled_annotated": counts.filled_annotated,
        "annotated_precision": round(counts.annotated_precision, 4),
        "recall": round(counts.recall, 4),
        "f1": round(counts.f1, 4),
        "end_to_end_recall": round(counts.end_to_end_recall, 4),
        "end_to_end_f1": round(counts.end_to_end_f1, 4),
    }


def _lost(scores: EventScores) -> Counter[tuple[str, str, str]]:
    """Lost arguments by (field, where, left empty or wrong)."""
    return Counter(
        (m.field or "", m.where or "", m.kind) for m in scores.misses if m.kind != "trigger"
    )


def _sources(scores: EventScores) -> list[str]:
    return sorted({source for source, _, _ in scores.place_sources})


def _source_json(scores: EventScores, source: str) -> dict[str, int]:
    counts = scores.place_sources
    return {
        "filled": sum(n for (s, _, _), n in counts.items() if s == source),
        "right": sum(n for (s, right, _), n in counts.items() if s == source and right),
        "filled_annotated": sum(n for (s, _, gold), n in counts.items() if s == source and gold),
    }


def event_evaluation_json(result: EventEvaluation) -> dict[str, Any]:
    """The result as plain JSON-ready data, anchors included."""
    scores = result.scores
    return {
        "schema": EVENTS_SCHEMA,
        "dataset": result.dataset.name,
        "path": result.dataset.path,
        "documents": scores.documents,
        "seconds": round(result.seconds, 1),
        "gold_events": scores.gold,
        "gold_mapped": scores.gold_mapped,
        "found": scores.found,
        "found_mapped": scores.found_mapped,
        "predicted_events": scores.predicted,
        "trigger_recall": round(scores.trigger_recall, 4),
        "mapped_trigger_recall": round(scores.mapped_trigger_recall, 4),
        "type_accuracy": round(scores.type_accuracy, 4),
        "fields": {name: _field_json(scores.fields[name]) for name in SCORED_FIELDS},
        "arg_c": _field_json(scores.pooled),
        "ignored_arguments": scores.ignored_arguments,
        "place_sources": {
            source or "site only": _source_json(scores, source) for source in _sources(scores)
        },
        "trigger_recall_by_type": {
            family: {"gold": gold, "found": scores.found_by_type[family]}
            for family, gold in scores.by_type.most_common()
        },
        "lost_arguments": [
            {"field": f, "where": w, "kind": k, "count": n}
            for (f, w, k), n in _lost(scores).most_common()
        ],
        "anchors": [asdict(anchor) for anchor in ANCHORS if anchor.dataset == result.dataset.name],
    }


def print_event_evaluation(result: EventEvaluation, console: Console) -> None:
    """Triggers, arguments beside the published anchors, and where arguments were lost."""
    scores = result.scores
    name = result.dataset.name
    triggers = Table(
        title=f"Event triggers: {name} ({result.dataset.path})",
        caption=f"{scores.documents} texts, {scores.gold} gold events ({scores.gold_mapped} of "
        f"types with a PLOVER counterpart), {scores.predicted} tidings events, "
        f"{result.seconds:.0f} s. Found: a tidings trigger overlaps the gold one.",
    )
    for column in ("gold events", "found", "trigger recall", "recall, mapped types",
                   "type accuracy"):  # fmt: skip
        triggers.add_column(column, justify="right")
    triggers.add_row(
        str(scores.gold),
        str(scores.found),
        f"{scores.trigger_recall:.3f}",
        f"{scores.mapped_trigger_recall:.3f}",
        f"{scores.type_accuracy:.3f}",
    )
    console.print(triggers)
    arguments = Table(
        title="Arguments on found triggers",
        caption="Right: a mention of tidings' actor (or its place's or site's span) overlaps a "
        "mention of the gold argument. Annotated P: on events with a gold argument of the "
        "field. End to end: recall over the arguments of every gold event. "
        f"{scores.ignored_arguments} gold arguments of roles no field scores were left out. "
        "Published systems are given the gold triggers: compare them with Arg-C F1.",
    )
    for column in ("field", "filled", "precision", "annotated P", "gold", "recall", "F1",
                   "end-to-end R", "end-to-end F1"):  # fmt: skip
        arguments.add_column(column, justify="left" if column == "field" else "right")
    for label, counts in (
        *((f, scores.fields[f]) for f in SCORED_FIELDS),
        ("Arg-C", scores.pooled),
    ):
        arguments.add_row(
            label,
            str(counts.filled),
            f"{counts.precision:.3f}",
            f"{counts.annotated_precision:.3f}",
            str(counts.gold),
            f"{counts.recall:.3f}",
            f"{counts.f1:.3f}",
            f"{counts.end_to_end_recall:.3f}",
            f"{counts.end_to_end_f1:.3f}",
        )
    for anchor in ANCHORS:
        if anchor.dataset == name:
            arguments.add_row(
                f"[cyan]{anchor.system} (published; {anchor.note})[/cyan]",
                "", "", "", "", "", f"{anchor.arg_f1:.3f}", "", "",
            )  # fmt: skip
    console.print(arguments)
    lost = Table(title="Lost arguments of found events, by kind")
    for column in ("field", "where the gold argument is", "tidings' field", "count"):
        lost.add_column(column, justify="right" if column == "count" else "left")
    for (field_name, where, kind), count in _lost(scores).most_common():
        lost.add_row(field_name, where, "empty" if kind == "empty" else "filled wrong", str(count))
    console.print(lost)
    sources = Table(
        title="Places by where they came from (place_source)",
        caption="Annotated: on events whose gold has a place.",
    )
    for column in ("place_source", "filled", "right", "precision", "filled, annotated",
                   "annotated precision"):  # fmt: skip
        sources.add_column(column, justify="left" if column == "place_source" else "right")
    for source in _sources(scores):
        tally = _source_json(scores, source)
        sources.add_row(
            source or "site only",
            str(tally["filled"]),
            str(tally["right"]),
            f"{tally['right'] / tally['filled']:.2f}",
            str(tally["filled_annotated"]),
            f"{tally['right'] / tally['filled_annotated']:.2f}"
            if tally["filled_annotated"]
            else "",
        )
    console.print(sources)
    families = Table(title="Trigger recall by gold type")
    for column in ("gold type", "gold", "found", "recall"):
        families.add_column(column, justify="left" if column == "gold type" else "right")
    for family, gold in scores.by_type.most_common():
        found = scores.found_by_type[family]
        families.add_row(family, str(gold), str(found), f"{found / gold:.2f}")
    console.print(families)


def write_misses(result: EventEvaluation, path: Path) -> int:
    """Every gold event not found and argument not hit, one JSON object a line; returns how
    many."""
    with path.open("w", encoding="utf-8") as out:
        for miss in result.scores.misses:
            out.write(json.dumps(asdict(miss), ensure_ascii=False) + "\n")
    return len(result.scores.misses)
