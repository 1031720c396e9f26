"""Quality gate: pinned floors on public annotated data, so a change that makes tidings worse
fails here, not in an analyst's hands.

The floors, the slices they were measured on, the values measured and a digest of the data
are in tests/quality_floors.toml (see its header). The data lives in ../shared/eval (licensed
for local evaluation only, never copied here): without it the gates skip. When the data
changes under a gate (its digest differs) the gate fails and says so, rather than hold the
new data to floors measured on the old.

Re-measure every gate (and print the digests) with the gazetteer at the default path:

    .venv/bin/python tests/test_quality_gate.py
"""

from __future__ import annotations

import hashlib
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
FLOORS_FILE = Path(__file__).with_name("quality_floors.toml")
GATES: dict[str, dict[str, Any]] = tomllib.loads(FLOORS_FILE.read_text(encoding="utf-8"))

# The most a floor may sit under its measured value ("a little under").
MARGIN = 0.05


def digest(path: Path) -> str:
    """sha256 over a file, or over every file under a folder (relative path and bytes each,
    in path order)."""
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    hashed = hashlib.sha256()
    for file in files:
        hashed.update(file.relative_to(path.parent).as_posix().encode() + b"\0")
        hashed.update(file.read_bytes())
    return hashed.hexdigest()


def _quotes(path: Path, limit: int) -> dict[str, float]:
    from tidings.evaluation.quotes.run import evaluate_quotes
    from tidings.settings import Settings

    result = evaluate_quotes(path, Settings(), limit=limit)
    return {
        "content overlap F1": result.all.content.overlap.f1,
        "direct content exact F1": result.direct.content.exact.f1,
        "source exact precision": result.all.source.exact.precision,
        "cue exact precision": result.all.cue.exact.precision,
        "speaker accuracy on found contents": result.all.speaker.accuracy_found,
    }


def _places(path: Path, limit: int) -> dict[str, float]:
    from tidings.evaluation.places.run import evaluate_geoparsing
    from tidings.settings import load_settings

    result = evaluate_geoparsing(path, load_settings(), limit=limit)
    return {
        "toponym F1": result.end_to_end.spans.f1,
        "Acc@161": result.end_to_end.distances.accuracy_at_161 or 0.0,
        "Acc@161 below country level": result.below_country.distances.accuracy_at_161 or 0.0,
    }


def _main_events(path: Path, limit: int) -> dict[str, float]:
    from tidings.evaluation.main_events.run import evaluate_main_events
    from tidings.settings import load_settings

    result = evaluate_main_events(path, load_settings(), limit=limit)
    four = result.scores.pooled(("who", "what", "when", "where"))
    return {
        "who/what/when/where precision": four.precision,
        "who/what/when/where recall": four.recall,
        "all six precision": result.scores.pooled().precision,
    }


def _dates(path: Path, limit: int) -> dict[str, float]:
    from tidings.evaluation.temporal.run import evaluate_temporal
    from tidings.settings import Settings

    scores = evaluate_temporal(path, Settings(), limit=limit).scores
    return {
        "value F1": scores.value_f1,
        "relaxed F1": scores.relaxed_f1,
        "strict F1": scores.strict_f1,
        "type accuracy": scores.type_accuracy,
    }


def _events(path: Path, limit: int) -> dict[str, float]:
    from tidings.evaluation.events.run import evaluate_events
    from tidings.settings import load_settings

    scores = evaluate_events(path, load_settings(), limit=limit).scores
    return {
        "trigger recall, mapped types": scores.mapped_trigger_recall,
        "type accuracy": scores.type_accuracy,
        "Arg-C F1 on found triggers": scores.pooled.f1,
        "place F1": scores.fields["place"].f1,
    }


MEASURES: dict[str, Callable[[Path, int], dict[str, float]]] = {
    "quotes": _quotes,
    "places": _places,
    "main_events": _main_events,
    "dates": _dates,
    "events": _events,
}


def test_the_floors_file_is_whole() -> None:
    """Every gate names a task, its data, its slice and a digest, and each floor sits a little
    under the value measured, for exactly the measures its task gives."""
    assert set(GATES) >= {
        "quotes", "dates", "main-events", "places-GeoVirus", "places-TR-News",
        "events-WikiEvents", "events-RAMS",
    }  # fmt: skip
    names = {"quotes": 5, "places": 3, "main_events": 3, "dates": 4, "events": 4}
    for name, gate in GATES.items():
        assert gate["task"] in MEASURES, name
        assert isinstance(gate["limit"], int) and gate["limit"] > 0, name
        assert len(gate["digest"]) == 64 and gate["data"] and gate["measured_on"], name
        floors, measured = gate["floors"], gate["measured"]
        assert set(floors) == set(measured) and len(floors) == names[gate["task"]], name
        for measure, floor in floors.items():
            assert measured[measure] - MARGIN <= floor <= measured[measure], (name, measure)


def test_the_digest_sees_a_changed_renamed_or_added_file(tmp_path: Path) -> None:
    data = tmp_path / "dev"
    (data / "text").mkdir(parents=True)
    (data / "text" / "a.txt").write_text("Officials said.\n")
    (data / "b.ann").write_text("T1\tCue 10 14\tsaid\n")
    first = digest(data)
    assert digest(data) == first and len(first) == 64
    (data / "text" / "a.txt").write_text("Officials sad.\n")
    assert digest(data) != first
    (data / "text" / "a.txt").write_text("Officials said.\n")
    assert digest(data) == first
    (data / "b.ann").rename(data / "c.ann")
    assert digest(data) != first
    (data / "c.ann").rename(data / "b.ann")
    (data / "text" / "new.txt").write_text("")
    assert digest(data) != first
    assert digest(data / "b.ann") != digest(data / "text" / "a.txt")


@pytest.mark.full_gazetteer
@pytest.mark.parametrize("name", sorted(GATES))
def test_quality_stays_above_its_floors(name: str, request: pytest.FixtureRequest) -> None:
    """Measured with the full gazetteer, as docs/quality.md measures (asked for only once the
    data is known to be there and the same)."""
    gate = GATES[name]
    path = EVAL / gate["data"]
    if not path.exists():
        pytest.skip(f"../shared/eval/{gate['data']} is not available")
    found = digest(path)
    assert found == gate["digest"], (
        f"../shared/eval/{gate['data']} changed under the floors of [{name}] "
        f"(sha256 {found}, they were measured on {gate['digest']}): measure again "
        "(python tests/test_quality_gate.py) and update tests/quality_floors.toml"
    )
    request.getfixturevalue("full_data_home")
    measured = MEASURES[gate["task"]](path, gate["limit"])
    below = {
        measure: f"{value:.3f} < {gate['floors'][measure]}"
        for measure, value in measured.items()
        if value < gate["floors"][measure]
    }
    assert not below, f"[{name}] on {gate['slice']}: below the floors: {below}"


def main() -> int:
    """Measure every gate and print what quality_floors.toml records of it."""
    for name, gate in GATES.items():
        path = EVAL / gate["data"]
        if not path.exists():
            print(f"[{name}] ../shared/eval/{gate['data']} is not available", file=sys.stderr)
            continue
        measured = MEASURES[gate["task"]](path, gate["limit"])
        print(f"[{name}]\ndigest = {digest(path)!r}")
        for measure, value in measured.items():
            print(f"  {measure!r}: {value:.3f} (floor {gate['floors'].get(measure)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
