"""The database: plain SQLite tables a user can query with SQL, versioned and migrated.

``connect(path)`` opens (creating if needed) a tidings database in WAL mode and brings its
schema up to :data:`SCHEMA_VERSION` with the migrations below, each applied once, in order,
inside a transaction; ``PRAGMA user_version`` records how far a file has come. A file made by
a newer tidings is refused rather than guessed at. Migrations add what later versions keep
but do not analyse old articles again: articles stored before schema 2 have no signature,
before schema 3 no story.

Tables (every offset is a Python string index into ``articles.text``, end-exclusive):

articles      one row per distinct text: ``id`` (hash of the whitespace-normalised text, the
              contract's article id), url, source, title, published, language, author,
              origin (what was read), text, ingested_at; minhash (its MinHash signature),
              duplicate_of (the original it copies: a syndicated copy, an update) and
              similarity (to the stored article it matched, itself perhaps a copy), both
              null for an original
entities      per article: ``id`` (e1 ...), name, type, country (alpha-2)
mentions      per entity mention: entity_id, start, end, text
places        per place mention: id (p1 ...), the resolved point and its precision
dates         per time expression: n, text, start, end, value, type, precision
quotes        per quote: n, text, span, kind, speaker (name, span, entity, and the pronoun it
              was resolved from: speaker_resolved_from, _start, _end), cue
quantities    per number: n, text, span, value, unit, qualifier, counted
actors        per actor: id (a1 ...), name, country (alpha-3), role, code, entity_id, plural
actor_mentions  per mention of an actor: actor_id, start, end, text
events        per event: id (ev1 ...), type, mode, cameo, acled, acled_sub_event, trigger
              (text, start, end),
              evidence (start, end), actor_id, target_id, place_id, place_source, site
              (text, start, end: the spot the clause names), date,
              date_precision, date_source, date_span_start/end (the time expression),
              date_first and date_last (the calendar days the date covers), negated,
              modality, reported_by, killed, injured, confidence, canonical_id
event_mentions  per other mention of an event (the headline, "the attack", a toll): event_id,
              trigger (text, start, end), evidence (start, end)
focus         per place the article is about: n, name, geonameid, country, lat, lon,
              precision, score, mentions
main_events   per article: event_id and who, what, when, where, why, how (text, start, end)
summaries     per summary sentence: n, start, end
article_bands the LSH index of the signatures (band, bucket, article_id)
stories       reports of one real-world event: title (of the first), first and last
              publication date, articles (originals), sources (distinct publishers);
              ``articles.story_id`` says which story an article is in, ``articles.publisher``
              who published it (source, else the site of the URL)
story_keys    the features of each story (places, names, actor codes ...), indexed by key
canonical_events  one per real-world event of a story: type, date, date_precision,
              date_first, date_last, place (GeoNames id or name; place_name its name),
              country, broad (the place is a country or province), actor and target codes,
              mentions (in original reports) and sources; ``events.canonical_id`` links
              every mention
errors        per input that failed: origin, source (what to read again), kind, reason,
              attempts, first_seen, last_seen; a success removes it
articles_fts  full-text index (FTS5, bm25) over article titles and texts
quotes_fts    full-text index over quote texts and speakers
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tidings.errors import StoreError
from tidings.store.calendar import day_range

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "add_functions",
    "connect",
    "schema_version",
    "table_names",
    "upgrade",
]

MIGRATIONS: tuple[str, ...] = (
    # 1: articles and the facts of each, full-text search, errors
    """
    CREATE TABLE articles (
        id TEXT NOT NULL UNIQUE,
        url TEXT,
        source TEXT,
        title TEXT,
        published TEXT,
        language TEXT,
        author TEXT,
        origin TEXT NOT NULL,
        text TEXT NOT NULL,
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX articles_url ON articles(url);
    CREATE INDEX articles_published ON articles(published);
    CREATE TABLE entities (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        country TEXT,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        entity_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, entity_id, start)
    ) WITHOUT ROWID;
    CREATE TABLE places (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        lat REAL,
        lon REAL,
        geonameid INTEGER,
        country TEXT,
        admin1 TEXT,
        feature TEXT,
        precision TEXT,
        entity_id TEXT,
        metonymic INTEGER NOT NULL,
        confidence REAL NOT NULL,
        reason TEXT,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX places_country ON places(country);
    CREATE TABLE dates (
        article_id TEXT NOT NULL REFERENCES articles(id),
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        value TEXT,
        type TEXT,
        precision TEXT,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id),
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        kind TEXT NOT NULL,
        speaker TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_entity TEXT,
        cue TEXT,
        cue_start INTEGER,
        cue_end INTEGER,
        PRIMARY KEY (article_id, n)
    );
    CREATE TABLE quantities (
        article_id TEXT NOT NULL REFERENCES articles(id),
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        value REAL,
        unit TEXT,
        qualifier TEXT,
        counted TEXT,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE TABLE actors (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        role TEXT,
        code TEXT,
        entity_id TEXT,
        plural INTEGER NOT NULL,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX actors_code ON actors(code);
    CREATE TABLE events (
        article_id TEXT NOT NULL REFERENCES articles(id),
        id TEXT NOT NULL,
        type TEXT NOT NULL,
        mode TEXT,
        cameo TEXT,
        acled TEXT,
        trigger TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        actor_id TEXT,
        target_id TEXT,
        place_id TEXT,
        place_source TEXT,
        date TEXT,
        date_precision TEXT,
        date_source TEXT,
        negated INTEGER NOT NULL,
        modality TEXT NOT NULL,
        reported_by TEXT,
        killed INTEGER,
        injured INTEGER,
        confidence REAL,
        PRIMARY KEY (article_id, id)
    ) WITHOUT ROWID;
    CREATE INDEX events_type ON events(type);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE summaries (
        article_id TEXT NOT NULL REFERENCES articles(id),
        n INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE TABLE errors (
        origin TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, content='articles', content_rowid='rowid'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text, speaker, content='quotes', content_rowid='rowid'
    );
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker)
        VALUES ('delete', old.rowid, old.text, old.speaker);
    END;
    """,
    # 2: near-duplicates (MinHash signatures and their LSH bands)
    """
    ALTER TABLE articles ADD COLUMN minhash BLOB;
    ALTER TABLE articles ADD COLUMN duplicate_of TEXT;
    ALTER TABLE articles ADD COLUMN similarity REAL;
    CREATE INDEX articles_duplicate_of ON articles(duplicate_of);
    CREATE TABLE article_bands (
        band INTEGER NOT NULL,
        bucket BLOB NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (band, bucket, article_id)
    ) WITHOUT ROWID;
    """,
    # 3: stories and canonical events
    """
    CREATE TABLE stories (
        id INTEGER PRIMARY KEY,
        title TEXT,
        first_published TEXT,
        last_published TEXT,
        articles INTEGER NOT NULL,
        sources INTEGER NOT NULL
    );
    CREATE TABLE story_keys (
        key TEXT NOT NULL,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        weight REAL NOT NULL,
        PRIMARY KEY (key, story_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_keys_story ON story_keys(story_id);
    ALTER TABLE articles ADD COLUMN story_id INTEGER REFERENCES stories(id);
    ALTER TABLE articles ADD COLUMN publisher TEXT;
    CREATE INDEX articles_story ON articles(story_id);
    CREATE TABLE canonical_events (
        id INTEGER PRIMARY KEY,
        story_id INTEGER NOT NULL REFERENCES stories(id),
        type TEXT NOT NULL,
        date TEXT,
        date_precision TEXT,
        place TEXT,
        country TEXT,
        broad INTEGER NOT NULL,
        actor_code TEXT,
        target_code TEXT,
        mentions INTEGER NOT NULL,
        sources INTEGER NOT NULL
    );
    CREATE INDEX canonical_events_story ON canonical_events(story_id);
    ALTER TABLE events ADD COLUMN canonical_id INTEGER REFERENCES canonical_events(id);
    CREATE INDEX events_canonical ON events(canonical_id);
    """,
    # 4: indexes for listing events of a large corpus, latest first
    """
    ALTER TABLE canonical_events ADD COLUMN place_name TEXT;
    CREATE INDEX canonical_events_date ON canonical_events(date);
    CREATE INDEX canonical_events_type_date ON canonical_events(type, date);
    CREATE INDEX events_type_date ON events(type, date);
    """,
    # 5: dates as calendar days (weeks and quarters sort with days), and the facts the first
    # schema left out: actor mentions, the date expression of an event, focus, the main event
    """
    ALTER TABLE events ADD COLUMN date_first TEXT;
    ALTER TABLE events ADD COLUMN date_last TEXT;
    ALTER TABLE events ADD COLUMN date_span_start INTEGER;
    ALTER TABLE events ADD COLUMN date_span_end INTEGER;
    UPDATE events SET date_first = first_day(date), date_last = last_day(date);
    CREATE INDEX events_last ON events(date_last);
    CREATE INDEX events_first ON events(date_first);
    ALTER TABLE canonical_events ADD COLUMN date_first TEXT;
    ALTER TABLE canonical_events ADD COLUMN date_last TEXT;
    UPDATE canonical_events SET date_first = first_day(date), date_last = last_day(date);
    CREATE INDEX canonical_events_last ON canonical_events(date_last);
    CREATE INDEX canonical_events_type_last ON canonical_events(type, date_last);
    CREATE INDEX canonical_events_first ON canonical_events(date_first);
    CREATE INDEX canonical_events_type_first ON canonical_events(type, date_first);
    CREATE TABLE actor_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        actor_id TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY (article_id, actor_id, start, "end")
    ) WITHOUT ROWID;
    CREATE TABLE focus (
        article_id TEXT NOT NULL REFERENCES articles(id),
        n INTEGER NOT NULL,
        name TEXT NOT NULL,
        geonameid INTEGER,
        country TEXT,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        precision TEXT NOT NULL,
        score REAL NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_id, n)
    ) WITHOUT ROWID;
    CREATE TABLE main_events (
        article_id TEXT PRIMARY KEY REFERENCES articles(id),
        event_id TEXT,
        who TEXT, who_start INTEGER, who_end INTEGER,
        what TEXT, what_start INTEGER, what_end INTEGER,
        "when" TEXT, when_start INTEGER, when_end INTEGER,
        "where" TEXT, where_start INTEGER, where_end INTEGER,
        why TEXT, why_start INTEGER, why_end INTEGER,
        how TEXT, how_start INTEGER, how_end INTEGER
    ) WITHOUT ROWID;
    """,
    # 6: the pronoun a quote's speaker was resolved from (older rows: null, not re-analysed)
    """
    ALTER TABLE quotes ADD COLUMN speaker_resolved_from TEXT;
    ALTER TABLE quotes ADD COLUMN speaker_resolved_from_start INTEGER;
    ALTER TABLE quotes ADD COLUMN speaker_resolved_from_end INTEGER;
    """,
    # 7: an event's other mentions, its site and its ACLED sub-event type (older articles:
    # none, not re-analysed)
    """
    ALTER TABLE events ADD COLUMN acled_sub_event TEXT;
    ALTER TABLE events ADD COLUMN site TEXT;
    ALTER TABLE events ADD COLUMN site_start INTEGER;
    ALTER TABLE events ADD COLUMN site_end INTEGER;
    CREATE TABLE event_mentions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        event_id TEXT NOT NULL,
        trigger TEXT NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL
    );
    CREATE INDEX event_mentions_event ON event_mentions(article_id, event_id);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path) -> sqlite3.Connection:
    """Open the database at ``path`` (made if missing) at the current schema version."""
    return _connect(path)[0]


def upgrade(path: Path) -> int:
    """Bring the existing database at ``path`` up to :data:`SCHEMA_VERSION`; the version
    it was at."""
    if not path.is_file():
        raise StoreError(f"{path}: no such database (make one with tidings ingest)")
    connection, version = _connect(path)
    connection.close()
    return version


def _connect(path: Path) -> tuple[sqlite3.Connection, int]:
    """The database at ``path``, open for writing and migrated, and the schema version it
    was at. A StoreError (its cause the SQLite or OS error) when it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30.0, isolation_level=None)
    except OSError as error:
        raise StoreError(f"{path}: cannot open it ({error.strerror or error})") from error
    except sqlite3.DatabaseError as error:
        raise StoreError(f"{path}: not a usable tidings database ({error})") from error
    try:
        add_functions(connection)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")
        version = _migrate(connection, path)
    except BaseException as error:
        connection.close()
        if isinstance(error, sqlite3.DatabaseError):
            raise StoreError(f"{path}: not a usable tidings database ({error})") from error
        raise
    return connection, version


def add_functions(connection: sqlite3.Connection) -> None:
    """``first_day(value)`` and ``last_day(value)``: the calendar span of a TIMEX3 value."""
    connection.create_function("first_day", 1, _first_day, deterministic=True)
    connection.create_function("last_day", 1, _last_day, deterministic=True)


def _first_day(value: str | None) -> str | None:
    span = day_range(value)
    return span[0] if span else None


def _last_day(value: str | None) -> str | None:
    span = day_range(value)
    return span[1] if span else None


def schema_version(connection: sqlite3.Connection) -> int:
    """The schema version a database file is at."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    return int(version)


def table_names(connection: sqlite3.Connection) -> list[str]:
    """The plain tables of the database (not the full-text index's own tables)."""
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name"
    )
    return [str(name) for (name,) in rows]


def _migrate(connection: sqlite3.Connection, path: Path) -> int:
    """Apply the migrations ``connection`` lacks; the version it was at."""
    (version,) = connection.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer tidings (schema {version}; this one knows up to "
            f"{SCHEMA_VERSION}): upgrade tidings to use it"
        )
    for number in range(version, SCHEMA_VERSION):
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number + 1}")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    return int(version)


def _statements(script: str) -> list[str]:
    """Split a migration into statements (``CREATE TRIGGER`` bodies hold semicolons)."""
    statements: list[str] = []
    current = ""
    for line in script.strip().splitlines():
        current += line + "\n"
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
