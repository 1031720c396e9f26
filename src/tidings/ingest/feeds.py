"""RSS and Atom feeds (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, parsed by feedparser): one Article per
entry.

An entry whose link is a web address is fetched politely (see :mod:`tidings.ingest.polite`)
and read like any web page; its ``url`` is the entry's link, the entry's date fills
``published`` when the page has none, and the feed's title is the ``source``. When there is no
link, or the page cannot be fetched or holds no article, the entry's own content (or summary)
stands in if it has at least ``MIN_ENTRY_WORDS`` words; otherwise the entry becomes an
InputError naming ``feed[entry N] (link)`` and the reason. A bad entry never stops the others.
An entry is named the same way whether it gives an article or an error (``Article.origin`` and
``InputError.origin``): ``feed[entry N] (link)``, or ``feed[entry N]`` without a link; N counts
from 1.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import logging
import re
import time
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from tidings.errors import FeedError, InputError, first_line
from tidings.ingest.fragments import text_from_fragment
from tidings.ingest.html import article_from_page
from tidings.ingest.polite import PoliteFetcher
from tidings.ingest.published import iso_published
from tidings.ingest.text import article_from_text
from tidings.model import Article

__all__ = ["FEED_SUFFIXES", "MIN_ENTRY_WORDS", "looks_like_feed", "read_feed"]

FEED_SUFFIXES = (".rss", ".atom")
MIN_ENTRY_WORDS = 50  # a teaser of a sentence or two is not an article; a full post is
_ROOT = re.compile(
    r"\A\ufeff?\s*(?:<\?[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|(?:[\w.-]+:)?RDF)\b",
    re.S | re.I,
)

_log = logging.getLogger(__name__)


def looks_like_feed(text: str) -> bool:
    """True when the document's root element is ``<rss>``, ``<feed>`` or ``<rdf:RDF>``."""
    return bool(_ROOT.match(text[:4096]))


def read_feed(
    text: str,
    origin: str,
    fetcher: PoliteFetcher,
    *,
    base_url: str | None = None,
) -> Iterator[Article | InputError]:
    """Yield one Article (or the InputError that stopped it) per entry of the feed ``text``.
    ``base_url`` (where the feed came from) resolves relative links. A feed that cannot be
    parsed or has no entries raises FeedError."""
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),  # a stream: feedparser must not open names or URLs
        response_headers={
            "content-type": "application/xml; charset=utf-8",
            "content-location": base_url or "",
        },
    )
    entries = parsed.get("entries") or []
    if not entries:
        raise FeedError(origin, _why_no_entries(parsed))
    feed_title = _plain(parsed.get("feed", {}), "title")
    for number, entry in enumerate(entries, start=1):
        try:
            yield _entry_article(entry, f"{origin}[entry {number}]", feed_title, fetcher)
        except InputError as error:
            yield error


def _why_no_entries(parsed: Mapping[str, Any]) -> str:
    if parsed.get("bozo") and not parsed.get("version"):
        problem: Any = parsed.get("bozo_exception")
        if hasattr(problem, "getLineNumber"):  # an XML syntax error
            detail = f"line {problem.getLineNumber()}: {problem.getMessage()}"
        else:
            detail = first_line(problem) if isinstance(problem, BaseException) else "unknown"
        return f"not a readable RSS or Atom feed ({detail})"
    if not parsed.get("version"):
        return "not an RSS or Atom feed (no <rss>, <feed> or <rdf:RDF> root element)"
    return "the feed has no entries"


def _entry_article(
    entry: Mapping[str, Any], origin: str, feed_title: str | None, fetcher: PoliteFetcher
) -> Article:
    """The article of one entry named ``origin`` (``feed[entry N]``); raise its InputError."""
    link = (entry.get("link") or "").strip() or None
    if link and entry.get("guidislink") and not _is_web(link):
        link = None  # an Atom id or RSS guid such as urn:uuid:..., not a link
    name = f"{origin} ({link})" if link else origin
    published = _entry_date(entry)
    title = _plain(entry, "title")
    failure: InputError | None = None
    if link and _is_web(link):
        try:
            article = article_from_page(fetcher.fetch(link), name)
        except InputError as error:
            failure = error
            _log.info("%s: %s; trying the entry's own text", name, error.reason)
        else:
            return dataclasses.replace(
                article,
                title=article.title or title,
                url=link,
                source=feed_title or article.source,
                published=article.published or published,
            )
    own = _entry_text(entry)
    words = len(own.split())
    if words >= MIN_ENTRY_WORDS:
        text = f"{title}\n\n{own}\n" if title else own + "\n"
        return article_from_text(
            text,
            name,
            title=title,
            url=link if _is_web(link) else None,
            source=feed_title,
            published=published,
            author=_plain(entry, "author"),
        )
    short = (
        f"the entry's own text is too short to stand in ({words} word{'' if words == 1 else 's'}; "
        f"at least {MIN_ENTRY_WORDS} make an article)"
    )
    if failure is not None:
        raise _renamed(failure, name, f"{failure.reason}; {short}")
    if link:
        raise FeedError(name, f"the link is not a web address; {short}")
    raise FeedError(name, f"the entry has no link; {short}")


def _renamed(error: InputError, origin: str, reason: str) -> InputError:
    """An error of the same kind as ``error`` (FetchError, NoArticleBody ...), renamed."""
    kind = type(error)
    return (
        kind(origin, reason) if kind.__init__ is InputError.__init__ else FeedError(origin, reason)
    )


def _entry_text(entry: Mapping[str, Any]) -> str:
    """The longest of the entry's content parts and its summary, as plain text."""
    candidates: list[Mapping[str, Any]] = list(entry.get("content") or [])
    summary = entry.get("summary_detail")
    if summary:
        candidates.append(summary)
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    texts = [
        text_from_fragment(str(part.get("value") or ""), is_html=_is_html(part))
        for part in candidates
    ]
    return max(texts, key=lambda text: len(text.split()), default="")


def _plain(item: Mapping[str, Any], field: str) -> str | None:
    """A short field (a title, an author) as one line of plain text, or None."""
    value = item.get(field)
    if not value:
        return None
    detail = item.get(f"{field}_detail") or {}
    text = text_from_fragment(str(value), is_html=_is_html(detail))
    return " ".join(text.split()) or None


def _is_web(link: str | None) -> bool:
    return bool(link) and str(link).lower().startswith(("http://", "https://"))


def _is_html(detail: Mapping[str, Any]) -> bool:
    return "html" in str(detail.get("type") or "text/html")


def _entry_date(entry: Mapping[str, Any]) -> str | None:
    """The entry's published (else updated) date as ISO 8601, keeping its UTC offset."""
    for field in ("published", "updated", "created"):
        value = iso_published(entry.get(field))
        if value:
            return value
        parsed = entry.get(f"{field}_parsed")
        if isinstance(parsed, time.struct_time):
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    return None
