"""Who someone is: actor roles, and the nouns that name people and bodies.

``data/roles.toml`` holds the CAMEO-style role codes (MIL, GOV, COP, REB, CVL, REF, MED, BUS,
IGO ...), each with its label and the words of organisation names that give it, and one list
of role nouns, each with what its users need: its role, whether it *defers* to a modifier
("an army spokesman": MIL), whether a description it heads names a group ("the army"), and
what a quote speaker it heads is (a person, a group, or a body whose plural is one too: "the
authorities"). :func:`read_roles` reads it into the two views its users take:

- :class:`RoleBook`, for actors: a description's head noun decides its role ("a North Korean
  soldier": MIL) unless it defers ("official", "spokesman") and a role word stands before it
  ("a defence ministry official": GOV); otherwise the modifier nearest the head decides. A
  name decides by the longest role name inside it ("United Nations Command": IGO before
  "Command": MIL).
- :class:`SpeakerNouns`, for quotes: which heads make a speaker a person or a group, and which
  descriptions a name in apposition stands for ("The Vice President, Mike Pence").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.rules.files import DataFile, Entry

__all__ = ["RoleBook", "SpeakerNouns", "read_roles"]

SPEAKER_KINDS = ("person", "group", "body")
NOUN_FIELDS = ("role", "defers", "actor", "speaker")
ROLE_FIELDS = ("label", "names", "state")


@dataclass(frozen=True, slots=True)
class RoleBook:
    """Role words by role: how an actor's description or name gives its role."""

    nouns: dict[str, str]  # "soldier" -> "MIL", "prime minister" -> "GOV"
    names: tuple[tuple[re.Pattern[str], str], ...]  # longest name first
    labels: dict[str, str]  # "MIL" -> "military"
    deferring: frozenset[str]
    group_nouns: frozenset[str]  # a singular description they head names a group ("the army")
    state_roles: frozenset[str]  # roles of a state: an official is of the latest one's country
    country_role: str  # the role of a country acting ("North Korea fired"): its government

    def noun_role(self, words: str) -> str | None:
        """The role of one noun or noun phrase ("soldier", "border guard"), if it has one."""
        return self.nouns.get(words.lower())

    def description_role(self, head: str, modifiers: Sequence[str]) -> str | None:
        """The role of a description from its head noun and the nouns before it, nearest
        first ("ministry", "defence" for "defence ministry official")."""
        head = head.lower()
        if modifiers:
            joined = self.nouns.get(f"{modifiers[0].lower()} {head}")
            if joined is not None:
                return joined
        own = self.nouns.get(head)
        if own is not None and head not in self.deferring:
            return own
        for modifier in modifiers:
            role = self.nouns.get(modifier.lower())
            if role is not None:
                return role
        return own

    def name_role(self, name: str) -> str | None:
        """The role an organisation's name says ("Kentucky State Police": COP)."""
        for pattern, role in self.names:
            if pattern.search(name):
                return role
        return None

    def is_role_noun(self, lemma: str) -> bool:
        return lemma.lower() in self.nouns or lemma.lower() in self.deferring


@dataclass(frozen=True, slots=True)
class SpeakerNouns:
    """Heads of quote speakers: who a speaker headed by each noun is."""

    persons: frozenset[str]  # "minister", "official": a person (plural: several)
    groups: frozenset[str]  # "ministry", "police": a group (plural: several)
    bodies: frozenset[str]  # "authority": a group, singular or plural ("the authorities")


def read_roles(file: DataFile) -> tuple[RoleBook, SpeakerNouns]:
    """The role book and the speaker nouns of ``roles.toml``."""
    top = Entry(file, (), file.data)
    top.only("country", "role", "noun")
    roles = top.table("role")
    if roles is None:
        raise file.error("no [role.*] tables")
    labels: dict[str, str] = {}
    names: list[tuple[str, str]] = []
    state: set[str] = set()
    for code, role in roles.tables():
        role.only(*ROLE_FIELDS)
        labels[code] = role.string("label") or code
        names.extend((name, code) for name in role.strings("names"))
        if role.flag("state"):
            state.add(code)
    country_role = top.required("country")
    if country_role not in labels:
        raise top.error(f"country: unknown role {country_role!r}", "country")
    nouns: dict[str, str] = {}
    deferring: set[str] = set()
    group_nouns: set[str] = set()
    speakers: dict[str, set[str]] = {kind: set() for kind in SPEAKER_KINDS}
    table = top.table("noun")
    for word, noun in table.tables() if table is not None else ():
        noun.only(*NOUN_FIELDS)
        lower = word.lower()
        role_code = noun.string("role")
        if role_code is not None:
            if role_code not in labels:
                raise noun.error(f"{noun.label}: unknown role {role_code!r}", "role")
            nouns.setdefault(lower, role_code)
        if noun.flag("defers"):
            deferring.add(lower)
        if noun.choice("actor", ("group",)) == "group":
            group_nouns.add(lower)
        speaker = noun.choice("speaker", SPEAKER_KINDS)
        if speaker is not None:
            speakers[speaker].add(lower)
    names.sort(key=lambda item: -len(item[0]))
    book = RoleBook(
        nouns=nouns,
        names=tuple(
            (re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])"), role) for name, role in names
        ),
        labels=labels,
        deferring=frozenset(deferring),
        group_nouns=frozenset(group_nouns),
        state_roles=frozenset(state),
        country_role=country_role,
    )
    bodies = frozenset(speakers["body"])
    return book, SpeakerNouns(
        persons=frozenset(speakers["person"]),
        groups=frozenset(speakers["group"]) | bodies,
        bodies=bodies,
    )
