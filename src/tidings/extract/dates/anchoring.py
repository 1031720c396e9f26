"""Calendar arithmetic from the publication date: which June, which Monday, which week.

:class:`Anchor` is the publication date as precise as it was given; the functions here place
a month, weekday or quarter named without a year relative to it, following the rules in the
docstring of :mod:`.expressions`. Pure functions, no spaCy, no regular expressions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

__all__ = [
    "HOLIDAYS",
    "Anchor",
    "Tense",
    "holiday_date",
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


# Holidays news dates by: a fixed day (month, day), the nth weekday of a month (month,
# weekday, n; n=-1 the last), or days from Easter Sunday ("easter", offset).
HOLIDAYS: dict[str, tuple[int, int] | tuple[int, int, int] | tuple[str, int]] = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "valentine's day": (2, 14),
    "may day": (5, 1), "independence day": (7, 4), "fourth of july": (7, 4),
    "bastille day": (7, 14), "halloween": (10, 31), "veterans day": (11, 11),
    "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25),
    "boxing day": (12, 26), "martin luther king day": (1, 0, 3), "presidents day": (2, 0, 3),
    "presidents' day": (2, 0, 3), "mother's day": (5, 6, 2), "memorial day": (5, 0, -1),
    "father's day": (6, 6, 3), "labor day": (9, 0, 1), "columbus day": (10, 0, 2),
    "thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "easter": ("easter", 0),
    "easter sunday": ("easter", 0), "easter monday": ("easter", 1), "good friday": ("easter", -2),
    "palm sunday": ("easter", -7), "ash wednesday": ("easter", -46),
}  # fmt: skip


def holiday_date(name: str, year: int) -> date:
    """The day holiday ``name`` (a key of HOLIDAYS) falls on in ``year``; "election day" is
    the US one, the Tuesday after the first Monday of November."""
    if name == "election day":
        first_monday = _nth_weekday(year, 11, 0, 1)
        return first_monday + timedelta(days=1)
    rule = HOLIDAYS[name]
    if rule[0] == "easter":
        return _easter(year) + timedelta(days=int(rule[1]))
    if len(rule) == 2:
        return date(year, int(rule[0]), int(rule[1]))
    month, weekday, nth = (int(part) for part in rule)
    return _nth_weekday(year, month, weekday, nth)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    if nth < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    leap_century, leap_rest = divmod(century, 4)
    correction = (century + 8) // 25
    moon = (century - correction + 1) // 3
    epact = (19 * golden + century - leap_century - moon + 15) % 30
    weekday = (32 + 2 * leap_rest + 2 * (rest // 4) - epact - rest % 4) % 7
    shift = (golden + 11 * epact + 22 * weekday) // 451
    month, day = divmod(epact + weekday - 7 * shift + 114, 31)
    return date(year, month, day + 1)


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
