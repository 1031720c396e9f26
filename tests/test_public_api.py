"""The public API of ``import tidings`` is honest both ways: everything in ``__all__`` exists
and is documented, and nothing public in the package's namespace is left out of it."""

from __future__ import annotations

import subprocess
import sys
import types

import tidings
from tidings.model import Facts


def test_every_exported_name_exists_and_is_documented() -> None:
    for name in tidings.__all__:
        value = getattr(tidings, name)
        if name == "__version__":
            continue
        assert value.__doc__, f"tidings.{name} has no docstring"
        assert name in (tidings.__doc__ or ""), f"the package docstring does not name {name}"


def test_nothing_public_is_missing_from_all() -> None:
    for name in tidings.__all__:
        getattr(tidings, name)  # the lazy names too
    public = {
        name
        for name, value in vars(tidings).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in ("annotations", "TYPE_CHECKING", "Any", "Path")
    }
    assert public == set(tidings.__all__) - {"__version__"}
    assert sorted(dir(tidings)) == sorted(tidings.__all__)


def test_the_readme_example_runs() -> None:
    facts = tidings.analyze_text(
        "Mayor Anna Berg opened the new bridge in Riverton on Monday. "
        "She said the city had waited ten years for it.",
        tidings.Settings(),
        title="Bridge opens in Riverton",
        published="2026-11-30",
    )
    assert isinstance(facts, Facts)
    (quote,) = facts.quotes
    assert quote.speaker is not None and quote.speaker.name == "Mayor Anna Berg"
    assert tidings.to_dict(facts)["quotes"][0]["speaker"]["resolved_from"]["text"] == "She"
    assert any(d.value == "2026-11-30" for d in facts.dates)


def test_importing_tidings_loads_no_model() -> None:
    code = "import sys, tidings; print('spacy' in sys.modules, 'pydantic' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "False"], result.stderr
