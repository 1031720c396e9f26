"""URLs: what one URL holds (a web page, a plain text or a feed), and lists of URLs.

A response is a feed when its content type says so (``application/rss+xml``,
``application/atom+xml``, ``application/rdf+xml``) or when its root element is ``<rss>``,
``<feed>`` or ``<rdf:RDF>``, whatever the content type; its entries are then read as in
:mod:`tidings.ingest.feeds`.

A URL list is a ``.urls`` file, or a ``.txt`` file (or stdin) whose every line that is neither
blank nor a ``#`` comment is an http(s) URL. Each URL is read politely (robots.txt, the
per-host pause) and within the limits of :mod:`tidings.ingest.fetch` (one deadline, a size
cap, public addresses only unless allowed), in order, each repeated URL once; an Article or
error from it is named by the URL itself, and a line of a ``.urls`` file that is not a URL
is an InputError naming ``list.urls[line N]``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from tidings.errors import InputError
from tidings.ingest.feeds import looks_like_feed, read_feed
from tidings.ingest.html import article_from_page
from tidings.ingest.polite import PoliteFetcher
from tidings.model import Article

__all__ = ["URL_LIST_SUFFIXES", "is_url", "looks_like_url_list", "read_url", "read_url_list"]

URL_LIST_SUFFIXES = (".urls",)
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.I)

_log = logging.getLogger(__name__)


def is_url(text: str) -> bool:
    """True for an http(s) URL with a host and no spaces."""
    return bool(_URL.fullmatch(text))


def read_url(url: str, fetcher: PoliteFetcher, *, robots: bool) -> Iterator[Article | InputError]:
    """The article at ``url``, or one per entry when it is a feed; raises the InputError of a
    URL that cannot be fetched or read. ``robots``: obey the site's robots.txt."""
    page = fetcher.fetch(url, robots=robots)
    if page.is_feed_type or looks_like_feed(page.text):
        yield from read_feed(page.text, url, fetcher, base_url=page.url)
    else:
        yield article_from_page(page, url)


def looks_like_url_list(text: str) -> bool:
    """True when every line that is neither blank nor a ``#`` comment is a URL (and one is)."""
    lines = (line for _, line in _listed(text))
    first = next(lines, None)  # an article's headline settles it at once
    return first is not None and is_url(first) and all(is_url(line) for line in lines)


def read_url_list(text: str, origin: str, fetcher: PoliteFetcher) -> Iterator[Article | InputError]:
    """Read every URL listed in ``text`` (see the module docstring)."""
    seen: set[str] = set()
    for number, line in _listed(text):
        if not is_url(line):
            yield InputError(f"{origin}[line {number}]", f"not an http(s) URL: {line[:80]!r}")
            continue
        if line in seen:
            _log.debug("%s[line %d]: %s is listed before; read once", origin, number, line)
            continue
        seen.add(line)
        try:
            yield from read_url(line, fetcher, robots=True)
        except InputError as error:
            yield error
    if not seen:
        yield InputError(origin, "the list holds no URLs")


def _listed(text: str) -> Iterator[tuple[int, str]]:
    """(line number from 1, stripped line) for every line that is not blank or a comment."""
    for number, raw in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if line and not line.startswith("#"):
            yield number, line
