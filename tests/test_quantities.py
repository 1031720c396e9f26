from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from tidings.extract.quantities.claims import find_quantities
from tidings.extract.quantities.numbers import parse_digits, parse_number
from tidings.model import Quantity


def quantities(nlp: Language, text: str) -> dict[str, Quantity]:
    return {quantity.text: quantity for quantity in find_quantities(nlp(text))}


def fields(quantity: Quantity) -> tuple[float | None, str | None, str | None, str | None]:
    return quantity.value, quantity.unit, quantity.qualifier, quantity.counted


def test_reference_article(nlp: Language, reference_text: str) -> None:
    found = [(q.text, *fields(q)) for q in find_quantities(nlp(reference_text))]
    assert found == [
        ("about 50 metres", 50, "metre", "about", None),
        ("more than 1,000", 1000, None, "more than", "North Koreans"),
        ("thousands of miles", 1000, "mile", "several", None),
    ]


def test_magnitogorsk_article(nlp: Language, wikinews: list[dict[str, str]]) -> None:
    row = wikinews[0]
    assert row["title"].startswith("Magnitogorsk")
    found = quantities(nlp, row["text"])
    assert fields(found["ten-storey"]) == (10, None, None, "storey")
    assert fields(found["39"]) == (39, None, None, "dead")  # "A total of 39 are confirmed dead"
    assert fields(found["over 1,000"]) == (1000, None, "more than", "people")
    assert fields(found["48"]) == (48, None, None, "apartments")
    assert fields(found["at least ten"]) == (10, None, "at least", "survivors")
    assert fields(found["between 36 and 40"]) == (36, None, "between", "people")
    assert fields(found["68"]) == (68, None, None, "people")
    assert fields(found["fourteen"]) == (14, None, None, "confirmed death toll")
    assert fields(found["one million rubles"]) == (1e6, "RUB", None, None)
    assert fields(found["over 30 hours"]) == (30, "hour", "more than", None)
    # the dateline, "The 1973 building", "at 6am" and "eleven-month-old boy" are not quantities
    assert not {"4", "2019", "1973", "6", "eleven", "eleven-month"} & set(found)


def test_spans_point_into_the_text_in_order(
    wikinews_docs: list[tuple[dict[str, str], Doc]],
) -> None:
    for row, doc in wikinews_docs:
        previous_end = 0
        for quantity in find_quantities(doc):
            assert row["text"][quantity.start : quantity.end] == quantity.text
            assert quantity.start >= previous_end
            assert quantity.value is not None
            previous_end = quantity.end


def test_money(nlp: Language) -> None:
    found = quantities(
        nlp,
        "The fund raised $2.5 million, €3bn and £5m, plus US$473.60 per tonne and Rs 500 crore. "
        "He paid 20,000 euros and they seized 300 pounds of cocaine.",
    )
    assert fields(found["$2.5 million"]) == (2.5e6, "USD", None, None)
    assert fields(found["€3bn"]) == (3e9, "EUR", None, None)
    assert fields(found["£5m"]) == (5e6, "GBP", None, None)
    assert found["US$473.60"].unit == "USD"
    assert fields(found["Rs 500 crore"]) == (5e9, "INR", None, None)
    assert fields(found["20,000 euros"]) == (20000, "EUR", None, None)
    assert found["300 pounds"].unit == "pound"  # a weight, not sterling


def test_percent_and_rates(nlp: Language) -> None:
    found = quantities(
        nlp,
        "Turnout was 39% and 12 per cent of voters spoiled ballots; support rose 4 percentage "
        "points. The death rate was seven per 100,000 people.",
    )
    assert fields(found["39%"]) == (39, "percent", None, None)
    assert fields(found["12 per cent"]) == (12, "percent", None, None)
    assert found["4 percentage points"].unit == "percentage point"
    assert fields(found["seven per 100,000"]) == (7, "per 100,000", None, None)


@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        ("Police arrested twenty-five protesters.", "twenty-five", 25),
        ("The bill affects one hundred and twenty families.", "one hundred and twenty", 120),
        ("A dozen officers were hurt.", "A dozen", 12),
        ("The virus infected half a million people.", "half a million", 5e5),
        ("Turkey hosts three-and-a-half million refugees.", "three-and-a-half million", 3.5e6),
        ("The region has 1.3 billion people.", "1.3 billion", 1.3e9),
    ],
)
def test_number_words(nlp: Language, text: str, expression: str, value: float) -> None:
    assert quantities(nlp, text)[expression].value == value


def test_vague_magnitudes_take_their_magnitude(nlp: Language) -> None:
    found = quantities(
        nlp,
        "Dozens of people were killed and hundreds injured. Tens of thousands marched, and "
        "several hundred protesters travelled thousands of miles.",
    )
    assert fields(found["Dozens"]) == (12, None, "several", "people")
    assert fields(found["hundreds"]) == (100, None, "several", "injured")
    assert fields(found["Tens of thousands"]) == (10000, None, "several", None)
    assert fields(found["several hundred"]) == (100, None, "several", "protesters")
    assert fields(found["thousands of miles"]) == (1000, "mile", "several", None)


def test_ranges_are_valued_at_their_lower_bound(nlp: Language) -> None:
    found = quantities(
        nlp,
        "Between 36-40 people were trapped, two or three people fled, 20 to 30 soldiers died "
        "and the damage cost between $5 and $7 billion, or 2 to 3 million euros.",
    )
    assert fields(found["Between 36-40"]) == (36, None, "between", "people")
    assert fields(found["two or three"]) == (2, None, "between", "people")
    assert fields(found["20 to 30"]) == (20, None, "between", "soldiers")
    assert fields(found["between $5 and $7 billion"]) == (5e9, "USD", "between", None)
    assert fields(found["2 to 3 million euros"]) == (2e6, "EUR", "between", None)


def test_a_change_is_two_quantities_and_a_score_none(nlp: Language) -> None:
    found = quantities(nlp, "Support rose from 10 to 20 percent. The home side won 2-1.")
    assert fields(found["10"]) == (10, "percent", None, None)  # the unit of the second number
    assert fields(found["20 percent"]) == (20, "percent", None, None)
    assert set(found) == {"10", "20 percent"}


@pytest.mark.parametrize(
    ("text", "expression", "qualifier"),
    [
        ("Nearly 500 homes were destroyed.", "Nearly 500", "almost"),
        ("Fewer than 20 people came.", "Fewer than 20", "less than"),
        ("Up to 50 boats sank.", "Up to 50", "up to"),
        ("No more than 12 guests were allowed.", "No more than 12", "at most"),
        ("Police seized 1,000 or more rifles.", "1,000 or more", "at least"),
        ("An estimated 120 people were inside.", "An estimated 120", "about"),
        ("The site drew 1,000+ visitors.", "1,000+", "more than"),
        ("Some 300 soldiers in excess of 30 tonnes.", "in excess of 30 tonnes", "more than"),
    ],
)
def test_qualifiers(nlp: Language, text: str, expression: str, qualifier: str) -> None:
    assert quantities(nlp, text)[expression].qualifier == qualifier


def test_counted_names_what_the_number_counts(nlp: Language) -> None:
    found = quantities(
        nlp,
        "Four of the deceased were foreigners. The blaze killed three. In all, 22 were injured. "
        "The death toll rose to 31. Five teen girls died in a 50-metre corridor.",
    )
    assert found["Four"].counted == "deceased"
    assert found["three"].counted == "killed"
    assert found["22"].counted == "injured"
    assert found["31"].counted == "death toll"
    assert found["Five"].counted == "teen girls"
    assert fields(found["50-metre"]) == (50, "metre", None, None)  # a unit says it: no counted


def test_durations_are_quantities_but_dates_ages_and_times_are_not(nlp: Language) -> None:
    found = quantities(
        nlp,
        "On January 4, 2019 at 6am a 16-year-old boy, aged 64, was sentenced to five years in "
        "prison. In 2018 the court sat until 10 p.m. on March 4 and 5; he left two days later "
        "after 24 hours of talks.",
    )
    assert set(found) == {"five years", "24 hours"}
    assert fields(found["five years"]) == (5, "year", None, None)
    assert found["24 hours"].unit == "hour"


def test_names_codes_phones_and_ordinals_are_not_quantities(nlp: Language) -> None:
    found = quantities(
        nlp,
        "Apollo 11 and COVID-19 came up at the G7 summit on 5G; Section 230 protects Boeing 737 "
        "owners at No. 10. Call 555-1234 or +44 20 7946 0000. It was the first, the 2nd and "
        "the third time.",
    )
    assert found == {}


def test_a_bare_one_is_not_a_count(nlp: Language) -> None:
    found = quantities(
        nlp, "One ministry official said at least one person died and one or two were hurt."
    )
    assert set(found) == {"at least one", "one or two"}
    assert fields(found["at least one"]) == (1, None, "at least", "person")


@given(st.integers(min_value=0, max_value=10**12))
def test_formatted_integers_round_trip(number: int) -> None:
    assert parse_digits(f"{number:,}") == number
    assert parse_digits(str(number)) == number


@given(st.integers(min_value=1, max_value=999_999_999))
def test_spelled_out_numbers_round_trip(number: int) -> None:
    assert parse_number(spell(number).split()) == number


def spell(number: int) -> str:
    """English words for 1..999,999,999 the way articles write them."""
    units = "zero one two three four five six seven eight nine ten eleven twelve thirteen".split()
    units += "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    tens = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()

    def below_thousand(part: int) -> list[str]:
        words: list[str] = []
        hundreds, rest = divmod(part, 100)
        if hundreds:
            words += [units[hundreds], "hundred"] + (["and"] if rest else [])
        if rest >= 20:
            words += [tens[rest // 10]] + (["-", units[rest % 10]] if rest % 10 else [])
        elif rest:
            words.append(units[rest])
        return words

    words: list[str] = []
    for scale, name in ((10**6, "million"), (10**3, "thousand"), (1, "")):
        part, number = divmod(number, scale)
        if part:
            words += below_thousand(part) + ([name] if name else [])
    return " ".join(words)
