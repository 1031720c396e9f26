"""TIMEX3 date values in words, for people: reports and tables (JSON, CSV and the other
exports keep the raw values, for programs).

>>> [human_date(v) for v in ("2022-03-16TNI", "2017-W46", "2017-W46-WE", "199", "1988-Q3")]
['2022-03-16 night', 'week 46 of 2017', 'weekend of week 46, 2017', 'the 1990s', 'Q3 1988']
>>> [human_date(v) for v in ("FY1998", "P1Y", "PT5H", "PXY", "PRESENT_REF", "2017-11-13")]
['fiscal year 1998', '1 year', '5 hours', 'years', 'now', '2017-11-13']

A day, a month and a year stay in ISO form (they read well and sort); a value of no known
shape is shown as it is.
"""

from __future__ import annotations

import re

__all__ = ["human_date"]

_PART_OF_DAY = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night",
                "DT": "daytime"}  # fmt: skip
_DAY_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})T(MO|AF|EV|NI|DT|\d{2}:\d{2})(?::\d{2})?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_PART_OF_YEAR = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter",
            "H1": "first half of", "H2": "second half of"}  # fmt: skip
_FISCAL = re.compile(r"^FY(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_UNKNOWN_YEAR = re.compile(r"^XXXX-(\d{2})$")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip
_DURATION = re.compile(r"^P(T?)((?:(?:\d+(?:\.\d+)?|X)[YMWDHS])+)$")
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|X)([YMWDHS])")
_UNITS = {"Y": "year", "W": "week", "D": "day", "H": "hour", "S": "second"}
_REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}


def human_date(value: str | None) -> str:
    """``value`` as people say it ('' for None)."""
    if not value:
        return ""
    if value in _REFERENCES:
        return _REFERENCES[value]
    if match := _DAY_TIME.match(value):
        return f"{match[1]} {_PART_OF_DAY.get(match[2], match[2])}"
    if match := _WEEK.match(value):
        week, year = int(match[2]), match[1]
        return f"weekend of week {week}, {year}" if match[3] else f"week {week} of {year}"
    if match := _PART_OF_YEAR.match(value):
        part, year = match[2], match[1]
        return f"{part} {year}" if part.startswith("Q") else f"{_SEASONS[part]} {year}"
    if match := _FISCAL.match(value):
        return f"fiscal year {match[1]}"
    if match := _DECADE.match(value):
        return f"the {match[1]}0s"
    if match := _CENTURY.match(value):
        return f"the {match[1]}00s"
    if match := _UNKNOWN_YEAR.match(value):
        month = int(match[1])
        return f"{_MONTHS[month - 1]} (year not known)" if 1 <= month <= 12 else value
    if match := _DURATION.match(value):
        return _duration(match[2], clock=bool(match[1]))
    return value


def _duration(amounts: str, *, clock: bool) -> str:
    """ "1 year 6 months", "5 hours", "years" (an unknown number of them)."""
    words = []
    for amount, letter in _AMOUNT.findall(amounts):
        unit = ("minute" if clock else "month") if letter == "M" else _UNITS[letter]
        if amount == "X":
            words.append(unit + "s")
        else:
            words.append(f"{amount} {unit}" + ("" if amount == "1" else "s"))
    return " ".join(words)
