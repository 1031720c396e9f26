"""The package's public surface is honest: every name in __all__ exists, modules import."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tidings


def modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(tidings.__path__, "tidings.")
        if m.name != "tidings.__main__"
    ]


@pytest.mark.parametrize("name", modules())
def test_module_imports_and_all_is_honest(name: str) -> None:
    module = importlib.import_module(name)
    for exported in getattr(module, "__all__", []):
        assert hasattr(module, exported), f"{name}.__all__ names missing {exported}"


def test_every_module_has_a_docstring() -> None:
    for name in modules():
        assert importlib.import_module(name).__doc__, name


def test_input_errors_survive_pickling() -> None:
    # runners send errors back from worker processes
    import pickle

    from tidings.errors import AnalysisError, FetchError, UnsupportedLanguage

    for error in (
        FetchError("https://example.org/a", "HTTP 404 Not Found"),
        UnsupportedLanguage("b.txt", "the text looks German", "de"),
        AnalysisError("c.txt", "analysis failed"),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error) and str(copy) == str(error)
        assert copy.origin == error.origin and copy.reason == error.reason
    assert pickle.loads(pickle.dumps(UnsupportedLanguage("b", "x", "de"))).language == "de"
