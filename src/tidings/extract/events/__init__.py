"""Events: who did what to whom, where and when, the actors taking part, and the main event.

Entry points: :func:`find_events` (:mod:`.detection`) and :func:`find_main_event`
(:mod:`.main_event`), both reading the rules of :mod:`tidings.rules` (event types and how each
behaves, triggers, roles). :mod:`.lexicon` finds the triggers, :mod:`.selection` keeps those
that report an event of their own, :mod:`.causes` settles a type from what caused it,
:mod:`.arguments` finds their actor and target words, :mod:`.actors` groups mentions
(:mod:`.mentions`) into actors, :mod:`.modality` says whether it happened and
:mod:`.allegations` who claims it, :mod:`.scene` where and when, and :mod:`.casualties` how
many were killed or injured.
"""

from tidings.extract.events.detection import find_events
from tidings.extract.events.main_event import find_main_event

__all__ = ["find_events", "find_main_event"]
