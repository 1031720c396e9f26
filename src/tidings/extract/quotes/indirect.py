"""Indirect quotes: reported speech found in the dependency parse.

Used by :mod:`.attributions`.

- A reporting verb (the ``reporting`` cues of ``tidings/data/quotes/cues.toml``: say, tell,
  claim, announce, warn, ... ; not believe or think, which report opinions, nor ask, which
  reports questions) with a clausal
  complement: the content is that clause without its "that", the speaker the verb's subject
  (or the subject of the verb it hangs from: "..., adding that ..."; the agent of a passive).
  ``X, officials said`` (the reporting verb after the clause, at the end of the sentence) works
  the same way. A negated verb ("did not say that") gives no quote, nor does a verb without a
  subject or with a demonstrative or relative one, nor "it goes without saying that", nor one
  that someone else is asked or pushed to say ("urged him to say that").
- ``…, according to X`` gives the clause the phrase attaches to: the part before the phrase
  when the clause comes first, the part after it when the phrase comes before the clause's
  subject (``According to X, …``), else the whole clause; speaker X, cue "according to".
- Nothing inside a direct quote's marks becomes an indirect quote, and the cue verb of a direct
  quote gives an indirect one too only for a mixed quote, a clause whose subject stands
  outside the marks (``Cutting the bus line “would hurt us all,” she said``: the clause and
  the quoted fragment, both hers). A clause that ends in a partial quote keeps its closing
  mark.
"""

from __future__ import annotations

from spacy.tokens import Token

from tidings.extract.quotes.direct import (
    MARK_TOKENS,
    SENTENCE_ENDS,
    WORD,
    Attribution,
    according_to,
    cue_span,
    is_cue,
    is_verb,
)
from tidings.extract.quotes.speakers import (
    LEMMA_COLUMN,
    LOWER_COLUMN,
    NOT_SPEAKERS,
    TokenIndex,
    speaker_phrase,
)
from tidings.extract.syntax import subject_of

__all__ = ["MIN_INDIRECT_WORDS", "indirect_quotes"]

MIN_INDIRECT_WORDS = 3
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})


def indirect_quotes(index: TokenIndex, cue_tokens: set[int]) -> list[tuple[int, int, Attribution]]:
    """(start, end, attribution) of every reported clause; ``cue_tokens`` are taken already."""
    found_quotes: list[tuple[int, int, Attribution]] = []
    seen: set[tuple[int, int]] = set()
    positions = index.tokens_with(LEMMA_COLUMN, sorted(index.cues.reporting))
    positions += index.tokens_with(LOWER_COLUMN, ("according",))
    for position in sorted(positions):
        token = index.doc[position]
        if index.in_quote[position]:
            continue
        if token.lower_ == "according":
            found = _according_clause(index, token)
        elif is_cue(token, index.cues.reporting):
            found = _reported_clause(index, token)
        else:
            continue
        if found is None:
            continue
        content, attribution = found
        if content in seen or index.in_quote[content[0]]:
            continue
        if position in cue_tokens and not _mixed(index, token, *content):
            continue  # the direct quote's own cue: “...,” she said
        start, end = index.characters(*content)
        if len(WORD.findall(index.text[start:end])) < MIN_INDIRECT_WORDS:
            continue
        seen.add(content)
        found_quotes.append((start, end, attribution))
    return found_quotes


def _mixed(index: TokenIndex, cue: Token, first: int, last: int) -> bool:
    """Is the clause a mixed quote (``Cutting the bus line “would hurt us all,” she said``)?

    Its subject must stand outside the marks: an adjunct alone (``As for costs, “…”``) does not
    make one, and a clause of its own before a colon (``X warned them: “…”``) is no part of it.
    A clause before the cue must hold a quote; one after it need not (``X said she would win:
    “…”``, whose cue the quote after the colon has taken).
    """
    doc = index.doc
    outside = [
        doc[position]
        for position in range(first, last + 1)
        if not index.in_quote[position] and not doc[position].is_space
    ]
    if not outside or any(token.text == ":" for token in outside):
        return False
    if cue.lower_ == "according":
        return True
    if last < cue.i and not any(index.in_quote[first : last + 1]):
        return False  # "“…,” Ortiz said": the clause before the cue must hold the quote
    return any(token.dep_ in _SUBJECTS for token in outside)


def _reported_clause(index: TokenIndex, verb: Token) -> tuple[tuple[int, int], Attribution] | None:
    """The complement clause and speaker of a reporting verb."""
    if any(child.dep_ == "neg" for child in verb.children):
        return None
    if verb.dep_ == "pcomp" and verb.head.lower_ == "without":
        return None  # "it goes without saying that ..."
    if verb.dep_ == "xcomp" and any(
        child.dep_ in ("dobj", "dative") and child.i < verb.i for child in verb.head.children
    ):
        return None  # "she urged him to say that ...": asked to, not said
    if verb.lemma_.lower() == "point" and not any(
        child.dep_ == "prt" and child.lower_ == "out" for child in verb.children
    ):
        return None
    complements = [child for child in verb.children if child.dep_ == "ccomp"]
    if complements:
        clause = complements[-1]
        first, last = clause.left_edge.i, clause.right_edge.i
        if last < verb.i and not all(
            token.is_punct for token in verb.doc[last + 1 : verb.left_edge.i]
        ):
            return None  # a clause before the verb must end where its attribution begins
        if any(token.text in SENTENCE_ENDS for token in verb.doc[verb.i + 1 : first]):
            return None  # the "complement" is the next sentence: a parse across “... .” She
    elif (
        verb.dep_ in ("parataxis", "ccomp")
        and verb.head.i < verb.i
        and is_verb(verb.head)
        and verb.doc[verb.left_edge.i - 1].text == ","
        and _ends_sentence(index, verb.right_edge.i)
    ):
        first, last = verb.head.left_edge.i, verb.left_edge.i - 1  # "..., officials said"
    else:
        return None
    if first <= verb.i <= last:
        first = verb.i + 1  # "..., which he said would ..."
    sentence = index.sentence_first[index.sentence_of[verb.i]]
    content = _trim_clause(index, max(first, sentence), last)
    subject = subject_of(verb)
    if content is None or subject is None or index.in_quote[subject.i]:
        return None
    if subject.lower_ in NOT_SPEAKERS:
        return None
    speaker = speaker_phrase(subject, index)
    if speaker is None:
        return None
    return content, Attribution(speaker, cue_span(verb), verb.i)


def _according_clause(
    index: TokenIndex, according: Token
) -> tuple[tuple[int, int], Attribution] | None:
    """The clause that ``according to X`` is attached to, with X as its speaker."""
    attribution = according_to(according, index)
    if attribution is None or attribution.speaker is None:
        return None
    doc = index.doc
    sentence = index.sentence_of[according.i]
    sentence_start = index.sentence_first[sentence]
    sentence_end = (
        index.sentence_first[sentence + 1] - 1
        if sentence + 1 < len(index.sentence_first)
        else len(doc) - 1
    )
    head = according.head
    phrase_end = according.doc[according.i + 1].right_edge.i
    if head.i < according.i:
        first, last = head.left_edge.i, according.i - 1
    elif head.i > according.i and is_verb(head):
        first, last = head.left_edge.i, head.right_edge.i
        subject = subject_of(head)
        if first >= according.i or (subject is not None and subject.i > phrase_end):
            first = phrase_end + 1  # "(On Sunday,) according to X, a man ...": after it
    elif according.i - sentence_start >= MIN_INDIRECT_WORDS:
        first, last = sentence_start, according.i - 1
    else:
        first, last = phrase_end + 1, sentence_end
    content = _trim_clause(index, max(first, sentence_start), min(last, sentence_end))
    return None if content is None else (content, attribution)


def _trim_clause(index: TokenIndex, first: int, last: int) -> tuple[int, int] | None:
    """Without leading "that" and punctuation, trailing punctuation and conjunctions."""
    doc = index.doc
    while first <= last and (
        doc[first].is_punct
        or doc[first].is_space
        or (doc[first].lower_ == "that" and doc[first].dep_ == "mark")
    ):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    for position in range(first + 2, last + 1):
        if _after_quoted_sentence(index, position):
            last = position - 1  # the clause ran on past “... .” into the next sentence
            break
    if last < first:
        return None
    marks = sum(1 for position in range(first, last + 1) if doc[position].text in MARK_TOKENS)
    if marks % 2:  # keep the closing mark of a partial quote that ends the clause
        for position in range(last + 1, min(last + 3, len(doc))):
            if doc[position].text in MARK_TOKENS:
                last = position
                break
    return first, last


def _after_quoted_sentence(index: TokenIndex, position: int) -> bool:
    """Is this the first word of a sentence right after a quote that ends with a full stop?"""
    doc, in_quote = index.doc, index.in_quote
    if in_quote[position] or not in_quote[position - 1] or not doc[position].is_title:
        return False
    mark = doc[position - 1].idx
    inside = index.text[max(0, mark - 8) : mark].rstrip()
    return inside.endswith((".", "!", "?", ".]"))


def _ends_sentence(index: TokenIndex, last: int) -> bool:
    """Is token ``last`` followed only by punctuation up to the end of its sentence?"""
    doc = index.doc
    sentence = index.sentence_of[last]
    for position in range(last + 1, len(doc)):
        token = doc[position]
        if index.sentence_of[position] != sentence:
            return True
        if not (token.is_space or token.text in SENTENCE_ENDS or token.text in MARK_TOKENS):
            return False
    return True
