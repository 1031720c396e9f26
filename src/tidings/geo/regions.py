"""First-level divisions: countrystatecity's states as places, and ISO 3166-2 region codes.

A place's *region* is the ISO 3166-2 code of the first-level division it lies in (``US-CA``,
``KP-01``): the level GeoNames' admin1 codes name. Where ISO 3166-2 has two levels
(pycountry's ``parent_code``) that is usually the upper one (French regions, English and
Scottish "countries"), but for a few countries the upper level is geographical and GeoNames'
admin1 is the lower one (Indonesian provinces, not islands): :func:`region_levels` tells them
apart by how many admin1 codes GeoNames has.

GeoNames admin1 codes are mapped to ISO 3166-2 by vote (:func:`admin1_votes`): every
cities500 city is matched to the countrystatecity city of the same country and name within
20 km, whose division is known; an admin1 code takes the division that at least 60% of its
matched cities (and two or more) lie in, or the division of its only city. US admin1 codes
are postal codes and map directly (``CA`` -> ``US-CA``).

Each countrystatecity state with coordinates becomes a place (its population estimated by the
builder from the cities in its region) with the id ``-(1_000_000 + state id)``: ids below
zero are tidings' own, never GeoNames'. It is named by its countrystatecity name, its ISO
3166-2 name(s) (``Bayern``, ``Gyeonggi-do``) and both without a generic word (``Gyeonggi``,
``Guangdong`` from ``Guangdong Sheng``), plus the abbreviations of
:data:`~tidings.geo.aliases.STATE_ABBREVIATIONS`. countrystatecity's ``native`` names are
not used: many of its Latin-script ones are machine translations (Lusaka's is "Saturday",
Alaska's "Down").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from tidings.geo.aliases import GENERIC_PREFIXES, GENERIC_SUFFIXES, NOT_DIVISION_NAMES
from tidings.geo.schema import name_key
from tidings.geo.sources import State, StateCity

__all__ = [
    "DIVISION_ID_OFFSET",
    "Division",
    "Votes",
    "admin1_votes",
    "division_id",
    "divisions",
    "region_levels",
]

DIVISION_ID_OFFSET = 1_000_000
NEAR_KM = 20.0
MAJORITY = 0.6


def division_id(state_id: int) -> int:
    """The (negative) place id of countrystatecity state ``state_id``."""
    return -(DIVISION_ID_OFFSET + state_id)


@dataclass(frozen=True, slots=True, kw_only=True)
class Division:
    """A first- or second-level division as a place row and its alternate name keys."""

    geonameid: int
    name: str
    latitude: float
    longitude: float
    feature_code: str  # ADM1, or ADM2 below an ISO 3166-2 first-level division
    country: str
    region: str
    names: frozenset[str] = field(default_factory=frozenset)


@dataclass(slots=True)
class Votes:
    """Per (country, GeoNames admin1 code): cities seen, and the divisions they matched."""

    cities: Counter[tuple[str, str]] = field(default_factory=Counter)
    leaf: defaultdict[tuple[str, str], Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )

    def regions(
        self, parents: dict[str, str | None], leaf_countries: set[str]
    ) -> dict[tuple[str, str], str]:
        """(country, admin1) -> ISO 3166-2 region, where the vote is clear.

        Votes go to the upper ISO level unless the country is one of ``leaf_countries``.
        """
        mapping: dict[tuple[str, str], str] = {}
        for key, counts in self.leaf.items():
            if key[0] not in leaf_countries:
                upper: Counter[str] = Counter()
                for code, count in counts.items():
                    upper[_top(code, parents)] += count
                counts = upper
            chosen = _majority(counts, self.cities[key])
            if chosen:
                mapping[key] = chosen
        return mapping


def region_levels(votes: Votes, parents: dict[str, str | None]) -> set[str]:
    """Countries whose GeoNames admin1 codes are ISO 3166-2's lower level, not its upper one.

    That is, countries with two ISO levels whose number of admin1 codes (in cities500) is
    closer to the number of lowest divisions than to the number of upper ones: Indonesia's
    38 provinces under 7 islands, the Dominican Republic's 32 provinces under 10 regions.
    """
    admin1 = Counter(country for country, _ in votes.cities)
    upper: Counter[str] = Counter()
    lowest: Counter[str] = Counter()
    above = {parent for parent in parents.values() if parent}
    for code, parent in parents.items():
        if not parent:
            upper[code[:2]] += 1
        if code not in above:
            lowest[code[:2]] += 1
    return {
        country
        for country, count in admin1.items()
        if upper[country] != lowest[country]
        and abs(count - lowest[country]) < abs(count - upper[country])
    }


def admin1_votes(
    cities: Iterable[tuple[str, str, float, float, tuple[str, ...]]],
    state_cities: Iterable[StateCity],
) -> Votes:
    """Match GeoNames cities to countrystatecity cities and count their divisions.

    ``cities`` are (country, admin1 code, latitude, longitude, name keys): the main name's
    key first, then its alternate names', tried only when the main name matches nothing.
    """
    index: defaultdict[tuple[str, str], list[StateCity]] = defaultdict(list)
    for city in state_cities:
        index[(city.country, name_key(city.name))].append(city)
    votes = Votes()
    for country, admin1, latitude, longitude, keys in cities:
        if not admin1 or country == "US" or not keys:
            continue
        key = (country, admin1)
        votes.cities[key] += 1
        found = _nearby(index, country, latitude, longitude, keys[:1])
        if not found:
            found = _nearby(index, country, latitude, longitude, keys[1:])
        if len(found) == 1:
            votes.leaf[key][found.pop()] += 1
    return votes


def divisions(
    states: Iterable[State],
    parents: dict[str, str | None],
    iso_names: dict[str, str],
    leaf_countries: set[str],
) -> Iterator[Division]:
    """Every state with coordinates as a place; ``iso_names`` are ISO 3166-2 names by code."""
    for state in states:
        if state.latitude is None or state.longitude is None:
            continue
        code = state.code if state.code[:3] == f"{state.country}-" else ""
        region = code
        if code and state.country not in leaf_countries:
            region = _top(code, parents)
        main = name_key(state.name)
        keys = {main, *_without_generic_words(main)}
        for written in _iso_names(iso_names.get(code, "")):
            key = name_key(written)
            keys |= {key, *_without_generic_words(key)}
        keys.discard("")
        keys.discard(main)
        yield Division(
            geonameid=division_id(state.id),
            name=state.name,
            latitude=state.latitude,
            longitude=state.longitude,
            feature_code="ADM1" if region == code else "ADM2",
            country=state.country,
            region=region,
            names=frozenset(keys),
        )


def _nearby(
    index: dict[tuple[str, str], list[StateCity]],
    country: str,
    latitude: float,
    longitude: float,
    keys: Iterable[str],
) -> set[str]:
    """The divisions of the indexed cities called ``keys`` within 20 km of the point."""
    scale = math.cos(math.radians(latitude))
    found: set[str] = set()
    for key in keys:
        for match in index.get((country, key), ()):
            north = (match.latitude - latitude) * 111.2
            east = (match.longitude - longitude) * 111.2 * scale
            if north * north + east * east <= NEAR_KM * NEAR_KM:
                found.add(match.code)
    return found


def _majority(counts: Counter[str], cities: int) -> str | None:
    if not counts:
        return None
    ((code, top),) = counts.most_common(1)
    total = sum(counts.values())
    if (top >= 2 and top >= MAJORITY * total) or (total == 1 and cities == 1):
        return code
    return None


def _top(code: str, parents: dict[str, str | None]) -> str:
    for _ in range(4):  # ISO 3166-2 has at most three levels
        parent = parents.get(code)
        if not parent:
            break
        code = parent
    return code


def _iso_names(name: str) -> list[str]:
    """``Catalunya [Cataluña]`` -> both names; ISO writes alternatives in brackets."""
    return [part.strip() for part in re.split(r"[\[\]]", name) if part.strip()]


def _without_generic_words(key: str) -> list[str]:
    """``gyeonggi do`` -> ``gyeonggi``; nothing when what is left is no name on its own."""
    found = []
    for suffix in GENERIC_SUFFIXES:
        if key.endswith(f" {suffix}"):
            found.append(key[: -len(suffix) - 1])
            break
    for prefix in GENERIC_PREFIXES:
        if key.startswith(f"{prefix} "):
            found.append(key[len(prefix) + 1 :])
            break
    return [rest for rest in found if len(rest) >= 3 and rest not in NOT_DIVISION_NAMES]
