"""RSS and Atom feeds: entries become articles through their linked pages (fetched politely,
robots.txt obeyed) or their own text; a bad entry is named and the others still come through.

Everything is offline: pages and robots.txt come from pytest-httpserver; the per-host pause is
checked with a fake clock, never by timing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from sites import (
    FERRY,
    LIBRARY_SUMMARY,
    ORCHARD,
    QUICK,
    ROADS_CONTENT,
    WIND,
    FakeClock,
    assert_named,
    dead_url,
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
from tidings.errors import DisallowedByRobots, FeedError, FetchError
from tidings.ingest.feeds import MIN_ENTRY_WORDS, looks_like_feed
from tidings.ingest.fragments import text_from_fragment
from tidings.ingest.polite import PoliteFetcher
from tidings.model import Article
from tidings.settings import Settings

# --- RSS 2.0 ------------------------------------------------------------------------------


def test_rss_file_entries_become_articles_and_bad_entries_errors(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    serve_robots(httpserver)
    ferry = serve_page(
        httpserver, "/news/ferry", news_page("Ferry sails again", FERRY, date="2022-05-08")
    )
    orchard = serve_page(httpserver, "/news/orchard", news_page("Frost hits orchards", ORCHARD))
    memo = serve_page(httpserver, "/private/memo", news_page("Council memo", ORCHARD))
    library = httpserver.url_for("/news/library")
    httpserver.expect_request("/news/library").respond_with_data("paywall", status=410)
    depot = httpserver.url_for("/news/depot")
    httpserver.expect_request("/news/depot").respond_with_data("gone", status=404)
    feed = write(
        tmp_path,
        "courier.rss",
        rss(
            item("Ferry service resumes", ferry, "Ferries run again.",
                 "Mon, 09 May 2022 07:30:00 GMT")
            + item("Growers count frost losses", orchard, "Frost.",
                   "Tue, 10 May 2022 16:45:00 +0200")
            + item("Council memo leaked", memo, "A memo was leaked.")
            + item("Library extends hours", library, LIBRARY_SUMMARY,
                   "Wed, 11 May 2022 12:00:00 GMT")
            + item("Depot plans shelved", depot, "The plans were shelved.")
        ),
    )  # fmt: skip
    items = read_all([feed])
    assert [type(entry).__name__ for entry in items] == [
        "Article", "Article", "DisallowedByRobots", "Article", "FetchError",
    ]  # fmt: skip
    first, second, _, fourth, _ = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Ferry sails again"  # the page's own headline
    assert first.url == ferry and first.origin == f"{feed}[entry 1] ({ferry})"
    assert first.published == "2022-05-08"  # the page's date wins over the entry's
    assert first.source == "Harbour Town Courier"
    assert first.language == "en"
    assert FERRY[0] in first.text and FERRY[1] in first.text
    assert "Contact the newsroom" not in first.text
    assert second.published == "2022-05-10T16:45:00+02:00"  # the page has none: the entry's
    assert second.url == orchard and ORCHARD[1] in second.text

    memo_error = assert_named(items[2], f"{feed}[entry 3] ({memo})")
    assert "robots.txt" in memo_error.reason and "forbids" in memo_error.reason
    assert requested(httpserver, "/private/memo") == 0

    assert isinstance(fourth, Article)  # the page failed: the long summary stands in
    assert fourth.title == "Library extends hours"
    assert fourth.text == f"Library extends hours\n\n{LIBRARY_SUMMARY}\n"
    assert fourth.url == library and fourth.published == "2022-05-11T12:00:00+00:00"
    assert (
        fourth.origin == f"{feed}[entry 4] ({library})" and fourth.source == "Harbour Town Courier"
    )

    depot_error = assert_named(items[4], f"{feed}[entry 5] ({depot})")
    assert "HTTP 404" in depot_error.reason and "too short" in depot_error.reason
    assert f"at least {MIN_ENTRY_WORDS}" in depot_error.reason
    assert requested(httpserver, "/robots.txt") == 1  # read once for the whole feed


def test_dead_links_fall_back_to_the_summary_or_are_named(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    serve_robots(httpserver)
    good = serve_page(httpserver, "/news/orchard", news_page("Frost hits orchards", ORCHARD))
    long_dead, short_dead = dead_url("/library"), dead_url("/depot")
    feed = write(
        tmp_path,
        "mixed.rss",
        rss(
            item("Library extends hours", long_dead, LIBRARY_SUMMARY)
            + item("Depot plans shelved", short_dead, "The plans were shelved.")
            + item("Growers count frost losses", good, "Frost.")
        ),
    )
    first, second, third = read_all([feed])
    assert isinstance(first, Article) and LIBRARY_SUMMARY in first.text
    error = assert_named(second, f"{feed}[entry 2] ({short_dead})")
    assert isinstance(error, FetchError)
    assert "cannot read" in error.reason or "cannot connect" in error.reason
    assert isinstance(third, Article) and third.title == "Frost hits orchards"


def test_entry_without_a_link_uses_its_own_text_or_is_named(tmp_path: Path) -> None:
    feed = write(
        tmp_path,
        "offline.rss",
        rss(
            item("Library extends hours", None, LIBRARY_SUMMARY)
            + item("Teaser", None, "Just a line.")
            + item("Local link", "/news/relative", "Only a teaser here.")
        ),
    )
    first, second, third = read_all([feed])
    assert isinstance(first, Article) and first.url is None
    assert first.text.startswith("Library extends hours\n\nThe town library")
    error = assert_named(second, f"{feed}[entry 2]")
    assert isinstance(error, FeedError) and "no link" in error.reason
    # a relative link in a file has no site to resolve against
    assert "not a web address" in assert_named(third, f"{feed}[entry 3] (/news/relative)").reason


def test_invalid_links_fall_back_or_are_named(tmp_path: Path) -> None:
    feed = write(
        tmp_path,
        "odd.rss",
        rss(
            item("Library extends hours", "http://[broken/x", LIBRARY_SUMMARY)
            + item("Bad port", "http://news.example:99999/x", "Short.")
        ),
    )
    first, second = read_all([feed])
    assert isinstance(first, Article) and first.url == "http://[broken/x"
    error = assert_named(second, f"{feed}[entry 2] (http://news.example:99999/x)")
    assert isinstance(error, FetchError) and "invalid URL" in error.reason


# --- Atom and RSS 1.0 -----------------------------------------------------------------------


def test_atom_file(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    wind = serve_page(httpserver, "/news/wind", news_page("Ridge wind farm approved", WIND))
    escaped = ROADS_CONTENT.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">Hill Country &amp;amp; Valley Dispatch</title>
  <id>urn:example:dispatch</id><updated>2023-01-16T06:00:00Z</updated>
  <entry>
    <title>Wind farm approved</title><id>urn:example:1</id>
    <link rel="alternate" href="{wind}"/>
    <published>2023-01-14T18:00:00Z</published><updated>2023-01-15T09:00:00Z</updated>
    <summary>The board said yes.</summary>
  </entry>
  <entry>
    <title type="html">Rail &amp;amp; road closures</title><id>urn:example:2</id>
    <updated>2023-01-16T06:00:00Z</updated>
    <content type="html">{escaped}</content>
  </entry>
</feed>
"""
    feed = write(tmp_path, "dispatch.atom", atom)
    wind_article, roads = read_all([feed])
    assert isinstance(wind_article, Article) and isinstance(roads, Article)
    assert wind_article.title == "Ridge wind farm approved" and wind_article.url == wind
    assert wind_article.published == "2023-01-14T18:00:00+00:00"  # published before updated
    assert wind_article.source == "Hill Country & Valley Dispatch"
    assert WIND[1] in wind_article.text
    assert roads.title == "Rail & road closures"
    assert roads.published == "2023-01-16T06:00:00+00:00" and roads.url is None
    assert roads.text.startswith("Rail & road closures\n\nHeavy snow closed the mountain pass")
    assert "\n\nRoad crews worked" in roads.text and "trackVisitor" not in roads.text
    assert roads.origin == f"{feed}[entry 2]"  # no link: the entry number alone


def test_rdf_feed_in_an_xml_file_and_a_latin1_declaration(tmp_path: Path) -> None:
    rdf = f"""<?xml version="1.0" encoding="ISO-8859-1"?>
<!-- an RSS 1.0 feed -->
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
  <channel rdf:about="http://caf.example/"><title>Café Gazette</title>
    <link>http://caf.example/</link><description>x</description></channel>
  <item rdf:about="urn:1"><title>Café owners march</title>
    <description>{LIBRARY_SUMMARY}</description></item>
</rdf:RDF>
"""
    feed = write(tmp_path, "gazette.xml", rdf.encode("latin-1"))
    (article,) = read_all([feed])
    assert isinstance(article, Article)
    assert article.title == "Café owners march" and article.source == "Café Gazette"


def test_xml_that_is_not_a_feed_and_broken_feeds(tmp_path: Path) -> None:
    sitemap = write(tmp_path, "sitemap.xml", '<?xml version="1.0"?><urlset><url/></urlset>')
    error = assert_named(read_all([sitemap])[0], sitemap)
    assert isinstance(error, FeedError) and "neither an RSS/Atom feed nor a web page" in str(error)
    empty = write(tmp_path, "empty.rss", rss(""))
    assert "no entries" in assert_named(read_all([empty])[0], empty).reason
    broken = write(tmp_path, "broken.rss", "this is plain prose, not a feed at all")
    reason = assert_named(read_all([broken])[0], broken).reason
    assert reason == "not a readable RSS or Atom feed (line 2: syntax error)"
    whole = rss(item("Cut", None, LIBRARY_SUMMARY))
    cut = write(tmp_path, "cut.rss", whole[: whole.index("</channel>")])
    (article,) = read_all([cut])  # feedparser's lenient parser keeps the complete entry
    assert isinstance(article, Article) and article.title == "Cut"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<rss version="2.0"><channel/></rss>', True),
        ('\ufeff<?xml version="1.0"?>\n<?xml-stylesheet href="a.xsl"?>\n<!-- c -->\n<feed>', True),
        ("<!DOCTYPE rss>\n<rss>", True),
        ('<rdf:RDF xmlns:rdf="x">', True),
        ("<html><body><rss></rss></body></html>", False),
        ("<feedback/>", False),
        ("Plain text about an <rss> tag.", False),
    ],
)
def test_looks_like_feed(text: str, expected: bool) -> None:
    assert looks_like_feed(text) is expected


def test_text_from_fragment() -> None:
    fragment = "<p>Bread &amp; salt</p><p>First line<br>second line</p><style>p{}</style>"
    assert text_from_fragment(fragment) == "Bread & salt\n\nFirst line\nsecond line"
    assert text_from_fragment("  two\n\n  paragraphs ", is_html=False) == "two\n\nparagraphs"
    assert text_from_fragment("<div><script>x()</script></div>") == ""


# --- feeds at URLs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["application/rss+xml", "text/xml; charset=utf-8", "text/html", "application/octet-stream"],
)
def test_feed_url_by_content_type_or_sniffing(httpserver: HTTPServer, content_type: str) -> None:
    serve_robots(httpserver)
    serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    serve_page(httpserver, "/feeds/orchard", news_page("Frost hits orchards", ORCHARD))
    body = rss(
        item("Ferry", "/news/ferry", "Ferries.") + item("Orchard", "orchard", "Frost.")
    )  # relative links resolve against the feed's URL
    httpserver.expect_request("/feeds/all").respond_with_data(body, content_type=content_type)
    feed = httpserver.url_for("/feeds/all")
    items = read_all([feed])
    if content_type == "application/octet-stream":
        error = assert_named(items[0], feed)
        assert "not a web page" in error.reason
        return
    assert [getattr(entry, "title", None) for entry in items] == [
        "Ferry sails again", "Frost hits orchards",
    ]  # fmt: skip
    assert [entry.url for entry in items if isinstance(entry, Article)] == [
        httpserver.url_for("/news/ferry"), httpserver.url_for("/feeds/orchard"),
    ]  # fmt: skip
    assert [entry.origin for entry in items] == [
        f"{feed}[entry 1] ({httpserver.url_for('/news/ferry')})",
        f"{feed}[entry 2] ({httpserver.url_for('/feeds/orchard')})",
    ]


def test_atom_url_with_relative_links(httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    serve_page(httpserver, "/feeds/wind", news_page("Ridge wind farm approved", WIND))
    atom = (
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Dispatch</title>'
        '<entry><title>Wind</title><link href="wind"/><updated>2023-01-15T09:00:00Z</updated>'
        "</entry></feed>"
    )
    httpserver.expect_request("/feeds/atom").respond_with_data(
        atom, content_type="application/atom+xml"
    )
    (article,) = read_all([httpserver.url_for("/feeds/atom")])
    assert isinstance(article, Article)
    assert article.url == httpserver.url_for("/feeds/wind")
    assert article.published == "2023-01-15T09:00:00+00:00"


# --- robots.txt ----------------------------------------------------------------------------


def test_robots_rules_for_our_user_agent(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver, "User-agent: tidings\nDisallow: /news/\n\nUser-agent: *\nAllow: /\n")
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    feed = write(tmp_path, "a.rss", rss(item("Ferry", ferry, "Ferries.")))
    (error,) = read_all([feed])
    assert isinstance(error, DisallowedByRobots)
    assert "user agent tidings" in error.reason
    other_agent = QUICK.model_copy(update={"user_agent": "otherbot/2.0"})
    assert isinstance(read_all([feed], other_agent)[0], Article)


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (403, True), (503, False)])
def test_robots_txt_missing_or_failing(
    tmp_path: Path, httpserver: HTTPServer, status: int, allowed: bool
) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=status)
    ferry = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    orchard = serve_page(httpserver, "/news/orchard", news_page("Frost hits orchards", ORCHARD))
    feed = write(
        tmp_path, "a.rss", rss(item("Ferry", ferry, "F.") + item("Orchard", orchard, "O."))
    )
    items = read_all([feed])
    assert requested(httpserver, "/robots.txt") == 1
    if allowed:
        assert all(isinstance(entry, Article) for entry in items), items
        return
    assert requested(httpserver, "/news/ferry") == 0
    error = assert_named(items[0], f"{feed}[entry 1] ({ferry})")
    assert isinstance(error, DisallowedByRobots) and "HTTP 503" in error.reason


def test_a_url_named_by_the_user_is_fetched_without_robots(httpserver: HTTPServer) -> None:
    serve_robots(httpserver, "User-agent: *\nDisallow: /\n")
    page = serve_page(httpserver, "/news/ferry", news_page("Ferry sails again", FERRY))
    (article,) = read_all([page])
    assert isinstance(article, Article) and requested(httpserver, "/robots.txt") == 0


# --- the pause between requests -------------------------------------------------------------


def test_delay_between_requests_to_one_host(tmp_path: Path, httpserver: HTTPServer) -> None:
    serve_robots(httpserver)
    links = [
        serve_page(httpserver, f"/news/{name}", news_page(title, FERRY))
        for name, title in (("one", "First story"), ("two", "Second story"), ("three", "Third"))
    ]
    feed = write(
        tmp_path, "a.rss", rss("".join(item(f"E{i}", u, "x") for i, u in enumerate(links)))
    )
    settings = local_settings(fetch_delay=2.5)
    clock = FakeClock()
    with PoliteFetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        items = read_all([feed], settings, fetcher=fetcher)
    assert all(isinstance(entry, Article) for entry in items), items
    assert clock.sleeps == [2.5, 2.5, 2.5]  # robots.txt first, then a pause before each page
    assert [request.path for request, _ in httpserver.log] == [
        "/robots.txt", "/news/one", "/news/two", "/news/three",
    ]  # fmt: skip


def test_delay_is_per_host_and_counts_from_the_last_request(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("text", content_type="text/plain")
    local = httpserver.url_for("/a")
    loopback = local.replace("localhost", "127.0.0.1")
    clock = FakeClock()
    fetcher = PoliteFetcher(local_settings(fetch_delay=3), clock=clock, sleep=clock.sleep)
    fetcher.fetch(local, robots=False)
    fetcher.fetch(loopback, robots=False)  # another host: no pause
    assert clock.sleeps == []
    clock.now += 1.0  # one second of other work
    fetcher.fetch(local, robots=False)
    assert clock.sleeps == [2.0]
    clock.now += 5.0
    fetcher.fetch(loopback, robots=False)
    assert clock.sleeps == [2.0]
    fetcher.close()


@pytest.mark.parametrize(
    ("robots", "delay", "sleeps"),
    [
        ("User-agent: *\nCrawl-delay: 4\n", 1.0, [4.0, 4.0]),  # the site asks for more
        ("User-agent: *\nCrawl-delay: 4\n", 6.0, [6.0, 6.0]),
        ("User-agent: *\nCrawl-delay: 9999\n", 0.0, [30.0, 30.0]),  # MAX_CRAWL_DELAY
        ("User-agent: *\nDisallow: /private/\n", 0.0, []),
    ],
)
def test_crawl_delay_of_the_site_and_a_zero_delay(
    tmp_path: Path, httpserver: HTTPServer, robots: str, delay: float, sleeps: list[float]
) -> None:
    serve_robots(httpserver, robots)
    links = [serve_page(httpserver, f"/n/{n}", news_page(f"Story {n}", FERRY)) for n in (1, 2)]
    feed = write(tmp_path, "a.rss", rss("".join(item("E", link, "x") for link in links)))
    clock = FakeClock()
    settings = local_settings(fetch_delay=delay)
    with PoliteFetcher(settings, clock=clock, sleep=clock.sleep) as fetcher:
        items = read_all([feed], settings, fetcher=fetcher)
    assert all(isinstance(entry, Article) for entry in items), items
    assert clock.sleeps == sleeps


def test_fetch_delay_setting() -> None:
    assert Settings().fetch_delay == 1.0
    with pytest.raises(ValueError, match="fetch_delay"):
        Settings(fetch_delay=-1)
