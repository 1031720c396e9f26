"""The JSON Schema of the output contract, generated from the fact dataclasses.

:func:`article_schema` walks :class:`tidings.model.Facts` and its field types: ``str``,
``int``, ``float`` and ``bool`` become JSON types, ``X | None`` allows ``null``, a ``Literal``
is an ``enum``, a tuple an array, a nested dataclass an object (a :class:`~tidings.model.Span`
a reference to ``$defs/span``), and ``Annotated`` constraints their keywords. Every field is
required (the JSON always has every key) and no other property is allowed, so a field added to
a dataclass shows up in the schema or fails its test.

The generated file ships as ``tidings/schema/article.schema.json``; after changing a fact,
regenerate it::

    python -m tidings.schema.generate
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

from tidings.model import Facts, Span
from tidings.schema import SCHEMA_ID, constraints

__all__ = ["SCHEMA_ID", "SCHEMA_PATH", "article_schema", "schema_text"]

SCHEMA_PATH = Path(__file__).with_name("article.schema.json")
DESCRIPTION = (
    "The facts tidings extracts from one news article. Offsets are Python string indexes "
    "into article.text, end-exclusive. Generated from tidings.model; a later version may "
    "add properties (readers should ignore those they do not know), none is ever renamed."
)
SCALARS: dict[Any, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}
KEYWORDS: dict[type, str] = {
    constraints.Pattern: "pattern",
    constraints.Minimum: "minimum",
    constraints.Maximum: "maximum",
    constraints.MinLength: "minLength",
    constraints.MinItems: "minItems",
}
REFERENCES: dict[type, str] = {Span: "span"}  # dataclasses written once, under $defs


def article_schema() -> dict[str, Any]:
    """The contract's schema, as a JSON object."""
    body = _object(Facts)
    body["required"] = ["schema", *body["required"]]
    body["properties"] = {"schema": {"const": SCHEMA_ID}, **body["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://tidings.example/schema/article@1.json",
        "title": SCHEMA_ID,
        "description": DESCRIPTION,
        **body,
        "$defs": {name: _object(kind) for kind, name in REFERENCES.items()},
    }


def schema_text() -> str:
    """The schema as the shipped file holds it."""
    return json.dumps(article_schema(), indent=2, ensure_ascii=False) + "\n"


def _object(kind: type) -> dict[str, Any]:
    hints = typing.get_type_hints(kind, include_extras=True)
    names = [field.name for field in dataclasses.fields(kind)]
    return {
        "type": "object",
        "required": names,
        "additionalProperties": False,
        "properties": {name: _value(hints[name]) for name in names},
    }


def _value(hint: Any) -> dict[str, Any]:
    """The schema of one field's type."""
    hint, keywords = _unannotated(hint)
    options = typing.get_args(hint) if _is_union(hint) else (hint,)
    nullable = type(None) in options
    present = [option for option in options if option is not type(None)]
    if len(present) != 1:
        raise TypeError(f"one type or one type | None, not {hint}")
    inner, inner_keywords = _unannotated(present[0])  # Annotated[X, ...] | None
    return {**_present(inner, nullable), **inner_keywords, **keywords}


def _unannotated(hint: Any) -> tuple[Any, dict[str, Any]]:
    """The type inside ``Annotated[...]`` and its constraints as JSON Schema keywords."""
    if typing.get_origin(hint) is not typing.Annotated:
        return hint, {}
    inner, *metadata = typing.get_args(hint)
    keywords = {KEYWORDS[type(item)]: dataclasses.astuple(item)[0] for item in metadata}
    return inner, keywords


def _present(hint: Any, nullable: bool) -> dict[str, Any]:
    """The schema of a type that is not a union, with null allowed when ``nullable``."""
    if typing.get_origin(hint) is Literal:
        values: list[Any] = list(typing.get_args(hint))
        return {"enum": [*values, None] if nullable else values}
    if hint in SCALARS:
        return {"type": [SCALARS[hint], "null"] if nullable else SCALARS[hint]}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        inner = {"$ref": f"#/$defs/{REFERENCES[hint]}"} if hint in REFERENCES else _object(hint)
        return {"oneOf": [{"type": "null"}, inner]} if nullable else inner
    if typing.get_origin(hint) is tuple and not nullable:
        item, more = typing.get_args(hint)
        if more is Ellipsis:
            return {"type": "array", "items": _value(item)}
    raise TypeError(f"no JSON Schema for {hint}")


def _is_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (Union, types.UnionType)


def main() -> int:
    """Write the schema file; with ``--check``, only say whether it is up to date."""
    if "--check" in sys.argv[1:]:
        same = SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()
        print(f"{SCHEMA_PATH}: {'up to date' if same else 'out of date: regenerate it'}")
        return 0 if same else 1
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
