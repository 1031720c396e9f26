"""Dates: the time expressions of an article, normalised TIMEX3-style on its publication date.

``find_dates(doc, published)`` reads a parsed spaCy ``Doc`` and returns
:class:`~tidings.model.DateMention` values in text order. Candidates are spaCy's DATE and TIME
entities plus a few patterns the small model misses ("now", "recently", "every year",
"weekly", "Nov. 13", "2017-11-13", weekday names, holidays);
:func:`.values.interpret` reads each one. A time next to its day is one
expression ("10 p.m. Wednesday", "Thursday evening", "5 p.m. EST, Nov. 9"), where spaCy
gives them apart. An expression it does not understand is dropped: a missed date is better
than a wrong one.

type
    DATE | TIME | DURATION | SET (TimeML).
value
    a TIMEX3 value: "2017-11-13", "2017-06", "2017", "2017-W46", "2017-Q1", "2017-SU",
    "2017-W46-WE", "199" (the 1990s), "FY1998", "2017-11-14TMO", "2017-11-13T09:00",
    durations "P2D", "P10Y" (a decade), "PT5H", "PXY" (several years), sets "P1Y" (every
    year, annually), "P1W" (weekly), and PRESENT_REF (now, currently), PAST_REF (recently,
    in the past), FUTURE_REF (soon, in the future). None when the expression needs the
    anchor and ``published`` is missing or too coarse (a weekday needs a full date; a month
    without a year needs the anchor's month): the text, type and precision are kept.
anchor
    ``published`` as "2017-11-14", "2017-11-14T09:30:00" (the time is ignored), "2017-11" or
    "2017".
direction
    The clause of an expression is *future* when its verb has the auxiliary will/'ll/shall or
    a forward-looking modal (would, might, may, should, must; not with "have": "may have
    been" is past), when the expression follows "as early as"/"as soon as", or when it hangs
    on an infinitive under a present or future verb ("is scheduled to close Monday"); *past*
    when the verb (or its auxiliary) is in the past tense (VBD, or VBN/VBG with have), or
    after "since"; *open* when a past verb does not fix its direction: the expression hangs
    on an adjective ("payable Dec. 7", "due to expire Friday"), follows until/till/through/
    to/by/before ("was extended to Nov. 16"), or an infinitive under a past verb ("planned
    to leave Thursday"); *present* otherwise, and for a noun's modifier ("Wednesday's
    ruling", "the June agreement").
    A month without a year ("in June") takes the anchor's year; in a past clause a month
    after the anchor's month is last year's, in a future clause a month before it is next
    year's; in a present or open clause it is the month in the coming four months or else the
    past eight ("in January" written in November is next January; "in March", last March).
    "last June" is the most recent June before the anchor's month (this year's June when
    published in November), "next June" the first after it. "November 13" without a year
    takes the year its month would. "the fourth quarter" is the anchor's year's, but last
    year's in a past clause when it has not begun, or when published two or more quarters
    before it (January: the quarter just reported); next year's in a future clause when it
    ended two or more quarters ago.
    A weekday ("on Monday") is the most recent such day up to and including the anchor day,
    unless the clause is future: then the next one from the anchor day on (the anchor day
    itself included, as news says "will speak on Tuesday" on that Tuesday); in an open
    clause the nearer of the two. "last Monday"
    is strictly before the anchor, "next Monday" strictly after. "last week" is the ISO week
    seven days before the anchor. "the weekend" is the last one (this one on a Saturday or
    Sunday), the coming one in a future clause.
holidays
    Thanksgiving, Christmas, Easter (and Easter week), Election Day (the US one), Memorial
    Day and a few more fixed or movable feasts take the year a month would ("last
    Thanksgiving": the most recent one before the anchor day).
    "the past week", "the last two years" are durations (P1W, P2Y); "last week" is a date.
reported quarter
    In an article that names a quarter over by the anchor ("third-quarter profit rose"),
    "the quarter", "the latest period" and "that quarter" are the last such quarter named
    before them (the first one named, if none is before), and "a year earlier", "year-ago",
    "the year-earlier quarter" the same quarter a year before; "the 1988 period" is that
    quarter in 1988. After "the first nine months" they mean the year before the anchor's
    again. Without such a quarter "the quarter" is not read and "a year earlier" is the year
    before the anchor's (:mod:`.references`). A period named by its
    last day is two expressions: "the quarter ended Sept. 30" is the quarter (the one
    reported, else the calendar quarter of that day) and the day; "the year ended March
    31" is P1Y and the day; a quarter named by an ordinal outranks one named by its end as
    the reported quarter.
named periods
    Years written out ("nineteen ninety-six", "the year two thousand"), decades ("the
    nineties": 199), centuries ("the 20th century": 19), seasons ("the summer", "this past
    spring", "the winter of 1994": 1994-WI; a season takes the year its middle month
    would), and the year of a report ("for the full year", "the current fiscal year", "the
    end of the year", "by year-end": the anchor's year).
precision
    day: a full date, a time or a part of a day (2017-11-14TMO); week: ISO weeks and weekends;
    month: YYYY-MM; year: YYYY, FY, decades, quarters and seasons (never more than the value
    pins down); None for DURATION, SET and the *_REF values.
not dates
    ages ("36 years old", "aged 36", "a 36-year-old"), bare numbers, "May" the verb (a bare
    "May" is a month only after in/since/until/by/early/late/mid/of), "soon" in "as soon
    as", "soon after ..." or a past clause ("he was soon released"), relative times without
    an anchor ("two days later"; "the previous year" before any date is given), a vague
    duration that only sets events apart ("in the weeks before the attack", "minutes
    apart"), ranges and lists that do not parse as one expression.
anaphors
    "that year", "later that year", "that same day", "the following month", "the next
    morning", "the previous week" are read against the last date given before them (June
    1998, then "later that year": 1998), never the anchor; an antecedent less precise than
    the phrase ("that day" after "in 1998") gives none.
"""

from __future__ import annotations

import re
from typing import cast

from spacy.tokens import Doc, Span

from tidings.extract.dates.anchoring import HOLIDAYS, Anchor, Tense, parse_anchor
from tidings.extract.dates.periods import read_ended_period
from tidings.extract.dates.references import (
    ANTECEDENT,
    QUARTER_VALUE,
    is_reference,
    read_anaphor,
)
from tidings.extract.dates.tense import clause_tense
from tidings.extract.dates.values import interpret, normalise
from tidings.model import DateMention, DatePrecision, DateType
from tidings.nlp import doc_text

__all__ = ["find_dates"]

TIME_LABELS = frozenset({"DATE", "TIME"})
AGE_BEFORE = frozenset({"aged", "age", "ages"})
_HOLIDAY_NAMES = "|".join(sorted(set(HOLIDAYS) - {"may day"}, key=len, reverse=True))
# What spaCy's small model tends to miss, in lower case, on word boundaries: matched on the
# lower-cased text (three times faster than re.IGNORECASE), weekday names with their capital.
_EXTRA = (
    r"\b(?:right now|now|currently|nowadays|at present|presently|these days|recently|lately|"
    r"formerly|in recent years|in the near future|in the future|in the past|soon|daily|"
    r"weekly|monthly|quarterly|annually|yearly|hourly|"
    r"(?:every|each|per)\s+(?:other\s+)?(?:(?:\d+|two|three|four|five|six|ten)\s+)?"
    r"(?:second|minute|hour|day|night|week|month|quarter|year|decade)s?|"
    r"\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|aug|sept?|oct|nov|dec)\.\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s+\d{4})?|"
    rf"(?:(?:last|next)\s+)?(?:{_HOLIDAY_NAMES}|election day)(?:\s+week)?)\b"
)
EXTRA = re.compile(_EXTRA)
EXTRA_ANY_CASE = re.compile(_EXTRA, re.IGNORECASE)  # for text whose lower() changes length
WEEKDAY_NAMES = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
# Words before a bare "May" that make it the month ("in May"), not the verb.
MAY_LEADS = frozenset({"in", "since", "until", "till", "by", "early", "late", "mid", "of"})
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
# Dates inside a longer expression that does not parse as a whole.
PARTS = re.compile(
    rf"\b(?:{_MONTH_NAME}\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH_NAME}(?:\s+\d{{4}})?|"
    rf"{_MONTH_NAME}\s+\d{{4}}|(?:1[89]|20)\d{{2}}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday))(?![\w-])"
)
# A period named by its last day: "the quarter ended Sept. 30", "the year ending tomorrow".
ENDED = re.compile(r"^(?P<period>.+?)\s+(?:that\s+|which\s+)?(?:ended|ending|ends)\s+(?P<end>.+)$")
# What may stand between a time and its day: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9".
JOINER = re.compile(r"\s*,?\s*(?:(?:at|on)\s+)?$")
# A report's year to date: "a year earlier" after it is no longer the quarter's.
YEAR_TO_DATE = re.compile(r"^(?:(?:first|latest|past|last)\s+)?(?:six|nine|6|9)\s+months$")
TRAILING = " \t\n,;:!?\"')]\u201d\u2019"
ABBREVIATION_END = re.compile(r"(?:\b[ap]\.m|\b[A-Za-z]{3,4})\.$")


def find_dates(doc: Doc, published: str | None) -> tuple[DateMention, ...]:
    """Every time expression in ``doc``, in text order (see the module docstring for rules)."""
    text = doc_text(doc)
    anchor = parse_anchor(published)
    candidates: list[tuple[int, int]] = [
        (entity.start_char, entity.end_char) for entity in doc.ents if entity.label_ in TIME_LABELS
    ]
    taken = [False] * (len(text) + 1)
    for start, end in candidates:
        taken[start:end] = [True] * (end - start)
    for start, end in sorted(extra_spans(text), key=lambda span: span[0] - span[1]):
        if not any(taken[start:end]):  # longest first: "Easter Monday", not also "Monday"
            candidates.append((start, end))
            taken[start:end] = [True] * (end - start)
    candidates = _joined(text, sorted(candidates), anchor)
    found = _read_all(doc, text, candidates, anchor, {})
    named = [
        (mention.start, _reported_quarter(mention, anchor), normalise(mention.text))
        for mention in found
        if _reported_quarter(mention, anchor) or YEAR_TO_DATE.match(normalise(mention.text))
    ]
    if any(quarter and words != "quarter" for _, quarter, words in named):
        # "the fiscal first quarter" names it better than "the quarter ended Sept. 30"
        named = [item for item in named if item[2] != "quarter"]
    first = next((quarter for _, quarter, _ in named if quarter), None)
    if first is None:
        return tuple(found)
    periods = {  # read again, "the quarter" and "a year earlier" against the reported quarter
        start: ([quarter for at, quarter, _ in named if at < start] or [first])[-1]
        for start, _ in candidates
    }
    return tuple(_read_all(doc, text, candidates, anchor, periods))


def _read_all(
    doc: Doc,
    text: str,
    candidates: list[tuple[int, int]],
    anchor: Anchor | None,
    periods: dict[int, str | None],
) -> list[DateMention]:
    """Every candidate read in order, each against the reported quarter ``periods`` gives
    at its start and against the last date read before it ("later that year")."""
    found: list[DateMention] = []
    for start, end in candidates:
        antecedent = next(
            (m.value for m in reversed(found) if m.value and ANTECEDENT.match(m.value)), None
        )
        found.extend(_read(doc, text, start, end, anchor, periods.get(start), antecedent))
    return found


def extra_spans(text: str) -> list[tuple[int, int]]:
    """Where the patterns for what spaCy misses match in ``text``."""
    lowered = text.lower()
    pattern, target = (EXTRA, lowered) if len(lowered) == len(text) else (EXTRA_ANY_CASE, text)
    spans = [match.span() for match in pattern.finditer(target)]
    return spans + [match.span() for match in WEEKDAY_NAMES.finditer(text)]


def _joined(
    text: str, candidates: list[tuple[int, int]], anchor: Anchor | None
) -> list[tuple[int, int]]:
    """Candidates next to each other joined where they read as one time on one day:
    spaCy gives "10 p.m." and "Wednesday", "Thursday" and "evening" apart."""
    joined: list[tuple[int, int]] = []
    for start, end in candidates:
        if joined and JOINER.match(text, joined[-1][1], start):
            reading = interpret(text[joined[-1][0] : end], anchor)
            if reading is not None and reading[1] == "TIME":
                joined[-1] = (joined[-1][0], end)
                continue
        joined.append((start, end))
    return joined


def _reported_quarter(mention: DateMention, anchor: Anchor | None) -> str | None:
    """The quarter ``mention`` names, when it could be one an article reports on: a quarter
    over by the anchor ("third-quarter profit"), not a reference back to one ("the quarter")
    nor an outlook ("sales in the first quarter of 1990")."""
    match = QUARTER_VALUE.match(mention.value or "")
    if match is None or is_reference(normalise(mention.text)):
        return None
    if anchor is not None and (int(match["year"]), int(match["quarter"]) * 3) >= (
        anchor.year,
        anchor.month or 12,
    ):
        return None
    return mention.value


def _read(
    doc: Doc,
    text: str,
    start: int,
    end: int,
    anchor: Anchor | None,
    period: str | None = None,
    antecedent: str | None = None,
) -> list[DateMention]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or _is_age(doc, span):
        return []
    tense = clause_tense(span)
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    phrase = text[start:end]
    if phrase.lower() == "soon" and _is_loose_soon(doc, span, tense):
        return []
    if phrase == "May" and span.start > 0 and doc[span.start - 1].lower_ in MAY_LEADS:
        phrase = "in May"
    reading = interpret(phrase, anchor, tense, period) or read_anaphor(
        normalise(phrase), antecedent
    )
    if reading is not None and "X" in (reading[0] or "") and _is_event_offset(doc, span):
        return []
    if reading is not None:
        return [_mention(text, *_drop_article(text, start, end), reading)]
    if (ended := ENDED.match(phrase)) and (
        ending := interpret(ended["end"], anchor, tense, period)
    ):  # "the quarter ended Sept. 30": two expressions
        end_start = start + ended.start("end")
        found = [_mention(text, end_start, end, ending)]
        if ending[0] and (
            named := read_ended_period(normalise(ended["period"]), ending[0], period)
        ):
            period_end = start + ended.end("period")
            found.insert(0, _mention(text, *_drop_article(text, start, period_end), named))
        return found
    parts: list[DateMention] = []  # "between 2015 and 2016", "the quarter ended Sept. 30"
    for part in PARTS.finditer(text, start, end):
        reading = interpret(part[0], anchor, tense, period)
        if reading is not None and reading[0] is not None:
            parts.append(_mention(text, part.start(), part.end(), reading))
    return parts


def _is_event_offset(doc: Doc, span: Span) -> bool:
    """A vague duration that only sets another event apart ("in the days before the
    attack", "minutes apart"): no time of its own, neither a date nor a length."""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return after in ("before", "after", "apart")


def _is_loose_soon(doc: Doc, span: Span, tense: Tense) -> bool:
    """ "soon" that is no reference to the future: "as soon as", "soon after the attack",
    or "soon" in a past clause ("he was soon released")."""
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    return (
        tense == "past"
        or after in ("as", "after", "before", "afterwards", "thereafter")
        or (before == "as")
    )


def _mention(
    text: str, start: int, end: int, reading: tuple[str | None, str, str | None]
) -> DateMention:
    value, kind, precision = reading  # the readers' values are TIMEX3's (see values.py)
    return DateMention(
        text=text[start:end],
        start=start,
        end=end,
        value=value,
        type=cast(DateType, kind),
        precision=cast(DatePrecision | None, precision),
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRAILING:
        start += 1
    while start < end and (
        text[end - 1] in TRAILING
        or (text[end - 1] == "." and not ABBREVIATION_END.search(text[start:end]))
    ):
        end -= 1
    if text[start:end].endswith(("'s", "\u2019s")):
        end -= 2
    return start, end


def _drop_article(text: str, start: int, end: int) -> tuple[int, int]:
    if text[start:end].lower().startswith("the ") and end - start > 4:
        start += 4
    return start, end


def _is_age(doc: Doc, span: Span) -> bool:
    words = span.text.lower()
    if "-year-old" in words or "year-old" in words or words.endswith((" old", "-old")):
        return True
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after == "old" or (
        after == "-" and span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "old"
    ):
        return True
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in AGE_BEFORE and any(token.like_num for token in span)
