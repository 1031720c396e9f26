"""Reading articles from what the user names: files, folders, URLs, tables, feeds, web
archives, lists of URLs or stdin.

``read(sources, settings)`` yields an Article for every article found and an InputError for
every input (or table row, feed entry, archive record) that cannot be analysed, in order, so a
batch never stops at a bad input. Plain text, HTML, JSON Lines, CSV/TSV, RSS/Atom feeds, WARC
files, URL lists and URLs are told apart by name and content. A name that is not a file but
holds ``*``, ``?`` or ``[`` is a pattern (``"news/**/*.html"``, quoted so the shell leaves it).

Network access goes through one :class:`~tidings.ingest.polite.PoliteFetcher` per ``read``:
requests to one host are spaced by ``fetch_delay``; links from feeds and URL lists are fetched
only when the site's robots.txt allows it (a URL named as a source is fetched as asked).
"""

from __future__ import annotations

import dataclasses
import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import httpx

from tidings.errors import EmptyInput, FeedError, InputError, TooLong
from tidings.ingest.decode import check_size, decode, read_capped
from tidings.ingest.feeds import FEED_SUFFIXES, looks_like_feed, read_feed
from tidings.ingest.html import article_from_html, looks_like_html
from tidings.ingest.language import with_language
from tidings.ingest.polite import PoliteFetcher
from tidings.ingest.tables import is_table, read_table
from tidings.ingest.text import article_from_text, article_id
from tidings.ingest.urls import URL_LIST_SUFFIXES, looks_like_url_list, read_url, read_url_list
from tidings.ingest.warc import ARCHIVE_SUFFIXES, is_archive, read_warc
from tidings.model import Article
from tidings.settings import Settings

__all__ = [
    "FOLDER_SUFFIXES",
    "STDIN",
    "PoliteFetcher",
    "article_from_text",
    "article_id",
    "check",
    "check_length",
    "folder_files",
    "read",
]

STDIN = "-"
FOLDER_SUFFIXES = (
    ".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".tsv", ".xml",
    *FEED_SUFFIXES, *URL_LIST_SUFFIXES, *ARCHIVE_SUFFIXES,
)  # fmt: skip
_URL_LIST_TEXTS = (".txt", ".text", None)  # None: stdin
GLOB_CHARACTERS = frozenset("*?[")


def read(
    sources: Iterable[str],
    settings: Settings,
    *,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
    fetcher: PoliteFetcher | None = None,
) -> Iterator[Article | InputError]:
    """Yield the articles in ``sources`` (and the errors of those that cannot be read).

    URLs are fetched with ``fetcher`` if given, else with a PoliteFetcher over ``client``
    (or over a client made from the settings on first use, closed at the end)."""
    polite = fetcher if fetcher is not None else PoliteFetcher(settings, client)
    try:
        for source in sources:
            try:
                for item in _read_source(source, settings, stdin, polite):
                    yield _checked(item, settings, published)
            except InputError as error:
                yield error
    finally:
        if fetcher is None:
            polite.close()


def check(article: Article, settings: Settings) -> Article:
    """The article with its language set; EmptyInput, TooLong or UnsupportedLanguage when it
    is too short, too long or not in one of the ``languages`` setting."""
    length = len(article.text.strip())
    if length < settings.min_chars:
        reason = f"only {length} characters of text (the min_chars setting is {settings.min_chars})"
        raise EmptyInput(article.origin, reason)
    check_length(article, settings.max_chars)
    return with_language(article, settings.languages)


def check_length(article: Article, max_chars: int) -> None:
    """Raise TooLong when the article's text has more than ``max_chars`` characters."""
    if len(article.text) > max_chars:
        raise TooLong(
            article.origin,
            f"{len(article.text):,} characters of text is over the {max_chars:,}-character "
            "limit (split the text, or raise TIDINGS_MAX_CHARS or max_chars in the settings "
            "file; the analysis needs more memory the longer one text is)",
        )


def _checked(
    item: Article | InputError, settings: Settings, published: str | None
) -> Article | InputError:
    if isinstance(item, InputError):
        return item
    if published:
        item = dataclasses.replace(item, published=published)
    try:
        return check(item, settings)
    except InputError as error:
        return error


def _read_source(
    source: str,
    settings: Settings,
    stdin: BinaryIO | None,
    fetcher: PoliteFetcher,
) -> Iterator[Article | InputError]:
    if not source.strip():
        raise InputError(repr(source), "an empty name is neither a file nor a URL")
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = read_capped(stream, "<stdin>", settings.max_bytes)
        text = decode(data, "<stdin>", max_bytes=settings.max_bytes)
        yield from _from_text(text, "<stdin>", None, fetcher)
        return
    if _is_url(source):
        yield from read_url(source, fetcher, robots=False)
        return
    path = Path(source)
    if not path.exists() and GLOB_CHARACTERS & set(source):
        matches = sorted(glob.glob(source, recursive=True))  # "news/**/*.html", quoted
        if not matches:
            raise InputError(source, "no file matches this pattern")
        for match in matches:
            try:
                yield from _read_source(match, settings, stdin, fetcher)
            except InputError as error:
                yield error
        return
    if path.is_dir():
        files = folder_files(path)
        if not files:
            raise InputError(source, f"folder holds no {_folder_kinds()} files")
        for file in files:
            try:
                yield from _read_file(file, settings, fetcher)
            except InputError as error:
                yield error
        return
    yield from _read_file(path, settings, fetcher)


def _read_file(
    path: Path, settings: Settings, fetcher: PoliteFetcher
) -> Iterator[Article | InputError]:
    origin = str(path)
    if is_archive(path.name):
        with _open(path) as handle:
            yield from read_warc(handle, origin, settings)
        return
    with _open(path) as handle:
        try:
            check_size(os.fstat(handle.fileno()).st_size, origin, settings.max_bytes)
            data = read_capped(handle, origin, settings.max_bytes)  # st_size is 0 for a pipe
        except OSError as error:
            raise InputError(origin, f"cannot read it ({error.strerror or error})") from None
    text = decode(data, origin, max_bytes=settings.max_bytes)
    if is_table(path.name):
        yield from read_table(text, origin)
    else:
        yield from _from_text(text, origin, path.name.lower(), fetcher)


def _open(path: Path) -> BinaryIO:
    origin = str(path)
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise InputError(origin, "no such file or URL") from None
    except PermissionError:
        raise InputError(origin, "permission denied") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(origin, f"cannot read it ({reason})") from None


def _from_text(
    text: str, origin: str, name: str | None, fetcher: PoliteFetcher
) -> Iterator[Article | InputError]:
    """The articles in a decoded file or stdin (``name``: the lower-cased file name)."""
    suffix = Path(name).suffix if name else None
    if suffix in FEED_SUFFIXES or looks_like_feed(text):
        yield from read_feed(text, origin, fetcher)
    elif suffix in URL_LIST_SUFFIXES or (suffix in _URL_LIST_TEXTS and looks_like_url_list(text)):
        yield from read_url_list(text, origin, fetcher)
    elif suffix in (".html", ".htm") or looks_like_html(text):
        yield article_from_html(text, origin)
    elif suffix == ".xml":
        raise FeedError(origin, "an XML file that is neither an RSS/Atom feed nor a web page")
    else:
        yield article_from_text(text, origin)


def _is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def folder_files(root: Path) -> list[Path]:
    """The files a folder is read as, in order: those of the kinds tidings reads, in it and
    below it, hidden ones (a name starting with ".") left out."""
    return sorted(path for path in root.rglob("*") if _wanted_in_folder(path, root))


def _wanted_in_folder(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    hidden = any(part.startswith(".") for part in relative.parts)
    return path.is_file() and not hidden and path.name.lower().endswith(FOLDER_SUFFIXES)


def _folder_kinds() -> str:
    return ", ".join(FOLDER_SUFFIXES[:-1]) + " or " + FOLDER_SUFFIXES[-1]
