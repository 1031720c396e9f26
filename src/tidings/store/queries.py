"""The read side of the database, shared by the CLI, the Python API and (later) the web UI.

``Corpus(path)`` opens a database for reading and writes nothing to it, so that one on
read-only media or in a folder this user cannot write is read too (a database made by an
older tidings is first brought up to date where it can be written, else refused naming the
``tidings upgrade`` to run). Its methods return :class:`Rows` of frozen dataclasses (a list
with ``to_pandas()``), newest first unless said otherwise. Filters are checked
(:mod:`.filter_values`): words of a name are matched as text (``%`` and ``_`` too) and are
at most 200 characters long, an unknown event type or country is refused with the closest
known ones; every refusal is a :class:`~tidings.errors.StoreError` of one line.

articles()          every article (for export), newest first
search(text)        articles matching a search: words and "phrases" (punctuation is text),
                    OR, -word, prefix* (:mod:`.search_syntax`; ``fts=True`` for FTS5's
                    own syntax), best match first (bm25), with a snippet; a query
                    matching more than 20,000 articles lists the latest added first
events(...)         real-world events (one row each, with its mentions and sources) or every
                    mention, filtered by type, actor (name or code), country (of the place,
                    alpha-2 or a name, or of an actor, alpha-3), place name, date range,
                    story, least number of sources; by default only those said to have happened
                    (asserted or reported, not negated)
stories(...)        stories, the most reported first
quotes(...)         quotes, by speaker (words of any of the speaker's names) or words of
                    the quote
places(...)         places with how many times and in how many articles they are named,
                    of a country (code or name)
counts()            rows per table
overview()          what a database holds: articles, stories, their dates, real-world
                    events and the commonest event types, actors and places
"""

from __future__ import annotations

import shlex
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from tidings.errors import StoreError, first_line
from tidings.store.event_queries import EventFilters, list_events, where_sql
from tidings.store.filter_values import ESCAPE, contains, country_code, event_type, event_types
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
    schema_version,
    table_names,
    upgrade,
)
from tidings.store.search_syntax import match_expression, search_error

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
                self._upgrade(version)
                self.connection = self._open()
            elif version > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path}: made by a newer tidings (schema {version}; this one "
                    f"knows up to {SCHEMA_VERSION}): upgrade tidings to read it"
                )
            self.connection.execute("SELECT 1 FROM articles LIMIT 1")
        except sqlite3.DatabaseError as error:
            if hasattr(self, "connection"):
                self.connection.close()
            raise StoreError(f"{self.path}: not a tidings database ({error})") from None

    def _open(self) -> sqlite3.Connection:
        """The file opened read-only: nothing is written to it. Reading a WAL database
        takes its shared-memory file (``-shm``), which SQLite makes beside it; where the
        folder cannot be written (read-only media, someone else's folder) and there is none,
        no writer can be at work either, and the file is read as immutable."""
        uri = self.path.resolve().as_uri()
        connection = sqlite3.connect(uri + "?mode=ro", uri=True)
        try:
            schema_version(connection)
        except sqlite3.OperationalError as error:
            connection.close()
            if error.sqlite_errorcode != sqlite3.SQLITE_CANTOPEN:
                raise
            log = self.path.with_name(self.path.name + "-wal")
            if log.is_file() and log.stat().st_size:
                raise StoreError(
                    f"{self.path}: its write-ahead log ({log.name}) holds changes that can "
                    "only be read with a -shm file beside it, and this folder cannot be "
                    "written: open it once where it can be, or copy both files elsewhere"
                ) from None
            connection = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True)
        add_functions(connection)
        return connection

    def _upgrade(self, version: int) -> None:
        """Bring a database of schema ``version`` up to date, or say how to where this
        process cannot write it."""
        try:
            upgrade(self.path)
        except StoreError as error:
            reason = first_line(error.__cause__) if error.__cause__ else str(error)
            raise StoreError(
                f"{self.path}: made by an older tidings (schema {version}; this one reads "
                f"schema {SCHEMA_VERSION}) and it cannot be brought up to date here "
                f"({reason}): run `tidings upgrade --db {shlex.quote(str(self.path))}` "
                "where the file and its folder can be written"
            ) from None

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

    def search(self, text: str, *, fts: bool = False, limit: int = 20) -> Rows[ArticleHit]:
        """Articles matching ``text``, best first: words and "phrases" that must all be in
        the article, ``OR`` between two of them, ``-word`` to leave articles out, ``word*``
        (see :mod:`tidings.store.search_syntax`); with ``fts``, a query in FTS5's own
        syntax. When more than :data:`RANKED_MATCHES` articles match, the latest added
        first (ranking them all would take seconds in a large corpus: narrow the query)."""
        execute = self.connection.execute
        query = match_expression(text, fts=fts)
        try:
            (matches,) = execute(
                "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?", (query,)
            ).fetchone()
            order = "bm25(articles_fts)" if matches <= RANKED_MATCHES else "articles_fts.rowid DESC"
            rows = execute(
                "SELECT ar.id, ar.title, ar.published, ar.source, ar.url, "
                "snippet(articles_fts, 1, '«', '»', ' … ', 12), bm25(articles_fts) "
                "FROM articles_fts JOIN articles ar ON ar.rowid = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? ORDER BY {order} LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError as error:
            raise search_error(text, error, fts=fts) from None
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
            type=type and event_type(type, self._event_types()), actor=actor,
            country=country, place=place, since=since, until=until, story=story,
            min_sources=min_sources,
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
        self,
        *,
        speaker: str | None = None,
        text: str | None = None,
        fts: bool = False,
        limit: int | None = 100,
    ) -> Rows[QuoteRow]:
        """Quotes by a speaker (words of the name as written by the quote, or of any name
        of the speaker's entity: "Vladimir Putin" finds the quotes of a "Putin") or with
        words of the quote (the search syntax of :meth:`search`; ``fts``: FTS5's own)."""
        where, values = [], []
        if speaker:
            pattern = contains(speaker, "speaker")
            where.append(
                f"(q.speaker LIKE ? {ESCAPE} OR (q.speaker_entity IS NOT NULL AND ("
                "EXISTS (SELECT 1 FROM entities en WHERE en.article_id = q.article_id "
                f"AND en.id = q.speaker_entity AND en.name LIKE ? {ESCAPE}) OR "
                "EXISTS (SELECT 1 FROM mentions me WHERE me.article_id = q.article_id "
                f"AND me.entity_id = q.speaker_entity AND me.text LIKE ? {ESCAPE}))))"
            )
            values += [pattern, pattern, pattern]
        if text:
            query = match_expression(text, fts=fts, what="quote search")
            where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            values.append(query)
        sql = (
            "SELECT q.article_id, q.speaker, q.speaker_resolved_from AS resolved_from, q.text, "
            "q.kind, q.cue, ar.title, ar.published "
            "FROM quotes q JOIN articles ar ON ar.id = q.article_id"
            + where_sql(where)
            + " ORDER BY ar.published DESC, q.article_id, q.n"
        )
        try:
            found = self._limited(sql, values, limit)
        except sqlite3.OperationalError as error:
            if text is None:
                raise
            raise search_error(text, error, fts=fts) from None
        return Rows(QuoteRow(**_named(QuoteRow, row)) for row in found)

    def places(self, *, country: str | None = None, limit: int | None = 100) -> Rows[PlaceRow]:
        """Resolved places, most named first; ``country`` an ISO code (IT, ITA) or a name
        (Italy)."""
        where = "WHERE lat IS NOT NULL" + (" AND country = ?" if country else "")
        sql = (
            "SELECT name, country, admin1, lat, lon, precision, COUNT(*), "
            f"COUNT(DISTINCT article_id) FROM places {where} "
            "GROUP BY name, country, lat, lon ORDER BY COUNT(*) DESC, name"
        )
        values = [country_code(country)] if country else []
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
        # a publisher is known from the source or the URL's site; the origin (a file name)
        # that stands in for it otherwise is no publisher
        articles, sources, unknown, first, last = execute(
            "SELECT COUNT(*), COUNT(DISTINCT NULLIF(publisher, origin)), "
            "COUNT(*) - COUNT(NULLIF(publisher, origin)), MIN(published), MAX(published) "
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
            unknown_sources=unknown,
            stories=stories,
            first_published=first,
            last_published=last,
            events=events,
            event_types=tuple(types),
            actors=tuple(actors),
            places=tuple(places),
        )

    def _event_types(self) -> set[str]:
        """The lexicon's event types and any other the database holds."""
        stored = self.connection.execute("SELECT DISTINCT type FROM events")
        return set(event_types()) | {name for (name,) in stored}

    def _limited(self, sql: str, values: Sequence[Any], limit: int | None) -> Iterable[Any]:
        if limit is not None:
            sql += " LIMIT ?"
            values = [*values, limit]
        return self.connection.execute(sql, values).fetchall()


def _named(kind: type, row: Sequence[Any]) -> dict[str, Any]:
    """The columns of ``row`` named after the fields of the dataclass ``kind``."""
    return dict(zip([field.name for field in fields(kind)], row, strict=True))
