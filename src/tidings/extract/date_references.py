"""References to the period an article reports on: "the quarter", "a year earlier".

An earnings report names its quarter once ("third-quarter profit rose 19%") and then refers
back to it ("sales in the quarter", "the latest period") and to the same quarter a year
before ("up from $1.2 billion a year ago", "the year-earlier quarter", "the 1988 period").
:func:`read_reference` reads such a phrase given the reporting quarter, the last quarter the
article named ("1989-Q3"); :mod:`tidings.extract.dates` keeps track of it.

Without a reporting quarter, "a year earlier", "year-ago" and "the year-earlier period" mean
the year before the anchor's (as "a year ago" does), and "the quarter" or "the latest period"
is not understood: a wrong quarter is worse than none. "this quarter" and "the current
quarter" are the anchor's own quarter, not the one reported (:mod:`tidings.extract.date_values`).
"""

from __future__ import annotations

import re

from tidings.extract.date_anchoring import Anchor
from tidings.extract.date_patterns import ORDINAL_QUARTER, ORDINALS

__all__ = ["QUARTER_VALUE", "is_reference", "read_reference"]

Reading = tuple[str | None, str, str | None]  # value, type, precision

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
