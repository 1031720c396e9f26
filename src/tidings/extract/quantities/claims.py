"""Quantities: the numbers an article claims, with their unit, qualifier and what they count.

``find_quantities(doc)`` reads a parsed spaCy ``Doc`` (from :func:`tidings.nlp.load_pipeline`)
and returns :class:`~tidings.model.Quantity` values in text order. One left-to-right pass over
the tokens; each number costs a bounded look around it, so the stage is linear in the text.
This module finds the numbers and their qualifier; :mod:`.units` reads
the rest of the expression (where the number ends, a range, a unit or currency, a rate);
:mod:`.context` judges it from the parse (is it a quantity at all, what
does it count); :mod:`.numbers` holds the number words, units and currencies.

text
    qualifier + currency + number + unit: "more than 1,000", "about 50 metres", "$2.5 million",
    "39%", "between 36 and 40", "thousands of miles", "15 per 100,000". The counted noun stays
    outside the span ("48" in "48 apartments") unless a hyphen glues it on ("ten-storey").
value
    a float: "1,000" = 1000, "2.5 million" = 2500000, "a dozen" = 12, "half a million" = 500000.
    Vague plurals take their magnitude with qualifier "several": "dozens" = 12, "hundreds" = 100,
    "thousands of miles" = 1000, "tens of thousands" = 10000, "several hundred" = 100.
    A range ("between 36 and 40", "36 to 40", "36-40", "two or three") is one quantity valued at
    its lower bound (the conservative figure, as ACLED counts fatalities) with qualifier
    "between"; the upper bound stays in the text. "from 14 to 31" is a change: two quantities.
qualifier
    about (about, around, approximately, roughly, some, an estimated, "or so") | almost (almost,
    nearly, close to, just under) | more than (more than, over, above, in excess of, upwards of,
    exceeding, "1,000+", "30-plus") | less than (less than, fewer than, under, below) |
    at least (at least, no fewer than, a minimum of, "or more") | at most (at most, no more
    than, "or fewer") | up to (up to, as many as, as high as) | exactly | between (ranges) |
    several (vague magnitudes) | None.
unit
    a singular name from :data:`.numbers.UNITS` ("metre", "square kilometre",
    "percent", "mile per hour", "year", "times"), an ISO 4217 code for money ("USD", "EUR";
    the bare word for currencies several countries share: "peso"), a rate's denominator
    ("per 100,000"), or None for plain counts.
counted
    for counts and rates (None when a unit says what is measured): the noun the number modifies
    with its compound and adjective modifiers ("North Koreans", "apartments"), the noun of an
    of-phrase ("dozens of people" -> "people", "four of the deceased" -> "deceased"), the noun
    glued by a hyphen ("ten-storey" -> "storey"), the count noun the number fills ("the death
    toll rose to 31" -> "death toll"), or the casualty state a number standing alone is subject
    or object of ("39 are confirmed dead" -> "dead", "the crash killed seven" -> "killed").
durations
    a number with a time unit ("five years in prison", "over 30 hours", "a two-day visit") is a
    quantity with unit year/hour/day even though spaCy labels it DATE or TIME: the dates stage
    reports it as a time expression, this stage as an amount. Ages ("aged 64", "92-year-old",
    "I was 16") and relative times ("two days later", "five years ago") are not quantities; nor
    is a bare "one day" or "one year".
not quantities
    dates and clock times (numbers in DATE/TIME entities that hold a date word or a year; a
    DATE entity holding only a count, such as "from fourteen to 31", is read as a count), bare
    years, ordinals, numbers in names and codes ("Apollo 11", "COVID-19", "G7", "5G", "Section
    230", "Boeing 737", "No. 10"), phone numbers, scores ("2-1"), list markers ("1)"),
    fractions ("two thirds"), and a bare "one" ("One official said"; "at least one",
    "one or two" and "one million" are kept).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc

from tidings.extract.quantities.context import (
    Reading,
    counted,
    previous_index,
    rejected,
    time_entities,
)
from tidings.extract.quantities.numbers import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    FRACTIONS,
    SCALES,
    VAGUE_MAGNITUDES,
    parse_number,
)
from tidings.extract.quantities.units import (
    lower_words,
    number_end,
    read_range,
    read_unit,
    starts_number,
)
from tidings.model import Quantity
from tidings.nlp import doc_text

__all__ = ["find_quantities"]

QUALIFIERS: dict[tuple[str, ...], str] = {
    tuple(phrase.split()): name
    for name, phrases in {
        "about": ("about", "around", "approximately", "approx.", "roughly", "some", "circa",
                  "an estimated", "estimated"),
        "almost": ("almost", "nearly", "close to", "just under", "just shy of"),
        "more than": ("more than", "over", "above", "in excess of", "upwards of", "greater than",
                      "higher than", "just over", "well over", "well above", "exceeding"),
        "less than": ("less than", "fewer than", "under", "below", "lower than"),
        "at least": ("at least", "no fewer than", "no less than", "not less than",
                     "a minimum of"),
        "at most": ("at most", "no more than", "not more than", "a maximum of"),
        "up to": ("up to", "as many as", "as much as", "as high as"),
        "exactly": ("exactly", "precisely"),
        "several": ("several", "a few", "many"),
    }.items()
    for phrase in phrases
}  # fmt: skip
# Words that can start a number but that spaCy's like_num misses.
STARTERS = frozenset({"a", "an", "dozen", *VAGUE_MAGNITUDES, *FRACTIONS})


def find_quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Every quantity claimed in ``doc``, in text order (see the module docstring for rules)."""
    text = doc_text(doc)
    times = time_entities(doc)
    found: list[Quantity] = []
    floor = resume = 0
    for token in doc:
        index = token.i
        if index < resume or not (
            token.like_num or token.lower_ in STARTERS or token.text[0].isdigit()
        ):
            continue
        if not starts_number(doc, index):
            continue
        reading, resume = _read(doc, index, floor)
        if reading is None or rejected(doc, reading, times):
            continue
        if reading.counted is None and (reading.unit is None or reading.unit.startswith("per ")):
            reading.counted = counted(doc, reading)
        floor = reading.end
        start = doc[reading.start].idx
        end = doc[reading.end - 1].idx + len(doc[reading.end - 1].text)
        found.append(
            Quantity(
                text=text[start:end],
                start=start,
                end=end,
                value=reading.value,
                unit=reading.unit,
                qualifier=reading.qualifier,
                counted=reading.counted,
            )
        )
    return tuple(_share_units(text, found))


def _share_units(text: str, found: list[Quantity]) -> list[Quantity]:
    """Give "10" in "from 10 to 20 percent" the unit that only the second number states."""
    for index in range(len(found) - 1, 0, -1):
        first, second = found[index - 1], found[index]
        between = text[first.end : second.start].strip()
        if first.unit is None and first.counted is None and between in ("to", "and", "or"):
            found[index - 1] = replace(first, unit=second.unit)
    return found


def _qualifier_before(doc: Doc, index: int, floor: int) -> tuple[str, int] | None:
    """The longest qualifier phrase that ends just before token ``index``: ("more than", start)."""
    found = None
    words: list[str] = []
    for position in range(index - 1, max(floor, index - 4) - 1, -1):
        token = doc[position]
        if token.is_space:
            break
        words.insert(0, str(token.lower_))
        name = QUALIFIERS.get(tuple(words))
        if name is not None:
            found = name, position
    return found


def _read(doc: Doc, index: int, floor: int) -> tuple[Reading | None, int]:
    """The quantity around the number at ``index`` (None if unreadable), and where to go on."""
    start, unit = index, None
    before = previous_index(doc, index)
    if before >= floor:
        symbol = doc[before].text
        if symbol.lower() in CURRENCY_SYMBOLS or symbol in CURRENCY_CODES:
            unit, start = CURRENCY_SYMBOLS.get(symbol.lower(), symbol), before
        elif symbol.lower() == "magnitude":
            unit, start = "magnitude", before
    currency = unit is not None and unit != "magnitude"
    end = number_end(doc, index, currency)
    words = lower_words(doc, index, end)
    value = parse_number(words)
    if value is None:
        return None, end
    reading = Reading(start=start, end=end, numbers=list(range(index, end)), value=value)
    reading.unit, reading.currency = unit, currency
    reading.vague = any(word in VAGUE_MAGNITUDES for word in words)
    qualifier = _qualifier_before(doc, start, floor)
    if qualifier is not None:
        name, qualifier_start = qualifier
        if name != "several" or words[0] in SCALES or words[0] in ("dozen", "a", "an"):
            reading.qualifier, reading.start = name, qualifier_start
            reading.vague = reading.vague or name == "several"
    if not read_range(doc, reading, words):
        return None, reading.end  # a score or a phone number: skip both numbers
    read_unit(doc, reading)
    if reading.qualifier is None and reading.vague:
        reading.qualifier = "several"
    return reading, reading.end
