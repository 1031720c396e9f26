"""Quote attribution on PolNeAR (``tidings eval quotes``).

Entry points: :func:`evaluate_quotes` (:mod:`.run`: read the gold annotations, run tidings,
score) and the renderers of :mod:`.report`. :mod:`.brat` reads brat standoff files;
:mod:`.scores` holds the pure scoring of source, cue and content spans.
"""

from tidings.evaluation.quotes.report import print_quote_evaluation, quote_evaluation_json
from tidings.evaluation.quotes.run import evaluate_quotes

__all__ = ["evaluate_quotes", "print_quote_evaluation", "quote_evaluation_json"]
