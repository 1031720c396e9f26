"""The read side: tidings.open and the search, events, quotes, places and export commands,
over a real database ingested from stories written for these tests."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import tidings
from tidings.cli import main
from tidings.errors import StoreError
from tidings.ingestion import ingest
from tidings.settings import Settings

STORIES = {
    "seoul.txt": (
        "Soldier defects across the border\n\n"
        "A North Korean soldier defected to South Korea on Monday, officials in Seoul said. "
        "His fellow soldiers opened fire on him at Panmunjom. "
        '"He is stable," army spokesman Lee Min-ho told reporters.'
    ),
    "lyon.txt": (
        "Protest in Lyon over pensions\n\n"
        "Thousands of workers marched in Lyon on Thursday against the pension reform. "
        "Police arrested twelve protesters near the city hall, the prefecture said. "
        '"We will not give up," union leader Marie Dubois told the crowd.'
    ),
}


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = folder / "news.db"
    summary = ingest([str(folder)], path, Settings(), published="2017-11-14")
    assert summary.new == 2
    return path


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_open_and_search(database: Path) -> None:
    with tidings.open(database) as corpus:
        hits = corpus.search("pension")
        assert [hit.title for hit in hits] == ["Protest in Lyon over pensions"]
        assert "«pension»" in hits[0].snippet
        assert corpus.counts()["articles"] == 2
        with pytest.raises(StoreError, match="cannot search"):
            corpus.search('"unbalanced', fts=True)


def test_events_filters(database: Path) -> None:
    with tidings.open(database) as corpus:
        shooting = corpus.events(type="ASSAULT")
        assert [(e.trigger, e.actor_code, e.date) for e in shooting] == [
            ("opened fire", "PRKMIL", "2017-11-13")
        ]
        assert shooting[0].target == "North Korean soldier"
        assert shooting[0].evidence.startswith("His fellow soldiers opened fire")
        assert {e.type for e in corpus.events(actor="PRKMIL")} == {"ASSAULT", "DEFECT"}
        in_france = corpus.events(country="FR")
        assert {(e.type, e.trigger, e.place) for e in in_france} == {
            ("PROTEST", "Protest", "Lyon"),
            ("COERCE", "arrested", "Lyon"),  # from the sentence before: place_source passage
        }
        (arrest,) = corpus.events(type="COERCE")
        assert (arrest.actor, arrest.target, arrest.modality) == (
            "Police", "twelve protesters", "reported"
        )  # fmt: skip
        assert corpus.events(since="2017-11-14", type="ASSAULT") == []
        assert [e.trigger for e in corpus.events(until="2017-11-13", type="ASSAULT")] == [
            "opened fire"
        ]
        assert {e.type for e in corpus.events(place="Lyon")} == {"PROTEST", "COERCE"}


def test_quotes_and_places(database: Path) -> None:
    with tidings.open(database) as corpus:
        (quote,) = corpus.quotes(speaker="Dubois")
        assert quote.text == "We will not give up" and quote.speaker == "union leader Marie Dubois"
        assert [q.speaker for q in corpus.quotes(text="stable")] == ["army spokesman Lee Min-ho"]
        places = {place.name: place for place in corpus.places()}
        assert places["Lyon"].country == "FR" and places["Lyon"].mentions == 2


def test_to_pandas_says_what_it_needs(database: Path) -> None:
    with tidings.open(database) as corpus:
        rows = corpus.events()
        if importlib.util.find_spec("pandas") is None:
            with pytest.raises(ImportError, match="pip install pandas"):
                rows.to_pandas()
        else:
            assert len(rows.to_pandas()) == len(rows)


def test_a_missing_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        tidings.open(tmp_path / "none.db")
    result = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "tidings ingest" in result.stderr


@pytest.mark.parametrize("command", ["events", "stories"])
def test_a_date_bound_that_is_no_date_is_refused(database: Path, command: str) -> None:
    result = CliRunner().invoke(main, [command, "--db", str(database), "--since", "yesterday"])
    assert result.exit_code == 2
    assert "--since" in result.stderr and "'yesterday' is not a date" in result.stderr
    assert run(command, "--db", str(database), "--until", "2017-11").exit_code == 0


def test_listing_commands(database: Path) -> None:
    table = run("events", "--db", str(database), "--type", "ASSAULT")
    assert "opened" in table.stdout and "PRKMIL" not in table.stdout  # names, not codes
    rows = [json.loads(line) for line in run("events", "--db", str(database), "--format",
                                             "json").stdout.splitlines()]  # fmt: skip
    assert {row["type"] for row in rows} >= {"ASSAULT", "DEFECT", "COERCE"}
    found = run("search", "pension", "--db", str(database), "--format", "csv").stdout
    assert (
        next(iter(csv.DictReader(io.StringIO(found))))["title"] == "Protest in Lyon over pensions"
    )
    assert "Marie Dubois" in run("quotes", "--db", str(database), "--speaker", "Dubois").stdout
    assert "Lyon" in run("places", "--db", str(database), "--country", "FR").stdout


def test_export_geojson_and_csv(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.geojson"
    result = run("export", "--what", "events", "--format", "geojson", "--out", str(out),
                 "--db", str(database))  # fmt: skip
    assert "events →" in result.stderr
    collection = json.loads(out.read_text(encoding="utf-8"))
    lyon = [f for f in collection["features"] if f["properties"]["place"] == "Lyon"]
    assert lyon and lyon[0]["geometry"]["coordinates"] == pytest.approx([4.85, 45.75], abs=0.1)
    articles = run("export", "--what", "articles", "--format", "csv", "--db", str(database))
    assert len(list(csv.DictReader(io.StringIO(articles.stdout)))) == 2
    refused = CliRunner().invoke(main, ["export", "--what", "quotes", "--format", "geojson",
                                        "--db", str(database)])  # fmt: skip
    assert refused.exit_code == 2


def test_parquet_export(database: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.parquet"
    result = CliRunner().invoke(main, ["export", "--format", "parquet", "--out", str(out),
                                       "--db", str(database)])  # fmt: skip
    if importlib.util.find_spec("pyarrow") is None:
        assert result.exit_code == 2 and "pip install pyarrow" in result.stderr
        return
    import pyarrow.parquet as parquet  # type: ignore[import-not-found]

    assert result.exit_code == 0
    assert parquet.read_table(out).num_rows == len(tidings.open(database).events(limit=None))


def test_overview(database: Path) -> None:
    with tidings.open(database) as corpus:
        overview = corpus.overview()
    assert (overview.articles, overview.sources) == (2, 0)  # two files: no publisher known
    assert overview.first_published == overview.last_published == "2017-11-14"
    assert dict(overview.actors)["PRKMIL"] == 1
    assert dict(overview.places)["Lyon"] == 1
    printed = run("overview", "--db", str(database)).stdout
    assert "2 articles from unknown sources" in printed and "Lyon 1" in printed


def test_dates_of_every_precision_sort_and_filter_as_days() -> None:
    from tidings.store.calendar import day_range

    assert day_range("2017-W46") == ("2017-11-13", "2017-11-19")
    assert day_range("2017-11") == ("2017-11-01", "2017-11-30")
    assert day_range("2017-Q4") == ("2017-10-01", "2017-12-31")
    assert day_range("2017-WI") == ("2017-12-01", "2018-02-28")
    assert day_range("199") == ("1990-01-01", "1999-12-31")
    assert day_range("P2D") is None and day_range("2017-02-30") is None


def test_week_dated_events_sit_among_day_dated_ones(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "week.txt").write_text(
        "Police arrested two smugglers in Gdansk last week, officials said.", encoding="utf-8"
    )
    (folder / "day.txt").write_text(
        "Police arrested a driver in Poznan on Monday, officials said.", encoding="utf-8"
    )
    database = tmp_path / "weeks.db"
    ingest([str(folder)], database, Settings(), published="2017-11-22")
    with tidings.open(database) as corpus:
        dates = [event.date for event in corpus.events(type="COERCE")]
        assert dates == ["2017-11-20", "2017-W46"]  # by the days they cover, latest first
        assert [e.date for e in corpus.events(type="COERCE", since="2017-11-15")] == [
            "2017-11-20",
            "2017-W46",
        ]
        assert [e.date for e in corpus.events(type="COERCE", until="2017-11-19")] == ["2017-W46"]


def test_odd_database_names_and_old_schemas(tmp_path: Path) -> None:
    import sqlite3

    from tidings.store.schema import MIGRATIONS, SCHEMA_VERSION, schema_version

    odd = tmp_path / "news #1?.db"
    ingest([], odd, Settings())
    with tidings.open(odd) as corpus:
        assert corpus.counts()["articles"] == 0
    old = tmp_path / "old.db"
    connection = sqlite3.connect(old)
    connection.executescript(MIGRATIONS[0])
    connection.execute("PRAGMA user_version = 1")
    connection.close()
    with tidings.open(old) as corpus:  # brought up to date on opening
        assert corpus.events() == [] and schema_version(corpus.connection) == SCHEMA_VERSION
