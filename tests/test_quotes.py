"""Quotes: direct and indirect, their speakers (pronouns resolved) and cue verbs."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tidings.extract.quotes import find_quotes
from tidings.model import Entity, Quote, Span
from tidings.nlp import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def quotes_of(nlp: Language, text: str, entities: tuple[Entity, ...] = ()) -> tuple[Quote, ...]:
    doc = nlp(text)
    quotes = find_quotes(doc, entities)
    for quote in quotes:  # every span is evidence: it must be the text it claims to be
        assert text[quote.start : quote.end] == quote.text
        if quote.speaker is not None:
            assert text[quote.speaker.start : quote.speaker.end] == quote.speaker.name
        if quote.cue is not None:
            assert text[quote.cue.start : quote.cue.end] == quote.cue.text
    assert [quote.start for quote in quotes] == sorted(quote.start for quote in quotes)
    return quotes


def only(quotes: tuple[Quote, ...], kind: str) -> list[Quote]:
    return [quote for quote in quotes if quote.kind == kind]


def speaker_name(quote: Quote) -> str | None:
    return None if quote.speaker is None else quote.speaker.name


def test_colon_quote_over_two_paragraphs_gives_each_paragraph_the_speaker(nlp: Language) -> None:
    text = (
        "The soldier crossed the border on Monday.\n\n"
        "One ministry official said: “The defector was taken to hospital by helicopter, "
        "and there was no exchange of fire.\n\n"
        "“We had to crawl toward there to get him out.”\n\n"
        "The army declined to comment."
    )
    quotes = quotes_of(nlp, text)
    assert [quote.kind for quote in quotes] == ["direct", "direct"]
    first, second = quotes
    assert first.text.startswith("The defector was taken") and first.text.endswith("fire.")
    assert second.text == "We had to crawl toward there to get him out."
    for quote in quotes:
        assert speaker_name(quote) == "One ministry official"
        assert quote.cue is not None and quote.cue.text == "said"


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "“We will not retreat,” Defence Minister Ben Wallace said.",
            "Defence Minister Ben Wallace",
            "said",
        ),
        (
            "“It is a disaster,” said Maria Zakharova, a spokeswoman for the foreign ministry.",
            "Maria Zakharova",
            "said",
        ),
        ("“The sanctions have failed,” Putin told reporters in Moscow.", "Putin", "told"),
        ("“Nothing will stop us now,” — Vladimir Putin", "Vladimir Putin", None),
        (
            "Chancellor Olaf Scholz said “the plan is good for Europe” on Friday.",
            "Chancellor Olaf Scholz",
            "said",
        ),
        (
            "“The road was closed for hours,” according to a police spokesman.",
            "a police spokesman",
            "according to",
        ),
    ],
)
def test_direct_quote_speaker_patterns(
    nlp: Language, text: str, speaker: str, cue: str | None
) -> None:
    (quote,) = only(quotes_of(nlp, text), "direct")
    assert speaker_name(quote) == speaker
    assert (quote.cue.text if quote.cue else None) == cue


def test_content_excludes_marks_and_trailing_comma(nlp: Language) -> None:
    text = "“We will win this war,” the general said."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "We will win this war"
    assert text[quote.start - 1] == "“"


def test_he_she_resolve_to_the_person_named_before(nlp: Language) -> None:
    text = "Angela Merkel visited Paris on Tuesday. “We will stand together,” she said."
    (quote,) = quotes_of(nlp, text)
    assert quote.speaker is not None
    assert quote.speaker.name == "Angela Merkel"
    assert quote.speaker.resolved_from == "she"
    assert (quote.speaker.start, quote.speaker.end) == (0, len("Angela Merkel"))


def test_pronoun_resolves_to_a_description_noun_phrase(nlp: Language) -> None:
    text = "The minister spoke to farmers on Tuesday. “We will win,” she said."
    (quote,) = quotes_of(nlp, text)
    assert speaker_name(quote) == "The minister"
    assert quote.speaker is not None and quote.speaker.resolved_from == "she"


def test_they_and_it_resolve_to_groups(nlp: Language) -> None:
    text = (
        "Police said three people died in the blast. They added that the attacker had fled.\n\n"
        "The company said in a statement that profits fell sharply. It warned that the outlook "
        "was poor."
    )
    quotes = quotes_of(nlp, text)
    by_text = {quote.text: quote for quote in quotes}
    fled = by_text["the attacker had fled"]
    assert speaker_name(fled) == "Police"
    assert fled.speaker is not None and fled.speaker.resolved_from == "They"
    poor = by_text["the outlook was poor"]
    assert speaker_name(poor) == "The company"
    assert poor.cue is not None and poor.cue.text == "warned"


def test_unresolvable_pronoun_leaves_the_speaker_unknown(nlp: Language) -> None:
    (quote,) = quotes_of(nlp, "“No,” he said.")
    assert quote.text == "No"
    assert quote.speaker is None
    assert quote.cue is not None and quote.cue.text == "said"


def test_apostrophes_do_not_open_quotes(nlp: Language) -> None:
    text = (
        "Kim’s soldiers’ rifles were old, and the regime’s officers didn't care. "
        "The soldiers' families' homes were searched in the '90s."
    )
    assert only(quotes_of(nlp, text), "direct") == []


def test_single_quotes_with_a_plural_possessive_inside(nlp: Language) -> None:
    text = "‘The soldiers’ guns were loud and we ran,’ said a former colonel."
    (quote,) = only(quotes_of(nlp, text), "direct")
    assert quote.text == "The soldiers’ guns were loud and we ran"
    assert speaker_name(quote) == "a former colonel"


@pytest.mark.parametrize(
    "text",
    [
        '"We will not give up on this city," the mayor said.',
        "«We will not give up on this city», the mayor said.",
        "„We will not give up on this city“, the mayor said.",
        "‘We will not give up on this city,’ the mayor said.",
    ],
)
def test_quote_mark_styles(nlp: Language, text: str) -> None:
    (quote,) = only(quotes_of(nlp, text), "direct")
    assert quote.text == "We will not give up on this city"
    assert speaker_name(quote) == "the mayor"


def test_scare_quotes_and_titles_are_dropped(nlp: Language) -> None:
    text = (
        "Kim rules the so-called “hermit kingdom” with an iron fist. "
        "The film “Gone with the Wind” was shown on state television."
    )
    assert only(quotes_of(nlp, text), "direct") == []


def test_indirect_quote_with_clausal_complement(nlp: Language) -> None:
    text = "South Korea said the soldier was shot and wounded during the escape."
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"
    assert quote.text == "the soldier was shot and wounded during the escape"
    assert speaker_name(quote) == "South Korea"
    assert quote.cue is not None and quote.cue.text == "said"


def test_indirect_quote_drops_that_and_keeps_the_full_subject(nlp: Language) -> None:
    text = "The South Korean ministry official told reporters that the rank remained unknown."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "the rank remained unknown"
    assert speaker_name(quote) == "The South Korean ministry official"
    assert quote.cue is not None and quote.cue.text == "told"


def test_indirect_quote_with_the_attribution_after_the_clause(nlp: Language) -> None:
    (quote,) = quotes_of(nlp, "Three people were killed in the attack, officials said.")
    assert quote.text == "Three people were killed in the attack"
    assert speaker_name(quote) == "officials"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "He was wounded in his shoulder and elbow, according to a defence ministry "
            "official, but was rescued.",
            "He was wounded in his shoulder and elbow",
        ),
        (
            "According to a defence ministry official, the soldier was rescued by helicopter.",
            "the soldier was rescued by helicopter",
        ),
    ],
)
def test_according_to(nlp: Language, text: str, content: str) -> None:
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"
    assert quote.text == content
    assert speaker_name(quote) == "a defence ministry official"
    assert quote.cue is not None and quote.cue.text.lower() == "according to"


def test_negated_reporting_verb_gives_no_quote(nlp: Language) -> None:
    assert quotes_of(nlp, "Smith did not say that the plan had failed.") == ()


def test_no_indirect_quote_duplicates_or_hides_inside_a_direct_one(nlp: Language) -> None:
    text = (
        "“He said the war was over and the troops would go home,” Jones told the BBC.\n\n"
        "Smith said: “The army will protect the people of this city.”"
    )
    quotes = quotes_of(nlp, text)
    assert [quote.kind for quote in quotes] == ["direct", "direct"]
    assert [speaker_name(quote) for quote in quotes] == ["Jones", "Smith"]


def test_split_quote_and_next_paragraph_keep_the_speaker(nlp: Language) -> None:
    text = (
        "“We are not going anywhere,” protesters chanted, “this is our home.”\n\n"
        "“The government must listen to us.”\n\n"
        "Later the square was cleared."
    )
    quotes = quotes_of(nlp, text)
    assert [speaker_name(quote) for quote in quotes] == ["protesters"] * 3
    assert [quote.cue.text if quote.cue else None for quote in quotes] == [
        "chanted",
        "chanted",
        None,
    ]


def test_partial_quote_inside_an_indirect_quote_gets_its_speaker(nlp: Language) -> None:
    text = "The Vice President said the country is “in the midst of a crisis on our border.”"
    quotes = quotes_of(nlp, text)
    (direct,) = only(quotes, "direct")
    assert direct.text == "in the midst of a crisis on our border."
    assert speaker_name(direct) == "The Vice President"
    assert direct.cue is not None and direct.cue.text == "said"


def test_speaker_links_to_entity_even_through_a_pronoun(nlp: Language) -> None:
    text = "President Vladimir Putin arrived in Minsk. “The sanctions have failed,” he said."
    start = text.index("Vladimir Putin")
    putin = Entity(
        id="e1",
        name="Vladimir Putin",
        type="PERSON",
        mentions=(Span(start=start, end=start + 14, text="Vladimir Putin"),),
    )
    (quote,) = quotes_of(nlp, text, (putin,))
    assert quote.speaker is not None
    assert quote.speaker.entity == "e1"
    assert quote.speaker.resolved_from == "he"
    assert "Vladimir Putin" in quote.speaker.name


def test_wikinews_excerpt(nlp: Language) -> None:
    # Wikinews, "Magnitogorsk apartment building collapses after explosion, dozens dead"
    # (2019-01-04), CC BY 2.5.
    text = (
        '"The search and rescue operation is complete," Deputy Emergency Situations Minister '
        "Alexander Chupriyan told TASS on Wednesday. The Emergencies Ministry said six deaths "
        "were of children."
    )
    direct, indirect = quotes_of(nlp, text)
    assert direct.text == "The search and rescue operation is complete"
    assert speaker_name(direct) == "Deputy Emergency Situations Minister Alexander Chupriyan"
    assert indirect.text == "six deaths were of children"
    assert speaker_name(indirect) == "The Emergencies Ministry"


def test_text_without_quotes(nlp: Language) -> None:
    assert quotes_of(nlp, "") == ()
    assert quotes_of(nlp, "The river rose by two metres overnight.") == ()


def test_multi_paragraph_quote_attributed_at_its_end(nlp: Language) -> None:
    text = (
        "The mayor addressed the crowd.\n\n"
        "“We have rebuilt the bridge, the school and the hospital in two years.\n\n"
        "“Nobody believed we could do it,” the mayor said."
    )
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 2
    assert quotes[0].text.endswith("in two years.")
    assert [speaker_name(quote) for quote in quotes] == ["the mayor", "the mayor"]


def test_a_statement_saying_is_attributed_to_its_issuer(nlp: Language) -> None:
    text = "The ministry issued a statement saying the bridge was safe for heavy traffic."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "the bridge was safe for heavy traffic"
    assert speaker_name(quote) == "The ministry"
    assert quote.cue is not None and quote.cue.text == "saying"


def test_entity_link_follows_the_head_word_not_a_modifier(nlp: Language) -> None:
    text = (
        "South Korea said the soldier was shot twice. The South Korean ministry official said "
        "his rank remained to be verified."
    )
    korea = text.index("South Korea")
    korean = text.index("South Korean")
    entities = (
        Entity(
            id="e1",
            name="South Korea",
            type="GPE",
            mentions=(Span(start=korea, end=korea + 11, text="South Korea"),),
        ),
        Entity(
            id="e2",
            name="South Korean",
            type="NORP",
            mentions=(Span(start=korean, end=korean + 12, text="South Korean"),),
        ),
    )
    first, second = quotes_of(nlp, text, entities)
    assert first.speaker is not None and first.speaker.entity == "e1"
    assert second.speaker is not None
    assert second.speaker.name == "The South Korean ministry official"
    assert second.speaker.entity is None
