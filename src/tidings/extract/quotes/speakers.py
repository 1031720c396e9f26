"""Who said it: speaker noun phrases, pronoun resolution and entity links for quotes.

Used by :mod:`.attributions`.

- A speaker is the noun phrase headed by the subject of the cue verb, with its determiners,
  numbers and modifiers ("One ministry official", "a defence ministry official"), cut before a
  bracket, a dash, a comma that does not continue a list, or a relative clause, participle or
  apposition ("Maria Zakharova, a spokeswoman for ..." gives "Maria Zakharova"), and cut to its
  head and left modifiers when still longer than :data:`MAX_SPEAKER_TOKENS` tokens. A
  description with a name in apposition ("The Vice President, Mike Pence,") gives the name.
- he/she resolve to the nearest preceding singular person: a quote speaker, a PERSON entity
  mention, a subject whose head is a role noun (minister, official, spokesman ...) or a name
  spaCy did not type. it resolves to an organisation or place (ORG, GPE, NORP, or a noun such
  as ministry, police); they to those, a plural role noun (officials) or coordinated subjects.
  "Nearest" is the latest sentence, at most :data:`PRONOUN_WINDOW_SENTENCES` back, that holds a
  compatible candidate outside quote marks; within it a quote speaker beats a subject noun
  phrase, which beats any other mention, and the earliest of equals wins. When that is an
  earlier subject pronoun of the same kind ("she testified ... She told the court"), it is
  followed back in the same way. Adjectival mentions ("the Italian minister") are not
  candidates. I, we and you are not resolved; neither is a pronoun with no compatible
  candidate in the window: such a speaker is the pronoun itself, with no entity.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IDX, LEMMA, LOWER
from spacy.tokens import Doc, Token

from tidings.model import Entity, Speaker

COLUMNS = (IDX, LEMMA, DEP, LOWER)  # the token attributes TokenIndex.attributes holds
LEMMA_COLUMN, DEP_COLUMN, LOWER_COLUMN = 1, 2, 3
MAX_SPEAKER_TOKENS = 12
NOT_SPEAKERS = frozenset("this that these those which what who whom whose there here".split())
SPEAKER_KINDS = frozenset(
    "person group plural unknown-name pronoun-person pronoun-group pronoun-plural".split()
)
PRONOUN_WINDOW_SENTENCES = 4
_MAX_PRONOUN_CHAIN = 8
_LONGEST_MENTION = 300  # characters: how far back an entity mention holding a word may start
_ACCEPTED = {"person": ("person",), "group": ("group",), "plural": ("plural", "group")}

RESOLVABLE_PRONOUNS = {"he": "person", "she": "person", "it": "group", "they": "plural"}
UNRESOLVABLE_PRONOUNS = frozenset({"i", "we", "you", "him", "her", "them", "one", "this", "that"})
PERSON_LABELS = frozenset({"PERSON", "PER"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "ORGANIZATION", "COUNTRY"})
ROLE_NOUNS = frozenset(
    """official minister spokesman spokeswoman spokesperson president leader director chief
    secretary governor mayor senator lawmaker politician diplomat ambassador envoy general
    commander officer soldier colonel captain lieutenant sergeant chairman chairwoman chair
    executive manager founder owner member representative analyst expert researcher scientist
    professor doctor lawyer attorney prosecutor judge witness resident survivor victim
    activist campaigner candidate premier king queen prince princess pope bishop priest
    inspector investigator commissioner deputy adviser advisor aide negotiator
    journalist reporter editor author writer economist coach player teacher student mother
    father man woman boy girl source insider defector head boss worker
    employee staffer engineer nurse firefighter farmer""".split()
)
GROUP_NOUNS = frozenset(
    """ministry government police army military company firm agency department office
    authority authorities council committee commission court parliament party union group
    organisation organization administration regime embassy team club university
    institute association federation coalition alliance bank service board""".split()
)
_CUT_DEPENDENCIES = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "ccomp"})
_CUT_TEXTS = frozenset({"(", "[", "—", "–", "--", ";", ":"})
_LEADING_JUNK = frozenset({"cc", "punct", "mark", "preconj"})


@dataclass(frozen=True, slots=True)
class TokenIndex:
    """Per-token facts computed once per document: start offsets, quote marks, sentences."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    starts: list[int]  # token.idx of every token
    in_quote: bytearray  # 1 for a token between (or on) the marks of a direct quote
    sentence_of: list[int]  # sentence number of every token
    sentence_first: list[int]  # first token of every sentence
    paragraphs: list[tuple[int, int]]  # (start, end) characters of every paragraph
    paragraph_starts: list[int]
    attributes: Any  # numpy array of doc.to_array(COLUMNS)

    def paragraph_at(self, position: int) -> int:
        """Number of the paragraph that holds (or last starts before) ``position``."""
        return max(0, bisect_right(self.paragraph_starts, position) - 1)

    def tokens_with(self, column: int, strings: Iterable[str]) -> list[int]:
        """Tokens whose attribute in ``column`` (of :data:`COLUMNS`) is one of ``strings``."""
        wanted = [self.doc.vocab.strings[string] for string in strings]
        found = numpy.nonzero(numpy.isin(self.attributes[:, column], wanted))[0]
        return [int(position) for position in found]

    def token_at(self, position: int) -> int:
        """The token that holds character ``position`` (or the last one before it)."""
        return max(0, bisect_right(self.starts, position) - 1)

    def characters(self, first: int, last: int) -> tuple[int, int]:
        """[start, end) characters of tokens ``first`` .. ``last``."""
        token = self.doc[last]
        return self.starts[first], token.idx + len(token.text)


def noun_phrase(head: Token, in_quote: bytearray) -> tuple[int, int] | None:
    """Token range [first, last] of a speaker noun phrase headed by ``head``.

    A description with a name in apposition ("The Vice President, Mike Pence,") gives the name.
    """
    doc = head.doc
    if head.ent_type_ not in PERSON_LABELS:
        for child in head.rights:
            if child.dep_ != "appos" or in_quote[child.i]:
                continue
            if child.ent_type_ in PERSON_LABELS or (
                child.pos_ == "PROPN" and head.lemma_.lower() in ROLE_NOUNS
            ):
                return noun_phrase(child, in_quote)
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
    if last - first + 1 > MAX_SPEAKER_TOKENS:
        last = head.i
        first = max(first, head.i - MAX_SPEAKER_TOKENS + 1)
    if in_quote[head.i] or head.is_punct or head.is_space:
        return None
    return first, last


def subject_of(verb: Token) -> Token | None:
    """The token that says: the subject of the cue verb, or of the verb it hangs from."""
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
                    for grandchild in child.children:
                        if grandchild.dep_ == "pobj":
                            return grandchild
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


def mention_kind(head: Token) -> str:
    """person | group | plural | pronoun-... | unknown-name | unknown, for a speaker's head."""
    lower = head.lower_
    if head.pos_ == "PRON":
        if lower in RESOLVABLE_PRONOUNS:
            return "pronoun-" + RESOLVABLE_PRONOUNS[lower]
        return "pronoun-none" if lower in UNRESOLVABLE_PRONOUNS else "unknown"
    if head.ent_type_ in PERSON_LABELS:
        return "person"
    if head.ent_type_ in GROUP_LABELS:
        return "group"
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS")
    if lemma in ROLE_NOUNS:
        return "plural" if plural else "person"
    if lemma in GROUP_NOUNS:
        return "plural" if plural and lemma != "authority" else "group"
    return "unknown-name" if head.pos_ == "PROPN" else "unknown"


@dataclass(slots=True)
class _Candidate:
    position: int  # where it is mentioned (for a resolved pronoun: where the pronoun is)
    sentence: int
    start: int  # the antecedent mention the speaker will point at
    end: int
    kind: str
    rank: int  # 0: a quote speaker, 1: a subject noun phrase, 2: a pronoun or another mention
    pronoun: int = -1  # token of a subject pronoun, to be followed back to its antecedent


class Antecedents:
    """Earlier mentions a pronoun speaker may refer to, in text order."""

    def __init__(self, index: TokenIndex, entities: Sequence[Entity]) -> None:
        self.index = index
        doc = index.doc
        in_quote = index.in_quote
        self.mentions = _entity_mentions(entities)
        self.mention_starts = [mention[0] for mention in self.mentions]
        candidates: list[_Candidate] = []
        if entities:
            for entity in entities:
                kind = _label_kind(entity.type)
                if kind is not None:
                    for span in entity.mentions:
                        candidates.extend(self._candidate(span.start, span.end, kind, 2))
        else:
            for ent in doc.ents:
                kind = _label_kind(ent.label_)
                if kind is not None:
                    candidates.extend(self._candidate(ent.start_char, ent.end_char, kind, 2))
        for position in index.tokens_with(DEP_COLUMN, ("nsubj", "nsubjpass")):
            token = doc[position]
            if not in_quote[position]:
                kind = mention_kind(token)
                if kind in ("pronoun-person", "pronoun-group", "pronoun-plural"):
                    start, end = index.characters(token.i, token.i)
                    candidates.extend(self._candidate(start, end, kind, 2, token.i))
                if kind == "unknown-name":
                    kind = "person"  # see add_speaker
                if any(child.dep_ == "conj" for child in token.children):
                    kind = "plural"  # "Sameh Shoukry and his counterparts"
                if kind not in ("person", "group", "plural"):
                    continue
                phrase = noun_phrase(token, in_quote)
                if phrase is not None:
                    start, end = index.characters(*phrase)
                    candidates.extend(self._candidate(start, end, kind, 1))
        candidates.sort(key=lambda candidate: (candidate.position, candidate.rank))
        self.candidates = candidates
        self.positions = [candidate.position for candidate in candidates]

    def _candidate(
        self, start: int, end: int, kind: str, rank: int, pronoun: int = -1
    ) -> list[_Candidate]:
        token = self.index.token_at(start)
        if self.index.in_quote[token]:
            return []
        last = self.index.doc[self.index.token_at(end - 1)]
        if rank == 2 and last.dep_ in ("amod", "compound") and last.head.i > last.i:
            return []  # a modifier ("the Italian foreign minister") names no one
        sentence = self.index.sentence_of[token]
        return [_Candidate(start, sentence, start, end, kind, rank, pronoun)]

    def add_speaker(self, position: int, speaker: Speaker, kind: str) -> None:
        """Remember a quote's speaker (mentioned at ``position``) as a later antecedent."""
        if kind == "unknown-name":
            kind = "person"  # a named speaker spaCy did not type is most often a person
        if kind not in ("person", "group", "plural"):
            return
        sentence = self.index.sentence_of[self.index.token_at(position)]
        candidate = _Candidate(position, sentence, speaker.start, speaker.end, kind, 0)
        at = bisect_right(self.positions, position)
        self.candidates.insert(at, candidate)
        self.positions.insert(at, position)

    def resolve(self, pronoun: Token) -> tuple[int, int] | None:
        """Characters of the antecedent of a he/she/it/they speaker, or None.

        An earlier subject pronoun of the same kind ("she testified ... She told the court")
        is followed back to its own antecedent.
        """
        wanted = RESOLVABLE_PRONOUNS.get(pronoun.lower_)
        if wanted is None:
            return None
        accepted = _ACCEPTED[wanted] + ("pronoun-" + wanted,)
        token = pronoun.i
        for _ in range(_MAX_PRONOUN_CHAIN):
            best = self._nearest(token, accepted)
            if best is None:
                return None
            if best.pronoun < 0:
                return best.start, best.end
            token = best.pronoun
        return None

    def _nearest(self, token: int, accepted: tuple[str, ...]) -> _Candidate | None:
        sentence = self.index.sentence_of[token]
        best: _Candidate | None = None
        index = bisect_left(self.positions, self.index.starts[token]) - 1
        while index >= 0:
            candidate = self.candidates[index]
            index -= 1
            if best is not None and candidate.sentence != best.sentence:
                break
            if sentence - candidate.sentence >= PRONOUN_WINDOW_SENTENCES:
                break
            if candidate.kind not in accepted:
                continue
            if best is None or (candidate.rank, candidate.position) <= (best.rank, best.position):
                best = candidate
        return best

    def entity_at(self, start: int, end: int) -> str | None:
        """Id of the entity with a mention that holds the head word of [start, end).

        The head decides: "President Vladimir Putin" is Vladimir Putin's, while "The South
        Korean ministry official" is not South Korea's.
        """
        index = self.index
        head = phrase_head(index.doc, index.token_at(start), index.token_at(end - 1)).idx
        position = bisect_right(self.mention_starts, head) - 1
        while position >= 0 and head - self.mentions[position][0] <= _LONGEST_MENTION:
            mention_start, mention_end, identifier = self.mentions[position]
            if mention_start <= head < mention_end:
                return identifier
            position -= 1
        return None


def phrase_head(doc: Doc, first: int, last: int) -> Token:
    """The token of ``first`` .. ``last`` whose head lies outside them (the last one if none)."""
    for position in range(first, last + 1):
        token = doc[position]
        if not first <= token.head.i <= last or token.head.i == token.i:
            return token
    return doc[last]


def _entity_mentions(entities: Sequence[Entity]) -> list[tuple[int, int, str]]:
    mentions = [
        (span.start, span.end, entity.id) for entity in entities for span in entity.mentions
    ]
    mentions.sort()
    return mentions


def _label_kind(label: str) -> str | None:
    label = label.upper()
    if label in PERSON_LABELS:
        return "person"
    if label in GROUP_LABELS:
        return "group"
    return None
