"""Facts to the JSON output contract ``tidings/article@1`` (documented in docs/output-format.md).

The contract's JSON Schema ships in the package (``tidings/schema/article.schema.json``);
``validate`` checks a document against it.
"""

from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from tidings.model import Facts
from tidings.schema import SCHEMA_ID


def to_dict(facts: Facts) -> dict[str, Any]:
    """The contract's JSON object for one article (plain dicts, lists and scalars)."""
    return {"schema": SCHEMA_ID, **dataclasses.asdict(facts, dict_factory=_plain_dict)}


def _plain_dict(items: list[tuple[str, Any]]) -> dict[str, Any]:
    return {key: list(value) if isinstance(value, tuple) else value for key, value in items}


def to_json(facts: Facts, *, indent: int | None = None) -> str:
    """One article as JSON text (one line when ``indent`` is None)."""
    return json.dumps(to_dict(facts), ensure_ascii=False, indent=indent, allow_nan=False)


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the output contract."""
    text = resources.files("tidings.schema").joinpath("article.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validate(document: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``document`` follows the contract."""
    import jsonschema

    jsonschema.validate(document, schema())
