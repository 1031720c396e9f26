"""The layers of the package hold: each import that would cross one fails here.

From the bottom: ``model`` (the facts) and ``schema``; ``corpus`` (pure rules over facts) and
``extract`` (a parsed document to facts); ``store`` (the database, and only that); then the
flow (``pipeline``, ``ingestion``, ``runners``, ``ingest``) and the faces (``output``,
``cli``). ``evaluation`` is closed: only the CLI imports it. Imports are read from the source
with ``ast``, those inside functions included, so a lazy import cannot slip past.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "tidings"

# package (or module) -> the tidings packages it must never import
FORBIDDEN = {
    "model": {"extract", "store", "corpus", "pipeline", "ingestion", "runners", "ingest",
              "output", "cli", "evaluation", "geo", "nlp"},
    "store": {"pipeline", "ingestion", "runners", "ingest", "extract", "nlp", "output", "cli",
              "evaluation"},
    "corpus": {"extract", "store", "pipeline", "ingestion", "runners", "ingest", "nlp",
               "output", "cli", "evaluation"},
    "extract": {"store", "corpus", "pipeline", "ingestion", "runners", "ingest", "output",
                "cli", "evaluation"},
    "output": {"evaluation", "cli", "pipeline", "ingestion", "runners"},
    "rules": {"model", "schema", "extract", "store", "corpus", "pipeline", "ingestion",
              "runners", "ingest", "output", "cli", "evaluation", "geo", "nlp", "settings"},
    "geo": {"extract", "store", "corpus", "pipeline", "ingestion", "runners", "output", "cli",
            "evaluation"},
}  # fmt: skip
MAY_IMPORT_EVALUATION = {"cli", "evaluation"}


def _imports(path: Path) -> set[str]:
    """The tidings sub-packages (first name after ``tidings.``) a module imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "tidings" and len(parts) > 1:
                found.add(parts[1])
    return found


def _layer(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0].removesuffix(".py")


MODULES = sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_import_crosses_a_layer(path: Path) -> None:
    layer = _layer(path)
    imported = _imports(path)
    crossing = imported & FORBIDDEN.get(layer, set())
    if layer not in MAY_IMPORT_EVALUATION and "evaluation" in imported:
        crossing.add("evaluation")
    assert not crossing, f"tidings.{layer} must not import {sorted(crossing)}"


def test_the_rules_see_real_imports() -> None:
    """The reader finds imports at the top and inside functions (so the test above can
    fail)."""
    writer = _imports(PACKAGE / "store" / "writer.py")
    assert {"model", "store"} <= writer
    assert "evaluation" in _imports(PACKAGE / "cli" / "evaluate.py")
    assert "store" in _imports(PACKAGE / "__init__.py")  # tidings.open imports it lazily
