"""Add places from a GeoNames dump to the gazetteer: villages, rivers, mountains, zones.

Reads GeoNames' "geoname" table format, plain ``.txt`` or zipped (``allCountries.zip``, a
country file such as ``KP.zip``, ``cities500.zip``): UTF-8, one feature per line, 19
tab-separated columns::

    geonameid  name  asciiname  alternatenames  latitude  longitude  feature class
    feature code  country code  cc2  admin1 code  admin2 code  admin3 code  admin4 code
    population  elevation  dem  timezone  modification date

Rows are upserted by geonameid (their names replaced), so importing a file twice changes
nothing; a country's row (``allCountries.zip`` has them) takes GeoNames' point and keeps the
names tidings knows the country by ("U.S.", "Burma"); a first-level division's row replaces the
bundled one of the same region and takes over its names ("Ky."). Each row's ``region`` (ISO
3166-2) comes from the gazetteer's ``admin1`` table: the region its GeoNames admin1 code maps
to, '' where the code is not mapped. An import always adds to the full index: a gazetteer
that does not exist yet is built from the bundled data first.

The file is read in chunks by :mod:`tidings.geo.dumps`, which refuses zip bombs, over-long
lines, runs of blank lines, binary data and damaged zips. The whole file goes in one
transaction: a corrupt or wrong-format line, or a zip that turns out damaged halfway, raises
:class:`~tidings.errors.GazetteerError` naming the file (and the line), and the gazetteer is
left as it was; an import that is killed midway is rolled back by SQLite and can be re-run.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tidings.errors import GazetteerError
from tidings.geo.builder import build_gazetteer
from tidings.geo.dumps import DumpLimits, dump_lines
from tidings.geo.schema import SCHEMA_VERSION, ascii_name, name_key

__all__ = ["DumpLimits", "ImportResult", "import_geonames"]

COLUMNS = 19
FEATURE_CLASSES = frozenset("AHLPRSTUV")
BATCH = 5_000
PROGRESS_EVERY = 50_000


@dataclass(frozen=True, slots=True, kw_only=True)
class ImportResult:
    """What an import did: ``places`` rows read and upserted, in ``seconds``."""

    path: Path
    places: int
    seconds: float


N = TypeVar("N", int, float)
Row = tuple[int, str, str, float, float, str, str, str, str, int, str]


def import_geonames(
    dump: Path | str,
    gazetteer_path: Path | str,
    *,
    limits: DumpLimits | None = None,
    on_progress: Callable[[int], None] | None = None,
    on_build: Callable[[Path], None] | None = None,
) -> ImportResult:
    """Upsert every feature of the GeoNames file ``dump`` into the gazetteer at ``gazetteer_path``.

    A gazetteer that does not exist yet is built first from the bundled data (its folder made,
    about 20 s; ``on_build`` hears of it beforehand), so an import always adds to the full
    index. The dump is opened, and a zip's member checked against ``limits``, before that.
    ``on_progress`` is called with the number of lines read, every 50,000 lines.
    """
    source = Path(dump)
    target = Path(gazetteer_path)
    started = time.perf_counter()
    with dump_lines(source, limits) as lines:
        if not target.exists():
            if on_build is not None:
                on_build(target)
            build_gazetteer(target)
        count = _upsert(lines, source, target, on_progress)
    return ImportResult(path=source, places=count, seconds=time.perf_counter() - started)


def _upsert(
    lines: Iterator[tuple[int, bytes]],
    source: Path,
    target: Path,
    on_progress: Callable[[int], None] | None,
) -> int:
    """Write the dump's rows in one transaction, rolled back if anything fails."""
    try:
        db = sqlite3.connect(target, isolation_level=None)
    except sqlite3.DatabaseError as error:
        raise GazetteerError(f"{target}: cannot open the gazetteer ({error})") from None
    try:
        db.execute("BEGIN IMMEDIATE")
        _check_schema(db, target)
        regions = _regions(db)
        bundled = _bundled_divisions(db)
        count = 0
        reported = 0
        batch: list[tuple[Row, list[str]]] = []
        for number, raw in lines:
            batch.append(_parse(raw, source, number, regions))
            count += 1
            if len(batch) >= BATCH:
                _write(db, batch, bundled)
                batch.clear()
            if on_progress and number >= reported + PROGRESS_EVERY:
                reported = number - number % PROGRESS_EVERY
                on_progress(number)
        if count == 0:
            raise GazetteerError(f"{source}: no GeoNames rows in it")
        _write(db, batch, bundled)
        db.execute("COMMIT")
    except BaseException as error:
        if db.in_transaction:
            db.execute("ROLLBACK")
        db.close()
        if isinstance(error, sqlite3.DatabaseError):
            raise GazetteerError(f"{target}: import of {source} failed ({error})") from None
        raise
    db.close()
    return count


def _check_schema(db: sqlite3.Connection, target: Path) -> None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except sqlite3.DatabaseError as error:
        raise GazetteerError(f"{target}: not a gazetteer ({error})") from None
    if row is None or row[0] != SCHEMA_VERSION:
        raise GazetteerError(f"{target}: gazetteer schema is not {SCHEMA_VERSION}; rebuild it")
    if db.execute("SELECT count(*) FROM countries").fetchone()[0] == 0:
        raise GazetteerError(  # made by an import alone, as earlier versions did
            f"{target}: holds no countries, only imported places; rebuild it with "
            "`tidings gazetteer build` and import your GeoNames files again"
        )


def _regions(db: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> ISO 3166-2 region, from the ``admin1`` table."""
    rows = db.execute("SELECT country, code, region FROM admin1 WHERE region != ''")
    return {(country, code): region for country, code, region in rows}


def _parse(
    raw: bytes, source: Path, number: int, regions: dict[tuple[str, str], str]
) -> tuple[Row, list[str]]:
    where = f"{source}: line {number}"
    try:
        line = raw.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        raise GazetteerError(f"{where}: not UTF-8 text; is this a GeoNames dump?") from None
    fields = (line.removeprefix("\ufeff") if number == 1 else line).split("\t")
    if len(fields) != COLUMNS:
        raise GazetteerError(
            f"{where}: expected {COLUMNS} tab-separated columns (GeoNames geoname format), "
            f"found {len(fields)}"
        )
    geonameid = _number(int, fields[0], "geonameid", where)
    latitude = _number(float, fields[4], "latitude", where)
    longitude = _number(float, fields[5], "longitude", where)
    population = _number(int, fields[14] or "0", "population", where)
    name, ascii_column, feature_class, country = fields[1], fields[2], fields[6], fields[8]
    if geonameid <= 0 or not name:
        raise GazetteerError(f"{where}: a geonameid and a name are required")
    for column, value in (("geonameid", geonameid), ("population", population)):
        if not 0 <= value < 2**63:  # SQLite's integers are 64-bit
            raise GazetteerError(f"{where}: {column} {value} is out of range")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise GazetteerError(f"{where}: coordinates {latitude}, {longitude} are out of range")
    if feature_class and feature_class not in FEATURE_CLASSES:
        raise GazetteerError(f"{where}: unknown feature class {feature_class!r}")
    if len(country) not in (0, 2):
        raise GazetteerError(f"{where}: country code {country!r} is not ISO alpha-2")
    country = country.upper()
    row: Row = (
        geonameid,
        name,
        ascii_column or ascii_name(name),
        latitude,
        longitude,
        feature_class,
        fields[7],
        country,
        fields[10],
        population,
        regions.get((country, fields[10]), ""),
    )
    alternates = [value for value in fields[3].split(",") if value]
    return row, alternates


def _number(kind: Callable[[str], N], text: str, column: str, where: str) -> N:
    try:
        return kind(text)
    except ValueError:
        raise GazetteerError(f"{where}: {column} {text!r} is not a number") from None


def _write(
    db: sqlite3.Connection, batch: list[tuple[Row, list[str]]], bundled: dict[str, list[int]]
) -> None:
    if not batch:
        return
    db.executemany("DELETE FROM names WHERE geonameid = ?", [(row[0],) for row, _ in batch])
    db.executemany(
        "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [row for row, _ in batch],
    )
    names: set[tuple[str, int, int]] = set()
    for row, alternates in batch:
        main = name_key(row[1])
        if main:
            names.add((main, row[0], 1))
        for alternate in (row[2], *alternates):
            key = name_key(alternate)
            if key and key != main:
                names.add((key, row[0], 0))
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", sorted(names))
    db.executemany(  # a country's row keeps the names tidings knows it by ("U.S.", "Burma")
        "INSERT OR IGNORE INTO names SELECT n.key, c.geonameid, 1 FROM country_names n "
        "JOIN countries c USING (iso2) WHERE c.geonameid = ?",
        [(row[0],) for row, _ in batch if row[6].startswith("PCL")],
    )
    _replace_bundled_divisions(db, [row for row, _ in batch if row[6] == "ADM1"], bundled)
    db.executemany(  # GeoNames' own ADM1 rows name their code; keep the region mapped
        "INSERT INTO admin1 VALUES (?, ?, ?, ?, '') ON CONFLICT (country, code) DO UPDATE "
        "SET name = excluded.name, geonameid = excluded.geonameid",
        [(row[7], row[8], row[1], row[0]) for row, _ in batch if row[6] == "ADM1" and row[8]],
    )


def _bundled_divisions(db: sqlite3.Connection) -> dict[str, list[int]]:
    """ISO region -> ids of the bundled first-level divisions (ids below zero) of it."""
    found: dict[str, list[int]] = {}
    for geonameid, region in db.execute(
        "SELECT geonameid, region FROM places "
        "WHERE geonameid < 0 AND feature_code = 'ADM1' AND region != ''"
    ):
        found.setdefault(region, []).append(geonameid)
    return found


def _replace_bundled_divisions(
    db: sqlite3.Connection, divisions: list[Row], bundled: dict[str, list[int]]
) -> None:
    """GeoNames' own row for a first-level division replaces the bundled one (an id below
    zero) of the same region, taking over its names ("Calif.", "Gyeonggi")."""
    for row in divisions:
        for old in bundled.pop(row[10], []) if row[10] else []:
            db.execute(
                "INSERT OR IGNORE INTO names SELECT key, ?, 0 FROM names WHERE geonameid = ?",
                (row[0], old),
            )
            db.execute("DELETE FROM names WHERE geonameid = ?", (old,))
            db.execute("DELETE FROM places WHERE geonameid = ?", (old,))
