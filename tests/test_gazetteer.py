"""The offline gazetteer: build from bundled data, look up, import GeoNames files safely.

The lookups run on the small gazetteer (conftest.py, tests/small_gazetteer.py): real rows of
the full one, and the same places for every name the tests look up. One test builds the full
gazetteer through the CLI and holds the small one to it.
"""

from __future__ import annotations

import math
import shutil
import sqlite3
import zipfile
from pathlib import Path

import psutil
import pytest

from small_gazetteer import NAMES, differences
from tidings.errors import GazetteerError
from tidings.geo import (
    Gazetteer,
    build_gazetteer,
    default_gazetteer_path,
    import_geonames,
    name_key,
)
from tidings.geo import sources as sources_module
from tidings.settings import load_settings

SAMPLES = Path(__file__).parent / "samples" / "geo"
KOREA = SAMPLES / "korea.txt"


@pytest.fixture
def writable(built: Path, tmp_path: Path) -> Path:
    """A copy of the small gazetteer that a test may import into."""
    path = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(built, path)
    return path


# --- lookups on the bundled data -------------------------------------------------------------


def test_pyongyang_is_the_capital_of_north_korea(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Pyongyang")
    assert {c.feature_code for c in found} >= {"PPLC", "ADM1"}  # the city and its province
    top = next(c for c in found if c.feature_class == "P")
    assert top.country == "KP"
    assert top.latitude == pytest.approx(39.03, abs=0.05)
    assert top.longitude == pytest.approx(125.75, abs=0.05)
    assert (top.feature_class, top.feature_code) == ("P", "PPLC")
    assert top in gazetteer.lookup("P'yŏngyang")  # an alternate name, accents and all
    assert gazetteer.get(top.geonameid) == top


def test_paris_top_candidate_is_in_france(gazetteer: Gazetteer) -> None:
    candidates = gazetteer.lookup("Paris")
    assert candidates[0].country == "FR"
    assert {"US"} <= {candidate.country for candidate in candidates}  # namesakes are kept
    populations = [candidate.population for candidate in candidates]
    assert populations == sorted(populations, reverse=True)


def test_beijing_is_in_china(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Beijing")[0].country == "CN"
    assert gazetteer.lookup("北京")[0].country == "CN"


@pytest.mark.parametrize("name", ["Zürich", "Zurich", "ZURICH", "zuerich"])
def test_lookup_is_case_and_accent_insensitive(gazetteer: Gazetteer, name: str) -> None:
    top = gazetteer.lookup(name)[0]
    assert (top.name, top.country) == ("Zürich", "CH")


def test_name_key() -> None:
    assert name_key("Zürich") == name_key(" ZURICH ") == "zurich"
    assert name_key("P'yŏngyang-si") == "pyongyang si"
    assert name_key("Łódź") == "lodz"
    assert name_key("...") == ""
    assert name_key("Ærø  Þingvellir") == "aero thingvellir"
    assert name_key("a\tb__c") == "a b c"


@pytest.mark.parametrize(
    ("written", "key"),
    [("U.S.", "us"), ("US", "us"), ("U.S", "us"), ("U.S.A.", "usa"), ("B.C.", "bc"),
     ("D.C.", "dc"), ("U.K.", "uk"), ("Washington, D.C.", "washington dc"), ("Ky.", "ky"),
     ("St. Louis", "st louis"), ("3.5 km", "3 5 km"), ("P.E.I.", "pei")],
)  # fmt: skip
def test_name_key_joins_initials(written: str, key: str) -> None:
    assert name_key(written) == key


@pytest.mark.parametrize(
    "query", ["KR", "kr", "KOR", "South Korea", "Republic of Korea", "Korea, Republic of"]
)
def test_country_by_code_or_name(gazetteer: Gazetteer, query: str) -> None:
    country = gazetteer.country(query)
    assert country is not None
    assert (country.iso2, country.iso3, country.capital) == ("KR", "KOR", "Seoul")
    assert (country.latitude, country.longitude) == pytest.approx((37.0, 127.5))  # centroid
    assert country.demonym == "South Korean"
    assert country.borders == ("KP",)


@pytest.mark.parametrize(
    ("query", "iso2"),
    [("North Korea", "KP"), ("China", "CN"), ("Russia", "RU"), ("Vietnam", "VN"),
     ("Viet Nam", "VN"), ("Laos", "LA"), ("Thailand", "TH")],
)  # fmt: skip
def test_reference_article_countries(gazetteer: Gazetteer, query: str, iso2: str) -> None:
    country = gazetteer.country(query)
    assert country is not None and country.iso2 == iso2
    top = gazetteer.lookup(query)[0]  # a country is a place too, above its namesakes
    assert (top.country, top.feature_code, top.region) == (iso2, "PCLI", "")


@pytest.mark.parametrize(
    ("query", "iso2"),
    [("US", "US"), ("U.S.", "US"), ("USA", "US"), ("U.S.A.", "US"), ("America", "US"),
     ("UK", "GB"), ("U.K.", "GB"), ("Britain", "GB"), ("Great Britain", "GB"),
     ("South Korea", "KR"), ("North Korea", "KP"), ("Russia", "RU"), ("Vietnam", "VN"),
     ("Laos", "LA"), ("Syria", "SY"), ("Iran", "IR"), ("DRC", "CD"), ("DR Congo", "CD"),
     ("Congo-Kinshasa", "CD"), ("Burma", "MM"), ("Ivory Coast", "CI"),
     ("Czech Republic", "CZ"), ("Holland", "NL"), ("UAE", "AE"), ("Holy See", "VA")],
)  # fmt: skip
def test_common_country_names(gazetteer: Gazetteer, query: str, iso2: str) -> None:
    country = gazetteer.country(query)
    assert country is not None and country.iso2 == iso2
    top = gazetteer.lookup(query)[0]
    assert (top.country, top.feature_code, top.geonameid) == (iso2, "PCLI", country.geonameid)


def test_countries_are_at_their_centroid(gazetteer: Gazetteer) -> None:
    top = gazetteer.lookup("China")[0]
    assert (top.country, top.feature_code) == ("CN", "PCLI")
    assert (top.latitude, top.longitude) == pytest.approx((35, 105), abs=1)
    united_states = gazetteer.country("US")
    assert united_states is not None
    assert (united_states.latitude, united_states.longitude) == pytest.approx((38, -97), abs=1)
    assert united_states.demonym == "American"


def test_no_name_points_at_two_countries(gazetteer: Gazetteer) -> None:
    assert gazetteer.country("Korea") is None  # North or South: neither
    assert gazetteer.country("Island") is None  # countryinfo's spelling of Iceland, a word
    assert gazetteer.country("Thai") is None  # a demonym, not a name
    assert [c.country for c in gazetteer.lookup("Congo") if c.feature_code == "PCLI"] == ["CG"]
    places = [c for c in gazetteer.lookup("Korea") if c.feature_code.startswith("PCL")]
    assert places == []


def test_borders(gazetteer: Gazetteer) -> None:
    north_korea = gazetteer.country("KP")
    assert north_korea is not None
    assert {"CN", "KR"} <= set(north_korea.borders)
    assert north_korea.demonym == "North Korean"
    kosovo_neighbour = gazetteer.country("Serbia")  # countryinfo writes Kosovo as XKX
    assert kosovo_neighbour is not None and "XK" in kosovo_neighbour.borders
    island = gazetteer.country("JP")
    assert island is not None and island.borders == ()


@pytest.mark.parametrize(
    ("word", "iso2"),
    [("North Korean", "KP"), ("North Koreans", "KP"), ("Chinese", "CN"), ("Americans", "US"),
     ("American", "US"), ("British", "GB"), ("French", "FR"), ("Dutch", "NL"),
     ("Turkish", "TR"), ("Spanish", "ES"), ("Swiss", "CH"), ("Thai", "TH"), ("Lao", "LA"),
     ("Laotian", "LA"), ("Vietnamese", "VN"), ("Russians", "RU"), ("Syrian", "SY"),
     ("Filipinos", "PH"), ("Philippine", "PH"), ("Emirati", "AE"), ("Indian", "IN"),
     ("south korean", "KR")],
)  # fmt: skip
def test_demonyms(gazetteer: Gazetteer, word: str, iso2: str) -> None:
    assert gazetteer.demonym(word) == iso2


@pytest.mark.parametrize(
    "word", ["Congolese", "Korean", "Dominican", "Chineses", "Laos", "Djibouti", "Paris", ""]
)
def test_words_that_are_no_demonym_of_one_country(gazetteer: Gazetteer, word: str) -> None:
    assert gazetteer.demonym(word) is None


def test_continents(gazetteer: Gazetteer) -> None:
    africa = gazetteer.lookup("Africa")[0]
    assert (africa.geonameid, africa.feature_class, africa.feature_code) == (6255146, "L", "CONT")
    assert (africa.latitude, africa.longitude) == pytest.approx((7.1881, 21.0937), abs=1e-3)
    assert (africa.country, africa.region) == ("", "")
    expected = {
        "Asia": 6255147, "Europe": 6255148, "North America": 6255149, "South America": 6255150,
        "Oceania": 6255151, "Antarctica": 6255152,
    }  # fmt: skip
    for name, geonameid in expected.items():
        assert geonameid in [c.geonameid for c in gazetteer.lookup(name)], name
    europe = gazetteer.get(6255148)
    assert europe is not None and europe.latitude == pytest.approx(48.691, abs=1e-3)


def test_first_level_divisions(gazetteer: Gazetteer) -> None:
    california = [c for c in gazetteer.lookup("California") if c.feature_code == "ADM1"]
    assert [(c.country, c.region, c.admin1) for c in california] == [("US", "US-CA", "CA")]
    (state,) = california
    assert _km(state.latitude, state.longitude, 37, -120) < 300
    assert state.geonameid < 0  # not a GeoNames feature: written as null
    # its population is estimated from its cities (a lower bound), so it outranks the towns
    assert state.population > 30_000_000
    assert gazetteer.lookup("California")[0] == state
    assert gazetteer.get(state.geonameid) == state
    kentucky = gazetteer.lookup("Ky.")[0]
    assert (kentucky.name, kentucky.feature_code, kentucky.region) == ("Kentucky", "ADM1", "US-KY")
    new_south_wales = gazetteer.lookup("NSW")[0]
    assert (new_south_wales.name, new_south_wales.country) == ("New South Wales", "AU")
    assert new_south_wales.region == "AU-NSW"


@pytest.mark.parametrize(
    ("written", "region"),
    [("Calif.", "US-CA"), ("Mass.", "US-MA"), ("Fla.", "US-FL"), ("N.Y.", "US-NY"),
     ("Wash.", "US-WA"), ("Ga.", "US-GA"), ("Tex.", "US-TX"), ("W.Va.", "US-WV"),
     ("D.C.", "US-DC"), ("B.C.", "CA-BC"), ("Ont.", "CA-ON"), ("Que.", "CA-QC"),
     ("Alta.", "CA-AB"), ("Sask.", "CA-SK"), ("N.S.", "CA-NS"), ("Qld", "AU-QLD"),
     ("Vic.", "AU-VIC"), ("Tas.", "AU-TAS"), ("Gyeonggi", "KR-41"), ("Gyeonggi-do", "KR-41"),
     ("Guangdong", "CN-GD"), ("Bayern", "DE-BY"), ("Scotland", "GB-SCT")],
)  # fmt: skip
def test_division_names_and_abbreviations(gazetteer: Gazetteer, written: str, region: str) -> None:
    divisions = [c for c in gazetteer.lookup(written) if c.feature_code == "ADM1"]
    assert region in [c.region for c in divisions]


def test_not_every_word_is_a_division(gazetteer: Gazetteer) -> None:
    assert not [c for c in gazetteer.lookup("Man.") if c.feature_code == "ADM1"]  # Manitoba
    assert not [c for c in gazetteer.lookup("CA") if c.feature_code == "ADM1"]  # postal code
    free_state = [c for c in gazetteer.lookup("Free State") if c.feature_class == "A"]
    assert [(c.country, c.region) for c in free_state] == [("ZA", "ZA-FS")]
    assert not [c for c in gazetteer.lookup("Free") if c.feature_class == "A"]  # no "State"
    assert not [c for c in gazetteer.lookup("Down") if c.country == "US"]  # Alaska's "native"


def test_second_level_divisions_carry_their_region(gazetteer: Gazetteer) -> None:
    (bulacan,) = [c for c in gazetteer.lookup("Bulacan") if c.feature_class == "A"]
    assert (bulacan.feature_code, bulacan.region) == ("ADM2", "PH-03")


def test_cities_carry_their_region(gazetteer: Gazetteer) -> None:
    pyongyang = next(c for c in gazetteer.lookup("Pyongyang") if c.feature_class == "P")
    assert (pyongyang.feature_code, pyongyang.admin1, pyongyang.region) == ("PPLC", "12", "KP-01")
    assert gazetteer.admin1_region("KP", "12") == "KP-01"
    paris = gazetteer.lookup("Paris")[0]
    assert (paris.admin1, paris.region) == ("11", "FR-IDF")
    assert gazetteer.admin1_name("FR", "11") == "Île-de-France"
    assert gazetteer.lookup("Sacramento")[0].region == "US-CA"
    assert gazetteer.lookup("Edinburgh")[0].region == "GB-SCT"
    assert gazetteer.lookup("Bandung")[0].region == "ID-JB"  # a province, not the island


def test_lookup_many(gazetteer: Gazetteer) -> None:
    names = ["Pyongyang", "Paris", "P'yŏngyang", "Nowhere Land", "", "Paris"]
    found = gazetteer.lookup_many(names)
    assert list(found) == ["Pyongyang", "Paris", "P'yŏngyang", "Nowhere Land", ""]
    for name in found:
        assert found[name] == gazetteer.lookup(name)
    many = [f"Name {number}" for number in range(1200)] + ["Seoul"]
    assert gazetteer.lookup_many(many)["Seoul"] == gazetteer.lookup("Seoul")


def test_unknown_names(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Qwxzzy Nowhere") == []
    assert gazetteer.lookup("  ") == []
    assert gazetteer.country("Atlantis") is None
    assert gazetteer.get(1) is None


def test_subdivisions_and_admin1(gazetteer: Gazetteer) -> None:
    (bulacan,) = gazetteer.subdivisions("Bulacan")
    assert (bulacan.code, bulacan.country) == ("PH-BUL", "PH")
    assert gazetteer.subdivisions("kp-01")[0].country == "KP"
    assert gazetteer.admin1_name("US", "CA") == "California"
    assert gazetteer.admin1_region("US", "CA") == "US-CA"
    assert gazetteer.admin1_region("US", "XX") is None


def test_info(gazetteer: Gazetteer) -> None:
    info = gazetteer.info()
    assert info["schema"] == "2"
    assert "countrystatecity" in str(info["sources"]) and "ODbL" in str(info["sources"])
    assert int(info["countries"]) == len(gazetteer.countries()) >= 249
    assert 2_000 < int(info["places"]) < 5_000  # the small one: see tests/small_gazetteer.py


@pytest.mark.full_gazetteer
def test_the_full_gazetteer_built_through_the_cli(full_gazetteer: Path, built: Path) -> None:
    """The one full build of a test run (the fixture runs `tidings gazetteer build`): what it
    holds, and that the small gazetteer the other tests use is a true part of it."""
    with Gazetteer(full_gazetteer) as full:
        info = full.info()
        assert int(info["places"]) > 235_000
        assert int(info["names"]) > 1_000_000
        assert int(info["countries"]) >= 249
        assert int(info["subdivisions"]) > 5_000
        assert int(info["demonyms"]) > 300
        assert int(info["admin1"]) > 3_000
        assert info["schema"] == "2"
        assert 50 * 2**20 < int(info["bytes"]) < 100 * 2**20
        assert len(full.lookup("Springfield")) > 30  # namesakes the small one leaves out
        with Gazetteer(built) as small:
            assert small.lookup_many(NAMES) == full.lookup_many(NAMES)  # Springfield's too
            assert small.countries() == full.countries()
    assert differences(built, full_gazetteer) == []


def test_a_version_1_file_is_refused(built: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    shutil.copyfile(built, old)
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema'")
    db.close()
    with pytest.raises(GazetteerError, match="schema 1, expected 2; rebuild it"):
        Gazetteer(old)
    with pytest.raises(GazetteerError, match="rebuild it"):
        import_geonames(KOREA, old)


def test_memory_stays_small(full_gazetteer: Path) -> None:
    process = psutil.Process()
    before = process.memory_info().rss
    names = ["Pyongyang", "Paris", "Springfield", "Seoul", "Nowhere Land"] * 200
    with Gazetteer(full_gazetteer) as gazetteer:
        for name in names:
            gazetteer.lookup(name)
        grown = process.memory_info().rss - before
    assert grown < 50 * 2**20  # the index is on disk, not in RAM


# --- opening and building --------------------------------------------------------------------


def test_missing_or_foreign_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no gazetteer here"):
        Gazetteer(tmp_path / "absent.sqlite")
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not sqlite at all " * 100)
    with pytest.raises(GazetteerError, match="not a gazetteer"):
        Gazetteer(junk)


def test_failed_build_leaves_the_old_index(writable: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = writable.read_bytes()

    def broken(name: str) -> dict[str, object]:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sources_module, "geonames_data", broken)
    with pytest.raises(GazetteerError, match="building the gazetteer failed"):
        build_gazetteer(writable)
    assert writable.read_bytes() == before
    assert sorted(p.name for p in writable.parent.iterdir()) == [writable.name]


def test_settings_gazetteer_path(tmp_path: Path) -> None:
    assert load_settings(environ={}).gazetteer_path is None
    settings = load_settings(environ={"TIDINGS_GAZETTEER_PATH": str(tmp_path / "g.sqlite")})
    assert settings.gazetteer_path == tmp_path / "g.sqlite"
    assert default_gazetteer_path({"XDG_DATA_HOME": "/data"}) == Path(
        "/data/tidings/gazetteer.sqlite"
    )
    assert default_gazetteer_path({}).parts[-3:] == ("share", "tidings", "gazetteer.sqlite")


# --- importing GeoNames files ----------------------------------------------------------------


def _counts(path: Path) -> tuple[int, int]:
    with Gazetteer(path) as gazetteer:
        info = gazetteer.info()
    return int(info["places"]), int(info["names"])


def test_import_adds_panmunjom_and_the_tumen_river(writable: Path) -> None:
    result = import_geonames(KOREA, writable)
    assert result.places == 3
    with Gazetteer(writable) as gazetteer:
        (panmunjom,) = gazetteer.lookup("Panmunjom")
        assert panmunjom.latitude == pytest.approx(37.9558)
        assert panmunjom.longitude == pytest.approx(126.6772)
        assert (panmunjom.country, panmunjom.feature_class) == ("KP", "P")
        # the sample gives GeoNames admin1 13, which the build maps to Ryanggang (KP-10)
        assert (panmunjom.admin1, panmunjom.region) == ("13", "KP-10")
        assert gazetteer.lookup("판문점") == [panmunjom]
        (river,) = gazetteer.lookup("Tumen River")
        assert (river.feature_class, river.feature_code) == ("H", "STM")
        assert river.region == ""  # no admin1 code
        tumen = gazetteer.lookup("Tumen")
        assert river in tumen and any(c.feature_class == "P" for c in tumen)
        assert gazetteer.lookup("DMZ")[0].feature_code == "ZN"
        assert gazetteer.lookup("Pyongyang")[0].country == "KP"  # the rest is untouched


def test_reimport_does_not_duplicate(writable: Path) -> None:
    import_geonames(KOREA, writable)
    once = _counts(writable)
    import_geonames(KOREA, writable)
    assert _counts(writable) == once
    with Gazetteer(writable) as gazetteer:
        assert len(gazetteer.lookup("Panmunjom")) == 1


def test_reimport_replaces_a_changed_row(writable: Path, tmp_path: Path) -> None:
    import_geonames(KOREA, writable)
    text = KOREA.read_text(encoding="utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text(
        text.replace("Panmunjom\tPanmunjom", "Panmunjeom\tPanmunjeom").replace(
            "Joint Security Area,", ""
        ),
        encoding="utf-8",
    )
    import_geonames(changed, writable)
    with Gazetteer(writable) as gazetteer:
        assert [c.name for c in gazetteer.lookup("Panmunjom")] == ["Panmunjeom"]  # alternate
        assert gazetteer.lookup("Joint Security Area") == []  # names went with the old row


def _corrupt(tmp_path: Path, bad_line: str) -> Path:
    path = tmp_path / "corrupt.txt"
    good = KOREA.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*good[:2], bad_line, *good[2:]]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("99000009\tShort\tShort\t\t37.9\t126.6\tP\tPPL", "expected 19 tab-separated columns"),
        ("\t".join(["99000009", "X", "X", "", "north", "126.6"] + [""] * 13), "latitude 'north'"),
        ("\t".join(["99000009", "X", "X", "", "97.0", "126.6"] + [""] * 13), "out of range"),
        ("\t".join(["9" * 25, "X", "X", "", "37.0", "126.6"] + [""] * 13), "geonameid 9+ is out"),
        (
            "\t".join(["99000009", "X", "X", "", "37", "126", *[""] * 8, "-5", *[""] * 4]),
            "population -5 is out of range",
        ),
    ],
)
def test_corrupt_file_is_refused_and_changes_nothing(
    writable: Path, tmp_path: Path, bad_line: str, message: str
) -> None:
    before = _counts(writable)
    corrupt = _corrupt(tmp_path, bad_line)
    with pytest.raises(GazetteerError, match=message) as caught:
        import_geonames(corrupt, writable)
    assert f"{corrupt}: line 3" in str(caught.value)
    assert _counts(writable) == before
    with Gazetteer(writable) as gazetteer:
        assert gazetteer.lookup("Panmunjom") == []  # lines 1-2 were rolled back too
        assert gazetteer.lookup("Pyongyang")[0].country == "KP"


def test_wrong_kinds_of_file(writable: Path, tmp_path: Path) -> None:
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00")
    with pytest.raises(GazetteerError, match=r"image\.txt: line 3: binary data \(NUL bytes\)"):
        import_geonames(binary, writable)
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    with pytest.raises(GazetteerError, match="no GeoNames rows"):
        import_geonames(empty, writable)
    with pytest.raises(GazetteerError, match="no such file"):
        import_geonames(tmp_path / "absent.zip", writable)


def test_zip_input(writable: Path, tmp_path: Path) -> None:
    archive = tmp_path / "KP.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.write(KOREA, "KP.txt")
        handle.writestr("readme.txt", "GeoNames country file\n")
    assert import_geonames(archive, writable).places == 3
    with Gazetteer(writable) as gazetteer:
        assert gazetteer.lookup("Panmunjom")[0].latitude == pytest.approx(37.9558)


def test_an_imported_division_keeps_its_region(writable: Path, tmp_path: Path) -> None:
    division = "\t".join(
        ["99000010", "Pyongyang", "Pyongyang", "P'yŏngyang-si", "39.0", "125.75", "A", "ADM1",
         "KP", "", "12", "", "", "", "3255288", "", "30", "Asia/Pyongyang", "2026-01-15"]
    )  # fmt: skip
    dump = tmp_path / "adm1.txt"
    dump.write_text(division + "\n", encoding="utf-8")
    import_geonames(dump, writable)
    with Gazetteer(writable) as gazetteer:
        assert gazetteer.get(99000010) is not None
        assert gazetteer.get(99000010).region == "KP-01"  # type: ignore[union-attr]
        assert gazetteer.admin1_name("KP", "12") == "Pyongyang"  # GeoNames' name now
        assert gazetteer.admin1_region("KP", "12") == "KP-01"  # the mapping stays


def _km(latitude: float, longitude: float, other_latitude: float, other_longitude: float) -> float:
    north = (latitude - other_latitude) * 111.2
    east = (longitude - other_longitude) * 111.2 * math.cos(math.radians(latitude))
    return math.hypot(north, east)


# --- the command line ------------------------------------------------------------------------


def test_cli_import_and_info(writable: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tidings.cli import main

    path = writable
    places = _counts(path)[0]
    runner = CliRunner()
    result = runner.invoke(main, ["gazetteer", "import", str(KOREA), "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 places" in result.output and "building" not in result.output
    result = runner.invoke(main, ["gazetteer", "info", "--path", str(path)])
    assert result.exit_code == 0 and f"places: {places + 3:,}" in result.output
    bad = _corrupt(tmp_path, "broken")
    result = runner.invoke(main, ["gazetteer", "import", str(bad), "--path", str(path)])
    assert result.exit_code == 2 and f"error: {bad}: line 3" in result.output
    result = runner.invoke(main, ["gazetteer", "info", "--path", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 2 and "no gazetteer here" in result.output


def test_cli_uses_the_settings_path(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from tidings.cli import main

    shutil.copyfile(built, tmp_path / "env.sqlite")
    monkeypatch.setenv("TIDINGS_GAZETTEER_PATH", str(tmp_path / "env.sqlite"))
    result = CliRunner().invoke(main, ["gazetteer", "info"])
    assert result.exit_code == 0, result.output
    assert str(tmp_path / "env.sqlite") in result.output


@pytest.mark.parametrize("command", ["build", "import", "info"])
def test_cli_help_has_an_example(command: str) -> None:
    from click.testing import CliRunner

    from tidings.cli import main

    result = CliRunner().invoke(main, ["gazetteer", command, "--help"])
    assert result.exit_code == 0 and "Examples:" in result.output


def test_importing_a_country_row_keeps_its_names(writable: Path, tmp_path: Path) -> None:
    """allCountries.zip has a row for every country: GeoNames' point replaces the centroid,
    and the short names tidings knows the country by still find it."""
    row = [
        "1835841", "South Korea", "South Korea", "Republic of Korea,Daehan Minguk",
        "36.5", "127.75", "A", "PCLI", "KR", "", "00", "", "", "", "51635256", "", "110",
        "Asia/Seoul", "2026-01-15",
    ]  # fmt: skip
    dump = tmp_path / "KR.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    import_geonames(dump, writable)
    with Gazetteer(writable) as gazetteer:
        # "Korea, Republic of" (ISO) is not among the dump's names: the import kept it
        for name in ("South Korea", "Korea, Republic of", "Republic of Korea"):
            found = [c for c in gazetteer.lookup(name) if c.feature_code == "PCLI"]
            assert found and (found[0].latitude, found[0].longitude) == (36.5, 127.75), name


def test_a_geonames_division_replaces_the_bundled_one(writable: Path, tmp_path: Path) -> None:
    row = [
        "6254925", "Kentucky", "Kentucky", "Commonwealth of Kentucky", "38.20042", "-84.87762",
        "A", "ADM1", "US", "", "KY", "", "", "", "4339367", "", "232", "America/New_York",
        "2026-01-15",
    ]  # fmt: skip
    dump = tmp_path / "US.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    import_geonames(dump, writable)
    with Gazetteer(writable) as gazetteer:
        for name in ("Kentucky", "Ky.", "Commonwealth of Kentucky"):
            divisions = [c for c in gazetteer.lookup(name) if c.feature_code == "ADM1"]
            assert [(c.geonameid, c.region) for c in divisions] == [(6254925, "US-KY")], name
        assert divisions[0].latitude == pytest.approx(38.2, abs=0.01)
