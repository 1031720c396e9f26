"""Geoparsing on GeoVirus and TR-News (``tidings eval geoparsing``).

Entry points: :func:`evaluate_geoparsing` (:mod:`.run`: run tidings over the data, score
it) and the renderers of :mod:`.report`. :mod:`.gold` reads the data set; :mod:`.scores`
holds the pure scoring functions.
"""

from tidings.evaluation.places.report import geoparsing_evaluation_json, print_geoparsing_evaluation
from tidings.evaluation.places.run import evaluate_geoparsing

__all__ = ["evaluate_geoparsing", "geoparsing_evaluation_json", "print_geoparsing_evaluation"]
