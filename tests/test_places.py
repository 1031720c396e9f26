"""Places: recognition, resolution against the real gazetteer, metonymy, focus."""

from __future__ import annotations

import inspect
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from spacy.language import Language

from geocoders import UNKNOWN, FakeGeocoder, candidate
from tidings.extract import ExtractOptions, extract
from tidings.geo import Gazetteer, import_geonames
from tidings.geo.geocoder import Geocoder, Toponym
from tidings.ingest import article_from_text
from tidings.model import Facts, Place
from tidings.nlp import Document
from tidings.output.json import to_dict, validate

KOREA = Path(__file__).parent / "samples" / "geo" / "korea.txt"
ASIAN_COUNTRIES = {"KP", "KR", "CN", "RU", "VN", "LA", "TH", "JP", "MN"}


@pytest.fixture(scope="session")
def geocoder(built: Path) -> Geocoder:
    return Geocoder(Gazetteer(built))


@pytest.fixture(scope="session")
def korea_geocoder(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Geocoder:
    """The bundled index plus our GeoNames-format file with Panmunjom, the Tumen River and
    the DMZ, imported the way a user imports KP.zip."""
    path = tmp_path_factory.mktemp("korea") / "gazetteer.sqlite"
    shutil.copyfile(built, path)
    import_geonames(KOREA, path)
    return Geocoder(Gazetteer(path))


def analyse(text: str, nlp: Language, geocoder: Geocoder) -> Facts:
    article = article_from_text(text, "<test>")
    return extract(Document(article, nlp(article.text)), ExtractOptions(), geocoder)


def places_named(facts: Facts, text: str) -> list[Place]:
    return [place for place in facts.places if place.text == text]


def only(facts: Facts, text: str) -> Place:
    found = places_named(facts, text)
    assert found, f"{text!r} not among {[p.text for p in facts.places]}"
    return found[0]


# --- the reference article ----------------------------------------------------------------


@pytest.fixture(scope="session")
def reference(reference_text: str, nlp: Language, geocoder: Geocoder) -> Facts:
    return analyse(reference_text, nlp, geocoder)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("North Korea", "KP"),
        ("South Korea", "KR"),
        ("China", "CN"),
        ("Russia", "RU"),
        ("Vietnam", "VN"),
        ("Laos", "LA"),
        ("Thailand", "TH"),
    ],
)
def test_reference_countries(reference: Facts, text: str, country: str) -> None:
    for place in places_named(reference, text):
        assert (place.country, place.precision, place.feature) == (country, "country", "A.PCLI")
    assert places_named(reference, text)


def test_reference_stays_in_asia(reference: Facts) -> None:
    resolved = [place for place in reference.places if place.lat is not None]
    assert len(resolved) >= 15
    for place in resolved:
        assert place.country in ASIAN_COUNTRIES or place.precision == "continent", place
        assert place.lon is not None and 60 < place.lon < 150, place


def test_reference_metonymy(reference: Facts) -> None:
    assert only(reference, "Beijing").metonymic and only(reference, "Pyongyang").metonymic
    assert only(reference, "Beijing").country == "CN"
    assert only(reference, "Pyongyang").country == "KP"
    # where things happened stays literal
    assert not any(place.metonymic for place in places_named(reference, "Panmunjom"))
    assert not only(reference, "Vietnam").metonymic


def test_reference_demonyms_link_without_being_places(reference: Facts) -> None:
    assert not places_named(reference, "North Korean")
    assert not places_named(reference, "South Korean")
    groups = {entity.name: entity for entity in reference.entities if entity.type == "NORP"}
    assert groups["North Korean"].country == "KP"
    assert groups["South Korean"].country == "KR"


def test_reference_without_a_dump_panmunjom_is_kept_unplaced(reference: Facts) -> None:
    panmunjom = only(reference, "Panmunjom")
    assert panmunjom.lat is None and panmunjom.geonameid is None
    assert panmunjom.reason and "gazetteer" in panmunjom.reason
    tumen = only(reference, "Tumen River")  # never the city of Tumen
    assert tumen.lat is None and tumen.reason


def test_reference_after_importing_panmunjom(
    reference_text: str, nlp: Language, korea_geocoder: Geocoder
) -> None:
    facts = analyse(reference_text, nlp, korea_geocoder)
    panmunjom = only(facts, "Panmunjom")
    assert panmunjom.lat == pytest.approx(37.95, abs=0.05)
    assert panmunjom.lon == pytest.approx(126.68, abs=0.05)
    assert panmunjom.geonameid == 99000001 and panmunjom.precision == "city"
    river = only(facts, "Tumen River")
    assert (river.feature, river.geonameid) == ("H.STM", 99000002)
    assert only(facts, "DMZ").feature == "L.ZN"


def test_reference_focus_is_the_koreas(reference: Facts) -> None:
    top = [focus.country for focus in reference.focus[:2]]
    assert set(top) == {"KP", "KR"}
    assert reference.focus[0].score >= reference.focus[-1].score


def test_reference_output_follows_the_contract(reference: Facts) -> None:
    document = to_dict(reference)
    validate(document)
    text = reference.article.text
    for place in reference.places:
        assert text[place.start : place.end] == place.text


# --- resolution on text we wrote ----------------------------------------------------------


def test_container_picks_the_namesake(nlp: Language, geocoder: Geocoder) -> None:
    texan = analyse("Officials met in Paris, Texas, on Tuesday.", nlp, geocoder)
    paris = only(texan, "Paris")
    assert (paris.country, paris.admin1) == ("US", "US-TX")
    assert paris.lat == pytest.approx(33.66, abs=0.1)
    french = analyse("Officials met in Paris on Tuesday.", nlp, geocoder)
    assert (only(french, "Paris").country, only(french, "Paris").feature) == ("FR", "P.PPLC")


def test_province_beside_a_town(nlp: Language, geocoder: Geocoder) -> None:
    facts = analyse(
        "Floods forced hundreds of families from their homes in Pandi, Bulacan, on Sunday.",
        nlp,
        geocoder,
    )
    pandi = only(facts, "Pandi")
    assert pandi.country == "PH"
    assert pandi.lat == pytest.approx(14.86, abs=0.2)
    assert pandi.lon == pytest.approx(120.95, abs=0.2)
    assert only(facts, "Bulacan").precision == "admin2"  # a province: GeoNames' ADM2


def test_article_countries_disambiguate(nlp: Language, geocoder: Geocoder) -> None:
    american = analyse(
        "Storms hit Atlanta and Savannah overnight. Georgia declared an emergency, and "
        "the governor asked Washington for help.",
        nlp,
        geocoder,
    )
    assert only(american, "Georgia").admin1 == "US-GA"
    caucasus = analyse(
        "Protesters gathered in Tbilisi and Batumi. Georgia has applied to join the "
        "European Union, Armenian and Azerbaijani officials said.",
        nlp,
        geocoder,
    )
    assert only(caucasus, "Georgia").country == "GE"
    assert only(caucasus, "Georgia").precision == "country"


def test_government_readings_are_metonymic(nlp: Language, geocoder: Geocoder) -> None:
    facts = analyse(
        "Washington accused Moscow of meddling. Tourists still flock to Moscow in summer.",
        nlp,
        geocoder,
    )
    first, second = places_named(facts, "Moscow")
    assert first.metonymic and not second.metonymic
    assert only(facts, "Washington").metonymic
    assert first.country == second.country == "RU"


def test_mislabelled_and_untagged_places_are_found(nlp: Language, geocoder: Geocoder) -> None:
    facts = analyse(
        "The Red Cross said supplies reached Bulacan and Kentucky by Friday.", nlp, geocoder
    )
    assert only(facts, "Bulacan").country == "PH"
    assert only(facts, "Kentucky").admin1 == "US-KY"


def test_unknown_place_is_kept_with_a_reason(geocoder: Geocoder) -> None:
    (place,) = geocoder.resolve([Toponym(text="Xqzvillebury", start=0, end=12)])
    assert place.lat is None and place.country is None and place.confidence == 0.0
    assert place.reason and place.reason.startswith("not in the gazetteer")


def test_same_name_same_place_within_an_article(geocoder: Geocoder) -> None:
    text = "London said. London again."
    places = geocoder.resolve(
        [Toponym(text="London", start=0, end=6), Toponym(text="London", start=13, end=19)]
    )
    assert places[0].geonameid == places[1].geonameid and places[0].country == "GB"
    assert text[places[1].start : places[1].end] == "London"


def test_demonym_given_as_a_place_name_is_its_country(geocoder: Geocoder) -> None:
    (place,) = geocoder.resolve([Toponym(text="Russian", start=0, end=7)])
    assert (place.country, place.precision) == ("RU", "country")


def test_world_regions_seas_and_islands(nlp: Language, geocoder: Geocoder) -> None:
    facts = analyse(
        "Tensions in the Middle East rose as ships crossed the Mediterranean. Farmers on "
        "Java and in Rhode Island reported losses.",
        nlp,
        geocoder,
    )
    middle_east = only(facts, "Middle East")
    assert (middle_east.feature, middle_east.precision, middle_east.geonameid) == (
        "L.RGN",
        "continent",
        None,  # tidings' own entry: no GeoNames id
    )
    assert only(facts, "Mediterranean").feature == "H.SEA"
    assert (only(facts, "Java").country, only(facts, "Java").feature) == ("ID", "T.ISL")
    assert only(facts, "Rhode Island").admin1 == "US-RI"  # a state, though its head is "island"


def test_diseases_named_after_places_are_not_places(nlp: Language, geocoder: Geocoder) -> None:
    facts = analyse(
        "Ebola and West Nile virus cases rose in Uganda, where Marburg fever was also found.",
        nlp,
        geocoder,
    )
    assert [place.text for place in facts.places] == ["Uganda"]


def test_abbreviations_keep_their_full_stop(nlp: Language, geocoder: Geocoder) -> None:
    facts = analyse("He grew up in Louisville, Ky. and moved to Calif. in 2001.", nlp, geocoder)
    texts = {place.text: place for place in facts.places}
    assert texts["Ky."].admin1 == "US-KY"
    assert texts["Louisville"].admin1 == "US-KY"  # its container


def test_a_dateline_is_a_city(nlp: Language, geocoder: Geocoder) -> None:
    facts = analyse(
        "WASHINGTON (Reuters) - Lawmakers in Olympia and Seattle passed the bill.", nlp, geocoder
    )
    washington = only(facts, "WASHINGTON")
    assert (washington.feature, washington.admin1) == ("P.PPLC", "US-DC")


def test_small_namesake_abroad_is_not_placed(geocoder: Geocoder) -> None:
    toponyms = [
        Toponym(text="London", start=0, end=6),
        Toponym(text="Heathrow", start=11, end=19),
    ]
    london, heathrow = geocoder.resolve(toponyms, demonyms=["GB", "GB"])  # "British" ...
    assert london.country == "GB"
    # the only Heathrow in the bundled data is a town in Florida: not where this happened
    assert heathrow.lat is None and heathrow.reason and "namesake" in heathrow.reason


# --- the fake geocoder (tests/geocoders.py) is held to the real one ----------------------------


def test_the_fake_geocoder_has_the_real_ones_interface() -> None:
    public = {name for name in vars(Geocoder) if not name.startswith("_")}
    assert public == {"candidates", "country_place", "demonym", "resolve"}
    for name in public:
        real, fake = getattr(Geocoder, name), getattr(FakeGeocoder, name)
        assert inspect.signature(fake) == inspect.signature(real), name


@pytest.mark.parametrize(
    "name", ["Lima", "Seoul", "California", "Bulacan", "Mediterranean", "Laos"]
)
def test_the_fake_geocoder_places_a_name_as_the_real_one_does(
    geocoder: Geocoder, name: str
) -> None:
    """Given the place the real geocoder picks for a name alone, the fake gives the same Place
    (only its confidence is its own); a name it was not given stays unplaced with a reason."""
    toponym = Toponym(text=name, start=10, end=10 + len(name), entity="e1")
    (real,) = geocoder.resolve([toponym])
    (chosen,) = [
        c
        for c in geocoder.candidates(name)
        if (round(c.latitude, 5), c.name) == (real.lat, real.name)
    ]
    fake = FakeGeocoder({name: chosen}, demonyms={"Peruvian": "PE"})
    (found,) = fake.resolve([toponym])
    assert replace(found, confidence=real.confidence) == real
    assert fake.candidates(name.upper()) == [chosen] and fake.candidates("Atlantis") == []
    assert fake.demonym("peruvian") == "PE" and fake.demonym("Atlantean") is None
    (unknown,) = fake.resolve([Toponym(text="Atlantis", start=0, end=8)])
    (real_unknown,) = geocoder.resolve([Toponym(text="Atlantis", start=0, end=8)])
    assert replace(unknown, reason=real_unknown.reason) == real_unknown
    assert unknown.reason == UNKNOWN


def test_the_fake_geocoder_in_the_pipeline(nlp: Language) -> None:
    """Handed to extract, its places are the article's places, and the output keeps the
    contract; its country place is a PCLI row it was given."""
    peru = candidate("Peru", "PE", -10.0, -76.0, feature="A.PCLI", population=29_000_000)
    lima = candidate("Lima", "PE", -12.04, -77.03, feature="P.PPLC")
    fake = FakeGeocoder({"Lima": lima, "Peru": peru})
    text = "Floods hit Lima, the capital of Peru, on Monday, officials in Chile said."
    facts = analyse(text, nlp, fake)
    by_text = {p.text: p for p in facts.places}
    assert (by_text["Lima"].country, by_text["Lima"].precision) == ("PE", "city")
    assert by_text["Peru"].precision == "country"
    assert by_text["Chile"].lat is None and by_text["Chile"].reason == UNKNOWN
    assert fake.country_place("PE") == peru and fake.country_place("FR") is None
    validate(to_dict(facts))
