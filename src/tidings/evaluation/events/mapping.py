"""How a data set's gold event types and roles map to tidings' PLOVER types and fields.

The tables are data (``tidings/data/evaluation/events.toml``, read and checked here): for
each set, gold type patterns with the PLOVER types accepted for them, and the roles scored as
each field (actor, target, place, or participant: actor or target, whichever scores).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal, cast

from tidings.errors import ConfigError

__all__ = ["FIELDS", "Field", "SetMapping", "mapping_for"]

Field = Literal["actor", "target", "place", "participant"]
FIELDS: tuple[Field, ...] = ("actor", "target", "place", "participant")
DATA = "data/evaluation/events.toml"


@dataclass(frozen=True, slots=True)
class _TypedRole:
    role: str
    types: str
    field: Field


@dataclass(frozen=True, slots=True)
class SetMapping:
    """The mapping of one data set (``wikievents`` or ``rams``)."""

    types: tuple[tuple[str, tuple[str, ...]], ...]  # (pattern, accepted PLOVER types)
    roles: dict[str, Field]
    typed_roles: tuple[_TypedRole, ...]

    def accepted(self, gold_type: str) -> tuple[str, ...]:
        """The PLOVER types accepted for ``gold_type`` (the counterpart first); () when the
        type has no counterpart. The longest matching pattern wins."""
        best: tuple[int, tuple[str, ...]] = (-1, ())
        for pattern, accepted in self.types:
            if _matches(pattern, gold_type) and len(pattern) > best[0]:
                best = (len(pattern), accepted)
        return best[1]

    def field_of(self, role: str, gold_type: str) -> Field | None:
        """The field a gold role is scored as for an event of ``gold_type`` (None: ignored)."""
        role = role.lower()
        for typed in self.typed_roles:
            if typed.role == role and _matches(typed.types, gold_type):
                return typed.field
        return self.roles.get(role)


def _matches(pattern: str, gold_type: str) -> bool:
    """Does a dotted prefix pattern ("Conflict.Attack", "movement.*.hide") cover the type?"""
    parts, wanted = gold_type.split("."), pattern.split(".")
    if len(wanted) > len(parts):
        return False
    return all(w == "*" or w == p for w, p in zip(wanted, parts, strict=False))


@cache
def mapping_for(dataset: str) -> SetMapping:
    """The checked mapping of ``dataset`` ("wikievents" or "rams"); a ConfigError names the
    entry that is wrong."""
    text = files("tidings").joinpath(DATA).read_text(encoding="utf-8")
    data = tomllib.loads(text)
    section = data.get(dataset)
    if not isinstance(section, dict):
        raise ConfigError(f"{DATA}: no [{dataset}] table")
    types = []
    for pattern, accepted in section.get("types", {}).items():
        if not isinstance(accepted, list) or not all(
            isinstance(t, str) and re.fullmatch("[A-Z]+", t) for t in accepted
        ):
            raise ConfigError(f"{DATA}: [{dataset}.types] {pattern!r} needs PLOVER type names")
        types.append((pattern, tuple(accepted)))
    roles: dict[str, Field] = {}
    for field, names in section.get("roles", {}).items():
        if field not in FIELDS or not isinstance(names, list):
            raise ConfigError(f"{DATA}: [{dataset}.roles] {field!r} is not one of {FIELDS}")
        for name in names:
            roles[str(name).lower()] = cast(Field, field)
    typed = []
    for entry in section.get("typed_roles", []):
        if set(entry) != {"role", "types", "field"} or entry["field"] not in FIELDS:
            raise ConfigError(
                f"{DATA}: [[{dataset}.typed_roles]] needs role, types and field, got {entry}"
            )
        typed.append(_TypedRole(str(entry["role"]).lower(), str(entry["types"]), entry["field"]))
    return SetMapping(tuple(types), roles, tuple(typed))
