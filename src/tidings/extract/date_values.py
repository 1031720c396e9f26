"""TIMEX3 values: one time expression's words -> (value, type, precision), given an anchor.

Pure string work, no spaCy: :mod:`tidings.extract.dates` finds the expressions in a ``Doc``
and says whether their clause is past or future; :func:`interpret` reads one phrase. The rules
(direction of bare months and weekdays, the precision table) are in the docstring of
:mod:`tidings.extract.dates`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = ["Anchor", "Reading", "Tense", "interpret", "parse_anchor"]

Tense = Literal["past", "present", "future"]
Reading = tuple[str | None, str, str | None]  # value, type, precision

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
    r"the last|the past|the next|the coming|past|the entire|the whole|a full|full)\s+"
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
MONTH_YEAR = re.compile(rf"^{_MONTH}(?:,?\s*(?:of\s+)?(?P<year>\d{{4}}))?$")
YEAR = re.compile(r"^(?:the\s+year\s+|fiscal\s+|fy\s*)?(?P<year>1\d{3}|20\d{2})$")
DECADE = re.compile(r"^(?:the\s+)?(?:(?P<century>1\d|20)|')(?P<decade>\d)0'?s$")
QUARTER = re.compile(
    r"^(?:the\s+)?(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter"
    r"(?:\s+of\s+(?:(?P<year>\d{4})|(?P<relative>last|this|next)\s+year))?$"
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
CLOCK = re.compile(
    r"^(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>a\.?m\.?|p\.?m\.?)?"
    r"(?:\s+(?:[a-z]{2,4}t|gmt|utc|local time))?$"
)


@dataclass(frozen=True, slots=True)
class Anchor:
    """The publication date, as precise as it was given."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def date(self) -> date | None:
        if self.month is None or self.day is None:
            return None
        return date(self.year, self.month, self.day)


def parse_anchor(published: str | None) -> Anchor | None:
    """ "2017-11-14", "2017-11-14T09:30:00", "2017-11" or "2017" -> Anchor; else None."""
    if not published:
        return None
    match = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", published.strip())
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        anchor = Anchor(year, month, day)
        _ = anchor.date
    except ValueError:
        return None
    return anchor


def interpret(phrase: str, anchor: Anchor | None, tense: Tense = "present") -> Reading | None:
    """The TIMEX3 reading of ``phrase`` (any case), or None when it is not understood.
    A reading's value is None when it needs an anchor that is missing or too coarse."""
    words = re.sub(r"\s+", " ", phrase.lower().replace("\u2019", "'")).strip(" ,")
    if words in REFERENCES:
        return REFERENCES[words], "DATE", None
    if words.removeprefix("in ").startswith("recent ") and (
        match := DURATION.match(words.removeprefix("in ").removeprefix("recent "))
    ):
        return _duration(match, "DURATION")  # "in recent years": PXY
    if words in ADVERB_SETS:
        return ADVERB_SETS[words], "SET", None
    if match := SET.match(words):
        return _duration(match, "SET")
    if match := AGO.match(words.removeprefix("about ").removeprefix("some ")):
        return _ago(match, anchor)
    if words.startswith("the ") and not QUARTER.match(words):
        if match := DURATION.match(QUALIFIER.sub("", words)):
            return _duration(match, "DURATION")
        words = words[4:]
    while (stripped := MODIFIER.sub("", words)) != words:
        words = stripped
    return _date(words, anchor, tense) or _duration_or_none(words)


def _duration_or_none(words: str) -> Reading | None:
    stripped = QUALIFIER.sub("", words)
    while (again := QUALIFIER.sub("", stripped)) != stripped:
        stripped = again
    match = DURATION.match(stripped)
    if match is None or (match["number"] is None and not match["unit"].endswith("s")):
        return None  # "year" alone is no duration; "years" is
    return _duration(match, "DURATION")


def _duration(match: re.Match[str], kind: str) -> Reading | None:
    unit = match["unit"].removesuffix("s")
    letter, multiple, clock = UNITS["century" if unit == "centurie" else unit]
    number = match["number"]
    if number is None:
        amount = "1" if kind == "SET" or not match["unit"].endswith("s") else "X"
    elif number in VAGUE:
        amount = "X"
    else:
        count = _number(number)
        if count is None:
            return None
        amount = _format(count * multiple) if count * multiple else "X"
    if amount == "X" and multiple > 1:
        return None
    return ("PT" if clock else "P") + amount + letter, kind, None


def _number(text: str) -> float | None:
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text] or 0.5
    if text[0].isdigit():
        return float(text.replace(",", ""))
    tens, _, unit = text.replace("-", " ").partition(" ")
    if tens in NUMBER_WORDS and unit in NUMBER_WORDS:
        return NUMBER_WORDS[tens] + NUMBER_WORDS[unit]
    return None


def _format(amount: float) -> str:
    return str(int(amount)) if amount == int(amount) else str(amount)


def _ago(match: re.Match[str], anchor: Anchor | None) -> Reading | None:
    unit = match["unit"].removesuffix("s")
    if match["number"] in VAGUE or unit not in ("day", "week", "month", "year", "decade"):
        return None
    count = _number(match["number"])
    if count is None or count != int(count):
        return None
    amount = int(count)
    kind = "DATE"
    if anchor is None:
        return None, kind, {"decade": "year"}.get(unit, unit)
    if unit in ("year", "decade"):
        years = amount * (10 if unit == "decade" else 1)
        return str(anchor.year - years), kind, "year"
    if unit == "month":
        if anchor.month is None:
            return None, kind, "month"
        index = anchor.year * 12 + anchor.month - 1 - amount
        return f"{index // 12:04d}-{index % 12 + 1:02d}", kind, "month"
    today = anchor.date
    if today is None:
        return None, kind, unit
    if unit == "week":
        return _week(today - timedelta(weeks=amount)), kind, "week"
    return (today - timedelta(days=amount)).isoformat(), kind, "day"


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _month_value(
    month: int, anchor: Anchor | None, tense: Tense, relative: str | None
) -> str | None:
    """The year-month a month name without a year points at (see the dates module rules)."""
    if anchor is None or anchor.month is None:
        return None
    year = anchor.year
    if relative == "last" or (relative is None and tense == "past"):
        year -= month >= anchor.month if relative == "last" else month > anchor.month
    elif relative in ("next", "coming") or (relative is None and tense == "future"):
        year += month <= anchor.month if relative else month < anchor.month
    return f"{year:04d}-{month:02d}"


def _weekday_value(
    weekday: int, anchor: Anchor | None, tense: Tense, relative: str | None
) -> date | None:
    today = anchor.date if anchor else None
    if today is None:
        return None
    if relative in ("next", "coming") or (relative in (None, "on", "this") and tense == "future"):
        ahead = (weekday - today.weekday()) % 7 or (7 if relative in ("next", "coming") else 0)
        return today + timedelta(days=ahead)
    back = (today.weekday() - weekday) % 7
    if relative == "last":
        back = back or 7
    return today - timedelta(days=back)


def _date(words: str, anchor: Anchor | None, tense: Tense) -> Reading | None:
    if match := ISO_DATE.match(words):
        return _checked(int(match["year"]), int(match["month"]), int(match["day"]))
    if match := MONTH_DAY_YEAR.match(words) or DAY_MONTH_YEAR.match(words):
        month = MONTHS[match["month"]]
        if match["year"]:
            return _checked(int(match["year"]), month, int(match["day"]))
        ym = _month_value(month, anchor, tense, None)
        if ym is None:
            return None, "DATE", "day"
        return _checked(int(ym[:4]), month, int(match["day"]))
    if (match := MONTH_YEAR.match(words)) and (match["year"] or match["month"] != "may"):
        month = MONTHS[match["month"]]
        if match["year"]:
            return f"{match['year']}-{month:02d}", "DATE", "month"
        return _month_value(month, anchor, tense, None), "DATE", "month"
    if match := YEAR.match(words):
        return match["year"], "DATE", "year"  # "fiscal 1989" too, as TimeBank has it
    if match := DECADE.match(words):
        century = match["century"] or ("20" if match["decade"] in "01" else "19")
        return century + match["decade"], "DATE", "year"
    if match := QUARTER.match(words):
        year = match["year"] and int(match["year"])
        if not year and anchor:
            year = anchor.year + {"last": -1, "next": 1}.get(match["relative"] or "", 0)
        value = f"{year:04d}-Q{ORDINALS[match['ordinal']]}" if year else None
        return value, "DATE", "year"
    if match := RELATIVE.match(words):
        return _relative(match["relative"], match["what"], anchor, tense)
    if match := DAY_WORD.match(words):
        return _day_word(match["word"], match["part"], anchor)
    if match := WEEKDAY.match(words):
        return _weekday(match, anchor, tense)
    if match := CLOCK.match(words):
        return _clock(match, anchor)
    if words in ("noon", "midday", "midnight"):
        today = anchor.date if anchor else None
        clock = "12:00" if words != "midnight" else "24:00"
        return (f"{today.isoformat()}T{clock}" if today else None), "TIME", "day"
    return None


def _checked(year: int, month: int, day: int) -> Reading | None:
    try:
        return date(year, month, day).isoformat(), "DATE", "day"
    except ValueError:
        return None


def _relative(relative: str, what: str, anchor: Anchor | None, tense: Tense) -> Reading | None:
    step = {"last": -1, "next": 1, "coming": 1}.get(relative, 0)
    if what in MONTHS:
        return _month_value(MONTHS[what], anchor, tense, relative), "DATE", "month"
    if what in WEEKDAYS:
        day = _weekday_value(WEEKDAYS[what], anchor, tense, relative)
        return (day.isoformat() if day else None), "DATE", "day"
    if what == "year":
        return (str(anchor.year + step) if anchor else None), "DATE", "year"
    if what in SEASONS:
        return (f"{anchor.year + step:04d}-{SEASONS[what]}" if anchor else None), "DATE", "year"
    if what in ("month", "quarter"):
        if anchor is None or anchor.month is None:
            return None, "DATE", "month" if what == "month" else "year"
        if what == "month":
            index = anchor.year * 12 + anchor.month - 1 + step
            return f"{index // 12:04d}-{index % 12 + 1:02d}", "DATE", "month"
        index = anchor.year * 4 + (anchor.month - 1) // 3 + step
        return f"{index // 4:04d}-Q{index % 4 + 1}", "DATE", "year"
    today = anchor.date if anchor else None
    if today is None:
        return None, "DATE", "week"
    value = _week(today + timedelta(weeks=step))
    return (value + "-WE" if what == "weekend" else value), "DATE", "week"


def _day_word(word: str, part: str | None, anchor: Anchor | None) -> Reading | None:
    if word in ("this", "last") and part is None:
        return None
    if word == "tonight":
        word, part = "today", "night"
    shift = {"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0)
    if word == "last" and part != "night":
        return None  # "last morning" is not a day reference
    today = anchor.date if anchor else None
    value = (today + timedelta(days=shift)).isoformat() if today else None
    if part is None:
        return value, "DATE", "day"
    return (value + "T" + PARTS_OF_DAY[part] if value else None), "TIME", "day"


def _weekday(match: re.Match[str], anchor: Anchor | None, tense: Tense) -> Reading | None:
    rest = match["rest"]
    if rest is not None:  # "Monday, Nov. 13" or "Monday at 9 a.m."
        if match["part"] is None and (dated := _date(rest, anchor, tense)) is not None:
            return dated if dated[1] == "DATE" and dated[2] == "day" else None
        return None
    day = _weekday_value(WEEKDAYS[match["weekday"]], anchor, tense, match["relative"])
    value = day.isoformat() if day else None
    if match["part"] is None:
        return value, "DATE", "day"
    return (value + "T" + PARTS_OF_DAY[match["part"]] if value else None), "TIME", "day"


def _clock(match: re.Match[str], anchor: Anchor | None) -> Reading | None:
    hour, minute, half = int(match["hour"]), int(match["minute"] or 0), match["half"]
    if half is None and match["minute"] is None:
        return None  # a bare number
    if hour > 23 or minute > 59 or (half and not 1 <= hour <= 12):
        return None
    if half and half.startswith("p") and hour != 12:
        hour += 12
    elif half and half.startswith("a") and hour == 12:
        hour = 0
    today = anchor.date if anchor else None
    value = f"{today.isoformat()}T{hour:02d}:{minute:02d}" if today else None
    return value, "TIME", "day"
