"""Events: who did what to whom, where and when, the actors taking part, and the main event.

Entry points: :func:`find_events` (:mod:`.detection`) and :func:`find_main_event`
(:mod:`.main_event`), with the vocabulary :func:`load_lexicon` reads (:mod:`.lexicon`).
:mod:`.causes` keeps the triggers that report an event of their own, :mod:`.arguments` finds
their actor and target words, :mod:`.actors` groups mentions (:mod:`.mentions`) into actors
with roles (:mod:`.roles`), :mod:`.modality` says whether it happened, :mod:`.scene` where
and when, and :mod:`.casualties` how many were killed or injured.
"""

from tidings.extract.events.detection import find_events
from tidings.extract.events.lexicon import Lexicon, load_lexicon
from tidings.extract.events.main_event import find_main_event

__all__ = ["Lexicon", "find_events", "find_main_event", "load_lexicon"]
