"""Publication dates from metadata to ISO 8601: ``2017-11-13`` or ``2017-11-13T09:30:00+00:00``.

Accepted: ISO 8601 dates and datetimes (a trailing ``Z`` too), a month (``2017-11``) or a year
(``2017``) when that is all that is known, RFC 2822 dates as in feeds
(``Mon, 13 Nov 2017 09:30:00 GMT``) and written-out dates (``13 November 2017``,
``November 13, 2017``, ``Nov 13, 2017``). Numeric day/month orders (``11/12/2017``) are
ambiguous and are refused: tidings never guesses a date.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_MONTH_OR_YEAR = re.compile(r"[12]\d{3}(?:-(?:0[1-9]|1[0-2]))?")
_WRITTEN = ("%d %B %Y", "%B %d, %Y", "%B %d %Y", "%d %b %Y", "%b %d, %Y", "%b %d %Y")


def iso_published(value: str | None) -> str | None:
    """``value`` as ISO 8601, or None when it is empty or not a date we can read for sure."""
    text = " ".join((value or "").split())
    if not text:
        return None
    if _MONTH_OR_YEAR.fullmatch(text):
        return text
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for pattern in _WRITTEN:
        try:
            return dt.datetime.strptime(text.replace(".", ""), pattern).date().isoformat()
        except ValueError:
            continue
    return None
