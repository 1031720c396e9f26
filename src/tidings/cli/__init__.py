"""The ``tidings`` command: a thin shell that parses options, calls the library and prints.

One module per command family registers its commands on :data:`main`: ``analyze``,
``eval`` (:mod:`.evaluate`), ``gazetteer``, and the corpus commands (:mod:`.corpus`).
"""

from tidings.cli import analyze, corpus, evaluate, gazetteer, queries  # noqa: F401  (registers)
from tidings.cli.app import main

__all__ = ["main"]
