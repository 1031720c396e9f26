"""``tidings gazetteer``: build, import into and describe the offline place index."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tidings.cli.app import (
    F,
    config_option,
    main,
    print_error,
    settings_from,
    stderr_console,
)
from tidings.errors import GazetteerError
from tidings.geo import Gazetteer, build_gazetteer, default_gazetteer_path, import_geonames
from tidings.output.progress import Activity


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
    settings = settings_from(config, gazetteer_path=gazetteer_path)
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
    errors = stderr_console()
    try:
        with Activity(errors, "building the gazetteer"):
            result = build_gazetteer(path)
    except GazetteerError as error:
        print_error(errors, error)
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
    errors = stderr_console()
    try:
        with Activity(errors, f"importing {dump.name}, lines read") as activity:
            result = import_geonames(dump, path, on_progress=activity.update)
    except GazetteerError as error:
        print_error(errors, error)
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
        print_error(stderr_console(), error)
        sys.exit(1)
    for key, value in info.items():
        click.echo(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
