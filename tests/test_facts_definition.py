"""One definition of every fact: the dataclasses of tidings.model are the source, and the
shipped JSON Schema and the database tables follow from them. These tests fail when one of
the three drifts from the others: a field added to a dataclass without regenerating the
schema, or without a column (or a named reason not to store it)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

import tidings
from tidings.cli import main
from tidings.model import Facts, Span
from tidings.output.json import schema, validate
from tidings.schema.generate import SCHEMA_PATH, schema_text
from tidings.store.layout import ARTICLES, TABLES
from tidings.store.schema import MIGRATIONS, _statements, add_functions, connect

# Every field of a fact that has no column, and why: kept short on purpose.
NOT_COLUMNS = {
    ("entities", "mentions"): "table mentions",
    ("actors", "mentions"): "table actor_mentions",
    ("events", "evidence.text"): "a slice of articles.text",
    ("events", "date_span.text"): "a slice of articles.text",
    ("events", "mentions"): "table event_mentions",
    ("event_mentions", "evidence.text"): "a slice of articles.text",
    ("summaries", "text"): "a slice of articles.text",
}


def _nested(hint: Any) -> type | None:
    options = typing.get_args(hint) or (hint,)
    for option in options:
        inner = typing.get_args(option)[0] if typing.get_origin(option) is tuple else option
        if isinstance(inner, type) and dataclasses.is_dataclass(inner):
            return inner
    return None


def _paths(kind: type, prefix: str = "") -> list[str]:
    """Every field of a fact, nested facts' fields as dotted paths ("speaker.start")."""
    found: list[str] = []
    hints = typing.get_type_hints(kind)
    for part in dataclasses.fields(kind):
        path = prefix + part.name
        found.append(path)
        nested = _nested(hints[part.name])
        if nested is not None:
            found.extend(_paths(nested, path + "."))
    return found


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """The object schema ``node`` allows (through oneOf null and $ref)."""
    if "$ref" in node:
        return _resolve(schema()["$defs"][node["$ref"].rsplit("/", 1)[1]])
    if "oneOf" in node:
        (kept,) = [option for option in node["oneOf"] if option != {"type": "null"}]
        return _resolve(kept)
    if node.get("type") == "array":
        return _resolve(node["items"])
    return node


def _schema_paths(node: dict[str, Any], prefix: str = "") -> list[str]:
    found: list[str] = []
    for name, child in node.get("properties", {}).items():
        found.append(prefix + name)
        inner = _resolve(child)
        if inner.get("type") == "object":
            found.extend(_schema_paths(inner, prefix + name + "."))
    return found


def test_the_shipped_schema_is_what_the_dataclasses_generate() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "regenerate it: python -m tidings.schema.generate"
    )


def test_every_field_is_a_schema_property_and_every_property_a_field() -> None:
    assert sorted(_schema_paths(schema())) == sorted(["schema", *_paths(Facts)])


def test_closed_vocabularies_are_enums_in_the_schema() -> None:
    quote = _resolve(schema()["properties"]["quotes"])["properties"]
    event = _resolve(schema()["properties"]["events"])["properties"]
    date = _resolve(schema()["properties"]["dates"])["properties"]
    assert quote["kind"] == {"enum": ["direct", "indirect"]}
    assert event["modality"]["enum"][:2] == ["asserted", "reported"]
    assert date["type"]["enum"] == ["DATE", "TIME", "DURATION", "SET", None]
    assert event["place_source"]["enum"] == [
        "clause",
        "sentence",
        "context",
        "passage",
        "focus",
        None,
    ]


def test_a_property_the_schema_does_not_name_is_refused() -> None:
    command = ["analyze", "-", "--format", "json", "--no-places"]
    result = CliRunner().invoke(main, command, input=TEXT)
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    validate(document)
    document["quotes"][0]["speaker"]["nickname"] = "Berg"
    with pytest.raises(jsonschema.ValidationError, match="nickname"):
        validate(document)


def _columns(connection: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')}


def test_every_field_is_a_column_unless_it_is_named_as_an_exception(tmp_path: Path) -> None:
    connection = connect(tmp_path / "x.db")
    missing = []
    for table in (ARTICLES, *TABLES):
        real = _columns(connection, table.name)
        assert set(table.column_names) <= real, table.name
        covered = {".".join(column.path) for column in table.columns}
        paths = _paths(table.fact)
        for path in paths:
            nested = any(other.startswith(path + ".") for other in paths)
            kept_out = (table.name, path) in NOT_COLUMNS or any(
                path.startswith(out + ".") for name, out in NOT_COLUMNS if name == table.name
            )
            if not nested and not kept_out and path not in covered:
                missing.append(f"{table.name}.{path}")
        assert dict(table.kept_out).keys() == {
            out for name, out in NOT_COLUMNS if name == table.name
        }, table.name
    assert missing == []


def test_every_kind_of_fact_has_a_table() -> None:
    stored = {ARTICLES.fact} | {table.fact for table in TABLES}
    for part in dataclasses.fields(Facts):
        kind = _nested(typing.get_type_hints(Facts)[part.name])
        assert kind in stored, part.name
    assert Span in stored


TEXT = (
    "Bridge opens in Riverton\n\nMayor Anna Berg opened the new bridge in Riverton on "
    "Monday. She said the city had waited ten years for it.\n"
)


def test_the_pronoun_a_speaker_was_resolved_from_survives_an_ingest(tmp_path: Path) -> None:
    story = tmp_path / "bridge.txt"
    story.write_text(TEXT, encoding="utf-8")
    database = tmp_path / "news.db"
    result = CliRunner().invoke(main, ["ingest", str(story), "--db", str(database)])
    assert result.exit_code == 0, result.output
    connection = sqlite3.connect(database)
    row = connection.execute(
        "SELECT speaker, speaker_resolved_from, speaker_resolved_from_start, "
        "speaker_resolved_from_end FROM quotes"
    ).fetchone()
    assert row == ("Mayor Anna Berg", "She", TEXT.index("She"), TEXT.index("She") + 3)
    (quote,) = tidings.open(database).quotes(speaker="Berg")
    assert quote.resolved_from == "She"


def test_an_older_database_gains_the_columns_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    add_functions(old)
    for script in MIGRATIONS[:5]:
        for statement in _statements(script):
            old.execute(statement)
    old.execute("PRAGMA user_version = 5")
    old.commit()
    old.close()
    assert "speaker_resolved_from" in _columns(connect(path), "quotes")


def test_the_acled_vocabulary_of_the_rules_is_the_contracts() -> None:
    """The ACLED types an event may carry (model) are those the ACLED rules are checked
    against (rules), in the same order."""
    from tidings.model import AcledSubEvent, AcledType
    from tidings.rules.acled import ACLED_SUB_EVENTS

    assert typing.get_args(AcledType) == tuple(ACLED_SUB_EVENTS)
    assert typing.get_args(AcledSubEvent) == tuple(
        sub for subs in ACLED_SUB_EVENTS.values() for sub in subs
    )
