from __future__ import annotations

import json

import jsonschema
import pytest
from spacy.language import Language

from geocoders import FakeGeocoder, candidate
from tidings.ingest import article_from_text
from tidings.model import Actor, Event, Facts, Place, Span
from tidings.output.json import SCHEMA_ID, schema, to_dict, to_json, validate
from tidings.pipeline import analyze_articles
from tidings.settings import Settings


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["properties"]["schema"]["const"] == SCHEMA_ID


def test_every_sample_article_validates(wikinews: list[dict[str, str]], nlp: Language) -> None:
    articles = [
        article_from_text(
            row["text"], f"sample[{n}]", title=row["title"], url=row["url"], published=row["date"]
        )
        for n, row in enumerate(wikinews[:8])
    ]
    for facts in analyze_articles(articles, Settings()):
        document = json.loads(to_json(facts))
        validate(document)
        text = document["article"]["text"]
        spans = [m for e in document["entities"] for m in e["mentions"]]
        spans += document["quotes"] + document["quantities"] + document["summary"]
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]


def test_schema_rejects_what_breaks_the_contract() -> None:
    article = article_from_text("Floods hit Dhaka on Monday.", "x")
    document = to_dict(Facts(article=article))
    validate(document)
    broken = json.loads(json.dumps(document))
    del broken["article"]["title"]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)
    broken = json.loads(json.dumps(document))
    broken["quotes"] = [
        {"text": "x", "start": 0, "end": 1, "kind": "rumour", "speaker": None, "cue": None}
    ]
    with pytest.raises(jsonschema.ValidationError):
        validate(broken)


def test_places_and_events_serialise_per_contract() -> None:
    article = article_from_text("Troops shelled Donetsk on Monday.", "x")
    facts = Facts(
        article=article,
        places=(
            Place(
                id="p1",
                name="Donetsk",
                text="Donetsk",
                start=15,
                end=22,
                lat=48.0,
                lon=37.8,
                precision="city",
                country="UA",
                admin1="UA-14",
                feature="P.PPLA",
                confidence=0.9,
            ),
        ),
        actors=(
            Actor(
                id="a1",
                name="Troops",
                mentions=(Span(start=0, end=6, text="Troops"),),
                role="MIL",
                code="MIL",
                plural=True,
            ),
        ),
        events=(
            Event(
                id="ev1",
                type="ASSAULT",
                mode="heavy-weapons",
                cameo="18",
                trigger=Span(start=7, end=14, text="shelled"),
                evidence=Span(start=0, end=33, text=article.text),
                actor="a1",
                place="p1",
                place_source="clause",
                date="2017-11-13",
                date_precision="day",
                date_source="clause",
                date_span=Span(start=26, end=32, text="Monday"),
                confidence=0.8,
            ),
        ),
    )
    document = to_dict(facts)
    validate(document)
    assert document["places"][0]["precision"] == "city"
    assert document["places"][0]["metonymic"] is False
    wrong = json.loads(json.dumps(document))
    wrong["places"][0]["country"] = "Ukraine"  # the contract says ISO alpha-2
    with pytest.raises(jsonschema.ValidationError):
        validate(wrong)
    assert document["events"][0]["trigger"] == {"start": 7, "end": 14, "text": "shelled"}
    assert document["events"][0]["place"] == document["places"][0]["id"] == "p1"
    assert document["events"][0]["date_span"]["text"] == "Monday"
    assert document["actors"][0]["code"] == "MIL"
    wrong = json.loads(json.dumps(document))
    wrong["events"][0]["modality"] = "maybe"  # not one of the six
    with pytest.raises(jsonschema.ValidationError):
        validate(wrong)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2022-03-16TNI", "2022-03-16 night"),
        ("2022-03-16TMO", "2022-03-16 morning"),
        ("2022-03-16TAF", "2022-03-16 afternoon"),
        ("2022-03-16TEV", "2022-03-16 evening"),
        ("2022-03-16T14:30", "2022-03-16 14:30"),
        ("2022-W11", "week 11 of 2022"),
        ("2022-W11-WE", "weekend of week 11, 2022"),
        ("2022-SU", "summer 2022"),
        ("2022-WI", "winter 2022"),
        ("2022-Q3", "Q3 2022"),
        ("2022-H1", "first half of 2022"),
        ("FY2022", "fiscal year 2022"),
        ("199", "the 1990s"),
        ("19", "the 1900s"),
        ("XXXX-06", "June (year not known)"),
        ("P1Y6M", "1 year 6 months"),
        ("PT5H30M", "5 hours 30 minutes"),
        ("PXY", "years"),
        ("PRESENT_REF", "now"),
        ("2022-03-16", "2022-03-16"),
        ("2022-03", "2022-03"),
        ("2022", "2022"),
        ("2022-W99-XX", "2022-W99-XX"),  # no known shape: as it is
        (None, ""),
    ],
)
def test_timex_values_are_said_in_words(value: str | None, shown: str) -> None:
    from tidings.output.dates import human_date

    assert human_date(value) == shown


def test_reports_and_tables_say_dates_in_words_and_json_keeps_the_value() -> None:
    from rich.console import Console

    from tidings.output.report import print_report

    busan = FakeGeocoder({"Busan": candidate("Busan", "KR", 35.1, 129.04)})  # not under test
    article = article_from_text(
        "Police arrested two men in Busan on Wednesday night, officials said.",
        "<test>",
        published="2022-03-17",
    )
    (facts,) = analyze_articles([article], Settings(), geocoder=busan)
    assert [event.date for event in facts.events] == ["2022-03-16TNI"]
    console = Console(record=True, width=80)
    print_report(facts, console)
    report = console.export_text()
    assert "• 2022-03-16 night · Police → two men · COERCE (arrested)" in report
    assert "TNI" not in report
    assert to_dict(facts)["events"][0]["date"] == "2022-03-16TNI"  # the contract's value
