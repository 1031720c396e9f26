"""Writing facts into the database: one article, all its facts, one transaction.

``Writer.write(facts)`` inserts an article and every fact of it atomically, or nothing when
an article with the same id (the same text) is already stored: re-running an ingest never
duplicates data, and an ingest killed at any point leaves only whole articles behind (SQLite
rolls back the transaction that was in flight), so running it again ends with the data an
uninterrupted run would have written. An article that nearly repeats a stored one is stored
linked to it (:mod:`tidings.corpus.copies`); every article is put in a story and its events
merged with the story's (:mod:`tidings.store.stories`). Failed inputs are kept in
``errors`` until they succeed. Only one process writes (the ingest's main process); workers
never open the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, Literal

from tidings.corpus.copies import find_original, index_article
from tidings.corpus.dedup import signature, to_bytes
from tidings.errors import InputError
from tidings.model import QUESTIONS, Facts, Span
from tidings.store.calendar import day_range
from tidings.store.stories import assign

__all__ = ["Writer", "Written"]

Clock = Callable[[], datetime]
Written = Literal["new", "copy", "known"]
PARTS = ("", "_start", "_end")


def _now() -> datetime:
    return datetime.now(UTC)


class Writer:
    """The single writer of one database connection."""

    def __init__(self, connection: sqlite3.Connection, clock: Clock = _now) -> None:
        self.connection = connection
        self.clock = clock

    def has(self, article_id: str) -> bool:
        """Is an article with this id (this text) stored already?"""
        row = self.connection.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
        return row.fetchone() is not None

    def write(self, facts: Facts) -> Written:
        """Store one article and its facts: ``new``, ``copy`` (stored, and linked to the
        article it nearly repeats) or ``known`` (the same text was stored: nothing written)."""
        connection = self.connection
        fingerprint = signature(facts.article.text)
        connection.execute("BEGIN IMMEDIATE")
        try:
            if not self._article(facts):
                connection.execute("ROLLBACK")
                return "known"
            self._facts(facts)
            original = find_original(connection, facts.article.id, fingerprint)
            connection.execute(
                "UPDATE articles SET minhash = ?, duplicate_of = ?, similarity = ? WHERE id = ?",
                (
                    to_bytes(fingerprint),
                    original[0] if original else None,
                    round(original[1], 4) if original else None,
                    facts.article.id,
                ),
            )
            index_article(connection, facts.article.id, fingerprint)
            assign(connection, facts, original[0] if original else None)
            connection.execute("DELETE FROM errors WHERE origin = ?", (facts.article.origin,))
        except BaseException:
            if connection.in_transaction:  # SQLite may have rolled back already (disk full)
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return "copy" if original else "new"

    def record_error(self, error: InputError, source: str) -> None:
        """Remember that ``error.origin`` (read from ``source``) failed, and why."""
        now = self._timestamp()
        self.connection.execute(
            "INSERT INTO errors (origin, source, kind, reason, attempts, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (origin) DO UPDATE SET "
            "kind = excluded.kind, reason = excluded.reason, attempts = attempts + 1, "
            "last_seen = excluded.last_seen",
            (error.origin, source, type(error).__name__, error.reason, now, now),
        )

    def clear_error(self, origin: str) -> None:
        """Forget a failure of ``origin`` (it has been read since)."""
        self.connection.execute("DELETE FROM errors WHERE origin = ?", (origin,))

    def failed_sources(self) -> list[str]:
        """The inputs to read again for ``--retry-failed``, in the order they first failed."""
        rows = self.connection.execute(
            "SELECT source FROM errors GROUP BY source ORDER BY MIN(first_seen), source"
        )
        return [str(source) for (source,) in rows]

    def _timestamp(self) -> str:
        return self.clock().isoformat(timespec="seconds")

    def _article(self, facts: Facts) -> bool:
        article = facts.article
        cursor = self.connection.execute(
            "INSERT OR IGNORE INTO articles (id, url, source, title, published, language, "
            "author, origin, text, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.id,
                article.url,
                article.source,
                article.title,
                article.published,
                article.language,
                article.author,
                article.origin,
                article.text,
                self._timestamp(),
            ),
        )
        return cursor.rowcount == 1

    def _facts(self, facts: Facts) -> None:
        key = facts.article.id
        self._rows(
            "entities",
            ("id", "name", "type", "country"),
            [(e.id, e.name, e.type, e.country) for e in facts.entities],
            key,
        )
        self._rows(
            "mentions",
            ("entity_id", "start", "end", "text"),
            [(e.id, m.start, m.end, m.text) for e in facts.entities for m in e.mentions],
            key,
        )
        self._rows(
            "places",
            ("id", "name", "text", "start", "end", "lat", "lon", "geonameid", "country",
             "admin1", "feature", "precision", "entity_id", "metonymic", "confidence", "reason"),
            [(p.id, p.name, p.text, p.start, p.end, p.lat, p.lon, p.geonameid, p.country,
              p.admin1, p.feature, p.precision, p.entity, p.metonymic, p.confidence, p.reason)
             for p in facts.places],
            key,
        )  # fmt: skip
        self._rows(
            "dates",
            ("n", "text", "start", "end", "value", "type", "precision"),
            [(n, d.text, d.start, d.end, d.value, d.type, d.precision)
             for n, d in enumerate(facts.dates, 1)],
            key,
        )  # fmt: skip
        self._rows(
            "quotes",
            ("n", "text", "start", "end", "kind", "speaker", "speaker_start", "speaker_end",
             "speaker_entity", "cue", "cue_start", "cue_end"),
            [(n, q.text, q.start, q.end, q.kind,
              q.speaker.name if q.speaker else None, q.speaker.start if q.speaker else None,
              q.speaker.end if q.speaker else None, q.speaker.entity if q.speaker else None,
              q.cue.text if q.cue else None, q.cue.start if q.cue else None,
              q.cue.end if q.cue else None)
             for n, q in enumerate(facts.quotes, 1)],
            key,
        )  # fmt: skip
        self._rows(
            "quantities",
            ("n", "text", "start", "end", "value", "unit", "qualifier", "counted"),
            [(n, q.text, q.start, q.end, q.value, q.unit, q.qualifier, q.counted)
             for n, q in enumerate(facts.quantities, 1)],
            key,
        )  # fmt: skip
        self._rows(
            "actors",
            ("id", "name", "country", "role", "code", "entity_id", "plural"),
            [(a.id, a.name, a.country, a.role, a.code, a.entity, a.plural) for a in facts.actors],
            key,
        )
        self._rows(
            "actor_mentions",
            ("actor_id", "start", "end", "text"),
            [(a.id, m.start, m.end, m.text) for a in facts.actors for m in a.mentions],
            key,
        )
        self._rows(
            "events",
            ("id", "type", "mode", "cameo", "acled", "trigger", "trigger_start", "trigger_end",
             "evidence_start", "evidence_end", "actor_id", "target_id", "place_id",
             "place_source", "date", "date_precision", "date_source", "date_span_start",
             "date_span_end", "date_first", "date_last", "negated", "modality", "reported_by",
             "killed", "injured", "confidence"),
            [(e.id, e.type, e.mode, e.cameo, e.acled, e.trigger.text, e.trigger.start,
              e.trigger.end, e.evidence.start, e.evidence.end, e.actor, e.target, e.place,
              e.place_source, e.date, e.date_precision, e.date_source,
              e.date_span.start if e.date_span else None,
              e.date_span.end if e.date_span else None, *(day_range(e.date) or (None, None)),
              e.negated, e.modality, e.reported_by, e.killed, e.injured, e.confidence)
             for e in facts.events],
            key,
        )  # fmt: skip
        self._rows(
            "focus",
            ("n", "name", "geonameid", "country", "lat", "lon", "precision", "score",
             "mentions"),
            [(n, f.name, f.geonameid, f.country, f.lat, f.lon, f.precision, f.score, f.mentions)
             for n, f in enumerate(facts.focus, 1)],
            key,
        )  # fmt: skip
        main = facts.main_event
        if main is not None:
            self._rows(
                "main_events",
                ("event_id", *(f"{q}{part}" for q in QUESTIONS for part in PARTS)),
                [(main.event, *(v for q in QUESTIONS for v in _span_values(getattr(main, q))))],
                key,
            )
        self._rows(
            "summaries",
            ("n", "start", "end"),
            [(n, s.start, s.end) for n, s in enumerate(facts.summary, 1)],
            key,
        )

    def _rows(
        self, table: str, columns: Sequence[str], rows: Iterable[tuple[Any, ...]], key: str
    ) -> None:
        names = ", ".join(f'"{column}"' for column in ("article_id", *columns))
        marks = ", ".join("?" * (len(columns) + 1))
        self.connection.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", ((key, *row) for row in rows)
        )


def _span_values(span: Span | None) -> tuple[str | None, int | None, int | None]:
    return (span.text, span.start, span.end) if span is not None else (None, None, None)
