"""Fetching many pages politely: one request at a time per host, a pause between two requests
to the same host, and each site's robots.txt obeyed.

``PoliteFetcher.fetch(url)`` waits until ``fetch_delay`` seconds (or the site's own
``Crawl-delay``, up to ``MAX_CRAWL_DELAY``) have passed since the last request to that host
ended, then fetches with :func:`tidings.ingest.fetch.fetch` (same client, user agent, deadline,
size cap and address checks). With ``robots=True`` (links from feeds, URL lists) the site's
robots.txt is read first, once per site, through the same client and under the same pause,
and a URL it disallows for our user agent raises DisallowedByRobots. So is each redirect
target, against its own site's robots.txt, before it is requested (a new site's file is read
within the time left to the URL); the hops of one redirect are not paused between.

robots.txt is read as RFC 9309 says: a 4xx answer (no file) allows everything, a 5xx answer
means the rules are unknown, so nothing is fetched from that site; a file that cannot be
downloaded at all makes every URL of that site a FetchError. robots.txt is downloaded with the
same limits as a page (one deadline, redirects followed by hand to allowed addresses only; more
than ``fetch_max_redirects`` of them count as no file) and only its first ``MAX_ROBOTS_BYTES``
are read. Parsing is the standard library's ``urllib.robotparser``.

The clock and the sleep are injected, so tests check the pauses without waiting for them.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from tidings.errors import DisallowedByRobots, FetchError
from tidings.ingest.addresses import REFUSED
from tidings.ingest.connections import time_limit
from tidings.ingest.fetch import Page, body_pieces, fetch, http_errors, make_client, open_response
from tidings.settings import Settings

__all__ = ["MAX_CRAWL_DELAY", "MAX_ROBOTS_BYTES", "PoliteFetcher"]

MAX_CRAWL_DELAY = 30.0  # seconds: a larger Crawl-delay would stall a batch for hours
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309: parse at least the first 500 KiB

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Rules:
    """What one site's robots.txt says: its parsed rules, or why nothing may be fetched."""

    parser: RobotFileParser | None
    refusal: FetchError | None = None


class PoliteFetcher:
    """Fetches URLs one at a time per host, with a pause between requests to the same host.

    Give it an ``httpx.Client`` to use (it is not closed here), or let it open one from the
    settings on first use (closed by ``close()`` or at the end of a ``with`` block)."""

    def __init__(
        self,
        settings: Settings,
        client: httpx.Client | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._client = client
        self._owns_client = client is None
        self._clock = clock
        self._sleep = sleep
        self._last_request: dict[str, float] = {}  # host -> when its last request ended
        self._crawl_delay: dict[str, float] = {}  # host -> the site's own Crawl-delay
        self._rules: dict[str, _Rules] = {}  # scheme://host:port -> robots.txt rules

    def fetch(self, url: str, *, robots: bool = True) -> Page:
        """GET ``url`` after the pause its host is owed; with ``robots``, only when the site's
        robots.txt allows it. Raises FetchError (DisallowedByRobots, TooLarge ...)."""
        try:
            urlsplit(url).port  # noqa: B018 -- parse it all: a bad host or port raises here
        except ValueError as error:
            raise FetchError(url, f"invalid URL ({error})") from None
        if robots:
            self._check_robots(url)
        check_hop = self._check_robots if robots else None  # a redirect to another site
        with self._turn(url):
            return fetch(url, self.client, self._settings, check_hop=check_hop)

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self._settings)
        return self._client

    def close(self) -> None:
        """Close the client this fetcher opened itself (an injected one is left open)."""
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # --- the pause between requests to one host ----------------------------------------------

    @contextmanager
    def _turn(self, url: str) -> Iterator[None]:
        """Wait out the host's pause, then let one request run (requests are made one at a
        time: this fetcher is not shared between threads)."""
        host = _host(url)
        last = self._last_request.get(host)
        if last is not None:
            delay = max(self._settings.fetch_delay, self._crawl_delay.get(host, 0.0))
            wait = last + delay - self._clock()
            if wait > 0:
                _log.debug("waiting %.2f s before the next request to %s", wait, host)
                self._sleep(wait)
        try:
            yield
        finally:
            self._last_request[host] = self._clock()

    # --- robots.txt ----------------------------------------------------------------------------

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        rules = self._rules.get(site)
        if rules is None:
            rules = self._rules[site] = self._read_robots(site)
        if rules.refusal is not None:
            raise type(rules.refusal)(url, rules.refusal.reason)
        assert rules.parser is not None
        if not rules.parser.can_fetch(self._settings.user_agent, url):
            agent = self._settings.user_agent.split("/")[0]
            raise DisallowedByRobots(
                url, f"robots.txt of {site} forbids fetching it (user agent {agent})"
            )

    def _read_robots(self, site: str) -> _Rules:
        robots_url = f"{site}/robots.txt"
        try:
            with self._turn(robots_url):
                status, body = self._download(robots_url)
        except FetchError as error:
            if error.reason.startswith(REFUSED):  # the site itself is refused (its address)
                return _Rules(None, error)
            return _Rules(
                None, FetchError(robots_url, f"cannot read {robots_url} ({error.reason})")
            )
        parser = RobotFileParser(robots_url)
        if status >= 500:
            reason = (
                f"{robots_url} answered HTTP {status}: the site's rules are unknown, "
                "so nothing is fetched from it"
            )
            return _Rules(None, DisallowedByRobots(robots_url, reason))
        if status >= 400:  # no robots.txt: everything is allowed
            parser.parse([])
        else:
            parser.parse(body.decode("utf-8", errors="replace").splitlines())
            delay = parser.crawl_delay(self._settings.user_agent)
            if delay is not None:
                self._crawl_delay[_host(site)] = min(float(delay), MAX_CRAWL_DELAY)
        _log.debug("read %s (HTTP %d)", robots_url, status)
        return _Rules(parser)

    def _download(self, url: str) -> tuple[int, bytes]:
        """(status, the first MAX_ROBOTS_BYTES of the body); FetchError when it fails. A
        redirect left over (too many, or no Location) counts as no file: 404."""
        chunks: list[bytes] = []
        size = 0
        with time_limit(self._settings.fetch_timeout), http_errors(url, self._settings):
            response = open_response(url, self.client, self._settings)
            try:
                status = response.status_code
                if 300 <= status < 400:
                    return 404, b""
                if response.is_success:
                    for piece in body_pieces(response, url):
                        chunks.append(piece)
                        size += len(piece)
                        if size >= MAX_ROBOTS_BYTES:
                            break
            finally:
                response.close()
        return status, b"".join(chunks)[:MAX_ROBOTS_BYTES]


def _host(url: str) -> str:
    """The host (and port) a request goes to: the unit of politeness."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a bad port: fetch() reports the URL as invalid
        return parts.netloc.lower()
    return (parts.hostname or "") + (f":{port}" if port else "")
