"""The values of the read side's filters, checked and made into what the tables hold.

``--actor``, ``--place`` and ``--speaker`` are words of a name, matched anywhere in it with
LIKE: :func:`contains` escapes ``%``, ``_`` and the escape character itself (the queries
say :data:`ESCAPE`), so that they are text, and refuses a filter over
:data:`MAX_FILTER_CHARS` (no name is that long, and SQLite refuses LIKE patterns over
50,000 bytes with "LIKE or GLOB pattern too complex"). An event type is one of the
lexicon's (or one the database holds), a country an ISO 3166-1 code or a name; either,
unknown, is refused with the closest known ones. Every refusal is a
:class:`~tidings.errors.StoreError` of one line.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from tidings.errors import StoreError

__all__ = [
    "ESCAPE",
    "MAX_FILTER_CHARS",
    "capped",
    "contains",
    "country_code",
    "event_type",
    "event_types",
]

MAX_FILTER_CHARS = 200
ESCAPE = "ESCAPE '\\'"
_SPECIAL = re.compile(r"([\\%_])")
_CODE = re.compile(r"^[A-Za-z]{2,3}$")


def capped(value: str, what: str) -> str:
    """``value`` if it is at most :data:`MAX_FILTER_CHARS` long; else a StoreError."""
    if len(value) > MAX_FILTER_CHARS:
        raise StoreError(
            f"the {what} filter is {len(value):,} characters long; at most "
            f"{MAX_FILTER_CHARS} are allowed: give a few words of the name"
        )
    return value


def contains(value: str, what: str) -> str:
    """The LIKE pattern (used with :data:`ESCAPE`) of names that contain ``value``."""
    return "%" + _SPECIAL.sub(r"\\\1", capped(value, what)) + "%"


def event_type(value: str, known: Iterable[str]) -> str:
    """``value`` as an event type (upper case); a StoreError naming the types, and the
    closest one, when it is none of ``known``."""
    name = capped(value, "type").strip().upper()
    types = sorted(set(known))
    if name in types:
        return name
    closest = difflib.get_close_matches(name, types, n=1, cutoff=0.5)
    hint = f"did you mean {closest[0]}? " if closest else ""
    raise StoreError(f"no event type {value!r}: {hint}the types are {', '.join(types)}")


@lru_cache(maxsize=1)
def event_types() -> frozenset[str]:
    """The event types of the vocabulary (``data/events/types.toml``), read without loading
    the extractors (and spaCy with them): a reading command starts in a fraction of a
    second."""
    text = (resources.files("tidings") / "data" / "events" / "types.toml").read_text("utf-8")
    return frozenset(tomllib.loads(text))


def country_code(value: str, *, alpha3: bool = False) -> str:
    """The ISO 3166-1 code of a country given by code (``IT``, ``ITA``) or by name
    (``Italy``, ``South Korea``, ``Korea, Republic of``): alpha-2, but an alpha-3 code kept
    as it is where ``alpha3`` is set (actors' countries are coded so). A StoreError with
    the closest names for an unknown country."""
    given = " ".join(capped(value, "country").split())
    codes = _codes()
    if _CODE.match(given) and given.upper() in codes:
        upper = given.upper()
        return upper if alpha3 and len(upper) == 3 else codes[upper]
    names = _names()
    found = names.get(given.casefold())
    if found is not None:
        return found
    closest = difflib.get_close_matches(given.casefold(), list(names), n=5, cutoff=0.6)
    suggested = list(dict.fromkeys(names[name] for name in closest))[:3]
    hint = (
        "did you mean " + " or ".join(f"{code} ({_name_of(code)})" for code in suggested) + "?"
        if suggested
        else "give an ISO code (IT, ITA) or a name (Italy)"
    )
    raise StoreError(f"no country {value!r}: {hint}")


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """Alpha-2 and alpha-3 codes -> alpha-2 (Kosovo's XK and XKX included)."""
    import pycountry

    codes = {"XK": "XK", "XKX": "XK"}
    for record in pycountry.countries:
        codes[record.alpha_2] = record.alpha_2
        codes[record.alpha_3] = record.alpha_2
    return codes


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Every name of a country, case-folded -> alpha-2: ISO's names, official and common
    names ("Korea, Republic of" also as "Republic of Korea") and tidings' own short names
    (UK, America)."""
    import pycountry

    from tidings.geo.aliases import COUNTRY_NAMES

    names: dict[str, str] = {"kosovo": "XK"}
    for record in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            name = getattr(record, attribute, None)
            if name:
                names[name.casefold()] = record.alpha_2
                head, comma, tail = name.partition(", ")
                if comma:
                    names[f"{tail} {head}".casefold()] = record.alpha_2
    names.update({name.casefold(): code for name, code in COUNTRY_NAMES.items()})
    return names


def _name_of(code: str) -> str:
    """A country's everyday name: ISO's common name, else its name."""
    import pycountry

    record = pycountry.countries.get(alpha_2=code)
    if record is None:
        return code
    return str(getattr(record, "common_name", None) or record.name)
