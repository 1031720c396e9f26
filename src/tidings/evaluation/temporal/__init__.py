"""Time expressions on TimeML (TimeBank, AQUAINT; ``tidings eval temporal``).

Entry points: :func:`evaluate_temporal` (:mod:`.run`: run tidings over the data, score
it) and the renderers of :mod:`.report`. :mod:`.gold` reads the data set; :mod:`.scores`
holds the pure scoring functions.
"""

from tidings.evaluation.temporal.report import print_temporal_evaluation, temporal_evaluation_json
from tidings.evaluation.temporal.run import evaluate_temporal

__all__ = ["evaluate_temporal", "print_temporal_evaluation", "temporal_evaluation_json"]
