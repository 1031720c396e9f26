"""tidings: turn news articles into structured, evidence-backed facts.

``tidings.open("news.db")`` opens a database made by ``tidings ingest`` for queries
(:class:`tidings.store.queries.Corpus`): ``search``, ``events``, ``stories``, ``quotes``,
``places``, ``articles``, ``overview``, ``counts``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tidings.store.queries import Corpus

__version__ = "0.1.0"
__all__ = ["__version__", "open"]


def open(path: str | Path) -> Corpus:
    """The database at ``path``, opened read-only for queries."""
    from tidings.store.queries import Corpus

    return Corpus(path)
