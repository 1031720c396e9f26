"""5W1H evaluation: reading Giveme5W1H articles and scoring answers by word overlap.

The sample article is written here; the real Giveme5W1H files are read only from
../shared/eval by the quality gate (never copied into the project).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tidings.cli import main
from tidings.errors import InputError
from tidings.evaluation.main_events.gold import ANCHORS, read_corpus
from tidings.evaluation.main_events.scores import AnswerScores, QuestionScore, overlap

ARTICLE = {
    "dId": "sample",
    "title": "Police arrest two men after bank robbery in Leeds",
    "description": "Two men were arrested on Friday after a robbery at a bank in Leeds.",
    "text": "Police arrested two men on Friday after an armed robbery at a bank in Leeds. "
    "Officers said the men were caught near the station.",
    "date_publish": "2019-03-02 10:00:00",
    "fiveWoneH": {
        "who": {"annotated": [{"text": "Police", "coderPhraseCount": 3}]},
        "what": {"annotated": [{"text": "arrest two men", "coderPhraseCount": 2}]},
        "when": {"annotated": [{"text": "on Friday", "coderPhraseCount": 3}]},
        "where": {"annotated": [{"text": "Leeds", "coderPhraseCount": 3}]},
        "why": {"annotated": [{"coderPhraseCount": 2}]},
        "how": {"annotated": []},
    },
}


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sample.json").write_text(json.dumps(ARTICLE), encoding="utf-8")
    (tmp_path / "LICENSE").write_text("not an article", encoding="utf-8")
    return tmp_path


def test_overlap_is_word_f1_against_the_best_phrase() -> None:
    assert overlap("on Friday", ["Friday"]) == pytest.approx(2 / 3)
    assert overlap("Police", ["the driver", "police"]) == 1.0
    assert overlap("nothing alike", ["Leeds"]) == 0.0
    assert overlap("men men", ["two men"]) == pytest.approx(0.5)  # words count once each


def test_question_scores() -> None:
    score = QuestionScore()
    score.add("Police", ["Police"])
    score.add("the bank", ["two men"])
    score.add(None, ["Leeds"])
    score.add("ignored", [])  # no gold: not counted
    assert (score.with_gold, score.answered, score.hits) == (3, 2, 1)
    assert score.precision == 0.5 and score.recall == pytest.approx(1 / 3)
    assert score.mean_overlap == pytest.approx(1 / 3)


def test_pooled_scores_add_questions() -> None:
    scores = AnswerScores()
    scores.add({"who": "Police", "what": "robbery"}, {"who": ["Police"], "what": ["arrest"]})
    pooled = scores.pooled(("who", "what"))
    assert (pooled.with_gold, pooled.hits, pooled.answered) == (2, 1, 2)


def test_reader_builds_the_text_and_keeps_phrases(folder: Path) -> None:
    (article,) = read_corpus(folder)
    assert article.text.startswith(ARTICLE["title"] + "\n\nTwo men were arrested")
    assert article.text.endswith("caught near the station.")
    assert article.published == "2019-03-02"
    assert article.answers["when"] == ("on Friday",)
    assert article.answers["why"] == ()  # an annotation without a phrase is left out


def test_reader_errors_name_the_input(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no Giveme5W1H"):
        read_corpus(tmp_path)
    bad = tmp_path / "bad.json"
    for shape in (
        "{",
        '{"text": "x", "fiveWoneH": [1]}',
        '{"text": "x", "fiveWoneH": {"who": {"annotated": null}}}',
    ):
        bad.write_text(shape, encoding="utf-8")
        with pytest.raises(InputError, match=r"bad\.json: not a Giveme5W1H article"):
            read_corpus(tmp_path)


def test_anchors_are_the_readme_figures() -> None:
    assert {(a.questions, a.precision) for a in ANCHORS} == {
        ("all six", 0.73),
        ("who, what, when, where", 0.82),
    }


def test_eval_5w1h_end_to_end(folder: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["eval", "5w1h", "--dataset", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["schema"] == "tidings/eval-5w1h@1" and document["articles"] == 1
    questions = document["questions"]
    assert questions["who"]["hits"] == 1 and questions["where"]["hits"] == 1
    assert questions["when"]["hits"] == 1  # "Friday" against "on Friday"
    assert questions["why"]["with_gold"] == 0
    table = runner.invoke(main, ["eval", "5w1h", "--dataset", str(folder)])
    assert table.exit_code == 0 and "Giveme5W1H" in table.output
    missing = runner.invoke(main, ["eval", "5w1h", "--dataset", str(folder / "none")])
    assert missing.exit_code == 2 and "none" in missing.output
    lexicon = folder / "lexicon.toml"
    lexicon.write_text("[not toml", encoding="utf-8")
    broken = runner.invoke(
        main,
        ["eval", "5w1h", "--dataset", str(folder)],
        env={"TIDINGS_EVENT_LEXICON": str(lexicon)},
    )
    assert broken.exit_code == 2 and "lexicon.toml" in broken.stderr
