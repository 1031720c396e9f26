"""Actor roles and countries: what kind of actor a description or a name stands for.

The role words live in ``tidings/data/events/actors.toml`` (CAMEO-style role codes: MIL, GOV,
COP, REB, CVL, REF, MED, BUS, IGO ...). A description's head noun decides its role ("a North
Korean soldier": MIL) unless it is a *deferring* head ("official", "spokesman") with a role
word before it ("an army spokesman": MIL, "a defence ministry official": GOV); otherwise the
modifier nearest the head decides. A name decides by the longest role name inside it
("United Nations Command": IGO before "Command": MIL). Countries are ISO alpha-3 here, as in
CAMEO and GDELT codes; the rest of tidings uses alpha-2.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pycountry

__all__ = ["RoleBook", "alpha3", "load_roles"]


@dataclass(frozen=True, slots=True)
class RoleBook:
    """Role words by role, read from actors.toml."""

    nouns: dict[str, str]  # "soldier" -> "MIL", "prime minister" -> "GOV"
    names: tuple[tuple[re.Pattern[str], str], ...]  # longest name first
    labels: dict[str, str]  # "MIL" -> "military"
    deferring: frozenset[str]

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


@lru_cache(maxsize=1)
def load_roles() -> RoleBook:
    """The bundled role words (once per process)."""
    path = resources.files("tidings") / "data" / "events" / "actors.toml"
    data = tomllib.loads(path.read_text("utf-8"))
    nouns: dict[str, str] = {}
    names: list[tuple[str, str]] = []
    labels: dict[str, str] = {}
    for role, table in data["role"].items():
        labels[role] = table.get("label", role)
        for noun in table.get("nouns", ()):
            nouns.setdefault(noun.lower(), role)
        names.extend((name, role) for name in table.get("names", ()))
    names.sort(key=lambda item: -len(item[0]))
    patterns = tuple(
        (re.compile(rf"(?<![\w.]){re.escape(name)}(?![\w])"), role) for name, role in names
    )
    return RoleBook(
        nouns=nouns,
        names=patterns,
        labels=labels,
        deferring=frozenset(word.lower() for word in data.get("deferring", ())),
    )


@lru_cache(maxsize=512)
def alpha3(alpha2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code ("KP" -> "PRK"); None if unknown."""
    if not alpha2:
        return None
    country = pycountry.countries.get(alpha_2=alpha2.upper())
    return country.alpha_3 if country is not None else None
