"""Fetch a URL with limits: a timeout per request, a cap on redirects and on the body size.

``fetch_timeout`` bounds each network wait (connect, each read) and also the whole download,
so a server that trickles bytes cannot hold a batch up for long.

The HTTP client is injected (``httpx.Client``), so tests point it at a local server.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from tidings.errors import FetchError, first_line
from tidings.ingest.decode import check_size, decode, too_large
from tidings.settings import Settings

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_TEXT_TYPES = (
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "application/xml",
    "text/xml",
    *FEED_TYPES,
)
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/plain;q=0.9"
)


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched document: its final URL, content type and decoded text."""

    url: str
    content_type: str
    text: str

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type or "xml" in self.content_type

    @property
    def is_feed_type(self) -> bool:
        """True when the server says this is an RSS, Atom or RDF feed."""
        return self.content_type in FEED_TYPES

    @property
    def host(self) -> str | None:
        """The site part of the final URL (``news.example.com``), as a fallback source name."""
        return urlsplit(self.url).netloc or None


def make_client(settings: Settings) -> httpx.Client:
    """An httpx client configured from the settings."""
    return httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=True,
        max_redirects=settings.fetch_max_redirects,
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
    )


def fetch(url: str, client: httpx.Client, settings: Settings) -> Page:
    """GET ``url``; raise FetchError (or TooLarge, BinaryInput ...) with a one-line reason."""
    deadline = time.monotonic() + settings.fetch_timeout
    with http_errors(url, settings), client.stream("GET", url) as response:
        if not response.is_success:  # also a 3xx left over: no Location, or a 304
            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and not content_type.startswith(_TEXT_TYPES):
            raise FetchError(url, f"not a web page or text (content type {content_type})")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit():
            check_size(int(declared), url, settings.max_bytes)
        body = _read_capped(response, url, settings.max_bytes, deadline)
        final_url = str(response.url)
        encoding = response.charset_encoding
    text = decode(body, url, max_bytes=settings.max_bytes, encoding=encoding)
    return Page(url=final_url, content_type=content_type, text=text)  # "" = sniff it


class Overdue(Exception):
    """The download took longer than the timeout as a whole."""


@contextmanager
def http_errors(url: str, settings: Settings) -> Iterator[None]:
    """What httpx raises (or Overdue) while ``url`` is fetched, as a FetchError with a
    one-line reason."""
    try:
        yield
    except httpx.TooManyRedirects:
        raise FetchError(url, f"more than {settings.fetch_max_redirects} redirects") from None
    except (httpx.TimeoutException, Overdue):
        raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s") from None
    except httpx.ConnectError as error:
        raise FetchError(url, f"cannot connect ({first_line(error)})") from None
    except httpx.InvalidURL as error:
        raise FetchError(url, f"invalid URL ({first_line(error)})") from None
    except httpx.HTTPError as error:
        reason = f"request failed ({type(error).__name__}: {first_line(error)})"
        raise FetchError(url, reason) from None


def _read_capped(response: httpx.Response, url: str, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise too_large(url, max_bytes)
        if time.monotonic() > deadline:
            raise Overdue
        chunks.append(chunk)
    return b"".join(chunks)
