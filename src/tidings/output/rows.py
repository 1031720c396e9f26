"""Query results out: a table for people, JSON Lines or CSV for programs, GeoJSON for maps,
Parquet for analytics (with pyarrow installed).

Every writer takes the frozen dataclasses of :mod:`tidings.store.queries`; the table shows the
columns named for it, date values in words ("2022-03-16 night", "week 46 of 2017": see
:mod:`tidings.output.dates`), the other formats every field as stored. In GeoJSON a row
with no point (an event whose place is not known) is a feature with a null geometry
(RFC 7946, section 3.2), so that an export holds every row.
"""

from __future__ import annotations

import csv
import importlib
import json
from collections.abc import Sequence
from dataclasses import asdict, fields, is_dataclass
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from tidings.output.dates import human_date

__all__ = ["EXPORT_FORMATS", "LIST_FORMATS", "print_table", "write_rows"]

LIST_FORMATS = ("table", "json", "csv")
EXPORT_FORMATS = ("csv", "jsonl", "geojson", "parquet")
SHORT_COLUMNS = frozenset(
    {"id", "date", "type", "published", "first_published", "country", "mentions", "articles",
     "sources", "events"}
)  # fmt: skip
DATE_COLUMNS = frozenset({"date"})  # TIMEX3 values; publication dates are plain ISO dates


def print_table(rows: Sequence[Any], columns: Sequence[str], console: Console) -> None:
    """The named columns of ``rows`` as a table, long text wrapped."""
    table = Table(show_edge=False, pad_edge=False, expand=False)
    for column in columns:
        short = column in SHORT_COLUMNS
        table.add_column(column.replace("_", " "), overflow="fold", no_wrap=short)
    for row in rows:
        table.add_row(*(_cell(getattr(row, column), column) for column in columns))
    console.print(table)
    if not rows:
        console.print("[dim]nothing found[/dim]")


def write_rows(rows: Sequence[Any], output_format: str, out: TextIO | Path) -> None:
    """``rows`` as ``json`` / ``jsonl`` (one object a line), ``csv``, ``geojson`` (rows with
    lat/lon as points) or ``parquet`` (``out`` must be a path)."""
    if output_format == "parquet":
        if not isinstance(out, Path):
            raise ValueError("Parquet is written to a file: give --out FILE")
        _parquet(rows, out)
        return
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as handle:
            write_rows(rows, output_format, handle)
        return
    dicts = [_plain(row) for row in rows]
    if output_format in ("json", "jsonl"):
        for item in dicts:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    elif output_format == "csv":
        names = [field.name for field in fields(rows[0])] if rows else []
        writer = csv.DictWriter(out, fieldnames=names)
        writer.writeheader()
        writer.writerows(dicts)
    elif output_format == "geojson":
        json.dump(_feature_collection(dicts), out, ensure_ascii=False)
        out.write("\n")
    else:
        raise ValueError(f"unknown format {output_format!r}")


def _feature_collection(dicts: list[dict[str, Any]]) -> dict[str, Any]:
    """A feature per row: a point where the row has one, else a null geometry."""
    features = [
        {
            "type": "Feature",
            "geometry": (
                {"type": "Point", "coordinates": [item["lon"], item["lat"]]}
                if item.get("lat") is not None and item.get("lon") is not None
                else None
            ),
            "properties": {k: v for k, v in item.items() if k not in ("lat", "lon")},
        }
        for item in dicts
    ]
    return {"type": "FeatureCollection", "features": features}


def _parquet(rows: Sequence[Any], path: Path) -> None:
    try:
        arrow = importlib.import_module("pyarrow")
        parquet = importlib.import_module("pyarrow.parquet")
    except ImportError:
        raise ImportError(
            "Parquet export needs pyarrow: pip install pyarrow (in a checkout: "
            ".venv/bin/pip install -e '.[parquet]')"
        ) from None
    table = arrow.Table.from_pylist([_plain(row) for row in rows])
    parquet.write_table(table, path)


def _plain(row: Any) -> dict[str, Any]:
    if not is_dataclass(row) or isinstance(row, type):
        raise TypeError(f"expected a dataclass row, got {type(row).__name__}")
    return asdict(row)


def _cell(value: Any, column: str) -> str:
    if value is None:
        return ""
    if column in DATE_COLUMNS and isinstance(value, str):
        return escape(human_date(value))
    if isinstance(value, float):
        return f"{value:.4g}"
    return escape(" ".join(str(value).split()))
