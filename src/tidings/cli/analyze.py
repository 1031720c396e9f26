"""``tidings analyze``: facts of articles, as a report or JSON."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from tidings.cli.app import (
    iso_date,
    main,
    print_error,
    settings_from,
    settings_options,
    stderr_console,
)
from tidings.errors import ConfigError, GazetteerError, InputError, ModelError
from tidings.output.progress import Activity
from tidings.output.writer import FORMATS, write_facts
from tidings.pipeline import analyze, open_geocoder
from tidings.sample import ATTRIBUTION, sample_paths
from tidings.settings import Settings


@main.command("analyze")
@click.argument("inputs", nargs=-1, metavar="INPUT...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="report",
    show_default=True,
    help="report: readable text; json: one JSON object (JSON Lines if several articles); "
    "jsonl: always one JSON object per line.",
)
@click.option(
    "--published",
    metavar="DATE",
    help="Publication date for every input: 2017-11-13, 2017-11, 2017 or a datetime (ISO 8601).",
)
@click.option("--sample", is_flag=True, help="Analyse the bundled Wikinews sample (CC BY 2.5).")
@click.option("--limit", type=click.IntRange(min=1), help="Analyse at most this many articles.")
@click.option("--summary-sentences", type=click.IntRange(1, 50), help="Sentences in the summary.")
@click.option(
    "--places/--no-places",
    default=None,
    help="Resolve places against the offline gazetteer (default: on; built on first use).",
)
@click.option(
    "--dates/--no-dates",
    default=None,
    help="Find time expressions, normalised on the publication date (default: on).",
)
@click.option(
    "--events/--no-events",
    default=None,
    help="Find events, their actors and the main event (default: on).",
)
@click.option(
    "--event-lexicon",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A TOML file of your own event trigger words (shaped like the bundled triggers.toml) "
    "and quote cue verbs (a [cues] table).",
)
@settings_options
def analyze_command(
    inputs: tuple[str, ...],
    output_format: str,
    published: str | None,
    sample: bool,
    limit: int | None,
    summary_sentences: int | None,
    places: bool | None,
    dates: bool | None,
    events: bool | None,
    event_lexicon: Path | None,
    model: str | None,
    config: Path | None,
) -> None:
    """Extract events, actors, entities, places, dates, quotes, numbers and a summary from
    news articles.

    INPUT is a text file (a first line followed by a blank line is the headline), an HTML
    file, a URL, a folder, a JSON Lines or CSV file with a text column (one article per row),
    an RSS/Atom feed (file or URL: one article per entry), a WARC archive, a .urls list of
    URLs, or - for standard input. Links from feeds and lists are fetched politely
    (robots.txt, fetch_delay seconds between requests to one host).

    \b
    Examples:
      tidings analyze story.txt
      tidings analyze story.txt --format json > story.json
      tidings analyze https://example.org/news/item.html
      tidings analyze articles.jsonl --format jsonl > facts.jsonl
      tidings analyze https://example.org/feed.rss crawl.warc.gz --format jsonl
      tidings analyze --sample --limit 3
      tidings analyze story.txt --published 2017-11-14 --event-lexicon my-triggers.toml
    """
    sources = list(inputs) + ([str(path) for path in sample_paths()] if sample else [])
    if not sources:
        raise click.UsageError("name at least one INPUT (a file, URL, folder or -), or --sample")
    if published is not None:
        published = iso_date(published)
    settings = settings_from(
        config,
        model=model,
        summary_sentences=summary_sentences,
        places=places,
        dates=dates,
        events=events,
        event_lexicon=event_lexicon,
    )
    errors = stderr_console()
    failures: list[InputError] = []
    count = _print_facts(
        sources,
        settings,
        output_format,
        published=published,
        limit=limit,
        failures=failures,
    )
    if sample and output_format == "report":
        errors.print(f"[dim]{ATTRIBUTION}[/dim]")
    if failures:
        errors.print(f"analysed {count} article(s); {len(failures)} input(s) failed")
        sys.exit(1)


def _print_facts(
    sources: list[str],
    settings: Settings,
    output_format: str,
    *,
    published: str | None,
    limit: int | None,
    failures: list[InputError],
) -> int:
    """Analyse ``sources`` and print the facts as they come; how many articles were printed.
    Failed inputs are told on stderr as they happen and added to ``failures``."""
    errors = stderr_console()

    def record(error: InputError) -> None:
        failures.append(error)
        print_error(errors, error)

    def building(path: Path) -> None:
        errors.print(f"building the offline gazetteer at {path} (once, about 20 s)")

    try:
        geocoder = open_geocoder(settings, on_build=building)
        stream = analyze(
            sources, settings, on_error=record, published=published, limit=limit, geocoder=geocoder
        )
        with Activity(errors, "analysing") as activity:
            return write_facts(activity.track(stream), output_format, sys.stdout)
    except (ModelError, GazetteerError, ConfigError) as error:
        print_error(errors, error)
        sys.exit(2)
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
