"""Quantities: the numbers an article claims, with their unit, qualifier and what they count.

``find_quantities(doc)`` reads a parsed spaCy ``Doc`` (from :func:`tidings.nlp.load_pipeline`)
and returns :class:`~tidings.model.Quantity` values in text order. One left-to-right pass over
the tokens; each number costs a bounded look around it, so the stage is linear in the text.
This module reads the expression; :mod:`tidings.extract.quantity_context` judges it from the
parse (is it a quantity at all, what does it count); :mod:`tidings.extract.numbers` holds the
number words, units and currencies.

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
    a singular name from :data:`tidings.extract.numbers.UNITS` ("metre", "square kilometre",
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

from tidings.extract.numbers import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    FRACTIONS,
    GLUED_ONLY_UNITS,
    MAX_CURRENCY_WORDS,
    MAX_UNIT_WORDS,
    SCALE_ABBREVIATIONS,
    SCALES,
    SMALL_NUMBERS,
    UNITS,
    VAGUE_MAGNITUDES,
    match_table,
    parse_digits,
    parse_number,
)
from tidings.extract.quantity_context import (
    FRACTION_NOUNS,
    Reading,
    counted,
    glued,
    lower_at,
    next_index,
    previous_index,
    rejected,
    time_entities,
)
from tidings.model import Quantity

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
SUFFIX_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "more"): "at least",
    ("or", "so"): "about",
    ("or", "fewer"): "at most",
    ("or", "less"): "at most",
}
RANGE_WORDS = frozenset({"to", "-", "–", "—", "or", "and"})
WORD_SCALE_ABBREVIATIONS = frozenset({"bn", "mn", "mln", "tn", "trn"})  # scales without money
# Words that can start a number but that spaCy's like_num misses.
STARTERS = frozenset({"a", "an", "dozen", *VAGUE_MAGNITUDES, *FRACTIONS})


def find_quantities(doc: Doc) -> tuple[Quantity, ...]:
    """Every quantity claimed in ``doc``, in text order (see the module docstring for rules)."""
    text = doc.text  # computed by spaCy on each access
    times = time_entities(doc)
    found: list[Quantity] = []
    floor = resume = 0
    for token in doc:
        index = token.i
        if index < resume or not (
            token.like_num or token.lower_ in STARTERS or token.text[0].isdigit()
        ):
            continue
        if not _starts_number(doc, index):
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


def _starts_number(doc: Doc, index: int) -> bool:
    token = doc[index]
    word = token.lower_
    if word in SMALL_NUMBERS or word in SCALES or word == "dozen":
        return True
    if word in VAGUE_MAGNITUDES:
        return word not in ("tens", "scores") or lower_at(doc, index + 1) == "of"
    if word in ("a", "an"):
        return lower_at(doc, index + 1) in SCALES or lower_at(doc, index + 1) == "dozen"
    if word in FRACTIONS:
        return lower_at(doc, index + 1) in ("a", "an") and lower_at(doc, index + 2) in SCALES
    first = token.text[0]
    return (first.isdigit() or first == ".") and parse_digits(token.text) is not None


def _kind(word: str) -> str:
    if word in SMALL_NUMBERS:
        value = SMALL_NUMBERS[word]
        return "tens" if value >= 20 and value % 10 == 0 else "small"
    if word in SCALES or word in SCALE_ABBREVIATIONS or word == "dozen":
        return "scale"
    if word in VAGUE_MAGNITUDES:
        return "vague"
    if word in ("a", "an") or word in FRACTIONS:
        return "article"
    return "digit"


def _number_end(doc: Doc, index: int, currency: bool) -> int:
    """Where the number that starts at ``index`` ends: "one hundred and twenty-five", "2.5 m"."""
    kind = _kind(doc[index].lower_)
    end = index + 1
    while end < len(doc):
        word, following = doc[end].lower_, lower_at(doc, end + 1)
        if (word in SCALES or word == "dozen") and kind != "vague":
            kind, end = "scale", end + 1
        elif word in ("a", "an") and kind == "article" and following in SCALES:
            end += 1  # "half a million"
        elif (
            word in SCALE_ABBREVIATIONS
            and glued(doc, end - 1)
            and kind == "digit"
            and (currency or word in WORD_SCALE_ABBREVIATIONS)
        ):
            kind, end = "scale", end + 1
        elif word in SMALL_NUMBERS and (
            kind == "scale" or (kind == "tens" and SMALL_NUMBERS[word] < 10)
        ):
            kind, end = _kind(word), end + 1
        elif word == "-" and glued(doc, end - 1) and kind == "tens":
            if SMALL_NUMBERS.get(following, 10) >= 10:
                break
            kind, end = "small", end + 2  # "twenty-five"
        elif word == "and" and kind == "scale" and SMALL_NUMBERS.get(following, 100) < 100:
            kind, end = _kind(following), end + 2
        elif word == "and" and following == "a" and lower_at(doc, end + 2) == "half":
            kind, end = "small", end + 3
        elif word == "-" and _words(doc, end, end + 6) == ["-", "and", "-", "a", "-", "half"]:
            end += 6  # "three-and-a-half million", "a million-and-a-half"
        elif (
            word == "of"
            and kind == "vague"
            and (following in VAGUE_MAGNITUDES or following in SCALES)
        ):
            end += 2  # "tens of thousands"
        else:
            break
    return end


def _words(doc: Doc, start: int, end: int) -> list[str]:
    tokens = (doc[index] for index in range(start, min(end, len(doc))))
    return [str(token.lower_) for token in tokens if not token.is_space]


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
    end = _number_end(doc, index, currency)
    words = _words(doc, index, end)
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
    if not _read_range(doc, reading, words):
        return None, reading.end  # a score or a phone number: skip both numbers
    _read_unit(doc, reading)
    if reading.qualifier is None and reading.vague:
        reading.qualifier = "several"
    return reading, reading.end


def _read_range(doc: Doc, reading: Reading, words: list[str]) -> bool:
    """Join "between 36 and 40", "36-40", "one-to-two hundred"; False for "2-1", "555-1234"."""
    position = reading.end
    if glued(doc, position - 1) and doc[position].text == "+":
        reading.qualifier = reading.qualifier or "more than"  # "1,000+"
        reading.end = position + 1
        return True
    connector_index = next_index(doc, position)
    connector = lower_at(doc, connector_index)
    second = next_index(doc, connector_index + 1)
    if (
        connector == "-"
        and lower_at(doc, second) in ("to", "or")
        and lower_at(doc, second + 1) == "-"
    ):
        connector, second = lower_at(doc, second), second + 2  # "one-to-two"
    opener_index = previous_index(doc, reading.start)
    opener = lower_at(doc, opener_index)
    if connector not in RANGE_WORDS or (connector == "and" and opener != "between"):
        return True
    if second < len(doc) and doc[second].text.lower() in CURRENCY_SYMBOLS:
        second += 1  # "$5 to $7 billion"
    if second >= len(doc) or not _starts_number(doc, second):
        return True
    second_end = _number_end(doc, second, reading.currency)
    upper_words = _words(doc, second, second_end)
    upper = parse_number(upper_words)
    if upper is None:
        return True
    lower = reading.value
    if upper_words[-1] in SCALES and not any(word in SCALES for word in words):
        lower *= SCALES[upper_words[-1]]  # "2 to 3 million"
    left, right = doc[position - 1].text, doc[second].text
    if (
        connector == "-"
        and left.isdigit()
        and right.isdigit()
        and (upper <= lower or (len(left), len(right)) == (3, 4))
    ):
        reading.end = second_end
        return False  # a score ("2-1"), a vote ("52-48") or a phone number ("555-1234")
    if upper <= lower or opener == "from":
        return True
    reading.value, reading.qualifier, reading.ranged = lower, "between", True
    reading.numbers.extend(range(second, second_end))
    reading.end = second_end
    if opener == "between":
        reading.start = min(reading.start, opener_index)
    return True


def _unit_words(doc: Doc, position: int) -> tuple[list[str], list[int]]:
    """Up to MAX_UNIT_WORDS words from ``position`` on, past spaces and glued hyphens."""
    words: list[str] = []
    ends: list[int] = []
    while position < len(doc) and len(words) < MAX_UNIT_WORDS:
        token = doc[position]
        if not (token.is_space or (token.text == "-" and glued(doc, position - 1))):
            words.append(str(token.lower_))
            ends.append(position + 1)
        position += 1
    return words, ends


def _read_unit(doc: Doc, reading: Reading) -> None:
    """Extend over the unit, currency word or hyphenated noun after the number, and "or more"."""
    _read_suffix(doc, reading)  # "1,000 or more kilograms"
    position = next_index(doc, reading.end)
    is_glued = position == reading.end and glued(doc, position - 1)
    hyphenated = is_glued and doc[position].text == "-" and glued(doc, position)
    words, ends = _unit_words(doc, position)
    if reading.vague and words[:1] == ["of"]:
        match = match_table(words[1:], UNITS, MAX_UNIT_WORDS)
        match = match or _currency(doc, words[1:], ends[0] if len(ends) > 1 else position)
        if match is not None:
            reading.unit, reading.end = match[0], ends[match[1]]  # "thousands of miles"
        return
    match = None if reading.unit == "magnitude" else _currency(doc, words, position)
    if match is None and not reading.currency:
        match = match_table(words, UNITS, MAX_UNIT_WORDS)
        if match is not None and match[1] == 1 and len(words[0]) == 1 and words[0].isalpha():
            match = match if doc[ends[0] - 1].text.islower() else None  # "5G" is no 5 grams
        if match is not None and tuple(words[: match[1]]) in GLUED_ONLY_UNITS and not is_glued:
            match = None
    word = doc[position + 1] if hyphenated else None
    if match is not None and match[0] == "magnitude" and ends[0] < len(doc):
        # "400 magnitude 2 earthquakes": the magnitude belongs to the 2
        match = None if _starts_number(doc, next_index(doc, ends[0])) else match
    if match is not None:
        reading.unit, reading.end = match[0], ends[match[1] - 1]
    elif word is not None and word.lower_ == "plus":
        reading.qualifier, reading.end = reading.qualifier or "more than", position + 2
    elif (
        word is not None
        and word.is_alpha
        and word.pos_ in ("NOUN", "PROPN")
        and word.lower_ not in FRACTION_NOUNS
        and not word.is_stop
    ):
        reading.counted, reading.end = word.text, position + 2  # "ten-storey"
    _read_rate(doc, reading)
    _read_suffix(doc, reading)


def _read_suffix(doc: Doc, reading: Reading) -> None:
    """Read a qualifier written after the number: "1,000 or more", "50 or so"."""
    after = next_index(doc, reading.end)
    suffix = SUFFIX_QUALIFIERS.get(tuple(_words(doc, after, after + 2)))
    if suffix is not None and reading.qualifier is None:
        reading.qualifier, reading.end = suffix, after + 2


def _read_rate(doc: Doc, reading: Reading) -> None:
    """Read a rate's denominator into the unit: "15 per 100,000" -> "per 100,000"."""
    per = next_index(doc, reading.end)
    start = next_index(doc, per + 1)
    if lower_at(doc, per) != "per" or start >= len(doc) or not doc[start].text[0].isdigit():
        return
    end = _number_end(doc, start, currency=False)
    denominator = parse_number(_words(doc, start, end))
    if denominator is not None:
        rate = f"per {denominator:,.10g}"
        reading.unit = f"{reading.unit} {rate}" if reading.unit else rate
        reading.end = end


def _currency(doc: Doc, words: list[str], position: int) -> tuple[str, int] | None:
    """A currency written after the number: "dollars", "US dollars", "USD", "pounds"."""
    match = match_table(words, CURRENCY_WORDS, MAX_CURRENCY_WORDS)
    if match is not None:
        name, size = match
        label = doc[position].ent_type_ if position < len(doc) else ""
        if words[0] == "won" and label != "MONEY":
            return None
        if words[0] in ("pound", "pounds") and (label == "QUANTITY" or words[1:2] == ["of"]):
            return "pound", 1  # weight: "300 pounds of cocaine"
        return name, size
    code = words[0].upper() if words else ""
    return (code, 1) if code in CURRENCY_CODES and code != "PHP" else None
