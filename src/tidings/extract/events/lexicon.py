"""The event vocabulary and its trigger words, read from data files a user can extend.

``tidings/data/events/types.toml`` lists the event types (PLOVER's, with their CAMEO roots and
ACLED event types, and tidings' own extensions); ``triggers.toml`` the words that report them;
``actors.toml`` the role words of actors (read by :mod:`.roles`).
``load_lexicon(extra)`` reads them once per process; entries of ``extra`` (the
``event_lexicon`` setting: a file shaped like ``triggers.toml``) come first, so a user's words
win. ``find_triggers(doc, lexicon)`` returns every trigger in a parsed document.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from tidings.errors import ConfigError

__all__ = ["EventType", "Lexicon", "Trigger", "TriggerMatch", "find_triggers", "load_lexicon"]

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
class EventType:
    """One event type of the vocabulary."""

    name: str
    description: str
    quad: str | None = None
    cameo: str | None = None
    acled: str | None = None
    modes: tuple[str, ...] = ()
    extension: bool = False
    transitive: bool = True  # False: no target ("defected", "crashed")


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words that report an event of ``type`` (a verb or a noun phrase)."""

    type: str
    words: tuple[str, ...]
    noun: bool
    mode: str | None = None
    acled: str | None = None
    unless: frozenset[str] = frozenset()
    needs_target: bool = False  # a verb reports the event only with an actor as its object


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Event types, triggers by their first word (longest first), and agent nouns."""

    types: Mapping[str, EventType]
    verbs: Mapping[str, tuple[Trigger, ...]]
    nouns: Mapping[str, tuple[Trigger, ...]]
    agents: Mapping[str, str]  # "defector" -> "DEFECT"


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


@lru_cache(maxsize=8)
def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The bundled lexicon, with the triggers of ``extra`` (if given) before its own."""
    types = {name: _event_type(name, table) for name, table in _bundled("types.toml").items()}
    entries: list[tuple[str, dict[str, Any]]] = []
    if extra is not None:
        entries += [(str(extra), entry) for entry in _triggers(_read(extra), str(extra))]
    entries += [("triggers.toml", e) for e in _triggers(_bundled("triggers.toml"), "triggers.toml")]
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    agents: dict[str, str] = {}
    seen: set[tuple[tuple[str, ...], bool]] = set()
    for origin, entry in entries:
        type_name = entry.get("type")
        if type_name not in types:
            raise ConfigError(f"{origin}: unknown event type {type_name!r} (see types.toml)")
        mode = entry.get("mode")
        if mode is not None and mode not in types[type_name].modes:
            raise ConfigError(f"{origin}: {type_name} has no mode {mode!r}")
        unless = frozenset(_strings(entry, "unless", origin))
        needs_target = bool(entry.get("needs_target", False))
        for noun, key in ((False, "verbs"), (True, "nouns")):
            for phrase in _strings(entry, key, origin):
                words = tuple(phrase.lower().split())
                if not words or (words, noun) in seen:
                    continue
                seen.add((words, noun))
                trigger = Trigger(
                    type_name, words, noun, mode, entry.get("acled"), unless, needs_target
                )
                (nouns if noun else verbs).setdefault(words[0], []).append(trigger)
        for agent in _strings(entry, "agents", origin):
            agents.setdefault(agent.lower(), type_name)
    return Lexicon(
        types=types, verbs=_longest_first(verbs), nouns=_longest_first(nouns), agents=agents
    )


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
        head = _head(token.doc, tokens)
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
                tokens.append(index)
                position = index
                break
            if candidate.pos_ not in GAP_POS and candidate.dep_ != "compound":
                return None
        else:
            return None
    return tuple(tokens)


def _head(doc: Doc, tokens: tuple[int, ...]) -> Token:
    inside = set(range(tokens[0], tokens[-1] + 1))
    for index in tokens:
        token = doc[index]
        if token.head.i not in inside or token.head.i == token.i:
            return token
    return doc[tokens[-1]]


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
    """ "released a statement", "heart attack", "violence erupted", "under fire": not this
    event."""
    if not trigger.unless:
        return False
    words: list[Token] = []
    if head.dep_ == "pobj":
        words.append(head.head)  # "under fire"
    for child in head.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "compound", "amod", "attr"):
            words.append(child)
        elif child.dep_ in ("prep", "agent"):
            words.extend(g for g in child.children if g.dep_ == "pobj")
    return any(w.lemma_.lower() in trigger.unless or w.lower_ in trigger.unless for w in words)


def _longest_first(table: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
    return {key: tuple(sorted(value, key=lambda t: -len(t.words))) for key, value in table.items()}


def _event_type(name: str, table: dict[str, Any]) -> EventType:
    return EventType(
        name=name,
        description=str(table.get("description", "")),
        quad=table.get("quad"),
        cameo=table.get("cameo"),
        acled=table.get("acled"),
        modes=tuple(table.get("modes", ())),
        extension=bool(table.get("extension", False)),
        transitive=bool(table.get("transitive", True)),
    )


def _triggers(data: dict[str, Any], origin: str) -> list[dict[str, Any]]:
    entries = data.get("trigger", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise ConfigError(f"{origin}: expected [[trigger]] tables")
    return entries


def _strings(entry: dict[str, Any], key: str, origin: str) -> Iterable[str]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{origin}: {key} must be a list of strings")
    return values


def _bundled(name: str) -> dict[str, Any]:
    text = (resources.files("tidings") / "data" / "events" / name).read_text("utf-8")
    return tomllib.loads(text)


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: event lexicon not found") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not a valid TOML lexicon ({error})") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot read it ({error.strerror or error})") from None
