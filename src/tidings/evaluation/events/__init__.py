"""Events on WikiEvents and RAMS (``tidings eval events``): triggers, types and arguments.

Entry points: :func:`evaluate_events` (:mod:`.run`: run tidings over the data, score it) and
the renderers of :mod:`.report`. :mod:`.gold` reads the data sets, :mod:`.mapping` maps their
types and roles to PLOVER types and tidings' fields, and :mod:`.scores` holds the pure
scoring functions.
"""

from tidings.evaluation.events.report import (
    event_evaluation_json,
    print_event_evaluation,
    write_misses,
)
from tidings.evaluation.events.run import evaluate_events

__all__ = ["evaluate_events", "event_evaluation_json", "print_event_evaluation", "write_misses"]
