from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from tidings.extract.entities import find_entities
from tidings.model import Entity


def entities(nlp: Language, text: str) -> dict[str, Entity]:
    return {entity.name: entity for entity in find_entities(nlp(text))}


def test_mentions_point_into_the_text(wikinews_docs: list[tuple[dict[str, str], Doc]]) -> None:
    for row, doc in wikinews_docs:
        for entity in find_entities(doc):
            for mention in entity.mentions:
                assert row["text"][mention.start : mention.end] == mention.text


def test_acronym_and_partial_abbreviation_merge_into_the_full_name(nlp: Language) -> None:
    text = (
        "The soldier was flown to hospital by the United Nations Command on Monday. "
        "A spokesman for the UN Command said he was stable."
    )
    found = entities(nlp, text)
    command = found["United Nations Command"]
    assert command.type == "ORG"
    assert {m.text for m in command.mentions} == {"United Nations Command", "UN Command"}
    assert "UN Command" not in found


def test_bracketed_acronym_is_an_alias(wikinews_docs: list[tuple[dict[str, str], Doc]]) -> None:
    doc = wikinews_docs[0][1]  # Magnitogorsk: "the Federal Security Service (FSB)"
    found = {entity.name: entity for entity in find_entities(doc)}
    fsb = found["Federal Security Service"]
    assert "FSB" in {m.text for m in fsb.mentions}
    assert "FSB" not in found


def test_surname_links_to_the_fullest_name(nlp: Language) -> None:
    text = (
        "President Vladimir Putin flew to the city on Monday. "
        "Putin met rescuers and later spoke to Governor Boris Dubrovsky. "
        "Dubrovsky said the search was over."
    )
    found = entities(nlp, text)
    assert {m.text for m in found["Vladimir Putin"].mentions} >= {"Vladimir Putin", "Putin"}
    assert "Dubrovsky" in {m.text for m in found["Boris Dubrovsky"].mentions}
    assert "Putin" not in found


def test_ambiguous_surname_is_not_merged(nlp: Language) -> None:
    text = (
        "Kim Jong Un met Kim Yo Jong in Pyongyang on Monday. "
        "Later that day, Kim spoke to reporters about the summit."
    )
    found = entities(nlp, text)
    for name in ("Kim Jong Un", "Kim Yo Jong"):
        if name in found:
            assert "Kim" not in {m.text for m in found[name].mentions}


def test_lines_zones_and_borders_are_places_not_organisations(nlp: Language) -> None:
    text = (
        "The soldier ran across the DMZ on Monday and was found 50 metres south of "
        "the Military Demarcation Line near the village of Panmunjom."
    )
    found = entities(nlp, text)
    assert found["DMZ"].type == "LOC"
    assert found["Military Demarcation Line"].type == "LOC"


def test_leading_the_is_not_part_of_the_name(nlp: Language) -> None:
    text = "The statement came from the Investigative Committee in Moscow on Tuesday."
    found = entities(nlp, text)
    committee = found["Investigative Committee"]
    assert committee.mentions[0].text == "Investigative Committee"


def test_plural_group_names_merge(nlp: Language) -> None:
    text = (
        "More than 1,000 North Koreans defect every year. "
        "A North Korean soldier crossed the border on Monday."
    )
    group = entities(nlp, text)["North Korean"]
    assert group.type == "NORP"
    assert {m.text for m in group.mentions} == {"North Koreans", "North Korean"}


def test_numbers_and_dates_are_not_entities(nlp: Language) -> None:
    text = "On Monday 39 people died in Magnitogorsk, officials said in 2019."
    types = {entity.type for entity in find_entities(nlp(text))}
    assert types.isdisjoint({"DATE", "CARDINAL", "TIME", "QUANTITY", "MONEY", "PERCENT"})


def test_ids_follow_first_mention(nlp: Language) -> None:
    text = "Germany and France met in Brussels. France then spoke to Germany."
    result = find_entities(nlp(text))
    assert [e.id for e in result] == [f"e{n}" for n in range(1, len(result) + 1)]
    assert [e.name for e in result][:3] == ["Germany", "France", "Brussels"]
    assert len(next(e for e in result if e.name == "France").mentions) == 2


def test_reference_article_entities(nlp: Language, reference_text: str) -> None:
    found = entities(nlp, reference_text)
    for name in ("North Korea", "South Korea", "Panmunjom", "United Nations Command", "China"):
        assert name in found, name
    assert found["United Nations Command"].type == "ORG"
    assert found["DMZ"].type != "ORG"
    assert found["Military Demarcation Line"].type != "ORG"
    assert len(found["South Korea"].mentions) >= 6


def test_mislabelled_surname_joins_the_person(
    wikinews_docs: list[tuple[dict[str, str], Doc]],
) -> None:
    # Wikinews, 2019-01-04: spaCy tags "Pelosi" alone as GPE, FAC or EVENT, never PERSON.
    row, doc = wikinews_docs[1]
    assert row["title"].startswith("Nancy Pelosi")
    found = {entity.name: entity for entity in find_entities(doc)}
    pelosi = found["Nancy Pelosi"]
    assert pelosi.type == "PERSON"
    assert sum(m.text == "Pelosi" for m in pelosi.mentions) >= 6
    assert "Pelosi" not in found


def test_abbreviation_keeps_its_dots(nlp: Language) -> None:
    found = entities(nlp, "Troops were sent to the border by the U.S. on Monday.")
    assert "U.S." in found
