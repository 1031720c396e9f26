"""How facts become rows: each table's columns follow from the fields of one fact dataclass.

A :class:`Table` names the dataclass it stores and how its rows are found in
:class:`~tidings.model.Facts`; its columns are the dataclass's fields, in order, by these
rules:

* a plain field is a column of its name (``kind``, ``lat``), unless ``renamed`` says
  otherwise (a reference to another fact is stored as ``<name>_id``: ``entity_id``);
* a nested fact is flattened into columns named after the field: its label (``text`` of a
  :class:`~tidings.model.Span`, ``name`` of a :class:`~tidings.model.Speaker`) is the column
  of the field's own name, every other part ``<field>_<part>``: ``trigger``,
  ``trigger_start``, ``trigger_end``; ``speaker``, ``speaker_entity``,
  ``speaker_resolved_from_start``;
* a field in ``kept_out`` has no column: a list stored in a table of its own (an entity's
  mentions) or a text that is a slice of ``articles.text`` already (an event's evidence).

``lead`` columns come first (``n``, the row's number in its article, or the id of the fact
that holds a mention), and ``derived`` ones last (``date_first``: values computed from the
fact for queries). Every table also has ``article_id``. The writer inserts with these columns;
a test checks that each field of each fact is a column of its table in the schema, or kept
out on purpose.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from tidings.model import (
    Actor,
    Article,
    DateMention,
    Entity,
    Event,
    EventMention,
    Facts,
    Focus,
    MainEvent,
    Place,
    Quantity,
    Quote,
    Span,
)
from tidings.store.calendar import day_range

__all__ = ["ARTICLES", "TABLES", "Column", "Table", "field_columns"]

LABELS = ("text", "name")  # the part of a nested fact stored under the field's own name
Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Column:
    """One column and how its value is read from a fact."""

    name: str
    path: tuple[str, ...]  # attribute names from the fact to the value ("speaker", "start")
    read: Callable[[Any], Any] | None = None  # for a derived column

    def value(self, fact: Any) -> Any:
        if self.read is not None:
            return self.read(fact)
        for name in self.path:
            if fact is None:
                return None
            fact = getattr(fact, name)
        return fact


@dataclass(frozen=True)
class Table:
    """A table of one kind of fact."""

    name: str
    fact: type
    items: Callable[[Facts], Iterable[tuple[Row, Any]]]  # (lead values, fact) per row
    lead: tuple[str, ...] = ()
    renamed: Mapping[str, str] = field(default_factory=dict)  # dotted field path -> column
    kept_out: Mapping[str, str] = field(default_factory=dict)  # dotted field path -> why
    derived: tuple[Column, ...] = ()

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """The fact's columns, then the derived ones (``lead`` not included)."""
        return (*field_columns(self.fact, self.renamed, self.kept_out), *self.derived)

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        return (*self.lead, *(column.name for column in self.columns))

    def rows(self, facts: Facts) -> list[Row]:
        """The rows of ``facts`` for this table, without ``article_id``."""
        columns = self.columns
        return [
            (*lead, *(column.value(fact) for column in columns)) for lead, fact in self.items(facts)
        ]


def field_columns(
    kind: type,
    renamed: Mapping[str, str] = {},
    kept_out: Mapping[str, str] = {},
    path: tuple[str, ...] = (),
    base: str = "",
) -> list[Column]:
    """The columns of dataclass ``kind``'s fields (of a fact nested at ``path``)."""
    columns: list[Column] = []
    hints = typing.get_type_hints(kind)
    for part in dataclasses.fields(kind):
        here = (*path, part.name)
        dotted = ".".join(here)
        if dotted in kept_out:
            continue
        if not base:
            name = part.name
        elif part.name in LABELS:
            name = base
        else:
            name = f"{base}_{part.name}"
        nested = _dataclass_in(hints[part.name])
        if nested is not None:
            columns.extend(field_columns(nested, renamed, kept_out, here, name))
        else:
            columns.append(Column(renamed.get(dotted, name), here))
    return columns


def _dataclass_in(hint: Any) -> type | None:
    """The dataclass of a field typed ``X`` or ``X | None``, if it is one."""
    options = typing.get_args(hint) if typing.get_origin(hint) is not None else (hint,)
    for option in options:
        if isinstance(option, type) and dataclasses.is_dataclass(option):
            return option
    return None


def _numbered(items: Iterable[Any]) -> list[tuple[Row, Any]]:
    return [((n,), item) for n, item in enumerate(items, 1)]


def _plain(items: Iterable[Any]) -> list[tuple[Row, Any]]:
    return [((), item) for item in items]


def _mentions(holders: Iterable[Entity | Actor | Event]) -> list[tuple[Row, Any]]:
    return [((holder.id,), mention) for holder in holders for mention in holder.mentions]


def _day(position: int) -> Callable[[Event], str | None]:
    def read(event: Event) -> str | None:
        days = day_range(event.date)
        return days[position] if days else None

    return read


SLICE = "a slice of articles.text, found by its offsets"
ARTICLES = Table("articles", Article, lambda facts: [((), facts.article)])
TABLES: tuple[Table, ...] = (
    Table(
        "entities",
        Entity,
        lambda facts: _plain(facts.entities),
        kept_out={"mentions": "table mentions"},
    ),
    Table("mentions", Span, lambda facts: _mentions(facts.entities), lead=("entity_id",)),
    Table("places", Place, lambda facts: _plain(facts.places), renamed={"entity": "entity_id"}),
    Table("dates", DateMention, lambda facts: _numbered(facts.dates), lead=("n",)),
    Table("quotes", Quote, lambda facts: _numbered(facts.quotes), lead=("n",)),
    Table("quantities", Quantity, lambda facts: _numbered(facts.quantities), lead=("n",)),
    Table(
        "actors",
        Actor,
        lambda facts: _plain(facts.actors),
        renamed={"entity": "entity_id"},
        kept_out={"mentions": "table actor_mentions"},
    ),
    Table("actor_mentions", Span, lambda facts: _mentions(facts.actors), lead=("actor_id",)),
    Table(
        "events",
        Event,
        lambda facts: _plain(facts.events),
        renamed={"actor": "actor_id", "target": "target_id", "place": "place_id"},
        kept_out={
            "evidence.text": SLICE,
            "date_span.text": SLICE,
            "mentions": "table event_mentions",
        },
        derived=(
            Column("date_first", (), _day(0)),  # the calendar days the date covers
            Column("date_last", (), _day(1)),
        ),
    ),
    Table(
        "event_mentions",
        EventMention,
        lambda facts: _mentions(facts.events),
        lead=("event_id",),
        kept_out={"evidence.text": SLICE},
    ),
    Table("focus", Focus, lambda facts: _numbered(facts.focus), lead=("n",)),
    Table(
        "main_events",
        MainEvent,
        lambda facts: _plain(() if facts.main_event is None else (facts.main_event,)),
        renamed={"event": "event_id"},
    ),
    Table(
        "summaries",
        Span,
        lambda facts: _numbered(facts.summary),
        lead=("n",),
        kept_out={"text": SLICE},
    ),
)
