"""The read side of the offline gazetteer: look places up by name, id or country.

The index is one SQLite file (see :mod:`tidings.geo.schema`), opened read-only and queried on
disk, so a process using it stays small whatever the size of the index::

    from tidings.geo import Gazetteer

    with Gazetteer(path) as gazetteer:
        gazetteer.lookup("Pyongyang")[0].country   # 'KP'
        gazetteer.country("Republic of Korea").iso2  # 'KR'
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from tidings.errors import GazetteerError
from tidings.geo.schema import SCHEMA_VERSION, name_key

__all__ = ["Candidate", "Country", "Gazetteer", "Subdivision"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """One GeoNames feature a name may refer to.

    ``country`` is ISO 3166-1 alpha-2; ``admin1`` is GeoNames' first-order division code
    (empty when unknown); ``feature_class``/``feature_code`` are GeoNames' (P/PPL, A/PCLI,
    H/STM ...). ``population`` is 0 when unknown.
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


@dataclass(frozen=True, slots=True, kw_only=True)
class Country:
    """An ISO 3166-1 country. ``latitude``/``longitude`` are its capital's, when known."""

    iso2: str
    iso3: str
    name: str
    capital: str
    geonameid: int | None
    continent: str
    population: int
    latitude: float | None
    longitude: float | None


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
    "p.feature_code, p.country, p.admin1, p.population"
)


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
                f"expected {SCHEMA_VERSION}; rebuild it"
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
            "WHERE n.key = ? ORDER BY p.population DESC, n.main DESC, p.geonameid"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_candidate(row) for row in self._query(sql, (key,))]

    def get(self, geonameid: int) -> Candidate | None:
        """The place with this GeoNames id, or None."""
        rows = self._query(
            f"SELECT {_PLACE_COLUMNS} FROM places p WHERE geonameid = ?", (geonameid,)
        )
        return _candidate(rows[0]) if rows else None

    def country(self, code_or_name: str) -> Country | None:
        """A country by ISO alpha-2 or alpha-3 code (any case) or by one of its names."""
        text = code_or_name.strip()
        columns = (
            "c.iso2, c.iso3, c.name, c.capital, c.geonameid, c.continent, c.population, "
            "c.latitude, c.longitude"
        )
        rows: list[tuple[object, ...]] = []
        if len(text) in (2, 3) and text.isalpha():
            column = "iso2" if len(text) == 2 else "iso3"
            rows = self._query(
                f"SELECT {columns} FROM countries c WHERE c.{column} = ?", (text.upper(),)
            )
        if not rows:
            rows = self._query(
                f"SELECT {columns} FROM country_names n JOIN countries c USING (iso2) "
                "WHERE n.key = ? ORDER BY c.population DESC LIMIT 1",
                (name_key(text),),
            )
        return Country(**dict(zip(Country.__slots__, rows[0], strict=True))) if rows else None  # type: ignore[arg-type]

    def countries(self) -> list[Country]:
        """Every country, by ISO alpha-2 code."""
        rows = self._query(
            "SELECT iso2, iso3, name, capital, geonameid, continent, population, latitude, "
            "longitude FROM countries ORDER BY iso2",
            (),
        )
        return [Country(**dict(zip(Country.__slots__, row, strict=True))) for row in rows]  # type: ignore[arg-type]

    def admin1_name(self, country: str, code: str) -> str | None:
        """The name of GeoNames admin1 division ``code`` of ``country``, where known."""
        rows = self._query(
            "SELECT name FROM admin1 WHERE country = ? AND code = ?", (country.upper(), code)
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
        for table in ("places", "names", "countries", "admin1", "subdivisions"):
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
