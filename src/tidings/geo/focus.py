"""The article's focus: which places it is about, ranked, for maps and filters.

Every resolved mention scores for its place by where it is (the caller weighs positions: the
headline and lead count more), half as much when the mention is metonymic ("Beijing said"),
scaled by the resolution's confidence. A demonym ("North Korean soldiers") scores for its
country as a mention would. A country also gains half the score of every place inside it, so
an article about Panmunjom is about South Korea too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tidings.geo.gazetteer import Candidate
from tidings.model import Focus, Place, Precision

__all__ = ["rank_focus"]

METONYMY_WEIGHT = 0.5
ROLL_UP = 0.5
DEMONYM_WEIGHT = 1.0
MAX_FOCUS = 5


@dataclass(slots=True)
class _Tally:
    name: str
    geonameid: int | None
    country: str | None
    lat: float
    lon: float
    precision: Precision
    score: float = 0.0
    mentions: int = 0


def rank_focus(
    places: Sequence[Place],
    demonyms: Sequence[tuple[int, str]],
    weight_at: Callable[[int], float],
    country_place: Callable[[str], Candidate | None],
    limit: int = MAX_FOCUS,
) -> tuple[Focus, ...]:
    """The top ``limit`` places, best first. ``demonyms`` are (offset, ISO alpha-2) of the
    demonym mentions; ``weight_at(offset)`` is what a mention there is worth;
    ``country_place`` gives a country's own place (to credit countries not named)."""
    tallies: dict[tuple[str, float, float], _Tally] = {}
    for place in places:
        if place.lat is None or place.lon is None or place.precision is None:
            continue
        weight = weight_at(place.start)
        if place.metonymic:
            weight *= METONYMY_WEIGHT
        weight *= max(place.confidence, 0.1)
        tally = tallies.setdefault(
            (place.name, place.lat, place.lon),
            _Tally(
                place.name, place.geonameid, place.country, place.lat, place.lon, place.precision
            ),
        )
        tally.score += weight
        tally.mentions += 1
    for start, iso2 in demonyms:
        country = _country_tally(tallies, iso2, country_place)
        if country is not None:
            country.score += DEMONYM_WEIGHT * weight_at(start)
    for tally in list(tallies.values()):
        if tally.precision in ("country", "continent") or not tally.country:
            continue
        country = _country_tally(tallies, tally.country, country_place)
        if country is not None:
            country.score += ROLL_UP * tally.score
    ranked = sorted(
        (t for t in tallies.values() if t.score > 0),
        key=lambda t: (-t.score, t.name),
    )
    return tuple(
        Focus(
            name=t.name,
            geonameid=t.geonameid,
            country=t.country,
            lat=t.lat,
            lon=t.lon,
            precision=t.precision,
            score=round(t.score, 2),
            mentions=t.mentions,
        )
        for t in ranked[:limit]
    )


def _country_tally(
    tallies: dict[tuple[str, float, float], _Tally],
    iso2: str,
    country_place: Callable[[str], Candidate | None],
) -> _Tally | None:
    for tally in tallies.values():
        if tally.precision == "country" and tally.country == iso2:
            return tally
    place = country_place(iso2)
    if place is None:
        return None
    key = (place.name, round(place.latitude, 5), round(place.longitude, 5))
    return tallies.setdefault(
        key,
        _Tally(
            place.name,
            place.geonameid if place.geonameid > 0 else None,
            iso2,
            round(place.latitude, 5),
            round(place.longitude, 5),
            "country",
        ),
    )
