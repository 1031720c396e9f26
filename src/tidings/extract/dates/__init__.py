"""Dates: the article's time expressions, normalised TIMEX3-style on its publication date.

Entry point: :func:`find_dates` (:mod:`.expressions`). The rest is pure string and calendar
work: :mod:`.patterns` (the words and regular expressions), :mod:`.values` (one phrase to a
TIMEX3 value), :mod:`.periods` (years, quarters, seasons, holidays), :mod:`.references`
("the quarter", "that year"), :mod:`.anchoring` (placing a month or weekday on the
publication date) and :mod:`.tense` (whether a clause looks back or forward).
"""

from tidings.extract.dates.expressions import find_dates

__all__ = ["find_dates"]
