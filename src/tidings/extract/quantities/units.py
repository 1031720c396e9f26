"""Reading the expression around a number, for :mod:`.claims`.

Where a number ends ("one hundred and twenty-five", "2.5 m"), a range that joins it to a second
number ("between 36 and 40", "36-40"), and what follows it: a unit or currency ("50 metres",
"10 US dollars"), a hyphenated noun ("ten-storey"), a rate's denominator ("per 100,000") and a
qualifier written after it ("or more", "or so"). Each reader extends a :class:`Reading` in
place; every check looks at a bounded number of tokens.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tidings.extract.quantities.context import (
    FRACTION_NOUNS,
    Reading,
    glued,
    lower_at,
    next_index,
    previous_index,
)
from tidings.extract.quantities.numbers import (
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

SUFFIX_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "more"): "at least",
    ("or", "so"): "about",
    ("or", "fewer"): "at most",
    ("or", "less"): "at most",
}
RANGE_WORDS = frozenset({"to", "-", "–", "—", "or", "and"})
WORD_SCALE_ABBREVIATIONS = frozenset({"bn", "mn", "mln", "tn", "trn"})  # scales without money


def starts_number(doc: Doc, index: int) -> bool:
    """Does a number start at token ``index`` ("5", "five", "a dozen", "half a million")?"""
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


def number_end(doc: Doc, index: int, currency: bool) -> int:
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
        elif word == "-" and lower_words(doc, end, end + 6) == ["-", "and", "-", "a", "-", "half"]:
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


def lower_words(doc: Doc, start: int, end: int) -> list[str]:
    """The lower-cased words of tokens ``start`` to ``end``, spaces skipped."""
    tokens = (doc[index] for index in range(start, min(end, len(doc))))
    return [str(token.lower_) for token in tokens if not token.is_space]


def read_range(doc: Doc, reading: Reading, words: list[str]) -> bool:
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
    if second >= len(doc) or not starts_number(doc, second):
        return True
    second_end = number_end(doc, second, reading.currency)
    upper_words = lower_words(doc, second, second_end)
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


def read_unit(doc: Doc, reading: Reading) -> None:
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
        match = None if starts_number(doc, next_index(doc, ends[0])) else match
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
    suffix = SUFFIX_QUALIFIERS.get(tuple(lower_words(doc, after, after + 2)))
    if suffix is not None and reading.qualifier is None:
        reading.qualifier, reading.end = suffix, after + 2


def _read_rate(doc: Doc, reading: Reading) -> None:
    """Read a rate's denominator into the unit: "15 per 100,000" -> "per 100,000"."""
    per = next_index(doc, reading.end)
    start = next_index(doc, per + 1)
    if lower_at(doc, per) != "per" or start >= len(doc) or not doc[start].text[0].isdigit():
        return
    end = number_end(doc, start, currency=False)
    denominator = parse_number(lower_words(doc, start, end))
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
