"""How many articles sources hold, estimated cheaply before reading them (for a progress
bar with the time left): a text or HTML file is one article, a JSON Lines table one per
non-empty line, a CSV/TSV table one per line after the header (a quoted field over several
lines counts more than once), a folder the sum of its files. Feeds, archives, URL lists,
URLs and standard input cannot be counted without reading them: then there is no estimate.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from tidings.ingest.feeds import FEED_SUFFIXES
from tidings.ingest.tables import is_table
from tidings.ingest.urls import URL_LIST_SUFFIXES
from tidings.ingest.warc import ARCHIVE_SUFFIXES

__all__ = ["estimate_articles"]

SINGLE = (".txt", ".text", ".md", ".html", ".htm")


def estimate_articles(sources: Iterable[str]) -> int | None:
    """About how many articles ``sources`` hold, or None when that cannot be known cheaply."""
    total = 0
    for source in sources:
        path = Path(source)
        if path.is_dir():
            files = [
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            counts = [_file(p) for p in files if _known(p)]
            if any(count is None for count in counts) or any(_unknown(p) for p in files):
                return None
            total += sum(count or 0 for count in counts)
        elif path.is_file():
            count = _file(path)
            if count is None:
                return None
            total += count
        else:
            return None  # a URL, standard input, or a missing file
    return total


def _known(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(SINGLE) or is_table(name)


def _unknown(path: Path) -> bool:
    """A file a folder read would take but that cannot be counted (feeds, archives)."""
    name = path.name.lower()
    return name.endswith((".xml", *FEED_SUFFIXES, *URL_LIST_SUFFIXES, *ARCHIVE_SUFFIXES))


def _file(path: Path) -> int | None:
    name = path.name.lower()
    if name.endswith(SINGLE):
        return 1
    if not is_table(name):
        return None
    try:
        with path.open("rb") as handle:
            lines = sum(1 for line in handle if line.strip())
    except OSError:
        return 1  # reading it will report the error
    return max(lines - 1, 0) if name.endswith((".csv", ".tsv")) else lines
