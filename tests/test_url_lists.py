"""Lists of URLs (.urls, or a .txt / stdin of nothing but URLs): each URL read politely, in
order; a plain-text article that merely mentions a URL stays an article."""

from __future__ import annotations

import io
from pathlib import Path

from pytest_httpserver import HTTPServer

from sites import (
    FERRY,
    ORCHARD,
    QUICK,
    FakeClock,
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
from tidings.errors import DisallowedByRobots, FetchError, InputError
from tidings.ingest.polite import PoliteFetcher
from tidings.ingest.urls import is_url, looks_like_url_list
from tidings.model import Article

PLAIN = (
    "Volunteers planted four hundred oak saplings along the river path on Saturday, "
    "the parks department said.\n"
)


def test_urls_file_fetches_each_url_once_in_order(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    httpserver.expect_request("/notes/oaks.txt").respond_with_data(
        "Oaks planted by the river\n\n" + PLAIN, content_type="text/plain"
    )
    oaks = httpserver.url_for("/notes/oaks.txt")
    memo = httpserver.url_for("/private/memo")
    gone = httpserver.url_for("/news/gone")
    httpserver.expect_request("/news/gone").respond_with_data("no", status=404)
    listing = write(
        tmp_path,
        "reading.urls",
        f"# stories for Monday\n\n{ferry}\n  {oaks}  \nnews.example/no-scheme\n"
        f"{ferry}\n{memo}\n{gone}\n",
    )
    items = read_all([listing])
    assert [(type(entry).__name__, entry.origin) for entry in items] == [
        ("Article", ferry),
        ("Article", oaks),
        ("InputError", f"{listing}[line 5]"),
        ("DisallowedByRobots", memo),
        ("FetchError", gone),
    ]
    first, second = items[0], items[1]
    assert isinstance(first, Article) and first.title == "Ferry sails again"
    assert first.url == ferry
    assert isinstance(second, Article) and second.title == "Oaks planted by the river"
    assert "not an http(s) URL: 'news.example/no-scheme'" in str(items[2])
    assert "robots.txt" in str(items[3]) and "HTTP 404" in str(items[4])
    assert requested(httpserver, "/news/ferry") == 1  # listed twice, fetched once
    assert requested(httpserver, "/private/memo") == 0
    assert requested(httpserver, "/robots.txt") == 1


def test_txt_of_only_urls_is_a_list_but_prose_with_a_url_is_an_article(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    serve_robots(httpserver)
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    orchard = serve_page(httpserver, "/news/orchard", news_page("Frost hits orchards", ORCHARD))
    listing = write(tmp_path, "links.txt", f"\ufeff# two links\n{ferry}\n\n{orchard}\r\n")
    titles = [getattr(entry, "title", None) for entry in read_all([listing])]
    assert titles == ["Ferry sails again", "Frost hits orchards"]

    httpserver.clear_log()
    prose = write(tmp_path, "story.txt", f"Oaks planted\n\n{PLAIN}\n{ferry}\n")
    (article,) = read_all([prose])
    assert isinstance(article, Article) and article.text == f"Oaks planted\n\n{PLAIN}\n{ferry}\n"
    markdown = write(tmp_path, "links.md", f"{ferry}\n")  # only .txt (and stdin) can be lists
    assert isinstance(read_all([markdown])[0], Article)
    assert httpserver.log == []


def test_url_list_on_stdin(httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    (article,) = read_all(["-"], stdin=io.BytesIO(f"{ferry}\n".encode()))
    assert isinstance(article, Article) and article.origin == ferry


def test_a_listed_feed_is_read_entry_by_entry(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    httpserver.expect_request("/feed").respond_with_data(
        rss(item("Ferry", "/news/ferry", "F.")), content_type="application/rss+xml"
    )
    feed = httpserver.url_for("/feed")
    (article,) = read_all([write(tmp_path, "feeds.urls", feed + "\n")])
    assert isinstance(article, Article)
    ferry = httpserver.url_for("/news/ferry")
    assert article.origin == f"{feed}[entry 1] ({ferry})" and article.title == "Ferry sails again"


def test_robots_disallowing_a_listed_url(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver, "User-agent: *\nDisallow: /\n")
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    (error,) = read_all([write(tmp_path, "a.urls", ferry)])
    assert isinstance(error, DisallowedByRobots) and isinstance(error, FetchError)
    assert_named(error, ferry)
    assert requested(httpserver, "/news/ferry") == 0


def test_empty_list(tmp_path: Path) -> None:
    listing = write(tmp_path, "none.urls", "# nothing yet\n\n")
    (error,) = read_all([listing])
    assert type(error) is InputError and "holds no URLs" in assert_named(error, listing).reason


def test_delay_between_listed_urls(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    orchard = serve_page(httpserver, "/news/orchard", news_page("Frost hits orchards", ORCHARD))
    listing = write(tmp_path, "a.urls", f"{ferry}\n{orchard}\n")
    settings = local_settings(fetch_delay=0.75)
    clock = FakeClock()
    with PoliteFetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        items = read_all([listing], settings, fetcher=fetcher)
    assert all(isinstance(entry, Article) for entry in items)
    assert clock.sleeps == [0.75, 0.75]  # robots.txt, pause, ferry, pause, orchard


def test_is_url_and_looks_like_url_list() -> None:
    assert is_url("https://news.example/a?b=1#c") and is_url("HTTP://x.example")
    assert not is_url("https://") and not is_url("https:// spaced.example")
    assert not is_url("ftp://files.example/a")
    assert looks_like_url_list("# c\nhttp://a.example/1\n\nhttps://b.example/2\n")
    assert not looks_like_url_list("# only a comment\n")
    assert not looks_like_url_list("http://a.example/1\nand a sentence\n")
    assert QUICK.fetch_delay == 0
