"""Stories and canonical events: two outlets' reports of one event are one story with one
merged event; a copy is linked, not counted twice; an unrelated report is its own story."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

import tidings
from tidings.corpus.stories import EventKey, same_event, story_score
from tidings.ingestion import ingest
from tidings.settings import Settings

ROBBERY_A = (
    "Police arrested three men in Gdansk on Friday after an armed robbery at a bank in the "
    "old town. The men took about 40,000 zloty and fled in a grey van, officers said. A "
    "cashier was treated for shock. Police spokesman Tomasz Nowak said the van was found "
    "abandoned near the shipyard."
)
ROBBERY_B = (
    "Three suspects were arrested in Gdansk on Friday, hours after a bank in the city centre "
    "was robbed at gunpoint. According to police spokesman Tomasz Nowak, the robbers escaped "
    "with around 40,000 zloty in a grey van that was later found near the shipyard. No one "
    "was hurt."
)
FLOOD = (
    "Heavy rain sent the river over its banks in Bergen on Friday, flooding streets near the "
    "harbour. The fire service pumped water from dozens of cellars, and the city council "
    "closed two schools after a landslide blocked the coast road."
)


def rows(*items: tuple[str, str, str]) -> str:
    return "".join(
        json.dumps({"title": title, "source": source, "date": "2019-03-02", "text": text}) + "\n"
        for title, source, text in items
    )


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("stories")
    (folder / "day.jsonl").write_text(
        rows(
            ("Three men held after Gdansk bank robbery", "Harbour Times", ROBBERY_A),
            ("Gdansk police catch bank robbers within hours", "Coastal Daily", ROBBERY_B),
            ("River floods streets in Bergen", "Coastal Daily", FLOOD),
            ("Three men held after Gdansk bank robbery", "Baltic Wire", ROBBERY_A + " More later."),
        ),
        encoding="utf-8",
    )
    path = folder / "news.db"
    summary = ingest([str(folder)], path, Settings())
    assert (summary.new, summary.copies) == (4, 1)
    return path


def test_reports_of_one_event_are_one_story(database: Path) -> None:
    with tidings.open(database) as corpus:
        stories = corpus.stories()
    robbery, flood = stories
    assert robbery.title == "Three men held after Gdansk bank robbery"
    assert (robbery.articles, robbery.sources) == (2, 3)  # the wire copy: a source, not a report
    assert (flood.title, flood.articles, flood.sources) == ("River floods streets in Bergen", 1, 1)


def test_their_events_are_merged(database: Path) -> None:
    with tidings.open(database) as corpus:
        story = corpus.stories()[0].id
        merged = corpus.events(story=story)
        every = corpus.events(story=story, mentions=True)
        reported_twice = corpus.events(min_sources=2)
    arrest = next(event for event in merged if event.type == "COERCE")
    assert (arrest.date, arrest.place, arrest.mentions, arrest.sources) == (
        "2019-03-01", "Gdańsk", 2, 3
    )  # fmt: skip
    assert len([e for e in every if e.type == "COERCE"]) == 3  # two reports and the copy
    assert {e.type for e in reported_twice} >= {"COERCE", "CRIME"}
    connection = sqlite3.connect(database)
    (unlinked,) = connection.execute(
        "SELECT COUNT(*) FROM events WHERE canonical_id IS NULL AND negated = 0 "
        "AND modality IN ('asserted', 'reported')"
    ).fetchone()
    assert unlinked == 0


def test_same_event_rules() -> None:
    arrest = EventKey("COERCE", "2019-03-01", "3099434", "PL", False, "POLCOP", "CVL")
    assert same_event(arrest, EventKey("COERCE", "2019-03", None, None, False, None, "CRM"))
    assert same_event(arrest, EventKey("COERCE", "2019-03-01", "798544", "PL", True, None, None))
    assert not same_event(arrest, EventKey("COERCE", "2019-03-02", None, None, False, None, None))
    assert not same_event(arrest, EventKey("COERCE", None, "756135", "PL", False, None, None))
    assert not same_event(arrest, EventKey("COERCE", None, None, None, False, "DEUCOP", None))
    assert not same_event(arrest, EventKey("ASSAULT", "2019-03-01", None, None, False, None, None))


def test_story_score_needs_a_place_or_a_name() -> None:
    article = {"place:3099434": 3.0, "country:PL": 0.5, "word:robbery": 0.5}
    assert story_score(article, {"place:3099434": 3.0, "word:robbery": 0.5}) == 3.5 / 4.0
    assert story_score(article, {"country:PL": 0.5, "word:robbery": 0.5}) == 0.0


def test_two_outlets_one_story_one_event_two_sources(tmp_path: Path) -> None:
    table = tmp_path / "two.jsonl"
    table.write_text(
        rows(
            ("Three men held after Gdansk bank robbery", "Harbour Times", ROBBERY_A),
            ("Gdansk police catch bank robbers within hours", "Coastal Daily", ROBBERY_B),
        ),
        encoding="utf-8",
    )
    database = tmp_path / "two.db"
    ingest([str(table)], database, Settings())
    with tidings.open(database) as corpus:
        (story,) = corpus.stories()
        (arrest,) = corpus.events(type="COERCE")
    assert (story.articles, story.sources) == (2, 2)
    assert (arrest.mentions, arrest.sources, arrest.story_id) == (2, 2, story.id)


FOLLOW_UPS = (
    ("Gdansk robbery suspects in court", "Harbour Times", "2019-03-08",
     "Two of the three men arrested after the armed robbery of a bank in Gdansk appeared in "
     "court on Monday. Police spokesman Tomasz Nowak said the grey van found near the shipyard "
     "had been stolen in Sopot a week earlier. The money has not been recovered."),
    ("Gdansk robbery suspects charged", "Baltic Wire", "2019-03-10",
     "Prosecutors in Gdansk charged the three suspects in the bank robbery with armed assault "
     "on Wednesday, police spokesman Tomasz Nowak said. The cashier who was threatened has "
     "returned to work at the branch in the old town."),
    ("Fourth man questioned over Gdansk robbery", "Coastal Daily", "2019-03-06",
     "A fourth man was questioned in Gdansk on Thursday over the armed bank robbery, police "
     "spokesman Tomasz Nowak told reporters. He is suspected of lending the robbers the grey "
     "van that was left near the shipyard."),
)  # fmt: skip


def test_a_report_from_the_middle_of_a_long_story_joins_it(tmp_path: Path) -> None:
    """The story runs from 2 to 10 March; a report of the 6th is four days from both ends,
    but inside the story's span."""
    reports = [
        ("Three men held after Gdansk bank robbery", "Harbour Times", "2019-03-02", ROBBERY_A),
        ("Gdansk police catch bank robbers", "Coastal Daily", "2019-03-05", ROBBERY_B),
        *FOLLOW_UPS,
    ]
    table = tmp_path / "week.jsonl"
    table.write_text(
        "".join(
            json.dumps({"title": title, "source": source, "date": date, "text": text}) + "\n"
            for title, source, date, text in reports
        ),
        encoding="utf-8",
    )
    database = tmp_path / "week.db"
    ingest([str(table)], database, Settings())
    with tidings.open(database) as corpus:
        (story,) = corpus.stories()
    assert (story.first_published, story.last_published) == ("2019-03-02", "2019-03-10")
    assert (story.articles, story.sources) == (5, 3)
