"""The words and patterns of English time expressions, as :mod:`.values`
reads them: month and weekday names, number words, units, and one regular expression per
shape of phrase ("Nov. 13, 2017", "last June", "three years ago", "every week", "9 a.m.").

Tables and compiled patterns only; the readings are in :mod:`.values`.
Every pattern matches a whole phrase, lower-cased, with single spaces.
"""

from __future__ import annotations

import re

from tidings.extract.dates.anchoring import HOLIDAYS

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "a couple of": 2, "couple of": 2, "a couple": 2, "half a": 0,
}  # fmt: skip
VAGUE = frozenset({"several", "a few", "few", "many", "some", "the next few", "a number of"})
# unit word -> (TIMEX3 letter, multiplier, is a time-of-day unit)
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}  # fmt: skip
ADVERB_SETS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip
REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "the present": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF",
    "in the past": "PAST_REF", "the past": "PAST_REF", "lately": "PAST_REF",
    "formerly": "PAST_REF",
    "soon": "FUTURE_REF", "in the future": "FUTURE_REF", "the future": "FUTURE_REF",
    "in the near future": "FUTURE_REF", "the near future": "FUTURE_REF",
}  # fmt: skip
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
            "fourth": 4, "4th": 4}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUMBER = (
    r"(?P<number>\d[\d,]*(?:\.\d+)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"[- ](?:one|two|three|four|five|six|seven|eight|nine)|"
    + "|".join(sorted({*NUMBER_WORDS, *VAGUE}, key=len, reverse=True))
    + ")"
)
_UNIT = r"(?P<unit>(?:" + "|".join(UNITS) + r"|centurie)s?)"
_RELATIVE = r"(?P<relative>last|this|next|coming|current)"

# Words around an expression that do not change its value ("about two years", "mid-June").
QUALIFIER = re.compile(
    r"^(?:about|around|approximately|roughly|nearly|almost|some|more than|over|less than|"
    r"under|at least|at most|up to|just|only|another|an additional|the first|the final|"
    r"the last|the past|the next|the coming|past|the entire|the whole|a full|full|sometime|"
    r"some time|as early as|as late as|as soon as|as long as|as much as)\s+"
)
MODIFIER = re.compile(
    r"^(?:early|late|mid|earlier|later|the end of|the beginning of|the start of|"
    r"the middle of|end of|beginning of|start of|middle of|the rest of|the remainder of)[\s-]+"
)
ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
MONTH_DAY_YEAR = re.compile(
    rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*(?P<year>\d{{4}}))?$"
)
DAY_MONTH_YEAR = re.compile(
    rf"^(?:the\s+)?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s*(?P<year>\d{{4}}))?$"
)
MONTH_YEAR = re.compile(
    rf"^(?P<lead>in\s+)?{_MONTH}(?:,?\s*(?:of\s+)?(?P<year>\d{{4}})|\s+(?:of\s+)?"
    r"(?P<relative>last|this|next)\s+year)?$"
)
HOLIDAY_NAMES = "|".join(sorted((*HOLIDAYS, "election day"), key=len, reverse=True))
HOLIDAY = re.compile(
    rf"^(?:(?P<relative>last|this|next|this past)\s+)?(?P<name>{HOLIDAY_NAMES})"
    r"(?P<week>\s+week(?:end)?)?(?:,?\s+(?P<year>\d{4}))?$"
)
YEAR = re.compile(r"^(?:(?:the\s+)?year\s+|fiscal\s+|fy\s*)?(?P<year>1\d{3}|20\d{2})$")
DECADE = re.compile(r"^(?:the\s+)?(?:(?P<century>1\d|20)|')(?P<decade>\d)0'?s$")
ORDINAL_QUARTER = (
    r"(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-](?:fiscal\s+)?quarter"
)
QUARTER = re.compile(
    r"^(?:the\s+|its\s+)?(?:(?P<year_first>\d{4})\s+|(?P<relative_first>last|this|next)\s+"
    rf"year's\s+)?(?:fiscal[\s-]+)?{ORDINAL_QUARTER}"
    r"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<year>\d{4})|(?P<relative>last|this|next)\s+year))?$"
)
RELATIVE = re.compile(
    rf"^{_RELATIVE}\s+(?P<what>week|weekend|month|year|quarter|spring|summer|fall|autumn|"
    rf"winter|{'|'.join(MONTHS)}|{'|'.join(WEEKDAYS)})$"
)
DAY_WORD = re.compile(
    r"^(?P<word>yesterday|today|tomorrow|tonight|this|last)(?:\s+(?P<part>morning|afternoon|"
    r"evening|night))?$"
)
WEEKDAY = re.compile(
    rf"^(?:(?P<relative>last|this|next|coming|on)\s+)?{_WEEKDAY}(?:\s+(?P<part>morning|"
    rf"afternoon|evening|night))?(?:,?\s+(?P<rest>.+))?$"
)
AGO = re.compile(rf"^{_NUMBER}\s+{_UNIT}\s+ago$")
DURATION = re.compile(rf"^(?:{_NUMBER}[\s-]+)?{_UNIT}(?:[\s-]+long)?$")
SET = re.compile(rf"^(?:every|each|per)\s+(?:other\s+)?(?:{_NUMBER}\s+)?{_UNIT}$")
# A word that only a time of day has: worth splitting "10 p.m. Wednesday" on.
CLOCK_WORD = re.compile(r"\b(?:[ap]\.m\b|[ap]m\b|noon|midday|midnight|morning|afternoon|evening)")
CLOCK = re.compile(
    r"^(?P<hour>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"(?::(?P<minute>\d{2}))?\s*(?:o'clock\s*)?(?P<half>a\.?m\.?|p\.?m\.?|in the morning|"
    r"in the afternoon|in the evening|at night)?(?:\s+(?:[a-z]{2,4}t|gmt|utc|local time))?$"
)
