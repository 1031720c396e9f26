"""The ``tidings`` command: a thin shell that parses options, calls the library and prints.

Exit codes: 0 all inputs analysed; 1 some inputs could not be analysed (each named on stderr);
2 bad usage or settings.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from tidings import __version__
from tidings.errors import ConfigError, InputError, ModelError
from tidings.evaluation.quotes import evaluate_quotes
from tidings.model import Facts
from tidings.output.evaluation import print_quote_evaluation, quote_evaluation_json
from tidings.output.json import to_json
from tidings.output.report import print_report
from tidings.pipeline import analyze
from tidings.sample import ATTRIBUTION, sample_paths
from tidings.settings import load_settings

FORMATS = ("report", "json", "jsonl")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """Turn news articles into structured facts, with the text behind every fact.

    \b
    Examples:
      tidings analyze article.txt
      tidings analyze https://example.com/news/story.html --format json
      cat story.txt | tidings analyze - --published 2017-11-13
      tidings eval quotes --dataset ../shared/eval/quotes/polnear/dev
    """


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
@click.option("--published", metavar="DATE", help="Publication date (ISO 8601) for every input.")
@click.option("--sample", is_flag=True, help="Analyse the bundled Wikinews sample (CC BY 2.5).")
@click.option("--limit", type=click.IntRange(min=1), help="Analyse at most this many articles.")
@click.option("--summary-sentences", type=click.IntRange(1, 50), help="Sentences in the summary.")
@click.option("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm).")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (TOML); default $TIDINGS_CONFIG or ~/.config/tidings/config.toml.",
)
def analyze_command(
    inputs: tuple[str, ...],
    output_format: str,
    published: str | None,
    sample: bool,
    limit: int | None,
    summary_sentences: int | None,
    model: str | None,
    config: Path | None,
) -> None:
    """Extract entities, quotes, numbers and a summary from news articles.

    INPUT is a text file (a first line followed by a blank line is the headline), an HTML
    file, a URL, a folder, a JSON Lines or CSV file with a text column (one article per row),
    or - for standard input.

    \b
    Examples:
      tidings analyze story.txt
      tidings analyze story.txt --format json > story.json
      tidings analyze https://example.org/news/item.html
      tidings analyze articles.jsonl --format jsonl > facts.jsonl
      tidings analyze --sample --limit 3
    """
    sources = list(inputs) + ([str(path) for path in sample_paths()] if sample else [])
    if not sources:
        raise click.UsageError("name at least one INPUT (a file, URL, folder or -), or --sample")
    if published is not None:
        published = _iso_date(published)
    try:
        settings = load_settings(config, model=model, summary_sentences=summary_sentences)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None

    failures: list[InputError] = []
    errors = Console(stderr=True, highlight=False, soft_wrap=True)

    def record(error: InputError) -> None:
        failures.append(error)
        errors.print(f"[red]error:[/red] {error}", markup=True)

    stream = analyze(sources, settings, on_error=record, published=published, limit=limit)
    count = 0
    try:
        with _progress(errors) as progress:
            count = _write(progress(stream), output_format, sys.stdout)
    except ModelError as error:
        errors.print(f"[red]error:[/red] {error}")
        sys.exit(2)
    if sample and output_format == "report":
        errors.print(f"[dim]{ATTRIBUTION}[/dim]")
    if failures:
        errors.print(f"analysed {count} article(s); {len(failures)} input(s) failed")
        sys.exit(1)


@main.group("eval")
def eval_group() -> None:
    """Measure tidings against annotated data sets, beside published scores.

    \b
    Examples:
      tidings eval quotes --dataset ../shared/eval/quotes/polnear/dev
    """


@eval_group.command("quotes")
@click.option(
    "--dataset",
    required=True,
    type=click.Path(path_type=Path),
    help="A PolNeAR split folder, holding text/ and attributions/ (brat standoff).",
)
@click.option("--limit", type=click.IntRange(min=1), help="Score only the first N texts.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="table: for reading; json: one JSON object with every count.",
)
@click.option("--model", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm).")
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (TOML); default $TIDINGS_CONFIG or ~/.config/tidings/config.toml.",
)
def eval_quotes_command(
    dataset: Path, limit: int | None, output_format: str, model: str | None, config: Path | None
) -> None:
    """Score quote attribution (source, cue, content spans) on PolNeAR.

    Prints precision, recall and F1 of each span type (exact, character overlap and partial
    matching) and speaker accuracy, for all attributions and for direct quotes only, beside
    published anchors. See docs/quality.md for what each number means.

    \b
    Examples:
      tidings eval quotes --dataset ../shared/eval/quotes/polnear/dev
      tidings eval quotes --dataset ../shared/eval/quotes/polnear/train --limit 100
      tidings eval quotes --dataset ../shared/eval/quotes/polnear/dev --format json > q.json
    """
    try:
        settings = load_settings(config, model=model)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        with _counted_progress(errors, "scoring texts") as progress:
            result = evaluate_quotes(dataset, settings, limit=limit, on_progress=progress)
    except (InputError, ModelError) as error:
        errors.print(f"[red]error:[/red] {error}")
        sys.exit(2)
    if output_format == "json":
        click.echo(json.dumps(quote_evaluation_json(result), indent=2))
    else:
        print_quote_evaluation(result, Console(width=_table_width(sys.stdout)))


def _table_width(out: TextIO) -> int:
    return max(Console(file=out).width, 110) if out.isatty() else 110


class _counted_progress:
    """A bar with done/total on stderr (only on a terminal); call it with (done, total)."""

    def __init__(self, console: Console, label: str) -> None:
        self.enabled = console.is_terminal
        self.bar = Progress(
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task = self.bar.add_task(label, total=None)

    def __enter__(self) -> _counted_progress:
        if self.enabled:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()

    def __call__(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)


def _write(stream: Iterator[Facts], output_format: str, out: TextIO) -> int:
    if output_format == "report":
        console = Console(file=out, width=_report_width(out))
        count = 0
        for facts in stream:
            print_report(facts, console)
            count += 1
        return count
    if output_format == "jsonl":
        count = 0
        for facts in stream:
            out.write(to_json(facts) + "\n")
            count += 1
        return count
    first = next(stream, None)
    if first is None:
        return 0
    second = next(stream, None)
    if second is None:
        out.write(to_json(first, indent=2) + "\n")
        return 1
    count = 0
    for facts in (first, second, *stream):
        out.write(to_json(facts) + "\n")
        count += 1
    return count


def _report_width(out: TextIO) -> int:
    width = Console(file=out).width if out.isatty() else 80
    return min(max(width, 60), 100)


class _progress:
    """A spinner with a count on stderr while articles are analysed (only on a terminal)."""

    def __init__(self, console: Console) -> None:
        self.enabled = console.is_terminal
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("analysing: {task.completed} article(s)"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )

    def __enter__(self) -> _progress:
        if self.enabled:
            self.bar.start()
            self.task = self.bar.add_task("analyse", total=None)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.bar.stop()

    def __call__(self, stream: Iterator[Facts]) -> Iterator[Facts]:
        for facts in stream:
            if self.enabled:
                self.bar.advance(self.task)
            yield facts


def _iso_date(value: str) -> str:
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).isoformat()
        return dt.datetime.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date (e.g. 2017-11-13)", param_hint="--published"
        ) from None
