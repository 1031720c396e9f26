"""The calendar days a TIMEX3 date value covers, so that dates of every precision can be
sorted and filtered together (as text, "2020-W01" would sort after "2020-12-31").

``day_range("2017-11")`` is ``("2017-11-01", "2017-11-30")``; a day, a time or a part of a day
is that day; a week (``2017-W46``, ``2017-W46-WE`` its weekend) its ISO days; a quarter, a
season (northern: SP March-May, SU June-August, FA September-November, WI December-February
of the next year), a half or a year theirs; a decade (``199``) and a century (``19``)
theirs. A value that names no calendar span (durations, ``PRESENT_REF``, ``XXXX-06``) gives
None.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["day_range"]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-(Q[1-4]|H[12]|SP|SU|FA|WI)$")
_YEAR = re.compile(r"^(\d{4})$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_PARTS = {
    "Q1": (1, 3), "Q2": (4, 6), "Q3": (7, 9), "Q4": (10, 12), "H1": (1, 6), "H2": (7, 12),
    "SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14),
}  # fmt: skip


def day_range(value: str | None) -> tuple[str, str] | None:
    """(first day, last day) of ``value`` as ISO dates, or None."""
    if not value:
        return None
    try:
        return _range(value)
    except ValueError:  # "2017-02-30", "2017-W54": not on the calendar
        return None


def _range(value: str) -> tuple[str, str] | None:
    if match := _DAY.match(value):
        day = date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        return day, day
    if match := _MONTH.match(value):
        return _months(int(match[1]), int(match[2]), int(match[2]))
    if match := _WEEK.match(value):
        monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        start = monday + timedelta(days=5) if match[3] else monday
        return start.isoformat(), (monday + timedelta(days=6)).isoformat()
    if match := _QUARTER.match(value):
        first_month, last_month = _PARTS[match[2]]
        return _months(int(match[1]), first_month, last_month)
    if match := _YEAR.match(value):
        return _months(int(match[1]), 1, 12)
    if match := _DECADE.match(value):
        return f"{match[1]}0-01-01", f"{match[1]}9-12-31"
    if match := _CENTURY.match(value):
        return f"{match[1]}00-01-01", f"{match[1]}99-12-31"
    return None


def _months(year: int, first: int, last: int) -> tuple[str, str]:
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    days = calendar.monthrange(end_year, end_month)[1]
    return date(year, first, 1).isoformat(), date(end_year, end_month, days).isoformat()
