"""Scoring events against WikiEvents or RAMS gold: triggers, types and arguments.

Pure functions; no I/O (:mod:`.gold` reads the data). For each gold event mention:

- it is **found** when a tidings trigger (of an event or of one of its other mentions)
  overlaps its trigger (of several, the one whose type
  the gold type accepts, else the first). Trigger recall is reported over all gold events and
  over the *mapped* ones (gold types with a PLOVER counterpart, :mod:`.mapping`); **type
  accuracy** is the share of found mapped events whose tidings type is accepted.
- on a found event, per field (actor, target, place): the field is **right** when a mention
  of the tidings actor (or the span of its place or site) overlaps a mention of a gold
  argument of that field; **precision** = right / filled, **recall** = gold arguments hit /
  gold arguments, F1. Neither set annotates every argument (WikiEvents gives most events no
  place), so **annotated precision** is also given: over events with a gold argument of
  that field only. Participants: the first is the actor and the others targets, or the
  second the actor and the others targets, whichever hits more. **Arg-C** pools the three fields.
- **end to end**, recall counts every gold argument (of events found or not) and precision
  stays that of found events, since the sets do not annotate every event: a tidings event
  that matches no gold trigger cannot be judged.

Every gold event not found and every gold argument not hit is kept as a :class:`Miss`, with
its kind, so that failures can be counted by kind before anyone fixes them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from tidings.evaluation.events.gold import CharSpan, GoldArgument, GoldDocument, GoldEvent

__all__ = [
    "SCORED_FIELDS",
    "EventScores",
    "FieldCounts",
    "Miss",
    "PredictedEvent",
    "score_document",
]

ScoredField = Literal["actor", "target", "place"]
SCORED_FIELDS: tuple[ScoredField, ...] = ("actor", "target", "place")
MissKind = Literal["trigger", "empty", "wrong"]  # not found; field left empty; filled wrong


@dataclass(frozen=True, kw_only=True, slots=True)
class PredictedEvent:
    """What tidings said of one event: its type, trigger (and the triggers of its other
    mentions), the mentions of its actor and target, and the spans of its place and site,
    with where the place came from."""

    type: str
    trigger: CharSpan
    mentions: tuple[CharSpan, ...] = ()
    actor: tuple[CharSpan, ...] = ()
    target: tuple[CharSpan, ...] = ()
    place: tuple[CharSpan, ...] = ()
    place_source: str | None = None

    def field(self, name: ScoredField) -> tuple[CharSpan, ...]:
        if name == "place":
            return self.place
        return self.actor if name == "actor" else self.target


@dataclass(frozen=True, kw_only=True, slots=True)
class Miss:
    """A gold event tidings did not find, or an argument of a found one it did not get."""

    document: str
    kind: MissKind
    gold_type: str
    trigger: str
    sentence: str
    field: ScoredField | None = None
    gold: str | None = None  # the argument as annotated
    where: Literal["same sentence", "earlier sentence", "later sentence"] | None = None
    predicted: str | None = None  # what tidings put in the field, or its type


@dataclass(slots=True)
class FieldCounts:
    filled: int = 0  # found events with the field filled
    right: int = 0  # ... of which right
    filled_annotated: int = 0  # ... of those with a gold argument of the field
    gold: int = 0  # gold arguments of the field, on found events
    hit: int = 0  # ... of which hit
    gold_all: int = 0  # gold arguments of the field, on every gold event (end to end)

    def __iadd__(self, other: FieldCounts) -> FieldCounts:
        self.filled += other.filled
        self.right += other.right
        self.filled_annotated += other.filled_annotated
        self.gold += other.gold
        self.hit += other.hit
        self.gold_all += other.gold_all
        return self

    @property
    def precision(self) -> float:
        return self.right / self.filled if self.filled else 0.0

    @property
    def annotated_precision(self) -> float:
        return self.right / self.filled_annotated if self.filled_annotated else 0.0

    @property
    def recall(self) -> float:
        return self.hit / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def end_to_end_recall(self) -> float:
        return self.hit / self.gold_all if self.gold_all else 0.0

    @property
    def end_to_end_f1(self) -> float:
        return _f1(self.precision, self.end_to_end_recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(slots=True)
class EventScores:
    """Counts over many documents; ``+=`` adds another's."""

    documents: int = 0
    gold: int = 0
    gold_mapped: int = 0
    found: int = 0
    found_mapped: int = 0
    type_right: int = 0
    predicted: int = 0  # tidings events, matched to gold or not
    fields: dict[str, FieldCounts] = field(
        default_factory=lambda: {name: FieldCounts() for name in SCORED_FIELDS}
    )
    ignored_arguments: int = 0  # gold arguments of roles no field scores
    # (place_source, right, the gold event has a place) -> places filled
    place_sources: Counter[tuple[str, bool, bool]] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)  # gold events per type family
    found_by_type: Counter[str] = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)

    def __iadd__(self, other: EventScores) -> EventScores:
        self.documents += other.documents
        self.gold += other.gold
        self.gold_mapped += other.gold_mapped
        self.found += other.found
        self.found_mapped += other.found_mapped
        self.type_right += other.type_right
        self.predicted += other.predicted
        for name in SCORED_FIELDS:
            self.fields[name] += other.fields[name]
        self.ignored_arguments += other.ignored_arguments
        self.place_sources.update(other.place_sources)
        self.by_type.update(other.by_type)
        self.found_by_type.update(other.found_by_type)
        self.misses.extend(other.misses)
        return self

    @property
    def trigger_recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def mapped_trigger_recall(self) -> float:
        return self.found_mapped / self.gold_mapped if self.gold_mapped else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_right / self.found_mapped if self.found_mapped else 0.0

    @property
    def pooled(self) -> FieldCounts:
        """Arg-C: the three fields pooled."""
        total = FieldCounts()
        for counts in self.fields.values():
            total += counts
        return total


def score_document(gold: GoldDocument, predicted: Sequence[PredictedEvent]) -> EventScores:
    """The counts of one document."""
    scores = EventScores(documents=1, predicted=len(predicted))
    for event in gold.events:
        family = ".".join(event.type.split(".")[:2])
        scores.gold += 1
        scores.gold_mapped += event.mapped
        scores.by_type[family] += 1
        scored = [a for a in event.arguments if a.field is not None]
        scores.ignored_arguments += len(event.arguments) - len(scored)
        for name, arguments in _fields(scored, None).items():
            scores.fields[name].gold_all += len(arguments)
        match = _match(event, predicted)
        if match is None:
            scores.misses.append(_miss(gold, event, "trigger"))
            continue
        scores.found += 1
        scores.found_by_type[family] += 1
        if event.mapped:
            scores.found_mapped += 1
            scores.type_right += match.type in event.accepted
        by_field = _fields(scored, match)
        for name in SCORED_FIELDS:
            counts = scores.fields[name]
            mine = match.field(name)
            arguments = by_field[name]
            counts.gold += len(arguments)
            hits = [a for a in arguments if _hits(mine, a)]
            counts.hit += len(hits)
            if mine:
                counts.filled += 1
                counts.right += bool(hits)
                counts.filled_annotated += bool(arguments)
                if name == "place":
                    key = (match.place_source or "", bool(hits), bool(arguments))
                    scores.place_sources[key] += 1
            for argument in arguments:
                if argument not in hits:
                    scores.misses.append(_argument_miss(gold, event, name, argument, mine))
    return scores


def _match(event: GoldEvent, predicted: Sequence[PredictedEvent]) -> PredictedEvent | None:
    overlapping = [
        p
        for p in predicted
        if any(_overlap(span, event.trigger) for span in (p.trigger, *p.mentions))
    ]
    typed = [p for p in overlapping if p.type in event.accepted]
    chosen = typed or overlapping
    return chosen[0] if chosen else None


def _fields(
    arguments: Sequence[GoldArgument], match: PredictedEvent | None
) -> dict[ScoredField, list[GoldArgument]]:
    """The gold arguments scored as each field, participants assigned as scores best."""
    fields: dict[ScoredField, list[GoldArgument]] = {name: [] for name in SCORED_FIELDS}
    participants = []
    for argument in arguments:
        if argument.field == "participant":
            participants.append(argument)
        elif argument.field is not None:
            fields[argument.field].append(argument)
    if not participants:
        return fields
    options = [(participants[:1], participants[1:])]
    if len(participants) > 1:
        options.append((participants[1:2], participants[:1] + participants[2:]))

    def hits(option: tuple[list[GoldArgument], list[GoldArgument]]) -> int:
        if match is None:
            return 0
        actors, targets = option
        return sum(_hits(match.actor, a) for a in actors) + sum(
            _hits(match.target, a) for a in targets
        )

    actors, targets = max(options, key=hits)
    fields["actor"].extend(actors)
    fields["target"].extend(targets)
    return fields


def _hits(mine: tuple[CharSpan, ...], argument: GoldArgument) -> bool:
    return any(_overlap(span, gold) for span in mine for gold in argument.mentions)


def _overlap(one: CharSpan, other: CharSpan) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _sentence(gold: GoldDocument, number: int) -> str:
    start, end = gold.sentences[number] if number < len(gold.sentences) else (0, 0)
    return gold.text[start:end]


def _miss(gold: GoldDocument, event: GoldEvent, kind: MissKind) -> Miss:
    return Miss(
        document=gold.name,
        kind=kind,
        gold_type=event.type,
        trigger=gold.text[event.trigger[0] : event.trigger[1]],
        sentence=_sentence(gold, event.sentence),
    )


def _argument_miss(
    gold: GoldDocument,
    event: GoldEvent,
    name: ScoredField,
    argument: GoldArgument,
    mine: tuple[CharSpan, ...],
) -> Miss:
    if argument.sentence == event.sentence or any(
        _within(span, gold.sentences[event.sentence]) for span in argument.mentions
    ):
        where: Literal["same sentence", "earlier sentence", "later sentence"] = "same sentence"
    elif argument.sentence < event.sentence:
        where = "earlier sentence"
    else:
        where = "later sentence"
    return Miss(
        document=gold.name,
        kind="wrong" if mine else "empty",
        gold_type=event.type,
        trigger=gold.text[event.trigger[0] : event.trigger[1]],
        sentence=_sentence(gold, event.sentence),
        field=name,
        gold=gold.text[argument.span[0] : argument.span[1]],
        where=where,
        predicted=" | ".join(gold.text[s:e] for s, e in mine) or None,
    )


def _within(span: CharSpan, sentence: CharSpan) -> bool:
    return sentence[0] <= span[0] and span[1] <= sentence[1]
