from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from small_gazetteer import SmallSources
from tidings.cli import main
from tidings.output.json import validate

STORY = """Rescuers pull survivors from collapsed building in Lima

A five-storey apartment building collapsed in Lima on Tuesday, killing at least 12 people.
Mayor Rosa Delgado said more than 200 rescuers were searching the rubble.

"We will not stop until everyone is found," Delgado told reporters.
"""


def run(*args: str, input: str | bytes | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    path = tmp_path / "lima.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_json_output_follows_the_contract(story: Path) -> None:
    result = run("analyze", str(story), "--format", "json", "--published", "2024-03-05")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    validate(document)
    assert document["article"]["title"] == "Rescuers pull survivors from collapsed building in Lima"
    assert document["article"]["published"] == "2024-03-05"
    assert document["article"]["language"] == "en"
    names = {entity["name"] for entity in document["entities"]}
    assert {"Lima", "Rosa Delgado"} <= names
    quote = next(q for q in document["quotes"] if q["kind"] == "direct")
    assert quote["text"].startswith("We will not stop")
    assert quote["speaker"]["name"] in ("Delgado", "Rosa Delgado")
    text = document["article"]["text"]
    for item in document["quantities"] + document["summary"]:
        assert text[item["start"] : item["end"]] == item["text"]


def test_several_inputs_give_json_lines_and_bad_ones_are_named(story: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp_path / "missing.txt"
    second = tmp_path / "second.txt"
    second.write_text(
        "Floods hit Dhaka on Monday, officials in Bangladesh said.\n", encoding="utf-8"
    )
    result = run(
        "analyze",
        str(empty),
        str(story),
        str(binary),
        str(missing),
        str(second),
        "--format",
        "json",
    )
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert [json.loads(line)["article"]["origin"] for line in lines] == [str(story), str(second)]
    errors = result.stderr
    assert f"{empty}: empty input" in errors
    assert f"{binary}: binary data" in errors
    assert f"{missing}: no such file" in errors
    assert "2 input(s)" not in errors and "3 input(s) failed" in errors


def test_published_must_be_iso(story: Path) -> None:
    result = run("analyze", str(story), "--published", "last Tuesday")
    assert result.exit_code == 2
    assert "ISO 8601" in result.stderr


def test_report_is_readable_in_80_columns(story: Path) -> None:
    result = run("analyze", str(story), "--format", "report")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    report = result.stdout
    for heading in ("Summary", "Entities", "Quotes", "Numbers"):
        assert heading in report
    assert "Rescuers pull survivors from collapsed building in Lima" in report
    assert "Delgado" in report and "We will not stop" in report


def test_stdin_is_read_with_dash() -> None:
    result = run("analyze", "-", "--format", "jsonl", input=STORY.encode("utf-8"))
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["article"]["origin"] == "<stdin>"
    assert document["article"]["title"].startswith("Rescuers pull survivors")


def test_sample_with_limit() -> None:
    result = run("analyze", "--sample", "--limit", "2", "--format", "jsonl")
    assert result.exit_code == 0
    documents = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(documents) == 2
    assert documents[0]["article"]["url"].startswith("https://en.wikinews.org/")
    assert documents[0]["article"]["published"] == "2019-01-04"


def test_no_input_is_a_usage_error() -> None:
    result = run("analyze")
    assert result.exit_code == 2
    assert "at least one INPUT" in result.stderr


def test_help_has_examples() -> None:
    for args in (["--help"], ["analyze", "--help"]):
        result = run(*args)
        assert result.exit_code == 0
        assert "Examples:" in result.stdout and "tidings analyze" in result.stdout


def test_real_process_end_to_end(story: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "tidings", "analyze", str(story), "--format", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    validate(json.loads(completed.stdout))


def test_reference_article(reference_text: str, tmp_path: Path) -> None:
    path = tmp_path / "reference.txt"
    path.write_text(reference_text, encoding="utf-8")
    result = run("analyze", str(path), "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    validate(document)
    assert document["article"]["title"].startswith("THE GREAT ESCAPE")
    entities = {e["name"]: e for e in document["entities"]}
    for name in ("North Korea", "South Korea", "Panmunjom", "United Nations Command", "China"):
        assert name in entities
    assert entities["DMZ"]["type"] != "ORG"
    direct = [q for q in document["quotes"] if q["kind"] == "direct"]
    official = [q for q in direct if q["speaker"] and "ministry official" in q["speaker"]["name"]]
    assert len(official) >= 2
    indirect = [q for q in document["quotes"] if q["kind"] == "indirect"]
    assert any(q["speaker"] and q["speaker"]["name"] == "South Korea" for q in indirect)
    quantities = {q["text"]: q for q in document["quantities"]}
    assert quantities["more than 1,000"]["value"] == 1000
    assert quantities["more than 1,000"]["qualifier"] == "more than"
    assert quantities["about 50 metres"]["unit"] == "metre"
    assert len(document["summary"]) == 3


def test_readme_example_is_true(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = readme.split("Given `story.txt`:\n\n```\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "story.txt"
    path.write_text(block, encoding="utf-8")
    result = run("analyze", str(path), "--format", "json", "--published", "2017-11-13")
    document = json.loads(result.stdout)
    assert f'"id": "{document["article"]["id"]}"' in readme
    for quote in document["quotes"]:
        speaker = quote["speaker"]
        shown = f'"speaker": {{"name": "{speaker["name"]}", "start": {speaker["start"]}'
        assert shown in readme
        assert f'"text": "{quote["text"]}", "start": {quote["start"]}' in readme
    quantity = document["quantities"][0]
    assert f'"text": "{quantity["text"]}", "start": {quantity["start"]}' in readme
    assert len(document["places"]) == 2
    for place in document["places"]:
        shown = (
            f'"text": "{place["text"]}", "start": {place["start"]}, "end": {place["end"]}, '
            f'"name": "{place["name"]}", "lat": {place["lat"]}, "lon": {place["lon"]}'
        )
        assert shown in readme
        assert f'"geonameid": {place["geonameid"]}, "country": "{place["country"]}"' in readme
    assert document["focus"][0]["name"] == "South Korea"
    for event in document["events"]:
        shown = f'"id": "{event["id"]}", "type": "{event["type"]}"'
        assert shown in readme
        trigger = event["trigger"]
        assert (
            f'"start": {trigger["start"]}, "end": {trigger["end"]}, "text": "{trigger["text"]}"'
            in readme
        )
        assert f'"modality": "{event["modality"]}"' in readme
    main_event = document["main_event"]
    assert f'"what": {{"start": {main_event["what"]["start"]}' in readme
    assert f'"text": "{main_event["what"]["text"]}"' in readme


def test_an_unknown_model_is_a_clean_usage_error(story: Path) -> None:
    result = run("analyze", str(story), "--model", "no_such_model_xx")
    assert result.exit_code == 2
    assert "cannot load spaCy model 'no_such_model_xx'" in result.stderr
    assert "Traceback" not in result.stderr


def test_error_lines_print_file_names_verbatim(tmp_path: Path) -> None:
    odd = tmp_path / "notes[draft].txt"
    odd.write_text("", encoding="utf-8")
    result = run("analyze", str(odd))
    assert result.exit_code == 1
    assert f"{odd}: empty input" in result.stderr


def test_published_month_is_accepted(story: Path) -> None:
    result = run("analyze", str(story), "--format", "json", "--published", "2017-06")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["published"] == "2017-06"


def test_output_into_a_closed_pipe_ends_quietly(story: Path) -> None:
    command = f"{sys.executable} -m tidings analyze {story} {story} --format jsonl | head -c 10"
    completed = subprocess.run(command, shell=True, capture_output=True, text=True, check=False)
    assert "Traceback" not in completed.stderr
    assert completed.stdout == '{"schema":'


# --- places and the gazetteer in analyze ---------------------------------------------------


def test_places_in_json_and_report(story: Path) -> None:
    document = json.loads(run("analyze", str(story), "--format", "json").stdout)
    lima = [place for place in document["places"] if place["text"] == "Lima"]
    assert len(lima) == 2  # the headline and the lead
    assert {(p["country"], p["feature"]) for p in lima} == {("PE", "P.PPLC")}
    assert document["focus"][0]["name"] == "Lima"
    report = run("analyze", str(story), "--format", "report").stdout
    assert "Places" in report and "About: Lima" in report and "12.04S 77.03W" in report


def test_events_in_json_and_report(story: Path) -> None:
    result = run("analyze", str(story), "--format", "json", "--published", "2019-03-06")
    document = json.loads(result.stdout)
    validate(document)
    (collapse,) = [e for e in document["events"] if e["trigger"]["start"] > 60]
    assert (collapse["type"], collapse["killed"], collapse["date"]) == (
        "ACCIDENT",
        12,
        "2019-03-05",
    )
    main_event = document["main_event"]
    # the headline's verb ("pull") is no event of the lexicon: the lead's event is the story
    assert main_event["event"] == collapse["id"]
    assert main_event["what"]["text"] == "collapsed in Lima"
    report = run("analyze", str(story), "--published", "2019-03-06").stdout
    assert "Main event" in report and "Events" in report
    assert "2019-03-05 · ? → 12 people · ACCIDENT (collapsed) · Lima, PE (12 killed)" in report


def test_no_events_and_a_broken_lexicon(story: Path, tmp_path: Path) -> None:
    document = json.loads(run("analyze", str(story), "--format", "json", "--no-events").stdout)
    assert document["events"] == [] and document["actors"] == []
    assert document["main_event"] is None
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text('[[trigger]]\ntype = "PARTY"\n', encoding="utf-8")
    result = run("analyze", str(story), "--event-lexicon", str(lexicon))
    assert result.exit_code == 2
    assert "mine.toml, line 2: unknown event type 'PARTY'" in result.stderr


def test_no_places_leaves_them_empty(story: Path) -> None:
    document = json.loads(run("analyze", str(story), "--format", "json", "--no-places").stdout)
    assert document["places"] == [] and document["focus"] == []
    assert any(entity["name"] == "Lima" for entity in document["entities"])


def test_missing_gazetteer_is_built_on_first_use(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_sources: SmallSources
) -> None:
    """The builder's own code, over the small gazetteer's records (conftest.small_sources)."""
    path = tmp_path / "fresh" / "gazetteer.sqlite"
    monkeypatch.setenv("TIDINGS_GAZETTEER_PATH", str(path))
    result = run("analyze", str(story), "--format", "json")
    assert result.exit_code == 0
    assert f"building the offline gazetteer at {path}" in result.stderr
    assert path.is_file()
    assert json.loads(result.stdout)["places"][0]["country"] == "PE"


def test_a_broken_gazetteer_is_a_clear_error(
    story: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gazetteer.sqlite"
    path.write_bytes(b"not a database, just some bytes " * 100)
    monkeypatch.setenv("TIDINGS_GAZETTEER_PATH", str(path))
    result = run("analyze", str(story))
    assert result.exit_code == 2
    assert str(path) in result.stderr and "not a gazetteer" in result.stderr
    assert "Traceback" not in result.stderr
