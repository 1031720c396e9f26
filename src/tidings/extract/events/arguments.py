"""Who did it to whom: the actor and target words of an event trigger, from the parse.

Verbs: the subject is the actor and the object the target; in the passive ("was shot by
North Korean military") the agent is the actor and the subject the target; a target also
comes from "on/at/against X" ("opened fire on him"), and a conjoined verb shares what its
conjunct has ("shot and wounded by ..."). A verb without a subject borrows one: an
infinitive or participle the subject of the verb it hangs from ("attempting to cross"), or
its object or passive subject when that verb gives orders ("Those ... are instructed to
shoot"); a relative clause its noun ("defectors, who flee"); a participle modifying a noun
that noun as its object ("forcibly returning captured defectors"). With no agent, a vehicle
says whose act it was ("transferred to hospital in a helicopter of the United Nations
Command"). Headlines drop the auxiliary: "soldier SHOT" is a passive.

Nouns: a possessor, "by X", or a name or role word before it is the actor ("Taliban attack",
"a North Korean missile launch"); "on/against X", and "of X" after an act done to someone
("the arrest of ..."), the target; "with X" the other side of a two-sided event; a noun that
is the object of a light verb ("launched an attack") takes that verb's subject as its actor.

What depends on the event type is data (``tidings/data/events/types.toml``): ``transitive``,
``two_sided`` and ``two_sided_modes`` ("with X" is the other side, "of X" no target) and
``self_moving`` ("shot during the daring escape": the one who escaped).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from tidings.extract.events.lexicon import TriggerMatch
from tidings.extract.syntax import object_of, own_subject, passive_voice
from tidings.rules import EventType, Trigger

__all__ = ["Participants", "owner", "participants"]

TARGET_PREPOSITIONS = frozenset({"on", "at", "upon", "against", "toward", "towards", "into"})
# "at" names a target after an active verb only ("fired at police"); after a noun or a
# passive it says where ("an attack at a market", "were killed at a Walmart")
WHERE_PREPOSITIONS = frozenset({"at"})
NOUN_TARGETS = TARGET_PREPOSITIONS - WHERE_PREPOSITIONS
# Nouns whose possessor is who it was done to: "his arrest", "Blagojevich's sentence".
PATIENT_NOUNS = frozenset(
    """arrest detention capture imprisonment deportation extradition expulsion sentence
    conviction release rescue evacuation kidnapping abduction execution assassination killing
    murder death trial prosecution indictment""".split()
)
ORDER_VERBS = frozenset(
    "order instruct command tell direct force authorise authorize urge ask compel".split()
)
LIGHT_VERBS = frozenset(
    """launch carry conduct stage hold mount make begin start continue step lead order
    plan claim organise organize commit perpetrate undertake wage execute unleash""".split()
)
VEHICLES = frozenset(
    """helicopter aircraft plane jet airplane ship vessel boat ambulance vehicle truck
    lorry car bus convoy""".split()
)
INHERITING = frozenset({"xcomp", "advcl", "pcomp", "conj", "acl", "amod", "relcl", "acomp"})
RELATIVE_WORDS = frozenset({"who", "which", "that", "whom"})
PARTICIPLES = frozenset(
    "shot hit beaten held caught slain struck taken stabbed seized freed hurt sentenced".split()
)

Participants = tuple[Token | None, Token | None]  # (actor word, target word)


def participants(match: TriggerMatch, kind: EventType, title_end: int) -> Participants:
    """The words naming the actor and the target of one trigger of type ``kind`` (either may
    be None)."""
    head = match.head
    trigger = match.trigger
    transitive = kind.transitive
    if trigger.noun:
        return _noun_participants(head, kind, trigger)
    passive = _passive(head) or _headline_passive(head, transitive, title_end)
    two_sided = kind.two_sided or trigger.mode in kind.two_sided_modes
    prepositions = TARGET_PREPOSITIONS | trigger.target_prepositions
    if passive:
        prepositions -= WHERE_PREPOSITIONS - trigger.target_prepositions
    if two_sided:
        prepositions |= {"with"}
    actor, target = _verb_participants(head, passive, match.tokens, prepositions)
    if actor is None or target is None:
        for sibling in _conjuncts(head):
            other_actor, other_target = _verb_participants(
                sibling, passive, (), prepositions, direct=True
            )
            actor = actor or other_actor
            target = target or (other_target if transitive else None)
    if actor is None and not passive:
        actor = _borrowed_subject(head)
    if actor is None and passive:
        actor = _vehicle_owner(head)
    if target is None and (
        head.dep_ == "amod" or (head.dep_ == "acl" and head.tag_ == "VBN" and passive)
    ):
        target = head.head  # "captured defectors", "the scientist executed in Iran"
    if not transitive and not passive:
        target = None
    if actor is not None and target is not None and actor.i == target.i:
        target = None
    return actor, target


def owner(word: Token | None) -> Token | None:
    """ "raided the offices of the newspaper", "stormed his home": whose place or thing it
    is, for a target that is not someone."""
    if word is None:
        return None
    for child in word.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            return object_of(child)
    return None


def _verb_participants(
    verb: Token,
    passive: bool,
    own: tuple[int, ...],
    prepositions: frozenset[str],
    *,
    direct: bool = False,
) -> Participants:
    """Subject, object, agent and the object of one of ``prepositions`` ("fired on X",
    "apologized to X", "clashed with rebels" for a two-sided event); ``direct``: nothing
    further away (what a conjoined verb may share: "shot and wounded by X", not "rescued in
    an operation by X")."""
    actor: Token | None = None
    target: Token | None = None
    for child in verb.children:
        dep = child.dep_
        if dep == "nsubj":
            if passive:
                target = target or child
            else:
                actor = child
        elif dep in ("nsubjpass", "csubjpass"):
            target = child
        elif dep == "agent":
            actor = object_of(child) or actor
        elif dep in ("dobj", "dative") and child.i not in own and not passive:
            target = target or child
        elif dep == "prep" and child.lower_ in prepositions and target is None:
            target = object_of(child)
        elif dep == "prep" and child.lower_ == "by" and actor is None and passive:
            actor = object_of(child)
    if passive and actor is None and not direct:
        actor = _nested_by(verb)
    if actor is not None and actor.lower_ in RELATIVE_WORDS and verb.dep_ == "relcl":
        actor = verb.head  # "defectors, who flee"
    return actor, target


def _noun_participants(noun: Token, kind: EventType, trigger: Trigger) -> Participants:
    actor: Token | None = None
    target: Token | None = None
    for child in noun.children:
        dep, lower = child.dep_, child.lower_
        if dep == "prep" and lower == "between" and actor is None:
            first = object_of(child)  # "talks between X and Y", "clashes between X and Y"
            second = next((c for c in first.children if c.dep_ == "conj"), None) if first else None
            actor, target = first, second or target
            continue
        if dep == "poss" and actor is None and target is None:
            if _done_to_possessor(noun):
                target = child  # "Blagojevich's sentence", "his arrest"
            else:
                actor = child  # "Israel's attack"
        elif dep in ("compound", "amod") and child.i < noun.i and actor is None:
            if child.ent_type_ in ("GPE", "NORP", "ORG", "PERSON") or child.pos_ == "PROPN":
                actor = child
        elif dep == "prep" and lower == "by":
            actor = object_of(child) or actor
        elif dep == "prep" and target is None and _names_target(lower, kind, trigger):
            target = object_of(child)
    light = noun.head if noun.dep_ == "dobj" and noun.head.lemma_.lower() in LIGHT_VERBS else None
    if light is not None:  # "carried out airstrikes on two hospitals"
        actor = actor or _subject(light)
        for child in light.children:
            if target is None and child.dep_ == "prep" and child.lower_ in NOUN_TARGETS:
                target = object_of(child)
    if actor is None and kind.self_moving and noun.dep_ == "pobj":
        actor = _any_subject(noun.head.head)  # "shot during the daring escape": who escaped
    if not kind.transitive:
        target = None
    return actor, target


def _done_to_possessor(noun: Token) -> bool:
    return noun.lemma_.lower() in PATIENT_NOUNS


def _names_target(preposition: str, kind: EventType, trigger: Trigger) -> bool:
    """ "attack on X", "talks with X", "the arrest of X" (not "an agreement of ..."), and
    the trigger's own ("an apology to X")."""
    if preposition in ("on", "against", "upon", "with") or (
        preposition in trigger.target_prepositions
    ):
        return True
    return preposition == "of" and not kind.two_sided


def _passive(verb: Token) -> bool:
    """Passive (:func:`~tidings.extract.syntax.passive_voice`), or a past participle that
    reads as one: conjoined to a passive without a subject of its own, or modifying a noun."""
    if passive_voice(verb):
        return True
    if verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD") and own_subject(verb) is None:
        return _passive(verb.head)  # "was wounded ... but finally rescued"
    return verb.dep_ in ("acl", "amod") and verb.tag_ == "VBN"


def _headline_passive(verb: Token, transitive: bool, title_end: int) -> bool:
    """ "North Korea soldier SHOT": a headline drops "was"."""
    if not transitive or verb.idx >= title_end:
        return False
    lower = verb.lower_
    inflected = verb.tag_ in ("VBN", "VBD") or lower.endswith("ed") or lower in PARTICIPLES
    has_object = any(child.dep_ in ("dobj", "dative") for child in verb.children)
    return inflected and not has_object


def _conjuncts(verb: Token) -> Iterator[Token]:
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            yield child
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        yield verb.head


def _borrowed_subject(verb: Token) -> Token | None:
    """The subject of a verb that has none of its own, from the clause it hangs from."""
    token = verb
    for _ in range(4):
        dep = token.dep_
        if dep not in INHERITING or token.head.i == token.i:
            return None
        governor = token.head
        if dep in ("acl", "relcl") and governor.pos_ in ("NOUN", "PROPN", "PRON"):
            return governor if (dep == "acl" and token.tag_ == "VBG") or dep == "relcl" else None
        if dep == "amod":
            token = governor.head if governor.dep_ == "pobj" else governor
            if token.pos_ == "ADP":
                token = token.head
            subject = _subject(token)
            if subject is not None:
                return subject
            continue
        if governor.lemma_.lower() in ORDER_VERBS:
            ordered = _ordered_person(governor)
            if ordered is not None:
                return ordered
        if governor.pos_ == "ADP":  # "by returning": the subject of what "by" hangs from
            governor = governor.head
        subject = _subject(governor)
        if subject is not None:
            return subject
        token = governor
    return None


def _any_subject(verb: Token) -> Token | None:
    """The subject, active or passive, of a verb or of the verb it is conjoined to."""
    for token in (verb, verb.head if verb.dep_ == "conj" else verb):
        subject = own_subject(token)
        if subject is not None:
            return subject
    return None


def _ordered_person(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    return None


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return object_of(child)
    return None


def _vehicle_owner(verb: Token) -> Token | None:
    """ "in a helicopter of the United Nations Command": whose vehicle carried it out."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "by", "aboard", "on"):
            continue
        vehicle = object_of(prep)
        if vehicle is None or vehicle.lemma_.lower() not in VEHICLES:
            continue
        for child in vehicle.children:
            if child.dep_ == "poss" or (child.dep_ == "compound" and child.ent_type_):
                return child
            if child.dep_ == "prep" and child.lower_ == "of":
                return object_of(child)
    return None


def _nested_by(verb: Token) -> Token | None:
    """ "rescued in a tense operation by South Korean soldiers"."""
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        noun = object_of(prep)
        if noun is None:
            continue
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "by":
                return object_of(child)
    return None
