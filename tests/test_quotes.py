"""Quotes: direct and indirect, their speakers (pronouns resolved) and cue verbs."""

from __future__ import annotations

import pytest
from spacy.language import Language

from tidings.extract.quotes.attributions import find_quotes
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
    assert quote.speaker.resolved_from is not None
    assert quote.speaker.resolved_from.text == "she"
    assert quote.speaker.resolved_from.start == text.index("she said")
    assert (quote.speaker.start, quote.speaker.end) == (0, len("Angela Merkel"))


def test_pronoun_resolves_to_a_description_noun_phrase(nlp: Language) -> None:
    text = "The minister spoke to farmers on Tuesday. “We will win,” she said."
    (quote,) = quotes_of(nlp, text)
    assert speaker_name(quote) == "The minister"
    assert quote.speaker is not None and quote.speaker.resolved_from.text == "she"


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
    assert fled.speaker is not None and fled.speaker.resolved_from.text == "They"
    poor = by_text["the outlook was poor"]
    assert speaker_name(poor) == "The company"
    assert poor.cue is not None and poor.cue.text == "warned"


def test_unresolvable_pronoun_is_the_speaker_as_written(nlp: Language) -> None:
    (quote,) = quotes_of(nlp, "“No,” he said.")
    assert quote.text == "No"
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.start, quote.speaker.end) == ("he", 6, 8)
    assert quote.speaker.entity is None and quote.speaker.resolved_from is None
    assert quote.cue is not None and quote.cue.text == "said"


def test_indirect_quote_with_an_unresolved_pronoun_is_kept(nlp: Language) -> None:
    text = "They said the council had ignored the warnings for years."
    (quote,) = quotes_of(nlp, text)
    assert quote.kind == "indirect"
    assert quote.text == "the council had ignored the warnings for years"
    assert quote.speaker is not None
    assert (quote.speaker.name, quote.speaker.start, quote.speaker.end) == ("They", 0, 4)
    assert quote.speaker.entity is None and quote.speaker.resolved_from is None


@pytest.mark.parametrize("pronoun", ["I", "We", "You"])
def test_first_and_second_person_speakers_are_not_resolved(nlp: Language, pronoun: str) -> None:
    text = f"Maria Lopez spoke first. {pronoun} told the panel that the bridge was unsafe."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "the bridge was unsafe"
    assert quote.speaker is not None and quote.speaker.name == pronoun
    assert quote.speaker.entity is None and quote.speaker.resolved_from is None


@pytest.mark.parametrize(
    "text",
    [
        "One could argue that the council had ignored the warnings for years.",
        "It goes without saying that the council had ignored the warnings for years.",
        "The mayor kept urging him to say that the council had ignored the warnings.",
    ],
)
def test_no_one_in_particular_gives_no_indirect_quote(nlp: Language, text: str) -> None:
    assert only(quotes_of(nlp, text), "indirect") == []


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
        "''We will not give up on this city,'' the mayor said.",
    ],
)
def test_quote_mark_styles(nlp: Language, text: str) -> None:
    (quote,) = only(quotes_of(nlp, text), "direct")
    assert quote.text == "We will not give up on this city"
    assert speaker_name(quote) == "the mayor"


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ("''", "''")])
def test_two_apostrophes_work_like_curly_marks(nlp: Language, opening: str, closing: str) -> None:
    o, c = opening, closing
    text = (
        f"{o}The bridge will open in June,{c} the mayor said. {o}We found the money.{c}\n\n"
        f"{o}Nobody thought we could do it.{c}\n\n"
        f"The mayor said: {o}The school comes next.\n\n"
        f"{o}Then the hospital, in two years,{c} she said, {o}if the council agrees.{c}"
    )
    quotes = quotes_of(nlp, text)
    assert [quote.text for quote in quotes] == [
        "The bridge will open in June",
        "We found the money.",
        "Nobody thought we could do it.",
        "The school comes next.",
        "Then the hospital, in two years",
        "if the council agrees.",
    ]
    assert [speaker_name(quote) for quote in quotes] == ["the mayor"] * 3 + ["The mayor"] * 3
    assert all(text[quote.start - len(o) : quote.start] == o for quote in quotes)


def test_two_apostrophes_open_a_paragraph_in_text_without_blank_lines(nlp: Language) -> None:
    text = (
        "The mayor spoke on Monday\n"
        "and said: ''We have rebuilt the bridge and the school in two years\n"
        "''and nobody believed we could do it,'' she said."
    )
    quotes = quotes_of(nlp, text)
    assert [quote.text for quote in quotes] == [
        "We have rebuilt the bridge and the school in two years",
        "and nobody believed we could do it",
    ]
    assert [speaker_name(quote) for quote in quotes] == ["The mayor", "The mayor"]


def test_two_apostrophes_around_a_nested_single_quote(nlp: Language) -> None:
    text = "''I told them, 'Wait for the vote,' and they did,'' the mayor said."
    (quote,) = quotes_of(nlp, text)
    assert quote.text == "I told them, 'Wait for the vote,' and they did"
    assert speaker_name(quote) == "the mayor"


def test_curly_quotes_nest_inside_a_straight_quote(nlp: Language) -> None:
    text = '"The mayor called it “a waste” and left the room early," the clerk said.'
    (quote,) = only(quotes_of(nlp, text), "direct")
    assert quote.text == "The mayor called it “a waste” and left the room early"
    assert speaker_name(quote) == "the clerk"


def test_a_straight_quote_does_not_go_on_into_a_curly_one(nlp: Language) -> None:
    text = (
        "The paper reported:\n\n"
        '"The council met on Monday and voted to close the old bridge for repairs.\n\n'
        '"Work will start in the spring and should take about two years.\n\n'
        "“We had no choice at all,” the mayor said."
    )
    first, second, third = quotes_of(nlp, text)
    assert first.text.startswith("The council met") and second.text.startswith("Work will")
    assert speaker_name(first) == speaker_name(second) == "The paper"
    assert third.text == "We had no choice at all" and speaker_name(third) == "the mayor"


def test_scare_quotes_and_titles_are_dropped(nlp: Language) -> None:
    text = (
        "Kim rules the so-called “hermit kingdom” with an iron fist. "
        "The film “Gone with the Wind” was shown on state television."
    )
    assert only(quotes_of(nlp, text), "direct") == []


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue"),
    [
        (
            "Ms. Ortiz called the new road “a waste of everyone's money” and voted against it.",
            "a waste of everyone's money",
            "Ms. Ortiz",
            "called",
        ),
        (
            "Ortiz dismissed the plan as “a waste of everyone's money and time.”",
            "a waste of everyone's money and time.",
            "Ortiz",
            "dismissed",
        ),
        ("Ms. Ortiz called it “a waste” on Monday.", "a waste", "Ms. Ortiz", "called"),
        (
            "The union labeled the offer “an insult to every worker.”",
            "an insult to every worker.",
            "The union",
            "labeled",
        ),
        (
            "The governor has branded the strike “illegal and reckless.”",
            "illegal and reckless.",
            "The governor",
            "branded",
        ),
        (
            "The council described the report as “deeply flawed.”",
            "deeply flawed.",
            "The council",
            "described",
        ),
    ],
)
def test_framing_verbs_attribute_their_object_complement(
    nlp: Language, text: str, content: str, speaker: str, cue: str
) -> None:
    (quote,) = quotes_of(nlp, text)
    assert (quote.kind, quote.text, speaker_name(quote)) == ("direct", content, speaker)
    assert quote.cue is not None and quote.cue.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "Kim rules the so-called “hermit kingdom” with an iron fist.",
        "The new road has been called “a waste” for years.",
        "The mayor called the new bridge “Unity Span” at the opening.",
    ],
)
def test_framed_scare_quotes_and_names_without_a_speaker_are_dropped(
    nlp: Language, text: str
) -> None:
    assert quotes_of(nlp, text) == ()


def test_a_quoted_object_is_not_framed(nlp: Language) -> None:
    text = "The mayor praised the “tireless volunteers” at the meeting."
    assert quotes_of(nlp, text) == ()


def test_long_apposition_after_the_quote_keeps_the_speaker(nlp: Language) -> None:
    text = (
        "“Their plan is clear,” Michael Brandt, a planner at the regional transport office and "
        "a former ambassador to Norway, said. “It works every single time.”"
    )
    quotes = quotes_of(nlp, text)
    assert [speaker_name(quote) for quote in quotes] == ["Michael Brandt", "Michael Brandt"]
    assert quotes[0].cue is not None and quotes[0].cue.text == "said"


def test_a_quote_after_a_finished_quoted_sentence_is_not_its_continuation(
    nlp: Language,
) -> None:
    text = (
        "The union branded the offer “an insult to every worker.” The council insisted that "
        "the mayor “reopen the talks with the drivers.”"
    )
    first, *rest = only(quotes_of(nlp, text), "direct")
    assert speaker_name(first) == "The union"
    assert [speaker_name(quote) for quote in rest] == ["The council"]


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


@pytest.mark.parametrize(
    ("text", "clause", "fragment", "speaker"),
    [
        (
            "Ms. Ortiz “is the only candidate with a plan for the river,” the mayor said.",
            "Ms. Ortiz “is the only candidate with a plan for the river,”",
            "is the only candidate with a plan for the river",
            "the mayor",
        ),
        (
            "Cutting the bus service “would hurt the people who need it most,” Ortiz said.",
            "Cutting the bus service “would hurt the people who need it most,”",
            "would hurt the people who need it most",
            "Ortiz",
        ),
    ],
)
def test_mixed_quote_before_its_cue_gives_the_clause_too(
    nlp: Language, text: str, clause: str, fragment: str, speaker: str
) -> None:
    quotes = quotes_of(nlp, text)
    (indirect,) = only(quotes, "indirect")
    (direct,) = only(quotes, "direct")
    assert (indirect.text, direct.text) == (clause, fragment)
    assert speaker_name(indirect) == speaker_name(direct) == speaker
    assert indirect.cue == direct.cue and indirect.cue is not None


@pytest.mark.parametrize(
    "text",
    [
        "As for the costs, “we will find the money somewhere in the budget,” Ortiz said.",
        "Ortiz warned them: “We will find the money somewhere in the budget,” she said.",
        "“We will find the money somewhere,” she said, but the council was not listening.",
    ],
)
def test_no_mixed_quote_without_a_clause_of_the_speaker(nlp: Language, text: str) -> None:
    quotes = quotes_of(nlp, text)
    assert [quote.kind for quote in quotes] == ["direct"]
    assert speaker_name(quotes[0]) in ("Ortiz", "she")


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
    assert quote.speaker.resolved_from.text == "he"
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


def test_interview_transcript_turns_are_quotes_of_their_speaker(nlp: Language) -> None:
    text = (
        "Maria Ortiz, the mayor, spoke to the radio station on Monday.\n\n"
        "ORTIZ: We expect it to open in June, if the weather holds.\n\n"
        "HOST: And what will it cost the city?\n\n"
        "ORTIZ: About twelve million, which the state will mostly pay.\n\n"
        "UPDATE: This story was changed on Tuesday to correct the cost."
    )
    start = text.index("Maria Ortiz")
    ortiz = Entity(
        id="e1",
        name="Maria Ortiz",
        type="PERSON",
        mentions=(Span(start=start, end=start + 11, text="Maria Ortiz"),),
    )
    quotes = quotes_of(nlp, text, (ortiz,))
    assert [quote.text for quote in quotes] == [
        "We expect it to open in June, if the weather holds.",
        "About twelve million, which the state will mostly pay.",
    ]
    for quote in quotes:
        assert quote.kind == "direct" and quote.cue is None
        assert quote.speaker is not None and quote.speaker.name == "ORTIZ"
        assert quote.speaker.entity == "e1"


def test_quoted_transcript_gives_each_turn_its_speaker(nlp: Language) -> None:
    text = (
        "Part of the interview with Mayor Maria Ortiz follows:\n\n"
        '"HOST: Will the bridge open in June, as the council promised?\n\n'
        '"ORTIZ: It will, and we will pay for it without new taxes.\n\n'
        '"(LAUGHTER.)\n\n'
        '"HOST: Thank you for your time this morning."'
    )
    quotes = quotes_of(nlp, text)
    assert [(speaker_name(quote), quote.text) for quote in quotes] == [
        ("HOST", "Will the bridge open in June, as the council promised?"),
        ("ORTIZ", "It will, and we will pay for it without new taxes."),
        ("HOST", "Thank you for your time this morning."),
    ]


def test_capitals_and_a_colon_alone_make_no_transcript(nlp: Language) -> None:
    text = (
        "BRIDGEWATCH: Ortiz wins the vote\n\n"
        "THE BIG FREEZE: how a bridge plan made it through the council\n\n"
        "The council met on Monday, and Bridgewatch readers asked Maria Ortiz about it.\n\n"
        "CORRECTION: An earlier version of this story gave the wrong date.\n\n"
        "NOTE: The council meets again in June."
    )
    assert quotes_of(nlp, text) == ()
