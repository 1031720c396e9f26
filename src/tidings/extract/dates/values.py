"""TIMEX3 values: one time expression's words -> (value, type, precision), given an anchor.

Pure string work, no spaCy: :mod:`.expressions` finds the expressions in a ``Doc``
and says whether their clause is past or future; :func:`interpret` reads one phrase. The rules
(direction of bare months and weekdays, the precision table) are in the docstring of
:mod:`.expressions`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from tidings.extract.dates.anchoring import (
    Anchor,
    Tense,
    month_value,
    parse_anchor,
    week_value,
    weekday_value,
)
from tidings.extract.dates.patterns import (
    ADVERB_SETS,
    AGO,
    CLOCK,
    CLOCK_WORD,
    DAY_MONTH_YEAR,
    DAY_WORD,
    DURATION,
    ISO_DATE,
    MODIFIER,
    MONTH_DAY_YEAR,
    MONTH_YEAR,
    MONTHS,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    QUALIFIER,
    QUARTER,
    REFERENCES,
    RELATIVE,
    SEASONS,
    SET,
    UNITS,
    VAGUE,
    WEEKDAY,
    WEEKDAYS,
)
from tidings.extract.dates.periods import read_period, spell_years
from tidings.extract.dates.references import read_reference

__all__ = ["Anchor", "Reading", "Tense", "interpret", "normalise", "parse_anchor"]

Reading = tuple[str | None, str, str | None]  # value, type, precision


def interpret(
    phrase: str, anchor: Anchor | None, tense: Tense = "present", period: str | None = None
) -> Reading | None:
    """The TIMEX3 reading of ``phrase`` (any case), or None when it is not understood.
    A reading's value is None when it needs an anchor that is missing or too coarse.
    ``period`` is the quarter the article reports on, if it named one ("1989-Q3"): "the
    quarter" and "a year earlier" refer to it (:mod:`.references`)."""
    words = spell_years(normalise(phrase))
    if (reading := read_reference(words, anchor, period)) is not None:
        return reading
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
    if match := AGO.match(QUALIFIER.sub("", words)):
        return _ago(match, anchor)  # "almost four years ago"
    if words.startswith("the ") and not QUARTER.match(words):
        if match := DURATION.match(QUALIFIER.sub("", words)):
            return _duration(match, "DURATION")
        words = words[4:]
    while (stripped := MODIFIER.sub("", words)) != words:
        words = stripped
    reading = _date(words, anchor, tense) or _duration_or_none(words)
    if reading is None and (hedged := QUALIFIER.sub("", words)) not in (words, *UNITS):
        return _date(hedged, anchor, tense)  # "about 10:35 a.m.", "just last month"
    return reading


def normalise(phrase: str) -> str:
    """A phrase as the patterns read it: lower case, straight apostrophes, single spaces."""
    return re.sub(r"\s+", " ", phrase.lower().replace("\u2019", "'")).strip(" ,")


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
        plural = match["unit"].endswith("s")
        amount = _format(multiple) if kind == "SET" or not plural else "X"  # decade: P10Y
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
        return week_value(today - timedelta(weeks=amount)), kind, "week"
    return (today - timedelta(days=amount)).isoformat(), kind, "day"


def _date(words: str, anchor: Anchor | None, tense: Tense) -> Reading | None:
    if match := ISO_DATE.match(words):
        return _checked(int(match["year"]), int(match["month"]), int(match["day"]))
    if match := MONTH_DAY_YEAR.match(words) or DAY_MONTH_YEAR.match(words):
        month = MONTHS[match["month"]]
        if match["year"]:
            return _checked(int(match["year"]), month, int(match["day"]))
        ym = month_value(month, anchor, tense, None)
        if ym is None:
            return None, "DATE", "day"
        return _checked(int(ym[:4]), month, int(match["day"]))
    if (match := MONTH_YEAR.match(words)) and (
        match["year"] or match["relative"] or match["lead"] or match["month"] != "may"
    ):
        month = MONTHS[match["month"]]
        if match["year"]:
            return f"{match['year']}-{month:02d}", "DATE", "month"
        if match["relative"]:  # "June last year", "April next year"
            shift = {"last": -1, "next": 1}.get(match["relative"], 0)
            return (f"{anchor.year + shift:04d}-{month:02d}" if anchor else None), "DATE", "month"
        return month_value(month, anchor, tense, None), "DATE", "month"
    if words == "weekend":  # "over the weekend": the last one, or the coming one
        today = anchor.date if anchor else None
        if today is None:
            return None, "DATE", "week"
        back = 0 if tense == "future" or today.weekday() >= 5 else 7
        return week_value(today - timedelta(days=back)) + "-WE", "DATE", "week"
    if (reading := read_period(words, anchor, tense)) is not None:
        return reading
    if match := RELATIVE.match(words):
        return _relative(match["relative"], match["what"], anchor, tense)
    if match := DAY_WORD.match(words):
        return _day_word(match["word"], match["part"], anchor)
    if (match := WEEKDAY.match(words)) and (reading := _weekday(match, anchor, tense)):
        return reading
    if (clock := _clock(words)) is not None:
        today = anchor.date if anchor else None
        return (f"{today.isoformat()}T{clock}" if today else None), "TIME", "day"
    if CLOCK_WORD.search(words):
        return _time_on_day(words, anchor, tense)
    return None


def _time_on_day(words: str, anchor: Anchor | None, tense: Tense) -> Reading | None:
    """A time of day and the day it falls on, either way round: "10 p.m. Wednesday", "noon
    Thursday", "Friday at 9 a.m.", "5 p.m. EST, Nov. 9", "afternoon yesterday"."""
    pieces = words.split(" ")
    for cut in range(1, len(pieces)):
        left, right = " ".join(pieces[:cut]).strip(" ,"), " ".join(pieces[cut:]).strip(" ,")
        for time_words, day_words in ((left, right), (right, left)):
            time_words = time_words.removeprefix("at ")
            clock = _clock(time_words) or PARTS_OF_DAY.get(time_words)
            if clock is None or CLOCK_WORD.search(day_words):
                continue
            day = _date(day_words.removeprefix("on "), anchor, tense)
            if day is not None and day[1:] == ("DATE", "day"):
                return (f"{day[0]}T{clock}" if day[0] else None), "TIME", "day"
    return None


def _checked(year: int, month: int, day: int) -> Reading | None:
    try:
        return date(year, month, day).isoformat(), "DATE", "day"
    except ValueError:
        return None


def _relative(relative: str, what: str, anchor: Anchor | None, tense: Tense) -> Reading | None:
    step = {"last": -1, "next": 1, "coming": 1}.get(relative, 0)
    if what in MONTHS:
        return month_value(MONTHS[what], anchor, tense, relative), "DATE", "month"
    if what in WEEKDAYS:
        day = weekday_value(WEEKDAYS[what], anchor, tense, relative)
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
    value = week_value(today + timedelta(weeks=step))
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
    day = weekday_value(WEEKDAYS[match["weekday"]], anchor, tense, match["relative"])
    value = day.isoformat() if day else None
    if match["part"] is None:
        return value, "DATE", "day"
    return (value + "T" + PARTS_OF_DAY[match["part"]] if value else None), "TIME", "day"


def _clock(words: str) -> str | None:
    """ "9 a.m." -> "09:00", "noon" -> "12:00", "midnight" -> "24:00"; else None."""
    if words in ("noon", "midday", "midnight"):
        return "12:00" if words != "midnight" else "24:00"
    match = CLOCK.match(words)
    if match is None:
        return None
    hour = int(match["hour"]) if match["hour"].isdigit() else NUMBER_WORDS[match["hour"]]
    minute, half = int(match["minute"] or 0), match["half"]
    if half is None and (match["minute"] is None or not match["hour"].isdigit()):
        return None  # a bare number
    if hour > 23 or minute > 59 or (half and not 1 <= hour <= 12):
        return None
    afternoon = half is not None and (
        half.startswith("p") or half.endswith(("afternoon", "evening"))
    )
    if (afternoon or (half == "at night" and hour > 6)) and hour != 12:
        hour += 12
    elif half and hour == 12 and (half.startswith("a") or half.endswith("morning")):
        hour = 0
    return f"{hour:02d}:{minute:02d}"
