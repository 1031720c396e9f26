"""Participant mentions: the words of an article that can name an actor, read one token at
a time for :class:`.actors.ActorBook`.

A mention is a personal pronoun, a named entity (a person, organisation, country or group),
a name spaCy did not tag, or a description headed by a role noun of ``tidings/data/roles.toml``
or an agent noun of the event lexicon ("a North Korean soldier", "the defector", "Those on the
North Korean side"), as a subject, object, possessor or the like. Each gets its kind (person,
plural, group: a description headed by a noun with ``actor = "group"``), whether it is
definite, its role (:class:`tidings.rules.RoleBook`) and its country where its own words say
them. Countries are ISO alpha-3 here (:func:`alpha3`), as in CAMEO and GDELT codes; the rest of
tidings uses alpha-2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Token

from tidings.extract.referents import pronoun_kind
from tidings.extract.syntax import noun_phrase
from tidings.model import Entity
from tidings.rules import RoleBook

__all__ = ["Mention", "MentionReader", "alpha3", "determiner", "entity_tokens"]

SUBJECT_OR_OBJECT = frozenset({"nsubj", "nsubjpass", "dobj"})
MENTION_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "attr", "poss", "ROOT"}
)
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "both"})  # "both officers"
DEMONSTRATIVES = frozenset({"those", "these"})
EXPLETIVE_HEADS = frozenset({"be", "seem", "appear", "take", "rain", "happen", "matter"})


@dataclass(slots=True)
class Mention:
    """One word group that may name a participant."""

    head: int  # token index
    start: int  # characters
    end: int
    sentence: int
    kind: str  # person | plural | group
    lemma: str
    definite: bool
    pronoun: bool
    entity: str | None = None
    country: str | None = None  # alpha-3
    role: str | None = None
    in_title: bool = False
    place: bool = False  # a country, city or state (GPE): a government, never "they"


@dataclass(slots=True)
class MentionReader:
    """Reads mentions from one parsed document."""

    doc: Doc
    roles: RoleBook
    agents: dict[str, str]  # agent noun -> event type ("defector" -> "DEFECT")
    title_end: int
    entity_of: dict[int, Entity]  # token index -> the entity it is part of
    sentence_of: list[int]
    titles: frozenset[str]  # nouns a name in apposition stands for ("The President, X")
    name_roles: dict[str, str | None] = field(default_factory=dict)  # entity id -> its role

    def read(self, token: Token) -> Mention | None:
        """The mention ``token`` heads, if it can name a participant."""
        lower = token.lower_
        sentence = self.sentence_of[token.i]
        if token.pos_ == "PRON" and lower not in DEMONSTRATIVES:
            kind = pronoun_kind(lower)
            if kind is None or (lower == "it" and token.head.lemma_ in EXPLETIVE_HEADS):
                return None
            return Mention(
                token.i, token.idx, token.idx + len(token.text), sentence, kind, lower,
                definite=True, pronoun=True, in_title=token.idx < self.title_end,
            )  # fmt: skip
        if token.dep_ not in MENTION_DEPS:
            return None
        entity = self.entity_of.get(token.i)
        if entity is not None and entity.type in ENTITY_TYPES:
            return self._entity_mention(token, entity, sentence)
        untagged = entity is None and not token.ent_type_
        named = token.pos_ == "PROPN" and token.is_title and token.dep_ in SUBJECT_OR_OBJECT
        if untagged and named and not self.roles.is_role_noun(token.lemma_):
            return self._name_mention(token, sentence)  # a name spaCy did not tag
        lemma = token.lemma_.lower()
        demonstrative = lower in DEMONSTRATIVES and any(
            child.dep_ in ("prep", "relcl", "acl") for child in token.children
        )
        if token.pos_ not in ("NOUN", "PROPN") and not demonstrative:
            return None
        if not demonstrative and not self.roles.is_role_noun(lemma) and lemma not in self.agents:
            return None
        if self._is_title_of_name(token):
            return None  # "President Barack Obama", however the parser cut it
        phrase = noun_phrase(token, bytearray(len(self.doc)), self.titles)
        if phrase is None:
            return None
        first, last = phrase
        while first < token.i and (
            self.doc[first].pos_ == "ADV" or self.doc[first].tag_ in ("VBG", "VBN")
        ):
            first += 1  # "forcibly returning captured defectors": the defectors
        plural = demonstrative or token.tag_ in ("NNS", "NNPS")
        kind = "plural" if plural else "group" if lemma in self.roles.group_nouns else "person"
        start, end = self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)
        article = determiner(token)
        mention = Mention(
            token.i, start, end, sentence, kind, lemma,
            definite=article in DEFINITE, pronoun=False, in_title=start < self.title_end,
        )  # fmt: skip
        mention.role = self._description_role(token)
        mention.country = self._phrase_country(first, token.i) or self._nationality_after(token)
        return mention

    def describe(self, token: Token) -> Mention | None:
        """A mention of a group no role noun names ("Syrian hackers", "three countries",
        "opponents"): a plural common noun, as the one who does an event; None for a word
        that is no such noun."""
        if token.pos_ != "NOUN" or token.tag_ != "NNS" or token.ent_type_:
            return None
        phrase = noun_phrase(token, bytearray(len(self.doc)), self.titles)
        if phrase is None:
            return None
        first, last = phrase
        start, end = self.doc[first].idx, self.doc[last].idx + len(self.doc[last].text)
        mention = Mention(
            token.i, start, end, self.sentence_of[token.i], "plural", token.lemma_.lower(),
            definite=determiner(token) in DEFINITE, pronoun=False, in_title=start < self.title_end,
        )  # fmt: skip
        mention.country = self._phrase_country(first, token.i)
        return mention

    def _is_title_of_name(self, token: Token) -> bool:
        """Is ``token`` a title written right before a person's name ("President" in
        "President Barack Obama has said")?"""
        after = token.i + 1
        if after >= len(self.doc) or token.tag_ in ("NNS", "NNPS"):
            return False
        entity = self.entity_of.get(after)
        return entity is not None and entity.type == "PERSON" and token.i not in self.entity_of

    def _entity_mention(self, token: Token, entity: Entity, sentence: int) -> Mention:
        span = self._entity_span(token, entity)
        kind = {"PERSON": "person", "ORG": "group", "GPE": "group"}.get(entity.type)
        if kind is None:  # NORP: "North Koreans" are people; "a North Korean" is one
            kind = "plural" if token.tag_ in ("NNS", "NNPS") else "person"
            if determiner(token) not in ("a", "an"):
                kind = "plural" if token.lower_.endswith("s") else kind
        mention = Mention(
            token.i, span[0], span[1], sentence, kind, token.lemma_.lower(),
            definite=True, pronoun=False, entity=entity.id,
            in_title=span[0] < self.title_end,
        )  # fmt: skip
        mention.country = alpha3(entity.country)
        if entity.type == "GPE":
            mention.role = self.roles.country_role  # a country acting: its government (CAMEO)
            mention.place = True
        elif entity.type == "ORG":
            if entity.id not in self.name_roles:  # once per organisation, not per mention
                self.name_roles[entity.id] = self.roles.name_role(entity.name)
            mention.role = self.name_roles[entity.id]
        elif entity.type == "PERSON":
            mention.role = self._title_role(token)
            mention.country = self._phrase_country(*self._title_range(token))
        return mention

    def _name_mention(self, token: Token, sentence: int) -> Mention:
        first = min((c.i for c in token.lefts if c.dep_ == "compound"), default=token.i)
        start = self.doc[first].idx
        return Mention(
            token.i, start, token.idx + len(token.text), sentence, "person", token.lower_,
            definite=True, pronoun=False, in_title=start < self.title_end,
        )  # fmt: skip

    def _entity_span(self, token: Token, entity: Entity) -> tuple[int, int]:
        for span in entity.mentions:
            if span.start <= token.idx < span.end:
                return span.start, span.end
        return token.idx, token.idx + len(token.text)

    def _description_role(self, head: Token) -> str | None:
        deferring = head.lemma_.lower() in self.roles.deferring
        modifiers = [
            child.lemma_
            for child in reversed(list(head.lefts))
            if child.dep_ == "compound" or (deferring and child.dep_ == "amod")
        ]
        role = self.roles.description_role(head.lemma_, modifiers)
        if role is None and head.lemma_.lower() in self.agents:
            role = self.roles.noun_role(head.lemma_)
        return role

    def _title_role(self, token: Token) -> str | None:
        """ "army spokesman Lee Min-ho": the role of the words before the name."""
        first, last = self._title_range(token)
        nouns = [
            t
            for t in self.doc[first : last + 1]
            if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and self.roles.is_role_noun(t.lemma_))
        ]
        if not nouns:
            return None
        head = nouns[-1]
        return self.roles.description_role(head.lemma_, [t.lemma_ for t in reversed(nouns[:-1])])

    def _title_range(self, token: Token) -> tuple[int, int]:
        first = token.left_edge.i
        last = first
        while last < token.i and self.entity_of.get(last) is None:
            last += 1
        return first, last - 1  # empty (last < first) when the name comes first

    def _phrase_country(self, first: int, last: int) -> str | None:
        for index in range(first, last + 1):
            entity = self.entity_of.get(index)
            if entity is not None and entity.type in ("NORP", "GPE") and entity.country:
                return alpha3(entity.country)
        return None

    def _nationality_after(self, head: Token) -> str | None:
        """ "Those on the North Korean side", "soldiers from Russia", "the army of Myanmar":
        a nationality after the head, or a country after "from" or "of" (not "in": soldiers
        in Afghanistan need not be Afghan)."""
        for child in head.rights:
            if child.dep_ != "prep":
                continue
            for token in child.subtree:
                entity = self.entity_of.get(token.i)
                if entity is None or not entity.country:
                    continue
                if entity.type == "NORP" or child.lower_ in ("from", "of"):
                    return alpha3(entity.country)
        return None


def determiner(token: Token) -> str | None:
    for child in token.lefts:
        if child.dep_ in ("det", "poss"):
            return child.lower_
    return None


def entity_tokens(doc: Doc, entities: Sequence[Entity]) -> dict[int, Entity]:
    found: dict[int, Entity] = {}
    for entity in entities:
        for span in entity.mentions:
            tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
            if tokens is not None:
                for token in tokens:
                    found.setdefault(token.i, entity)
    return found


@lru_cache(maxsize=512)
def alpha3(alpha2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code ("KP" -> "PRK"); None if unknown."""
    if not alpha2:
        return None
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country is not None else None
