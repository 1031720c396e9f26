"""ACLED coding rules: ``data/events/acled.toml`` read and checked into :class:`AcledRules`.

Which roles make a side armed, which make a target civilians, and the ordered rules that give
an event its ACLED event type and sub-event type (the file's header says how a rule reads).
The 6 event types and 25 sub-event types are ACLED's (:data:`ACLED_SUB_EVENTS`);
a rule naming another, a sub-event of another type, or an unknown role is refused with its
line.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from tidings.rules.files import DataFile, Entry

__all__ = ["ACLED_SUB_EVENTS", "AcledRule", "AcledRules", "read_acled"]

# ACLED's event types and their sub-event types (the codebook's), the rules' vocabulary
ACLED_SUB_EVENTS: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb",
        "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}  # fmt: skip

SIDES = ("armed", "civilians")


@dataclass(frozen=True, slots=True)
class AcledRule:
    """One rule: the conditions it states (empty: any), and what it codes."""

    acled: str
    sub_event: str
    types: frozenset[str] = frozenset()
    modes: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    target: str | None = None  # "armed" | "civilians"
    actor: str | None = None  # "armed"


@dataclass(frozen=True, slots=True)
class AcledRules:
    armed: frozenset[str]
    civilian: frozenset[str]
    civilian_words: frozenset[str]
    rules: tuple[AcledRule, ...]


def read_acled(file: DataFile, roles: Collection[str], types: Collection[str]) -> AcledRules:
    """The rules of ``acled.toml``; ``roles`` are the known role codes, ``types`` the event
    types."""
    root = Entry(file, (), file.data)
    root.only("armed", "civilian", "civilian_words", "rule")
    for key in ("armed", "civilian"):
        for role in root.strings(key):
            if role not in roles:
                raise root.error(f"unknown role {role!r} (see roles.toml)", key)
    values: Any = file.data.get("rule", [])
    if not isinstance(values, list):
        raise file.error("expected [[rule]] tables", ("rule",))
    rules = []
    for number, value in enumerate(values):
        entry = Entry(file, ("rule",), value, item=number, label=f"[[rule]] number {number + 1}")
        rules.append(_rule(entry, types))
    return AcledRules(
        armed=frozenset(root.strings("armed")),
        civilian=frozenset(root.strings("civilian")),
        civilian_words=frozenset(word.lower() for word in root.strings("civilian_words")),
        rules=tuple(rules),
    )


def _rule(entry: Entry, types: Collection[str]) -> AcledRule:
    entry.only("types", "modes", "words", "target", "actor", "acled", "sub_event")
    acled = entry.required("acled")
    sub_event = entry.required("sub_event")
    if acled not in ACLED_SUB_EVENTS:
        raise entry.error(f"{entry.label}: {acled!r} is not an ACLED event type", "acled")
    if sub_event not in ACLED_SUB_EVENTS[acled]:
        raise entry.error(
            f"{entry.label}: {sub_event!r} is not a sub-event type of {acled}", "sub_event"
        )
    for name in entry.strings("types"):
        if name not in types:
            raise entry.error(
                f"{entry.label}: unknown event type {name!r} (see types.toml)", "types"
            )
    target, actor = entry.string("target"), entry.string("actor")
    if target is not None and target not in SIDES:
        raise entry.error(f"{entry.label}: target is one of {SIDES}, not {target!r}", "target")
    if actor is not None and actor != "armed":
        raise entry.error(f"{entry.label}: actor can only be 'armed', not {actor!r}", "actor")
    return AcledRule(
        acled=acled,
        sub_event=sub_event,
        types=frozenset(entry.strings("types")),
        modes=frozenset(entry.strings("modes")),
        words=frozenset(word.lower() for word in entry.strings("words")),
        target=target,
        actor=actor,
    )
