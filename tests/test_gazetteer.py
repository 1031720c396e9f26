"""The offline gazetteer: build from bundled data, look up, import GeoNames files safely."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import psutil
import pytest

from tidings.errors import GazetteerError
from tidings.geo import (
    Gazetteer,
    build_gazetteer,
    default_gazetteer_path,
    import_geonames,
    name_key,
)
from tidings.geo import builder as builder_module
from tidings.settings import load_settings

SAMPLES = Path(__file__).parent / "samples" / "geo"
KOREA = SAMPLES / "korea.txt"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real index, built once per session through the CLI (about 15 s)."""
    from click.testing import CliRunner

    from tidings.cli import main

    path = tmp_path_factory.mktemp("gazetteer") / "gazetteer.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "build", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "MiB" in result.output
    return path


@pytest.fixture(scope="session")
def gazetteer(built: Path) -> Gazetteer:
    return Gazetteer(built)


@pytest.fixture
def writable(built: Path, tmp_path: Path) -> Path:
    """A copy of the built index that a test may import into."""
    path = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(built, path)
    return path


# --- lookups on the bundled data -------------------------------------------------------------


def test_pyongyang_is_the_capital_of_north_korea(gazetteer: Gazetteer) -> None:
    top = gazetteer.lookup("Pyongyang")[0]
    assert top.country == "KP"
    assert top.latitude == pytest.approx(39.03, abs=0.05)
    assert top.longitude == pytest.approx(125.75, abs=0.05)
    assert (top.feature_class, top.feature_code) == ("P", "PPLC")
    assert gazetteer.lookup("P'yŏngyang")[0] == top  # an alternate name, accents and all
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


@pytest.mark.parametrize(
    "query", ["KR", "kr", "KOR", "South Korea", "Republic of Korea", "Korea, Republic of"]
)
def test_country_by_code_or_name(gazetteer: Gazetteer, query: str) -> None:
    country = gazetteer.country(query)
    assert country is not None
    assert (country.iso2, country.iso3, country.capital) == ("KR", "KOR", "Seoul")
    assert country.latitude == pytest.approx(37.57, abs=0.05)


@pytest.mark.parametrize(
    ("query", "iso2"),
    [("North Korea", "KP"), ("China", "CN"), ("Russia", "RU"), ("Vietnam", "VN"),
     ("Viet Nam", "VN"), ("Laos", "LA"), ("Thailand", "TH")],
)  # fmt: skip
def test_reference_article_countries(gazetteer: Gazetteer, query: str, iso2: str) -> None:
    country = gazetteer.country(query)
    assert country is not None and country.iso2 == iso2
    top = gazetteer.lookup(query)[0]  # a country is a place too, above its namesakes
    assert (top.country, top.feature_code) == (iso2, "PCLI")


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


def test_info_counts(gazetteer: Gazetteer) -> None:
    info = gazetteer.info()
    assert int(info["places"]) > 230_000
    assert int(info["countries"]) >= 249
    assert int(info["subdivisions"]) > 5_000


def test_memory_stays_small(built: Path) -> None:
    process = psutil.Process()
    before = process.memory_info().rss
    names = ["Pyongyang", "Paris", "Springfield", "Seoul", "Nowhere Land"] * 200
    with Gazetteer(built) as gazetteer:
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

    monkeypatch.setattr(builder_module, "_geonames_data", broken)
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
        assert gazetteer.lookup("판문점") == [panmunjom]
        (river,) = gazetteer.lookup("Tumen River")
        assert (river.feature_class, river.feature_code) == ("H", "STM")
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
    with pytest.raises(GazetteerError, match="line 1"):
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


def test_import_into_a_new_gazetteer(tmp_path: Path) -> None:
    path = tmp_path / "only-korea.sqlite"
    import_geonames(KOREA, path)
    with Gazetteer(path) as gazetteer:
        assert gazetteer.lookup("Tumangang")[0].feature_code == "STM"
        assert gazetteer.country("KR") is None
    with pytest.raises(GazetteerError):
        import_geonames(_corrupt(tmp_path, "broken"), tmp_path / "never.sqlite")
    assert not (tmp_path / "never.sqlite").exists()


# --- the command line ------------------------------------------------------------------------


def test_cli_import_and_info(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from tidings.cli import main

    path = tmp_path / "cli.sqlite"
    runner = CliRunner()
    result = runner.invoke(main, ["gazetteer", "import", str(KOREA), "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "3 places" in result.output
    result = runner.invoke(main, ["gazetteer", "info", "--path", str(path)])
    assert result.exit_code == 0 and "places: 3" in result.output
    bad = _corrupt(tmp_path, "broken")
    result = runner.invoke(main, ["gazetteer", "import", str(bad), "--path", str(path)])
    assert result.exit_code == 1 and "line 3" in result.output
    result = runner.invoke(main, ["gazetteer", "info", "--path", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1 and "no gazetteer here" in result.output


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
