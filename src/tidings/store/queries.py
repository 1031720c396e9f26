"""The read side of the database, shared by the CLI, the Python API and (later) the web UI.

``Corpus(path)`` opens a database read-only; its methods return :class:`Rows` of frozen
dataclasses (a list with ``to_pandas()``), newest first unless said otherwise:

articles()          every article (for export), newest first
search(text)        articles matching a full-text query (FTS5 syntax: words, "a phrase",
                    OR, NOT, prefix*), best match first (bm25), with a snippet
events(...)         real-world events (one row each, with its mentions and sources) or every
                    mention, filtered by type, actor (name or code), country (of the place,
                    alpha-2, or of an actor, alpha-3), place name, date range, story, least
                    number of sources; by default only those said to have happened
                    (asserted or reported, not negated)
stories(...)        stories, the most reported first
quotes(...)         quotes, by speaker (words of the name) or words of the quote
places(...)         places with how many times and in how many articles they are named
counts()            rows per table
overview()          what a database holds: articles, their dates, the commonest event types,
                    actors and places
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tidings.errors import StoreError
from tidings.store.rows import (
    ArticleHit,
    ArticleRow,
    EventRow,
    Overview,
    PlaceRow,
    QuoteRow,
    Rows,
    StoryRow,
)

__all__ = ["Corpus"]

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


class Corpus:
    """A tidings database, opened for reading: ``tidings.open("news.db")``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such database (make one with tidings ingest)")
        try:
            self.connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            self.connection.execute("SELECT 1 FROM articles LIMIT 1")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a tidings database ({error})") from None

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def articles(self, *, limit: int | None = None) -> Rows[ArticleRow]:
        """Every article, newest first."""
        sql = (
            "SELECT id, title, published, source, url, language, author, origin, text "
            "FROM articles ORDER BY published IS NULL, published DESC, id"
        )
        return Rows(ArticleRow(**_named(ArticleRow, row)) for row in self._limited(sql, [], limit))

    def search(self, text: str, *, limit: int = 20) -> Rows[ArticleHit]:
        """Articles matching ``text`` (FTS5 query syntax), best first."""
        try:
            rows = self.connection.execute(
                "SELECT ar.id, ar.title, ar.published, ar.source, ar.url, "
                "snippet(articles_fts, 1, '«', '»', ' … ', 12), bm25(articles_fts) "
                "FROM articles_fts JOIN articles ar ON ar.rowid = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
                (text, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise StoreError(f"cannot search for {text!r}: {error}") from None
        hits = (_named(ArticleHit, row) for row in rows)
        return Rows(
            ArticleHit(**{**hit, "snippet": " ".join(hit["snippet"].split())}) for hit in hits
        )

    def events(
        self,
        *,
        type: str | None = None,
        actor: str | None = None,
        country: str | None = None,
        place: str | None = None,
        since: str | None = None,
        until: str | None = None,
        story: int | None = None,
        min_sources: int | None = None,
        everything: bool = False,
        mentions: bool = False,
        limit: int | None = 100,
    ) -> Rows[EventRow]:
        """Events matching every filter given, latest date first: one row per real-world
        event (its earliest report's mention, with how many reports and publishers tell it),
        or with ``mentions`` every mention."""
        where: list[str] = [] if everything else [HAPPENED]
        values: list[Any] = []
        if type:
            where.append("e.type = ?")
            values.append(type.upper())
        if actor:
            where.append("(a.code = ? OR t.code = ? OR a.name LIKE ? OR t.name LIKE ?)")
            values += [actor.upper(), actor.upper(), f"%{actor}%", f"%{actor}%"]
        if country:
            code = country.upper()
            where.append("(p.country = ? OR a.country = ? OR t.country = ?)")
            values += [code, code, code]
        if place:
            where.append("(p.name LIKE ? OR p.text LIKE ?)")
            values += [f"%{place}%", f"%{place}%"]
        if since:
            where.append("e.date >= ?")
            values.append(since)
        if until:
            where.append("e.date <= ? || 'z'")  # "2017-11" keeps its days
            values.append(until)
        if story is not None:
            where.append("ar.story_id = ?")
            values.append(story)
        if min_sources:
            where.append("c.sources >= ?")
            values.append(min_sources)
        sql = EVENT_SELECT + (" WHERE " + " AND ".join(where) if where else "")
        order = "date IS NULL, date DESC, published DESC, article_id, id"
        if not mentions:
            sql = (
                "SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY COALESCE("
                "canonical_id, article_id || id) ORDER BY published, article_id, id) AS n "
                f"FROM ({sql})) WHERE n = 1"
            )
        rows = self._limited(f"SELECT * FROM ({sql}) ORDER BY {order}", values, limit)
        width = len(fields(EventRow))
        return Rows(EventRow(**_named(EventRow, row[:width], negated=bool)) for row in rows)

    def stories(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        min_sources: int | None = None,
        limit: int | None = 100,
    ) -> Rows[StoryRow]:
        """Stories, the most reported first."""
        where: list[str] = []
        values: list[Any] = []
        if since:
            where.append("s.last_published >= ?")
            values.append(since)
        if until:
            where.append("s.first_published <= ? || 'z'")
            values.append(until)
        if min_sources:
            where.append("s.sources >= ?")
            values.append(min_sources)
        sql = (
            "SELECT s.id, s.title, s.first_published, s.last_published, s.articles, s.sources, "
            "(SELECT COUNT(*) FROM canonical_events c WHERE c.story_id = s.id) FROM stories s"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY s.sources DESC, s.articles DESC, s.last_published DESC, s.id"
        )
        return Rows(StoryRow(**_named(StoryRow, row)) for row in self._limited(sql, values, limit))

    def quotes(
        self, *, speaker: str | None = None, text: str | None = None, limit: int | None = 100
    ) -> Rows[QuoteRow]:
        """Quotes by a speaker (words of the name) or with words of the quote."""
        where, values = [], []
        if speaker:
            where.append("q.speaker LIKE ?")
            values.append(f"%{speaker}%")
        if text:
            where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            values.append(text)
        sql = (
            "SELECT q.article_id, q.speaker, q.text, q.kind, q.cue, ar.title, ar.published "
            "FROM quotes q JOIN articles ar ON ar.id = q.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY ar.published DESC, q.article_id, q.n"
        )
        return Rows(QuoteRow(**_named(QuoteRow, row)) for row in self._limited(sql, values, limit))

    def places(self, *, country: str | None = None, limit: int | None = 100) -> Rows[PlaceRow]:
        """Resolved places, most named first."""
        where = "WHERE lat IS NOT NULL" + (" AND country = ?" if country else "")
        sql = (
            "SELECT name, country, admin1, lat, lon, precision, COUNT(*), "
            f"COUNT(DISTINCT article_id) FROM places {where} "
            "GROUP BY name, country, lat, lon ORDER BY COUNT(*) DESC, name"
        )
        values = [country.upper()] if country else []
        return Rows(PlaceRow(**_named(PlaceRow, row)) for row in self._limited(sql, values, limit))

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        names = [
            name
            for (name,) in self.connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {
            name: self.connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in names
        }

    def overview(self, *, top: int = 5) -> Overview:
        """How many articles and events, over which dates, and the commonest of each kind."""
        execute = self.connection.execute
        articles, first, last = execute(
            "SELECT COUNT(*), MIN(published), MAX(published) FROM articles"
        ).fetchone()
        sources = len(
            {
                source or urlsplit(url or "").hostname or origin
                for source, url, origin in execute("SELECT source, url, origin FROM articles")
            }
        )
        (events,) = execute(f"SELECT COUNT(*) FROM events e WHERE {HAPPENED}").fetchone()
        types = execute(
            f"SELECT type, COUNT(*) FROM events e WHERE {HAPPENED} "
            "GROUP BY type ORDER BY COUNT(*) DESC, type LIMIT ?",
            (top,),
        ).fetchall()
        actors = execute(
            "SELECT code, COUNT(DISTINCT article_id) FROM actors WHERE code IS NOT NULL "
            "GROUP BY code ORDER BY 2 DESC, code LIMIT ?",
            (top,),
        ).fetchall()
        places = execute(
            "SELECT name, COUNT(DISTINCT article_id) FROM places WHERE lat IS NOT NULL "
            "GROUP BY name, country ORDER BY 2 DESC, name LIMIT ?",
            (top,),
        ).fetchall()
        return Overview(
            articles=articles,
            sources=sources,
            first_published=first,
            last_published=last,
            events=events,
            event_types=tuple(types),
            actors=tuple(actors),
            places=tuple(places),
        )

    def _limited(self, sql: str, values: Sequence[Any], limit: int | None) -> Iterable[Any]:
        if limit is not None:
            sql += " LIMIT ?"
            values = [*values, limit]
        return self.connection.execute(sql, values).fetchall()


def _named(kind: type, row: Sequence[Any], **convert: type) -> dict[str, Any]:
    """The columns of ``row`` named after the fields of the dataclass ``kind``."""
    names = [field.name for field in fields(kind)]
    values = dict(zip(names, row, strict=True))
    for name, to in convert.items():
        values[name] = to(values[name])
    return values
