"""Reading articles from what the user names: files, folders, URLs, tables or stdin.

``read(sources, settings)`` yields an Article for every article found and an InputError for
every input (or table row) that cannot be analysed, in order, so a batch never stops at a bad
input. Plain text, HTML, JSON Lines, CSV/TSV and URLs are told apart by name and content.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import httpx

from tidings.errors import EmptyInput, InputError
from tidings.ingest.decode import check_size, decode, read_capped
from tidings.ingest.fetch import fetch, make_client
from tidings.ingest.html import article_from_html, looks_like_html
from tidings.ingest.language import with_language
from tidings.ingest.tables import is_table, read_table
from tidings.ingest.text import article_from_text, article_id
from tidings.model import Article
from tidings.settings import Settings

__all__ = ["STDIN", "article_from_text", "article_id", "check", "read"]

STDIN = "-"
FOLDER_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".ndjson", ".csv", ".tsv")


def read(
    sources: Iterable[str],
    settings: Settings,
    *,
    published: str | None = None,
    stdin: BinaryIO | None = None,
    client: httpx.Client | None = None,
) -> Iterator[Article | InputError]:
    """Yield the articles in ``sources`` (and the errors of those that cannot be read)."""
    own_client = None
    try:
        for source in sources:
            if _is_url(source) and client is None:
                client = own_client = make_client(settings)
            try:
                for item in _read_source(source, settings, stdin, client):
                    yield _checked(item, settings, published)
            except InputError as error:
                yield error
    finally:
        if own_client is not None:
            own_client.close()


def check(article: Article, settings: Settings) -> Article:
    """The article with its language set; EmptyInput or UnsupportedLanguage when it is too
    short or not in one of the ``languages`` setting."""
    length = len(article.text.strip())
    if length < settings.min_chars:
        reason = f"only {length} characters of text (the min_chars setting is {settings.min_chars})"
        raise EmptyInput(article.origin, reason)
    return with_language(article, settings.languages)


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
    client: httpx.Client | None,
) -> Iterator[Article | InputError]:
    if not source.strip():
        raise InputError(repr(source), "an empty name is neither a file nor a URL")
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = read_capped(stream, "<stdin>", settings.max_bytes)
        yield _from_text(decode(data, "<stdin>", max_bytes=settings.max_bytes), "<stdin>", None)
        return
    if _is_url(source):
        assert client is not None
        page = fetch(source, client, settings)
        if page.is_html or looks_like_html(page.text):
            yield article_from_html(page.text, source, url=page.url)
        else:
            yield article_from_text(page.text, source, url=page.url, source=page.host)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if _wanted_in_folder(p, path))
        if not files:
            raise InputError(source, "folder holds no .txt, .html, .jsonl or .csv files")
        for file in files:
            try:
                yield from _read_file(file, settings)
            except InputError as error:
                yield error
        return
    yield from _read_file(path, settings)


def _read_file(path: Path, settings: Settings) -> Iterator[Article | InputError]:
    origin = str(path)
    try:
        with path.open("rb") as handle:
            check_size(os.fstat(handle.fileno()).st_size, origin, settings.max_bytes)
            data = read_capped(handle, origin, settings.max_bytes)  # st_size is 0 for a pipe
    except FileNotFoundError:
        raise InputError(origin, "no such file or URL") from None
    except PermissionError:
        raise InputError(origin, "permission denied") from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(origin, f"cannot read it ({reason})") from None
    text = decode(data, origin, max_bytes=settings.max_bytes)
    if is_table(path.name):
        yield from read_table(text, origin)
    else:
        yield _from_text(text, origin, path.suffix.lower())


def _from_text(text: str, origin: str, suffix: str | None) -> Article:
    if suffix in (".html", ".htm") or looks_like_html(text):
        return article_from_html(text, origin)
    return article_from_text(text, origin)


def _is_url(source: str) -> bool:
    return source[:8].lower().startswith(("http://", "https://"))


def _wanted_in_folder(path: Path, root: Path) -> bool:
    relative = path.relative_to(root)
    hidden = any(part.startswith(".") for part in relative.parts)
    return path.is_file() and not hidden and path.suffix.lower() in FOLDER_SUFFIXES
