"""The event vocabulary: event types and how each behaves, and the words that report them.

``data/events/types.toml`` has one table per type: PLOVER's, with their CAMEO roots and
ACLED event types, and tidings' own extensions, each with the flags and word lists that say
how the extractors treat it (documented at the head of that file). ``triggers.toml`` lists
the words that report them; a user's ``[[trigger]]`` entries come before those, so a user's
words win. :func:`read_lexicon` reads and checks both into a :class:`Lexicon`.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from tidings.rules.files import DataFile, Entry

__all__ = [
    "AttackStory",
    "EventType",
    "Lexicon",
    "Trigger",
    "read_lexicon",
    "read_sites",
]

TYPE_FIELDS = (
    "description", "quad", "cameo", "modes", "extension", "transitive", "casualties",
    "tolls", "caused_by", "moves", "self_moving", "two_sided", "two_sided_modes",
    "attack_story", "target_prepositions", "includes", "reporters_act",
)  # fmt: skip
TRIGGER_FIELDS = (
    "type", "mode", "verbs", "nouns", "agents", "unless", "unless_entity",
    "needs_target", "toll_only", "target_prepositions", "task_with",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class AttackStory:
    """A one-word trigger of this type among ``words`` ("explosion") is an event of ``type``
    and ``mode`` in an article whose headline or lead reports an event of ``type`` in one of
    ``lead_modes``, unless its own sentence holds one of ``unless`` ("a gas leak"); in any
    article when what blew up is one of ``weapons`` ("a bomb exploded", "a grenade blast")."""

    words: frozenset[str]
    type: str
    mode: str
    lead_modes: frozenset[str]
    unless: frozenset[str]
    weapons: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EventType:
    """One event type of the vocabulary, with how the extractors treat it."""

    name: str
    description: str
    quad: str | None = None
    cameo: str | None = None
    modes: tuple[str, ...] = ()
    extension: bool = False
    transitive: bool = True  # False: no target ("defected", "crashed")
    casualties: bool = False  # the first such event of a sentence carries its killed/injured
    tolls: frozenset[str] = frozenset()  # verbs that may only tell another event's toll
    caused_by: frozenset[str] = frozenset()  # a toll verb done by one of these is this type
    moves: bool = False  # where someone went ("into", "to") says where it happened
    self_moving: bool = False  # whoever does it moves ("during the escape": who escaped)
    two_sided: bool = False  # "with X" is the other side ("talks with X")
    two_sided_modes: frozenset[str] = frozenset()  # modes that make it two-sided
    attack_story: AttackStory | None = None
    target_prepositions: frozenset[str] = frozenset()  # "fired on X": X is the target
    includes: frozenset[str] = frozenset()  # types an event of this one also is (a defector flees)
    # roles whose reporter did it when no one else is named ("a man was arrested, police said")
    reporters_act: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Trigger:
    """Words that report an event of ``type`` (a verb or a noun phrase)."""

    type: str
    words: tuple[str, ...]
    noun: bool
    mode: str | None = None
    unless: frozenset[str] = frozenset()
    needs_target: bool = False  # a verb reports the event only with an actor as its object
    toll_only: bool = False  # only ever the toll of its sentence's event ("died", "deaths")
    target_prepositions: frozenset[str] = frozenset()  # the type's, and "apologized to X"
    unless_entity: frozenset[str] = frozenset()  # entity types that cancel it, as for unless
    task_with: bool = False  # "charged with shaping the strategy": a task, not this event


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Event types (in file order), triggers by their first word (longest first), agent
    nouns, and what the types' word lists give together."""

    types: Mapping[str, EventType]
    verbs: Mapping[str, tuple[Trigger, ...]]
    nouns: Mapping[str, tuple[Trigger, ...]]
    agents: Mapping[str, str]  # "defector" -> "DEFECT"
    tolls: frozenset[str] = frozenset()  # every type's toll verbs
    cause_words: frozenset[str] = frozenset()  # every type's caused_by words
    not_doers: frozenset[str] = frozenset()  # words that are no one: triggers, causes, weapons

    def cause_of(self, words: Collection[str]) -> str | None:
        """The first type (in file order) one of whose ``caused_by`` words is in ``words``."""
        for name, kind in self.types.items():
            if kind.caused_by and not kind.caused_by.isdisjoint(words):
                return name
        return None


def read_lexicon(
    types_file: DataFile,
    triggers_file: DataFile,
    extra: DataFile | None,
    roles: Collection[str],
) -> Lexicon:
    """The types of ``types_file`` and the triggers of ``extra`` (first) and
    ``triggers_file``; ``roles`` are the known role codes."""
    types = {
        name: _event_type(entry, roles)
        for name, entry in Entry(types_file, (), types_file.data).tables()
    }
    for kind in types.values():
        _check_references(types_file, kind, types)
    entries: list[Entry] = []
    for file in (extra, triggers_file):
        if file is not None:
            entries += _trigger_entries(file)
    verbs: dict[str, list[Trigger]] = {}
    nouns: dict[str, list[Trigger]] = {}
    agents: dict[str, str] = {}
    seen: set[tuple[tuple[str, ...], bool]] = set()
    for entry in entries:
        entry.only(*TRIGGER_FIELDS)
        type_name = entry.string("type")
        if type_name not in types:
            raise entry.error(f"unknown event type {type_name!r} (see types.toml)", "type")
        mode = entry.string("mode")
        if mode is not None and mode not in types[type_name].modes:
            raise entry.error(f"{type_name} has no mode {mode!r}", "mode")
        unless = frozenset(entry.strings("unless"))
        needs_target = entry.flag("needs_target")
        toll_only = entry.flag("toll_only")
        unless_entity = frozenset(word.upper() for word in entry.strings("unless_entity"))
        task_with = entry.flag("task_with")
        prepositions = types[type_name].target_prepositions | _words(entry, "target_prepositions")
        for noun, key in ((False, "verbs"), (True, "nouns")):
            for phrase in entry.strings(key):
                words = tuple(phrase.lower().split())
                if not words or (words, noun) in seen:
                    continue
                seen.add((words, noun))
                trigger = Trigger(
                    type_name, words, noun, mode, unless, needs_target, toll_only,
                    prepositions, unless_entity, task_with,
                )  # fmt: skip
                (nouns if noun else verbs).setdefault(words[0], []).append(trigger)
        for agent in entry.strings("agents"):
            agents.setdefault(agent.lower(), type_name)
    return Lexicon(
        types=types,
        verbs=_longest_first(verbs),
        nouns=_longest_first(nouns),
        agents=agents,
        tolls=frozenset(word for kind in types.values() for word in kind.tolls),
        cause_words=frozenset(word for kind in types.values() for word in kind.caused_by),
        not_doers=frozenset(
            {key for key in (*verbs, *nouns)}
            | {word for kind in types.values() for word in kind.caused_by}
            | {
                word
                for kind in types.values()
                if kind.attack_story is not None
                for word in kind.attack_story.weapons
            }
        ),
    )


def _event_type(entry: Entry, roles: Collection[str]) -> EventType:
    entry.only(*TYPE_FIELDS)
    name = entry.path[0]
    modes = entry.strings("modes")
    two_sided_modes = frozenset(entry.strings("two_sided_modes"))
    unknown = sorted(two_sided_modes - set(modes))
    if unknown:
        raise entry.error(f"{name} has no mode {unknown[0]!r}", "two_sided_modes")
    reporters_act = frozenset(entry.strings("reporters_act"))
    unknown = sorted(reporters_act - set(roles))
    if unknown:
        raise entry.error(f"{name}: unknown role {unknown[0]!r}", "reporters_act")
    return EventType(
        name=name,
        description=entry.string("description") or "",
        quad=entry.string("quad"),
        cameo=entry.string("cameo"),
        modes=modes,
        extension=entry.flag("extension"),
        transitive=entry.flag("transitive", True),
        casualties=entry.flag("casualties"),
        tolls=_words(entry, "tolls"),
        caused_by=_words(entry, "caused_by"),
        moves=entry.flag("moves"),
        self_moving=entry.flag("self_moving"),
        two_sided=entry.flag("two_sided"),
        two_sided_modes=two_sided_modes,
        attack_story=_attack_story(entry.table("attack_story")),
        target_prepositions=_words(entry, "target_prepositions"),
        includes=frozenset(entry.strings("includes")),
        reporters_act=reporters_act,
    )


def _attack_story(entry: Entry | None) -> AttackStory | None:
    if entry is None:
        return None
    entry.only("words", "type", "mode", "lead_modes", "unless", "weapons")
    return AttackStory(
        words=_words(entry, "words"),
        type=entry.required("type"),
        mode=entry.required("mode"),
        lead_modes=frozenset(entry.strings("lead_modes")),
        unless=_words(entry, "unless"),
        weapons=_words(entry, "weapons"),
    )


def _check_references(file: DataFile, kind: EventType, types: Mapping[str, EventType]) -> None:
    """An attack story names a type that exists, in modes it has; included types exist."""
    for name in sorted(kind.includes):
        if name not in types:
            raise file.error(
                f"[{kind.name}]: includes unknown event type {name!r}", (kind.name,), "includes"
            )
    story = kind.attack_story
    if story is None:
        return
    path = (kind.name, "attack_story")
    label = f"[{kind.name}.attack_story]"
    other = types.get(story.type)
    if other is None:
        raise file.error(f"{label}: unknown event type {story.type!r}", path, "type")
    unknown = sorted(({story.mode} | story.lead_modes) - set(other.modes))
    if unknown:
        raise file.error(f"{label}: {story.type} has no mode {unknown[0]!r}", path)


def _words(entry: Entry, key: str) -> frozenset[str]:
    return frozenset(word.lower() for word in entry.strings(key))


def _trigger_entries(file: DataFile) -> list[Entry]:
    values: Any = file.data.get("trigger", [])
    if not isinstance(values, list) or not all(isinstance(value, dict) for value in values):
        raise file.error("expected [[trigger]] tables", ("trigger",))
    return [
        Entry(file, ("trigger",), value, item=number, label=f"[[trigger]] number {number + 1}")
        for number, value in enumerate(values)
    ]


def _longest_first(table: dict[str, list[Trigger]]) -> dict[str, tuple[Trigger, ...]]:
    return {key: tuple(sorted(value, key=lambda t: -len(t.words))) for key, value in table.items()}


def read_sites(file: DataFile) -> frozenset[str]:
    """The site nouns of ``sites.toml`` ("station", "market"), lower case."""
    root = Entry(file, (), file.data)
    root.only("sites")
    table = root.table("sites")
    if table is None:
        raise file.error("expected a [sites] table")
    table.only("nouns")
    return _words(table, "nouns")
