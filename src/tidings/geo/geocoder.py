"""Resolution: which real place each place name in an article means.

The recogniser (:mod:`tidings.extract.places.toponyms`) hands over :class:`Toponym` mentions; the
geocoder looks every distinct name up in the gazetteer once and picks one candidate per name
for the whole article (a name keeps one sense within an article). Candidates are scored on:

* what kind of place it is: a country name nearly always means the country, then
  first-level regions, capitals, cities; a generic head word restricts the kind (``the Tumen
  River`` only matches streams, so never the city of Tumen);
* how big it is (log population);
* the article's countries: countries named in it and countries behind its demonyms
  ("North Korean"), weighted by how often, and less, their neighbours; places in the regions
  the article names;
* a container written beside it (``Pandi, Bulacan``; ``Sydney, Australia``);
* the name itself: the place's main name beats an alternate name.

A name that the gazetteer does not know, or whose best candidate has nothing in the article
to support it while namesakes elsewhere are as likely, is kept unresolved with a reason:
a wrong place on a map is worse than no place.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tidings.geo.distance import great_circle_km
from tidings.geo.gazetteer import Candidate, Gazetteer
from tidings.geo.schema import name_key
from tidings.model import Place, Precision

__all__ = ["Geocoder", "Toponym", "precision_of", "resolved_place", "unresolved_place"]

# The feature classes a generic head word allows (GeoNames classes: H water, T relief,
# L areas, S spots and buildings, R roads, V vegetation).
HEAD_CLASSES: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        "river rivers lake lakes sea ocean strait gulf bay canal creek stream reservoir "
        "falls lagoon".split(),
        frozenset("H"),
    ),
    **dict.fromkeys(
        "mountain mountains mount mt peak hill hills range valley peninsula island "
        "islands plateau desert cape volcano".split(),
        frozenset("TH"),
    ),
    **dict.fromkeys("zone line border region area park reserve forest".split(), frozenset("LTS")),
    **dict.fromkeys(
        "airport station bridge port harbour harbor dam mine prison hospital".split(),
        frozenset("SRH"),
    ),
}
LEADING_HEADS: dict[str, frozenset[str]] = {
    "lake": frozenset("H"),
    "mount": frozenset("T"),
    "mt": frozenset("T"),
    "gulf": frozenset("H"),
    "cape": frozenset("T"),
}

# How strongly each kind of feature claims a name before any context (GeoNames codes).
FEATURE_PRIOR: dict[str, float] = {
    "CONT": 6.0,
    "PCLI": 6.0,
    "PCLD": 4.0,
    "PCLF": 4.0,
    "PCLS": 4.0,
    "PCLIX": 3.0,
    "TERR": 3.0,
    "ADM1": 3.5,
    "PPLC": 3.0,
    "OCN": 4.0,
    "SEA": 3.5,
    "GULF": 3.0,
    "RGN": 3.0,
    "ISL": 2.0,
    "DSRT": 2.0,
    "PEN": 2.0,
    "PPLA": 1.5,
    "ADM2": 1.0,
    "PPLA2": 0.8,
}
CLASS_PRIOR: dict[str, float] = {"P": 0.0, "A": 0.5, "H": 0.5, "T": 0.5, "L": 0.5, "S": 0.0}

LOOKUP_LIMIT = 80
WIDE_AREAS = frozenset({"OCN", "SEA", "GULF", "RGN", "ISL", "ISLS", "DSRT", "PEN"})
ALTERNATE_NAME_PENALTY = 1.0  # a town only known by this name as an alternate
DATELINE_BONUS = 3.0  # "WASHINGTON (Reuters) -" is a city
CITY_SHARE = 0.25  # a city this big a share of its same-named division stands for it
POPULATION_WEIGHT = 0.6  # per tenfold population
COUNTRY_WEIGHT = 3.0  # a candidate in the article's main country
REGION_WEIGHT = 1.0  # a candidate inside a region the article names
NEIGHBOUR_WEIGHT = 1.5  # a candidate in a country bordering one the article names
CONTAINER_WEIGHT = 6.0  # a candidate inside the place written beside it
NEAR_KM = 400.0  # "inside" a region or country without codes: this close to its point
MIN_SUPPORTED_POPULATION = 20_000  # below this, a namesake needs the article's support
CACHE_SIZE = 5_000  # names kept per process (candidate lists are short; a few MB)
UNKNOWN = (
    "not in the gazetteer (villages, rivers and zones come with a GeoNames dump: "
    "tidings gazetteer import)"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Toponym:
    """A place name found in the text: ``text[start:end]`` as written, and what is known
    about it before resolution."""

    text: str
    start: int
    end: int
    entity: str | None = None
    metonymic: bool = False
    container: int | None = None  # index of the toponym written beside it ("Pandi, Bulacan")
    dateline: bool = False  # "WASHINGTON (Reuters) -": a city


@dataclass(slots=True)
class _Context:
    """What the article says about where it is, for scoring candidates."""

    countries: dict[str, float] = field(default_factory=dict)  # ISO2 -> weight
    regions: set[str] = field(default_factory=set)  # ISO 3166-2 codes named in the article
    points: list[Candidate] = field(default_factory=list)  # unambiguous places named
    neighbours: frozenset[str] = frozenset()  # countries bordering those named

    def add(self, country: str, weight: float) -> None:
        self.countries[country] = self.countries.get(country, 0.0) + weight

    def share(self, country: str) -> float:
        total = sum(self.countries.values())
        return self.countries.get(country, 0.0) / total if total else 0.0


@dataclass(frozen=True, slots=True)
class _Choice:
    candidate: Candidate | None
    confidence: float
    reason: str | None


class Geocoder:
    """Resolves toponyms against one gazetteer. Keeps a cache of lookups across articles."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._cache: dict[str, list[Candidate]] = {}
        self._countries: dict[str, Candidate | None] = {}
        self._demonyms: dict[str, str | None] = {}
        self._borders: dict[str, tuple[str, ...]] = {}

    def candidates(self, name: str) -> list[Candidate]:
        """Every place ``name`` may be (cached), most populous first."""
        key = name_key(name)
        found = self._cache.get(key)
        if found is None:
            found = self.gazetteer.lookup(name, limit=LOOKUP_LIMIT) if key else []
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def country_place(self, iso2: str) -> Candidate | None:
        """The country itself as a place (its row in the gazetteer), or None (cached)."""
        if iso2 not in self._countries:
            country = self.gazetteer.country(iso2)
            found = self.gazetteer.get(country.geonameid) if country and country.geonameid else None
            self._countries[iso2] = found
        return self._countries[iso2]

    def demonym(self, word: str) -> str | None:
        """The ISO alpha-2 country a demonym or adjective ("North Korean") refers to (cached)."""
        key = name_key(word)
        if key not in self._demonyms:
            if len(self._demonyms) >= CACHE_SIZE:
                self._demonyms.clear()
            self._demonyms[key] = self.gazetteer.demonym(word) if key else None
        return self._demonyms[key]

    def resolve(
        self, toponyms: Sequence[Toponym], demonyms: Iterable[str] = ()
    ) -> tuple[Place, ...]:
        """One Place per toponym, in the order given. ``demonyms`` are ISO alpha-2 codes of the
        countries the article's demonyms point at (one per mention)."""
        options = [self._allowed(toponym) for toponym in toponyms]
        context = _context(options, demonyms)
        context.neighbours = self._neighbours(context.countries)
        choices: dict[int, _Choice] = {}
        by_key: dict[str, _Choice] = {}
        # Containers first, so "Pandi, Bulacan" can use Bulacan.
        order = sorted(range(len(toponyms)), key=lambda i: toponyms[i].container is not None)
        for index in order:
            toponym = toponyms[index]
            key = name_key(toponym.text)
            container = choices.get(toponym.container) if toponym.container is not None else None
            if container is None and key in by_key:
                choices[index] = by_key[key]
                continue
            inside = container.candidate if container else None
            choice = _choose(options[index], context, inside, key, toponym.dateline)
            choices[index] = choice
            if container is None:
                by_key[key] = choice
        return tuple(_place(toponyms[i], choices[i]) for i in range(len(toponyms)))

    def _neighbours(self, countries: Iterable[str]) -> frozenset[str]:
        """The countries bordering those the article names (cached per country)."""
        found: set[str] = set()
        for iso2 in countries:
            if iso2 not in self._borders:
                country = self.gazetteer.country(iso2) if iso2 else None
                self._borders[iso2] = country.borders if country else ()
            found.update(self._borders[iso2])
        return frozenset(found)

    def _allowed(self, toponym: Toponym) -> list[Candidate]:
        found = self.candidates(toponym.text)
        if not found:  # "Russian" given as a place name: its country
            country = self.demonym(toponym.text)
            place = self.country_place(country) if country else None
            return [place] if place else []
        classes = _head_classes(toponym.text)
        if classes is not None:  # "Rhode Island" is a state, never a town called so
            kept = [c for c in found if c.feature_class in classes]
            return kept or [c for c in found if c.feature_class == "A"]
        # A name with no generic word is a settlement, a region or a country first.
        settled = [
            c
            for c in found
            if c.feature_class in "PA" or c.feature_code == "CONT" or c.feature_code in WIDE_AREAS
        ]
        return _cities_over_their_provinces(settled or found)


def _cities_over_their_provinces(candidates: list[Candidate]) -> list[Candidate]:
    """Beijing, Pyongyang, Lima: a capital, or a city that is much of the division named
    after it, is what the name means; the division is dropped."""
    cities = [c for c in candidates if c.feature_class == "P"]
    if not cities:
        return candidates
    return [
        c
        for c in candidates
        if not (c.feature_code in ("ADM1", "ADM2") and any(_stands_for(city, c) for city in cities))
    ]


def _stands_for(city: Candidate, division: Candidate) -> bool:
    if city.country != division.country:
        return False
    if city.feature_code == "PPLC":
        return True
    return city.region == division.region and city.population >= CITY_SHARE * division.population


def _head_classes(name: str) -> frozenset[str] | None:
    words = name_key(name).split()
    if len(words) < 2:
        return None
    return HEAD_CLASSES.get(words[-1]) or LEADING_HEADS.get(words[0])


def _context(options: Sequence[list[Candidate]], demonyms: Iterable[str]) -> _Context:
    context = _Context()
    for country in demonyms:
        context.add(country, 0.5)
    for candidates in options:
        if not candidates:
            continue
        top = candidates[0]
        if top.feature_code.startswith("PCL"):
            context.add(top.country, 1.0)
        elif top.feature_code == "ADM1" and top.region:
            context.regions.add(top.region)
            context.add(top.country, 0.5)
        elif len({c.country for c in candidates}) == 1 and (
            top.population >= MIN_SUPPORTED_POPULATION
        ):  # the only country a name is found in
            context.add(top.country, 0.5)
            context.points.append(top)
    return context


def _choose(
    candidates: list[Candidate],
    context: _Context,
    inside: Candidate | None,
    key: str,
    dateline: bool = False,
) -> _Choice:
    if not candidates:
        return _Choice(None, 0.0, UNKNOWN)
    scored = sorted(
        (
            (_score(candidate, context, inside, key, dateline), candidate)
            for candidate in candidates
        ),
        key=lambda pair: -pair[0],
    )
    best_score, best = scored[0]
    rival = next((score for score, other in scored[1:] if _distance_km(best, other) > 161.0), None)
    margin = best_score - rival if rival is not None else 4.0
    confidence = round(1.0 - math.exp(-max(margin, 0.0) / 1.5), 2)
    supported = _supported(best, context, inside)
    weak = not supported and best.population < MIN_SUPPORTED_POPULATION
    if rival is not None and weak and margin < 2.0:
        return _Choice(
            None,
            confidence,
            f"ambiguous: {len(candidates)} places have this name and nothing in the "
            "article says which",
        )
    if weak and context.countries and inside is None:
        return _Choice(
            None,
            confidence,
            f"only a small namesake in {best.country or 'another country'}, outside the "
            "countries the article is about",
        )
    return _Choice(best, confidence, None)


def _score(
    candidate: Candidate,
    context: _Context,
    inside: Candidate | None,
    key: str,
    dateline: bool = False,
) -> float:
    score = FEATURE_PRIOR.get(candidate.feature_code, CLASS_PRIOR.get(candidate.feature_class, 0.0))
    if candidate.feature_class == "P":
        if key not in (name_key(candidate.name), name_key(candidate.ascii_name)):
            score -= ALTERNATE_NAME_PENALTY
        if dateline:
            score += DATELINE_BONUS
    score += POPULATION_WEIGHT * math.log10(candidate.population + 10)
    share = context.share(candidate.country)
    if share:
        score += COUNTRY_WEIGHT * (0.5 + share)
    elif candidate.country in context.neighbours:
        score += NEIGHBOUR_WEIGHT
    if candidate.region and candidate.region in context.regions:
        score += REGION_WEIGHT
    if inside is not None and _within(candidate, inside):
        score += CONTAINER_WEIGHT
    return score


def _supported(candidate: Candidate, context: _Context, inside: Candidate | None) -> bool:
    if inside is not None and _within(candidate, inside):
        return True
    if context.countries.get(candidate.country) or candidate.region in context.regions:
        return True
    return any(_distance_km(candidate, point) < NEAR_KM for point in context.points)


def _within(candidate: Candidate, container: Candidate) -> bool:
    code = container.feature_code
    if code == "CONT" or candidate.geonameid == container.geonameid:
        return False
    if code.startswith("PCL"):
        return candidate.country == container.country
    if code == "ADM1" and container.region and candidate.region:
        return candidate.region == container.region
    return candidate.country == container.country and _distance_km(candidate, container) < NEAR_KM


def _distance_km(first: Candidate, second: Candidate) -> float:
    return great_circle_km(first.latitude, first.longitude, second.latitude, second.longitude)


def precision_of(candidate: Candidate) -> Precision:
    """How precisely the coordinates place it: continent (also oceans, seas and regions across
    borders) | country | admin1 (also regions and islands within a country) | admin2 | city |
    point."""
    code = candidate.feature_code
    if code == "CONT" or (code in WIDE_AREAS and not candidate.country):
        return "continent"
    if code in WIDE_AREAS:
        return "admin1"
    if code.startswith("PCL") or code == "TERR":
        return "country"
    if code == "ADM1":
        return "admin1"
    if code == "ADM2":
        return "admin2"
    if candidate.feature_class in "PA":
        return "city"
    return "point"


def _place(toponym: Toponym, choice: _Choice) -> Place:
    candidate = choice.candidate
    if candidate is None:
        return unresolved_place(toponym, choice.reason)
    return resolved_place(toponym, candidate, choice.confidence)


def unresolved_place(toponym: Toponym, reason: str | None) -> Place:
    """The Place of a toponym left without coordinates, saying why."""
    return Place(
        name=toponym.text,
        text=toponym.text,
        start=toponym.start,
        end=toponym.end,
        entity=toponym.entity,
        metonymic=toponym.metonymic,
        confidence=0.0,
        reason=reason,
    )


def resolved_place(toponym: Toponym, candidate: Candidate, confidence: float) -> Place:
    """The Place a toponym resolved to ``candidate`` is."""
    return Place(
        name=candidate.name,
        text=toponym.text,
        start=toponym.start,
        end=toponym.end,
        lat=round(candidate.latitude, 5),
        lon=round(candidate.longitude, 5),
        geonameid=candidate.geonameid if candidate.geonameid > 0 else None,
        country=candidate.country or None,
        admin1=candidate.region or None,
        feature=f"{candidate.feature_class}.{candidate.feature_code}",
        precision=precision_of(candidate),
        entity=toponym.entity,
        metonymic=toponym.metonymic,
        confidence=confidence,
    )
