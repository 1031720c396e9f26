"""Every fetch is bounded and safe: one deadline for headers, body and redirects; a size cap
that holds while decompressing; no loopback or private addresses unless the user allows them.

Everything is offline. Servers on loopback stand in for sites: pytest-httpserver, a raw socket
server that trickles its headers, and a made-up public internet (``FakeInternet``) whose names
resolve to public addresses that lead to a local server. Each test reads a batch and checks
that the bad input fails by name while the others are read.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import sqlite3
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sites import (
    FERRY,
    LIBRARY_SUMMARY,
    ORCHARD,
    WIND,
    FakeInternet,
    assert_named,
    item,
    local_settings,
    news_page,
    read_all,
    requested,
    rss,
    serve_page,
    serve_robots,
    write,
)
from tidings.cli import main
from tidings.errors import DisallowedByRobots, FetchError, InputError, TooLarge
from tidings.ingest import read
from tidings.ingest.addresses import IPAddress, address_kind
from tidings.ingest.fetch import make_client
from tidings.ingest.polite import PoliteFetcher
from tidings.model import Article
from tidings.settings import Settings, load_settings

GUARDED = Settings(fetch_delay=0)  # the default: loopback and private addresses refused
ALLOW_HINT = "(set TIDINGS_ALLOW_PRIVATE_ADDRESSES=1"


def kinds(items: list[Article | InputError]) -> list[tuple[str, str]]:
    return [(type(entry).__name__, entry.origin) for entry in items]


# --- one deadline for the whole request ------------------------------------------------------

Handler = Callable[[socket.socket, bytes, threading.Event], None]


@contextmanager
def raw_server(handle: Handler) -> Iterator[str]:
    """An HTTP server on 127.0.0.1 made of a bare socket: ``handle(connection, request, stop)``
    answers each request, on a thread of its own, then the connection is closed."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.05)
    stop = threading.Event()

    def answer(connection: socket.socket) -> None:
        with connection, suppress(OSError):  # OSError: the client gave up
            handle(connection, connection.recv(65536), stop)

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=answer, args=(connection,), daemon=True).start()

    server = threading.Thread(target=serve, daemon=True)
    server.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        server.join()
        listener.close()


def respond(status: str, headers: dict[str, str], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{name}: {value}" for name, value in headers.items())]
    lines += [f"Content-Length: {len(body)}", "Connection: close"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


TRICKLED = respond("200 OK", {"Content-Type": "text/plain"}, b"hello")


@contextmanager
def trickling_server(gap: float = 0.2, *, robots_too: bool = False) -> Iterator[str]:
    """A server that sends its status line and headers one byte every ``gap`` seconds (about
    16 s in all); robots.txt is a quick 404 unless ``robots_too``."""

    def trickle(connection: socket.socket, request: bytes, stop: threading.Event) -> None:
        if request.startswith(b"GET /robots.txt") and not robots_too:
            connection.sendall(respond("404 Not Found", {}, b""))
            return
        for byte in TRICKLED:
            if stop.wait(gap):
                return
            connection.sendall(bytes([byte]))

    with raw_server(trickle) as site:
        yield site


def test_headers_sent_a_byte_at_a_time_time_out(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    settings = local_settings(fetch_delay=0, fetch_timeout=1.0)
    with trickling_server() as slow_site:
        slow = f"{slow_site}/news/slow"
        listing = write(tmp_path, "reading.urls", f"{slow}\n{ferry}\n")
        started = time.monotonic()
        items = read_all([listing], settings)
        elapsed = time.monotonic() - started
    assert kinds(items) == [("FetchError", slow), ("Article", ferry)]
    assert assert_named(items[0], slow).reason == "timed out after 1 s"
    assert elapsed < 2.5  # the headers alone would take 16 s; each byte came within 1 s


def test_a_trickling_robots_txt_times_out_too(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    orchard = serve_page(httpserver, "/news/orchard", news_page("Frost hits orchards", ORCHARD))
    settings = local_settings(fetch_delay=0, fetch_timeout=1.0)
    with trickling_server(robots_too=True) as slow_site:
        slow = f"{slow_site}/news/slow"
        started = time.monotonic()
        items = read_all([write(tmp_path, "a.urls", f"{slow}\n{orchard}\n")], settings)
        elapsed = time.monotonic() - started
    assert kinds(items) == [("FetchError", slow), ("Article", orchard)]
    reason = assert_named(items[0], slow).reason
    assert reason == f"cannot read {slow_site}/robots.txt (timed out after 1 s)"
    assert elapsed < 2.5


def test_resolving_a_name_keeps_to_the_deadline(httpserver: HTTPServer) -> None:
    def slow_resolver(host: str, port: int) -> list[IPAddress]:
        time.sleep(3)  # a resolver that hangs
        return [ipaddress.ip_address("127.0.0.1")]

    settings = local_settings(fetch_delay=0, fetch_timeout=0.5)
    url = httpserver.url_for("/news/ferry")
    started = time.monotonic()
    with PoliteFetcher(settings, make_client(settings, resolver=slow_resolver)) as fetcher:
        (error,) = read([url], settings, fetcher=fetcher)
    assert assert_named(error, url).reason == "timed out after 0.5 s"
    assert time.monotonic() - started < 1.5


def test_redirect_hops_share_one_deadline(httpserver: HTTPServer) -> None:
    def late_redirect(request: Request) -> Response:
        time.sleep(0.6)
        return Response("", status=302, headers={"Location": httpserver.url_for("/late")})

    def late_page(request: Request) -> Response:
        time.sleep(0.6)
        return Response("Late story\n\n" + " ".join(FERRY), content_type="text/plain")

    httpserver.expect_request("/moved").respond_with_handler(late_redirect)
    httpserver.expect_request("/late").respond_with_handler(late_page)
    moved = httpserver.url_for("/moved")
    (error,) = read_all([moved], local_settings(fetch_delay=0, fetch_timeout=1.0))
    reason = assert_named(error, moved).reason  # each hop within 1 s, both together not
    assert reason == f"redirected to {httpserver.url_for('/late')}: timed out after 1 s"
    (article,) = read_all([moved], local_settings(fetch_delay=0, fetch_timeout=3.0))
    assert isinstance(article, Article) and article.url == httpserver.url_for("/late")


# --- decompression bombs ---------------------------------------------------------------------


def test_a_double_gzip_bomb_is_refused_within_the_cap() -> None:
    bomb = gzip.compress(gzip.compress(b"a" * 200_000_000))  # a few hundred bytes
    assert len(bomb) < 1000
    page = gzip.compress(news_page("Ridge wind farm approved", WIND).encode())
    answers = {
        b"GET /bomb ": respond(
            "200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip, gzip"}, bomb
        ),
        b"GET /wind ": respond(
            "200 OK", {"Content-Type": "text/html", "Content-Encoding": "gzip"}, page
        ),
    }

    def serve(connection: socket.socket, request: bytes, stop: threading.Event) -> None:
        connection.sendall(answers[request[: request.index(b" ", 4) + 1]])

    settings = local_settings(fetch_delay=0, max_bytes=1_000_000)
    with raw_server(serve) as site:
        bombed, wind = f"{site}/bomb", f"{site}/wind"
        batch = read([bombed, wind], settings)
        tracemalloc.start()  # (a raw server: werkzeug's takes 10 MB a request for itself)
        try:
            first = next(batch)  # the bomb, unpacked only up to the cap
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        items = [first, *batch]
    assert kinds(items) == [("TooLarge", bombed), ("Article", wind)]
    assert isinstance(items[0], TooLarge) and "1,000,000-byte limit" in items[0].reason
    assert isinstance(items[1], Article) and items[1].title == "Ridge wind farm approved"
    assert peak < 3_000_000  # the cap and a few pieces, never the 200 MB


@pytest.mark.parametrize(
    ("encoding", "body", "reason"),
    [
        ("gzip, gzip, gzip", gzip.compress(gzip.compress(gzip.compress(b"x"))), "3 times over"),
        ("br", b"\x0b\x02\x80hello\x03", "unsupported content encoding 'br'"),
        ("gzip", b"plain text, not gzip", "not valid gzip data"),
    ],
)
def test_encodings_that_are_not_undone(
    httpserver: HTTPServer, encoding: str, body: bytes, reason: str
) -> None:
    httpserver.expect_request("/packed").respond_with_data(
        body, content_type="text/plain", headers={"Content-Encoding": encoding}
    )
    url = httpserver.url_for("/packed")
    (error,) = read_all([url], local_settings(fetch_delay=0))
    assert type(error) is FetchError and reason in assert_named(error, url).reason


# --- loopback, private and other addresses ---------------------------------------------------


def test_listed_urls_on_loopback_and_private_addresses_are_refused(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    internet = FakeInternet()
    site = internet.add("news.example", httpserver)
    serve_robots(httpserver)
    serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    port = httpserver.port
    refused = {
        f"http://127.0.0.1:{port}/a": "127.0.0.1 is a loopback address",
        f"http://localhost:{port}/a": "localhost resolves to 127.0.0.1, a loopback address",
        f"http://127.1:{port}/a": "127.1 resolves to 127.0.0.1, a loopback address",
        f"http://[::1]:{port}/a": "::1 is a loopback address",
        f"http://0.0.0.0:{port}/a": "0.0.0.0 is an unspecified address",
        f"http://[::ffff:127.0.0.1]:{port}/a": "::ffff:127.0.0.1 is a loopback address",
        f"http://2130706433:{port}/a": "2130706433 resolves to 127.0.0.1, a loopback address",
        "http://10.1.2.3/a": "10.1.2.3 is a private address",
        "http://169.254.169.254/latest/meta-data/": "169.254.169.254 is a link-local address",
    }
    ferry = f"{site}/news/ferry"
    listing = write(tmp_path, "reading.urls", "\n".join([*refused, ferry]) + "\n")
    with PoliteFetcher(GUARDED, internet.client(GUARDED)) as fetcher:
        items = list(read([listing], GUARDED, fetcher=fetcher))
    assert kinds(items) == [*(("FetchError", url) for url in refused), ("Article", ferry)]
    for error, (url, why) in zip(items[:-1], refused.items(), strict=True):
        reason = assert_named(error, url).reason
        assert reason.startswith(f"refused: {why} {ALLOW_HINT}"), reason
    assert isinstance(items[-1], Article) and items[-1].title == "Ferry sails again"
    assert requested(httpserver, "/a") == 0  # nothing was asked of a refused address
    assert requested(httpserver, "/robots.txt") == 1  # news.example's own


def test_feed_links_to_loopback_are_refused(tmp_path: Path, httpserver: HTTPServer) -> None:
    internet = FakeInternet()
    site = internet.add("courier.example", httpserver)
    serve_robots(httpserver)
    serve_page(httpserver, "/news/orchard", news_page("Frost hits orchards", ORCHARD))
    memo = httpserver.url_for("/news/memo")  # http://localhost:port/news/memo
    loopback = f"http://127.0.0.1:{httpserver.port}/news/library"
    orchard = f"{site}/news/orchard"
    feed = write(
        tmp_path,
        "courier.rss",
        rss(
            item("Council memo", memo, "A memo.")
            + item("Library extends hours", loopback, LIBRARY_SUMMARY)
            + item("Growers count frost losses", orchard, "Frost.")
        ),
    )
    with PoliteFetcher(GUARDED, internet.client(GUARDED)) as fetcher:
        first, second, third = read([feed], GUARDED, fetcher=fetcher)
    error = assert_named(first, f"{feed}[entry 1] ({memo})")
    assert isinstance(error, FetchError)
    assert error.reason.startswith("refused: localhost resolves to 127.0.0.1, a loopback")
    assert "the entry's own text is too short" in error.reason
    assert isinstance(second, Article) and LIBRARY_SUMMARY in second.text  # the summary stands in
    assert isinstance(third, Article) and third.title == "Frost hits orchards"
    assert third.url == orchard
    assert requested(httpserver, "/news/memo") == requested(httpserver, "/news/library") == 0


def test_a_redirect_to_loopback_is_refused_on_that_hop(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    internet = FakeInternet()
    site = internet.add("news.example", httpserver)
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    secret = f"http://127.0.0.1:{httpserver.port}/admin/secret"
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": secret})
    httpserver.expect_request("/admin/secret").respond_with_data(
        "secret", content_type="text/plain"
    )
    serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    moved, ferry = f"{site}/go", f"{site}/news/ferry"
    expected = f"redirected to {secret}: refused: 127.0.0.1 is a loopback address {ALLOW_HINT}"
    for sources in ([write(tmp_path, "a.urls", f"{moved}\n{ferry}\n")], [moved, ferry]):
        with PoliteFetcher(GUARDED, internet.client(GUARDED)) as fetcher:
            items = list(read(sources, GUARDED, fetcher=fetcher))  # robots on, then off
        assert kinds(items) == [("FetchError", moved), ("Article", ferry)]
        assert assert_named(items[0], moved).reason.startswith(expected)
    assert requested(httpserver, "/go") == 2
    assert requested(httpserver, "/admin/secret") == 0


def test_an_injected_client_is_checked_by_the_address_it_reached(
    httpserver: HTTPServer,
) -> None:
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    with httpx.Client() as client:  # connects wherever it likes: checked once connected
        (error,) = read([ferry], GUARDED, client=client)
        (article,) = read([ferry], local_settings(fetch_delay=0), client=client)
    reason = assert_named(error, ferry).reason
    assert reason.startswith("refused: localhost resolves to 127.0.0.1, a loopback address")
    assert isinstance(article, Article) and article.title == "Ferry sails again"


def test_a_redirect_to_another_scheme_is_refused(httpserver: HTTPServer) -> None:
    for path, location in (("/file", "file:///etc/passwd"), ("/ftp", "ftp://files.example/a")):
        httpserver.expect_request(path).respond_with_data(
            "", status=301, headers={"Location": location}
        )
    file, ftp = httpserver.url_for("/file"), httpserver.url_for("/ftp")
    first, second = read_all([file, ftp], local_settings(fetch_delay=0))
    assert "refused: file: URLs are not fetched, only http and https" in str(first)
    assert "refused: ftp: URLs are not fetched, only http and https" in str(second)
    assert_named(first, file)


def test_robots_txt_of_a_redirect_target_is_asked(
    tmp_path: Path, httpserver: HTTPServer, httpserver_ipv4: HTTPServer
) -> None:
    serve_robots(httpserver, "User-agent: *\nDisallow:\n")  # http://localhost:port allows all
    serve_robots(httpserver_ipv4)  # http://127.0.0.1:port forbids /private/
    memo = serve_page(httpserver_ipv4, "/private/memo", news_page("Council memo", ORCHARD))
    ferry = serve_page(httpserver_ipv4, "/news/ferry", news_page("Ferry sails again", FERRY))
    for path, target in (("/memo", memo), ("/ferry", ferry)):
        httpserver.expect_request(path).respond_with_data(
            "", status=302, headers={"Location": target}
        )
    to_memo, to_ferry = httpserver.url_for("/memo"), httpserver.url_for("/ferry")
    listing = write(tmp_path, "a.urls", f"{to_memo}\n{to_ferry}\n")
    items = read_all([listing])
    assert kinds(items) == [("DisallowedByRobots", to_memo), ("Article", to_ferry)]
    assert isinstance(items[0], DisallowedByRobots)
    site = f"http://127.0.0.1:{httpserver_ipv4.port}"
    assert items[0].reason == (
        f"redirected to {memo}: robots.txt of {site} forbids fetching it (user agent tidings)"
    )
    assert isinstance(items[1], Article) and items[1].url == ferry
    assert requested(httpserver_ipv4, "/private/memo") == 0
    assert requested(httpserver_ipv4, "/robots.txt") == 1  # read at the first redirect to it


def test_the_setting_lets_loopback_through(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    port = httpserver.port
    urls = [
        f"http://127.0.0.1:{port}/news/ferry",
        f"http://localhost:{port}/news/ferry",
        f"http://127.1:{port}/news/ferry",
        f"http://2130706433:{port}/news/ferry",
    ]
    listing = write(tmp_path, "local.urls", "\n".join(urls) + "\n")
    allowed = load_settings(environ={"TIDINGS_ALLOW_PRIVATE_ADDRESSES": "1"}, fetch_delay=0)
    assert allowed.allow_private_addresses and not Settings().allow_private_addresses
    items = read_all([listing], allowed)
    assert kinds(items) == [("Article", url) for url in urls]
    assert requested(httpserver, "/news/ferry") == 4


def test_ingest_records_a_refused_url_and_stores_the_rest(
    tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve_robots(httpserver)
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    listing = write(tmp_path, "reading.urls", f"{ferry}\n")
    story = write(tmp_path, "orchard.txt", "Frost hits orchards\n\n" + " ".join(ORCHARD) + "\n")
    database = tmp_path / "news.db"
    monkeypatch.setenv("TIDINGS_FETCH_DELAY", "0")
    monkeypatch.delenv("TIDINGS_ALLOW_PRIVATE_ADDRESSES", raising=False)
    command = ["ingest", listing, story, "--workers", "1", "--db", str(database)]
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 1, result.output
    assert "refused: localhost resolves to 127.0.0.1, a loopback address" in result.stderr
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT title FROM articles").fetchall() == [("Frost hits orchards",)]
        ((origin, kind, reason),) = db.execute("SELECT origin, kind, reason FROM errors")
    assert (origin, kind) == (ferry, "FetchError") and ALLOW_HINT in reason
    assert requested(httpserver, "/news/ferry") == 0

    monkeypatch.setenv("TIDINGS_ALLOW_PRIVATE_ADDRESSES", "1")
    again = CliRunner().invoke(main, ["ingest", "--retry-failed", "--db", str(database)])
    assert again.exit_code == 0, again.output
    with sqlite3.connect(database) as db:
        titles = {title for (title,) in db.execute("SELECT title FROM articles")}
        assert titles == {"Frost hits orchards", "Ferry sails again"}
        assert db.execute("SELECT COUNT(*) FROM errors").fetchone() == (0,)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("10.0.0.7", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fd00::1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "not a public address"),
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind
