"""A fake of the geocoder, for extractor tests that do not test places.

:class:`FakeGeocoder` has :class:`tidings.geo.geocoder.Geocoder`'s interface (``candidates``,
``country_place``, ``demonym``, ``resolve``) over a table written in the test: each name it
knows is the one place it was given, every other name is unknown, and it neither scores nor
disambiguates. Use it where places only have to be there (an event's place, the main event's
"where") and what is tested is something else; a test that asserts which place a name is
must use a real gazetteer (the ``gazetteer`` fixture, or ``full_gazetteer``).

It is held to the real geocoder in tests/test_places.py: same methods, same signatures, and
for a place from the real gazetteer the same Place as the real geocoder gives for it alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from tidings.geo.gazetteer import Candidate
from tidings.geo.geocoder import Toponym, resolved_place, unresolved_place
from tidings.geo.schema import ascii_name, name_key
from tidings.model import Place

__all__ = ["UNKNOWN", "FakeGeocoder", "candidate"]

UNKNOWN = "not known to the fake geocoder"


def candidate(
    name: str,
    country: str,
    latitude: float,
    longitude: float,
    *,
    feature: str = "P.PPL",
    region: str = "",
    population: int = 0,
    geonameid: int = 0,
) -> Candidate:
    """A gazetteer row written by hand (``geonameid`` 0: none, as for tidings' own places)."""
    feature_class, feature_code = feature.split(".")
    return Candidate(
        geonameid=geonameid,
        name=name,
        ascii_name=ascii_name(name),
        latitude=latitude,
        longitude=longitude,
        feature_class=feature_class,
        feature_code=feature_code,
        country=country,
        admin1="",
        population=population,
        region=region,
    )


class FakeGeocoder:
    """The geocoder's interface over a fixed table: name -> the one place it means."""

    def __init__(
        self, places: Mapping[str, Candidate], demonyms: Mapping[str, str] | None = None
    ) -> None:
        self._places = {name_key(name): candidate for name, candidate in places.items()}
        self._demonyms = {name_key(word): iso2 for word, iso2 in (demonyms or {}).items()}

    def candidates(self, name: str) -> list[Candidate]:
        found = self._places.get(name_key(name))
        return [found] if found else []

    def country_place(self, iso2: str) -> Candidate | None:
        return next(
            (c for c in self._places.values() if c.country == iso2 and c.feature_code == "PCLI"),
            None,
        )

    def demonym(self, word: str) -> str | None:
        return self._demonyms.get(name_key(word))

    def resolve(
        self, toponyms: Sequence[Toponym], demonyms: Iterable[str] = ()
    ) -> tuple[Place, ...]:
        return tuple(self._place(toponym) for toponym in toponyms)

    def _place(self, toponym: Toponym) -> Place:
        found = self._places.get(name_key(toponym.text))
        if found is None:
            return unresolved_place(toponym, UNKNOWN)
        return resolved_place(toponym, found, 1.0)
