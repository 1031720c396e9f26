"""The database: schema and migrations, the single writer, ingest that never duplicates or
loses data (a real SIGKILL in the middle included), failures kept and retried, full-text
search. Articles are written here in our own words."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from tidings import open as tidings_open
from tidings.cli import main
from tidings.errors import StoreError
from tidings.ingest import article_from_text
from tidings.ingestion import ingest
from tidings.model import Entity, Facts, Span
from tidings.settings import Settings
from tidings.store.schema import SCHEMA_VERSION, connect, table_names
from tidings.store.writer import Writer

TOWNS = ["Leeds", "Lyon", "Porto", "Gdansk", "Bergen", "Utrecht", "Graz", "Cork"]
THINGS = ["a bridge", "a school", "a market", "a hospital", "a stadium", "a library"]


def story(number: int) -> str:
    town = TOWNS[number % len(TOWNS)]
    thing = THINGS[number % len(THINGS)]
    return (
        f"Fire closes {thing} in {town}\n\n"
        f"A fire broke out at {thing} in {town} on Tuesday, and {number + 2} people were "
        f"taken to hospital, officials said. Police arrested a man on Wednesday. "
        f'"We are grateful to the firefighters," the mayor of {town} told reporters. '
        f"Repairs will cost about {number + 3} million euros, according to the council."
    )


def write_stories(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (folder / f"story{number:03}.txt").write_text(story(number), encoding="utf-8")
    return folder


def contents(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (ingest times left out), for comparing two databases."""
    connection = sqlite3.connect(path)
    tables: dict[str, list[tuple[object, ...]]] = {}
    for table in table_names(connection):
        columns = [
            row[1]
            for row in connection.execute(f"PRAGMA table_info({table})")
            if row[1] not in ("ingested_at", "first_seen", "last_seen")
        ]
        names = ", ".join(f'"{column}"' for column in columns)
        tables[table] = sorted(
            connection.execute(f"SELECT {names} FROM {table}").fetchall(), key=repr
        )
    connection.close()
    return tables


def counts(path: Path) -> dict[str, int]:
    return {table: len(rows) for table, rows in contents(path).items()}


# --- schema --------------------------------------------------------------------------------


def test_a_new_database_has_every_table(tmp_path: Path) -> None:
    connection = connect(tmp_path / "news.db")
    expected = {"articles", "entities", "mentions", "places", "dates", "quotes", "quantities",
                "actors", "events", "summaries", "errors"}  # fmt: skip
    assert expected <= set(table_names(connection))
    assert connection.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_database_from_a_newer_tidings_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer tidings"):
        connect(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("not a database, just some words " * 100, encoding="utf-8")
    with pytest.raises(StoreError, match=r"notes\.db"):
        connect(path)


# --- the writer ----------------------------------------------------------------------------


def _facts(text: str, entity: str) -> Facts:
    article = article_from_text(text, "<memory>")
    start = text.index(entity)
    span = Span(start=start, end=start + len(entity), text=entity)
    return Facts(
        article=article,
        entities=(Entity(id="e1", name=entity, type="PERSON", mentions=(span,)),),
    )


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=5), min_size=1, max_size=12))
def test_writes_keep_one_copy_of_each_article(order: list[int]) -> None:
    connection = connect(Path(":memory:"))
    writer = Writer(connection)
    texts = [f"Report number {n} names Ada Lovelace." for n in order]
    written = [writer.write(_facts(text, "Ada")) for text in texts]
    assert sum(result != "known" for result in written) == len(set(order))  # first time only
    stored = connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    mentions = connection.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
    assert stored == mentions == len(set(order))


# --- ingest --------------------------------------------------------------------------------


def test_ingesting_twice_adds_nothing(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "news", 4)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    database = tmp_path / "news.db"
    first = ingest([str(folder)], database, Settings())
    assert (first.read, first.new, first.duplicates, first.failed) == (4, 4, 0, 1)
    before = counts(database)
    assert before["articles"] == 4 and before["events"] > 0 and before["errors"] == 1
    second = ingest([str(folder)], database, Settings())
    assert (second.new, second.duplicates) == (0, 4)
    assert counts(database) == before


def test_stored_facts_match_analyze(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "news", 1)
    database = tmp_path / "news.db"
    ingest([str(folder)], database, Settings())
    connection = sqlite3.connect(database)
    quotes = connection.execute("SELECT speaker, text FROM quotes WHERE kind = 'direct'")
    speaker, quote = quotes.fetchone()
    assert speaker == "the mayor of Leeds" and quote.startswith("We are grateful")
    (event_type, date) = connection.execute(
        "SELECT type, date FROM events WHERE trigger LIKE 'arrest%'"
    ).fetchone()
    assert (event_type, date) == ("COERCE", None)  # no publication date: never a guess
    (who, what) = connection.execute("SELECT who, what FROM main_events").fetchone()
    assert who and what
    assert connection.execute("SELECT COUNT(*) FROM actor_mentions").fetchone()[0] > 0
    hits = connection.execute(
        "SELECT articles.title FROM articles "
        "JOIN articles_fts ON articles.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH 'firefighters' ORDER BY bm25(articles_fts)"
    ).fetchall()
    assert hits == [("Fire closes a bridge in Leeds",)]


def test_failures_are_kept_and_retried(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "news", 2)
    broken = folder / "broken.txt"
    broken.write_bytes(b"\x00\x01binary\x00")
    database = tmp_path / "news.db"
    summary = ingest([str(folder)], database, Settings())
    assert summary.failed == 1
    connection = sqlite3.connect(database)
    (origin, source, kind, attempts) = connection.execute(
        "SELECT origin, source, kind, attempts FROM errors"
    ).fetchone()
    assert origin.endswith("broken.txt") and source == str(folder) and kind == "BinaryInput"
    assert attempts == 1
    broken.write_text(story(99), encoding="utf-8")  # fixed by the user
    retried = ingest([], database, Settings(), retry_failed=True)
    assert (retried.new, retried.failed) == (1, 0)
    assert connection.execute("SELECT COUNT(*) FROM errors").fetchone() == (0,)


def test_several_workers_write_what_one_does(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "news", 6)
    ingest([str(folder)], tmp_path / "one.db", Settings(batch_size=2))
    ingest([str(folder)], tmp_path / "two.db", Settings(batch_size=2), workers=2)
    assert contents(tmp_path / "one.db") == contents(tmp_path / "two.db")


def test_a_killed_ingest_run_again_ends_as_a_clean_one(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "news", 40)
    clean = tmp_path / "clean.db"
    ingest([str(folder)], clean, Settings())
    killed = tmp_path / "killed.db"
    command = [sys.executable, "-m", "tidings", "ingest", str(folder), "--db", str(killed),
               "--workers", "1"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        if killed.exists():
            try:
                with sqlite3.connect(f"file:{killed}?mode=ro", uri=True) as reader:
                    stored = reader.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # the schema is still being made
        if stored >= 5:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the ingest ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    survived = counts(killed)["articles"]
    assert 5 <= survived < 40  # killed midway, with whole articles only
    rerun = ingest([str(folder)], killed, Settings())
    assert (rerun.new, rerun.duplicates) == (40 - survived, survived)
    assert contents(killed) == contents(clean)


def test_ingest_command_prints_a_summary(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "news", 2)
    database = tmp_path / "cli.db"
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(database)])
    assert result.exit_code == 0, result.output
    assert "read 2 · new 2 (copies 0) · already stored 0 · failed 0" in result.stderr
    again = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(database)])
    assert "read 2 · new 0 (copies 0) · already stored 2 · failed 0" in again.stderr
    missing = CliRunner().invoke(main, ["ingest", str(tmp_path / "none"), "--db", str(database)])
    assert missing.exit_code == 1 and "none" in missing.stderr
    assert "--retry-failed" in missing.stderr
    nothing = CliRunner().invoke(main, ["ingest", "--db", str(database)])
    assert nothing.exit_code == 2


ORIGINAL = (
    "Flood waters cut off villages in the valley\n\n"
    "Heavy rain on Sunday sent the river over its banks, cutting off four villages in the "
    "upper valley and forcing about 300 people from their homes, the regional council said. "
    "Rescue teams used boats to reach a farm where a family of five had spent the night on "
    "the roof. The council opened two schools as shelters and asked drivers to stay off the "
    "mountain road until engineers have checked the bridge at Altenau."
)
EDITED = ORIGINAL.replace("about 300 people", "about 320 people")  # the figure updated


def test_a_near_copy_is_stored_and_linked_to_its_original(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a_wire.txt").write_text(ORIGINAL, encoding="utf-8")
    (folder / "b_paper.txt").write_text(EDITED, encoding="utf-8")
    (folder / "c_other.txt").write_text(story(3), encoding="utf-8")
    database = tmp_path / "news.db"
    summary = ingest([str(folder)], database, Settings())
    assert (summary.new, summary.copies, summary.duplicates) == (3, 1, 0)
    connection = sqlite3.connect(database)
    rows = dict(
        connection.execute("SELECT origin, duplicate_of IS NOT NULL FROM articles").fetchall()
    )
    assert [
        bool(rows[str(folder / name)]) for name in ("a_wire.txt", "b_paper.txt", "c_other.txt")
    ] == [False, True, False]
    original, similarity = connection.execute(
        "SELECT duplicate_of, similarity FROM articles WHERE origin LIKE '%b_paper.txt'"
    ).fetchone()
    first = connection.execute("SELECT id FROM articles WHERE origin LIKE '%a_wire.txt'")
    assert original == first.fetchone()[0] and similarity >= 0.8


def test_a_web_archive_is_ingested_once(tmp_path: Path) -> None:
    from sites import archive

    crawl = tmp_path / "crawl.warc.gz"
    crawl.write_bytes(archive())
    database = tmp_path / "crawl.db"
    first = ingest([str(crawl)], database, Settings())
    assert (first.read, first.new, first.failed) == (2, 2, 0)
    urls = {url for (url,) in sqlite3.connect(database).execute("SELECT url FROM articles")}
    assert urls == {"https://courier.example/news/ferry", "https://courier.example/news/orchard"}
    again = ingest([str(crawl)], database, Settings())
    assert (again.new, again.duplicates) == (0, 2)
    publishers = sqlite3.connect(database).execute("SELECT DISTINCT publisher FROM articles")
    assert publishers.fetchall() == [("courier.example",)]


def test_the_article_count_is_estimated_for_the_time_left(tmp_path: Path) -> None:
    from tidings.ingest.counting import estimate_articles

    folder = write_stories(tmp_path / "news", 3)
    (folder / "rows.jsonl").write_text('{"text": "a"}\n{"text": "b"}\n\n', encoding="utf-8")
    (folder / "rows.csv").write_text("text\none\ntwo\nthree\n", encoding="utf-8")
    assert estimate_articles([str(folder)]) == 3 + 2 + 3
    assert estimate_articles([str(folder / "rows.jsonl"), str(folder / "story000.txt")]) == 3
    assert estimate_articles(["https://example.org/feed.rss"]) is None
    (folder / "crawl.warc.gz").write_bytes(b"")
    assert estimate_articles([str(folder)]) is None  # an archive cannot be counted cheaply


def test_a_table_with_paragraphs_in_its_cells_counts_its_rows(tmp_path: Path) -> None:
    from tidings.ingest.counting import estimate_articles
    from tidings.sample import sample_paths

    table = tmp_path / "rows.csv"
    table.write_text('title,text\nOne,"First.\n\nSecond.\n\nThird."\nTwo,"A\nB"\n', "utf-8")
    assert estimate_articles([str(table)]) == 2
    assert estimate_articles([str(path) for path in sample_paths()]) == 295  # not its lines


def test_the_first_sample_articles_ingest_cleanly(
    tmp_path: Path, wikinews: list[dict[str, str]]
) -> None:
    import json

    table = tmp_path / "sample.jsonl"
    table.write_text("".join(json.dumps(row) + "\n" for row in wikinews[:40]), encoding="utf-8")
    database = tmp_path / "sample.db"
    summary = ingest([str(table)], database, Settings())
    assert (summary.new, summary.failed) == (40, 0)
    with tidings_open(database) as corpus:
        overview = corpus.overview()
    assert overview.stories >= 30 and overview.events > 40


def test_progress_counts_articles_finished_not_read_ahead(tmp_path: Path) -> None:
    folder = write_stories(tmp_path / "news", 3)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    finished: list[int] = []
    summary = ingest(
        [str(folder)],
        tmp_path / "news.db",
        Settings(places=False),
        on_article=lambda progress: finished.append(progress.done),
    )
    assert (summary.new, summary.failed) == (3, 1)
    assert finished[-3:] == [2, 3, 4]  # the analysis reads a batch ahead: read would be 4
