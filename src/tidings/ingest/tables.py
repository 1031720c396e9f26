"""JSON Lines and CSV/TSV files: one article per row, found by column name.

Columns (case-insensitive; the first present wins): text (text, body, content, article),
title (title, headline), url (url, link), date (date, published, date_publish, publish_date),
source (source, site, publisher). A date is kept when it reads as a date for sure (see
:mod:`tidings.ingest.published`), else ``published`` stays empty. A row that cannot be used
becomes an InputError naming ``file[N]`` (N: the line of a JSON Lines file, the data row of a
CSV file, from 1); the other rows are still read. A file with no rows at all is a TableError too.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

from tidings.errors import EmptyInput, InputError, TableError
from tidings.ingest.published import iso_published
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
    found = False
    for number, row in rows:
        found = True
        if isinstance(row, InputError):
            yield row
            continue
        try:
            yield _article_from_row(row, row_name(origin, number), published)
        except InputError as error:
            yield error
    if not found:
        yield TableError(origin, "no rows: the table holds no articles")


_JSON_KINDS = {
    bool: "a JSON true/false",
    int: "a JSON number",
    float: "a JSON number",
    list: "a JSON list",
    dict: "a JSON object",
}


def row_name(origin: str, number: int) -> str:
    """How a row is named in errors and in ``Article.origin``: ``news.csv[3]``."""
    return f"{origin}[{number}]"


def _article_from_row(row: Mapping[str, Any], origin: str, published: str | None) -> Article:
    lowered = {str(key).strip().lower(): value for key, value in row.items()}
    for key in COLUMNS["text"]:
        value = lowered.get(key)
        if value is not None and not isinstance(value, str):  # JSON numbers, booleans, lists
            kind = _JSON_KINDS.get(type(value), type(value).__name__)
            raise TableError(origin, f"the {key!r} column holds {kind}, not text")
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
        published=published or iso_published(fields["date"]),
    )


def _first(row: Mapping[str, Any], aliases: tuple[str, ...]) -> str | None:
    """The first non-blank value among ``aliases``; "" when they are all blank or null; None
    when none of the columns is there."""
    for alias in aliases:
        value = row.get(alias)
        if value is not None and str(value).strip():
            return str(value)
    return "" if any(alias in row for alias in aliases) else None


def _jsonl_rows(text: str, origin: str) -> Iterator[tuple[int, Mapping[str, Any] | InputError]]:
    # split on "\n" only: str.splitlines() would also split inside JSON strings at U+2028 etc.
    for number, line in enumerate(text.split("\n"), start=1):
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
    # a whole article fits in one field: lift the csv module's 128 KiB field limit (process-wide)
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    number = 0
    try:
        if not reader.fieldnames:
            yield 1, TableError(origin, "no header row with column names")
            return
        for number, row in enumerate(reader, start=1):
            yield number, row
    except csv.Error as error:
        where = row_name(origin, number + 1)
        yield number + 1, TableError(where, f"broken CSV at line {reader.line_num} ({error})")
