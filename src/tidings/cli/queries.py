"""``tidings search | events | stories | quotes | places | overview | export``: read a
database made by ingest."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from tidings.cli.app import F, main, print_error, stderr_console
from tidings.cli.corpus import database_option
from tidings.errors import StoreError
from tidings.output.rows import EXPORT_FORMATS, LIST_FORMATS, print_table, write_rows
from tidings.store.calendar import day_range
from tidings.store.queries import Corpus

EVENT_COLUMNS = ("date", "type", "trigger", "actor", "target", "place", "sources")
WHAT = ("events", "articles", "quotes", "places")


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
    return database_option(command)


def _show(rows: Sequence[Any], columns: Sequence[str], output_format: str) -> None:
    if output_format == "table":
        print_table(rows, columns, Console(highlight=False))
    else:
        write_rows(rows, output_format, sys.stdout)


def _open(database: Path) -> Corpus:
    try:
        return Corpus(database)
    except StoreError as error:
        print_error(stderr_console(), error)
        sys.exit(2)


@main.command("search")
@click.argument("text")
@list_options
def search_command(text: str, database: Path, limit: int, output_format: str) -> None:
    """Articles matching TEXT, best first (full-text search: words, "a phrase", OR, NOT,
    prefix*).

    \b
    Examples:
      tidings search earthquake --db news.db
      tidings search '"state of emergency" AND flood' --format json
    """
    with _open(database) as corpus:
        try:
            hits = corpus.search(text, limit=limit)
        except StoreError as error:
            print_error(stderr_console(), error)
            sys.exit(2)
    _show(hits, ("published", "title", "snippet"), output_format)


@main.command("events")
@click.option("--type", "event_type", help="Event type: ASSAULT, PROTEST, AID ...")
@click.option("--actor", help="Actor code (PRKMIL, GOV) or words of an actor's name.")
@click.option("--country", help="Country of the place (alpha-2: KR) or of an actor (KOR).")
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
        rows = corpus.events(
            type=event_type, actor=actor, country=country, place=place, since=since,
            until=until, story=story, min_sources=min_sources, everything=everything,
            mentions=mentions, limit=limit,
        )  # fmt: skip
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
@click.option("--speaker", help="Words of the speaker's name or description.")
@click.option("--text", help="Words of the quote (full-text search).")
@list_options
def quotes_command(
    speaker: str | None, text: str | None, database: Path, limit: int, output_format: str
) -> None:
    """Quotes with their speakers, newest first.

    \b
    Examples:
      tidings quotes --speaker Putin --db news.db
      tidings quotes --text ceasefire --format json
    """
    with _open(database) as corpus:
        try:
            rows = corpus.quotes(speaker=speaker, text=text, limit=limit)
        except StoreError as error:
            print_error(stderr_console(), error)
            sys.exit(2)
    _show(rows, ("published", "speaker", "text"), output_format)


@main.command("places")
@click.option("--country", help="Only places in this country (alpha-2: KR).")
@list_options
def places_command(country: str | None, database: Path, limit: int, output_format: str) -> None:
    """Places on the map, most named first.

    \b
    Examples:
      tidings places --db news.db
      tidings places --country UA --format csv
    """
    with _open(database) as corpus:
        rows = corpus.places(country=country, limit=limit)
    _show(rows, ("name", "country", "precision", "mentions", "articles"), output_format)


@main.command("overview")
@database_option
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
        f"{_count(overview.sources, 'source')}, published {span}; "
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


@main.command("export")
@click.option("--what", type=click.Choice(WHAT), default="events", show_default=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(EXPORT_FORMATS),
    default="jsonl",
    show_default=True,
    help="geojson: events and places as points; parquet needs pyarrow (pip install pyarrow).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (default: standard output; Parquet needs a file).",
)
@database_option
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
