"""Shared fixtures: one spaCy pipeline and the small gazetteer for the whole session, and the
full gazetteer for the few tests that need it, built at most once per run."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from small_gazetteer import SmallSources, build_small
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
    """The small gazetteer (tests/small_gazetteer.py): a few thousand real places, written by
    the builder from a subset of the packages' records, once per session (under a second)."""
    return build_small(tmp_path_factory.mktemp("data") / "tidings" / "gazetteer.sqlite")


@pytest.fixture(scope="session", autouse=True)
def data_home(built: Path) -> Iterator[Path]:
    """Every test (and every tidings process a test starts) finds the small gazetteer at the
    default path, $XDG_DATA_HOME/tidings/gazetteer.sqlite; none touches the user's."""
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
    """The small gazetteer, open for the whole session."""
    return Gazetteer(built)


@pytest.fixture
def small_sources(monkeypatch: pytest.MonkeyPatch) -> SmallSources:
    """For one test, a build anywhere (the first-use build of ``tidings analyze`` or of
    ``tidings gazetteer import`` too) reads the small gazetteer's records, not the packages':
    the builder's own code over fewer places, in under a second instead of 15."""
    from tidings.geo import sources

    small = SmallSources.from_fixture()
    for reader in ("geonames_data", "states", "state_cities", "country_facts"):
        monkeypatch.setattr(sources, reader, getattr(small, reader))
    return small


@pytest.fixture(scope="session")
def full_gazetteer(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full gazetteer (about 65 MiB), built through the CLI the first time a test asks for
    it and never again in the run (about 15 s). Tests that use it carry the
    ``full_gazetteer`` mark: ``pytest -m "not full_gazetteer"`` leaves them and the build out."""
    from click.testing import CliRunner

    from tidings.cli import main

    path = tmp_path_factory.mktemp("full") / "tidings" / "gazetteer.sqlite"
    result = CliRunner().invoke(main, ["gazetteer", "build", "--path", str(path)])
    assert result.exit_code == 0, result.output
    assert f"{path}: " in result.output and "MiB" in result.output
    return path


@pytest.fixture
def full_data_home(full_gazetteer: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """For one test, the default gazetteer path (and so ``load_settings()``, ``Settings()``
    and every tidings process the test starts) is the full gazetteer."""
    home = full_gazetteer.parent.parent
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Whatever uses the full gazetteer is marked so (see :func:`full_gazetteer`)."""
    for item in items:
        if "full_gazetteer" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.full_gazetteer)
