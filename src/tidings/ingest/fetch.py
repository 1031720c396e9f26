"""Fetch a URL with limits: one deadline for all of it, a cap on redirects and on the body
size, and only from public addresses.

- ``fetch_timeout`` (seconds) bounds the whole download: resolving, connecting, the headers,
  the body and every redirect hop together, so a server that sends its headers a byte at a
  time cannot hold a batch up for long (:mod:`tidings.ingest.connections`).
- ``max_bytes`` caps the body after decompression, and holds while it is read: at most
  ``MAX_ENCODINGS`` layers of gzip or deflate are undone, a piece at a time
  (:mod:`tidings.ingest.compression`), so a small compressed bomb is refused as TooLarge
  without ever unpacking.
- Redirects are followed by hand, up to ``fetch_max_redirects``. Every hop must be http or
  https, and its host must resolve to public addresses only unless ``allow_private_addresses``
  is set (:mod:`tidings.ingest.addresses`); the caller can check each hop too (robots.txt, in
  :mod:`tidings.ingest.polite`). An error on a hop names the input URL and the hop.

The HTTP client is injected (``httpx.Client``); :func:`make_client` makes the one that keeps
these limits, with a resolver and a connection backend of its own for tests to replace.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpcore
import httpx

from tidings.errors import FetchError, first_line
from tidings.ingest.addresses import REFUSED, AddressRefused, Resolver, system_resolver
from tidings.ingest.compression import ACCEPT_ENCODING, decompressed
from tidings.ingest.connections import (
    GuardedNetwork,
    GuardedTransport,
    check_peer,
    time_left,
    time_limit,
)
from tidings.ingest.decode import check_size, decode, too_large
from tidings.settings import Settings

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
WEB_SCHEMES = ("http", "https")
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

HopCheck = Callable[[str], None]
"""Called with each redirect target before it is requested; raises FetchError to refuse it."""


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


def make_client(
    settings: Settings,
    *,
    resolver: Resolver = system_resolver,
    backend: httpcore.NetworkBackend | None = None,
) -> httpx.Client:
    """An httpx client that keeps the settings' limits: it connects only to addresses the
    ``allow_private_addresses`` setting allows, each network wait within the deadline of
    :func:`~tidings.ingest.connections.time_limit`. ``resolver`` and ``backend`` (how names
    are resolved and connections made) are for tests; no proxy is used."""
    network = GuardedNetwork(
        allow_private=settings.allow_private_addresses, resolver=resolver, backend=backend
    )
    return httpx.Client(
        transport=GuardedTransport(network),
        timeout=httpx.Timeout(settings.fetch_timeout),
        follow_redirects=False,  # open_response follows them, checking each hop
        headers={
            "User-Agent": settings.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": ACCEPT_ENCODING,
        },
    )


def fetch(
    url: str, client: httpx.Client, settings: Settings, *, check_hop: HopCheck | None = None
) -> Page:
    """GET ``url``; raise FetchError (or TooLarge, BinaryInput ...) with a one-line reason.
    ``check_hop`` is asked about each redirect target (see :func:`open_response`)."""
    with (
        time_limit(settings.fetch_timeout),
        http_errors(url, settings),
        closing(open_response(url, client, settings, check_hop=check_hop)) as response,
    ):
        if response.next_request is not None:
            raise FetchError(url, f"more than {settings.fetch_max_redirects} redirects")
        if not response.is_success:  # also a 3xx without a Location, or a 304
            raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}")
        content_type = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type and not content_type.startswith(_TEXT_TYPES):
            raise FetchError(url, f"not a web page or text (content type {content_type})")
        declared = response.headers.get("content-length")
        if declared and declared.isdigit():
            check_size(int(declared), url, settings.max_bytes)
        body = _read_capped(body_pieces(response, url), url, settings.max_bytes)
        final_url = str(response.url)
        encoding = response.charset_encoding
    text = decode(body, url, max_bytes=settings.max_bytes, encoding=encoding)
    return Page(url=final_url, content_type=content_type, text=text)  # "" = sniff it


def open_response(
    url: str, client: httpx.Client, settings: Settings, *, check_hop: HopCheck | None = None
) -> httpx.Response:
    """The response at the end of ``url``'s redirects, its body not read yet (the caller
    closes it). Each hop is refused unless it is http(s) and from an allowed address, and
    ``check_hop`` is asked about each redirect target before it is requested. After
    ``fetch_max_redirects`` hops the last redirect itself is returned (its ``next_request``
    set). Raises FetchError, naming the hop it happened on."""
    request: httpx.Request | None = None
    for hop in range(settings.fetch_max_redirects + 1):
        target = url if request is None else str(request.url)
        try:
            with http_errors(url, settings):
                if request is None:
                    request = client.build_request("GET", url)
                response = _send(client, request, settings, check_hop if hop else None)
        except FetchError as error:
            if hop == 0:
                raise
            raise type(error)(url, f"redirected to {target}: {error.reason}") from None
        if response.next_request is None or hop == settings.fetch_max_redirects:
            return response
        response.close()
        request = response.next_request
    raise AssertionError("unreachable: the last hop returns")


def _send(
    client: httpx.Client, request: httpx.Request, settings: Settings, check_hop: HopCheck | None
) -> httpx.Response:
    """One hop: refuse a scheme other than http(s), ask ``check_hop``, send, check the peer."""
    scheme = request.url.scheme
    if scheme not in WEB_SCHEMES:
        what = f"{scheme}: URLs are" if scheme else "a URL without a scheme is"
        raise httpx.UnsupportedProtocol(f"{REFUSED}{what} not fetched, only http and https")
    if check_hop is not None:
        check_hop(str(request.url))
    response = client.send(request, stream=True)
    if not settings.allow_private_addresses:
        try:
            check_peer(response)
        except AddressRefused:
            response.close()
            raise
    return response


def body_pieces(response: httpx.Response, origin: str) -> Iterator[bytes]:
    """The body of an open response, its content encoding undone, in pieces of bounded size;
    raises Overdue once the deadline has passed."""
    encoding = response.headers.get("content-encoding", "")
    for piece in decompressed(response.iter_raw(), encoding, origin):
        left = time_left()
        if left is not None and left <= 0:
            raise Overdue
        yield piece


class Overdue(Exception):
    """The download took longer than the timeout as a whole."""


@contextmanager
def http_errors(url: str, settings: Settings) -> Iterator[None]:
    """What httpx raises (or Overdue, AddressRefused) while ``url`` is fetched, as a
    FetchError with a one-line reason."""
    try:
        yield
    except AddressRefused as error:
        raise FetchError(url, str(error)) from None
    except httpx.TooManyRedirects:  # from a client that follows redirects itself
        raise FetchError(url, f"more than {settings.fetch_max_redirects} redirects") from None
    except (httpx.TimeoutException, Overdue):
        raise FetchError(url, f"timed out after {settings.fetch_timeout:g} s") from None
    except httpx.ConnectError as error:
        raise FetchError(url, f"cannot connect ({first_line(error)})") from None
    except httpx.UnsupportedProtocol as error:
        raise FetchError(url, first_line(error)) from None
    except httpx.InvalidURL as error:
        raise FetchError(url, f"invalid URL ({first_line(error)})") from None
    except httpx.HTTPError as error:
        reason = f"request failed ({type(error).__name__}: {first_line(error)})"
        raise FetchError(url, reason) from None


def _read_capped(pieces: Iterator[bytes], url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for piece in pieces:
        size += len(piece)
        if size > max_bytes:
            raise too_large(url, max_bytes)
        chunks.append(piece)
    return b"".join(chunks)
