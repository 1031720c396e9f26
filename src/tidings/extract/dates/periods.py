"""Named calendar periods: years (spelled out too), decades, centuries, quarters, seasons,
holidays and "the year" of a report.

:func:`read_period` reads one phrase (lower case, single spaces) as such a period, placed on
the anchor the way :mod:`.anchoring` places months; :func:`spell_years`
turns "nineteen ninety-six" and "the year two thousand" into digits first, as broadcast
transcripts write years out. Pure functions, no spaCy.
"""

from __future__ import annotations

import re
from datetime import date

from tidings.extract.dates.anchoring import (
    Anchor,
    Tense,
    holiday_date,
    month_value,
    quarter_value,
    week_value,
)
from tidings.extract.dates.patterns import (
    DECADE,
    HOLIDAY,
    ORDINALS,
    QUARTER,
    SEASONS,
    YEAR,
)

__all__ = ["read_ended_period", "read_period", "spell_years"]

Reading = tuple[str | None, str, str | None]  # value, type, precision

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
          "seventeen", "eighteen", "nineteen")  # fmt: skip
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_TWO_DIGITS = (
    rf"(?:(?P<tens>{'|'.join(_TENS)})(?:[\s-](?P<unit>{'|'.join(_UNITS)}))?|"
    rf"(?P<teen>{'|'.join(_TEENS)})|oh[\s-](?P<oh>{'|'.join(_UNITS)}))"
)
SPELLED_YEAR = re.compile(
    rf"\b(?P<century>eighteen|nineteen|twenty)[\s-](?:(?P<hundred>hundred)|{_TWO_DIGITS})\b"
    rf"|\btwo thousand(?:(?:\s+and)?\s+(?P<after>{'|'.join(_UNITS)}|{'|'.join(_TEENS)}))?\b"
)
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}  # fmt: skip
DECADE_WORD = re.compile(rf"^(?:the\s+)?(?P<decade>{'|'.join(DECADE_WORDS)})$")
CENTURY = re.compile(r"^(?:the\s+|a\s+)?(?P<ordinal>1?\d|2[01])(?:st|nd|rd|th)[\s-]century$")
SEASON = re.compile(
    rf"^(?:this\s+past\s+|the\s+)?(?P<season>{'|'.join(SEASONS)})"
    r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?$"
)
# "the year" of a report: the anchor's ("sales for the full year", "the current fiscal year").
THIS_YEAR = re.compile(
    r"^(?:(?:the|this)\s+)?(?:(?:full|current|fiscal|calendar)\s+)*year$|"
    r"^(?:in\s+)?the\s+year$|^year[-\s]end$|^year's\s+end$"
)
MONTHS_TO_DATE = re.compile(
    r"^(?:(?:first|latest|last)\s+)?(?P<count>three|six|nine|\d{1,2})\s+months$"
)
SEASON_MONTHS = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}


def spell_years(words: str) -> str:
    """Years written out as digits: "nineteen ninety-six" -> "1996", "two thousand" ->
    "2000", "nineteen oh five" -> "1905"."""
    return SPELLED_YEAR.sub(_spelled_year, words)


def _spelled_year(match: re.Match[str]) -> str:
    if match["century"] is None:
        after = match["after"]
        rest = 0 if after is None else _number_word(after)
        return str(2000 + rest)
    century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[match["century"]]
    if match["hundred"]:
        rest = 0
    elif match["teen"]:
        rest = _number_word(match["teen"])
    elif match["oh"]:
        rest = _number_word(match["oh"])
    else:
        rest = 10 * (_TENS.index(match["tens"]) + 2)
        rest += _number_word(match["unit"]) if match["unit"] else 0
    return str(century * 100 + rest)


def _number_word(word: str) -> int:
    return _UNITS.index(word) + 1 if word in _UNITS else _TEENS.index(word) + 10


def read_period(words: str, anchor: Anchor | None, tense: Tense) -> Reading | None:
    """The reading of a named period, or None when ``words`` names none."""
    if match := HOLIDAY.match(words):
        return _holiday(match, anchor, tense)
    if match := YEAR.match(words):
        return match["year"], "DATE", "year"  # "fiscal 1989" too, as TimeBank has it
    if THIS_YEAR.match(words):
        return (str(anchor.year) if anchor else None), "DATE", "year"
    if match := DECADE.match(words):
        century = match["century"] or ("20" if match["decade"] in "01" else "19")
        return century + match["decade"], "DATE", "year"
    if match := DECADE_WORD.match(words):
        return f"19{DECADE_WORDS[match['decade']]}", "DATE", "year"
    if match := CENTURY.match(words):
        return f"{int(match['ordinal']) - 1:02d}", "DATE", "year"
    if match := QUARTER.match(words):
        return _quarter(match, anchor, tense)
    if match := SEASON.match(words):
        season = SEASONS[match["season"]]
        if match["year"]:
            return f"{match['year']}-{season}", "DATE", "year"
        past = tense if not words.startswith("this past") else "past"
        year = month_value(SEASON_MONTHS[season], anchor, past, None)
        return (f"{year[:4]}-{season}" if year else None), "DATE", "year"
    return None


def _quarter(match: re.Match[str], anchor: Anchor | None, tense: Tense) -> Reading:
    quarter = ORDINALS[match["ordinal"]]
    year = match["year"] or match["year_first"]
    relative = match["relative"] or match["relative_first"]
    if year:
        return f"{year}-Q{quarter}", "DATE", "year"
    if anchor is None:
        return None, "DATE", "year"
    if relative:
        shifted = anchor.year + {"last": -1, "next": 1}.get(relative, 0)
        return f"{shifted:04d}-Q{quarter}", "DATE", "year"
    return quarter_value(quarter, anchor, tense), "DATE", "year"


def _holiday(match: re.Match[str], anchor: Anchor | None, tense: Tense) -> Reading:
    """ "Thanksgiving Day", "last Christmas", "Easter week", "Election Day 2016"."""
    name, relative = match["name"], match["relative"]
    precision = "week" if match["week"] else "day"
    if match["year"]:
        day: date | None = holiday_date(name, int(match["year"]))
    elif anchor is None or anchor.date is None:
        day = None
    else:
        today = anchor.date
        day = holiday_date(name, today.year)
        if relative in ("last", "this past") and day >= today:
            day = holiday_date(name, today.year - 1)
        elif relative == "next" and day <= today:
            day = holiday_date(name, today.year + 1)
        elif relative is None:
            year = int((month_value(day.month, anchor, tense, None) or str(today.year))[:4])
            day = holiday_date(name, year) if year != today.year else day
    if day is None:
        return None, "DATE", precision
    if match["week"] and "end" in match["week"]:
        return week_value(day) + "-WE", "DATE", "week"
    return (week_value(day) if match["week"] else day.isoformat()), "DATE", precision


def read_ended_period(words: str, end: str, reported: str | None = None) -> Reading | None:
    """A period named by the day it ends, "the quarter ended Sept. 30" (``words`` "the
    quarter", ``end`` the day's value "1989-09-30"): a quarter with an ordinal takes the
    end's year; without one it is the ``reported`` quarter if the article named one ("the
    fiscal first quarter"), else the calendar quarter the end falls in; "the year", "the
    six months" are durations (P1Y, P6M)."""
    words = re.sub(r"^(?:the|its|a)\s+|\bfiscal[\s-]+", "", words)
    if not re.match(r"^\d{4}-\d{2}", end):
        return None
    year, month = int(end[:4]), int(end[5:7])
    if words == "quarter":
        return reported or f"{year:04d}-Q{(month - 1) // 3 + 1}", "DATE", "year"
    if match := QUARTER.match(words):
        return f"{year:04d}-Q{ORDINALS[match['ordinal']]}", "DATE", "year"
    if words in ("year", "12 months", "twelve months"):
        return "P1Y", "DURATION", None
    if match := MONTHS_TO_DATE.match(words):
        months = {"three": 3, "six": 6, "nine": 9}.get(match["count"]) or int(match["count"])
        return f"P{months}M", "DURATION", None
    return None
