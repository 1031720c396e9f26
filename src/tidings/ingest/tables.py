"""JSON Lines and CSV/TSV files: one article per row, found by column name.

Columns (case-insensitive; the first present wins): text (text, body, content, article),
title (title, headline), url (url, link), date (date, published, date_publish, publish_date),
source (source, site, publisher). A row that cannot be used becomes a TableError naming
``file[N]`` (N: the line of a JSON Lines file, the data row of a CSV file, from 1); the
other rows are still read.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from tidings.errors import EmptyInput, InputError, TableError
from tidings.ingest.text import article_from_text
from tidings.model import Article

COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "date": ("date", "published", "date_publish", "publish_date", "pubdate"),
    "source": ("source", "site", "publisher", "source_domain"),
}


def is_table(name: str) -> bool:
    """True for file names tidings reads as tables."""
    return name.lower().endswith((".jsonl", ".ndjson", ".csv", ".tsv"))


def read_table(
    text: str, origin: str, *, published: str | None = None
) -> Iterator[Article | InputError]:
    """Yield one Article (or the error that stopped it) per row."""
    name = origin.lower()
    if name.endswith((".jsonl", ".ndjson")):
        rows = _jsonl_rows(text, origin)
    else:
        rows = _csv_rows(text, origin, "\t" if name.endswith(".tsv") else ",")
    for number, row in rows:
        row_origin = row_name(origin, number)
        if isinstance(row, InputError):
            yield row
            continue
        try:
            yield _article_from_row(row, row_origin, published)
        except InputError as error:
            yield error


def row_name(origin: str, number: int) -> str:
    """How a row is named in errors and in ``Article.origin``: ``news.csv[3]``."""
    return f"{origin}[{number}]"


def _article_from_row(row: Mapping[str, Any], origin: str, published: str | None) -> Article:
    lowered = {str(key).strip().lower(): value for key, value in row.items()}
    fields = {name: _first(lowered, aliases) for name, aliases in COLUMNS.items()}
    if fields["text"] is None:
        names = ", ".join(sorted(lowered)) or "none"
        raise TableError(
            origin, f"no text column (looked for {', '.join(COLUMNS['text'])}; found {names})"
        )
    if not fields["text"].strip():
        raise EmptyInput(origin, "empty text in this row")
    return article_from_text(
        fields["text"],
        origin,
        title=fields["title"],
        url=fields["url"],
        source=fields["source"],
        published=published or fields["date"],
    )


def _first(row: Mapping[str, Any], aliases: tuple[str, ...]) -> str | None:
    for alias in aliases:
        value = row.get(alias)
        if value is not None and str(value).strip():
            return str(value)
    for alias in aliases:
        if alias in row and row[alias] is not None:
            return str(row[alias])
    return None


def _jsonl_rows(text: str, origin: str) -> Iterator[tuple[int, Mapping[str, Any] | InputError]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, TableError(row_name(origin, number), f"not valid JSON ({error.msg})")
            continue
        if not isinstance(value, dict):
            yield number, TableError(row_name(origin, number), "a JSON line must be an object")
            continue
        yield number, value


def _csv_rows(
    text: str, origin: str, delimiter: str
) -> Iterator[tuple[int, Mapping[str, Any] | InputError]]:
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    if not reader.fieldnames:
        yield 1, TableError(origin, "no header row with column names")
        return
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as error:
        yield 0, TableError(f"{origin} line {reader.line_num}", f"broken CSV ({error})")
