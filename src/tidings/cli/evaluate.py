"""``tidings eval``: scores against annotated data sets, beside published systems."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from tidings.cli.app import (
    F,
    R,
    main,
    print_error,
    settings_from,
    settings_options,
    stderr_console,
    table_width,
)
from tidings.errors import ConfigError, GazetteerError, InputError, ModelError
from tidings.evaluation.events import (
    evaluate_events,
    event_evaluation_json,
    print_event_evaluation,
    write_misses,
)
from tidings.evaluation.main_events import (
    evaluate_main_events,
    main_event_evaluation_json,
    print_main_event_evaluation,
)
from tidings.evaluation.places import (
    evaluate_geoparsing,
    geoparsing_evaluation_json,
    print_geoparsing_evaluation,
)
from tidings.evaluation.quotes import evaluate_quotes, print_quote_evaluation, quote_evaluation_json
from tidings.evaluation.temporal import (
    evaluate_temporal,
    print_temporal_evaluation,
    temporal_evaluation_json,
)
from tidings.output.progress import Activity


@main.group("eval")
def eval_group() -> None:
    """Measure tidings against annotated data sets, beside published scores.

    \b
    Examples:
      tidings eval quotes --dataset ../shared/eval/quotes/polnear/dev
      tidings eval geoparsing --dataset ../shared/eval/geoparsing/GeoVirus.xml
      tidings eval temporal --dataset ../shared/eval/temporal/TBAQ-cleaned
      tidings eval 5w1h --dataset ../shared/eval/5w1h/giveme5w1h-train
      tidings eval events --dataset ../shared/eval/events/wikievents/dev.jsonl
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
) -> R:
    """Run one evaluation with a progress bar; print its table or JSON; exit 2 on bad data."""
    settings = settings_from(config, model=model)
    errors = stderr_console()
    try:
        with Activity(errors, f"scoring {unit}", total=0) as activity:
            result = run(dataset, settings, limit=limit, on_progress=activity.update)
    except (InputError, ModelError, GazetteerError, ConfigError) as error:
        print_error(errors, error)
        sys.exit(2)
    if output_format == "json":
        click.echo(json.dumps(as_json(result), indent=2))
    else:
        as_table(result, Console(width=table_width(sys.stdout)))
    return result


@eval_group.command("quotes")
@eval_options("A PolNeAR split folder, holding text/ and attributions/ (brat standoff).", "texts")
def eval_quotes_command(**options: Any) -> None:
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
        unit="texts",
        **options,
    )


@eval_group.command("geoparsing")
@eval_options("GeoVirus.xml or TR-News.xml (the format is recognised from the file).", "articles")
def eval_geoparsing_command(**options: Any) -> None:
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
        unit="articles",
        **options,
    )


@eval_group.command("temporal")
@eval_options(
    "A folder of TimeML .tml files, searched recursively (e.g. TBAQ-cleaned).", "documents"
)
def eval_temporal_command(**options: Any) -> None:
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
        unit="documents",
        **options,
    )


@eval_group.command("5w1h")
@eval_options("A folder of Giveme5W1H article files (*.json).", "articles")
def eval_main_event_command(**options: Any) -> None:
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
        unit="articles",
        **options,
    )


@eval_group.command("events")
@eval_options(
    "WikiEvents dev.jsonl (dev.coref.jsonlines beside it) or RAMS *.jsonlines; a folder is "
    "read as its dev split.",
    "texts",
)
@click.option(
    "--misses",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every gold event not found and argument not hit here, one JSON a line.",
)
def eval_events_command(misses: Path | None, **options: Any) -> None:
    """Score events (triggers, types, actor, target and place) on WikiEvents or RAMS.

    A gold event is found when a tidings trigger overlaps it; types are mapped to PLOVER
    (tidings/data/evaluation/events.toml). Prints trigger recall (all types and those with a
    PLOVER counterpart), type accuracy, per-field precision, recall and F1 on found events,
    Arg-C (the fields pooled) beside published systems given the gold triggers, and the lost
    arguments counted by kind. See docs/quality.md.

    \b
    Examples:
      tidings eval events --dataset ../shared/eval/events/wikievents/dev.jsonl
      tidings eval events --dataset ../shared/eval/events/rams/dev.jsonlines --limit 200
      tidings eval events --dataset ../shared/eval/events/rams --misses rams-misses.jsonl
    """
    result = _evaluate(
        evaluate_events,
        event_evaluation_json,
        print_event_evaluation,
        unit="texts",
        **options,
    )
    if misses is not None:
        count = write_misses(result, misses)
        stderr_console().print(f"{count} misses written to {misses}")
