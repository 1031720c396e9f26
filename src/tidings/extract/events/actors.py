"""Actors: who takes part in the article's events, each with every mention of it.

An :class:`ActorBook` reads the parsed document once, in text order, and groups the mentions
that can be participants (read by :mod:`.mentions`):

* named entities (people, organisations, countries, groups): one actor per entity, whatever
  the alias ("United Nations Command", "UN Command");
* a name and a description in apposition ("Andrei Karlov, Russia's ambassador to Turkey")
  are one actor;
* descriptions headed by a role word ("a North Korean soldier", "a defence ministry
  official", "his fellow soldiers", "Those on the North Korean side"): an indefinite one is a
  new actor, unless the headline described the same ("North Korea soldier SHOT" ... "a North
  Korean soldier defected"); a definite one ("the soldier") is the latest earlier actor with
  the same head noun and number and no conflicting country; "the defector" (an agent noun of
  the event lexicon) is the actor of the latest earlier DEFECT event when nothing else fits;
* pronouns (resolved by :class:`tidings.extract.referents.Referents`, as quote speakers
  are): he/him/his and she/her to the nearest singular person, they/them/their to the
  nearest group of people (never a country), it/its to the nearest organisation or country
  (within :data:`IT_WINDOW` sentences, as "it" so often means a thing), the others within
  :data:`PRONOUN_WINDOW`; in the nearest sentence holding candidates, a subject beats other
  mentions and the earliest subject wins, else the latest mention; an object pronoun is never
  the subject of its own verb ("they fired on him"), nor a pronoun in a direct quote its speaker; a
  reflexive is its clause's subject. I, me and my inside a quote are its speaker.

Each actor gets a CAMEO-style code (the roles of ``tidings/data/roles.toml``): its country
from a demonym or place in its description ("North Korean"), the country it names, or its
possessor ("his fellow soldiers" are the soldier's compatriots); a country as an actor is its
government (GOV); an official without a country is of the country of the latest earlier
actor of the same state role (``state = true``: government, police, judiciary, legislature).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from tidings.extract.events.mentions import Mention, MentionReader, entity_tokens
from tidings.extract.referents import SPEAKER_PRONOUNS, PronounRules, Referents
from tidings.extract.syntax import is_subject, own_subject, phrase_head, sentence_numbers
from tidings.model import Actor, Entity, Quote, Span
from tidings.nlp import doc_text
from tidings.rules import Rules

__all__ = ["ActorBook"]

PRONOUN_WINDOW = 4
REFLEXIVES = frozenset("himself herself themselves itself myself ourselves".split())
IT_WINDOW = 2  # "it" so often means a thing that only a close antecedent counts
ACTOR_PRONOUNS = PronounRules(
    windows={"person": PRONOUN_WINDOW, "plural": PRONOUN_WINDOW, "group": IT_WINDOW},
    accepts={
        "person": frozenset({"person"}),
        "plural": frozenset({"plural", "group"}),
        "group": frozenset({"group"}),
    },
)
OBJECT_DEPS = frozenset({"dobj", "pobj", "dative"})
LEADING_WORDS = frozenset(
    "a an the one this that these those his her their its our my your some".split()
)
ANY_PERSON = frozenset({"man", "woman", "boy", "girl", "person", "child"})
PREPOSITIONS = frozenset({"on", "in", "of", "at", "from", "with", "across", "near"})


@dataclass(slots=True)
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    doers: set[str] = field(default_factory=set)  # event types this actor carried out


class ActorBook:
    """The actors of one article: ``actor_of(token)`` names the actor a word refers to;
    ``actors(used)`` gives the Actor values of the clusters events refer to."""

    def __init__(
        self,
        doc: Doc,
        entities: Sequence[Entity],
        quotes: Sequence[Quote],
        rules: Rules,
        title: str | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.roles = rules.roles
        self.agents = dict(rules.events.agents)
        self._title_end = len(title) if title and self.text.startswith(title) else 0
        self._entities = {entity.id: entity for entity in entities}
        self._sentence_of = sentence_numbers(doc)
        self._reader = reader = MentionReader(
            doc,
            self.roles,
            self.agents,
            self._title_end,
            entity_tokens(doc, entities),
            self._sentence_of,
            rules.speakers.persons,
        )
        self._quotes = [q for q in quotes if q.speaker is not None]
        self._clusters: list[_Cluster] = []
        self._parent: list[int] = []
        self._of_token: dict[int, int] = {}
        self._of_entity: dict[str, int] = {}
        self._pending_agents: list[tuple[int, str, int]] = []  # cluster, event type, start
        # every mention placed so far, as a pronoun's candidate: (head token, cluster)
        self._referents: Referents[tuple[int, int]] = Referents(ACTOR_PRONOUNS)
        for token in doc:
            mention = reader.read(token)
            if mention is not None:
                if mention.country is None and not mention.pronoun:
                    mention.country = self._possessor_country(token, mention.role)
                self._place(mention)

    # --- reading --------------------------------------------------------------------------

    def actor_of(self, token: Token | None) -> int | None:
        """The cluster a participant word refers to, or None."""
        if token is None:
            return None
        cluster = self._of_token.get(token.i)
        if cluster is None and token.dep_ == "compound":
            cluster = self._of_token.get(token.head.i)
        return None if cluster is None else self._find(cluster)

    def doer(self, token: Token | None, excluded: frozenset[str] = frozenset()) -> int | None:
        """The cluster of the one who does an event: an actor's mention, else a group no role
        noun names ("Syrian hackers hijacked ...", "three countries are waging assaults"),
        made an actor of its own (no pronoun refers to it); not a word of ``excluded``
        (event words, causes, weapons)."""
        cluster = self.actor_of(token)
        if cluster is not None or token is None or token.lemma_.lower() in excluded:
            return cluster
        mention = self._reader.describe(token)
        if mention is None:
            return None
        cluster = self._new()
        self._clusters[cluster].mentions.append(mention)
        self._of_token[mention.head] = cluster
        return cluster

    def speaker_actor(self, quote: Quote) -> int | None:
        """The cluster of a quote's speaker."""
        speaker = quote.speaker
        if speaker is None:
            return None
        span = speaker.resolved_from or Span(start=speaker.start, end=speaker.end, text="")
        tokens = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            return None
        return self.actor_of(phrase_head(self.doc, range(tokens.start, tokens.end)))

    def root(self, cluster: int) -> int:
        """The cluster ``cluster`` has been merged into (itself if none)."""
        return self._find(cluster)

    def same_actor(self, one: int, other: int) -> bool:
        """Do two clusters name the same actor: one cluster, or two groups of one country and
        role ("his fellow soldiers", "North Korean military")?"""
        if self._find(one) == self._find(other):
            return True
        codes = []
        for cluster in (one, other):
            mentions = self._merged(cluster)
            country = _first(m.country for m in mentions)
            role = _first(m.role for m in mentions)
            if country is None or role is None or mentions[0].kind == "person":
                return False
            codes.append((country, role))
        return codes[0] == codes[1]

    def role_of(self, cluster: int) -> str | None:
        """The role of the actor a cluster names (``COP`` for "police"), if any."""
        return _first(m.role for m in self._merged(cluster))

    def note_doer(self, cluster: int, event_type: str) -> None:
        """Remember that an actor carried out an event of ``event_type``."""
        self._clusters[self._find(cluster)].doers.add(event_type)

    def link_agent_descriptions(self) -> None:
        """ "the defector": the actor of the latest earlier event of the agent noun's type,
        for a definite description that found no antecedent of its own."""
        for cluster, event_type, start in self._pending_agents:
            best = None
            for other, candidate in enumerate(self._clusters):
                if self._find(other) == self._find(cluster) or event_type not in candidate.doers:
                    continue
                first = min(m.start for m in candidate.mentions)
                if first < start and candidate.mentions[0].kind == "person":
                    best = other if best is None or first > self._first(best) else best
            if best is not None:
                self._union(cluster, best)

    def actors(self, used: set[int]) -> tuple[tuple[Actor, ...], dict[int, str]]:
        """Actors for the clusters in ``used`` (ids a1, a2 ... by first mention)."""
        roots = sorted({self._find(c) for c in used}, key=self._first)
        merged = {root: self._merged(root) for root in self._all_roots()}
        ids = {root: f"a{number}" for number, root in enumerate(roots, start=1)}
        actors = []
        for root in roots:
            mentions = merged[root]
            country = _first(m.country for m in mentions)
            role = _first(m.role for m in mentions)
            if country is None and role in self.roles.state_roles:
                country = self._country_of_institution(root, role, merged)
            entity = _first(m.entity for m in mentions)
            actors.append(
                Actor(
                    id=ids[root],
                    name=self._name(mentions, entity),
                    mentions=tuple(
                        Span(start=start, end=end, text=self.text[start:end])
                        for start, end in dict.fromkeys((m.start, m.end) for m in mentions)
                    ),
                    country=country,
                    role=role,
                    code=(country or "") + (role or "") or None,
                    entity=entity,
                    plural=mentions[0].kind == "plural",
                )
            )
        mapping = {cluster: ids[self._find(cluster)] for cluster in used}
        return tuple(actors), mapping

    def _possessor_country(self, head: Token, role: str | None) -> str | None:
        """ "his fellow soldiers": the compatriots of whoever "his" is."""
        if role is None:
            return None
        for child in head.children:
            if child.dep_ == "poss":
                cluster = self.actor_of(child)
                if cluster is not None:
                    return _first(m.country for m in self._merged(cluster))
        return None

    # --- resolution -----------------------------------------------------------------------

    def _place(self, mention: Mention) -> None:
        cluster: int | None
        if mention.pronoun:
            cluster = self._antecedent(mention)
            if cluster is None:
                return
        elif mention.entity is not None:
            cluster = self._of_entity.get(mention.entity)
            if cluster is None:
                cluster = self._of_entity[mention.entity] = self._new()
        elif mention.definite or not mention.in_title:
            cluster = self._description_antecedent(mention)
            if cluster is None:
                cluster = self._new()
                if mention.lemma in self.agents and mention.kind != "plural":
                    self._pending_agents.append(
                        (cluster, self.agents[mention.lemma], mention.start)
                    )
        else:
            cluster = self._new()
        self._clusters[self._find(cluster)].mentions.append(mention)
        self._of_token[mention.head] = cluster
        head = self.doc[mention.head]
        named = self._of_token.get(head.head.i) if head.dep_ == "appos" else None
        if named is not None and not mention.pronoun:
            self._union(named, cluster)  # "Andrei Karlov, Russia's ambassador to Turkey"
        rank = (0, mention.head) if is_subject(self.doc[mention.head]) else (1, -mention.head)
        self._referents.add(
            mention.head, mention.sentence, mention.kind, rank, (mention.head, cluster)
        )  # in the nearest sentence: the earliest subject, else the latest mention

    def _antecedent(self, mention: Mention) -> int | None:
        token = self.doc[mention.head]
        if mention.lemma in SPEAKER_PRONOUNS:
            for quote in self._quotes:
                if quote.start <= token.idx < quote.end:
                    return self.speaker_actor(quote)
            return None
        if mention.lemma in REFLEXIVES:  # "free themselves": whoever frees
            subject = _subject_of_clause(token)
            return None if subject is None else self._of_token.get(subject)
        clause_subject = _subject_of_clause(token) if token.dep_ in OBJECT_DEPS else None
        speaker = next(
            (
                self.speaker_actor(q)
                for q in self._quotes
                if q.kind == "direct" and q.start <= token.idx < q.end
            ),
            None,
        )  # "him" in a quote is not the one quoted; "X said that he ..." is often X

        def allowed(candidate: tuple[int, int]) -> bool:
            head, cluster = candidate
            if head == clause_subject:
                return False
            other = self._mention_at(cluster, head)
            if other is None or (other.place and mention.kind == "plural"):
                return False  # "they" are people, not Nevada
            return speaker is None or self._find(cluster) != self._find(speaker)

        found = self._referents.nearest(mention.head, mention.sentence, mention.kind, allowed)
        return None if found is None else found[1]

    def _description_antecedent(self, mention: Mention) -> int | None:
        """A definite description's antecedent; for an indefinite one, only a description in
        the headline ("North Korea soldier SHOT" ... "a North Korean soldier defected")."""
        for head, cluster in reversed(self._of_token.items()):
            other = self._mention_at(cluster, head)
            if other is None or other.pronoun:
                continue
            if not mention.definite and not (
                other.in_title and all(m.in_title for m in self._merged(cluster))
            ):
                continue
            same = other.lemma == mention.lemma or (
                mention.lemma in ANY_PERSON and other.kind == "person"
            )
            if not same or (other.kind == "plural") != (mention.kind == "plural"):
                continue
            if mention.country and other.country and mention.country != other.country:
                continue
            return cluster
        return None

    def _mention_at(self, cluster: int, head: int) -> Mention | None:
        for mention in self._clusters[self._find(cluster)].mentions:
            if mention.head == head:
                return mention
        return None

    def _country_of_institution(
        self, root: int, role: str, merged: dict[int, list[Mention]]
    ) -> str | None:
        first = self._first(root)
        best: tuple[int, str] | None = None
        for other, mentions in merged.items():
            if other == root:
                continue
            for mention in mentions:
                earlier = mention.start < first and (best is None or mention.start > best[0])
                if earlier and mention.role == role and mention.country:
                    best = (mention.start, mention.country)
        return None if best is None else best[1]

    def _name(self, mentions: list[Mention], entity: str | None) -> str:
        if entity is not None and entity in self._entities:
            return self._entities[entity].name
        named = [m for m in mentions if not m.pronoun] or mentions
        best = max(named, key=lambda m: (not m.in_title, len(self._words(m)), -m.start))
        return " ".join(self._words(best))

    def _words(self, mention: Mention) -> list[str]:
        words = self.text[mention.start : mention.end].split()
        while len(words) > 1 and words[0].lower() in LEADING_WORDS:
            if words[1].lower() in PREPOSITIONS:
                break  # "Those on the North Korean side"
            words = words[1:]
        return words

    # --- clusters -------------------------------------------------------------------------

    def _new(self) -> int:
        self._clusters.append(_Cluster())
        self._parent.append(len(self._parent))
        return len(self._parent) - 1

    def _find(self, cluster: int) -> int:
        while self._parent[cluster] != cluster:
            self._parent[cluster] = self._parent[self._parent[cluster]]
            cluster = self._parent[cluster]
        return cluster

    def _union(self, cluster: int, other: int) -> None:
        root, other_root = self._find(cluster), self._find(other)
        if root == other_root:
            return
        keep, drop = sorted((root, other_root), key=self._first)
        self._clusters[keep].mentions.extend(self._clusters[drop].mentions)
        self._clusters[keep].doers |= self._clusters[drop].doers
        self._clusters[drop] = _Cluster()
        self._parent[drop] = keep

    def _merged(self, cluster: int) -> list[Mention]:
        return sorted(self._clusters[self._find(cluster)].mentions, key=lambda m: m.start)

    def _first(self, cluster: int) -> int:
        mentions = self._clusters[self._find(cluster)].mentions
        return min((m.start for m in mentions), default=len(self.text))

    def _all_roots(self) -> list[int]:
        return [c for c in range(len(self._clusters)) if self._find(c) == c]


def _subject_of_clause(token: Token) -> int | None:
    """The subject of the verb ``token`` is an object of: its own, else that of the verb it
    is conjoined to or an adverbial participle of ("fired eight shots, walking around him
    and shooting him again": the gunman)."""
    verb = token.head.head if token.dep_ == "pobj" else token.head
    subject = own_subject(verb)
    for _ in range(3):
        if subject is not None or verb.dep_ not in ("conj", "advcl") or verb.head is verb:
            break
        verb = verb.head
        subject = own_subject(verb)
    return None if subject is None else subject.i


def _first(values: Iterable[str | None]) -> str | None:
    """The first value that is set."""
    return next((value for value in values if value), None)
