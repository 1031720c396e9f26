"""The ``tidings`` command: a thin shell that parses options, calls the library and prints.

One module per command family registers its commands on :data:`main`: ``analyze``,
``eval`` (:mod:`.evaluate`), ``gazetteer``, ``ingest`` (:mod:`.corpus`), and the commands
that read a database (:mod:`.queries`).
"""

from tidings.cli import analyze, corpus, evaluate, gazetteer, queries  # noqa: F401  (registers)
from tidings.cli.app import main

__all__ = ["main"]
