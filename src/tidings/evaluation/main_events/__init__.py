"""The main event's 5W1H answers on Giveme5W1H (``tidings eval 5w1h``).

Entry points: :func:`evaluate_main_events` (:mod:`.run`: run tidings over the data, score
it) and the renderers of :mod:`.report`. :mod:`.gold` reads the data set; :mod:`.scores`
holds the pure scoring functions.
"""

from tidings.evaluation.main_events.report import (
    main_event_evaluation_json,
    print_main_event_evaluation,
)
from tidings.evaluation.main_events.run import evaluate_main_events

__all__ = ["evaluate_main_events", "main_event_evaluation_json", "print_main_event_evaluation"]
