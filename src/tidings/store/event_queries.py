"""Listing events from a large database quickly, for :meth:`tidings.store.queries.Corpus.events`.

Real-world events (the default) are read from ``canonical_events``, latest first by the
calendar days their dates cover (``date_last``, so weeks, months and days sort together),
so a listing walks that index and stops after ``limit`` rows instead of sorting every match;
filters on other columns are checked on the way (their indexes deliberately not used, with
``+column``, so the planner keeps the date order). Each row shown is the event's earliest
mention, fetched for those rows only. ``mentions`` lists every mention the same way, from
``events``; it is also how events that did not happen (``everything``) are listed, as those
have no canonical event. Date filters take any date value ("2017-11" means all of
November): an event is kept when the days it covers reach into the range.
"""

from __future__ import annotations

import dataclasses
import json
import re
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from tidings.model import HAPPENED_MODALITIES
from tidings.store.calendar import day_range
from tidings.store.filter_values import ESCAPE, contains, country_code
from tidings.store.rows import EventRow

__all__ = ["EventFilters", "list_events", "where_sql"]

HAPPENED = (
    "e.negated = 0 AND e.modality IN ("
    + ", ".join(f"'{modality}'" for modality in HAPPENED_MODALITIES)
    + ")"
)
EVENT_SELECT = """
SELECT e.article_id AS article_id, e.id AS id, e.type AS type, e.mode AS mode,
       e.trigger AS trigger, e.date AS date, e.date_precision AS date_precision,
       a.name AS actor, a.code AS actor_code, t.name AS target, t.code AS target_code,
       p.name AS place, p.country AS country, p.lat AS lat, p.lon AS lon,
       e.modality AS modality, e.negated AS negated, e.killed AS killed, e.injured AS injured,
       substr(ar.text, e.evidence_start + 1, e.evidence_end - e.evidence_start) AS evidence,
       ar.title AS title, ar.published AS published, ar.story_id AS story_id,
       e.canonical_id AS canonical_id, c.mentions AS mentions, c.sources AS sources
FROM events e
JOIN articles ar ON ar.id = e.article_id
LEFT JOIN canonical_events c ON c.id = e.canonical_id
LEFT JOIN actors a ON a.article_id = e.article_id AND a.id = e.actor_id
LEFT JOIN actors t ON t.article_id = e.article_id AND t.id = e.target_id
LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place_id
"""
MERGED_POINT = (  # the point of a merged event's place, from a mention that names it
    "SELECT json_array(p.lat, p.lon) FROM events m JOIN places p ON p.article_id = "
    "m.article_id AND p.id = m.place_id WHERE m.canonical_id = c.id AND p.name = c.place_name "
    "AND p.lat IS NOT NULL LIMIT 1"
)
NAMES = [field.name for field in fields(EventRow)]
CANONICAL = NAMES.index("canonical_id")
CODE = re.compile(r"^[A-Za-z]{3}(?:[A-Za-z]{3})*$")
MENTION_ACTORS = (
    "EXISTS (SELECT 1 FROM events m JOIN actors n ON n.article_id = m.article_id "
    "AND n.id IN (m.actor_id, m.target_id) WHERE m.canonical_id = c.id "
    f"AND n.name LIKE ? {ESCAPE})"
)


@dataclass(frozen=True, kw_only=True, slots=True)
class EventFilters:
    """What to list; every filter given must hold."""

    type: str | None = None
    actor: str | None = None  # a code (PRKMIL, GOV) or words of a name
    country: str | None = None  # alpha-2 or a name: the place's country; alpha-3: an actor's
    place: str | None = None  # words of the place's name (as text: % and _ are no wildcards)
    since: str | None = None
    until: str | None = None
    story: int | None = None
    min_sources: int | None = None


def list_events(
    connection: sqlite3.Connection,
    filters: EventFilters,
    *,
    mentions: bool,
    everything: bool,
    limit: int | None,
) -> list[EventRow]:
    """The events matching ``filters``, latest first."""
    if mentions or everything:
        return _mentions(connection, filters, everything, limit)
    where, values = _canonical_filters(filters)
    chosen = "SELECT c.id FROM canonical_events c" + where_sql(where)
    # latest first: by the last day covered, or, under an upper bound, by the first day (so
    # the walk starts at the bound instead of passing every later event)
    chosen += (
        " ORDER BY c.date_first DESC, c.date_last DESC, c.id DESC"
        if filters.until
        else " ORDER BY c.date_last DESC, c.date_first DESC, c.id DESC"
    )
    if limit is not None:
        chosen += f" LIMIT {int(limit)}"
    ids = [number for (number,) in connection.execute(chosen, values)]
    if not ids:
        return []
    # each chosen event shown by its earliest report's mention, with the merged event's date,
    # place and codes (what all its reports say together); the ids travel as one JSON value,
    # so any number of them fits in one query
    listed = json.dumps(ids)
    rows = connection.execute(
        "SELECT * FROM (SELECT mention.*, ROW_NUMBER() OVER (PARTITION BY mention.canonical_id "
        "ORDER BY mention.published IS NULL, mention.published, mention.article_id, "
        f"mention.id) AS n FROM ({EVENT_SELECT} WHERE e.canonical_id IN "
        "(SELECT value FROM json_each(?))) AS mention) WHERE n = 1",
        (listed,),
    ).fetchall()
    merged = {
        number: (date, precision, place, country, actor, target, point)
        for number, date, precision, place, country, actor, target, point in connection.execute(
            "SELECT c.id, c.date, c.date_precision, c.place_name, c.country, c.actor_code, "
            f"c.target_code, ({MERGED_POINT}) FROM canonical_events c "
            "WHERE c.id IN (SELECT value FROM json_each(?))",
            (listed,),
        )
    }
    by_id = {row[CANONICAL]: row for row in rows}
    return [_merged_row(by_id[number], merged[number]) for number in ids if number in by_id]


def _merged_row(row: tuple[Any, ...], merged: tuple[Any, ...]) -> EventRow:
    """The mention ``row`` with what the merged event says, its place's point included
    (the mention shown may name no place, or another one)."""
    event = _row(row)
    date, precision, place, country, actor, target, point = merged
    lat, lon = json.loads(point) if point else (None, None)
    if place is None or (place == event.place and lat is None):
        lat, lon = event.lat, event.lon
    return dataclasses.replace(
        event,
        date=date or event.date,
        date_precision=precision if date else event.date_precision,
        place=place or event.place,
        country=country or event.country,
        lat=lat,
        lon=lon,
        actor_code=actor or event.actor_code,
        target_code=target or event.target_code,
    )


def _canonical_filters(filters: EventFilters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    values: list[Any] = []
    if filters.type:
        where.append("c.type = ?")
        values.append(filters.type.upper())
    if filters.actor:
        code = filters.actor.upper()
        clauses = [MENTION_ACTORS]
        values.append(contains(filters.actor, "actor"))
        if CODE.match(filters.actor):
            clauses[:0] = ["+c.actor_code = ?", "+c.target_code = ?"]
            values[-1:-1] = [code, code]
        where.append("(" + " OR ".join(clauses) + ")")
    if filters.country:
        code = country_code(filters.country, alpha3=True)
        if len(code) == 3:
            where.append("(substr(+c.actor_code, 1, 3) = ? OR substr(+c.target_code, 1, 3) = ?)")
            values += [code, code]
        else:
            where.append("+c.country = ?")
            values.append(code)
    if filters.place:
        where.append(f"+c.place_name LIKE ? {ESCAPE}")
        values.append(contains(filters.place, "place"))
    if filters.since:
        where.append("c.date_last >= ?")
        values.append(_first(filters.since))
    if filters.until:
        where.append("c.date_first <= ?")
        values.append(_last(filters.until))
    if filters.story is not None:
        where.append("c.story_id = ?")
        values.append(filters.story)
    if filters.min_sources:
        where.append("+c.sources >= ?")
        values.append(filters.min_sources)
    return where, values


def _mentions(
    connection: sqlite3.Connection, filters: EventFilters, everything: bool, limit: int | None
) -> list[EventRow]:
    where: list[str] = [] if everything else [HAPPENED]
    values: list[Any] = []
    if filters.type:
        where.append("e.type = ?")
        values.append(filters.type.upper())
    if filters.actor:
        code = filters.actor.upper()
        pattern = contains(filters.actor, "actor")
        where.append(
            f"(a.code = ? OR t.code = ? OR a.name LIKE ? {ESCAPE} OR t.name LIKE ? {ESCAPE})"
        )
        values += [code, code, pattern, pattern]
    if filters.country:
        code = country_code(filters.country, alpha3=True)
        where.append("(p.country = ? OR a.country = ? OR t.country = ?)")
        values += [code, code, code]
    if filters.place:
        pattern = contains(filters.place, "place")
        where.append(f"(p.name LIKE ? {ESCAPE} OR p.text LIKE ? {ESCAPE})")
        values += [pattern, pattern]
    if filters.since:
        where.append("e.date_last >= ?")
        values.append(_first(filters.since))
    if filters.until:
        where.append("e.date_first <= ?")
        values.append(_last(filters.until))
    if filters.story is not None:
        where.append("ar.story_id = ?")
        values.append(filters.story)
    if filters.min_sources:
        where.append("c.sources >= ?")
        values.append(filters.min_sources)
    sql = EVENT_SELECT + where_sql(where)
    sql += (
        " ORDER BY e.date_first DESC, e.date_last DESC, e.article_id, e.id"
        if filters.until
        else " ORDER BY e.date_last DESC, e.date_first DESC, e.article_id, e.id"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_row(row) for row in connection.execute(sql, values)]


def where_sql(conditions: list[str]) -> str:
    """A WHERE clause joining ``conditions`` with AND; nothing when there are none."""
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _first(value: str) -> str:
    """The first day of a date given as a filter ("2017-11" is "2017-11-01")."""
    span = day_range(value)
    return span[0] if span else value


def _last(value: str) -> str:
    """The last day of a date given as a filter ("2017-11" is "2017-11-30")."""
    span = day_range(value)
    return span[1] if span else value


def _row(row: tuple[Any, ...]) -> EventRow:
    values = dict(zip(NAMES, row[: len(NAMES)], strict=True))
    values["negated"] = bool(values["negated"])
    return EventRow(**values)
