"""Geoparsing evaluation: GeoVirus and TR-News reading, span and distance scoring.

The sample files are written here, with our own sentences, in the two sets' formats; the real
sets are read only by the last test, from ../shared/eval (never copied into the project).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.evaluation.places.gold import (
    ANCHORS,
    read_dataset,
    read_geovirus,
    read_tr_news,
)
from tidings.evaluation.places.scores import (
    EARTH_RADIUS_KM,
    MAXIMUM_ERROR_KM,
    ErrorDistances,
    GoldArticle,
    GoldToponym,
    PredictedToponym,
    area_under_curve,
    gold_spans,
    great_circle_km,
    score_article,
    score_articles,
)

GEOPARSING = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geoparsing"

# --- sample files ---------------------------------------------------------------------------

CHOLERA = "Cholera cases rose in Lagos & Abuja, Nigeria, officials in Lagos said."
CHOLERA_XML = "Cholera cases rose in Lagos &amp; Abuja, Nigeria, officials in Lagos said."
FLU = "Flu reached Lima on Monday."
PLACES = {
    "Lagos": (6.45, 3.39),
    "Abuja": (9.07, 7.48),
    "Nigeria": (10.0, 8.0),
    "Lima": (-12.05, -77.04),
}


def geovirus_location(name: str, start: int, nested: str = "") -> str:
    """A GeoVirus location; like the real file, offsets count from one (``start`` is where
    the name is in the parsed text)."""
    lat, lon = PLACES[name]
    return (
        f"<location>{nested}<name>{name}</name><start>{start + 1}</start>"
        f"<end>{start + len(name) + 1}</end><lat>{lat}</lat><lon>{lon}</lon>"
        f"<page>https://en.wikipedia.org/wiki/{name}</page></location>"
    )


def geovirus_xml() -> str:
    second_lagos = CHOLERA.index("Lagos", CHOLERA.index("Lagos") + 1)
    nested = geovirus_location("Abuja", CHOLERA.index("Abuja"))  # a stray tag, as in the set
    return f"""<articles>
    <article>
        <source>https://example.org/cholera</source>
        <text>{CHOLERA_XML}</text>
        <locations>
            {geovirus_location("Lagos", CHOLERA.index("Lagos"))}
            {geovirus_location("Nigeria", CHOLERA.index("Nigeria"), nested=nested)}
            {geovirus_location("Lagos", second_lagos)}
        </locations>
    </article>
    <!--<article><text>Left out.</text><locations></locations></article>-->
    <article>
        <source>https://example.org/flu</source>
        <text>{FLU}</text>
        <locations>{geovirus_location("Lima", FLU.index("Lima"))}</locations>
    </article>
</articles>
"""


FIRE = """Fire crews from Halifax were sent to Truro.
Residents of Truro and Kenyan visitors fled to Main Street and to Halifax."""


def tr_news_toponym(phrase: str, start: int, end: int, geonameid: int | None = 0) -> str:
    gaztag = ""
    if geonameid is not None:
        gaztag = (
            f'<gaztag geonameid="{geonameid}"><name>{phrase}</name><fclass>P</fclass>'
            f"<fcode>PPL</fcode><lat>45.0</lat><lon>-63.0</lon></gaztag>"
        )
    span = f"<start>{start}</start><end>{end}</end>"
    return f"<toponym><phrase>{phrase}</phrase>{span}{gaztag}</toponym>"


def tr_news_xml() -> str:
    halifax = FIRE.index("Halifax")
    truro = FIRE.index("Truro")
    second_truro = FIRE.index("Truro", truro + 1)
    kenya = FIRE.index("Kenyan")
    street = FIRE.index("Main Street")
    last_halifax = FIRE.rindex("Halifax")
    toponyms = [
        tr_news_toponym("Halifax", halifax, halifax + 7, 6324729),
        tr_news_toponym("Truro", truro, truro + 5, 6169587),
        # after the line break the stated offsets run 2 characters late, as in TR-News
        tr_news_toponym("Truro", second_truro + 2, second_truro + 7, 6169587),
        tr_news_toponym("Kenyan", kenya + 2, kenya + 7, 192950),  # and the end cuts it short
        tr_news_toponym("Main Street", street + 2, street + 13, None),
        tr_news_toponym("Halifax", last_halifax + 2, last_halifax + 9, 6324729),
    ]
    return f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
    <article docid="9000001">
        <title>Fire</title>
        <text><![CDATA[{FIRE}]]></text>
        <toponyms>{"".join(toponyms)}</toponyms>
    </article>
</articles>
"""


@pytest.fixture
def geovirus_file(tmp_path: Path) -> Path:
    path = tmp_path / "GeoVirus.xml"
    path.write_text(geovirus_xml(), encoding="utf-8")
    return path


@pytest.fixture
def tr_news_file(tmp_path: Path) -> Path:
    path = tmp_path / "TR-News.xml"
    path.write_text(tr_news_xml(), encoding="utf-8")
    return path


# --- loaders --------------------------------------------------------------------------------


def test_geovirus_offsets_point_at_the_names(geovirus_file: Path) -> None:
    dataset = read_geovirus(geovirus_file)
    assert dataset.name == "GeoVirus" and dataset == read_dataset(geovirus_file)
    assert [a.identifier for a in dataset.articles] == ["1", "2"]  # the comment is left out
    cholera, flu = dataset.articles
    assert cholera.text == CHOLERA  # &amp; is one character, and offsets count it as one
    assert [t.name for t in cholera.toponyms] == ["Lagos", "Abuja", "Nigeria", "Lagos"]
    for article in dataset.articles:
        for toponym in article.toponyms:
            assert article.text[toponym.start : toponym.end] == toponym.name
    assert dataset.toponyms == 5 and dataset.realigned == 5  # all one past, all moved back
    assert cholera.toponyms[1].lat == 9.07 and cholera.toponyms[1].lon == 7.48
    assert flu.toponyms[0].geonameid is None


def test_tr_news_offsets_are_realigned_to_the_names(tr_news_file: Path) -> None:
    dataset = read_tr_news(tr_news_file)
    assert dataset.name == "TR-News" and dataset == read_dataset(tr_news_file)
    (article,) = dataset.articles
    assert article.identifier == "9000001" and article.text == FIRE
    names = [(t.name, t.start) for t in article.toponyms]
    assert names == [
        ("Halifax", FIRE.index("Halifax")),
        ("Truro", FIRE.index("Truro")),
        ("Truro", FIRE.index("Truro", FIRE.index("Truro") + 1)),
        ("Kenyan", FIRE.index("Kenyan")),
        ("Main Street", FIRE.index("Main Street")),
        ("Halifax", FIRE.rindex("Halifax")),
    ]
    for toponym in article.toponyms:
        assert FIRE[toponym.start : toponym.end] == toponym.name
    assert dataset.realigned == 4
    street = article.toponyms[4]
    assert street.lat is None and street.lon is None and street.geonameid is None
    assert article.toponyms[0].geonameid == 6324729 and article.toponyms[0].lat == 45.0


def test_gold_spans_are_the_sorted_distinct_spans() -> None:
    article = GoldArticle(
        identifier="a",
        text="Lima and Lagos",
        toponyms=(
            GoldToponym(start=9, end=14, name="Lagos", lat=6.45, lon=3.39),
            GoldToponym(start=0, end=4, name="Lima", lat=-12.05, lon=-77.04),
            GoldToponym(start=9, end=14, name="Lagos", lat=6.45, lon=3.39),
        ),
    )
    assert gold_spans(article) == ((0, 4), (9, 14))


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        read_dataset(tmp_path / "absent.xml")
    assert "absent.xml" in str(caught.value)


def test_malformed_xml_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text(geovirus_xml()[:200], encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed XML") as caught:
        read_geovirus(path)
    assert str(path) in str(caught.value)


def test_a_file_of_another_format_is_an_input_error(tmp_path: Path, tr_news_file: Path) -> None:
    path = tmp_path / "other.xml"
    path.write_text("<root><item/></root>", encoding="utf-8")
    with pytest.raises(InputError, match="neither GeoVirus nor TR-News"):
        read_dataset(path)
    with pytest.raises(InputError, match="has no <locations>"):
        read_geovirus(tr_news_file)


@pytest.mark.parametrize(
    ("broken", "reason"),
    [
        ("<start>23</start>", "<start>x</start>"),
        ("<lat>6.45</lat>", "<lat>north</lat>"),
        ("<name>Lagos</name>", "<name>Kano</name>"),
    ],
)
def test_bad_values_are_input_errors(tmp_path: Path, broken: str, reason: str) -> None:
    path = tmp_path / "GeoVirus.xml"
    path.write_text(geovirus_xml().replace(broken, reason, 1), encoding="utf-8")
    with pytest.raises(InputError, match="article 1") as caught:
        read_geovirus(path)
    assert str(path) in str(caught.value)


# --- scoring --------------------------------------------------------------------------------

PARIS, LONDON, LYON = (48.8566, 2.3522), (51.5074, -0.1278), (45.764, 4.8357)
STORM = "Storms hit Lyon and Paris; London sent help to Springfield."


def storm() -> GoldArticle:
    def gold(name: str, place: tuple[float, float] | None) -> GoldToponym:
        start = STORM.index(name)
        lat, lon = place if place else (None, None)
        return GoldToponym(start=start, end=start + len(name), name=name, lat=lat, lon=lon)

    return GoldArticle(
        identifier="storm",
        text=STORM,
        toponyms=(
            gold("Lyon", LYON),
            gold("Paris", PARIS),
            gold("London", LONDON),
            gold("Springfield", None),
        ),
    )


def predicted(word: str, place: tuple[float, float] | None = None) -> PredictedToponym:
    start = STORM.index(word)
    lat, lon = place if place else (None, None)
    return PredictedToponym(start=start, end=start + len(word), lat=lat, lon=lon)


def test_great_circle_distances() -> None:
    assert great_circle_km(*PARIS, *LONDON) == pytest.approx(343.5, abs=0.5)
    assert great_circle_km(0, 0, 0, 1) == pytest.approx(EARTH_RADIUS_KM * math.pi / 180)
    assert great_circle_km(0, 0, 0, 180) == pytest.approx(EARTH_RADIUS_KM * math.pi)
    assert great_circle_km(*LYON, *LYON) == 0.0


def test_spans_and_errors_of_one_article() -> None:
    scores = score_article(
        storm(),
        [
            predicted("Lyon", LYON),  # right place: 0 km
            predicted("Paris", LONDON),  # put in London: about 344 km
            predicted("Paris", PARIS),  # the same span again: the first counts
            predicted("Storms", LYON),  # not a place: a false positive
            predicted("help"),  # another
            predicted("Springfield", PARIS),  # no gold coordinates: recognition only
        ],  # London is missed
    )
    spans = scores.spans
    assert (spans.predicted, spans.gold, spans.matched) == (5, 4, 3)
    assert spans.precision == pytest.approx(0.6)
    assert spans.recall == pytest.approx(0.75)
    assert spans.f1 == pytest.approx(2 * 0.6 * 0.75 / 1.35)
    distances = scores.distances
    assert distances.errors[0] == 0.0 and distances.errors[1] == pytest.approx(343.5, abs=0.5)
    assert distances.mean == pytest.approx(distances.errors[1] / 2)
    assert distances.median == distances.mean
    assert distances.accuracy_at_161 == 0.5
    assert distances.gold_without_coordinates == 1 and distances.unresolved == 0
    assert distances.auc == pytest.approx(math.log(distances.errors[1] + 1) / 2 / math.log(20039))


def test_unresolved_toponyms_count_as_misses_only_in_accuracy_all() -> None:
    distances = score_article(storm(), [predicted("Lyon", LYON), predicted("Paris")]).distances
    assert distances.errors == (0.0,) and distances.unresolved == 1
    assert distances.accuracy_at_161 == 1.0 and distances.accuracy_at_161_all == 0.5


def test_acc_at_161_on_the_equator() -> None:
    # a degree of longitude on the equator is 111 km: one degree off is a hit, two a miss
    article = GoldArticle(
        identifier="equator",
        text="Quito and Macapa",
        toponyms=(
            GoldToponym(start=0, end=5, name="Quito", lat=0.0, lon=-78.0),
            GoldToponym(start=10, end=16, name="Macapa", lat=0.0, lon=-51.0),
        ),
    )
    guesses = [
        PredictedToponym(start=0, end=5, lat=0.0, lon=-77.0),
        PredictedToponym(start=10, end=16, lat=0.0, lon=-53.0),
    ]
    distances = score_articles([article], [guesses]).distances
    assert distances.errors == pytest.approx([111.195, 222.39], abs=0.01)
    assert distances.accuracy_at_161 == 0.5


def test_auc_of_three_errors_by_hand() -> None:
    # log(err + 1) is 2, 0 and 1: sorted 0, 1, 2, the trapezoids 0.5 + 1.5 = 2
    errors = [math.e**2 - 1, 0.0, math.e - 1]
    assert area_under_curve(errors) == pytest.approx(2 / (math.log(20039) * 2))
    assert area_under_curve([]) is None
    assert area_under_curve([math.e - 1]) == pytest.approx(1 / math.log(20039))
    assert area_under_curve([MAXIMUM_ERROR_KM - 1] * 4) == pytest.approx(1.0)


def test_perfect_predictions() -> None:
    article = storm()
    guesses = [
        PredictedToponym(start=t.start, end=t.end, lat=t.lat, lon=t.lon) for t in article.toponyms
    ]
    scores = score_articles([article, article], [guesses, guesses])
    assert scores.spans.precision == scores.spans.recall == scores.spans.f1 == 1.0
    assert scores.distances.auc == 0.0 and scores.distances.accuracy_at_161 == 1.0
    assert scores.distances.mean == 0.0 and scores.distances.median == 0.0
    report = scores.to_json()
    assert report["toponyms"] == {
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "predicted": 8,
        "gold": 8,
        "matched": 6 + 2,
    }
    resolution = report["resolution"]
    assert isinstance(resolution, dict)
    assert resolution["errors"] == 6 and resolution["gold_without_coordinates"] == 2


def test_no_errors_and_mismatched_predictions() -> None:
    empty = ErrorDistances()
    assert empty.mean is None and empty.median is None and empty.auc is None
    assert empty.accuracy_at_161 is None and empty.accuracy_at_161_all is None
    with pytest.raises(ValueError, match="1 predictions for 2 articles"):
        score_articles([storm(), storm()], [[]])


def test_anchors_cover_both_sets() -> None:
    assert {(a.system, a.dataset) for a in ANCHORS} == {
        (system, dataset)
        for system in ("CamCoder", "Edinburgh", "CLAVIN")
        for dataset in ("GeoVirus", "TR-News")
    }
    camcoder = next(a for a in ANCHORS if a.system == "CamCoder" and a.dataset == "GeoVirus")
    assert (camcoder.f1, camcoder.accuracy_at_161, camcoder.auc) == (0.866, 0.770, 0.336)


# --- the real sets --------------------------------------------------------------------------


@pytest.mark.skipif(not GEOPARSING.is_dir(), reason="../shared/eval/geoparsing is not available")
@pytest.mark.parametrize(
    ("file", "articles", "toponyms", "without_coordinates", "realigned"),
    [("GeoVirus.xml", 229, 2170, 0, 2170), ("TR-News.xml", 118, 1319, 44, 117)],
)
def test_the_real_sets(
    file: str, articles: int, toponyms: int, without_coordinates: int, realigned: int
) -> None:
    dataset = read_dataset(GEOPARSING / file)
    assert len(dataset.articles) == articles and dataset.toponyms == toponyms
    assert dataset.realigned == realigned  # GeoVirus counts from one; TR-News drifts
    missing = [t for a in dataset.articles for t in a.toponyms if t.lat is None]
    assert len(missing) == without_coordinates
    for article in dataset.articles:
        assert len(gold_spans(article)) == len(article.toponyms)  # no span annotated twice
        for toponym in article.toponyms:
            assert article.text[toponym.start : toponym.end] == toponym.name
    # the oracle: gold spans with gold coordinates score perfectly
    oracle = [
        [PredictedToponym(start=t.start, end=t.end, lat=t.lat, lon=t.lon) for t in a.toponyms]
        for a in dataset.articles
    ]
    scores = score_articles(dataset.articles, oracle)
    assert scores.spans.f1 == 1.0 and scores.distances.accuracy_at_161 == 1.0


# --- tidings eval geoparsing, end to end on the written sample -----------------------------


def test_eval_geoparsing_runs_tidings_over_the_sample(geovirus_file: Path) -> None:
    from tidings.evaluation.places.run import evaluate_geoparsing
    from tidings.settings import load_settings

    result = evaluate_geoparsing(geovirus_file, load_settings())
    assert result.articles == 2
    spans = result.end_to_end.spans
    assert spans.gold == 5 and spans.matched == 5  # Lagos twice, Abuja, Nigeria, Lima
    assert result.end_to_end.distances.accuracy_at_161 == 1.0  # every one within 161 km
    assert result.oracle.spans.f1 == 1.0 and result.oracle.distances.accuracy_at_161 == 1.0
    # Nigeria is a country: only the four cities are below country level
    assert result.below_country.spans.matched == 4


def test_eval_geoparsing_cli(geovirus_file: Path, tmp_path: Path) -> None:
    import json

    from click.testing import CliRunner

    from tidings.cli import main

    runner = CliRunner()
    table = runner.invoke(main, ["eval", "geoparsing", "--dataset", str(geovirus_file)])
    assert table.exit_code == 0, table.output
    assert "CamCoder (published)" in table.output and "oracle" in table.output
    as_json = runner.invoke(
        main, ["eval", "geoparsing", "--dataset", str(geovirus_file), "--format", "json"]
    )
    document = json.loads(as_json.stdout)
    assert document["schema"] == "tidings/eval-geoparsing@1"
    assert document["end_to_end"]["toponyms"]["f1"] == 1.0
    assert {anchor["system"] for anchor in document["anchors"]} == {
        "CamCoder",
        "Edinburgh",
        "CLAVIN",
    }
    missing = runner.invoke(main, ["eval", "geoparsing", "--dataset", str(tmp_path / "no.xml")])
    assert missing.exit_code == 2 and "no.xml" in missing.output
