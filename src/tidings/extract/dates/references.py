"""References to what the article said before: the quarter it reports on ("the quarter", "a
year earlier"), and the last date it gave ("that year", "the following month").

An earnings report names its quarter once ("third-quarter profit rose 19%") and then refers
back to it ("sales in the quarter", "the latest period") and to the same quarter a year
before ("up from $1.2 billion a year ago", "the year-earlier quarter", "the 1988 period").
:func:`read_reference` reads such a phrase given the reporting quarter, the last quarter the
article named ("1989-Q3"); :mod:`.expressions` keeps track of it.

Without a reporting quarter, "a year earlier", "year-ago" and "the year-earlier period" mean
the year before the anchor's (as "a year ago" does), and "the quarter" or "the latest period"
is not understood: a wrong quarter is worse than none. "this quarter" and "the current
quarter" are the anchor's own quarter, not the one reported (:mod:`.values`).

:func:`read_anaphor` reads "that year", "later that year", "that same day", "the following
month", "the next morning", "the previous week" against the antecedent, the value of the last
date the article gave ("1998-06": "later that year" is 1998); an antecedent less precise than
the phrase (a year for "that day") gives no reading.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tidings.extract.dates.anchoring import Anchor, week_value
from tidings.extract.dates.patterns import ORDINAL_QUARTER, ORDINALS, PARTS_OF_DAY

__all__ = ["ANTECEDENT", "QUARTER_VALUE", "is_reference", "read_anaphor", "read_reference"]

Reading = tuple[str | None, str, str | None]  # value, type, precision

# A value that can be an antecedent: a year, a month or a day (with a time).
ANTECEDENT = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T.*)?$")
ANAPHOR = re.compile(
    r"^(?:(?:later|earlier)\s+(?:in\s+)?)?(?P<relation>that(?:\s+same)?|the\s+same|"
    r"the\s+following|the\s+next|the\s+previous|the\s+prior|the\s+preceding)\s+"
    r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)$"
)
QUARTER_VALUE = re.compile(r"^(?P<year>\d{4})-Q(?P<quarter>[1-4])$")
_PERIOD = rf"(?:(?:fiscal\s+)?quarter|period|{ORDINAL_QUARTER})"
_BEFORE = (
    r"(?:a\s+year\s+(?:ago|earlier)|last\s+year|the\s+(?:previous|prior)\s+year|a\s+year\s+before)"
)
# The reported quarter itself: "the quarter", "the latest period", "that quarter".
SAME_PERIOD = re.compile(
    r"^(?:(?:the|that|its)\s+(?:(?:latest|most\s+recent|recent|just-ended|just-completed|"
    r"reporting|fiscal)\s+)*quarter|(?:the|that)\s+(?:latest|most\s+recent|reporting)\s+period)$"
)
# The same quarter a year before: "the year-ago quarter", "the quarter a year earlier".
YEAR_BEFORE = tuple(
    re.compile(pattern)
    for pattern in (
        r"^a\s+year\s+(?:ago|earlier)$",
        r"^(?:(?:the|a)\s+)?(?:(?:comparable|corresponding|same)\s+)?year[-\s](?:ago|earlier)"
        rf"(?:\s+{_PERIOD})?$",
        rf"^(?:the\s+)?(?:(?:same|comparable|corresponding)\s+)?{_PERIOD}(?:\s+of)?\s+{_BEFORE}$",
        rf"^last\s+year's\s+{_PERIOD}$",
    )
)
# The reported quarter in a year the phrase names: "the 1988 period", "the 1989 quarter".
IN_YEAR = re.compile(r"^(?:the\s+)?(?P<year>\d{4})\s+(?:quarter|period)$")


def read_reference(words: str, anchor: Anchor | None, period: str | None) -> Reading | None:
    """The reading of ``words`` (lower case, single spaces) as a reference to the reporting
    quarter ``period`` ("1989-Q3", or None when the article named none), or None when the
    phrase is not such a reference."""
    reported = QUARTER_VALUE.match(period) if period else None
    if SAME_PERIOD.match(words):
        return (period, "DATE", "year") if reported else None
    if match := IN_YEAR.match(words):
        if reported is None:
            return None
        return f"{match['year']}-Q{reported['quarter']}", "DATE", "year"
    if match := next((m for form in YEAR_BEFORE if (m := form.match(words))), None):
        ordinal = match.groupdict().get("ordinal")
        if reported is not None:
            quarter = ORDINALS[ordinal] if ordinal else int(reported["quarter"])
            return f"{int(reported['year']) - 1:04d}-Q{quarter}", "DATE", "year"
        if anchor is None:
            return None, "DATE", "year"
        if ordinal:
            return f"{anchor.year - 1:04d}-Q{ORDINALS[ordinal]}", "DATE", "year"
        return f"{anchor.year - 1:04d}", "DATE", "year"
    return None


def is_reference(words: str) -> bool:
    """Whether ``words`` refers back to a reported quarter rather than naming one."""
    return bool(
        SAME_PERIOD.match(words)
        or IN_YEAR.match(words)
        or any(form.match(words) for form in YEAR_BEFORE)
    )


def read_anaphor(words: str, antecedent: str | None) -> Reading | None:
    """The reading of "that year", "the following month", "the next morning" … against
    ``antecedent`` (see the module docstring), or None."""
    match = ANAPHOR.match(words)
    given = ANTECEDENT.match(antecedent) if match and antecedent else None
    if match is None or given is None:
        return None
    step = {"following": 1, "next": 1, "previous": -1, "prior": -1, "preceding": -1}.get(
        match["relation"].split()[-1], 0
    )
    unit, year = match["unit"], int(given["year"])
    if unit == "year":
        return f"{year + step:04d}", "DATE", "year"
    if given["month"] is None:
        return None
    if unit == "month":
        index = year * 12 + int(given["month"]) - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}", "DATE", "month"
    if given["day"] is None:
        return None
    day = date(year, int(given["month"]), int(given["day"]))
    if unit == "week":
        return week_value(day + timedelta(weeks=step)), "DATE", "week"
    value = (day + timedelta(days=step)).isoformat()
    if unit == "day":
        return value, "DATE", "day"
    return f"{value}T{PARTS_OF_DAY[unit]}", "TIME", "day"
