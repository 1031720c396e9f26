"""The gazetteer's on-disk layout (one SQLite file) and the name key every lookup uses.

Tables::

    meta               key -> value: schema version, build time, sources
    places             one row per place (geonameid primary key), with its ISO 3166-2 region
    names              normalised name -> geonameid, main (1) or alternate (0) name
    countries          ISO 3166-1 countries: codes, name, capital, continent, population,
                       centroid, demonym, neighbours
    country_names      normalised country name -> ISO alpha-2 (never two countries per name)
    demonyms           normalised demonym or adjective -> ISO alpha-2 (North Korean -> KP)
    admin1             GeoNames first-order division codes (country + code) -> name, region
    subdivisions       ISO 3166-2 subdivisions (pycountry): code, country, name, type, parent
    subdivision_names  normalised subdivision name -> ISO 3166-2 code

GeoNames admin1 codes (``places.admin1``, table ``admin1``) are GeoNames' own codes, not ISO
3166-2: for most countries they differ (Pyongyang is KP admin1 ``12``, ISO ``KP-01``). The
``admin1`` table maps them to ISO 3166-2 first-level codes where that is known
(``admin1.region``); ``places.region`` holds that code for every place ('' when unknown).

Ids below zero are tidings' own, not GeoNames ids: first-level divisions from
countrystatecity are stored under ``-(1_000_000 + state id)``. Output writes them as null.
"""

from __future__ import annotations

import functools
import os
import re
import sys
import unicodedata
from collections.abc import Mapping
from pathlib import Path

SCHEMA_VERSION = "2"

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    ascii_name TEXT NOT NULL,
    latitude REAL NOT NULL,
    longitude REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT NOT NULL,
    population INTEGER NOT NULL,
    region TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    main INTEGER NOT NULL,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS countries (
    iso2 TEXT PRIMARY KEY,
    iso3 TEXT NOT NULL,
    name TEXT NOT NULL,
    capital TEXT NOT NULL,
    geonameid INTEGER,
    continent TEXT NOT NULL,
    population INTEGER NOT NULL,
    latitude REAL,
    longitude REAL,
    demonym TEXT NOT NULL,
    borders TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS country_names (
    key TEXT NOT NULL,
    iso2 TEXT NOT NULL,
    PRIMARY KEY (key, iso2)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS demonyms (
    key TEXT PRIMARY KEY,
    iso2 TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS admin1 (
    country TEXT NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    geonameid INTEGER,
    region TEXT NOT NULL,
    PRIMARY KEY (country, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subdivisions (
    code TEXT PRIMARY KEY,
    country TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    parent TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS subdivision_names (
    key TEXT NOT NULL,
    code TEXT NOT NULL,
    PRIMARY KEY (key, code)
) WITHOUT ROWID;
"""

# Created after the bulk insert of a build (faster than maintaining them row by row).
INDEXES = """
CREATE INDEX IF NOT EXISTS names_geonameid ON names (geonameid);
CREATE INDEX IF NOT EXISTS places_country ON places (country, admin1);
"""

# Letters NFKD does not take apart into a base letter plus accents.
_FOLDED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ı": "i", "þ": "th", "æ": "ae", "œ": "oe"}
)
_APOSTROPHES = str.maketrans("", "", "'’‘ʼʻ`´")
_SEPARATORS = re.compile(r"[\W_]+")
# Single letters joined by periods: U.S., D.C., U.S.A. (but not 3.5 or St.)
_INITIALS = re.compile(r"(?<![^\W_])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W_])")


def name_key(name: str) -> str:
    """The lookup key of a name: case-, accent- and punctuation-insensitive.

    >>> name_key("Zürich") == name_key("ZURICH") == "zurich"
    True
    >>> name_key("P'yŏngyang-si")
    'pyongyang si'
    >>> name_key("U.S.") == name_key("US") == "us"
    True
    >>> name_key("Washington, D.C.")
    'washington dc'
    """
    text = name.casefold()
    if text.isascii():
        text = text.translate(_APOSTROPHES)
    else:
        text = unicodedata.normalize("NFKD", text.translate(_FOLDED)).translate(_bare())
    if "." in text:
        text = _INITIALS.sub(_join_initials, text)
    if text.replace(" ", "").isalnum():  # only words and spaces: no need for the pattern
        return " ".join(text.split())
    return _SEPARATORS.sub(" ", text).strip()


def _join_initials(match: re.Match[str]) -> str:
    return match.group().replace(".", "")


def ascii_name(name: str) -> str:
    """``name`` without accents, keeping its case (GeoNames' asciiname column)."""
    if name.isascii():
        return name.strip()
    bare = _combining().sub("", unicodedata.normalize("NFKD", name))
    return bare.encode("ascii", "ignore").decode("ascii").strip()


@functools.cache
def _bare() -> dict[int, str | None]:
    """A table for str.translate: drop accents (once NFKD has split them off) and apostrophes,
    fold the letters NFKD does not take apart."""
    table: dict[int, str | None] = {
        code: None for code in range(sys.maxunicode + 1) if unicodedata.combining(chr(code))
    }
    table.update(dict.fromkeys(_APOSTROPHES))
    table.update(_FOLDED)
    return table


@functools.cache
def _combining() -> re.Pattern[str]:
    """A pattern matching every combining mark (accents once NFKD has split them off)."""
    ranges: list[str] = []
    start = previous = -2
    for code in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(code)):
            if code != previous + 1:
                if start >= 0:
                    ranges.append(f"{chr(start)}-{chr(previous)}")
                start = code
            previous = code
    ranges.append(f"{chr(start)}-{chr(previous)}")
    return re.compile("[" + "".join(ranges) + "]")


def default_gazetteer_path(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME/tidings/gazetteer.sqlite``, or ``~/.local/share/...`` without it."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_DATA_HOME") or str(Path("~/.local/share").expanduser())
    return Path(base) / "tidings" / "gazetteer.sqlite"
