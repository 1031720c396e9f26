"""What the parse around a number says: whether it is a quantity at all, and what it counts.

The other part of :mod:`.claims`, which (with
:mod:`.units`) reads the number, its qualifier and its unit into a
:class:`Reading`. Here:

- :func:`rejected` drops what only looks like a quantity: dates and clock times, bare years,
  ages, relative times, numbers in names and codes, phone numbers, list markers, fractions and
  a bare "one".
- :func:`counted` names what a count counts: the noun it modifies ("North Koreans"), the noun of
  its of-phrase ("four of the deceased"), the count noun it fills ("the death toll rose to 31")
  or the casualty state it is subject or object of ("39 are confirmed dead" -> "dead").

Every check looks at a bounded number of tokens around the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from tidings.extract.quantities.numbers import SCALE_ABBREVIATIONS, TIME_UNITS

Token = Any  # spaCy is untyped

NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW",
     "LANGUAGE", "ORDINAL"}
)  # fmt: skip
TIME_LABELS = frozenset({"DATE", "TIME"})
MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec jan. feb. mar. apr. jun. jul. aug. sep.
    sept. oct. nov. dec.""".split()
)
CLOCK_WORDS = frozenset("am pm a.m. p.m. gmt utc bst cet est edt pst o'clock hrs".split())
DATE_WORDS = (
    MONTHS
    | CLOCK_WORDS
    | frozenset(
        """monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs
        fri sat sun today tonight yesterday tomorrow morning afternoon evening night noon
        midnight local time ago last next this previous past early late mid spring summer
        autumn fall winter weekend season quarter fiscal fy bc ad bce ce""".split()
    )
)
RELATIVE_WORDS = frozenset({"ago", "later", "earlier", "before", "after", "prior", "hence"})
# Words that make the number after them an identifier: "Section 230", "No. 10", "route 66".
LABEL_WORDS = frozenset(
    """no no. nos. # number flight route section article chapter category level phase stage
    room gate platform channel version page line item clause resolution proposition episode
    volume vol. part unit block lot row seat grade class type model mark size series track exit
    highway interstate runway zone ward precinct district apartment suite area""".split()
)
FRACTION_NOUNS = frozenset({"half", "halves", "third", "thirds", "quarter", "quarters", "fifth",
                            "fifths", "tenth", "tenths"})  # fmt: skip
SKIP_MODIFIERS = frozenset(
    {"more", "other", "additional", "further", "extra", "such", "same", "fewer", "less", "many",
     "several", "total", "estimated", "about", "some"}
)  # fmt: skip
PERSONAL_PRONOUNS = frozenset({"i", "he", "she", "you"})
COUNT_NOUNS = frozenset({"total", "toll", "number", "figure", "count", "tally"})
# Casualty states a number standing alone is subject or object of: "39 died" -> "dead".
STATES = {
    "kill": "killed", "die": "dead", "dead": "dead", "injure": "injured", "wound": "wounded",
    "hurt": "injured", "missing": "missing", "arrest": "arrested", "detain": "detained",
    "rescue": "rescued", "evacuate": "evacuated", "displace": "displaced", "infect": "infected",
    "hospitalise": "hospitalised", "hospitalize": "hospitalised", "hospitalised": "hospitalised",
    "hospitalized": "hospitalised", "kidnap": "kidnapped", "abduct": "abducted",
    "execute": "executed", "drown": "drowned", "injured": "injured", "wounded": "wounded",
}  # fmt: skip
TRANSITIVE_STATES = frozenset(STATES) - {"die", "dead", "missing", "drown"}
YEAR = re.compile(r"(?:1[6-9]|20)\d\d")


@dataclass(slots=True)
class Reading:
    """A quantity being read, in token indexes (``end`` exclusive)."""

    start: int
    end: int
    numbers: list[int]  # the tokens that spell the number(s)
    value: float
    unit: str | None = None
    qualifier: str | None = None
    counted: str | None = None
    currency: bool = False
    vague: bool = False
    ranged: bool = False


def next_index(doc: Doc, index: int) -> int:
    """The first index at or after ``index`` that is not a whitespace token (len(doc) if none)."""
    while index < len(doc) and doc[index].is_space:
        index += 1
    return index


def previous_index(doc: Doc, index: int) -> int:
    """The last index before ``index`` that is not a whitespace token (-1 if none)."""
    index -= 1
    while index >= 0 and doc[index].is_space:
        index -= 1
    return index


def lower_at(doc: Doc, index: int) -> str:
    """The lower-cased token at ``index``, or "" outside the doc."""
    return str(doc[index].lower_) if 0 <= index < len(doc) else ""


def glued(doc: Doc, index: int) -> bool:
    """No whitespace between token ``index`` and the next one."""
    return index >= 0 and index + 1 < len(doc) and not doc[index].whitespace_


def time_entities(doc: Doc) -> dict[int, tuple[int, int]]:
    """Token index -> (start, end) of the DATE or TIME entity holding it."""
    return {
        index: (entity.start, entity.end)
        for entity in doc.ents
        if entity.label_ in TIME_LABELS
        for index in range(entity.start, entity.end)
    }


def rejected(doc: Doc, reading: Reading, times: dict[int, tuple[int, int]]) -> bool:
    """True for what only looks like a quantity (see the module docstring)."""
    numbers, unit = reading.numbers, reading.unit
    first, last = numbers[0], numbers[-1]
    after = next_index(doc, reading.end)
    word_after = lower_at(doc, after)
    if word_after in FRACTION_NOUNS or (
        word_after == "-" and lower_at(doc, after + 1) in FRACTION_NOUNS
    ):
        return True  # "two thirds", "two-thirds"
    if (
        word_after == "-"
        and glued(doc, after)
        and after == reading.end
        and doc[after + 1].pos_ in ("ADJ", "VERB", "ADV")
        and reading.unit is None
    ):
        return True  # an adjective: "three-dimensional", "two-legged", "one-sided"
    plain = reading.qualifier is None and not reading.ranged and reading.start == first
    token = doc[first]
    if (
        plain
        and reading.value == 1
        and (unit is None or unit in TIME_UNITS or unit == "times")
        and token.lower_ == "one"
    ):
        return True  # "One official said", "one day", "one time"
    if _is_code(doc, first, last, reading):
        return True
    before = previous_index(doc, reading.start)
    word_before = lower_at(doc, before)
    if word_before == "per":
        return True  # the denominator of a rate the reading did not join: "15 deaths per 100,000"
    if unit in TIME_UNITS:
        if word_after in RELATIVE_WORDS or "old" in (word_after, lower_at(doc, after + 1)):
            return True  # "five years ago", "16-year-old", "ten years old"
        if (word_after, lower_at(doc, next_index(doc, after + 1))) == ("of", "age"):
            return True  # "under 5 years of age"
    elif _is_month(doc, before) or _is_month(doc, after) or word_after in CLOCK_WORDS:
        return True  # "Dec. 28", "4 January", "10 p.m."
    elif word_before in ("and", "or", "to", "-", "–", "through"):
        other = previous_index(doc, before)
        if other in times and doc[other].like_num and _names_time(doc, other, times[other]):
            return True  # "March 4 and 5"
    if _is_age(doc, first, word_before):
        return True
    if reading.currency or unit is not None:
        return False
    if any(index in times and _names_time(doc, index, times[index]) for index in numbers):
        return True
    if token.dep_ in ("attr", "acomp") and token.head.lemma_ == "be":
        subject = next((child for child in token.head.children if child.dep_ == "nsubj"), None)
        if subject is not None and (
            subject.lower_ in PERSONAL_PRONOUNS or subject.ent_type_ == "PERSON"
        ):
            return True  # an age: "I was 16", "He was 34"
    if YEAR.fullmatch(token.text) and len(numbers) == 1 and reading.qualifier is None:
        # a year unless spaCy calls it a count of a plural noun: "1800 people", not "a 2011 study"
        return token.ent_type_ != "CARDINAL" or token.head.tag_ not in ("NNS", "NNPS")
    return False


def _is_month(doc: Doc, index: int) -> bool:
    return 0 <= index < len(doc) and doc[index].lower_ in MONTHS and doc[index].text[0].isupper()


def _is_code(doc: Doc, first: int, last: int, reading: Reading) -> bool:
    """A number in a name or code: "Apollo 11", "COVID-19", "5G", "No. 10", "0000", "1)"."""
    token, before = doc[first], first - 1
    if glued(doc, before) and (
        doc[before].is_alpha or doc[before].text == "+"
        or (doc[before].text == "-" and glued(doc, before - 1) and doc[before - 1].is_alpha)
    ):  # fmt: skip
        return True
    if glued(doc, last) and doc[last + 1].is_alpha and reading.unit is None:
        return doc[last + 1].lower_ not in SCALE_ABBREVIATIONS  # "5G", "3D"
    if len(token.text) > 1 and token.text[0] == "0" and token.text[1].isdigit():
        return True  # "0000 UTC", "007"
    if glued(doc, last) and doc[last + 1].text == ")" and doc[max(before, 0)].text != "(":
        return True  # a list marker: "1)"
    neighbours = (next_index(doc, reading.end), previous_index(doc, reading.start))
    if any(0 <= index < len(doc) and doc[index].text.isdigit() for index in neighbours):
        return True  # "+44 20 7946 0000"
    if reading.currency or reading.unit is not None:
        return False
    if any(doc[index].ent_type_ in NAME_LABELS for index in reading.numbers):
        return True
    if reading.start != first:
        return False  # a qualifier or "between" stands before it
    if (
        token.is_title
        and not token.is_sent_start
        and glued(doc, first) is False
        and last + 1 < len(doc)
        and doc[last + 1].pos_ == "PROPN"
        and doc[last + 1].is_title
    ):
        return True  # a name: "Six Flags", "the Fantastic Four"
    if (
        token.text.isdigit()
        and token.dep_ != "nummod"
        and len(token.text) in (3, 4)
        and any(child.dep_ == "det" for child in token.children)
    ):
        return True  # "the 707 was a freighter"
    previous = previous_index(doc, reading.start)
    if previous < 0:
        return False
    label = doc[previous]
    word = label.lower_
    if word in LABEL_WORDS or (word == "." and lower_at(doc, previous - 1) == "no"):
        return True
    return bool(
        label.pos_ == "PROPN"
        and label.is_alpha
        and label.text[0].isupper()
        and label.ent_type_ not in TIME_LABELS
        and word not in DATE_WORDS
        and token.text[0].isdigit()
    )


def _is_age(doc: Doc, first: int, word_before: str) -> bool:
    """'aged 64', 'at the age of 64', and lists after them: 'aged nine, ten and 49'."""
    if word_before == "aged":
        return True  # "aged above 60"
    token = doc[first]
    for _ in range(6):
        previous = previous_index(doc, token.i)
        if lower_at(doc, previous) in ("aged", "age") or token.head.lower_ in ("aged", "age"):
            return True
        if (
            lower_at(doc, previous) == "of"
            and lower_at(doc, previous_index(doc, previous)) == "age"
        ):
            return True
        if token.dep_ not in ("appos", "conj") or not token.head.like_num:
            return False
        token = token.head
    return False


def _names_time(doc: Doc, index: int, entity: tuple[int, int]) -> bool:
    """Whether a number inside a DATE/TIME entity is part of a date or a clock time.

    A count spaCy labelled DATE ("1,200" in "In 2019 1,200 people", "from fourteen to 31",
    "the toll is 40") has a comma, or no year and no date word in its entity.
    """
    text = doc[index].text
    if "," in text:
        return False
    if YEAR.fullmatch(text):
        return True
    start, end = entity
    end = max(end, min(next_index(doc, index + 1) + 1, len(doc)))  # "6 am" outside the entity
    return any(
        doc[position].lower_ in DATE_WORDS or YEAR.fullmatch(doc[position].text)
        for position in range(start, end)
    )


def counted(doc: Doc, reading: Reading) -> str | None:
    """What a count counts: its noun, its of-phrase, its count noun or its casualty state."""
    end = reading.end
    numbers = set(reading.numbers)
    for index in reversed(reading.numbers):
        token = doc[index]
        head = token.head
        if (
            token.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod")
            and end <= head.i <= end + 5
            and head.pos_ in ("NOUN", "PROPN")
        ):
            return None if head.lower_ in FRACTION_NOUNS else _noun_phrase(doc, head, end)
    following = next_index(doc, end)
    if lower_at(doc, following) == "of":
        pobject = next((child for child in doc[following].children if child.dep_ == "pobj"), None)
        if pobject is not None and pobject.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
            return _noun_phrase(doc, pobject, following + 1)
        return None
    anchor = next(
        (doc[index] for index in reading.numbers if doc[index].head.i not in numbers),
        doc[reading.numbers[-1]],
    )
    return _count_noun(doc, anchor) or _state(anchor)


def _noun_phrase(doc: Doc, head: Token, floor: int) -> str:
    """The head noun with the compound and adjective modifiers just before it: "North Koreans"."""
    start = head.i
    position = head.i - 1
    while position >= floor:
        token = doc[position]
        if (
            token.dep_ in ("compound", "amod", "nmod")
            and position < token.head.i <= head.i
            and token.lower_ not in SKIP_MODIFIERS
            and not token.like_num
        ):
            start = position
        elif not (token.text == "-" and glued(doc, position - 1) and glued(doc, position)):
            break
        position -= 1
    while doc[start].text == "-":
        start += 1
    end = head.i + 1
    while end + 1 < len(doc) and doc[end].text == "-" and glued(doc, end - 1) and glued(doc, end):
        end += 2  # "co-authors" parsed as co / - / authors
    return str(doc[start:end].text)


def _count_noun(doc: Doc, anchor: Token) -> str | None:
    """'the death toll rose from 14 to 31', 'the toll is 40' -> 'death toll'."""
    node = anchor
    while node.dep_ == "pobj" and node.head.lower_ in ("from", "to", "at"):
        node = node.head  # "from 14 to 31": to -> from -> rose
        if node.head.pos_ == "ADP":
            node = node.head
    if node.i == anchor.i and anchor.dep_ not in ("attr", "dobj"):
        return None
    head = node.head
    candidates = [head, *(child for child in head.children if child.dep_ in ("nsubj", "dobj"))]
    for candidate in candidates:
        if candidate.lemma_.lower() in COUNT_NOUNS and candidate.pos_ == "NOUN":
            return _noun_phrase(doc, candidate, max(candidate.left_edge.i, 0))
    return None


def _state(anchor: Token) -> str | None:
    """'39 died' -> 'dead', 'killed seven' -> 'killed', 'a total of 39 are confirmed dead'."""
    node = anchor
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_ in COUNT_NOUNS:
        node = node.head.head
    head = node.head
    if node.dep_ in ("nsubj", "nsubjpass", "nummod", "npadvmod"):
        if head.lemma_.lower() in STATES:
            return STATES[head.lemma_.lower()]
        for child in head.children:
            if child.dep_ in ("acomp", "oprd", "attr", "xcomp") and child.lemma_.lower() in STATES:
                return STATES[child.lemma_.lower()]
    if node.dep_ == "dobj" and head.lemma_.lower() in TRANSITIVE_STATES:
        return STATES[head.lemma_.lower()]
    return None
