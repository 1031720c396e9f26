"""Writing facts into the database: one article, all its facts, one transaction.

``Writer.write(facts)`` inserts an article and every fact of it atomically, or nothing when
an article with the same id (the same text) is already stored: re-running an ingest never
duplicates data, and an ingest killed at any point leaves only whole articles behind (SQLite
rolls back the transaction that was in flight), so running it again ends with the data an
uninterrupted run would have written. An article that nearly repeats a stored one is stored
linked to it (:mod:`tidings.store.copies`); every article is put in a story and its events
merged with the story's (:mod:`tidings.store.stories`). Failed inputs are kept in
``errors`` until they succeed. Only one process writes (the ingest's main process); workers
never open the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Literal

from tidings.corpus.dedup import signature, to_bytes
from tidings.errors import InputError
from tidings.model import Facts
from tidings.store.copies import find_original, index_article
from tidings.store.layout import ARTICLES, TABLES
from tidings.store.stories import assign

__all__ = ["Writer", "Written"]

Clock = Callable[[], datetime]
Written = Literal["new", "copy", "known"]


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
        names = (*ARTICLES.column_names, "ingested_at")
        (row,) = ARTICLES.rows(facts)
        cursor = self.connection.execute(
            f"INSERT OR IGNORE INTO articles ({_names(names)}) VALUES ({_marks(names)})",
            (*row, self._timestamp()),
        )
        return cursor.rowcount == 1

    def _facts(self, facts: Facts) -> None:
        """Every fact of the article, each kind in its table (:mod:`tidings.store.layout`)."""
        key = facts.article.id
        for table in TABLES:
            names = ("article_id", *table.column_names)
            self.connection.executemany(
                f"INSERT INTO {table.name} ({_names(names)}) VALUES ({_marks(names)})",
                ((key, *row) for row in table.rows(facts)),
            )


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{column}"' for column in columns)


def _marks(columns: Sequence[str]) -> str:
    return ", ".join("?" * len(columns))
