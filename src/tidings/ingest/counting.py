"""How many articles sources hold, estimated cheaply before reading them (for a progress
bar with the time left): a text or HTML file is one article, a JSON Lines table one per
non-empty line, a CSV/TSV table one per record after the header (parsed, so a quoted field
over several lines counts once), a folder the sum of its files. Feeds, archives, URL lists,
URLs and standard input cannot be counted without reading them: then there is no estimate.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from tidings.ingest import folder_files
from tidings.ingest.tables import is_table

__all__ = ["estimate_articles"]

SINGLE = (".txt", ".text", ".md", ".html", ".htm")


def estimate_articles(sources: Iterable[str]) -> int | None:
    """About how many articles ``sources`` hold, or None when that cannot be known cheaply."""
    total = 0
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = folder_files(path)
        elif path.is_file():
            files = [path]
        else:
            return None  # a URL, standard input, a pattern or a missing file
        for file in files:
            count = _articles_in(file)
            if count is None:
                return None  # a feed, an archive, a URL list: only reading it tells
            total += count
    return total


def _articles_in(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith(SINGLE):
        return 1
    if not is_table(name):
        return None
    try:
        if name.endswith((".csv", ".tsv")):
            return max(_records(path, "\t" if name.endswith(".tsv") else ",") - 1, 0)
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except (OSError, csv.Error):
        return 1  # reading it will report the error


def _records(path: Path, delimiter: str) -> int:
    """The non-empty records of a CSV/TSV file, header included."""
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        return sum(1 for row in csv.reader(handle, delimiter=delimiter) if any(row))
