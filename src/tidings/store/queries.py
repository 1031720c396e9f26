"""The read side of the database, shared by the CLI, the Python API and (later) the web UI.

``Corpus(path)`` opens a database read-only; its methods return :class:`Rows` of frozen
dataclasses (a list with ``to_pandas()``), newest first unless said otherwise:

articles()          every article (for export), newest first
search(text)        articles matching a full-text query (FTS5 syntax: words, "a phrase",
                    OR, NOT, prefix*), best match first (bm25), with a snippet; a query
                    matching more than 20,000 articles lists the latest added first
events(...)         real-world events (one row each, with its mentions and sources) or every
                    mention, filtered by type, actor (name or code), country (of the place,
                    alpha-2, or of an actor, alpha-3), place name, date range, story, least
                    number of sources; by default only those said to have happened
                    (asserted or reported, not negated)
stories(...)        stories, the most reported first
quotes(...)         quotes, by speaker (words of the name) or words of the quote
places(...)         places with how many times and in how many articles they are named
counts()            rows per table
overview()          what a database holds: articles, stories, their dates, real-world
                    events and the commonest event types, actors and places
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from tidings.errors import StoreError
from tidings.store.event_queries import EventFilters, list_events, where_sql
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
from tidings.store.schema import (
    SCHEMA_VERSION,
    add_functions,
    connect,
    schema_version,
    table_names,
)

__all__ = ["Corpus"]


RANKED_MATCHES = 20_000


class Corpus:
    """A tidings database, opened for reading: ``tidings.open("news.db")``."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError(f"{self.path}: no such database (make one with tidings ingest)")
        try:
            self.connection = self._open()
            version = schema_version(self.connection)
            if version < SCHEMA_VERSION:  # made by an older tidings: bring it up to date
                self.connection.close()
                connect(self.path).close()
                self.connection = self._open()
            elif version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: made by a newer tidings (schema {version}; this one "
                    f"knows up to {SCHEMA_VERSION}): upgrade tidings to read it"
                )
            self.connection.execute("SELECT 1 FROM articles LIMIT 1")
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: not a tidings database ({error})") from None

    def _open(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
        add_functions(connection)
        return connection

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
        """Articles matching ``text`` (FTS5 query syntax), best first; when more than
        :data:`RANKED_MATCHES` articles match, the latest added first (ranking them all
        would take seconds in a large corpus: narrow the query to rank)."""
        execute = self.connection.execute
        try:
            (matches,) = execute(
                "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (text,)
            ).fetchone()
            order = "bm25(articles_fts)" if matches <= RANKED_MATCHES else "articles_fts.rowid DESC"
            rows = execute(
                "SELECT ar.id, ar.title, ar.published, ar.source, ar.url, "
                "snippet(articles_fts, 1, '«', '»', ' … ', 12), bm25(articles_fts) "
                "FROM articles_fts JOIN articles ar ON ar.rowid = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? ORDER BY {order} LIMIT ?",
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
        or with ``mentions`` every mention (see :mod:`tidings.store.event_queries`)."""
        filters = EventFilters(
            type=type, actor=actor, country=country, place=place, since=since, until=until,
            story=story, min_sources=min_sources,
        )  # fmt: skip
        found = list_events(
            self.connection, filters, mentions=mentions, everything=everything, limit=limit
        )
        return Rows(found)

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
            + where_sql(where)
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
            + where_sql(where)
            + " ORDER BY ar.published DESC, q.article_id, q.n"
        )
        try:
            found = self._limited(sql, values, limit)
        except sqlite3.OperationalError as error:
            raise StoreError(f"cannot search quotes for {text!r}: {error}") from None
        return Rows(QuoteRow(**_named(QuoteRow, row)) for row in found)

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
        return {
            name: self.connection.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]
            for name in table_names(self.connection)
        }

    def overview(self, *, top: int = 5) -> Overview:
        """How many articles and events, over which dates, and the commonest of each kind."""
        execute = self.connection.execute
        articles, sources, first, last = execute(
            "SELECT COUNT(*), COUNT(DISTINCT publisher), MIN(published), MAX(published) "
            "FROM articles"
        ).fetchone()
        (events,) = execute("SELECT COUNT(*) FROM canonical_events").fetchone()
        types = execute(
            "SELECT type, COUNT(*) FROM canonical_events "
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
        (stories,) = execute("SELECT COUNT(*) FROM stories").fetchone()
        return Overview(
            articles=articles,
            sources=sources,
            stories=stories,
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


def _named(kind: type, row: Sequence[Any]) -> dict[str, Any]:
    """The columns of ``row`` named after the fields of the dataclass ``kind``."""
    return dict(zip([field.name for field in fields(kind)], row, strict=True))
