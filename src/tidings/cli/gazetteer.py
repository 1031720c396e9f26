"""``tidings gazetteer``: build, import into and describe the offline place index."""

from __future__ import annotations

import sys
from dataclasses import replace
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
from tidings.geo.dumps import DumpLimits, format_size, parse_size
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
        sys.exit(2)
    click.echo(
        f"{path}: {result['places']:,} places, {result['names']:,} names, "
        f"{result['bytes'] / 2**20:.1f} MiB in {result['seconds']:.1f} s"
    )


class Size(click.ParamType[int, object]):
    """A size in bytes written for people: ``4G``, ``500M``, ``64K`` or a number of bytes."""

    name = "size"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a size such as 4G, 500M or 1000000", param, ctx)


DEFAULTS = DumpLimits()


@gazetteer_group.command("import")
@click.argument("dump", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE")
@click.option(
    "--max-unpacked",
    type=Size(),
    default=format_size(DEFAULTS.max_unpacked).replace(" ", ""),
    show_default=True,
    metavar="SIZE",
    help="Largest zip member unpacked (allCountries.txt is about 1.6G).",
)
@click.option(
    "--max-ratio",
    type=click.IntRange(min=1),
    default=DEFAULTS.max_ratio,
    show_default=True,
    metavar="N",
    help="How many times its packed size a zip member may unpack to (GeoNames' zips: 4 to 10).",
)
@gazetteer_options
def gazetteer_import_command(
    dump: Path,
    max_unpacked: int,
    max_ratio: int,
    gazetteer_path: Path | None,
    config: Path | None,
) -> None:
    """Add the places of a GeoNames dump (allCountries.zip, KP.zip, cities500.zip or .txt).

    The places go into the full index: one that does not exist yet is built first (about
    20 s). Re-importing a file updates its places without duplicating them; a bad file
    (damaged, not GeoNames, a zip bomb) changes nothing.

    \b
    Examples:
      tidings gazetteer import KP.zip
      tidings gazetteer import allCountries.zip --path ./places.sqlite
      tidings gazetteer import huge.zip --max-unpacked 8G
    """
    path = _gazetteer_path(gazetteer_path, config)
    errors = stderr_console()
    limits = replace(DEFAULTS, max_unpacked=max_unpacked, max_ratio=max_ratio)

    def building(target: Path) -> None:
        errors.print(f"building the offline gazetteer at {target} (once, about 20 s)")

    try:
        with Activity(errors, f"importing {dump.name}, lines read", rate=True) as activity:
            result = import_geonames(
                dump, path, limits=limits, on_progress=activity.update, on_build=building
            )
    except GazetteerError as error:
        print_error(errors, error)
        sys.exit(2)
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
        sys.exit(2)
    for key, value in info.items():
        click.echo(f"{key}: {value:,}" if isinstance(value, int) else f"{key}: {value}")
