from __future__ import annotations

import json

import jsonschema
import pytest
from spacy.language import Language

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
