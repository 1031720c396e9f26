"""Quote attribution evaluation: brat reading, span scoring, PolNeAR runs and the CLI.

The sample data set is written here, with our own sentences, in PolNeAR's layout; PolNeAR
itself is never read by these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.errors import InputError
from tidings.evaluation.quotes.brat import check_offsets, parse_standoff
from tidings.evaluation.quotes.run import (
    direct_subset,
    evaluate_quotes,
    find_documents,
    gold_attributions,
    is_direct,
    predicted_attributions,
)
from tidings.evaluation.quotes.scores import (
    AttributionScores,
    Match,
    ScoredAttribution,
    normalise,
    score_document,
)
from tidings.model import Quote, Span, Speaker
from tidings.settings import Settings

COUNCIL = """Council approves new budget

“We will build three new schools next year,” Mayor Ana Lopez said on Monday.

Tom Reed said that the plan would cost too much. Many residents believe the schools are needed.
"""
RIVER = """“The river is rising fast,” said Ines Moreau, the district engineer, “and the dam will
not hold.”

Police closed the bridge on Tuesday, according to a statement from the city.
"""
FLOOD = "Flood warnings were lifted in the north on Friday, it was announced.\n"


def span_line(number: int, label: str, text: str, words: str, after: int = 0) -> str:
    start = text.index(words, after)
    return f"T{number}\t{label} {start} {start + len(words)}\t{words}"


def council_annotation() -> str:
    lines = [
        span_line(1, "Source", COUNCIL, "Mayor Ana Lopez"),
        span_line(2, "Cue", COUNCIL, "said"),
        span_line(3, "Content", COUNCIL, "“We will build three new schools next year,”"),
        span_line(4, "Attribution", COUNCIL, "said"),
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        span_line(5, "Source", COUNCIL, "Tom Reed"),
        span_line(6, "Cue", COUNCIL, "said", COUNCIL.index("Tom Reed")),
        span_line(7, "Content", COUNCIL, "that the plan would cost too much"),
        span_line(8, "Attribution", COUNCIL, "said", COUNCIL.index("Tom Reed")),
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        span_line(9, "Source", COUNCIL, "Many residents"),
        span_line(10, "Cue", COUNCIL, "believe"),
        span_line(11, "Content", COUNCIL, "the schools are needed"),
        span_line(12, "Attribution", COUNCIL, "believe"),
        "E3\tAttribution:T12 Cue:T10 Source:T9 Content:T11",
        span_line(13, "Discuss", COUNCIL, "Council approves new budget"),
        "#1\tAnnotatorNotes T13\tis a headline an attribution?",
    ]
    return "\n".join(lines) + "\n"


def river_annotation() -> str:
    first = "“The river is rising fast,”"
    second = "“and the dam will\nnot hold.”"  # a line break inside: a two-line T record
    a, b = RIVER.index(first), RIVER.index(second)
    lines = [
        span_line(1, "Source", RIVER, "Ines Moreau, the district engineer"),
        span_line(2, "Cue", RIVER, "said"),
        f"T3\tContent {a} {a + len(first)};{b} {b + len(second)}\t{first} {second}",
        span_line(4, "Attribution", RIVER, "said"),
        "E1\tAttribution:T4 Cue:T2 Content:T3 Source:T1",
        span_line(5, "Content", RIVER, "Police closed the bridge on Tuesday"),
        span_line(6, "Cue", RIVER, "according to"),
        span_line(7, "Source", RIVER, "a statement from the city"),
        span_line(8, "Attribution", RIVER, "according to"),
        "E2\tAttribution:T8 Content:T5 Cue:T6 Source:T7",
    ]
    return "\n".join(lines) + "\n"


def flood_annotation() -> str:
    lines = [
        span_line(1, "Cue", FLOOD, "was announced"),
        span_line(2, "Content", FLOOD, "Flood warnings were lifted in the north on Friday"),
        span_line(3, "Attribution-no-source", FLOOD, "was announced"),
        "E1\tAttribution-no-source:T3 Content:T2 Cue:T1",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    """A PolNeAR-shaped split: three annotated texts, one second annotator, one bare text."""
    split = tmp_path / "dev"
    (split / "text").mkdir(parents=True)
    (split / "attributions").mkdir()
    for name, text, annotation in (
        ("council_a", COUNCIL, council_annotation()),
        ("river_b", RIVER, river_annotation()),
        ("flood_c", FLOOD, flood_annotation()),
    ):
        (split / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
        (split / "attributions" / f"{name}_x1.ann").write_text(annotation, encoding="utf-8")
    (split / "attributions" / "council_a_y2.ann").write_text("", encoding="utf-8")
    (split / "text" / "unannotated.txt").write_text("Nothing was said.\n", encoding="utf-8")
    return split


def nonspace(*texts: str) -> int:
    return sum(len("".join(text.split())) for text in texts)


# --- brat -------------------------------------------------------------------------------------


def test_standoff_reads_discontinuous_and_multiline_spans() -> None:
    text = "He said: “One.\n\nTwo.” Then he left, said Ann."
    one, two = text.index("“One."), text.index("Two.”")
    annotation = (
        f"T1\tContent {one} {two + 5}\t“One.\n\nTwo.”\n"
        "T2\tSource 0 2\tHe\n"
        f"T3\tContent {one} {one + 5};{two} {two + 5}\t“One. Two.”\n"
        "E1\tAttribution:T2 Source:T2 Content:T1 Content2:T3\n"
        "R1\tSome Arg1:T1 Arg2:T2\n"
        "A1\tFlag T1\n"
        "#1\tAnnotatorNotes T1\ta note\nthat runs on\n"
    )
    standoff = parse_standoff(annotation)
    assert standoff.spans["T1"].text == "“One.\n\nTwo.”"
    assert standoff.spans["T3"].fragments == ((one, one + 5), (two, two + 5))
    assert standoff.events[0].arguments == (("Source", "T2"), ("Content", "T1"), ("Content2", "T3"))
    assert check_offsets(standoff, text) is None
    assert check_offsets(standoff, "X" + text) is not None


def test_standoff_rejects_a_malformed_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_standoff("T1\tSource 0 2\tHe\nT2\tCue four five\tsaid\n")


def test_gold_attributions_join_second_contents_and_skip_events_without_content() -> None:
    text = "“Yes,” she said. “No.” Later, officials said nothing."
    annotation = (
        "T1\tSource 7 10\tshe\nT2\tCue 11 15\tsaid\nT3\tContent 0 6\t“Yes,”\n"
        "T4\tContent 17 22\t“No.”\nT5\tAttribution 11 15\tsaid\n"
        "E1\tAttribution:T5 Source:T1 Cue:T2 Content:T3 Content2:T4\n"
        "T6\tSource 30 39\tofficials\nT7\tCue 40 44\tsaid\nE2\tAttribution:T7 Source:T6 Cue:T7\n"
    )
    (gold,) = gold_attributions(parse_standoff(annotation), text)
    assert gold == ScoredAttribution(
        source=((7, 10),), cue=((11, 15),), content=((0, 6), (17, 22)), direct=True
    )


def test_direct_means_wholly_in_quote_marks() -> None:
    text = '“All of it.” He called it "a mess". ‘Fine,’'
    assert is_direct(text, ((0, 12),))
    assert not is_direct(text, ((13, 34),))  # a mixed quote
    assert is_direct(text, ((36, 43),))


# --- scoring ----------------------------------------------------------------------------------


def test_normalise_trims_marks_and_punctuation_and_joins_what_they_separate() -> None:
    text = "“We are ready,” “and we are able.” . "
    assert normalise(text, [(0, 15)]) == ((1, 13),)
    assert normalise(text, [(16, 34), (0, 15)]) == ((1, 32),)
    assert normalise(text, [(35, 37)]) == ()


def test_exact_overlap_and_partial_matching() -> None:
    text = "Ann Lee, the mayor, said the road will open soon."
    gold = [ScoredAttribution(source=((0, 18),), cue=((20, 24),), content=((25, 48),))]
    predicted = [ScoredAttribution(source=((0, 7),), cue=((20, 24),), content=((29, 48),))]
    scores = score_document(text, gold, predicted)
    assert scores.cue.exact == Match(predicted=1, gold=1, matched_predicted=1, matched_gold=1)
    assert scores.source.exact.f1 == 0.0
    assert scores.source.partial.f1 == 1.0
    overlap = scores.source.overlap  # "Ann Lee" against "Ann Lee, the mayor"
    assert (overlap.matched_gold, overlap.predicted, overlap.gold) == (6, 6, 15)
    assert overlap.precision == 1.0 and overlap.recall == pytest.approx(6 / 15)
    assert scores.content.overlap.recall == pytest.approx(nonspace("road will open soon") / 19)
    assert (scores.speaker.gold, scores.speaker.found, scores.speaker.correct) == (1, 1, 1)


def test_discontinuous_content_is_exact_only_with_every_fragment() -> None:
    text = "“Rain is coming,” Bo said, “and soon.”"
    gold = [ScoredAttribution(source=((18, 20),), content=((0, 17), (27, 38)))]
    halves = [ScoredAttribution(source=((18, 20),), content=((1, 15),))]
    both = [ScoredAttribution(source=((18, 20),), content=((1, 15), (28, 36)))]
    assert score_document(text, gold, halves).content.exact.recall == 0.0
    assert score_document(text, gold, halves).content.partial.recall == 1.0
    assert score_document(text, gold, both).content.exact.f1 == 1.0


def test_the_speaker_comes_from_the_prediction_that_shares_most_of_the_content() -> None:
    text = "Ann said the plan works, and Bo said the plan works too."
    gold = [ScoredAttribution(source=((29, 31),), cue=((32, 36),), content=((37, 55),))]
    predicted = [
        ScoredAttribution(source=((0, 3),), content=((9, 23),)),
        ScoredAttribution(source=((0, 3),), content=((37, 47),)),  # right content, wrong speaker
    ]
    speaker = score_document(text, gold, predicted).speaker
    assert (speaker.gold, speaker.found, speaker.correct) == (1, 1, 0)


def test_no_predictions_give_zeros_not_errors() -> None:
    text = "Bo said it rained."
    gold = [ScoredAttribution(source=((0, 2),), cue=((3, 7),), content=((8, 17),))]
    scores = score_document(text, gold, [])
    for role in (scores.source, scores.cue, scores.content):
        for match in (role.exact, role.overlap, role.partial):
            assert (match.precision, match.recall, match.f1) == (0.0, 0.0, 0.0)
    assert scores.speaker.accuracy == 0.0 and scores.speaker.accuracy_found == 0.0
    assert score_document("", [], []) == AttributionScores(documents=1)


def test_scores_add_up_over_documents() -> None:
    text = "Bo said it rained."
    gold = [ScoredAttribution(cue=((3, 7),), content=((8, 17),))]
    one = score_document(text, gold, gold)
    total = sum([one, one], start=AttributionScores())
    assert (total.documents, total.gold, total.cue.exact.matched_gold) == (2, 2, 2)


# --- from tidings' quotes to attributions -----------------------------------------------------


def quote(text: str, words: str, speaker: Speaker | None, cue: Span | None) -> Quote:
    start = text.index(words)
    return Quote(
        text=words, start=start, end=start + len(words), kind="direct", speaker=speaker, cue=cue
    )


def test_quotes_of_one_cue_and_their_continuations_are_one_attribution() -> None:
    text = "“Go on,” Ida said, “and stop.” “Then rest.” Max said: “No.”"
    ida = Speaker(name="Ida", start=9, end=12)
    said = Span(start=13, end=17, text="said")
    max_ = Speaker(name="Max", start=44, end=47)
    quotes = [
        quote(text, "Go on", ida, said),
        quote(text, "and stop.", ida, said),
        quote(text, "Then rest.", ida, None),
        quote(text, "No.", max_, Span(start=48, end=52, text="said")),
    ]
    first, second = predicted_attributions(quotes, text)
    assert first.source == ((9, 12),) and len(first.content) == 3 and first.direct
    assert second.source == ((44, 47),)


def test_a_resolved_pronoun_counts_where_it_stands() -> None:
    text = "Ida Berg spoke first. “We are done,” she said."
    pronoun = Span(start=text.index("she"), end=text.index("she") + 3, text="she")
    speaker = Speaker(name="Ida Berg", start=0, end=8, resolved_from=pronoun)
    cue = Span(start=text.index("said"), end=text.index("said") + 4, text="said")
    (attribution,) = predicted_attributions([quote(text, "We are done", speaker, cue)], text)
    assert attribution.source == ((text.index("she"), text.index("she") + 3),)


def test_the_direct_subset_leaves_out_quotes_inside_indirect_attributions() -> None:
    gold = [
        ScoredAttribution(content=((0, 10),), direct=True),
        ScoredAttribution(content=((20, 60),), direct=False),
    ]
    predicted = [
        ScoredAttribution(content=((1, 9),), direct=True),
        ScoredAttribution(content=((30, 40),), direct=True),  # a partial quote in a mixed one
        ScoredAttribution(content=((70, 80),), direct=True),  # found nowhere: a false positive
    ]
    direct_gold, direct_predicted = direct_subset(gold, predicted)
    assert direct_gold == gold[:1]
    assert direct_predicted == [predicted[0], predicted[2]]


# --- end to end -------------------------------------------------------------------------------


def test_evaluation_of_the_sample_by_hand(sample: Path) -> None:
    seen: list[tuple[int, int]] = []
    result = evaluate_quotes(
        sample, Settings(), on_progress=lambda done, total: seen.append((done, total))
    )
    assert (result.texts, result.unannotated) == (3, 1)
    assert seen == [(0, 3), (1, 3), (2, 3), (3, 3)]
    every = result.all
    assert (every.gold, every.predicted) == (6, 4)
    # sources: gold Lopez, Reed, residents, "Ines Moreau, the district engineer", statement;
    # predicted Lopez, Reed, "Ines Moreau", statement
    assert every.source.exact == Match(predicted=4, gold=5, matched_predicted=3, matched_gold=3)
    assert every.source.partial == Match(predicted=4, gold=5, matched_predicted=4, matched_gold=4)
    predicted_characters = nonspace(
        "Mayor Ana Lopez", "Tom Reed", "Ines Moreau", "a statement from the city"
    )
    gold_characters = predicted_characters + nonspace("Many residents", ", the district engineer")
    assert every.source.overlap == Match(
        predicted=predicted_characters,
        gold=gold_characters,
        matched_predicted=predicted_characters,
        matched_gold=predicted_characters,
    )
    # cues: said, said, believe, said, according to, was announced; we miss the last two
    assert every.cue.exact == Match(predicted=4, gold=6, matched_predicted=4, matched_gold=4)
    # contents: "that the plan ..." is not exact ("that"); the believe and flood ones are missed
    assert every.content.exact == Match(predicted=4, gold=6, matched_predicted=3, matched_gold=3)
    assert every.content.partial.recall == pytest.approx(4 / 6)
    assert every.content.overlap.gold - every.content.overlap.matched_gold == nonspace(
        "that", "the schools are needed", "Flood warnings were lifted in the north on Friday"
    )
    assert (every.speaker.gold, every.speaker.found, every.speaker.correct) == (5, 4, 4)
    direct = result.direct
    assert (direct.gold, direct.predicted) == (2, 2)
    assert direct.content.exact.f1 == 1.0 and direct.source.exact.f1 == 0.5


def test_a_folder_that_is_not_a_split_is_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such folder"):
        find_documents(tmp_path / "missing")
    (tmp_path / "polnear" / "dev" / "attributions").mkdir(parents=True)
    with pytest.raises(InputError, match="name a split folder: dev"):
        find_documents(tmp_path / "polnear")


# --- command line -----------------------------------------------------------------------------


def test_cli_prints_the_table_with_the_anchors(sample: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "quotes", "--dataset", str(sample)])
    assert result.exit_code == 0, result.output
    assert "content" in result.stdout and "59.3 / 83.3" in result.stdout
    assert "92.3%" in result.stdout
    assert "80.0% of 5 gold contents" in result.stdout  # speaker accuracy


def test_cli_json_has_every_count(sample: Path) -> None:
    result = CliRunner().invoke(
        main, ["eval", "quotes", "--dataset", str(sample), "--format", "json", "--limit", "2"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "tidings/eval-quotes@1"
    assert data["texts"] == 2
    assert data["all"]["cue"]["exact"]["gold"] == 4  # council_a and flood_c, in name order
    assert {anchor["role"] for anchor in data["anchors"]} >= {"source", "cue", "content"}


@pytest.mark.parametrize("make", ["missing", "empty", "no texts"])
def test_cli_names_a_bad_dataset_in_one_line_and_exits_2(tmp_path: Path, make: str) -> None:
    dataset = tmp_path / "dataset"
    if make != "missing":
        dataset.mkdir()
    if make == "no texts":
        (dataset / "text").mkdir()
        (dataset / "attributions").mkdir()
    result = CliRunner().invoke(main, ["eval", "quotes", "--dataset", str(dataset)])
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and str(dataset) in lines[0]


def test_eval_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert "tidings eval quotes --dataset" in result.output
