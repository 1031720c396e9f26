"""Shared fixtures: one spaCy pipeline and one gazetteer for the whole session."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from tidings.geo import Gazetteer
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


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real index, built once per session through the CLI (about 20 s)."""
    from click.testing import CliRunner

    from tidings.cli import main

    path = tmp_path_factory.mktemp("data") / "tidings" / "gazetteer.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "build", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert "MiB" in result.output
    return path


@pytest.fixture(scope="session", autouse=True)
def data_home(built: Path) -> Iterator[Path]:
    """Every test (and every tidings process a test starts) finds the session's gazetteer at
    the default path, $XDG_DATA_HOME/tidings/gazetteer.sqlite; none touches the user's."""
    home = built.parent.parent
    saved = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(home)
    yield home
    if saved is None:
        del os.environ["XDG_DATA_HOME"]
    else:
        os.environ["XDG_DATA_HOME"] = saved


@pytest.fixture(scope="session")
def gazetteer(built: Path) -> Gazetteer:
    """The real index, open for the whole session."""
    return Gazetteer(built)
