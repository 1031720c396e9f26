"""Dates: the time expressions of an article, normalised TIMEX3-style on its publication date.

``find_dates(doc, published)`` reads a parsed spaCy ``Doc`` and returns
:class:`~tidings.model.DateMention` values in text order. Candidates are spaCy's DATE and TIME
entities plus a few patterns the small model misses ("now", "recently", "every year",
"weekly", "Nov. 13", "2017-11-13"); :func:`tidings.extract.date_values.interpret` reads each
one. An expression it does not understand is dropped: a missed date is better than a wrong one.

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
    The clause of an expression is *future* when its verb has the auxiliary will/'ll/shall,
    *past* when the verb (or its auxiliary) is in the past tense (VBD, or VBN with have),
    *present* otherwise.
    A month without a year ("in June") takes the anchor's year; in a past clause a month
    after the anchor's month is last year's, in a future clause a month before it is next
    year's. "last June" is the most recent June before the anchor's month (this year's June
    when published in November), "next June" the first after it. "November 13" without a
    year takes the year its month would.
    A weekday ("on Monday") is the most recent such day up to and including the anchor day,
    unless the clause is future: then the next one from the anchor day on (the anchor day
    itself included, as news says "will speak on Tuesday" on that Tuesday). "last Monday"
    is strictly before the anchor, "next Monday" strictly after. "last week" is the ISO week
    seven days before the anchor.
    "the past week", "the last two years" are durations (P1W, P2Y); "last week" is a date.
precision
    day: a full date, a time or a part of a day (2017-11-14TMO); week: ISO weeks and weekends;
    month: YYYY-MM; year: YYYY, FY, decades, quarters and seasons (never more than the value
    pins down); None for DURATION, SET and the *_REF values.
not dates
    ages ("36 years old", "aged 36", "a 36-year-old"), bare numbers, "May" the verb (a bare
    "May" is never read as a month), relative times without an anchor in the text ("two days
    later", "the previous year"), ranges and lists that do not parse as one expression.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from tidings.extract.date_anchoring import Anchor, Tense, parse_anchor
from tidings.extract.date_values import interpret
from tidings.model import DateMention
from tidings.nlp import doc_text

__all__ = ["find_dates"]

TIME_LABELS = frozenset({"DATE", "TIME"})
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo"})
HAVE = frozenset({"have", "has", "had", "'ve", "'d"})
AGE_BEFORE = frozenset({"aged", "age", "ages"})
# What spaCy's small model tends to miss; matched case-insensitively on word boundaries.
EXTRA = re.compile(
    r"\b(?:right now|now|currently|nowadays|at present|presently|these days|recently|lately|"
    r"formerly|in recent years|in the near future|in the future|in the past|soon|daily|"
    r"weekly|monthly|quarterly|annually|yearly|hourly|"
    r"(?:every|each|per)\s+(?:other\s+)?(?:(?:\d+|two|three|four|five|six|ten)\s+)?"
    r"(?:second|minute|hour|day|night|week|month|quarter|year|decade)s?|"
    r"\d{4}-\d{2}-\d{2}|"
    r"(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s+\d{4})?)\b",
    re.IGNORECASE,
)
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
    for match in EXTRA.finditer(text):
        if not any(taken[match.start() : match.end()]):
            candidates.append(match.span())
    found: list[DateMention] = []
    for start, end in sorted(candidates):
        found.extend(_read(doc, text, start, end, anchor))
    return tuple(found)


def _read(doc: Doc, text: str, start: int, end: int, anchor: Anchor | None) -> list[DateMention]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or _is_age(doc, span):
        return []
    tense = _tense(span)
    start, end = _trim(text, start, end)
    if start >= end:
        return []
    reading = interpret(text[start:end], anchor, tense)
    if reading is not None:
        return [_mention(text, *_drop_article(text, start, end), reading)]
    parts: list[DateMention] = []  # "between 2015 and 2016", "the quarter ended Sept. 30"
    for part in PARTS.finditer(text, start, end):
        reading = interpret(part[0], anchor, tense)
        if reading is not None and reading[0] is not None:
            parts.append(_mention(text, part.start(), part.end(), reading))
    return parts


def _mention(
    text: str, start: int, end: int, reading: tuple[str | None, str, str | None]
) -> DateMention:
    value, kind, precision = reading
    return DateMention(
        text=text[start:end], start=start, end=end, value=value, type=kind, precision=precision
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


def _tense(span: Span) -> Tense:
    """The tense of the clause ``span`` sits in: its nearest governing verb's."""
    token = span.root
    for _ in range(6):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return "present"
    auxiliaries = [child for child in token.children if child.dep_ in ("aux", "auxpass")]
    if any(child.lower_ in FUTURE_AUXILIARIES for child in auxiliaries):
        return "future"
    if token.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return "past"
    if token.tag_ == "VBN" and any(child.lower_ in HAVE for child in auxiliaries):
        return "past"
    return "present"
