"""Places: an offline gazetteer built from GeoNames and ISO 3166 data, with GeoNames imports.

::

    from tidings.geo import Gazetteer, build_gazetteer, import_geonames

    build_gazetteer(path)                  # once: cities500, countries, subdivisions
    import_geonames("KP.zip", path)        # optional: a full GeoNames dump or country file
    Gazetteer(path).lookup("Panmunjom")
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
