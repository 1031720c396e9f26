"""Time expressions: spans, TIMEX3 values anchored on the publication date, and negatives."""

from __future__ import annotations

import re

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tidings.extract.dates.anchoring import Tense
from tidings.extract.dates.expressions import find_dates
from tidings.extract.dates.values import interpret, parse_anchor
from tidings.model import DateMention

PUBLISHED = "2017-11-14"  # a Tuesday, ISO week 46
TIMEX_VALUE = re.compile(
    r"^(?:PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|\d{2,4}(?:-(?:\d{2}(?:-\d{2}(?:T(?:\d{2}:\d{2}|MO|AF|EV|NI))?)?|W\d{2}(?:-WE)?|Q[1-4]"
    r"|SP|SU|FA|WI))?"
    r"|P(?:T?(?:\d+(?:\.\d+)?|X)[YMWDQHS]))$"
)


def dates(nlp: Language, text: str, published: str | None = PUBLISHED) -> list[DateMention]:
    doc = nlp(text)
    found = list(find_dates(doc, published))
    for mention in found:
        assert doc.text[mention.start : mention.end] == mention.text
    return found


def only(nlp: Language, text: str, published: str | None = PUBLISHED) -> DateMention:
    found = dates(nlp, text, published)
    assert len(found) == 1, found
    return found[0]


def test_weekday_in_a_past_clause_is_the_most_recent_one(nlp: Language) -> None:
    mention = only(nlp, "On Monday a soldier defected across the border.")
    assert (mention.text, mention.value, mention.type, mention.precision) == (
        "Monday",
        "2017-11-13",
        "DATE",
        "day",
    )


def test_weekday_in_a_future_clause_is_the_next_one(nlp: Language) -> None:
    assert only(nlp, "The minister will visit the border on Monday.").value == "2017-11-20"


def test_bare_month_takes_the_anchor_year(nlp: Language) -> None:
    mention = only(nlp, "The last such crossing was in June.")
    assert (mention.value, mention.precision) == ("2017-06", "month")


def test_month_after_the_anchor_in_a_past_clause_is_last_year(nlp: Language) -> None:
    assert only(nlp, "The treaty was signed in December.").value == "2016-12"


def test_every_year_is_a_set(nlp: Language) -> None:
    mention = only(nlp, "More than 1,000 North Koreans flee to the South every year.")
    assert (mention.text, mention.value, mention.type, mention.precision) == (
        "every year",
        "P1Y",
        "SET",
        None,
    )


@pytest.mark.parametrize(
    ("text", "expected", "value", "precision"),
    [
        ("Prices rose last year.", "last year", "2016", "year"),
        ("Prices rose this year.", "this year", "2017", "year"),
        ("Prices will rise next month.", "next month", "2017-12", "month"),
        ("He arrived yesterday.", "yesterday", "2017-11-13", "day"),
        ("He leaves tomorrow.", "tomorrow", "2017-11-15", "day"),
        ("He left two days ago.", "two days ago", "2017-11-12", "day"),
        ("Talks stalled last week.", "last week", "2017-W45", "week"),
        ("Talks stalled last June.", "last June", "2017-06", "month"),
        ("The strike began in 2015.", "2015", "2015", "year"),
        ("The law passed on November 13, 2017.", "November 13, 2017", "2017-11-13", "day"),
        ("The law passed on Nov. 13.", "Nov. 13", "2017-11-13", "day"),
        ("The law passed on 2017-11-13.", "2017-11-13", "2017-11-13", "day"),
        ("The town grew in the 1990s.", "1990s", "199", "year"),
        ("Sales fell in the first quarter.", "first quarter", "2017-Q1", "year"),
        ("This morning the border was quiet.", "This morning", "2017-11-14TMO", "day"),
    ],
)
def test_dates_relative_to_the_anchor(
    nlp: Language, text: str, expected: str, value: str, precision: str
) -> None:
    mention = only(nlp, text)
    assert (mention.text, mention.value, mention.precision) == (expected, value, precision)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("He was jailed for two years.", "P2Y"),
        ("The talks lasted three days.", "P3D"),
        ("The flight took five hours.", "PT5H"),
        ("The war lasted a decade.", "P10Y"),
    ],
)
def test_durations(nlp: Language, text: str, value: str) -> None:
    mention = only(nlp, text)
    assert (mention.value, mention.type, mention.precision) == (value, "DURATION", None)


def test_sets_and_references(nlp: Language) -> None:
    found = dates(nlp, "The magazine is published weekly. He is now at home and will leave soon.")
    assert [(m.text, m.value, m.type) for m in found] == [
        ("weekly", "P1W", "SET"),
        ("now", "PRESENT_REF", "DATE"),
        ("soon", "FUTURE_REF", "DATE"),
    ]
    assert only(nlp, "Recently the army moved north.").value == "PAST_REF"


def test_no_anchor_keeps_text_type_and_precision(nlp: Language) -> None:
    mention = only(nlp, "On Monday a soldier defected.", None)
    assert (mention.text, mention.value, mention.type, mention.precision) == (
        "Monday",
        None,
        "DATE",
        "day",
    )
    assert only(nlp, "Prices rose last year.", None).value is None
    assert only(nlp, "The strike began in 2015.", None).value == "2015"
    assert only(nlp, "He was jailed for two years.", None).value == "P2Y"


def test_a_coarse_anchor_never_invents_a_day(nlp: Language) -> None:
    assert only(nlp, "He arrived yesterday.", "2017-11").value is None
    assert only(nlp, "Prices rose last year.", "2017").value == "2016"
    assert only(nlp, "Talks stalled in June.", "2017").value is None
    assert only(nlp, "He arrived yesterday.", "2017-11-14T09:30:00").value == "2017-11-13"


@pytest.mark.parametrize(
    "text",
    [
        "The soldier, 24 years old, was shot.",
        "The 36-year-old man was shot.",
        "You may go, and May they prosper.",
        "He owns 500 cars and 2,000 goats.",
    ],
)
def test_not_dates(nlp: Language, text: str) -> None:
    assert dates(nlp, text) == []


def test_interpret_without_spacy() -> None:
    anchor = parse_anchor(PUBLISHED)
    assert interpret("the past three years", anchor) == ("P3Y", "DURATION", None)
    assert interpret("Monday", anchor, "future") == ("2017-11-20", "DATE", "day")
    assert interpret("last Tuesday", anchor) == ("2017-11-07", "DATE", "day")
    assert interpret("next June", anchor) == ("2018-06", "DATE", "month")
    assert interpret("May", anchor) is None
    assert interpret("9 a.m.", anchor) == ("2017-11-14T09:00", "TIME", "day")
    assert parse_anchor("not a date") is None
    assert parse_anchor(None) is None


def test_wikinews_articles(wikinews_docs: list[tuple[dict[str, str], Doc]]) -> None:
    total = 0
    for row, doc in wikinews_docs:
        text = doc.text
        for mention in find_dates(doc, row["date"] or None):
            total += 1
            assert text[mention.start : mention.end] == mention.text
            assert mention.type in ("DATE", "TIME", "DURATION", "SET")
            assert mention.value is None or TIMEX_VALUE.match(mention.value), mention
    assert total > 0


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        ("The board declared a dividend payable Jan. 5.", PUBLISHED, "2018-01-05"),
        ("The deadline was extended to Jan. 10.", PUBLISHED, "2018-01-10"),
        ("Prices have doubled since the December floods.", "2018-01-15", "2017-12"),
        (
            "Pulled from the sea on Nov. 25, the sailor recovered in Lisbon.",
            "2018-01-07",
            "2017-11-25",
        ),
        ("Loans of $90 million run through February.", PUBLISHED, "2018-02"),
        ("Profits fell in the fourth quarter.", "2018-01-20", "2017-Q4"),
        ("Its third-quarter profit will be lower.", "2017-10-30", "2017-Q3"),
    ],
)
def test_months_without_a_year_take_the_nearest_fitting_year(
    nlp: Language, text: str, published: str, value: str
) -> None:
    assert only(nlp, text, published).value == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The team plans to leave on Thursday.", "2017-11-16"),
        ("The choir planned to sing on Thursday.", "2017-11-16"),
        ("The bridge is scheduled to reopen Monday.", "2017-11-20"),
        ("The envoy could arrive as early as Friday.", "2017-11-17"),
        ("She said her brother would be flying home Thursday.", "2017-11-16"),
        ("The ministers might meet Saturday.", "2017-11-18"),
        ("The vote may have been rigged on Sunday.", "2017-11-12"),
        ("Officials postponed the hearing until Wednesday.", "2017-11-15"),
        ("The permit had been due to lapse Saturday.", "2017-11-11"),
    ],
)
def test_weekdays_follow_plans_modals_and_open_prepositions(
    nlp: Language, text: str, value: str
) -> None:
    assert only(nlp, text).value == value


def test_months_in_a_present_clause_look_four_months_ahead() -> None:
    anchor = parse_anchor(PUBLISHED)
    assert interpret("March", anchor) == ("2018-03", "DATE", "month")
    assert interpret("April", anchor) == ("2017-04", "DATE", "month")
    assert interpret("December", parse_anchor("2018-01-15")) == ("2017-12", "DATE", "month")
    assert interpret("Monday", anchor, "open") == ("2017-11-13", "DATE", "day")
    assert interpret("Thursday", anchor, "open") == ("2017-11-16", "DATE", "day")


def test_references_to_the_reported_quarter(nlp: Language) -> None:
    text = (
        "Acme said third-quarter profit rose 12% to $40 million from $35 million a year "
        "earlier. Sales in the quarter rose 5%. In the year-ago quarter, Acme had a loss. "
        "Profit for the first nine months rose 8% from a year earlier."
    )
    found = [(m.text, m.value) for m in dates(nlp, text, "2017-10-26")]
    assert found == [
        ("third-quarter", "2017-Q3"),
        ("a year earlier", "2016-Q3"),
        ("quarter", "2017-Q3"),
        ("year-ago quarter", "2016-Q3"),
        ("first nine months", "P9M"),
        ("a year earlier", "2016"),
    ]


def test_quarter_references_without_a_reported_quarter() -> None:
    anchor = parse_anchor("2017-10-26")
    assert interpret("the quarter", anchor) is None
    assert interpret("the latest period", anchor) is None
    assert interpret("a year earlier", anchor) == ("2016", "DATE", "year")
    assert interpret("the year-ago period", anchor, period="2017-Q2") == ("2016-Q2", "DATE", "year")
    assert interpret("the 2016 period", anchor, period="2017-Q2") == ("2016-Q2", "DATE", "year")
    assert interpret("the quarter a year ago", anchor, period="2017-Q3") == (
        "2016-Q3",
        "DATE",
        "year",
    )
    assert interpret("this quarter", anchor, period="2017-Q3") == ("2017-Q4", "DATE", "year")


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("the fiscal first quarter", "2017-Q1"),
        ("this year's third quarter", "2017-Q3"),
        ("the 2016 second quarter", "2016-Q2"),
        ("next year's first quarter", "2018-Q1"),
    ],
)
def test_quarters_with_their_year(phrase: str, value: str) -> None:
    assert interpret(phrase, parse_anchor("2017-10-26"), "past") == (value, "DATE", "year")


def test_an_outlook_quarter_is_not_the_reported_one(nlp: Language) -> None:
    text = "Acme expects sales to rise in the first quarter of 2018. Sales in the quarter fell."
    assert [m.text for m in dates(nlp, text, "2017-10-26")] == ["first quarter of 2018"]


@pytest.mark.parametrize(
    ("text", "expected", "value"),
    [
        (
            "The store was robbed at 10 p.m. Wednesday.",
            "10 p.m. Wednesday",
            "2017-11-08T22:00",
        ),
        ("The strike ended at noon Monday.", "noon Monday", "2017-11-13T12:00"),
        ("The offer runs until 5 p.m. EST Nov. 20.", "5 p.m. EST Nov. 20", "2017-11-20T17:00"),
        ("The clinic was attacked Sunday evening.", "Sunday evening", "2017-11-12TEV"),
        ("Shares fell at mid-afternoon yesterday.", "mid-afternoon yesterday", "2017-11-13TAF"),
    ],
)
def test_a_time_and_its_day_make_one_expression(
    nlp: Language, text: str, expected: str, value: str
) -> None:
    mention = only(nlp, text)
    assert (mention.text, mention.value, mention.type) == (expected, value, "TIME")


def test_time_on_day_without_spacy() -> None:
    anchor = parse_anchor(PUBLISHED)
    assert interpret("Friday at 9 a.m.", anchor, "future") == ("2017-11-17T09:00", "TIME", "day")
    assert interpret("midnight Sunday", anchor) == ("2017-11-12T24:00", "TIME", "day")
    assert interpret("9 a.m. Tuesday", None) == (None, "TIME", "day")
    assert interpret("the year ended March 31", anchor) is None


@pytest.mark.parametrize(
    ("text", "published", "expected", "value"),
    [
        ("The ship docked on Thanksgiving Day.", "2018-01-07", "Thanksgiving Day", "2017-11-23"),
        ("The bridge reopened last Thanksgiving.", "2018-02-10", "last Thanksgiving", "2017-11-23"),
        ("Hotels in Seville fill up during Easter week.", "2017-04-10", "Easter week", "2017-W15"),
        (
            "Canvassers will knock on doors until Election Day.",
            "2018-10-26",
            "Election Day",
            "2018-11-06",
        ),
        ("The shops will close on Christmas Day.", PUBLISHED, "Christmas Day", "2017-12-25"),
    ],
)
def test_holidays(nlp: Language, text: str, published: str, expected: str, value: str) -> None:
    found = [(m.text, m.value) for m in dates(nlp, text, published)]
    assert (expected, value) in found, found


@pytest.mark.parametrize(
    ("text", "expected", "value"),
    [
        ("The museum will reopen in May.", "May", "2018-05"),
        ("The factory closed in June last year.", "June last year", "2016-06"),
        ("Ticket prices rose in February this year.", "February this year", "2017-02"),
        ("The new line opens in April next year.", "April next year", "2018-04"),
        ("The canal was dredged almost four years ago.", "almost four years ago", "2013"),
        ("Rents have doubled over the past decade.", "past decade", "P10Y"),
        ("Over the weekend, police arrested two men.", "weekend", "2017-W45-WE"),
    ],
)
def test_months_with_their_year_weekdays_and_weekends(
    nlp: Language, text: str, expected: str, value: str
) -> None:
    mention = only(nlp, text)
    assert (mention.text, mention.value) == (expected, value)


@pytest.mark.parametrize(
    "text",
    [
        "They will leave as soon as the talks end.",
        "The hostage was soon freed.",
        "The shop closed soon after the flood.",
        "You may go now, and may they prosper.",
    ],
)
def test_soon_that_is_no_future_reference(nlp: Language, text: str) -> None:
    assert [m.text for m in dates(nlp, text)] in ([], ["now"])


def test_weekday_names_spacy_misses_are_found() -> None:
    from tidings.extract.dates.expressions import extra_spans

    text = "Late Monday, a monday-morning call; the İstanbul office, Nov. 3, is shut NOW."
    assert sorted(text[start:end] for start, end in extra_spans(text)) == [
        "Monday",
        "NOW",
        "Nov. 3",
    ]


def test_soon_in_a_future_clause(nlp: Language) -> None:
    assert only(nlp, "The council may soon raise taxes.").value == "FUTURE_REF"


@pytest.mark.parametrize(
    ("phrase", "tense", "value"),
    [
        ("nineteen ninety-six", "past", "1996"),
        ("January nineteen ninety-seven", "past", "1997-01"),
        ("the year two thousand", "future", "2000"),
        ("two thousand and one", "past", "2001"),
        ("nineteen oh five", "past", "1905"),
        ("the winter of nineteen ninety-four", "past", "1994-WI"),
        ("the nineties", "past", "199"),
        ("the 20th century", "past", "19"),
        ("the summer", "past", "2017-SU"),
        ("this past spring", "present", "2017-SP"),
        ("the full year", "future", "2017"),
        ("the current fiscal year", "present", "2017"),
        ("the end of the year", "future", "2017"),
        ("earlier in the year", "past", "2017"),
    ],
)
def test_named_periods(phrase: str, tense: Tense, value: str) -> None:
    reading = interpret(phrase, parse_anchor(PUBLISHED), tense)
    assert reading is not None and reading[0] == value, reading


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Acme earned $5 million in the quarter ended Sept. 30.",
            [("quarter", "2017-Q3"), ("Sept. 30", "2017-09-30")],
        ),
        (
            "Acme lost money in its fourth quarter ended June 30.",
            [("its fourth quarter", "2017-Q4"), ("June 30", "2017-06-30")],
        ),
        (
            "Revenue for the year ended March 31 rose 4%.",
            [("year", "P1Y"), ("March 31", "2017-03-31")],
        ),
        (
            "Profit for the six months ended Aug. 12 fell.",
            [("six months", "P6M"), ("Aug. 12", "2017-08-12")],
        ),
    ],
)
def test_a_period_named_by_its_last_day(
    nlp: Language, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.value) for m in dates(nlp, text, "2017-10-26")] == expected


def test_an_ordinal_quarter_outranks_one_named_by_its_end(nlp: Language) -> None:
    text = (
        "Acme earned $5 million in its fiscal first quarter. Sales for the quarter ended "
        "Sept. 30 rose 8% from a year earlier."
    )
    values = [m.value for m in dates(nlp, text, "2017-10-26")]
    assert values == ["2017-Q1", "2017-Q1", "2017-09-30", "2016-Q1"]


@pytest.mark.parametrize(
    ("text", "expected", "value"),
    [
        (
            "The mayor resigned in June 2015 and ran again later that year.",
            "later that year",
            "2015",
        ),
        (
            "He was promoted on May 22, 2015, and the following year he retired.",
            "following year",
            "2016",
        ),
        (
            "The board met in March. The following month, it sold the firm.",
            "following month",
            "2017-04",
        ),
        (
            "He was arrested on Oct. 23, 2016. Earlier that day, police got a tip.",
            "Earlier that day",
            "2016-10-23",
        ),
    ],
)
def test_that_year_and_the_following_month_take_the_last_date_given(
    nlp: Language, text: str, expected: str, value: str
) -> None:
    found = [(m.text, m.value) for m in dates(nlp, text)]
    assert (expected, value) in found, found


def test_anaphors_without_a_precise_enough_antecedent() -> None:
    from tidings.extract.dates.references import read_anaphor

    assert read_anaphor("that day", "2015") is None
    assert read_anaphor("the next morning", "2016-02-22") == ("2016-02-23TMO", "TIME", "day")
    assert read_anaphor("the previous week", "2017-11-14") == ("2017-W45", "DATE", "week")
    assert read_anaphor("that year", None) is None


def test_hedged_times_and_vague_offsets() -> None:
    anchor = parse_anchor(PUBLISHED)
    assert interpret("around 7:15 p.m.", anchor) == ("2017-11-14T19:15", "TIME", "day")
    assert interpret("just last month", anchor) == ("2017-10", "DATE", "month")
    assert interpret("sometime next year", anchor) == ("2018", "DATE", "year")
    assert interpret("an additional year", anchor) is None


def test_a_vague_duration_that_sets_events_apart_is_dropped(nlp: Language) -> None:
    assert dates(nlp, "The two trains left minutes apart.") == []
    assert only(nlp, "The car was seen twenty days before the attack.").value == "P20D"


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("4 in the morning", "2017-11-14T04:00"),
        ("four o'clock in the afternoon", "2017-11-14T16:00"),
        ("10 at night", "2017-11-14T22:00"),
    ],
)
def test_clock_times_in_words(phrase: str, value: str) -> None:
    assert interpret(phrase, parse_anchor(PUBLISHED)) == (value, "TIME", "day")
    assert interpret("five", parse_anchor(PUBLISHED)) is None


def test_a_longer_extra_expression_is_not_read_twice(nlp: Language) -> None:
    doc = nlp("The shops will close on Easter Monday, the council said.")
    assert [(d.text, d.value) for d in find_dates(doc, "2019-04-10")] == [
        ("Easter Monday", "2019-04-22")
    ]
