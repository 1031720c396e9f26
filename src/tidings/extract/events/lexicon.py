"""Triggers: the words of a parsed document that report an event, by the event lexicon.

The lexicon (:class:`tidings.rules.Lexicon`: the types of ``tidings/data/events/types.toml``
and the words of ``triggers.toml``, with a user's words first) is read by
:func:`tidings.rules.load_rules`; ``find_triggers(doc, lexicon)`` returns every trigger in a
parsed document, each a :class:`TriggerMatch`.

A trigger's words must appear in order, a determiner, adjective, adverb, pronoun or number
(or a noun modifying the next word) standing between them at most :data:`MAX_GAP` times
("opened heavy fire", "cross the land border"). This is written out by hand rather than as
spaCy ``Matcher`` patterns (``{"OP": "{0,2}"}``): a word matches a token by its lower-cased
lemma *or* its lower-cased text, and a gap token by its part of speech *or* its dependency,
two disjunctions over different attributes that one Matcher token pattern cannot say (it
would take a global token extension or one pattern per combination), and the first token
that matches the next word is always taken as it, never skipped as a gap.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from tidings.extract.syntax import phrase_head
from tidings.rules import Lexicon, Trigger

__all__ = ["TriggerMatch", "find_triggers"]

# Tokens that may stand between the words of a phrase: "opened heavy fire", "shot him dead"
# (and nouns modifying the next word: "cross the land border").
GAP_POS = frozenset({"DET", "ADJ", "ADV", "PRON", "NUM"})
MAX_GAP = 2
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})
# Nouns an event word may modify and still be the event: "rescue mission", "attack plan".
EVENT_HEADS = frozenset(
    "operation mission effort efforts work attempt bid campaign drive plan plot threat toll".split()
)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a document: its tokens and their syntactic head."""

    trigger: Trigger
    head: Token
    tokens: tuple[int, ...]

    @property
    def start(self) -> int:
        return self.head.doc[self.tokens[0]].idx

    @property
    def end(self) -> int:
        last = self.head.doc[self.tokens[-1]]
        return last.idx + len(last.text)


def find_triggers(doc: Doc, lexicon: Lexicon) -> list[TriggerMatch]:
    """Every trigger in ``doc`` in text order; a token belongs to one trigger at most."""
    found: list[TriggerMatch] = []
    used: set[int] = set()
    for token in doc:
        if token.i in used or not token.is_alpha:
            continue
        match = _match_at(token, lexicon)
        if match is not None:
            used.update(match.tokens)
            found.append(match)
    return found


def _match_at(token: Token, lexicon: Lexicon) -> TriggerMatch | None:
    keys = dict.fromkeys((token.lemma_.lower(), token.lower_))  # ordered: the same every run
    candidates = [
        t for key in keys for t in (*lexicon.verbs.get(key, ()), *lexicon.nouns.get(key, ()))
    ]
    if not candidates:  # most tokens
        return None
    candidates.sort(key=lambda trigger: -len(trigger.words))
    for trigger in candidates:
        tokens = _phrase_tokens(token, trigger.words)
        if tokens is None:
            continue
        head = phrase_head(token.doc, tokens)
        if not _right_part_of_speech(head, trigger.noun) or _cancelled(head, trigger):
            continue
        if trigger.noun and len(tokens) == 1 and _modifies_a_thing(head):
            continue
        return TriggerMatch(trigger=trigger, head=head, tokens=tokens)
    return None


def _phrase_tokens(first: Token, words: tuple[str, ...]) -> tuple[int, ...] | None:
    doc = first.doc
    tokens = [first.i]
    position = first.i
    for word in words[1:]:
        for step in range(1, MAX_GAP + 2):
            index = position + step
            if index >= len(doc) or doc[index].is_punct or doc[index].is_space:
                return None
            candidate = doc[index]
            if word in (candidate.lemma_.lower(), candidate.lower_):
                if candidate.pos_ == "ADP" and candidate.head.i not in tokens:
                    return None  # "fired at least eight shots" is no "fire at"
                tokens.append(index)
                position = index
                break
            if candidate.pos_ not in GAP_POS and candidate.dep_ != "compound":
                return None
        else:
            return None
    return tuple(tokens)


def _right_part_of_speech(head: Token, noun: bool) -> bool:
    if noun:
        return head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in ("PERSON", "GPE", "ORG")
    if head.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and any(
        child.dep_ == "det" for child in head.children
    ):
        return False  # "visiting the wounded": a participle used as a noun
    if head.dep_ == "amod" and head.tag_ == "VBN":
        return False  # "a banned organisation", "the collapsed building": a state
    return head.pos_ == "VERB" or (head.tag_ in VERB_TAGS and head.pos_ != "AUX")


def _modifies_a_thing(noun: Token) -> bool:
    """ "escape room", "accident probes", "search and rescue personnel": the word names a
    kind of thing, not an event ("rescue mission" still is one)."""
    token = noun
    if token.dep_ == "conj" and token.head.dep_ == "compound":
        token = token.head
    if token.dep_ != "compound" or token.head.pos_ not in ("NOUN", "PROPN"):
        return False
    return token.head.lemma_.lower() not in EVENT_HEADS


def _cancelled(head: Token, trigger: Trigger) -> bool:
    """ "released a statement", "heart attack", "violence erupted", "under fire", "the
    summit of Everest" (an entity type of ``unless_entity``), "charged with shaping the
    strategy" (``task_with``): not this event."""
    if trigger.task_with and _task(head):
        return True
    if not trigger.unless and not trigger.unless_entity:
        return False
    words: list[Token] = []
    if head.dep_ == "pobj":
        words.append(head.head)  # "under fire"
    for child in head.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "compound", "amod", "attr"):
            words.append(child)
        elif child.dep_ in ("prep", "agent"):
            words.extend(g for g in child.children if g.dep_ == "pobj")
    if any(w.lemma_.lower() in trigger.unless or w.lower_ in trigger.unless for w in words):
        return True
    return any(w.ent_type_ in trigger.unless_entity for w in _what_it_is_of(head))


def _what_it_is_of(head: Token) -> list[Token]:
    """Who or what the event is of: its subject, object, possessor, compound or "of X" (not
    where or when: "collapsed in Lima")."""
    words = []
    for child in head.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "compound"):
            words.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            words.extend(g for g in child.children if g.dep_ == "pobj")
    return [w for w in words if w.ent_type_]


def _task(verb: Token) -> bool:
    """ "is charged with shaping the strategy": "with" and a gerund, a duty given."""
    return any(
        child.dep_ == "prep"
        and child.lower_ == "with"
        and any(g.dep_ in ("pcomp", "pobj") and g.tag_ == "VBG" for g in child.children)
        for child in verb.children
    )
