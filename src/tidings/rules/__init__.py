"""Rules as data: the vocabularies that say how tidings reads an article.

Entry point: :func:`load_rules` (:mod:`.loading`), giving one :class:`Rules` that
:func:`tidings.extract.extract` passes to every extractor. The data files live under
``tidings/data``: ``events/types.toml`` (event types and how each behaves: :mod:`.events`),
``events/triggers.toml`` (the words that report them), ``roles.toml`` (actor roles and one
list of role nouns for actors and quote speakers: :mod:`.roles`) and ``quotes/cues.toml``
(quote cue verbs: :mod:`.cues`). A user's file (the ``event_lexicon`` setting) adds
``[[trigger]]`` entries and a ``[cues]`` table. :mod:`.files` reads them, with errors that
name the file and the line. This package imports no extractor (and not spaCy): the store,
corpus and output layers read role labels from it.
"""

from tidings.rules.acled import AcledRule, AcledRules
from tidings.rules.cues import Cues
from tidings.rules.events import AttackStory, EventType, Lexicon, Trigger
from tidings.rules.loading import Rules, load_lexicon, load_rules, read_rules
from tidings.rules.roles import RoleBook, SpeakerNouns

__all__ = [
    "AcledRule",
    "AcledRules",
    "AttackStory",
    "Cues",
    "EventType",
    "Lexicon",
    "RoleBook",
    "Rules",
    "SpeakerNouns",
    "Trigger",
    "load_lexicon",
    "load_rules",
    "read_rules",
]
