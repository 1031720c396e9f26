"""Direct quotes: where the speaker and the cue verb of a quoted passage are.

Used by :mod:`.attributions`. Two places are looked at, in this order:

- Right after the closing mark, within the paragraph and sentence: ``“…,” X said``,
  ``“…,” said X``, ``“…,” X told reporters``, ``“…” — X``, ``“…,” according to X``. The words
  before the cue verb must be a noun phrase (``“…” and urged …`` is no attribution), and a cue
  verb with a complement of its own after it starts a new sentence (``“…” Smith said the plan
  …``), as does a capitalised word after a quote that ends with a full stop. A subject longer
  than the word window, with its apposition (``“…,” X, a senior fellow at Y and a former Z,
  said``), is found in the parse.
- Right before the opening mark, back to the start of the sentence or the previous quote:
  ``X said: “…”``, ``X said “…”``, ``X told Y that “…”``, ``According to X, “…”``,
  ``X: “…”``. After a colon the cue verb may be anywhere in the sentence before it; otherwise
  only its own words (an object, a time, a place: ``X told the BBC on Tuesday “…”``) may stand
  between it and the mark. A paragraph that is only a quote, after a paragraph ending with a
  colon, takes its cue from that sentence. A quote after a colon with no cue verb at all is
  given to the subject of the sentence before the colon when that is a person, a group or a
  name (``In his message, he praised him: “…”``), with no cue.

Where neither gives a cue, :func:`framing` looks for a framing verb (call, label, brand;
describe, dismiss, condemn ... as) whose object complement the quote is.

The cue verbs are data: the ``direct``, ``naming`` and ``naming_as`` lists of
``tidings/data/quotes/cues.toml`` (:class:`tidings.rules.Cues`), which ``index.cues`` holds.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Token

from tidings.extract.quotes.marks import DOUBLE_MARKS, QuotedPassage
from tidings.extract.quotes.speakers import (
    NOT_SPEAKERS,
    SPEAKER_KINDS,
    TokenIndex,
    mention_kind,
    speaker_phrase,
)
from tidings.extract.syntax import passive_voice, subject_of

__all__ = [
    "MARK_TOKENS",
    "SENTENCE_ENDS",
    "WORD",
    "Attribution",
    "according_to",
    "after_quote",
    "before_quote",
    "cue_span",
    "framing",
    "is_cue",
    "is_verb",
]

_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp", "attr", "acomp", "npadvmod", "dep"})
_OBJECT_MODIFIERS = frozenset({"appos", "amod", "acl", "npadvmod", "dep", "oprd"})
_AS_OBJECTS = frozenset({"pobj", "pcomp", "amod", "acomp", "advmod", "npadvmod", "dep", "attr"})
AFTER_WINDOW_TOKENS = 12
MAX_SUBJECT_TOKENS = 40  # a subject after a quote, with its apposition, before the cue verb
_NOUN_MODIFIERS = frozenset({"compound", "amod", "det", "nummod", "poss", "flat", "nmod"})
BEFORE_GAP_TOKENS = 8
DASHES = frozenset({"—", "–", "-", "--", "―"})
SENTENCE_ENDS = frozenset({".", "!", "?", "…"})
WORD = re.compile(r"[^\W_]+")
MARK_TOKENS = frozenset(DOUBLE_MARKS) | {"``", "''"}


@dataclass(slots=True)
class Attribution:
    """Who said a quote and the word that reports it, as found in the text."""

    speaker: tuple[int, int] | None  # token range [first, last]
    cue: tuple[int, int] | None  # characters [start, end)
    cue_token: int | None = None


def is_cue(token: Token, verbs: frozenset[str]) -> bool:
    """Is ``token`` a verb whose lemma is one of ``verbs`` (a list of :class:`Cues`)?"""
    return bool(token.tag_.startswith("VB") and token.lemma_.lower() in verbs)


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX")


def cue_span(token: Token) -> tuple[int, int]:
    return token.idx, token.idx + len(token.text)


def according_to(token: Token, index: TokenIndex) -> Attribution | None:
    """``according to X`` starting at ``token``, or None."""
    doc = index.doc
    if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
        return None
    to = doc[token.i + 1]
    objects = [child for child in to.children if child.dep_ == "pobj"]
    phrase = speaker_phrase(objects[0], index) if objects else None
    return Attribution(phrase, (token.idx, to.idx + len(to.text)), token.i)


def after_quote(index: TokenIndex, passage: QuotedPassage) -> Attribution | None:
    """``“…,” X said`` / ``“…,” said X`` / ``“…” — X`` / ``“…,” according to X``."""
    last = passage.segments[-1]
    if last.closing is None:
        return None
    doc, text = index.doc, index.text
    paragraph_end = index.paragraphs[index.paragraph_at(last.closing)][1]
    first = bisect_left(index.starts, passage.after)
    words: list[Token] = []
    for position in range(first, min(len(doc), first + AFTER_WINDOW_TOKENS)):
        token = doc[position]
        if token.idx >= paragraph_end or index.in_quote[position]:
            break
        if not token.is_space:
            words.append(token)
        if token.text in SENTENCE_ENDS:
            break
    if not words:
        return None
    if words[0].text in DASHES and len(words) > 1:
        return Attribution(_phrase_in(words[1:], index), None)
    according = according_to(words[0], index)
    if according is not None:
        return according
    if text[last.end - 1] == "." and words[0].text[:1].isupper():
        return None  # “... .” Then a new sentence.
    long_subject = _long_subject(index, words[0], paragraph_end)
    if long_subject is not None:
        return long_subject
    for position, token in enumerate(words):
        if is_cue(token, index.cues.direct):
            if any(
                child.dep_ == "ccomp" and child.i > token.i and not index.in_quote[child.i]
                for child in token.children
            ):
                return None  # "“...” Smith said the plan ...": a new, indirect quote
            before = [word for word in words[:position] if not word.is_punct]
            subject = subject_of(token)
            if subject is not None and (subject.i < first or index.in_quote[subject.i]):
                subject = None
            if before and not _subject_words(before, subject):
                return None  # “...” and urged ... / “...” case; Miller said: no attribution
            if subject is not None:
                speaker = speaker_phrase(subject, index)
            else:
                speaker = _phrase_in(before or words[position + 1 :], index)
            return Attribution(speaker, cue_span(token), token.i)
        if (
            token.text in SENTENCE_ENDS
            or token.text in (";", ":")
            or (is_verb(token) and token.dep_ not in ("relcl", "acl", "amod"))
        ):
            return None
    return None


def _long_subject(index: TokenIndex, word: Token, paragraph_end: int) -> Attribution | None:
    """``“…,” X, a senior fellow at Y and a former Z, said``: a subject past the word window.

    ``word`` (the first after the closing mark) must begin the subject of a cue verb later in
    the sentence, with nothing but punctuation between the subject's last word and the verb.
    """
    head = word
    while head.dep_ in _NOUN_MODIFIERS and head.i < head.head.i:
        head = head.head
    verb = head.head
    if head.dep_ != "nsubj" or head.left_edge.i != word.i or verb.i <= head.i:
        return None
    if not is_cue(verb, index.cues.direct) or verb.idx >= paragraph_end:
        return None
    if verb.i - word.i > MAX_SUBJECT_TOKENS:
        return None
    if index.sentence_of[verb.i] != index.sentence_of[word.i]:
        return None
    doc = index.doc
    if any(not token.is_punct for token in doc[head.right_edge.i + 1 : verb.i]):
        return None
    if any(
        child.dep_ == "ccomp" and child.i > verb.i and not index.in_quote[child.i]
        for child in verb.children
    ):
        return None  # "“...” Smith said the plan ...": a new, indirect quote
    return Attribution(speaker_phrase(head, index), cue_span(verb), verb.i)


def _subject_words(words: list[Token], subject: Token | None) -> bool:
    """Are the words between a closing mark and the cue verb its subject?"""
    if words[0].pos_ in ("CCONJ", "SCONJ", "ADP", "VERB", "AUX"):
        return False
    if subject is not None:
        outside = sum(1 for word in words if word.i < subject.left_edge.i)
        return outside <= 2 and subject.left_edge.i <= words[-1].i <= subject.right_edge.i
    return len(words) <= 4 and words[0].pos_ in ("DET", "PROPN", "NOUN", "PRON", "ADJ", "NUM")


def _phrase_in(words: list[Token], index: TokenIndex) -> tuple[int, int] | None:
    """The noun phrase of the first noun or name among ``words`` (up to a comma)."""
    for token in words:
        if token.text in (",", ";", "(") or token.text in SENTENCE_ENDS:
            return None
        if token.pos_ in ("PROPN", "NOUN", "PRON"):
            head = token
            while head.dep_ in ("compound", "amod", "det", "nummod", "poss", "flat") and (
                head.head.i > head.i and head.head.i <= words[-1].i
            ):
                head = head.head
            return speaker_phrase(head, index)
    return None


def before_quote(
    index: TokenIndex, passage: QuotedPassage, previous_end: int
) -> Attribution | None:
    """``X said: “…”`` / ``X said “…”`` / ``According to X, “…”`` / ``X: “…”``."""
    doc, text = index.doc, index.text
    opening = passage.opening
    mark = index.token_at(opening)
    paragraph_start = index.paragraphs[index.paragraph_at(opening)][0]
    before = mark - 1
    while before > 0 and doc[before].is_space:
        before -= 1
    # The sentence of the word before the mark: spaCy often starts a sentence at the mark.
    sentence_start = index.starts[index.sentence_first[index.sentence_of[max(before, 0)]]]
    window_start = max(paragraph_start, sentence_start, previous_end)
    words = [
        doc[position]
        for position in range(bisect_left(index.starts, window_start), mark)
        if doc[position].idx < opening and not doc[position].is_space
    ]
    if not words and not text[paragraph_start:opening].strip():
        words = _colon_paragraph_before(index, paragraph_start, previous_end)
    if not words:
        return None
    ending = words[-1].text
    if ending in SENTENCE_ENDS:
        return None  # “...,” X said. “...”: the next quote has no cue of its own
    colon = ending == ":"
    if ending in (":", ",") or ending in DASHES:
        words = words[:-1]
    if words and words[-1].lower_ == "that":
        words = words[:-1]
    if not words:
        return None
    if ending == ",":
        for token in words:
            according = according_to(token, index)
            if according is not None and token.i + 1 < words[-1].i:
                return according
    search = words if colon else words[-(BEFORE_GAP_TOKENS + 1) :]
    for position in range(len(search) - 1, -1, -1):
        token = search[position]
        if is_cue(token, index.cues.direct):
            complement = [child for child in token.children if child.dep_ == "ccomp"]
            if not colon and any(token.i < child.left_edge.i < mark for child in complement):
                return None  # a partial quote inside an indirect one
            if not colon and not all(_depends_on(word, token) for word in search[position + 1 :]):
                return None
            subject = subject_of(token)
            speaker = None
            if subject is not None and not index.in_quote[subject.i]:
                speaker = speaker_phrase(subject, index)
            return Attribution(speaker, cue_span(token), token.i)
        if not colon and is_verb(token):
            return None
    if not colon:
        return None
    if len(words) <= 5 and not any(is_verb(token) for token in words):
        if any(token.pos_ == "PROPN" or token.ent_type_ == "PERSON" for token in words):
            return Attribution(_phrase_in(words, index), None)  # "Smith: “...”"
        return None
    root = words[-1].sent.root if words[-1].sent.root.i >= words[0].i else None
    subject = subject_of(root) if root is not None and is_verb(root) else None
    if (
        subject is not None
        and words[0].i <= subject.i
        and mention_kind(subject, index.speakers) in SPEAKER_KINDS
    ):
        return Attribution(speaker_phrase(subject, index), None)  # "X defended it: “...”"
    return None


def _depends_on(token: Token, verb: Token) -> bool:
    """Is ``token`` in the subtree of ``verb`` (its object, a time, a place)?"""
    for _ in range(8):
        if token.i == verb.i:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _colon_paragraph_before(
    index: TokenIndex, paragraph_start: int, previous_end: int
) -> list[Token]:
    """The last sentence of the previous paragraph, when it ends with a colon."""
    number = index.paragraph_at(paragraph_start)
    if number == 0:
        return []
    start, end = index.paragraphs[number - 1]
    if not index.text[start:end].rstrip().endswith(":"):
        return []
    doc = index.doc
    last = bisect_left(index.starts, end) - 1
    while last > 0 and doc[last].is_space:
        last -= 1
    first = max(index.sentence_first[index.sentence_of[last]], bisect_left(index.starts, start))
    return [
        doc[position]
        for position in range(first, last + 1)
        if not doc[position].is_space and doc[position].idx >= previous_end
    ]


def framing(index: TokenIndex, passage: QuotedPassage) -> Attribution | None:
    """``X called the road “a waste”``, ``X dismissed the plan as “a waste”``.

    The quote must be the object complement of a framing verb before it: the complement of a
    naming verb that has an object of its own (``called it “…”``), a modifier of that object
    (``labeled the offer “…”``), or the object of its ``as`` (``dismissed the plan as “…”``).
    A quote that is the object itself (``praised the “tireless work”``) is not framed.
    """
    doc = index.doc
    segment = passage.segments[0]
    first = bisect_left(index.starts, segment.start)
    last = index.token_at(segment.end - 1)
    roots = [
        doc[position]
        for position in range(first, last + 1)
        if not first <= doc[position].head.i <= last and not doc[position].is_punct
    ]
    if not roots:
        return None
    verb = _framing_verb(roots[0], index)
    if verb is None or verb.i >= first or index.in_quote[verb.i]:
        return None
    if index.sentence_of[verb.i] != index.sentence_of[roots[0].i]:
        return None
    passive = passive_voice(verb)
    subject = subject_of(verb)
    speaker = None
    if (
        subject is not None
        and not index.in_quote[subject.i]
        and subject.lower_ not in NOT_SPEAKERS
        and (not passive or subject.head.dep_ == "agent")  # "it was called “…” by critics"
    ):
        speaker = speaker_phrase(subject, index)
    return Attribution(speaker, cue_span(verb), verb.i)


def _framing_verb(root: Token, index: TokenIndex) -> Token | None:
    """The framing verb whose object complement ``root`` (a quote's head word) is, or None."""
    head = root.head
    if head.lower_ == "as" and root.dep_ in _AS_OBJECTS:
        verb = head.head if head.head.dep_ not in ("dobj", "nsubjpass") else head.head.head
        wanted = index.cues.naming_as
    elif head.dep_ in ("dobj", "nsubjpass") and root.dep_ in _OBJECT_MODIFIERS:
        verb, wanted = head.head, index.cues.naming  # "labeled the offer “an insult”"
    elif root.dep_ in _COMPLEMENTS or (
        root.dep_ == "dobj"
        and any(child.dep_ in ("dobj", "dative") and child.i < root.i for child in head.children)
    ):
        verb, wanted = head, index.cues.naming  # "called it “a waste”"
    else:
        return None
    if not verb.tag_.startswith("VB") or verb.lemma_.lower() not in wanted:
        return None
    if any(child.dep_ == "neg" for child in verb.children):
        return None
    return verb
