"""Hand-written areas none of the data packages has: oceans and seas, world regions, islands,
and regions within countries that news names often ("the Middle East", "Darfur", "Java").

Each is a place with a representative point (approximate centres, as atlases give them),
GeoNames' feature class and code (``L.RGN`` region, ``H.OCN`` ocean, ``H.SEA`` sea, ``T.ISL``
island), its country (empty for areas across borders) and a notional population that ranks it
above the small towns named after it (Middle East, Maryland; Pacific, Missouri). Ids are
tidings' own, ``-(2_000_000 + position)``: append new entries at the end so ids stay stable.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AREAS", "AREA_ID_OFFSET", "Area", "area_id"]

AREA_ID_OFFSET = 2_000_000
WORLD_REGION = 50_000_000  # notional population of an area across borders
NATIONAL_REGION = 2_000_000  # ... of an area within one country


@dataclass(frozen=True, slots=True)
class Area:
    name: str
    latitude: float
    longitude: float
    feature: str  # GeoNames class.code
    country: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def population(self) -> int:
        return NATIONAL_REGION if self.country else WORLD_REGION


def area_id(position: int) -> int:
    """The (negative) place id of ``AREAS[position]``."""
    return -(AREA_ID_OFFSET + position)


AREAS: tuple[Area, ...] = (
    Area("Middle East", 29.0, 41.0, "L.RGN", aliases=("Mideast",)),
    Area("Pacific Ocean", 0.0, -160.0, "H.OCN", aliases=("Pacific",)),
    Area("South Pacific", -20.0, -140.0, "H.OCN"),
    Area("Atlantic Ocean", 0.0, -25.0, "H.OCN", aliases=("Atlantic",)),
    Area("Indian Ocean", -20.0, 80.0, "H.OCN"),
    Area("Arctic Ocean", 85.0, 0.0, "H.OCN", aliases=("Arctic",)),
    Area("Southern Ocean", -60.0, 90.0, "H.OCN"),
    Area("Mediterranean Sea", 35.0, 18.0, "H.SEA", aliases=("Mediterranean",)),
    Area("Eastern Mediterranean", 34.0, 30.0, "L.RGN"),
    Area("Caribbean", 15.0, -75.0, "H.SEA", aliases=("Caribbean Sea",)),
    Area("Gulf of Mexico", 25.0, -90.0, "H.GULF"),
    Area("Persian Gulf", 27.0, 51.0, "H.GULF", aliases=("Arabian Gulf",)),
    Area("Red Sea", 20.0, 38.5, "H.SEA"),
    Area("Black Sea", 43.0, 35.0, "H.SEA"),
    Area("Baltic Sea", 58.0, 20.0, "H.SEA", aliases=("Baltic",)),
    Area("North Sea", 56.0, 3.0, "H.SEA"),
    Area("South China Sea", 12.0, 113.0, "H.SEA"),
    Area("East China Sea", 30.0, 125.0, "H.SEA"),
    Area("Sea of Japan", 40.0, 135.0, "H.SEA", aliases=("East Sea",)),
    Area("Caspian Sea", 42.0, 50.5, "H.SEA"),
    Area("Americas", 15.0, -85.0, "L.RGN"),
    Area("Latin America", -10.0, -60.0, "L.RGN"),
    Area("Central America", 13.0, -86.0, "L.RGN"),
    Area("West Africa", 12.0, -2.0, "L.RGN"),
    Area("East Africa", 0.0, 37.0, "L.RGN"),
    Area("Central Africa", 2.0, 20.0, "L.RGN"),
    Area("Southern Africa", -25.0, 25.0, "L.RGN"),
    Area("North Africa", 27.0, 15.0, "L.RGN"),
    Area("Sub-Saharan Africa", 0.0, 20.0, "L.RGN"),
    Area("Horn of Africa", 8.0, 45.0, "L.RGN"),
    Area("Sahel", 15.0, 5.0, "L.RGN"),
    Area("Sahara", 23.0, 13.0, "T.DSRT"),
    Area("Southeast Asia", 10.0, 110.0, "L.RGN", aliases=("South-East Asia", "South East Asia")),
    Area("South Asia", 22.0, 78.0, "L.RGN"),
    Area("Central Asia", 43.0, 65.0, "L.RGN"),
    Area("East Asia", 35.0, 115.0, "L.RGN"),
    Area("Northern Europe", 60.0, 15.0, "L.RGN"),
    Area("Eastern Europe", 50.0, 30.0, "L.RGN"),
    Area("Western Europe", 48.0, 5.0, "L.RGN"),
    Area("Scandinavia", 63.0, 15.0, "L.RGN"),
    Area("Balkans", 43.0, 21.0, "L.RGN"),
    Area("Caucasus", 42.5, 45.0, "L.RGN"),
    Area("Darfur", 13.0, 25.0, "L.RGN", "SD"),
    Area("Kashmir", 34.5, 76.0, "L.RGN"),
    Area("Gaza Strip", 31.4, 34.35, "L.RGN", "PS", aliases=("Gaza",)),
    Area("West Bank", 32.0, 35.25, "L.RGN", "PS"),
    Area("Siberia", 60.0, 105.0, "L.RGN", "RU"),
    Area("Patagonia", -45.0, -69.0, "L.RGN", "AR"),
    Area("Java", -7.5, 110.0, "T.ISL", "ID"),
    Area("Sumatra", 0.0, 102.0, "T.ISL", "ID"),
    Area("Borneo", 1.0, 114.0, "T.ISL"),
    Area("Bali", -8.4, 115.2, "T.ISL", "ID"),
    Area("Luzon", 16.0, 121.0, "T.ISL", "PH"),
    Area("Mindanao", 8.0, 125.0, "T.ISL", "PH"),
    Area("Sicily", 37.5, 14.0, "T.ISL", "IT"),
    Area("Sardinia", 40.0, 9.0, "T.ISL", "IT"),
    Area("Crete", 35.2, 24.9, "T.ISL", "GR"),
    Area("Newfoundland", 49.0, -56.0, "T.ISL", "CA"),
    Area("Long Island", 40.8, -73.3, "T.ISL", "US"),
    Area("Southern California", 34.0, -118.0, "L.RGN", "US", aliases=("SoCal",)),
    Area("Northern California", 40.0, -122.0, "L.RGN", "US"),
    Area("Silicon Valley", 37.4, -122.0, "L.RGN", "US"),
    Area("Korean Peninsula", 38.0, 127.5, "T.PEN"),
)
