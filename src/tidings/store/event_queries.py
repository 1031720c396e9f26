"""Listing events from a large database quickly, for :meth:`tidings.store.queries.Corpus.events`.

Real-world events (the default) are read from ``canonical_events``, latest date first, so a
listing walks the date index and stops after ``limit`` rows instead of sorting every match;
filters on other columns are checked on the way (their indexes deliberately not used, with
``+column``, so the planner keeps the date order). Each row shown is the event's earliest
mention, fetched for those rows only. ``mentions`` lists every mention the same way, from
``events``; it is also how events that did not happen (``everything``) are listed, as those
have no canonical event.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from tidings.store.rows import EventRow

__all__ = ["EventFilters", "list_events"]

HAPPENED = "e.negated = 0 AND e.modality IN ('asserted', 'reported')"
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
CODE = re.compile(r"^[A-Za-z]{3}(?:[A-Za-z]{3})*$")
MENTION_ACTORS = (
    "EXISTS (SELECT 1 FROM events m JOIN actors n ON n.article_id = m.article_id "
    "AND n.id IN (m.actor_id, m.target_id) WHERE m.canonical_id = c.id AND n.name LIKE ?)"
)


@dataclass(frozen=True, kw_only=True, slots=True)
class EventFilters:
    """What to list; every filter given must hold."""

    type: str | None = None
    actor: str | None = None  # a code (PRKMIL, GOV) or words of a name
    country: str | None = None  # alpha-2: the place's country; alpha-3: an actor's
    place: str | None = None  # words of the place's name
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
    sql = "SELECT c.id FROM canonical_events c" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY c.date DESC, c.id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    ids = [number for (number,) in connection.execute(sql, values)]
    if not ids:
        return []
    marks = ", ".join("?" * len(ids))
    rows = connection.execute(
        f"SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY canonical_id ORDER BY "
        f"published, article_id, id) AS n FROM ({EVENT_SELECT} WHERE e.canonical_id IN "
        f"({marks}))) WHERE n = 1",
        ids,
    ).fetchall()
    by_id = {row[23]: row for row in rows}
    return [_row(by_id[number]) for number in ids if number in by_id]


def _canonical_filters(filters: EventFilters) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    values: list[Any] = []
    if filters.type:
        where.append("c.type = ?")
        values.append(filters.type.upper())
    if filters.actor:
        code = filters.actor.upper()
        clauses = [MENTION_ACTORS]
        values.append(f"%{filters.actor}%")
        if CODE.match(filters.actor):
            clauses[:0] = ["+c.actor_code = ?", "+c.target_code = ?"]
            values[-1:-1] = [code, code]
        where.append("(" + " OR ".join(clauses) + ")")
    if filters.country:
        code = filters.country.upper()
        if len(code) == 3:
            where.append("(substr(+c.actor_code, 1, 3) = ? OR substr(+c.target_code, 1, 3) = ?)")
            values += [code, code]
        else:
            where.append("+c.country = ?")
            values.append(code)
    if filters.place:
        where.append("+c.place_name LIKE ?")
        values.append(f"%{filters.place}%")
    if filters.since:
        where.append("c.date >= ?")
        values.append(filters.since)
    if filters.until:
        where.append("c.date <= ? || 'z'")  # "2017-11" keeps its days
        values.append(filters.until)
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
        where.append("(a.code = ? OR t.code = ? OR a.name LIKE ? OR t.name LIKE ?)")
        values += [code, code, f"%{filters.actor}%", f"%{filters.actor}%"]
    if filters.country:
        code = filters.country.upper()
        where.append("(p.country = ? OR a.country = ? OR t.country = ?)")
        values += [code, code, code]
    if filters.place:
        where.append("(p.name LIKE ? OR p.text LIKE ?)")
        values += [f"%{filters.place}%", f"%{filters.place}%"]
    if filters.since:
        where.append("e.date >= ?")
        values.append(filters.since)
    if filters.until:
        where.append("e.date <= ? || 'z'")
        values.append(filters.until)
    if filters.story is not None:
        where.append("ar.story_id = ?")
        values.append(filters.story)
    if filters.min_sources:
        where.append("c.sources >= ?")
        values.append(filters.min_sources)
    sql = EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY e.date DESC, e.article_id, e.id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_row(row) for row in connection.execute(sql, values)]


def _row(row: tuple[Any, ...]) -> EventRow:
    names = [field.name for field in fields(EventRow)]
    values = dict(zip(names, row[: len(names)], strict=True))
    values["negated"] = bool(values["negated"])
    return EventRow(**values)
