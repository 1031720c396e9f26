"""Shared fixtures: one spaCy pipeline for the whole session (loading it takes a second)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tidings.nlp import load_pipeline
from tidings.sample import sample_paths

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REFERENCE_ARTICLE = SHARED / "examples" / "reference-article.txt"


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline()


@pytest.fixture(scope="session")
def wikinews() -> list[dict[str, str]]:
    """The bundled Wikinews sample (CC BY 2.5) as rows: url, date, title, text."""
    rows: list[dict[str, str]] = []
    for path in sample_paths():
        with path.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


@pytest.fixture(scope="session")
def reference_text() -> str:
    """The reference article, read at run time from ../shared (copyrighted: never committed)."""
    if not REFERENCE_ARTICLE.is_file():
        pytest.skip("../shared/examples/reference-article.txt is not available")
    return REFERENCE_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def wikinews_docs(
    nlp: Language, wikinews: list[dict[str, str]]
) -> list[tuple[dict[str, str], Doc]]:
    """The first 20 sample articles, parsed once for the whole session."""
    rows = wikinews[:20]
    return list(zip(rows, nlp.pipe(row["text"] for row in rows), strict=True))
