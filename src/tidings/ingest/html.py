"""HTML to Article with trafilatura: main text, title, author, site and date; no comments or
boilerplate. Paragraphs are separated by blank lines, so the headline stands on its own.

The date comes only from the page's markup (meta tags, ``<time>``, JSON-LD, the URL, a dated
byline); htmldate's extensive search is off because it turns a "© 2021" footer into 2021-01-01.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from trafilatura.settings import set_date_params

from tidings.errors import NoArticleBody, first_line
from tidings.ingest.fetch import Page
from tidings.ingest.published import iso_published
from tidings.ingest.text import article_from_text
from tidings.model import Article

MAX_DEPTH = 200  # below libxml2's limit of 256 nested elements
MIN_BODY_WORDS = 4  # less is a menu or a button label that trafilatura's last-resort pass kept
_LOOKS_LIKE_HTML = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML document."""
    return bool(_LOOKS_LIKE_HTML.match(text[:2048]))


def article_from_page(page: Page, origin: str) -> Article:
    """The article in a fetched page: HTML (by content type or content) or plain text."""
    if page.is_html or looks_like_html(page.text):
        return article_from_html(page.text, origin, url=page.url)
    return article_from_text(page.text, origin, url=page.url, source=page.host)


def article_from_html(
    html: str,
    origin: str,
    *,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    """Extract the article from a web page; raise NoArticleBody when there is none.

    libxml2 stops reading markup nested deeper than 256 elements, losing the text inside;
    when nothing is found in such a page, the elements below ``MAX_DEPTH`` are unwrapped (their
    tags dropped, their text kept) and the page is read once more."""
    try:
        return _extracted(html, origin, url=url, published=published)
    except NoArticleBody:
        flat = _unwrapped_below(html, MAX_DEPTH)
        if flat is None:
            raise
        return _extracted(flat, origin, url=url, published=published)


def _extracted(html: str, origin: str, *, url: str | None, published: str | None) -> Article:
    try:
        document: Any = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            favor_precision=True,
            date_extraction_params=set_date_params(extensive=False),
        )
    except Exception as error:  # trafilatura raises assorted lxml errors on broken markup
        raise NoArticleBody(origin, f"cannot parse the HTML ({first_line(error)})") from None
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not body:
        raise NoArticleBody(origin, "no article text found in the HTML page")
    title = (document.title or "").strip() or None
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise NoArticleBody(origin, "the HTML page has a title but no article text")
    words = sum(len(paragraph.split()) for paragraph in paragraphs)
    if words < MIN_BODY_WORDS:
        raise NoArticleBody(
            origin, f"no article text found in the HTML page (fewer than {MIN_BODY_WORDS} words)"
        )
    text = "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n"
    return article_from_text(
        text,
        origin,
        title=title,
        url=url or getattr(document, "url", None),
        source=getattr(document, "sitename", None) or getattr(document, "hostname", None),
        published=published or iso_published(getattr(document, "date", None)),
        author=getattr(document, "author", None),
    )


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(/?)>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()
)  # fmt: skip


def _unwrapped_below(html: str, depth: int) -> str | None:
    """``html`` without the tags of elements nested deeper than ``depth`` (their text kept),
    or None when nothing nests that deep. Tags are counted as written, unclosed ones too:
    good enough to bring broken or hostile nesting back under the parser's limit."""
    kept: list[str] = []
    level = deepest = 0
    position = 0
    for tag in _TAG.finditer(html):
        closing, name, self_closing = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            drop = level > depth
            level = max(level - 1, 0)
        else:
            level += 1
            deepest = max(deepest, level)
            drop = level > depth
        if drop:
            kept.append(html[position : tag.start()])
            position = tag.end()
    if deepest <= depth:
        return None
    kept.append(html[position:])
    return "".join(kept)
