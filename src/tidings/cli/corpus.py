"""``tidings ingest``: articles into a database, analysed once, kept with all their facts."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from tidings.cli.app import iso_date, main, print_error, settings_from, settings_options
from tidings.cli.app import stderr_console as _stderr
from tidings.errors import ConfigError, GazetteerError, InputError, ModelError, StoreError
from tidings.ingest.counting import estimate_articles
from tidings.ingestion import IngestSummary, ingest
from tidings.output.progress import Activity
from tidings.sample import ATTRIBUTION, sample_paths

DEFAULT_DATABASE = Path("tidings.db")
Decorated = TypeVar("Decorated", bound=Callable[..., Any])


def database_option(help: str) -> Callable[[Decorated], Decorated]:
    """The ``--db FILE`` option every command that uses a database has, with its own help."""
    return click.option(
        "--db",
        "database",
        type=click.Path(dir_okay=False, path_type=Path),
        default=DEFAULT_DATABASE,
        show_default=True,
        help=help,
    )


@main.command("ingest")
@click.argument("sources", nargs=-1, metavar="SOURCE...")
@database_option("The SQLite database (made if missing).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="all cores",
    help="Processes that analyse articles; one process writes the database.",
)
@click.option("--published", metavar="DATE", help="Publication date for every input (ISO 8601).")
@click.option("--sample", is_flag=True, help="Ingest the bundled Wikinews sample (CC BY 2.5).")
@click.option("--retry-failed", is_flag=True, help="Read again every source that failed before.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    metavar="N",
    help="Stop after the first N articles read (a trial run on a large source).",
)
@settings_options
def ingest_command(
    sources: tuple[str, ...],
    database: Path,
    workers: int,
    published: str | None,
    sample: bool,
    retry_failed: bool,
    limit: int | None,
    model: str | None,
    config: Path | None,
) -> None:
    """Read, analyse and store articles; a second run adds only what is new.

    SOURCE is anything `tidings analyze` reads: files, folders, quoted patterns, JSON Lines
    or CSV tables, RSS/Atom feeds, WARC archives, .urls lists, URLs. Each article is stored
    once (by its text) with every fact tidings finds, near-copies linked to their original,
    reports of one event grouped into a story; a failed input is recorded in the database's
    errors table and the rest go on.

    \b
    Examples:
      tidings ingest news/ --db news.db
      tidings ingest articles.jsonl https://example.org/feed.rss --workers 4
      tidings ingest 'crawl/**/*.warc.gz' --db crawl.db
      tidings ingest --sample --db demo.db
      tidings ingest crawl.warc.gz --limit 50 --db trial.db
      tidings ingest --retry-failed --db news.db
    """
    names = list(sources) + ([str(path) for path in sample_paths()] if sample else [])
    if not names and not retry_failed:
        raise click.UsageError("name at least one SOURCE, or --sample, or --retry-failed")
    if published is not None:
        published = iso_date(published)  # refused before the inputs are counted
    settings = settings_from(config, model=model)
    errors = _stderr()
    total = estimate_articles(names) if not retry_failed else None
    if total is not None and limit is not None:
        total = min(total, limit)
    with Activity(errors, "ingesting", total=total, rate=True) as activity:

        def progress(summary: IngestSummary) -> None:
            done = summary.done
            activity.update(done, None if total is None else max(total, done))

        def failed(error: InputError) -> None:
            print_error(errors, error)  # printed above the progress line

        def building(path: Path) -> None:
            errors.print(f"building the offline gazetteer at {path} (once, about 20 s)")

        try:
            summary = ingest(
                names,
                database,
                settings,
                workers=workers,
                published=published,
                retry_failed=retry_failed,
                limit=limit,
                on_error=failed,
                on_article=progress,
                on_build=building,
            )
        except (ModelError, GazetteerError, ConfigError, StoreError) as error:
            print_error(errors, error)
            sys.exit(2)
    _print_summary(errors, summary, database, sample=sample)


def _print_summary(
    errors: Console, summary: IngestSummary, database: Path, *, sample: bool
) -> None:
    """The ingest's last lines: what it did, and what to do about failures (exit 1)."""
    rate = summary.read / summary.seconds if summary.seconds else 0.0
    errors.print(
        f"read {summary.read} · new {summary.new} (copies {summary.copies}) · "
        f"already stored {summary.duplicates} · "
        f"failed {summary.failed} · {summary.seconds:.0f} s ({rate:.1f} articles/s) "
        f"→ {database}"
    )
    if sample:
        errors.print(f"[dim]{ATTRIBUTION}[/dim]")
    if summary.failed:
        errors.print("[dim]read the failed inputs again with --retry-failed[/dim]")
        sys.exit(1)
