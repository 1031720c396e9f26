"""``tidings search | events | stories | quotes | places | overview | export``: read a
database made by ingest (never writing to it); ``tidings upgrade`` brings one made by an
older tidings up to date."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from tidings.cli.app import F, main, print_error, stderr_console
from tidings.cli.corpus import database_option
from tidings.errors import StoreError
from tidings.output.rows import EXPORT_FORMATS, LIST_FORMATS, print_table, write_rows
from tidings.store.calendar import day_range
from tidings.store.queries import Corpus
from tidings.store.schema import SCHEMA_VERSION, upgrade

EVENT_COLUMNS = ("date", "type", "trigger", "actor", "target", "place", "sources")
WHAT = ("events", "articles", "quotes", "places")
R = TypeVar("R")

read_database_option = database_option(
    "The SQLite database made by tidings ingest (it must exist; it is only read)."
)
fts_option = click.option(
    "--fts",
    is_flag=True,
    help="Read the search in FTS5's own query syntax (NEAR, column:, ^, AND/OR/NOT, ( )).",
)


def calendar_date(
    context: click.Context, parameter: click.Parameter, value: str | None
) -> str | None:
    """A --since or --until value: a day, a month or a year (2017-11-13, 2017-11, 2017)."""
    if value is not None and day_range(value) is None:
        raise click.BadParameter(f"{value!r} is not a date: give 2017-11-13, 2017-11 or 2017")
    return value


def list_options(command: F) -> F:
    """--db, --limit and --format, for every listing command."""
    command = click.option(
        "--format",
        "output_format",
        type=click.Choice(LIST_FORMATS),
        default="table",
        show_default=True,
        help="table: for reading; json: one JSON object per line; csv: with a header row.",
    )(command)
    command = click.option(
        "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most N."
    )(command)
    return read_database_option(command)


def _show(rows: Sequence[Any], columns: Sequence[str], output_format: str) -> None:
    if output_format == "table":
        print_table(rows, columns, Console(highlight=False))
    else:
        write_rows(rows, output_format, sys.stdout)


def _open(database: Path) -> Corpus:
    return _refused_on_error(lambda: Corpus(database))


def _refused_on_error(query: Callable[[], R]) -> R:
    """``query()``, or its StoreError (a database that cannot be read, a filter that is
    refused) on one line and exit code 2."""
    try:
        return query()
    except StoreError as error:
        print_error(stderr_console(), error)
        sys.exit(2)


@main.command("search")
@click.argument("text")
@fts_option
@list_options
def search_command(text: str, fts: bool, database: Path, limit: int, output_format: str) -> None:
    """Articles matching TEXT, best first. Every word and "quoted phrase" must be in the
    article (punctuation is text: Min-ho, COVID-19, U.S., O'Brien); OR between two of them
    takes either; -word leaves out articles with it (a TEXT that starts with one goes
    last, after --); word* is any word starting so. --fts: FTS5's own syntax instead.

    \b
    Examples:
      tidings search 'Lee Min-ho' --db news.db
      tidings search '"state of emergency" flood OR storm -drill' --format json
      tidings search 'NEAR(curfew army, 5)' --fts
    """
    with _open(database) as corpus:
        hits = _refused_on_error(lambda: corpus.search(text, fts=fts, limit=limit))
    _show(hits, ("published", "title", "snippet"), output_format)


@main.command("events")
@click.option("--type", "event_type", help="Event type: ASSAULT, PROTEST, AID ...")
@click.option("--actor", help="Actor code (PRKMIL, GOV) or words of an actor's name.")
@click.option(
    "--country",
    help="Country of the place (KR or 'South Korea') or of an actor (alpha-3: KOR).",
)
@click.option("--place", help="Words of the place's name.")
@click.option(
    "--since", metavar="DATE", help="Events on or after DATE (2017-11-01).", callback=calendar_date
)
@click.option(
    "--until", metavar="DATE", help="Events on or before DATE (2017-11).", callback=calendar_date
)
@click.option("--story", type=int, metavar="ID", help="Only events of this story.")
@click.option(
    "--min-sources", type=click.IntRange(min=1), metavar="N", help="Reported by N publishers."
)
@click.option(
    "--all", "everything", is_flag=True, help="Also negated, hypothetical, generic ... events."
)
@click.option("--mentions", is_flag=True, help="Every mention, not one row per event.")
@list_options
def events_command(
    event_type: str | None,
    actor: str | None,
    country: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    story: int | None,
    min_sources: int | None,
    everything: bool,
    mentions: bool,
    database: Path,
    limit: int,
    output_format: str,
) -> None:
    """Events that happened, latest first: one row per real-world event however many
    reports tell it (with how many publishers do), filtered by type, actor, country, place,
    date, story and sources.

    \b
    Examples:
      tidings events --type ASSAULT --country KR --db news.db
      tidings events --actor PRKMIL --since 2017-11-01 --format csv > events.csv
      tidings events --min-sources 2 --story 12
    """
    with _open(database) as corpus:
        rows = _refused_on_error(lambda: corpus.events(
            type=event_type, actor=actor, country=country, place=place, since=since,
            until=until, story=story, min_sources=min_sources, everything=everything,
            mentions=mentions, limit=limit,
        ))  # fmt: skip
    _show(rows, EVENT_COLUMNS, output_format)


@main.command("stories")
@click.option(
    "--since",
    metavar="DATE",
    help="Stories still reported on or after DATE.",
    callback=calendar_date,
)
@click.option(
    "--until",
    metavar="DATE",
    help="Stories first reported on or before DATE.",
    callback=calendar_date,
)
@click.option(
    "--min-sources", type=click.IntRange(min=1), metavar="N", help="Told by N publishers."
)
@list_options
def stories_command(
    since: str | None,
    until: str | None,
    min_sources: int | None,
    database: Path,
    limit: int,
    output_format: str,
) -> None:
    """Stories (reports of one real-world event), the most reported first.

    \b
    Examples:
      tidings stories --db news.db
      tidings stories --min-sources 3 --since 2019-03 --format json
    """
    with _open(database) as corpus:
        rows = corpus.stories(since=since, until=until, min_sources=min_sources, limit=limit)
    columns = ("id", "first_published", "title", "articles", "sources", "events")
    _show(rows, columns, output_format)


@main.command("quotes")
@click.option(
    "--speaker", help="Words of the speaker's name or description, or of another name of them."
)
@click.option("--text", help="Words of the quote (searched like tidings search).")
@fts_option
@list_options
def quotes_command(
    speaker: str | None,
    text: str | None,
    fts: bool,
    database: Path,
    limit: int,
    output_format: str,
) -> None:
    """Quotes with their speakers, newest first.

    \b
    Examples:
      tidings quotes --speaker "Vladimir Putin" --db news.db
      tidings quotes --text 'ceasefire -rumour' --format json
      tidings quotes --text 'speaker:Putin' --fts
    """
    if fts and not text:
        raise click.UsageError("--fts is how --text is read: give --text too")
    with _open(database) as corpus:
        rows = _refused_on_error(
            lambda: corpus.quotes(speaker=speaker, text=text, fts=fts, limit=limit)
        )
    _show(rows, ("published", "speaker", "text"), output_format)


@main.command("places")
@click.option("--country", help="Only places in this country: IT, ITA or Italy.")
@list_options
def places_command(country: str | None, database: Path, limit: int, output_format: str) -> None:
    """Places on the map, most named first.

    \b
    Examples:
      tidings places --db news.db
      tidings places --country UA --format csv
      tidings places --country 'South Korea'
    """
    with _open(database) as corpus:
        rows = _refused_on_error(lambda: corpus.places(country=country, limit=limit))
    _show(rows, ("name", "country", "precision", "mentions", "articles"), output_format)


@main.command("overview")
@read_database_option
def overview_command(database: Path) -> None:
    """What a database holds: articles, dates, the commonest events, actors and places.

    \b
    Examples:
      tidings overview --db news.db
    """
    with _open(database) as corpus:
        overview = corpus.overview()
    console = Console(highlight=False)
    span = f"{overview.first_published or '?'} to {overview.last_published or '?'}"
    console.print(
        f"[bold]{database}[/bold]: {_count(overview.articles, 'article')} from "
        f"{_sources(overview.sources, overview.unknown_sources)}, published {span}; "
        f"{_count(overview.stories, 'story', 'stories')}, {_count(overview.events, 'event')}"
    )
    for heading, pairs in (
        ("Event types", overview.event_types),
        ("Actors (articles)", overview.actors),
        ("Places (articles)", overview.places),
    ):
        console.print(f"  {heading}: " + ", ".join(f"{name} {count}" for name, count in pairs))


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _sources(known: int, unknown: int) -> str:
    """ "3 sources", "unknown sources" (files, texts without a source or URL) or "3 sources
    (2 articles of unknown source)"."""
    if not known:
        return "unknown sources" if unknown else "no sources"
    if not unknown:
        return _count(known, "source")
    return f"{_count(known, 'source')} ({_count(unknown, 'article')} of unknown source)"


@main.command("export")
@click.option("--what", type=click.Choice(WHAT), default="events", show_default=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    default="jsonl",
    show_default=True,
    help="geojson: events and places as points (an event with no known place: a null "
    "geometry); parquet needs pyarrow (pip install pyarrow).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output; Parquet needs a file).",
)
@read_database_option
def export_command(what: str, output_format: str, out: Path | None, database: Path) -> None:
    """Everything of one kind, for other tools: CSV, JSON Lines, GeoJSON or Parquet.

    Events are those that happened (asserted or reported, not negated), one row per
    real-world event with its mentions and sources.

    \b
    Examples:
      tidings export --what events --format geojson --out events.geojson --db news.db
      tidings export --what articles --format parquet --out articles.parquet
    """
    if output_format == "geojson" and what not in ("events", "places"):
        raise click.UsageError("GeoJSON needs points: export events or places")
    with _open(database) as corpus:
        rows: Sequence[Any]
        if what == "events":
            rows = corpus.events(limit=None)
        elif what == "articles":
            rows = corpus.articles()
        elif what == "quotes":
            rows = corpus.quotes(limit=None)
        else:
            rows = corpus.places(limit=None)
    try:
        write_rows(rows, output_format, out if out is not None else sys.stdout)
    except (ImportError, ValueError) as error:
        print_error(stderr_console(), error)
        sys.exit(2)
    if out is not None:
        stderr_console().print(f"{len(rows)} {what} → {out}")


@main.command("upgrade")
@database_option("The SQLite database made by tidings ingest (it must exist and be writable).")
def upgrade_command(database: Path) -> None:
    """Bring a database made by an older tidings up to this one's schema (the reading
    commands do it themselves where they can write the file and its folder).

    \b
    Examples:
      tidings upgrade --db news.db
    """
    before = _refused_on_error(lambda: upgrade(database))
    if before == SCHEMA_VERSION:
        stderr_console().print(f"{database}: up to date (schema {SCHEMA_VERSION})")
    else:
        stderr_console().print(f"{database}: upgraded from schema {before} to {SCHEMA_VERSION}")
