"""The tests' small gazetteer: real places, compiled by tidings' own builder from a subset.

``fixtures/small-gazetteer.json`` holds a subset of the records the data packages ship (the
ones :mod:`tidings.geo.sources` reads), chosen by :func:`choose` with the builder's own
functions:

- every cities500 city one of whose names (main or alternate) is on :data:`NAMES`, so that a
  name on the list finds the same cities here as in the full gazetteer;
- for the countries whose admin1 level the builder decides by counting admin1 codes
  (:func:`tidings.geo.regions.region_levels`: Indonesia, the Dominican Republic ...) and those
  on :data:`WHOLE_COUNTRIES`, the most populous city of every admin1 code;
- more cities, most populous first, of any admin1 code the build would otherwise map to
  another region than the full build does (it maps a code by a majority of its cities'
  votes: :func:`tidings.geo.regions.admin1_votes`);
- every countrystatecity division a name on :data:`NAMES` names, the first-level division
  each chosen city lies in, and the divisions of the countrystatecity cities that vote on the
  chosen cities' regions (the same country and one of their names), with those cities.

Countries, continents, US states and the country facts are read whole from the packages (they
are small), as is pycountry's ISO 3166-2 list. The builder's own code does the rest:
``build_gazetteer(path, data=SmallSources.from_fixture())``. That makes some 2,300 places
(1,360 cities, 620 divisions, the 251 countries, the continents and tidings' own areas) in a
1.6 MB file, built in under half a second.

The builder estimates a division's population from the cities in its region, most of which
the small gazetteer leaves out; so the fixture also holds the populations the full build gives
the divisions kept, and :func:`build_small` writes them over the small build's estimates. Then
every row of the small gazetteer is a row of the full one, and a name on :data:`NAMES` finds the
same places in the same order in both: the ``full_gazetteer`` test holds the two to that
(:func:`differences`).

Regenerate after changing :data:`NAMES` or upgrading a data package (about 40 s)::

    .venv/bin/python tests/small_gazetteer.py
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

from tidings.geo import build_gazetteer, name_key, sources
from tidings.geo.builder import _name_keys, _regions
from tidings.geo.regions import DIVISION_ID_OFFSET, admin1_votes, division_id, divisions
from tidings.geo.sources import CountryFacts, State, StateCity

FIXTURE = Path(__file__).parent / "fixtures" / "small-gazetteer.json"

# The packages' readers, kept before any test stands SmallSources in for them.
_PACKAGE_GEONAMES_DATA = sources.geonames_data
_PACKAGE_COUNTRY_FACTS = sources.country_facts

# The places the tests name: in the gazetteer tests, in texts they analyse and resolve, and in
# the bundled Wikinews sample's articles that tests look at.
NAMES = (
    # Korea and its neighbours (the reference article)
    "Pyongyang", "Seoul", "Busan", "Kaesong", "Tumen", "Beijing", "Shanghai", "Moscow", "Hanoi",
    "Vientiane", "Bangkok", "Tokyo", "Gyeonggi", "Gyeonggi-do",
    # Europe
    "Paris", "Lyon", "Marseille", "London", "Heathrow", "Edinburgh", "Zürich", "Geneva", "Berlin",
    "Munich", "Bayern", "Rome", "Milan", "Madrid", "Barcelona", "Amsterdam", "Brussels", "Naples",
    "Gdańsk", "Koszalin", "Vienna", "Warsaw", "Kyiv", "Kiev", "Istanbul", "Ankara", "Athens",
    "Lisbon", "Dublin", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Prague", "Budapest",
    "Tbilisi", "Batumi", "Scotland", "England", "Wales", "Île-de-France",
    # the Americas
    "Washington", "New York", "Los Angeles", "San Francisco", "Sacramento", "Chicago", "Atlanta",
    "Savannah", "Louisville", "Olympia", "Seattle", "Boston", "Miami", "Houston", "Dallas",
    "Springfield", "Lima", "Mexico City", "Toronto", "Ottawa", "Montreal", "Vancouver", "Brasília",
    "São Paulo", "Rio de Janeiro", "Buenos Aires", "Santiago", "Bogotá", "Caracas", "Havana",
    "Santos", "California", "Kentucky", "Georgia", "Texas", "Massachusetts", "Florida",
    "West Virginia", "District of Columbia", "Rhode Island", "Virginia", "Ohio", "Illinois",
    "British Columbia", "Ontario", "Quebec", "Alberta", "Saskatchewan", "Manitoba", "Nova Scotia",
    # Asia, Oceania, Africa, the Middle East
    "Bandung", "Jakarta", "Java", "Manila", "Pandi", "Bulacan", "Delhi", "New Delhi", "Mumbai",
    "Kolkata", "Karachi", "Islamabad", "Kabul", "Tehran", "Baghdad", "Damascus", "Beirut",
    "Jerusalem", "Tel Aviv", "Gaza", "Cairo", "Riyadh", "Dubai", "Doha", "Nairobi", "Lagos",
    "Dhaka",
    "Abuja", "Johannesburg", "Cape Town", "Kampala", "Khartoum", "Addis Ababa", "Guangdong",
    "Hong Kong", "Taipei", "Sydney", "Melbourne", "Canberra", "Brisbane", "Perth", "Hobart",
    "Auckland", "Wellington", "New South Wales", "Queensland", "Victoria", "Tasmania", "Free State",
)  # fmt: skip

# Countries every admin1 code of which is mapped (the Korea sample's Panmunjom is KP admin1 13).
WHOLE_COUNTRIES = ("KP", "KR")


def choose() -> dict[str, Any]:
    """The subset of the packages' records the small gazetteer is built from."""
    import pycountry

    cities = sources.geonames_data("cities500.json")
    keys = {city["geonameid"]: _name_keys(city) for city in cities.values()}
    states = sources.states()
    parents = {record.code: record.parent_code for record in pycountry.subdivisions}
    us_states = sources.geonames_data("us_states.json")
    full, leaf_countries = _regions(sources, cities, keys, states, parents, us_states)
    codes = {state.id: state.code for state in states if state.code}
    voters: defaultdict[tuple[str, str], list[tuple[int, StateCity]]] = defaultdict(list)
    for city in sources.state_cities({state.id: str(state.id) for state in states}):
        state = int(city.code)  # asked for by id, to keep each city's division
        if state in codes:
            real = StateCity(name=city.name, country=city.country, code=codes[state],
                             latitude=city.latitude, longitude=city.longitude)  # fmt: skip
            voters[(city.country, name_key(city.name))].append((state, real))
    by_admin1: defaultdict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in sorted(cities.values(), key=lambda city: -city["population"]):
        by_admin1[(city["countrycode"], city["admin1code"] or "")].append(city)
    iso_names = {record.code: record.name for record in pycountry.subdivisions}
    every_division = {
        -division.geonameid - DIVISION_ID_OFFSET: division
        for division in divisions(states, parents, iso_names, leaf_countries)
    }

    def votes_for(city: dict[str, Any]) -> list[tuple[int, StateCity]]:
        country = city["countrycode"]
        return [vote for key in keys[city["geonameid"]] for vote in voters.get((country, key), ())]

    def decided(key: tuple[str, str], members: list[dict[str, Any]]) -> str | None:
        """The region the build maps admin1 ``key`` to, given these of its cities."""
        rows = [(*key, c["latitude"], c["longitude"], keys[c["geonameid"]]) for c in members]
        near = [vote for city in members for _, vote in votes_for(city)]
        return admin1_votes(rows, near).regions(parents, leaf_countries).get(key)

    wanted = {name_key(name) for name in NAMES}
    chosen = {number for number, found in keys.items() if wanted.intersection(found)}
    for (country, _), members in by_admin1.items():
        if country in leaf_countries or country in WHOLE_COUNTRIES:
            chosen.add(members[0]["geonameid"])
    named = {
        state
        for state, division in every_division.items()
        if wanted.intersection({name_key(division.name), *division.names})
    }
    # Add cities (most populous first) to every admin1 code the small build must map as the
    # full one does: those of its cities, and those of the regions of its divisions.
    while True:
        subset = [city for city in cities.values() if city["geonameid"] in chosen]
        admin1 = {(city["countrycode"], city["admin1code"] or "") for city in subset}
        kept = named | {state for city in subset for state, _ in votes_for(city)}
        kept |= {
            state
            for state, division in every_division.items()
            if division.feature_code == "ADM1" and division.region in {full.get(k) for k in admin1}
        }
        lying_in = {every_division[state].region for state in kept if state in every_division}
        needed = {key for key in admin1 if key[1]}
        needed |= {key for key, region in full.items() if region in lying_in}
        added = False
        for key in sorted(needed - {key for key in needed if key[0] == "US"}):
            members = [c for c in by_admin1[key] if c["geonameid"] in chosen]
            others = [c for c in by_admin1[key] if c["geonameid"] not in chosen]
            while decided(key, members) != full.get(key) and others:
                members.append(others.pop(0))
                chosen.add(members[-1]["geonameid"])
                added = True
        if not added:
            break

    return {
        "about": "A subset of the data packages' records for the tests' small gazetteer; "
        "written by tests/small_gazetteer.py, which says how it is chosen.",
        "cities500": {key: city for key, city in cities.items() if city["geonameid"] in chosen},
        "states": [_state_record(state) for state in states if state.id in kept],
        "state_cities": sorted(
            {
                (vote.name, vote.country, state, vote.latitude, vote.longitude): None
                for city in subset
                for state, vote in votes_for(city)
            }
        ),
    }


class SmallSources:
    """:class:`tidings.geo.builder.Sources` over the fixture: the packages' own records, fewer."""

    def __init__(
        self, cities: dict[str, Any], states: list[State], voters: list[list[Any]]
    ) -> None:
        self._cities, self._states, self._voters = cities, states, voters

    @classmethod
    def from_fixture(cls, data: dict[str, Any] | None = None) -> SmallSources:
        """Over ``data`` as read from the fixture file (read now if not given)."""
        data = data or json.loads(FIXTURE.read_text(encoding="utf-8"))
        states = [State(**state) for state in data["states"]]
        return cls(data["cities500"], states, data["state_cities"])

    def geonames_data(self, name: str) -> Any:
        return self._cities if name == "cities500.json" else _PACKAGE_GEONAMES_DATA(name)

    def states(self) -> list[State]:
        return list(self._states)

    def state_cities(self, codes: dict[int, str]) -> Iterator[StateCity]:
        """As :func:`tidings.geo.sources.state_cities`: those whose division has a code."""
        for name, country, state, latitude, longitude in self._voters:
            code = codes.get(state)
            if code:
                yield StateCity(
                    name=name, country=country, code=code, latitude=latitude, longitude=longitude
                )

    def country_facts(self) -> dict[str, CountryFacts]:
        return _PACKAGE_COUNTRY_FACTS()


def _state_record(state: State) -> dict[str, Any]:
    return {name: getattr(state, name) for name in State.__slots__}


def build_small(path: Path, fixture: Path = FIXTURE) -> Path:
    """The small gazetteer at ``path``: :func:`tidings.geo.build_gazetteer` over the fixture's
    records, then its divisions given the populations the full build estimates for them."""
    data = json.loads(fixture.read_text(encoding="utf-8"))
    build_gazetteer(path, data=SmallSources.from_fixture(data))
    with closing(sqlite3.connect(path)) as db, db:
        db.executemany(
            "UPDATE places SET population = ? WHERE geonameid = ?",
            [(people, int(place)) for place, people in data["division_populations"].items()],
        )
    return path


# --- how the small gazetteer stands to the full one --------------------------------------------

_WHOLE_TABLES = ("countries", "country_names", "demonyms", "subdivisions", "subdivision_names")


def differences(small: Path, full: Path) -> list[str]:
    """How the small gazetteer differs from the full one, beyond holding fewer places: [] when
    every place, name and admin1 row of it is the full gazetteer's, the tables of countries
    and ISO subdivisions are whole, and every name on :data:`NAMES` names the same places."""
    found: list[str] = []
    with closing(sqlite3.connect(small)) as db:
        db.execute("ATTACH DATABASE ? AS full", (str(full),))
        queries = {
            f"{table} rows not in the full gazetteer": (
                f"SELECT * FROM main.{table} EXCEPT SELECT * FROM full.{table}"
            )
            for table in ("places", "names", "admin1")
        }
        for table in _WHOLE_TABLES:
            queries[f"{table} rows that differ"] = (
                f"SELECT * FROM (SELECT * FROM main.{table} EXCEPT SELECT * FROM full.{table}) "
                f"UNION ALL SELECT * FROM (SELECT * FROM full.{table} "
                f"EXCEPT SELECT * FROM main.{table})"
            )
        for what, sql in queries.items():
            rows = db.execute(sql).fetchall()
            if rows:
                found.append(f"{len(rows)} {what}, such as {rows[:3]}")
        for name in NAMES:
            here, there = (
                {row[0] for row in db.execute(sql, (name_key(name),))}
                for sql in (
                    "SELECT geonameid FROM main.names WHERE key = ?",
                    "SELECT geonameid FROM full.names WHERE key = ?",
                )
            )
            if here != there:
                found.append(f"{name!r} names {len(here)} places here, {len(there)} in full")
    return found


def main() -> int:
    """Write the fixture from the packages and a full build, build the small gazetteer from
    it, and compare the two."""
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "full.sqlite"
        build_gazetteer(full)
        data = choose()
        with closing(sqlite3.connect(full)) as db:
            data["division_populations"] = {
                str(place): people
                for state in data["states"]
                for place, people in db.execute(
                    "SELECT geonameid, population FROM places WHERE geonameid = ?",
                    (division_id(state["id"]),),
                )
            }
        FIXTURE.write_text(
            json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        small = build_small(Path(folder) / "small.sqlite")
        with closing(sqlite3.connect(small)) as db:
            places = db.execute("SELECT count(*) FROM places").fetchone()[0]
        print(f"{FIXTURE}: {FIXTURE.stat().st_size:,} bytes, {places:,} places")
        problems = differences(small, full)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
