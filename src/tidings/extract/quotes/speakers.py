"""Who said it: speaker noun phrases, pronoun resolution and entity links for quotes.

Used by :mod:`.attributions`, :mod:`.direct` and :mod:`.indirect`, which read the document
through one :class:`TokenIndex` (per-token facts, and the cue verbs and speaker nouns of the
rules in force).

- A speaker is the noun phrase headed by the subject of the cue verb
  (:func:`tidings.extract.syntax.noun_phrase`: "One ministry official", "Maria Zakharova, a
  spokeswoman for ..." gives "Maria Zakharova"; "The Vice President, Mike Pence," gives the
  name, the description being headed by a person noun of ``roles.toml``).
- he/she resolve to the nearest preceding singular person: a quote speaker, a PERSON entity
  mention, a subject whose head is a person noun (minister, official, spokesman ...) or a name
  spaCy did not type. it resolves to an organisation or place (ORG, GPE, NORP, or a group noun
  such as ministry, police); they to those, a plural role noun (officials) or coordinated
  subjects. The resolver is :class:`tidings.extract.referents.Referents`: "nearest" is the
  latest sentence, at most :data:`PRONOUN_WINDOW_SENTENCES` back, that holds a compatible
  candidate outside quote marks; within it a quote speaker beats a subject noun phrase, which
  beats any other mention, and the earliest of equals wins. When that is an
  earlier subject pronoun of the same kind ("she testified ... She told the court"), it is
  followed back in the same way. Adjectival mentions ("the Italian minister") are not
  candidates. I, we and you are not resolved; neither is a pronoun with no compatible
  candidate in the window: such a speaker is the pronoun itself, with no entity.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy
from spacy.attrs import DEP, IDX, LEMMA, LOWER
from spacy.tokens import Doc, Token

from tidings.extract.referents import PronounRules, Referents, pronoun_kind
from tidings.extract.syntax import PERSON_LABELS, noun_phrase, phrase_head
from tidings.model import Entity, Speaker
from tidings.rules import Cues, SpeakerNouns

COLUMNS = (IDX, LEMMA, DEP, LOWER)  # the token attributes TokenIndex.attributes holds
LEMMA_COLUMN, DEP_COLUMN, LOWER_COLUMN = 1, 2, 3
NOT_SPEAKERS = frozenset("this that these those which what who whom whose there here".split())
SPEAKER_KINDS = frozenset(
    "person group plural unknown-name pronoun-person pronoun-group pronoun-plural".split()
)
PRONOUN_WINDOW_SENTENCES = 4
_MAX_PRONOUN_CHAIN = 8
_LONGEST_MENTION = 300  # characters: how far back an entity mention holding a word may start
# A speaker pronoun accepts the speakers and mentions of its kind, and an earlier subject
# pronoun of its kind, which is followed back to its own antecedent.
SPEAKER_PRONOUNS = PronounRules(
    windows=dict.fromkeys(("person", "group", "plural"), PRONOUN_WINDOW_SENTENCES),
    accepts={
        "person": frozenset({"person", "pronoun-person"}),
        "group": frozenset({"group", "pronoun-group"}),
        "plural": frozenset({"plural", "group", "pronoun-plural"}),
    },
)

RESOLVABLE_PRONOUNS = {  # he/she: person, it: group, they: plural
    word: kind for word in ("he", "she", "it", "they") if (kind := pronoun_kind(word))
}
UNRESOLVABLE_PRONOUNS = frozenset({"i", "we", "you", "him", "her", "them", "one", "this", "that"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP", "ORGANIZATION", "COUNTRY"})


@dataclass(frozen=True, slots=True)
class TokenIndex:
    """Per-token facts computed once per document (start offsets, quote marks, sentences),
    with the cue verbs and speaker nouns of the rules in force."""

    doc: Doc
    text: str  # doc.text, which spaCy rebuilds on every access
    starts: list[int]  # token.idx of every token
    in_quote: bytearray  # 1 for a token between (or on) the marks of a direct quote
    sentence_of: list[int]  # sentence number of every token
    sentence_first: list[int]  # first token of every sentence
    paragraphs: list[tuple[int, int]]  # (start, end) characters of every paragraph
    paragraph_starts: list[int]
    attributes: Any  # numpy array of doc.to_array(COLUMNS)
    cues: Cues
    speakers: SpeakerNouns

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


def speaker_phrase(head: Token, index: TokenIndex) -> tuple[int, int] | None:
    """Token range [first, last] of the speaker noun phrase headed by ``head``, outside the
    quote marks."""
    return noun_phrase(head, index.in_quote, index.speakers.persons)


def mention_kind(head: Token, nouns: SpeakerNouns) -> str:
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
    if lemma in nouns.persons:
        return "plural" if plural else "person"
    if lemma in nouns.groups:
        return "plural" if plural and lemma not in nouns.bodies else "group"
    return "unknown-name" if head.pos_ == "PROPN" else "unknown"


@dataclass(frozen=True, slots=True)
class _Antecedent:
    start: int  # the mention the speaker will point at
    end: int
    pronoun: int = -1  # token of a subject pronoun, to be followed back to its antecedent


class Antecedents:
    """Earlier mentions a pronoun speaker may refer to, in text order.

    Ranks: 0 a quote speaker, 1 a subject noun phrase, 2 a pronoun or another mention; of
    equal ranks in the nearest sentence the earliest wins.
    """

    def __init__(self, index: TokenIndex, entities: Sequence[Entity]) -> None:
        self.index = index
        doc = index.doc
        in_quote = index.in_quote
        self.mentions = _entity_mentions(entities)
        self.mention_starts = [mention[0] for mention in self.mentions]
        self.referents: Referents[_Antecedent] = Referents(SPEAKER_PRONOUNS)
        candidates: list[tuple[int, int, int, int, str, int]] = []
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
                kind = mention_kind(token, index.speakers)
                if kind in ("pronoun-person", "pronoun-group", "pronoun-plural"):
                    start, end = index.characters(token.i, token.i)
                    candidates.extend(self._candidate(start, end, kind, 2, token.i))
                if kind == "unknown-name":
                    kind = "person"  # see add_speaker
                if any(child.dep_ == "conj" for child in token.children):
                    kind = "plural"  # "Sameh Shoukry and his counterparts"
                if kind not in ("person", "group", "plural"):
                    continue
                phrase = speaker_phrase(token, index)
                if phrase is not None:
                    start, end = index.characters(*phrase)
                    candidates.extend(self._candidate(start, end, kind, 1))
        candidates.sort(key=lambda candidate: (candidate[0], candidate[5]))
        for start, end, sentence, pronoun, kind, rank in candidates:
            antecedent = _Antecedent(start, end, pronoun)
            self.referents.add(start, sentence, kind, (rank, start), antecedent)

    def _candidate(
        self, start: int, end: int, kind: str, rank: int, pronoun: int = -1
    ) -> list[tuple[int, int, int, int, str, int]]:
        token = self.index.token_at(start)
        if self.index.in_quote[token]:
            return []
        last = self.index.doc[self.index.token_at(end - 1)]
        if rank == 2 and last.dep_ in ("amod", "compound") and last.head.i > last.i:
            return []  # a modifier ("the Italian foreign minister") names no one
        return [(start, end, self.index.sentence_of[token], pronoun, kind, rank)]

    def add_speaker(self, position: int, speaker: Speaker, kind: str) -> None:
        """Remember a quote's speaker (mentioned at ``position``) as a later antecedent."""
        if kind == "unknown-name":
            kind = "person"  # a named speaker spaCy did not type is most often a person
        if kind not in ("person", "group", "plural"):
            return
        sentence = self.index.sentence_of[self.index.token_at(position)]
        antecedent = _Antecedent(speaker.start, speaker.end)
        self.referents.add(position, sentence, kind, (0, position), antecedent)

    def resolve(self, pronoun: Token) -> tuple[int, int] | None:
        """Characters of the antecedent of a he/she/it/they speaker, or None.

        An earlier subject pronoun of the same kind ("she testified ... She told the court")
        is followed back to its own antecedent.
        """
        kind = RESOLVABLE_PRONOUNS.get(pronoun.lower_)
        if kind is None:
            return None
        token = pronoun.i
        for _ in range(_MAX_PRONOUN_CHAIN):
            index = self.index
            best = self.referents.nearest(index.starts[token], index.sentence_of[token], kind)
            if best is None:
                return None
            if best.pronoun < 0:
                return best.start, best.end
            token = best.pronoun
        return None

    def entity_at(self, start: int, end: int) -> str | None:
        """Id of the entity with a mention that holds the head word of [start, end).

        The head decides: "President Vladimir Putin" is Vladimir Putin's, while "The South
        Korean ministry official" is not South Korea's.
        """
        index = self.index
        first, last = index.token_at(start), index.token_at(end - 1)
        head = phrase_head(index.doc, range(first, last + 1)).idx
        position = bisect_right(self.mention_starts, head) - 1
        while position >= 0 and head - self.mentions[position][0] <= _LONGEST_MENTION:
            mention_start, mention_end, identifier = self.mentions[position]
            if mention_start <= head < mention_end:
                return identifier
            position -= 1
        return None


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
