"""The read side of the offline gazetteer: look places up by name, id or country.

The index is one SQLite file (see :mod:`tidings.geo.schema`), opened read-only and queried on
disk, so a process using it stays small whatever the size of the index::

    from tidings.geo import Gazetteer

    with Gazetteer(path) as gazetteer:
        gazetteer.lookup("Pyongyang")[0].country   # 'KP'
        gazetteer.country("Republic of Korea").iso2  # 'KR'
        gazetteer.lookup("Calif.")[0].region       # 'US-CA'
        gazetteer.demonym("North Koreans")         # 'KP'
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from tidings.errors import GazetteerError
from tidings.geo.schema import SCHEMA_VERSION, name_key

__all__ = ["Candidate", "Country", "Gazetteer", "Subdivision"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One place a name may refer to: a GeoNames feature, or a division tidings added.

    ``geonameid`` is the GeoNames id; below zero it is tidings' own (a first-level division
    from countrystatecity, which has no GeoNames id) and output writes it as null.
    ``country`` is ISO 3166-1 alpha-2 ('' for a continent); ``admin1`` is GeoNames'
    first-order division code and ``region`` the ISO 3166-2 code of the first-level division
    the place lies in (``US-CA``, ``KP-01``), both '' when unknown. ``feature_class`` and
    ``feature_code`` are GeoNames' (P/PPL, A/PCLI, A/ADM1, L/CONT, H/STM ...).
    ``population`` is 0 when unknown (always so for divisions).
    """

    geonameid: int
    name: str
    ascii_name: str
    latitude: float
    longitude: float
    feature_class: str
    feature_code: str
    country: str
    admin1: str
    population: int
    region: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """An ISO 3166-1 country.

    ``latitude``/``longitude`` are its centroid (countryinfo's, else countrystatecity's, else
    its capital's), None when unknown. ``demonym`` is countryinfo's (``North Korean``), ''
    when none; ``borders`` are the ISO alpha-2 codes of the countries it shares a land border
    with.
    """

    iso2: str
    iso3: str
    name: str
    capital: str
    geonameid: int | None
    continent: str
    population: int
    latitude: float | None
    longitude: float | None
    demonym: str
    borders: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Subdivision:
    """An ISO 3166-2 subdivision (from pycountry): ``KP-01``, ``PH-BUL`` ..."""

    code: str
    country: str
    name: str
    type: str
    parent: str | None


_PLACE_COLUMNS = (
    "p.geonameid, p.name, p.ascii_name, p.latitude, p.longitude, p.feature_class, "
    "p.feature_code, p.country, p.admin1, p.population, p.region"
)
_COUNTRY_COLUMNS = (
    "c.iso2, c.iso3, c.name, c.capital, c.geonameid, c.continent, c.population, c.latitude, "
    "c.longitude, c.demonym, c.borders"
)
_LOOKUP_ORDER = "p.population DESC, n.main DESC, p.geonameid"
_BATCH = 500  # names per query in lookup_many (SQLite allows 32766 parameters)


class Gazetteer:
    """A read-only connection to a gazetteer file built by :func:`build_gazetteer`."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise GazetteerError(
                f"{self.path}: no gazetteer here; build one with `tidings gazetteer build`"
            )
        _recover(self.path)
        try:
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.DatabaseError as error:
            raise GazetteerError(f"{self.path}: not a gazetteer ({error})") from None
        if row is None or row[0] != SCHEMA_VERSION:
            self._db.close()
            raise GazetteerError(
                f"{self.path}: gazetteer schema {row[0] if row else 'unknown'}, "
                f"expected {SCHEMA_VERSION}; rebuild it with `tidings gazetteer build` "
                "(and import your GeoNames dumps again)"
            )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def lookup(self, name: str, *, limit: int | None = None) -> list[Candidate]:
        """Every place called ``name`` (main or alternate name), most populous first."""
        key = name_key(name)
        if not key:
            return []
        sql = (
            f"SELECT {_PLACE_COLUMNS} FROM names n JOIN places p USING (geonameid) "
            f"WHERE n.key = ? ORDER BY {_LOOKUP_ORDER}"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_candidate(row) for row in self._query(sql, (key,))]

    def lookup_many(self, names: Iterable[str]) -> dict[str, list[Candidate]]:
        """:meth:`lookup` for many names at once: name as given -> its candidates."""
        wanted: dict[str, list[str]] = {}  # key -> the names given that have it
        result: dict[str, list[Candidate]] = {}
        for name in names:
            if name in result:
                continue
            result[name] = []
            key = name_key(name)
            if key:
                wanted.setdefault(key, []).append(name)
        keys = list(wanted)
        for start in range(0, len(keys), _BATCH):
            batch = keys[start : start + _BATCH]
            rows = self._query(
                f"SELECT n.key, {_PLACE_COLUMNS} FROM names n JOIN places p USING (geonameid) "
                f"WHERE n.key IN ({', '.join('?' * len(batch))}) "
                f"ORDER BY n.key, {_LOOKUP_ORDER}",
                tuple(batch),
            )
            for row in rows:
                candidate = _candidate(row[1:])
                for name in wanted[str(row[0])]:
                    result[name].append(candidate)
        return result

    def get(self, geonameid: int) -> Candidate | None:
        """The place with this GeoNames id, or None."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE geonameid = ?", (geonameid,)
        )
        return _candidate(rows[0]) if rows else None

    def country(self, code_or_name: str) -> Country | None:
        """A country by ISO alpha-2 or alpha-3 code (any case) or by one of its names."""
        text = code_or_name.strip()
        rows: list[tuple[object, ...]] = []
        if len(text) in (2, 3) and text.isalpha():
            column = "iso2" if len(text) == 2 else "iso3"
            rows = self._query(
                f"SELECT {_COUNTRY_COLUMNS} FROM countries c WHERE c.{column} = ?",
                (text.upper(),),
            )
        if not rows:
            rows = self._query(
                f"SELECT {_COUNTRY_COLUMNS} FROM country_names n JOIN countries c USING (iso2) "
                "WHERE n.key = ? ORDER BY c.population DESC LIMIT 1",
                (name_key(text),),
            )
        return _country(rows[0]) if rows else None

    def countries(self) -> list[Country]:
        """Every country, by ISO alpha-2 code."""
        rows = self._query(f"SELECT {_COUNTRY_COLUMNS} FROM countries c ORDER BY c.iso2", ())
        return [_country(row) for row in rows]

    def demonym(self, word: str) -> str | None:
        """The ISO alpha-2 country a demonym or adjective names: ``North Koreans`` -> ``KP``.

        None for words that fit no country, or several (``Congolese``, ``Korean``).
        """
        rows = self._query("SELECT iso2 FROM demonyms WHERE key = ?", (name_key(word),))
        return str(rows[0][0]) if rows else None

    def admin1_name(self, country: str, code: str) -> str | None:
        """The name of GeoNames admin1 division ``code`` of ``country``, where known."""
        rows = self._query(
            "SELECT name FROM admin1 WHERE country = ? AND code = ? AND name != ''",
            (country.upper(), code),
        )
        return str(rows[0][0]) if rows else None

    def admin1_region(self, country: str, code: str) -> str | None:
        """The ISO 3166-2 region GeoNames admin1 ``code`` of ``country`` maps to, where known."""
        rows = self._query(
            "SELECT region FROM admin1 WHERE country = ? AND code = ? AND region != ''",
            (country.upper(), code),
        )
        return str(rows[0][0]) if rows else None

    def subdivisions(self, code_or_name: str) -> list[Subdivision]:
        """ISO 3166-2 subdivisions by code (``KP-01``) or name (``Bulacan``)."""
        columns = "s.code, s.country, s.name, s.type, s.parent"
        rows = self._query(
            f"SELECT {columns} FROM subdivisions s WHERE s.code = ?", (code_or_name.upper(),)
        )
        if not rows:
            rows = self._query(
                f"SELECT {columns} FROM subdivision_names n JOIN subdivisions s USING (code) "
                "WHERE n.key = ? ORDER BY s.code",
                (name_key(code_or_name),),
            )
        return [Subdivision(**dict(zip(Subdivision.__slots__, row, strict=True))) for row in rows]  # type: ignore[arg-type]

    def info(self) -> dict[str, str | int]:
        """What the index holds: counts per table and the build's metadata."""
        result: dict[str, str | int] = {"path": str(self.path), "bytes": self.path.stat().st_size}
        for key, value in self._query("SELECT key, value FROM meta ORDER BY key", ()):
            result[str(key)] = str(value)
        for table in ("places", "names", "countries", "demonyms", "admin1", "subdivisions"):
            result[table] = int(self._query(f"SELECT count(*) FROM {table}", ())[0][0])  # type: ignore[call-overload]
        return result

    def _query(self, sql: str, parameters: tuple[object, ...]) -> list[tuple[object, ...]]:
        try:
            return self._db.execute(sql, parameters).fetchall()
        except sqlite3.DatabaseError as error:
            raise GazetteerError(f"{self.path}: cannot read the gazetteer ({error})") from None


def _recover(path: Path) -> None:
    """Roll back what a killed import left half-written (a read-only connection cannot)."""
    journal = path.with_name(path.name + "-journal")
    if journal.is_file() and journal.stat().st_size > 0:
        try:
            with closing(sqlite3.connect(path)) as db:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as error:
            raise GazetteerError(
                f"{path}: an interrupted import left {journal.name} and it cannot be rolled "
                f"back ({error}); re-run the import with write access"
            ) from None


def _candidate(row: tuple[object, ...]) -> Candidate:
    return Candidate(**dict(zip(Candidate.__slots__, row, strict=True)))  # type: ignore[arg-type]


def _country(row: tuple[object, ...]) -> Country:
    fields = dict(zip(Country.__slots__, row, strict=True))
    borders = str(fields["borders"] or "")
    fields["borders"] = tuple(borders.split(",")) if borders else ()
    return Country(**fields)  # type: ignore[arg-type]
