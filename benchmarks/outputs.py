"""Has the output changed? The JSON of every bundled sample article against a stored digest.

A refactoring promises that ``tidings analyze --sample --format jsonl`` gives the same JSON
before and after. This script keeps that promise checkable: ``check`` runs the command and
compares one SHA-256 per article (of its JSON with sorted keys) with
``benchmarks/outputs.digest``; ``update`` rewrites the digest after a change that is meant to
change outputs (say why in the commit). ``--ignore`` leaves out fields a change adds, as
dotted paths into each article's object (``quotes.speaker.resolved_from``), so the rest can
still be shown unchanged. ``--save FILE`` keeps the JSON Lines for a diff.

    python benchmarks/outputs.py check
    python benchmarks/outputs.py check --save /tmp/after.jsonl
    python benchmarks/outputs.py update

The digest depends on the spaCy model and the gazetteer; its first line names the model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

DIGEST = Path(__file__).with_name("outputs.digest")
COMMAND = ["analyze", "--sample", "--format", "jsonl"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("check", "update"))
    parser.add_argument("--ignore", action="append", default=[], metavar="PATH")
    parser.add_argument("--save", type=Path, metavar="FILE", help="keep the JSON Lines here")
    arguments = parser.parse_args()
    lines = _run()
    if arguments.save:
        arguments.save.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    digests = {_id(line): _digest(line, arguments.ignore) for line in lines}
    header = f"# {_model()}; tidings {' '.join(COMMAND)}"
    if arguments.action == "update":
        body = "".join(f"{key} {value}\n" for key, value in digests.items())
        DIGEST.write_text(f"{header}\n{body}", encoding="utf-8")
        print(f"{DIGEST}: {len(digests)} articles")
        return 0
    stored = _stored()
    changed = sorted(key for key in digests.keys() & stored.keys() if digests[key] != stored[key])
    added, gone = sorted(digests.keys() - stored.keys()), sorted(stored.keys() - digests.keys())
    for label, keys in (("changed", changed), ("new", added), ("missing", gone)):
        for key in keys:
            print(f"{label}: {key}")
    if changed or added or gone:
        print(f"{len(changed)} changed, {len(added)} new, {len(gone)} missing of {len(stored)}")
        return 1
    print(f"unchanged: {len(digests)} articles ({header[2:]})")
    return 0


def _run() -> list[str]:
    tidings = Path(sys.executable).with_name("tidings")
    result = subprocess.run(
        [str(tidings), *COMMAND], check=True, capture_output=True, text=True, encoding="utf-8"
    )
    return [line for line in result.stdout.splitlines() if line.strip()]


def _id(line: str) -> str:
    return str(json.loads(line)["article"]["id"])


def _digest(line: str, ignore: list[str]) -> str:
    document = json.loads(line)
    for path in ignore:
        _drop(document, path.split("."))
    canonical = json.dumps(document, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _drop(value: Any, path: list[str]) -> None:
    """Remove ``path`` from ``value``, through every item of the lists on the way."""
    if isinstance(value, list):
        for item in value:
            _drop(item, path)
    elif isinstance(value, dict) and path:
        if len(path) == 1:
            value.pop(path[0], None)
        elif path[0] in value:
            _drop(value[path[0]], path[1:])


def _stored() -> dict[str, str]:
    lines = DIGEST.read_text(encoding="utf-8").splitlines()
    return dict(line.split(" ", 1) for line in lines if line and not line.startswith("#"))


def _model() -> str:
    import spacy

    from tidings.nlp import default_model_name

    name = default_model_name()
    return f"spaCy {spacy.__version__}, {name} {spacy.util.get_package_version(name)}"


if __name__ == "__main__":
    sys.exit(main())
