"""Every vocabulary of the extractors, read and checked once into one :class:`Rules`.

``read_rules(data, extra)`` reads the data files under ``data`` (``events/types.toml``,
``events/triggers.toml``, ``events/sites.toml``, ``events/acled.toml``, ``roles.toml``,
``quotes/cues.toml``) and
a user's ``extra`` file; ``load_rules(extra)`` does it for the bundled files, once per
process and file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from tidings.rules.acled import AcledRules, read_acled
from tidings.rules.cues import Cues, read_cues
from tidings.rules.events import Lexicon, read_lexicon, read_sites
from tidings.rules.files import Entry, read_data
from tidings.rules.roles import RoleBook, SpeakerNouns, read_roles

__all__ = ["USER_TABLES", "Rules", "load_lexicon", "load_rules", "read_rules"]

USER_TABLES = ("trigger", "cues")  # what a user's file may hold


@dataclass(frozen=True, slots=True)
class Rules:
    """The vocabularies in force: passed to the extractors, never read from a global."""

    events: Lexicon  # event types, how each behaves, and their triggers
    roles: RoleBook  # actor roles and the role nouns, for actors
    speakers: SpeakerNouns  # the same nouns as quote speakers see them
    cues: Cues  # quote cue verbs
    sites: frozenset[str] = frozenset()  # nouns of spots where events happen ("station")
    acled: AcledRules | None = None  # ACLED coding


def read_rules(data: Path | Traversable, extra: Path | None = None) -> Rules:
    """The rules of the data files under ``data``, with a user's ``extra`` file (its
    ``[[trigger]]`` entries before the bundled ones, its ``[cues]`` added to them). A
    ConfigError names the file and line of anything wrong."""
    user = None
    if extra is not None:
        user = read_data(extra, "lexicon")
        Entry(user, (), user.data).only(*USER_TABLES)
    roles, speakers = read_roles(read_data(data / "roles.toml", "roles file"))
    events = read_lexicon(
        read_data(data / "events" / "types.toml", "types file"),
        read_data(data / "events" / "triggers.toml", "lexicon"),
        user,
        roles.labels,
    )
    cues = read_cues(read_data(data / "quotes" / "cues.toml", "cues file"), user)
    sites = read_sites(read_data(data / "events" / "sites.toml", "sites file"))
    acled = read_acled(
        read_data(data / "events" / "acled.toml", "ACLED rules"), roles.labels, events.types
    )
    return Rules(events=events, roles=roles, speakers=speakers, cues=cues, sites=sites, acled=acled)


@lru_cache(maxsize=8)
def load_rules(extra: Path | None = None) -> Rules:
    """The bundled rules with a user's ``extra`` file (the ``event_lexicon`` setting)."""
    return read_rules(resources.files("tidings") / "data", extra)


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """The event vocabulary of :func:`load_rules`."""
    return load_rules(extra).events
