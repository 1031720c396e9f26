"""Quantities: the numbers an article claims, with their unit, qualifier and what they count.

Entry point: :func:`find_quantities` (:mod:`.claims`). :mod:`.units` reads the expression
around a number (its end, a range, a unit or currency, a rate), :mod:`.context` judges it
from the parse (a quantity at all? what does it count?), and :mod:`.numbers` holds the number
words, units and currencies.
"""

from tidings.extract.quantities.claims import find_quantities

__all__ = ["find_quantities"]
