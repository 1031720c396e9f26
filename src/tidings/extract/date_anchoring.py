"""Calendar arithmetic from the publication date: which June, which Monday, which week.

:class:`Anchor` is the publication date as precise as it was given; the functions here place
a month, weekday or quarter named without a year relative to it, following the rules in the
docstring of :mod:`tidings.extract.dates`. Pure functions, no spaCy, no regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "Anchor",
    "Tense",
    "month_value",
    "parse_anchor",
    "quarter_value",
    "week_value",
    "weekday_value",
]

# The tense of the clause an expression sits in; "open" where nothing fixes a direction
# ("until Tuesday", "payable Dec. 7"): then the nearest such month or day is meant.
Tense = Literal["past", "present", "future", "open"]


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


def week_value(day: date) -> str:
    """The ISO week ``day`` falls in: "2017-W46"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def month_value(
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
    elif relative is None:  # present or open: the coming four months, else the past eight
        ahead = (month - anchor.month) % 12
        year += (0 < ahead <= 4 and month < anchor.month) - (ahead > 4 and month > anchor.month)
    return f"{year:04d}-{month:02d}"


def quarter_value(quarter: int, anchor: Anchor, tense: Tense) -> str:
    """The year-quarter "the fourth quarter" points at: the anchor's year, but last year's
    when that quarter has not begun (in a past clause) or is the one just ended (published
    in the first quarter: results for the fourth), next year's in a future clause when it has
    passed."""
    current = (anchor.month - 1) // 3 + 1 if anchor.month else 4
    year = anchor.year
    if quarter > current and (tense == "past" or quarter - current > 2):
        year -= 1
    elif current - quarter >= 2 and tense == "future":
        year += 1
    return f"{year:04d}-Q{quarter}"


def weekday_value(
    weekday: int, anchor: Anchor | None, tense: Tense, relative: str | None
) -> date | None:
    """The date a weekday name points at (see the dates module rules); None without a day."""
    today = anchor.date if anchor else None
    if today is None:
        return None
    if relative in ("next", "coming") or (relative in (None, "on", "this") and tense == "future"):
        ahead = (weekday - today.weekday()) % 7 or (7 if relative in ("next", "coming") else 0)
        return today + timedelta(days=ahead)
    back = (today.weekday() - weekday) % 7
    if tense == "open" and relative in (None, "on") and 0 < (ahead := 7 - back) < back:
        return today + timedelta(days=ahead)
    if relative == "last":
        back = back or 7
    return today - timedelta(days=back)
