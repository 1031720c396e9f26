"""The read side against what people type and where databases live: search words with
punctuation, FTS5's own syntax, filters that are text (``%``, ``_``) or too long, unknown
event types and countries, another name of a speaker, events without a place in GeoJSON,
publishers that are not known, dates in words, and databases that cannot be written.
Every database here is made by ingest from stories written for these tests."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import tidings
from tidings.cli import main
from tidings.errors import StoreError
from tidings.ingestion import ingest
from tidings.settings import Settings
from tidings.store.schema import MIGRATIONS, SCHEMA_VERSION

PUBLISHED = "2022-03-17"  # a Thursday: "Wednesday night" is 2022-03-16TNI
STORIES = {
    "busan.txt": (
        "Curfew ordered after COVID-19 outbreak in Busan\n\n"
        "Police arrested two men in Busan on Wednesday night for breaking a 24-hour curfew "
        "ordered after a COVID-19 outbreak at the port, officials said. "
        '"We don\'t know yet how far it has spread," health official Lee Min-ho told '
        "reporters. About 50% of the port's workers have been tested, and U.S. Navy sailors "
        "at the base will be tested too, said Sean O'Brien, a Navy doctor."
    ),
    "kremlin.txt": (
        "Russian president rejects ceasefire call\n\n"
        "Russian President Vladimir Putin rejected a call for a ceasefire on Tuesday, the "
        'Kremlin said. "There will be no pause until our goals are met," Putin said in a '
        "televised address. Western governments condemned the decision."
    ),
    "rome.txt": (
        "Thousands protest in Rome over fuel prices\n\n"
        "Thousands of people protested in Rome on Saturday against rising fuel prices, police "
        "said. Police arrested four men in Rome after clashes near Termini station. "
        '"We cannot afford to drive to work," said Giulia Bianchi, a nurse from Naples.'
    ),
}
WIRE = {  # a row of a table with a URL: its site is a known publisher
    "title": "Floods close schools in Dhaka",
    "url": "https://example.org/news/dhaka-floods",
    "text": (
        "Floods closed hundreds of schools in Dhaka on Thursday, officials in Bangladesh said. "
        "Rescuers evacuated two thousand families from low-lying districts."
    ),
}
READ_COMMANDS = ("search", "events", "stories", "quotes", "places", "overview", "export")
BUSAN = "Curfew ordered after COVID-19 outbreak in Busan"


def write_stories(folder: Path, stories: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in stories.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_stories(tmp_path_factory.mktemp("news") / "files", STORIES)
    table = folder.parent / "wire.jsonl"
    table.write_text(json.dumps(WIRE) + "\n", encoding="utf-8")
    path = folder.parent / "news.db"
    summary = ingest([str(folder), str(table)], path, Settings(), published=PUBLISHED)
    assert summary.new == 4
    return path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def titles(database: Path, text: str, *, fts: bool = False) -> list[str | None]:
    with tidings.open(database) as corpus:
        hits = corpus.search(text, fts=True) if fts else corpus.search(text)
        return [hit.title for hit in hits]


# --- search ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Lee Min-ho", "COVID-19", "24-hour curfew", "U.S.", "don't", "O'Brien", "50%", "min-HO"],
)
def test_search_takes_words_with_punctuation(database: Path, text: str) -> None:
    assert titles(database, text) == [BUSAN]


def test_search_phrases_or_exclusion_and_prefixes(database: Path) -> None:
    assert titles(database, '"health official Lee"') == [BUSAN]
    assert titles(database, '"official health"') == []  # a phrase keeps its order
    assert titles(database, "curfew Putin") == []  # every word must be there
    assert sorted(titles(database, "Putin OR Bianchi")) == [
        "Russian president rejects ceasefire call",
        "Thousands protest in Rome over fuel prices",
    ]
    assert titles(database, "arrested -Navy") == ["Thousands protest in Rome over fuel prices"]
    assert titles(database, 'arrested -"U.S. Navy"') == titles(database, "arrested NOT Navy")
    assert titles(database, "ceasef*") == ["Russian president rejects ceasefire call"]
    assert titles(database, '"unclosed quote') == []  # runs to the end: no error
    with pytest.raises(StoreError, match="nothing to search for"):
        titles(database, "-Navy")
    with pytest.raises(StoreError, match="nothing to search for"):
        titles(database, "%% ...")


def test_fts_syntax_on_request_with_one_line_errors(database: Path) -> None:
    assert titles(database, "NEAR(curfew outbreak, 5)", fts=True) == [BUSAN]
    assert titles(database, "title:ceasefire", fts=True) == [
        "Russian president rejects ceasefire call"
    ]
    with pytest.raises(StoreError, match=r"not an FTS5 query \(no such column: ho\)"):
        titles(database, "Lee Min-ho", fts=True)
    for args in (["search", "NEAR("], ["quotes", "--text", '"open']):
        result = invoke(*args, "--fts", "--db", str(database))
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1
        assert "not an FTS5 query" in result.stderr and "leave out --fts" in result.stderr
    quotes = invoke("quotes", "--text", "speaker:Putin", "--fts", "--db", str(database),
                    "--format", "json")  # fmt: skip
    assert [json.loads(line)["speaker"] for line in quotes.stdout.splitlines()] == ["Putin"]
    assert invoke("quotes", "--fts", "--db", str(database)).exit_code == 2  # needs --text


def test_quote_text_is_searched_like_articles(database: Path) -> None:
    with tidings.open(database) as corpus:
        assert [q.speaker for q in corpus.quotes(text="don't")] == ["health official Lee Min-ho"]
        assert [q.speaker for q in corpus.quotes(text="50% U.S.")] == ["Sean O'Brien"]


# --- filters ----------------------------------------------------------------------------


def test_like_metacharacters_are_text(database: Path) -> None:
    with tidings.open(database) as corpus:
        assert corpus.events() and corpus.quotes()
        assert corpus.events(place="%") == [] and corpus.events(place="_") == []
        assert corpus.events(actor="%") == [] and corpus.events(actor="_", mentions=True) == []
        assert corpus.quotes(speaker="%") == [] and corpus.quotes(speaker="_") == []
        assert [q.speaker for q in corpus.quotes(speaker="O'Brien")] == ["Sean O'Brien"]
        assert {e.place for e in corpus.events(place="Rom")} == {"Rome"}


@pytest.mark.parametrize(
    "args",
    [
        ("events", "--actor"),
        ("events", "--mentions", "--actor"),
        ("events", "--place"),
        ("events", "--country"),
        ("quotes", "--speaker"),
    ],
)
def test_an_over_long_filter_is_one_line_and_exit_2(database: Path, args: tuple[str]) -> None:
    result = invoke(*args, "x" * 50_000, "--db", str(database))
    assert result.exit_code == 2, result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert "50,000 characters long; at most 200" in result.stderr
    assert "Traceback" not in result.output and "pattern too complex" not in result.output


def test_an_over_long_search_is_refused(database: Path) -> None:
    result = invoke("search", "word " * 1000, "--db", str(database))
    assert result.exit_code == 2 and "at most 1,000" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_an_unknown_event_type_lists_the_types_and_the_closest(database: Path) -> None:
    with tidings.open(database) as corpus:
        with pytest.raises(StoreError, match="no event type 'BOGUS'") as refused:
            corpus.events(type="BOGUS")
        assert "ASSAULT" in str(refused.value) and "PROTEST" in str(refused.value)
        with pytest.raises(StoreError, match="did you mean ASSAULT"):
            corpus.events(type="ASSALT", mentions=True)
        assert {e.type for e in corpus.events(type="coerce")} == {"COERCE"}
    result = invoke("events", "--type", "PROTST", "--db", str(database))
    assert result.exit_code == 2 and "did you mean PROTEST?" in result.stderr


def test_countries_by_alpha_3_and_by_name(database: Path) -> None:
    with tidings.open(database) as corpus:
        italian = {place.name for place in corpus.places(country="IT")}
        assert {"Rome", "Naples"} <= italian
        for given in ("ITA", "ita", "Italy", " italy "):
            assert {place.name for place in corpus.places(country=given)} == italian
        assert [p.name for p in corpus.places(country="Korea, Republic of")] == ["Busan"]
        assert [p.name for p in corpus.places(country="South Korea")] == ["Busan"]
        assert {e.place for e in corpus.events(country="Italy")} == {"Rome"}
        assert {e.place for e in corpus.events(country="South Korea", mentions=True)} == {"Busan"}
        russian = corpus.events(country="RUS")  # alpha-3: an actor's country
        assert russian and all("RUS" in f"{e.actor_code}{e.target_code}" for e in russian)
        with pytest.raises(StoreError, match=r"did you mean IT \(Italy\)"):
            corpus.places(country="Itly")
    assert "Rome" in invoke("places", "--country", "ITA", "--db", str(database)).stdout
    refused = invoke("places", "--country", "Atlantis", "--db", str(database))
    assert refused.exit_code == 2 and "no country 'Atlantis'" in refused.stderr


def test_a_speaker_is_found_by_any_of_their_names(database: Path) -> None:
    with tidings.open(database) as corpus:
        (quote,) = corpus.quotes(speaker="Vladimir Putin")
        assert quote.speaker == "Putin"  # as the quote names him; the article says both
        assert quote.text == "There will be no pause until our goals are met"
        assert [q.speaker for q in corpus.quotes(speaker="Putin")] == ["Putin"]
        assert corpus.quotes(speaker="Vladimir Bianchi") == []


# --- output -----------------------------------------------------------------------------


def test_geojson_keeps_events_without_a_place(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = invoke("export", "--format", "geojson", "--out", str(out), "--db", str(database))
    assert result.exit_code == 0, result.output
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    with tidings.open(database) as corpus:
        events = corpus.events(limit=None)
    assert len(features) == len(events) and f"{len(events)} events →" in result.stderr
    placed = {f["properties"]["place"]: f["geometry"] for f in features if f["geometry"]}
    # the floods "in Dhaka"; the evacuation at the country of the sentence before (passage)
    assert set(placed) == {"Busan", "Rome", "Dhaka", "Bangladesh"}
    assert placed["Rome"]["coordinates"] == pytest.approx([12.5, 41.9], abs=0.1)
    unplaced = [f for f in features if f["geometry"] is None]
    assert unplaced and all(f["properties"]["place"] is None for f in unplaced)
    assert "REJECT" in {f["properties"]["type"] for f in unplaced}


def test_overview_counts_only_known_publishers(database: Path) -> None:
    with tidings.open(database) as corpus:
        overview = corpus.overview()
    assert (overview.articles, overview.sources) == (4, 1)  # example.org; files are none
    assert overview.unknown_sources == 3
    printed = invoke("overview", "--db", str(database)).stdout
    assert "4 articles from 1 source (3 articles of unknown source)" in " ".join(printed.split())


def test_dates_in_words_for_people_and_raw_for_programs(database: Path) -> None:
    table = invoke("events", "--type", "COERCE", "--db", str(database)).stdout
    assert "2022-03-16 night" in table and "TNI" not in table
    rows = invoke("events", "--type", "COERCE", "--format", "json", "--db", str(database))
    assert "2022-03-16TNI" in [json.loads(line)["date"] for line in rows.stdout.splitlines()]
    exported = invoke("export", "--format", "csv", "--db", str(database)).stdout
    assert "2022-03-16TNI" in {row["date"] for row in csv.DictReader(io.StringIO(exported))}


# --- the database file ------------------------------------------------------------------


def test_read_commands_need_a_database_and_say_so(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    for command in READ_COMMANDS:
        helped = invoke(command, "--help")
        text = " ".join(helped.stdout.split())
        assert helped.exit_code == 0 and "Examples:" in text
        assert "made if missing" not in text and "it must exist; it is only read" in text
        args = [command, "text"] if command == "search" else [command]
        result = invoke(*args, "--db", missing)
        assert result.exit_code == 2, (command, result.output)
        assert "no such database" in result.stderr and "tidings ingest" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_reading_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    ingest([str(write_stories(tmp_path / "files", STORIES))], path, Settings(),
           published=PUBLISHED)  # fmt: skip
    before, modified = path.read_bytes(), path.stat().st_mtime_ns
    with tidings.open(path) as corpus:
        assert corpus.search("curfew") and corpus.events() and corpus.overview().articles == 3
    assert invoke("places", "--db", str(path)).exit_code == 0
    assert path.read_bytes() == before and path.stat().st_mtime_ns == modified


@contextmanager
def read_only(folder: Path) -> Iterator[Callable[..., subprocess.CompletedProcess[str]]]:
    """A way to run ``tidings ARGS...`` with ``folder`` and its files not writable: by
    permissions, or for root (whom permissions do not stop) on a read-only bind mount in a
    user namespace of its own. Skips where neither stops a write."""

    def run(*args: str, wrap: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
        command = [*wrap, sys.executable, "-m", "tidings", *args]
        return subprocess.run(command, capture_output=True, text=True, timeout=300)

    probe = folder / "probe"
    if os.geteuid() != 0:
        for path in folder.iterdir():
            path.chmod(0o444)
        folder.chmod(0o555)
        try:
            try:
                probe.touch()
            except PermissionError:
                yield run
            else:
                pytest.skip("permissions do not stop this user from writing")
        finally:
            folder.chmod(0o755)
        return
    if shutil.which("unshare") is None:
        pytest.skip("running as root without unshare(1): no read-only folder to test with")
    mount = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'
    wrap = ("unshare", "--user", "--map-root-user", "--mount", "sh", "-c", mount, str(folder))
    tried = subprocess.run([*wrap, "touch", str(probe)], capture_output=True, text=True)
    if "Read-only file system" not in tried.stderr:
        pytest.skip(f"no read-only bind mount here: {tried.stderr.strip()[:200]}")
    yield lambda *args: run(*args, wrap=wrap)


def test_a_database_in_a_folder_that_cannot_be_written_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    path = folder / "news.db"
    ingest([str(write_stories(tmp_path / "files", STORIES))], path, Settings(),
           published=PUBLISHED)  # fmt: skip
    assert sorted(p.name for p in folder.iterdir()) == ["news.db"]  # no -wal, no -shm
    with read_only(folder) as run:
        listed = run("events", "--type", "COERCE", "--format", "json", "--db", str(path))
        assert listed.returncode == 0, listed.stderr
        assert {json.loads(line)["place"] for line in listed.stdout.splitlines()} == {
            "Busan", "Rome"
        }  # fmt: skip
        found = run("search", "Lee Min-ho", "--format", "csv", "--db", str(path))
        assert found.returncode == 0 and BUSAN in found.stdout, found.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["news.db"]


def make_old_database(path: Path) -> None:
    """A database as the first tidings schema made it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript(MIGRATIONS[0])
    connection.execute("PRAGMA user_version = 1")
    connection.close()


def test_an_old_database_that_cannot_be_written_says_how_to_upgrade(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    path = folder / "old.db"
    make_old_database(path)
    with read_only(folder) as run:
        refused = run("events", "--db", str(path))
    assert refused.returncode == 2
    assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
    assert "made by an older tidings (schema 1;" in refused.stderr
    assert f"tidings upgrade --db {path}" in refused.stderr


def test_upgrade_command(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    make_old_database(path)
    result = invoke("upgrade", "--db", str(path))
    assert result.exit_code == 0, result.output
    assert f"upgraded from schema 1 to {SCHEMA_VERSION}" in result.stderr
    assert "up to date" in invoke("upgrade", "--db", str(path)).stderr
    with tidings.open(path) as corpus:
        assert corpus.events() == []
    missing = invoke("upgrade", "--db", str(tmp_path / "none.db"))
    assert missing.exit_code == 2 and "no such database" in missing.stderr
    assert not (tmp_path / "none.db").exists()


def test_the_read_side_knows_the_event_types_without_loading_spacy() -> None:
    from tidings.rules import load_lexicon
    from tidings.store.filter_values import event_types

    assert event_types() == frozenset(load_lexicon().types)
    script = "import sys, tidings.store.queries; print('spacy' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert loaded.stdout.strip() == "False", loaded.stderr
