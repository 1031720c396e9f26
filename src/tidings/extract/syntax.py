"""Reading the dependency parse: the general questions every extractor asks of it.

What a word's phrase is (:func:`noun_phrase`, :func:`phrase_head`), who does what a verb says
(:func:`subject_of`, :func:`own_subject`), what a preposition governs (:func:`object_of`),
whether a verb is passive (:func:`passive_voice`) and which sentence each token is in
(:func:`sentence_numbers`). Nothing here knows about quotes or events; the vocabulary a rule
needs (the role nouns of :func:`noun_phrase`) is passed in.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from spacy.tokens import Doc, Token

__all__ = [
    "MAX_PHRASE_TOKENS",
    "PERSON_LABELS",
    "is_subject",
    "no_one",
    "noun_phrase",
    "object_of",
    "own_subject",
    "passive_voice",
    "phrase_head",
    "sentence_numbers",
    "subject_of",
]

MAX_PHRASE_TOKENS = 12
PERSON_LABELS = frozenset({"PERSON", "PER"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_CUT_DEPENDENCIES = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "ccomp"})
_CUT_TEXTS = frozenset({"(", "[", "—", "–", "--", ";", ":"})
_LEADING_JUNK = frozenset({"cc", "punct", "mark", "preconj"})


def noun_phrase(
    head: Token, in_quote: bytearray, titles: Collection[str]
) -> tuple[int, int] | None:
    """Token range [first, last] of the noun phrase headed by ``head``, or None.

    The phrase has its determiners, numbers and modifiers ("One ministry official", "a
    defence ministry official"), cut before a bracket, a dash, a comma that does not continue
    a list, a token marked in ``in_quote``, or a relative clause, participle or apposition
    ("Maria Zakharova, a spokeswoman for ..." gives "Maria Zakharova"), and cut to its head
    and left modifiers when still longer than :data:`MAX_PHRASE_TOKENS` tokens. A description
    headed by one of ``titles`` (lemmas: "president", "minister") with a name in apposition
    ("The Vice President, Mike Pence,") gives the name. None for a head inside the quote marks
    or a punctuation mark.
    """
    doc = head.doc
    if head.ent_type_ not in PERSON_LABELS:
        for child in head.rights:
            if child.dep_ != "appos" or in_quote[child.i]:
                continue
            if child.ent_type_ in PERSON_LABELS or (
                child.pos_ == "PROPN" and head.lemma_.lower() in titles
            ):
                return noun_phrase(child, in_quote, titles)
    first, last = head.left_edge.i, head.right_edge.i
    for child in head.rights:
        if child.dep_ in _CUT_DEPENDENCIES:
            last = min(last, child.left_edge.i - 1)
    for index in range(head.i + 1, last + 1):
        token = doc[index]
        comma = token.text == "," and (index == last or doc[index + 1].dep_ not in ("conj", "cc"))
        if comma or token.text in _CUT_TEXTS or in_quote[index]:
            last = index - 1
            break
    for index in range(head.i - 1, first - 1, -1):
        if doc[index].text in _CUT_TEXTS or in_quote[index] or doc[index].is_space:
            first = index + 1
            break
    while first < head.i and (doc[first].dep_ in _LEADING_JUNK or doc[first].is_punct):
        first += 1
    while last > head.i and (doc[last].is_punct or doc[last].is_space or doc[last].dep_ == "cc"):
        last -= 1
    if last - first + 1 > MAX_PHRASE_TOKENS:
        last = head.i
        first = max(first, head.i - MAX_PHRASE_TOKENS + 1)
    if in_quote[head.i] or head.is_punct or head.is_space:
        return None
    return first, last


def phrase_head(doc: Doc, tokens: Sequence[int]) -> Token:
    """The first of ``tokens`` whose head lies outside ``tokens[0]`` .. ``tokens[-1]`` (or
    that is its own head); the last one if none. ``tokens`` need not be contiguous: the words
    of a phrase with a gap ("opened heavy fire") give the head of those words."""
    first, last = tokens[0], tokens[-1]
    for position in tokens:
        token = doc[position]
        if not first <= token.head.i <= last or token.head.i == token.i:
            return token
    return doc[last]


def subject_of(verb: Token) -> Token | None:
    """Who does what ``verb`` says: its subject, or that of the verb it hangs from.

    In the passive, the agent ("was told by X"; the passive subject of "quoted" and "cited");
    for a relative clause with a relative subject, the noun it describes ("the report, which
    said ..."); for a participle after a noun ("a statement saying ..."), whoever issued it
    (the subject of the verb it is the object of), else the noun itself.
    """
    token = verb
    for _ in range(4):
        passive = False
        for child in token.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                    return token.head  # "the report, which said ..."
                return child
            if child.dep_ == "auxpass":
                passive = True
        if passive:
            for child in token.children:
                if child.dep_ == "agent":
                    agent = object_of(child)
                    if agent is not None:
                        return agent
                if child.dep_ == "nsubjpass" and token.lemma_ in ("quote", "cite"):
                    return child
        if token.dep_ == "acl" and token.tag_ == "VBG" and token.head.pos_ in ("NOUN", "PROPN"):
            document = token.head  # "a statement saying ...": whoever issued it, else itself
            if document.dep_ == "dobj":
                issuer = subject_of(document.head)
                if issuer is not None:
                    return issuer
            return document
        if token.dep_ in ("conj", "advcl", "xcomp", "pcomp", "prep") and token.head.i != token.i:
            token = token.head
        else:
            return None
    return None


def own_subject(verb: Token) -> Token | None:
    """The verb's own subject, active or passive (its first ``nsubj`` or ``nsubjpass``)."""
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child
    return None


def is_subject(token: Token) -> bool:
    """Is ``token`` the subject (active or passive) of its head?"""
    return token.dep_ in SUBJECTS


def object_of(preposition: Token) -> Token | None:
    """The object of a preposition (or of an agent's "by")."""
    for child in preposition.children:
        if child.dep_ == "pobj":
            return child
    return None


def passive_voice(verb: Token) -> bool:
    """Is the verb passive: has it a passive auxiliary or a passive subject ("was shot",
    "windows were broken")?"""
    return any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children)


def sentence_numbers(doc: Doc) -> list[int]:
    """The number of the sentence each token is in (all 0 for a document without sentence
    boundaries)."""
    numbers = [0] * len(doc)
    if not doc.has_annotation("SENT_START"):
        return numbers
    for number, sentence in enumerate(doc.sents):
        numbers[sentence.start : sentence.end] = [number] * (sentence.end - sentence.start)
    return numbers


def no_one(token: Token) -> bool:
    """Is the token the "one" of "no one" ("No one was hurt", "No-one", however split)?"""
    if token.lower_ in ("no-one", "noone"):
        return True
    if token.lower_ != "one":
        return False
    index = token.i - 1
    if index >= 0 and token.doc[index].text == "-":
        index -= 1
    return index >= 0 and token.doc[index].lower_ == "no"
