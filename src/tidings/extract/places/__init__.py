"""Places: which words name places, resolved against the offline gazetteer.

Entry point: :func:`find_places` (:mod:`.toponyms`: recognition, metonymy, the places the
article is about); :mod:`.names` holds the lexical tests on candidate names.
"""

from tidings.extract.places.toponyms import find_places

__all__ = ["find_places"]
