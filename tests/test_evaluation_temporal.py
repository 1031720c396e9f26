"""Temporal evaluation: TimeML reading and TempEval-3 Task A scoring of time expressions.

The sample files are written here, with our own sentences, in TimeML; the real TBAQ-cleaned
corpus is read only by the last test, from ../shared/eval (never copied into the project).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import InputError
from tidings.evaluation.temporal.gold import ANCHORS, read_corpus, read_timeml
from tidings.evaluation.temporal.scores import (
    GoldTimeDocument,
    GoldTimex,
    PredictedTimex,
    TemporalScores,
    relaxed_pairs,
    score_document,
    score_documents,
)

TBAQ = Path(__file__).resolve().parents[2] / "shared" / "eval" / "temporal" / "TBAQ-cleaned"

# --- sample files ---------------------------------------------------------------------------

HARBOUR = (
    '\nThe harbour &amp; the ferry <EVENT eid="e1" class="OCCURRENCE">reopened</EVENT> '
    '<TIMEX3 tid="t1" type="DATE" value="2021-03-04">last <SIGNAL sid="s1">Thursday'
    '</SIGNAL></TIMEX3>, <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>'
    ' after the storm.\nCrossings run <TIMEX3 tid="t3" type="SET" value="P1D" '
    'freq="2X">twice a day</TIMEX3>.\n'
)
HARBOUR_TEXT = (
    "\nThe harbour & the ferry reopened last Thursday, two weeks after the storm.\n"
    "Crossings run twice a day.\n"
)


def timeml(text: str, dct: str = "2021-03-09") -> str:
    creation = (
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct.replace("-", "")}</TIMEX3></DCT>'
        if dct
        else ""
    )
    return f"""<?xml version="1.0" ?>
<TimeML>
<DOCID>HARBOUR20210309</DOCID>
{creation}
<TITLE>Ferry back</TITLE>
<TEXT>{text}</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB" />
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t0" />
</TimeML>
"""


@pytest.fixture
def harbour(tmp_path: Path) -> Path:
    path = tmp_path / "HARBOUR20210309.tml"
    path.write_text(timeml(HARBOUR), encoding="utf-8")
    return path


def test_text_is_the_text_element_without_tags(harbour: Path) -> None:
    document = read_timeml(harbour)
    assert document.name == "HARBOUR20210309"
    assert document.text == HARBOUR_TEXT
    assert document.dct == "2021-03-09"


def test_offsets_point_at_the_expressions(harbour: Path) -> None:
    document = read_timeml(harbour)
    assert [(t.tid, t.text, t.type, t.value) for t in document.timexes] == [
        ("t1", "last Thursday", "DATE", "2021-03-04"),
        ("t2", "two weeks", "DURATION", "P2W"),
        ("t3", "twice a day", "SET", "P1D"),
    ]
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text
    assert document.timexes[0].start == HARBOUR_TEXT.index("last Thursday")


def test_the_creation_time_is_not_a_gold_expression(harbour: Path) -> None:
    assert "t0" not in {timex.tid for timex in read_timeml(harbour).timexes}


def test_windows_line_ends_read_as_newlines(tmp_path: Path) -> None:
    path = tmp_path / "crlf.tml"
    path.write_bytes(timeml(HARBOUR).replace("\n", "\r\n").encode("utf-8"))
    document = read_timeml(path)
    assert document.text == HARBOUR_TEXT
    assert all(document.text[t.start : t.end] == t.text for t in document.timexes)


def test_a_document_without_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "nodct.tml"
    path.write_text(
        timeml('Nothing <TIMEX3 tid="t1" type="DATE" value="PRESENT_REF">now</TIMEX3>.', dct=""),
        encoding="utf-8",
    )
    document = read_timeml(path)
    assert document.dct is None
    assert [(t.start, t.end, t.text) for t in document.timexes] == [(8, 11, "now")]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<TimeML><TEXT>Broken <TIMEX3 tid='t1'>today</TEXT></TimeML>", "not well-formed XML"),
        ("<TimeML><DOCID>x</DOCID></TimeML>", "0 <TEXT> elements"),
        ("<TimeML><TEXT>a</TEXT><TEXT>b</TEXT></TimeML>", "2 <TEXT> elements"),
        (timeml('<TIMEX3 tid="t1" type="DATE">today</TIMEX3>'), "has no value"),
        (timeml('<TIMEX3 type="DATE" value="2021">today</TIMEX3>'), "has no tid"),
        (timeml('<TIMEX3 tid="t1" type="WEEK" value="P1W">week</TIMEX3>'), "is not DATE"),
    ],
)
def test_malformed_files_are_input_errors(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "bad.tml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_timeml(path)
    assert raised.value.origin == str(path)
    assert reason in raised.value.reason


def test_a_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_timeml(tmp_path / "absent.tml")


def test_corpus_reads_every_file_under_the_folder_in_order(tmp_path: Path) -> None:
    (tmp_path / "B").mkdir()
    (tmp_path / "A").mkdir()
    (tmp_path / "B" / "two.tml").write_text(timeml(HARBOUR), encoding="utf-8")
    (tmp_path / "A" / "one.tml").write_text(timeml(HARBOUR), encoding="utf-8")
    (tmp_path / "A" / "notes.txt").write_text("not TimeML", encoding="utf-8")
    assert [document.name for document in read_corpus(tmp_path)] == ["one", "two"]


def test_corpus_names_the_malformed_file(tmp_path: Path) -> None:
    (tmp_path / "good.tml").write_text(timeml(HARBOUR), encoding="utf-8")
    (tmp_path / "worse.tml").write_text("<TimeML><TEXT>", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        read_corpus(tmp_path)
    assert raised.value.origin == str(tmp_path / "worse.tml")


def test_an_empty_or_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no \.tml files"):
        read_corpus(tmp_path)
    with pytest.raises(InputError, match="no such folder"):
        read_corpus(tmp_path / "absent")


# --- scoring --------------------------------------------------------------------------------

# "We met on Monday morning and again two days later."
#            0123456789...
SENTENCE = "We met on Monday morning and again two days later."
MONDAY_MORNING = GoldTimex(
    start=10, end=24, text="Monday morning", type="TIME", value="2021-03-01TMO", tid="t1"
)
TWO_DAYS = GoldTimex(start=35, end=43, text="two days", type="DURATION", value="P2D", tid="t2")
DOCUMENT = GoldTimeDocument(
    name="met", text=SENTENCE, dct="2021-03-05", timexes=(MONDAY_MORNING, TWO_DAYS)
)


def predicted(text: str, kind: str, value: str, after: int = 0) -> PredictedTimex:
    start = SENTENCE.index(text, after)
    return PredictedTimex(start=start, end=start + len(text), type=kind, value=value)


def test_sample_spans_are_right() -> None:
    for timex in DOCUMENT.timexes:
        assert SENTENCE[timex.start : timex.end] == timex.text


def test_perfect_predictions_score_one() -> None:
    scores = score_document(
        DOCUMENT,
        [
            predicted("Monday morning", "TIME", "2021-03-01TMO"),
            predicted("two days", "DURATION", "P2D"),
        ],
    )
    assert (scores.strict_f1, scores.relaxed_f1, scores.type_f1, scores.value_f1) == (1, 1, 1, 1)


def test_strict_and_relaxed_spans() -> None:
    # "Monday" overlaps "Monday morning" (relaxed only); "two days later" overlaps "two days";
    # "We" is a false positive.
    scores = score_document(
        DOCUMENT,
        [
            predicted("Monday", "DATE", "2021-03-01"),
            predicted("two days later", "duration", " p2d "),
            predicted("We", "DATE", "PRESENT_REF"),
        ],
    )
    assert (scores.gold, scores.predicted) == (2, 3)
    assert scores.strict_matched == 0 and scores.strict_f1 == 0.0
    assert scores.relaxed_matched == 2
    assert scores.relaxed_precision == pytest.approx(2 / 3)
    assert scores.relaxed_recall == 1.0
    assert scores.relaxed_f1 == pytest.approx(0.8)
    # Types: DATE vs TIME wrong, "duration" right; values: only " p2d " right once normalised.
    assert scores.type_accuracy == 0.5 and scores.value_accuracy == 0.5
    assert scores.type_f1 == pytest.approx(0.4) and scores.value_f1 == pytest.approx(0.4)


def test_relaxed_matching_is_one_to_one_by_largest_overlap() -> None:
    # One long prediction over both gold expressions matches one of them: "Monday morning"
    # (14 characters shared) rather than "two days" (8).
    span = predicted("Monday morning and again two days", "TIME", "2021-03-01TMO")
    assert relaxed_pairs(DOCUMENT.timexes, [span]) == ((0, 0),)
    # Two predictions inside one gold expression: only the larger overlap counts.
    morning, monday = predicted("morning", "TIME", "x"), predicted("Monday", "DATE", "y")
    assert relaxed_pairs(DOCUMENT.timexes, [morning, monday]) == ((0, 0),)
    scores = score_document(DOCUMENT, [morning, monday])
    assert (scores.relaxed_matched, scores.predicted) == (1, 2)
    assert scores.relaxed_precision == 0.5 and scores.relaxed_recall == 0.5


def test_strict_matches_are_one_to_one_too() -> None:
    twice = [predicted("two days", "DURATION", "P2D")] * 2
    scores = score_document(DOCUMENT, twice)
    assert (scores.strict_matched, scores.relaxed_matched, scores.predicted) == (1, 1, 2)


def test_no_predictions_and_no_gold_give_zeros() -> None:
    scores = score_document(DOCUMENT, [])
    assert scores.to_json()["relaxed"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "matched": 0}
    empty = TemporalScores()
    assert (empty.strict_f1, empty.type_accuracy, empty.value_accuracy, empty.value_f1) == (
        0,
        0,
        0,
        0,
    )


def test_scores_add_up_over_documents() -> None:
    right = [predicted("two days", "DURATION", "P2D")]
    total = score_documents([DOCUMENT, DOCUMENT], [right, []])
    assert total == score_document(DOCUMENT, right) + score_document(DOCUMENT, [])
    assert (total.documents, total.gold, total.predicted, total.strict_matched) == (2, 4, 1, 1)
    assert total.strict_precision == 1.0 and total.strict_recall == 0.25
    json = total.to_json()
    assert json["value"] == {"accuracy": 1.0, "f1": pytest.approx(0.4), "matched": 1}
    with pytest.raises(ValueError, match="1 predictions for 2 documents"):
        score_documents([DOCUMENT, DOCUMENT], [right])


def test_anchors_are_the_readme_figures() -> None:
    by_system = {anchor.system: anchor for anchor in ANCHORS}
    assert by_system["HeidelTime"].value_f1 == 0.7761
    assert by_system["HeidelTime"].relaxed_f1 == 0.9030
    assert by_system["SUTime"].value_f1 == 0.6738


# --- the real corpus ------------------------------------------------------------------------


@pytest.mark.skipif(not TBAQ.is_dir(), reason="../shared/eval/temporal is not available")
@pytest.mark.parametrize(
    ("folder", "documents", "timexes", "types"),
    [
        ("TimeBank", 183, 1243, {"DATE": 1016, "DURATION": 189, "TIME": 22, "SET": 16}),
        ("AQUAINT", 73, 579, {"DATE": 489, "DURATION": 68, "TIME": 8, "SET": 14}),
    ],
)
def test_tbaq_cleaned_counts(
    folder: str, documents: int, timexes: int, types: dict[str, int]
) -> None:
    corpus = read_corpus(TBAQ / folder)
    assert len(corpus) == documents
    assert all(document.dct for document in corpus)
    gold = [timex for document in corpus for timex in document.timexes]
    # The README's 1,426 and 652 count the creation time too, one per document.
    assert len(gold) == timexes and len(gold) + documents in (1426, 652)
    assert {kind: sum(1 for t in gold if t.type == kind) for kind in types} == types
    for document in corpus:
        for timex in document.timexes:
            assert document.text[timex.start : timex.end] == timex.text


# --- tidings eval temporal, end to end on the written sample -------------------------------


def test_eval_temporal_scores_tidings_dates(harbour: Path) -> None:
    import json

    from click.testing import CliRunner

    from tidings.cli import main

    runner = CliRunner()
    result = runner.invoke(
        main, ["eval", "temporal", "--dataset", str(harbour.parent), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "tidings/eval-temporal@1"
    assert document["gold"] == 3 and document["documents"] == 1
    # "last Thursday" before Tuesday 2021-03-09 is 2021-03-04; "two weeks" is P2W
    assert document["value"]["matched"] >= 2 and document["relaxed"]["matched"] >= 2
    assert {anchor["system"] for anchor in document["anchors"]} == {"HeidelTime", "SUTime"}
    table = runner.invoke(main, ["eval", "temporal", "--dataset", str(harbour.parent)])
    assert table.exit_code == 0 and "HeidelTime (published)" in table.output
    missing = runner.invoke(main, ["eval", "temporal", "--dataset", str(harbour / "none")])
    assert missing.exit_code == 2 and "none" in missing.output
