"""Small news sites for the ingest tests: pages, feeds, robots.txt, a crawl archived as WARC,
a made-up public internet and a fake clock.

Every text here was written for these tests.
"""

from __future__ import annotations

import io
import ipaddress
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import httpcore
import httpx
from pytest_httpserver import HTTPServer
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputError
from tidings.ingest import read
from tidings.ingest.addresses import IPAddress, system_resolver
from tidings.ingest.fetch import make_client
from tidings.model import Article
from tidings.settings import Settings


def local_settings(**values: Any) -> Settings:
    """Settings that may fetch from the test servers, which listen on loopback addresses."""
    return Settings(allow_private_addresses=True, **values)


QUICK = local_settings(fetch_delay=0)

FERRY = (
    "The island ferry sailed again on Monday morning after three days tied up in the harbour "
    "while gales battered the coast, the operator said.",
    "Passengers queued from dawn with crates of vegetables and bicycles, and the first "
    "crossing left twenty minutes late but full, according to the harbour master.",
)
ORCHARD = (
    "Apple growers in the upper valley say a late frost last week destroyed most of the "
    "blossom on their older trees, and many expect a thin harvest this autumn.",
    "The growers' cooperative will ask the regional government for help with the cost of "
    "replanting, its chairwoman told a meeting in the village hall.",
)
WIND = (
    "Planners on the county board approved twelve new turbines on the ridge above the "
    "reservoir after a hearing that lasted most of Thursday.",
    "Opponents had argued that the towers would spoil the view from the walking trail, but "
    "the board said the project met every condition set by the state.",
)
LIBRARY_SUMMARY = (
    "The town library will stay open until nine in the evening on weekdays from next month, "
    "the council announced after a survey found that students and shift workers could not "
    "reach the reading rooms before closing time. Two extra staff will be hired for the "
    "evening hours, and the children's section will host homework clubs on Tuesdays and "
    "Thursdays. The change is funded for one year and will be reviewed next spring."
)
ROADS_CONTENT = (
    "<p>Heavy snow closed the mountain pass overnight, and the regional rail operator "
    "cancelled all morning trains between the two valley towns.</p>"
    "<p>Road crews worked through the night with ploughs and grit, but the police asked "
    "drivers to stay at home unless their journey was urgent. Schools in three districts "
    "opened two hours late, and the bus company ran a reduced timetable until noon.</p>"
    "<script>trackVisitor()</script>"
)


def news_page(title: str, paragraphs: tuple[str, ...], date: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Contact the newsroom</footer></body></html>"
    )


def serve_page(httpserver: HTTPServer, path: str, html: str) -> str:
    httpserver.expect_request(path).respond_with_data(html, content_type="text/html")
    return httpserver.url_for(path)


def serve_robots(
    httpserver: HTTPServer, rules: str = "User-agent: *\nDisallow: /private/\n"
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(rules, content_type="text/plain")


def requested(httpserver: HTTPServer, path: str) -> int:
    return sum(1 for request, _ in httpserver.log if request.path == path)


def read_all(
    sources: list[str], settings: Settings = QUICK, **options: Any
) -> list[Article | InputError]:
    return list(read(sources, settings, **options))


def assert_named(error: Article | InputError, origin: str) -> InputError:
    assert isinstance(error, InputError), error
    message = str(error)
    assert message.startswith(f"{origin}: "), message
    assert "\n" not in message and error.origin == origin
    return error


def write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return str(path)


def rss(items: str, title: str = "Harbour Town Courier") -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://courier.example/</link>"
        f"<description>Local news</description>{items}</channel></rss>\n"
    )


def item(title: str, link: str | None, summary: str, date: str | None = None) -> str:
    parts = [f"<title>{title}</title>", f"<description>{summary}</description>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


def dead_url(path: str) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


class FakeInternet(httpcore.NetworkBackend):
    """Made-up public sites served by local test servers, for fetching with loopback refused.

    ``resolve`` gives each site's name a public address (93.184.216.x); a connection to that
    address reaches the local server behind it. Any other name is resolved, and any other
    address connected to, as usual: so the address checks see what a real site would show."""

    def __init__(self) -> None:
        self._addresses: dict[str, IPAddress] = {}
        self._servers: dict[str, tuple[str, int]] = {}  # public address -> local host, port
        self._sockets = httpcore.SyncBackend()

    def add(self, name: str, server: HTTPServer) -> str:
        """Serve the site ``name`` from ``server``; its address, ``http://name``."""
        address = ipaddress.ip_address(f"93.184.216.{10 + len(self._addresses)}")
        self._addresses[name] = address
        self._servers[str(address)] = (server.host, server.port)
        return f"http://{name}"

    def resolve(self, host: str, port: int) -> list[IPAddress]:
        known = self._addresses.get(host)
        return [known] if known is not None else system_resolver(host, port)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        host, port = self._servers.get(host, (host, port))
        return self._sockets.connect_tcp(host, port, timeout, local_address, socket_options)

    def client(self, settings: Settings) -> httpx.Client:
        """A client as tidings makes it, on this internet."""
        return make_client(settings, resolver=self.resolve, backend=self)


class FakeClock:
    """A monotonic clock that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


# --- a crawl of the site, archived -----------------------------------------------------------

FERRY_URL = "https://courier.example/news/ferry"
ORCHARD_URL = "https://courier.example/news/orchard"
CAPTURED = "2022-05-12T08:09:10Z"


def response(
    writer: WARCWriter,
    url: str,
    body: bytes,
    *,
    status: str = "200 OK",
    content_type: str = "text/html; charset=utf-8",
    extra: list[tuple[str, str]] | None = None,
) -> None:
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1"
    )
    record = writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CAPTURED},
    )
    writer.write_record(record)


def archive(*, compress: bool = True, pages: bool = True) -> bytes:
    """warcinfo, a request, two HTML pages, an image and a 404 page (records 1 to 6)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "tests"}))
    request = StatusAndHeaders("GET /news/ferry HTTP/1.1", [("Host", "courier.example")])
    writer.write_record(
        writer.create_warc_record(
            FERRY_URL, "request", payload=io.BytesIO(b""), http_headers=request
        )
    )
    ferry = news_page("Ferry sails again", FERRY, date="2022-05-08") if pages else "x"
    response(writer, FERRY_URL, ferry.encode())
    response(
        writer,
        "https://courier.example/img/ferry.png",
        b"\x89PNG\r\n\x1a\n" + bytes(64),
        content_type="image/png",
    )
    response(
        writer,
        "https://courier.example/news/missing",
        news_page("Page not found", WIND).encode(),
        status="404 Not Found",
    )
    response(writer, ORCHARD_URL, news_page("Frost hits orchards", ORCHARD).encode())
    return buffer.getvalue()
