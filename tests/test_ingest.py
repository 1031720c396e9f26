"""tidings.ingest end to end: real files, a real local HTTP server, stdin as a byte stream.

Every bad input must come back as an InputError whose ``str`` is one line naming the input,
and never stop the batch around it.
"""

from __future__ import annotations

import codecs
import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sites import archive
from tidings.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    FetchError,
    InputError,
    NoArticleBody,
    TableError,
    TooLarge,
    UnsupportedLanguage,
)
from tidings.ingest import article_from_text, article_id, read
from tidings.ingest.decode import decode
from tidings.ingest.html import looks_like_html
from tidings.ingest.tables import COLUMNS
from tidings.ingest.text import headline
from tidings.model import Article
from tidings.settings import Settings

SAMPLES = Path(__file__).parent / "samples" / "ingest"
NEWS_PAGE = SAMPLES / "news-page.html"
SOLDIER = SAMPLES / "soldier.txt"

LOOPBACK = Settings(allow_private_addresses=True)  # the test servers listen on loopback
BODY = (
    "On Monday a soldier ran across the border while guards opened fire, officials said. "
    "He was hit five times and was carried to safety by two sergeants who crawled to him.\n"
)


def read_all(
    sources: list[str], settings: Settings | None = None, **options: Any
) -> list[Article | InputError]:
    return list(read(sources, settings or LOOPBACK, **options))


def read_one(source: str, settings: Settings | None = None, **options: Any) -> Article:
    items = read_all([source], settings, **options)
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def read_error(source: str, settings: Settings | None = None, **options: Any) -> InputError:
    items = read_all([source], settings, **options)
    assert len(items) == 1, items
    error = items[0]
    assert isinstance(error, InputError), error
    assert_one_line(error, source)
    return error


def assert_one_line(error: InputError, origin: str) -> None:
    message = str(error)
    assert message.startswith(f"{origin}: "), message
    assert "\n" not in message
    assert error.origin == origin and error.reason


def write(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return str(path)


# --- plain text ---------------------------------------------------------------------------


def test_headline_followed_by_blank_line_is_the_title(tmp_path: Path) -> None:
    source = write(tmp_path, "a.txt", "Soldier flees across border\n\n" + BODY)
    article = read_one(source)
    assert article.title == "Soldier flees across border"
    assert article.text == "Soldier flees across border\n\n" + BODY
    assert article.origin == source
    assert article.language == "en"
    assert article.url is None and article.published is None


def test_first_sentence_running_into_the_next_line_is_not_a_title(tmp_path: Path) -> None:
    text = "On Monday a soldier ran across the border\nwhile guards opened fire.\n\n" + BODY
    assert read_one(write(tmp_path, "a.txt", text)).title is None


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Soldier flees\n\nBody.", "Soldier flees"),
        ("Soldier flees\r\n\r\nBody.", "Soldier flees"),
        ("\n\n  Soldier flees  \n \nBody.", "Soldier flees"),
        ("\ufeffSoldier flees\n\nBody.", "Soldier flees"),
        ("# Soldier flees\n\nBody.", "Soldier flees"),
        ("Who shot the soldier?\n\nBody.", "Who shot the soldier?"),
        ("A soldier fled on Monday.\n\nBody.", None),
        ("The soldier said:\n\nBody.", None),
        ("Soldier flees\nacross the border\n\nBody.", None),
        ("Soldier flees\n", None),
        ("Soldier flees", None),
        ("x" * 301 + "\n\nBody.", None),
    ],
)
def test_headline_rules(text: str, title: str | None) -> None:
    assert headline(text) == title


def test_text_is_kept_exactly_as_read(tmp_path: Path) -> None:
    raw = (
        "Border shooting\r\n\r\n  Indented\tline with trailing spaces   \r\nA café, “quoted”.\n\n\n"
    )
    article = read_one(write(tmp_path, "a.txt", raw + BODY))
    assert article.text == raw + BODY
    start = article.text.index("café")
    assert article.text[start : start + 4] == "café"


def test_article_id_is_stable(tmp_path: Path) -> None:
    source = write(tmp_path, "a.txt", "Soldier flees\n\n" + BODY)
    first, second = read_one(source), read_one(source)
    assert first.id == second.id == article_id(first.text)
    assert len(first.id) == 16
    other = read_one(write(tmp_path, "b.txt", "Soldier flees again\n\n" + BODY))
    assert other.id != first.id
    assert article_from_text(first.text, "<memory>").id == first.id


@given(st.text(min_size=1))
def test_article_id_ignores_whitespace_layout(text: str) -> None:
    assert article_id(text) == article_id("  " + text.replace(" ", "\n  ") + "\n")


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1))
def test_decode_round_trips_any_utf8_text(text: str) -> None:
    assume(text.strip() and "\x00" not in text and not text.startswith("\ufeff"))
    assert decode(text.encode("utf-8"), "t", max_bytes=10**6) == text


@given(st.text())
def test_headline_is_a_stripped_piece_of_the_first_line(text: str) -> None:
    title = headline(text)
    if title is not None:
        assert title == title.strip() and "\n" not in title and title in text


# --- HTML ---------------------------------------------------------------------------------


def assert_news_page(article: Article) -> None:
    assert article.title == "Soldier flees across border under fire"
    assert article.author == "Jane Whitfield"
    assert article.source == "The Daily Ledger"
    assert article.published == "2017-11-13"
    assert article.language == "en"
    assert article.text.startswith("Soldier flees across border under fire\n\nA soldier ran")
    assert "surgeons operated on him through the night" in article.text
    assert "test the patience of both governments" in article.text
    for boilerplate in ("COMMENT-MARKER", "RELATED-MARKER", "FOOTER-MARKER", "Subscribe"):
        assert boilerplate not in article.text
    assert "Privacy policy" not in article.text


def test_html_file(tmp_path: Path) -> None:
    article = read_one(str(NEWS_PAGE))
    assert_news_page(article)
    assert article.url == "https://ledger.example.com/world/2017/11/soldier-flees"  # canonical
    assert article.origin == str(NEWS_PAGE)


def test_html_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/world/soldier").respond_with_data(
        NEWS_PAGE.read_bytes(), content_type="text/html; charset=utf-8"
    )
    url = httpserver.url_for("/world/soldier")
    article = read_one(url)
    assert_news_page(article)
    assert article.url == url
    assert article.origin == url


def test_html_is_recognised_by_content_not_only_by_name(tmp_path: Path) -> None:
    page = NEWS_PAGE.read_text(encoding="utf-8")
    assert_news_page(read_one(write(tmp_path, "page.txt", page)))
    xhtml = '<?xml version="1.0" encoding="utf-8"?>\n' + page
    assert looks_like_html(xhtml)
    assert_news_page(read_one(write(tmp_path, "page2.txt", xhtml)))
    assert_news_page(read_one("-", stdin=io.BytesIO(page.encode())))


def test_html_without_a_date_has_none_not_the_copyright_year(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Floods hit the valley</title></head><body><article>"
        f"<p>{BODY}</p></article><footer>© 2021 Valley Times</footer></body></html>"
    )
    article = read_one(write(tmp_path, "floods.html", page))
    assert article.title == "Floods hit the valley"
    assert article.published is None


def test_html_charset_declared_in_the_page(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Café owners protest</title></head>'
        f"<body><article><p>The café owners marched on Monday. {BODY}</p></article></body></html>"
    )
    article = read_one(write(tmp_path, "cafe.html", page.encode("latin-1")))
    assert article.title == "Café owners protest"
    assert "The café owners marched" in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><head><title>Home</title></head><body><nav><ul>"
        "<li><a href='/'>Home</a></li><li><a href='/world'>World</a></li></ul></nav>"
        "<footer>Contact us</footer></body></html>",
        "<html><head><title>Only a title</title></head><body><h1>Only a title</h1></body></html>",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html></html>",
    ],
)
def test_html_without_an_article_body(tmp_path: Path, page: str) -> None:
    source = write(tmp_path, "nav.html", page)
    error = read_error(source)
    assert isinstance(error, NoArticleBody)


# --- URLs ---------------------------------------------------------------------------------


def test_text_plain_url(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story.txt").respond_with_data(
        "Soldier flees\n\n" + BODY, content_type="text/plain; charset=utf-8"
    )
    url = httpserver.url_for("/story.txt")
    article = read_one(url)
    assert article.title == "Soldier flees"
    assert article.text == "Soldier flees\n\n" + BODY
    assert article.url == url and article.origin == url
    assert article.source == url.split("/")[2]


def test_injected_client_is_used(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/story", headers={"X-Test": "1"}).respond_with_data(
        "Soldier flees\n\n" + BODY, content_type="text/plain"
    )
    with httpx.Client(headers={"X-Test": "1"}) as client:
        article = read_one(httpserver.url_for("/story"), client=client)
    assert article.title == "Soldier flees"


@pytest.mark.parametrize(
    ("status", "body", "kind", "reason"),
    [
        (200, "", EmptyInput, "empty"),
        (200, "<html><body><p>Home</p></body></html>", NoArticleBody, "no article text"),
        (302, "", FetchError, "HTTP 302"),  # a redirect without a Location
    ],
)
def test_url_without_an_article(
    httpserver: HTTPServer, status: int, body: str, kind: type[InputError], reason: str
) -> None:
    httpserver.expect_request("/nothing").respond_with_data(
        body, status=status, content_type="text/html"
    )
    error = read_error(httpserver.url_for("/nothing"))
    assert type(error) is kind and reason in str(error)


def test_url_charset_from_the_content_type(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/latin").respond_with_data(
        ("Café owners protest\n\n" + BODY).encode("latin-1"),
        content_type="text/plain; charset=iso-8859-1",
    )
    assert read_one(httpserver.url_for("/latin")).title == "Café owners protest"


def redirect_chain(httpserver: HTTPServer, hops: int) -> str:
    for hop in range(hops):
        httpserver.expect_request(f"/hop{hop}").respond_with_data(
            "", status=302, headers={"Location": httpserver.url_for(f"/hop{hop + 1}")}
        )
    httpserver.expect_request(f"/hop{hops}").respond_with_data(
        "Soldier flees\n\n" + BODY, content_type="text/plain"
    )
    return httpserver.url_for("/hop0")


def test_redirects_are_followed_up_to_the_limit(httpserver: HTTPServer) -> None:
    url = redirect_chain(httpserver, 2)
    article = read_one(url, Settings(allow_private_addresses=True, fetch_max_redirects=2))
    assert article.url == httpserver.url_for("/hop2")
    assert article.origin == url


def test_too_many_redirects(httpserver: HTTPServer) -> None:
    url = redirect_chain(httpserver, 3)
    error = read_error(url, Settings(allow_private_addresses=True, fetch_max_redirects=2))
    assert isinstance(error, FetchError)
    assert "more than 2 redirects" in str(error)


@pytest.mark.parametrize("status", [404, 500])
def test_http_error_names_url_and_status(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/gone").respond_with_data("nope", status=status)
    url = httpserver.url_for("/gone")
    error = read_error(url)
    assert isinstance(error, FetchError)
    assert f"HTTP {status}" in str(error)


def test_response_over_max_bytes_with_content_length(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data("x" * 5000, content_type="text/plain")
    error = read_error(
        httpserver.url_for("/big"), Settings(allow_private_addresses=True, max_bytes=1000)
    )
    assert isinstance(error, TooLarge)
    assert "5,000 bytes" in str(error)


def test_response_over_max_bytes_streamed_without_length(httpserver: HTTPServer) -> None:
    sent: list[int] = []

    def endless(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for number in range(100_000):  # 100 MB if nobody stops reading
                sent.append(number)
                yield b"y" * 1000

        return Response(chunks(), content_type="text/plain")

    httpserver.expect_request("/stream").respond_with_handler(endless)
    error = read_error(
        httpserver.url_for("/stream"), Settings(allow_private_addresses=True, max_bytes=4000)
    )
    assert isinstance(error, TooLarge)
    assert "4,000-byte limit" in str(error)
    assert len(sent) < 100_000  # the client stopped reading


def test_timeout_waiting_for_the_response(httpserver: HTTPServer) -> None:
    done = threading.Event()

    def slow(request: Request) -> Response:
        time.sleep(0.5)
        done.set()
        return Response("too late", content_type="text/plain")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    error = read_error(
        httpserver.url_for("/slow"), Settings(allow_private_addresses=True, fetch_timeout=0.1)
    )
    assert isinstance(error, FetchError)
    assert "timed out after 0.1 s" in str(error)
    assert time.monotonic() - started < 0.45
    assert done.wait(2)  # the one-thread server is free again for the next test


def test_timeout_bounds_a_trickling_download(httpserver: HTTPServer) -> None:
    sent: list[float] = []

    def trickle(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(10):  # each gap is shorter than the timeout, the whole is longer
                sent.append(time.monotonic())
                yield b"word "
                time.sleep(0.05)

        return Response(chunks(), content_type="text/plain")

    httpserver.expect_request("/trickle").respond_with_handler(trickle)
    started = time.monotonic()
    error = read_error(
        httpserver.url_for("/trickle"), Settings(allow_private_addresses=True, fetch_timeout=0.15)
    )
    assert isinstance(error, FetchError)
    assert "timed out after 0.15 s" in str(error)
    assert len(sent) >= 2 and time.monotonic() - started < 0.45


def test_dead_url() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/news"
    error = read_error(url)
    assert isinstance(error, FetchError)
    assert "cannot connect" in str(error)


def test_url_that_is_not_text(httpserver: HTTPServer) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    httpserver.expect_request("/photo").respond_with_data(png, content_type="image/png")
    error = read_error(httpserver.url_for("/photo"))
    assert isinstance(error, FetchError)
    assert "content type image/png" in str(error)


def test_url_without_content_type_is_sniffed(httpserver: HTTPServer) -> None:
    def bare(request: Request) -> Response:
        response = Response(b"\x89PNG\r\n\x1a\n" + bytes(200))
        del response.headers["Content-Type"]
        return response

    httpserver.expect_request("/bare").respond_with_handler(bare)
    error = read_error(httpserver.url_for("/bare"))
    assert isinstance(error, BinaryInput)


# --- JSON Lines and CSV -------------------------------------------------------------------


def test_jsonl_rows_become_articles_and_bad_rows_errors(tmp_path: Path) -> None:
    rows = [
        json.dumps({"text": BODY, "title": "Soldier flees", "url": "https://a.example/1",
                    "date": "2017-11-13", "source": "Ledger"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "No text here", "url": "https://a.example/2"}),
        "",
        json.dumps({"text": "   ", "title": "Blank"}),
        json.dumps({"text": None, "title": "Null"}),
        json.dumps({"body": "Second story\n\n" + BODY, "link": "https://a.example/3"}),
    ]  # fmt: skip
    source = write(tmp_path, "news.jsonl", "\n".join(rows) + "\n")
    items = read_all([source])
    assert [type(item).__name__ for item in items] == [
        "Article", "TableError", "TableError", "TableError", "EmptyInput", "EmptyInput", "Article",
    ]  # fmt: skip
    first, last = items[0], items[-1]
    assert (first.title, first.url, first.published, first.source) == (
        "Soldier flees", "https://a.example/1", "2017-11-13", "Ledger",
    )  # fmt: skip
    assert first.text == BODY and first.origin == f"{source}[1]"
    assert (last.title, last.url, last.origin) == (
        "Second story", "https://a.example/3", f"{source}[8]",
    )  # fmt: skip
    for item, line in zip(items[1:-1], (2, 3, 4, 6, 7), strict=True):
        assert_one_line(item, f"{source}[{line}]")
    assert "not valid JSON" in str(items[1])
    assert "no text column" in str(items[3]) and "title, url" in str(items[3])


def test_jsonl_text_with_unicode_line_separators(tmp_path: Path) -> None:
    text = "A soldier fled\u2028on Monday\x85 across the border,\x0c officials said. " + BODY
    source = write(tmp_path, "news.jsonl", json.dumps({"text": text}, ensure_ascii=False))
    assert read_one(source).text == text


@pytest.mark.parametrize("field", sorted(COLUMNS))
def test_every_column_alias_is_read(tmp_path: Path, field: str) -> None:
    attribute = {"text": "text", "title": "title", "url": "url", "date": "published"}.get(
        field, field
    )
    value = "2017-11-13" if field == "date" else "Value 1"
    for alias in COLUMNS[field]:
        row = {"text": BODY, alias.upper(): value} if field != "text" else {alias: BODY}
        source = write(tmp_path, f"{field}-{alias}.jsonl", json.dumps(row))
        article = read_one(source)
        assert getattr(article, attribute) == (BODY if field == "text" else value), alias


def test_csv_with_multiline_quoted_text(tmp_path: Path) -> None:
    content = (
        "url,date,headline,body\r\n"
        '"https://a.example/1",2019-01-04,"Building collapses","Friday, January 4\n\n'
        'An apartment building collapsed, ""officials"" said.\n' + BODY + '"\r\n'
        "https://a.example/2,2019-01-05,Missing body,\r\n"
        'https://a.example/3,2019-01-06,Third,"Third story, one line. ' + BODY.strip() + '"\r\n'
    )
    source = write(tmp_path, "news.csv", content)
    items = read_all([source])
    assert [type(item).__name__ for item in items] == ["Article", "EmptyInput", "Article"]
    first = items[0]
    assert first.title == "Building collapses"
    assert first.url == "https://a.example/1" and first.published == "2019-01-04"
    assert first.text.startswith('Friday, January 4\n\nAn apartment building collapsed, "off')
    assert first.origin == f"{source}[1]"
    assert_one_line(items[1], f"{source}[2]")
    assert items[2].origin == f"{source}[3]"


def test_csv_and_tsv_without_a_text_column(tmp_path: Path) -> None:
    csv_source = write(tmp_path, "a.csv", "name,age\nAda,36\nBob,40\n")
    errors = read_all([csv_source])
    assert [type(error) for error in errors] == [TableError, TableError]
    assert_one_line(errors[0], f"{csv_source}[1]")
    assert "found age, name" in str(errors[0])
    tsv_source = write(tmp_path, "a.tsv", "title\ttext\nTabbed\t" + BODY)
    assert read_one(tsv_source).title == "Tabbed"


def test_csv_with_only_a_header_says_so(tmp_path: Path) -> None:
    source = write(tmp_path, "empty.csv", "url,title,text\n")
    error = read_error(source)
    assert isinstance(error, TableError)
    assert "no rows" in str(error)


def test_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    source = write(tmp_path, "excel.csv", codecs.BOM_UTF8 + f'Title,Text\nExcel,"{BODY}"'.encode())
    assert read_one(source).title == "Excel"


def test_csv_field_longer_than_the_csv_module_default(tmp_path: Path) -> None:
    long_text = BODY * 800  # about 140,000 characters, over csv's 131,072 default
    source = write(tmp_path, "long.csv", 'title,text\nLong,"' + long_text + '"\n')
    assert read_one(source).text == long_text


# --- the published override ---------------------------------------------------------------


def test_published_override_applies_to_every_article(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/page").respond_with_data(
        NEWS_PAGE.read_bytes(), content_type="text/html"
    )
    table = write(tmp_path, "t.jsonl", json.dumps({"text": BODY, "date": "2001-01-01"}))
    sources = [str(SOLDIER), str(NEWS_PAGE), table, httpserver.url_for("/page"), "-"]
    items = read_all(sources, published="2020-02-02", stdin=io.BytesIO(BODY.encode()))
    assert len(items) == 5
    assert all(isinstance(item, Article) for item in items), items
    assert {item.published for item in items} == {"2020-02-02"}


# --- bad inputs ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "kind", "reason"),
    [
        (b"", EmptyInput, "empty"),
        (b"  \n\t\r\n  ", EmptyInput, "empty"),
        ("\u00a0\u2003\n".encode(), EmptyInput, "empty"),
        (b"Soldier flees\x00\x00\x01\x02 across", BinaryInput, "NUL"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryInput, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", BinaryInput, "PDF"),
        (b"PK\x03\x04\x14\x00", BinaryInput, "ZIP"),
        ("Un café à Paris, où les soldats".encode("latin-1"), EncodingError, "0xe9 at offset 6"),
        (b"\xef\xbb\xbf", EmptyInput, "empty"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, kind: type[InputError], reason: str) -> None:
    source = write(tmp_path, "bad.txt", content)
    error = read_error(source)
    assert type(error) is kind
    assert reason in str(error)


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_byte_order_marks_are_decoded(tmp_path: Path, bom: bytes, encoding: str) -> None:
    text = "Café soldier flees\n\n" + BODY
    article = read_one(write(tmp_path, "bom.txt", bom + text.encode(encoding)))
    assert article.text == text
    assert article.title == "Café soldier flees"


def test_file_over_max_bytes(tmp_path: Path) -> None:
    source = write(tmp_path, "big.txt", "word " * 400)
    error = read_error(source, Settings(max_bytes=1000))
    assert isinstance(error, TooLarge)
    assert "2,000 bytes is over the 1,000-byte limit" in str(error)
    assert read_one(source, Settings(max_bytes=2000)).text == "word " * 400


@pytest.mark.parametrize(("sample", "language"), [("german.txt", "de"), ("french.txt", "fr")])
def test_non_english_article(sample: str, language: str) -> None:
    source = str(SAMPLES / sample)
    error = read_error(source)
    assert isinstance(error, UnsupportedLanguage)
    assert error.language == language
    allowed = read_one(source, Settings(languages=("en", language)))
    assert allowed.language == language


def test_short_text_is_not_refused_for_its_language(tmp_path: Path) -> None:
    assert read_one(write(tmp_path, "a.txt", "Grenze geschlossen.")).language == "en"


def test_text_shorter_than_min_chars(tmp_path: Path) -> None:
    source = write(tmp_path, "short.txt", "Ceasefire holds.\n")
    assert read_one(source).text == "Ceasefire holds.\n"
    error = read_error(source, Settings(min_chars=50))
    assert isinstance(error, EmptyInput) and "only 16 characters" in str(error)


def test_missing_file_and_empty_name(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    assert "no such file" in str(read_error(missing))
    (error,) = read_all([""])
    assert isinstance(error, InputError) and "empty name" in str(error)


def test_folder_reads_articles_and_skips_hidden_and_other_files(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder, "b.txt", "Second story\n\n" + BODY)
    write(folder, "a.html", NEWS_PAGE.read_text(encoding="utf-8"))
    write(folder, "c.csv", f'title,text\nFrom a table,"{BODY}"\n')
    write(folder, "sub/d.txt", "Nested story\n\n" + BODY)
    write(folder, "e.txt", b"")
    write(folder, ".hidden.txt", "Hidden story\n\n" + BODY)
    write(folder, ".git/f.txt", "Git story\n\n" + BODY)
    write(folder, "photo.png", b"\x89PNG\r\n\x1a\n")
    write(folder, "notes.pdf", b"%PDF-1.7")
    items = read_all([str(folder)])
    assert [getattr(item, "origin", None) for item in items] == [
        str(folder / "a.html"),
        str(folder / "b.txt"),
        f"{folder / 'c.csv'}[1]",
        str(folder / "e.txt"),
        str(folder / "sub" / "d.txt"),
    ]
    assert isinstance(items[3], EmptyInput)
    assert [item.title for item in items if isinstance(item, Article)] == [
        "Soldier flees across border under fire", "Second story", "From a table", "Nested story",
    ]  # fmt: skip


def test_folder_without_articles(tmp_path: Path) -> None:
    write(tmp_path, "photo.png", b"\x89PNG")
    error = read_error(str(tmp_path))
    assert "folder holds no" in str(error)


def test_folder_reads_feeds_archives_and_url_lists(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=404)
    httpserver.expect_request("/listed").respond_with_data(
        "Listed story\n\n" + BODY, content_type="text/plain"
    )
    folder = tmp_path / "inbox"
    feed = (
        '<rss version="2.0"><channel><title>Wire</title><item><title>From a feed</title>'
        f"<description>{BODY * 3}</description></item></channel></rss>"
    )
    write(folder, "a.rss", feed)
    write(folder, "b.warc.gz", archive())
    write(folder, "c.urls", httpserver.url_for("/listed") + "\n")
    write(folder, "d.xml", "<?xml version='1.0'?><settings/>")
    write(folder, "e.warc.bak", b"ignored")
    items = read_all([str(folder)], Settings(allow_private_addresses=True, fetch_delay=0))
    assert [getattr(item, "title", type(item).__name__) for item in items] == [
        "From a feed", "Ferry sails again", "Frost hits orchards", "Listed story", "FeedError",
    ]  # fmt: skip
    assert items[1].origin == f"{folder / 'b.warc.gz'}[record 3]"


# --- stdin --------------------------------------------------------------------------------


def test_stdin() -> None:
    article = read_one("-", stdin=io.BytesIO(("Soldier flees\n\n" + BODY).encode()))
    assert article.title == "Soldier flees" and article.origin == "<stdin>"


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"", EmptyInput), (b"x" * 1001, TooLarge), (b"caf\xe9 " * 10, EncodingError)],
)
def test_bad_stdin(content: bytes, kind: type[InputError]) -> None:
    items = read_all(["-"], Settings(max_bytes=1000), stdin=io.BytesIO(content))
    assert len(items) == 1 and type(items[0]) is kind
    assert_one_line(items[0], "<stdin>")


def test_read_is_lazy(tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", BODY)
    seen: list[str] = []

    def sources() -> Iterator[str]:
        for source in (good, good, good):
            seen.append(source)
            yield source

    items = read(sources(), Settings())
    assert seen == []
    assert isinstance(next(items), Article)
    assert len(seen) == 1


# --- a batch ------------------------------------------------------------------------------


def test_batch_keeps_going_and_keeps_order(tmp_path: Path, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/good").respond_with_data(
        "Good URL story\n\n" + BODY, content_type="text/plain"
    )
    httpserver.expect_request("/missing").respond_with_data("no", status=404)
    table = write(tmp_path, "t.jsonl", "{broken\n" + json.dumps({"text": BODY}) + "\n")
    sources = [
        write(tmp_path, "good.txt", "Good file story\n\n" + BODY),
        str(tmp_path / "missing.txt"),
        httpserver.url_for("/missing"),
        write(tmp_path, "empty.txt", b""),
        httpserver.url_for("/good"),
        table,
        str(SAMPLES / "german.txt"),
        write(tmp_path, "binary.txt", b"\x00\x01\x02"),
        "-",
        str(NEWS_PAGE),
    ]
    stdin = io.BytesIO(b"Good stdin story\n\n" + BODY.encode())
    items = read_all(
        sources, Settings(allow_private_addresses=True, fetch_delay=0), stdin=stdin
    )  # two URLs of one host
    expected = [
        (Article, sources[0]),
        (InputError, sources[1]),
        (FetchError, sources[2]),
        (EmptyInput, sources[3]),
        (Article, sources[4]),
        (TableError, f"{table}[1]"),
        (Article, f"{table}[2]"),
        (UnsupportedLanguage, sources[6]),
        (BinaryInput, sources[7]),
        (Article, "<stdin>"),
        (Article, sources[9]),
    ]
    assert [(type(item), item.origin) for item in items] == expected
    assert [item.title for item in items if isinstance(item, Article)] == [
        "Good file story", "Good URL story", None, "Good stdin story",
        "Soldier flees across border under fire",
    ]  # fmt: skip


def test_url_without_content_type_is_sniffed_as_text(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/raw").respond_with_response(
        Response(("Soldier flees\n\n" + BODY).encode("utf-8"), headers={})
    )
    article = read_one(httpserver.url_for("/raw"))
    assert article.text == "Soldier flees\n\n" + BODY  # not rebuilt by the HTML extractor


def test_a_json_list_is_not_text(tmp_path: Path) -> None:
    source = write(tmp_path, "news.jsonl", json.dumps({"text": ["a", "b"]}) + "\n")
    (error,) = read_all([source])
    assert isinstance(error, TableError)
    assert str(error) == f"{source}[1]: the 'text' column holds a JSON list, not text"


def test_a_quoted_pattern_reads_the_files_it_matches(tmp_path: Path) -> None:
    from tidings.ingest import read
    from tidings.settings import Settings

    (tmp_path / "2019").mkdir()
    for name in ("2019/one.txt", "2019/two.txt", "notes.md"):
        (tmp_path / name).write_text(
            "The council met on Monday to discuss the harbour and agreed a new budget.",
            encoding="utf-8",
        )
    items = list(read([str(tmp_path / "**" / "*.txt")], Settings()))
    assert sorted(Path(item.origin).name for item in items) == ["one.txt", "two.txt"]
    (error,) = list(read([str(tmp_path / "*.csv")], Settings()))
    assert "no file matches this pattern" in str(error)
