"""Stories and canonical events in the database, kept up to date as each article is written
(inside the writer's transaction, so they are never half-updated).

``assign(connection, facts, ...)`` puts a new article in a story: a copy (``duplicate_of``)
joins its original's story; any other article is scored against the stories that share one
of its keys (the ``story_keys`` table, indexed by key) and were active within
:data:`tidings.corpus.stories.WINDOW_DAYS` days of its publication, so the cost does not grow
with the size of the corpus (no comparison of all pairs); see :mod:`tidings.corpus.stories`
for the rules. Then each of its events that happened (asserted or reported, not negated) is
merged into the story's canonical event it matches, or starts one; a canonical event counts
its mentions in original reports (a copy's mention is linked but not counted again) and the
distinct publishers (``source``, else the site of the URL) behind all of them.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sized
from urllib.parse import urlsplit

from tidings.corpus.stories import (
    JOIN_SHARE,
    STRONG_PREFIXES,
    WINDOW_DAYS,
    EventKey,
    event_key,
    same_event,
    story_keys,
    story_score,
)
from tidings.model import Article, Facts

__all__ = ["assign", "publisher"]

FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def publisher(article: Article) -> str:
    """Who published an article: its source, else the site of its URL, else its origin."""
    try:
        host = urlsplit(article.url or "").hostname
    except ValueError:  # "http://[bad/story"
        host = None
    return article.source or host or article.origin


def assign(connection: sqlite3.Connection, facts: Facts, copy_of: str | None) -> int:
    """The story of a newly written article (made or updated); its events merged."""
    article = facts.article
    if copy_of is not None:
        row = connection.execute("SELECT story_id FROM articles WHERE id = ?", (copy_of,))
        found = row.fetchone()
        story = found[0] if found and found[0] is not None else _new_story(connection, article)
    else:
        keys = story_keys(facts)
        story = _best_story(connection, keys, article.published) or _new_story(connection, article)
        connection.executemany(
            "INSERT INTO story_keys (key, story_id, weight) VALUES (?, ?, ?) "
            "ON CONFLICT (key, story_id) DO NOTHING",
            [(key, story, weight) for key, weight in keys.items()],
        )
    connection.execute(
        "UPDATE articles SET story_id = ?, publisher = ? WHERE id = ?",
        (story, publisher(article), article.id),
    )
    _merge_events(connection, facts, story)
    _refresh_story(connection, story, article.published)
    return story


def _best_story(
    connection: sqlite3.Connection, keys: dict[str, float], published: str | None
) -> int | None:
    strong = [key for key in keys if key.startswith(STRONG_PREFIXES)]
    if not strong:
        return None  # story_score needs a shared place or name
    window = ""
    values: list[object] = [*keys, *strong]
    if published and FULL_DATE.match(published):  # "2017-11" or "2017": no window
        # active within the window: published no more than WINDOW_DAYS before its first
        # article or after its last (a month or a year alone is no day to count from)
        first = "coalesce(julianday(s.first_published), julianday(s.last_published))"
        last = "coalesce(julianday(s.last_published), julianday(s.first_published))"
        window = (
            f" AND (s.last_published IS NULL OR julianday(?) BETWEEN {first} - ? AND {last} + ?)"
        )
        values += [published[:10], WINDOW_DAYS, WINDOW_DAYS]
    shared: dict[int, dict[str, float]] = {}
    for story, key in connection.execute(
        "SELECT k.story_id, k.key FROM story_keys k JOIN stories s ON s.id = k.story_id "
        f"WHERE k.key IN ({_marks(keys)}) AND k.story_id IN "
        f"(SELECT story_id FROM story_keys WHERE key IN ({_marks(strong)})){window}",
        values,
    ):
        shared.setdefault(story, {})[key] = keys[key]
    scores = ((story_score(keys, found), -story) for story, found in shared.items())
    best = max(scores, default=None)  # the best score; on a tie, the older story
    return -best[1] if best is not None and best[0] >= JOIN_SHARE else None


def _marks(values: Sized) -> str:
    return ", ".join("?" * len(values))


def _new_story(connection: sqlite3.Connection, article: Article) -> int:
    cursor = connection.execute(
        "INSERT INTO stories (title, first_published, last_published, articles, sources) "
        "VALUES (?, ?, ?, 0, 0)",
        (article.title, article.published, article.published),
    )
    return int(cursor.lastrowid or 0)


def _merge_events(connection: sqlite3.Connection, facts: Facts, story: int) -> None:
    known = [
        (row[0], EventKey(*row[1:]))
        for row in connection.execute(f"SELECT id, {KEY_COLUMNS} FROM canonical_events "
                                      "WHERE story_id = ?", (story,))
    ]  # fmt: skip
    merged: set[int] = set()
    for event in facts.events:
        if not event.happened:
            continue
        key = event_key(event, facts)
        where = next((p.name for p in facts.places if p.id == event.place), None)
        match = next((number for number, other in known if same_event(key, other)), None)
        if match is None:
            match = _new_event(connection, story, key, event.date_precision, where)
            known.append((match, key))
        else:
            _fill_gaps(connection, match, key, event.date_precision, where)
            known = [(n, _key_of(connection, n) if n == match else k) for n, k in known]
        connection.execute(
            "UPDATE events SET canonical_id = ? WHERE article_id = ? AND id = ?",
            (match, facts.article.id, event.id),
        )
        merged.add(match)
    for number in sorted(merged):
        _recount(connection, number)


KEY_COLUMNS = "type, date, place, country, broad, actor_code, target_code"


def _key_of(connection: sqlite3.Connection, number: int) -> EventKey:
    row = connection.execute(
        f"SELECT {KEY_COLUMNS} FROM canonical_events WHERE id = ?", (number,)
    ).fetchone()
    return EventKey(*row)


def _new_event(
    connection: sqlite3.Connection,
    story: int,
    key: EventKey,
    precision: str | None,
    place_name: str | None,
) -> int:
    cursor = connection.execute(
        "INSERT INTO canonical_events (story_id, type, date, date_precision, date_first, "
        "date_last, place, place_name, country, broad, actor_code, target_code, mentions, "
        "sources) VALUES (?, ?, ?, ?, first_day(?), last_day(?), ?, ?, ?, ?, ?, ?, 0, 0)",
        (story, key.type, key.date, precision, key.date, key.date, key.place, place_name,
         key.country, key.broad, key.actor, key.target),
    )  # fmt: skip
    return int(cursor.lastrowid or 0)


def _fill_gaps(
    connection: sqlite3.Connection,
    number: int,
    key: EventKey,
    precision: str | None,
    place_name: str | None,
) -> None:
    """What the canonical event does not know yet, this mention may say (a finer date or
    place, an actor)."""
    finer_date = ":date != '' AND (date IS NULL OR length(date) < length(:date))"
    # a place where there was none, or a finer one inside a country or province
    finer_place = ":place IS NOT NULL AND (place IS NULL OR (broad AND NOT :broad))"
    connection.execute(
        "UPDATE canonical_events SET "
        f"date = CASE WHEN {finer_date} THEN :date ELSE date END, "
        f"date_precision = CASE WHEN {finer_date} THEN :precision ELSE date_precision END, "
        f"date_first = CASE WHEN {finer_date} THEN first_day(:date) ELSE date_first END, "
        f"date_last = CASE WHEN {finer_date} THEN last_day(:date) ELSE date_last END, "
        f"place_name = CASE WHEN {finer_place} THEN :place_name ELSE place_name END, "
        f"broad = CASE WHEN {finer_place} THEN :broad ELSE broad END, "
        f"place = CASE WHEN {finer_place} THEN :place ELSE place END, "
        "country = COALESCE(country, :country), actor_code = COALESCE(actor_code, :actor), "
        "target_code = COALESCE(target_code, :target) WHERE id = :id",
        {
            "date": key.date or "", "precision": precision, "place": key.place,
            "broad": key.broad, "place_name": place_name, "country": key.country,
            "actor": key.actor, "target": key.target, "id": number,
        },
    )  # fmt: skip


def _recount(connection: sqlite3.Connection, number: int) -> None:
    connection.execute(
        "UPDATE canonical_events SET "
        "mentions = (SELECT COUNT(*) FROM events e JOIN articles a ON a.id = e.article_id "
        "WHERE e.canonical_id = ? AND a.duplicate_of IS NULL), "
        "sources = (SELECT COUNT(DISTINCT a.publisher) FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.canonical_id = ?) WHERE id = ?",
        (number, number, number),
    )


def _refresh_story(connection: sqlite3.Connection, story: int, published: str | None) -> None:
    connection.execute(
        "UPDATE stories SET "
        "articles = (SELECT COUNT(*) FROM articles WHERE story_id = ? AND duplicate_of IS NULL), "
        "sources = (SELECT COUNT(DISTINCT publisher) FROM articles WHERE story_id = ?), "
        "first_published = CASE WHEN ? IS NOT NULL AND (first_published IS NULL OR "
        "? < first_published) THEN ? ELSE first_published END, "
        "last_published = CASE WHEN ? IS NOT NULL AND (last_published IS NULL OR "
        "? > last_published) THEN ? ELSE last_published END WHERE id = ?",
        (story, story, published, published, published, published, published, published,
         story),
    )  # fmt: skip
