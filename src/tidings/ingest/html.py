"""HTML to Article with trafilatura: main text, title, author, site and date; no comments or
boilerplate. Paragraphs are separated by blank lines, so the headline stands on its own.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura

from tidings.errors import NoArticleBody
from tidings.ingest.text import article_from_text
from tidings.model import Article

_LOOKS_LIKE_HTML = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML document."""
    return bool(_LOOKS_LIKE_HTML.match(text[:2048]))


def article_from_html(
    html: str,
    origin: str,
    *,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    """Extract the article from a web page; raise NoArticleBody when there is none."""
    try:
        document: Any = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            favor_precision=True,
        )
    except Exception as error:  # trafilatura raises assorted lxml errors on broken markup
        raise NoArticleBody(origin, f"cannot parse the HTML ({error})") from None
    body = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not body:
        raise NoArticleBody(origin, "no article text found in the HTML page")
    title = (document.title or "").strip() or None
    paragraphs = [line.strip() for line in body.split("\n") if line.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise NoArticleBody(origin, "the HTML page has a title but no article text")
    text = "\n\n".join([title, *paragraphs] if title else paragraphs) + "\n"
    return article_from_text(
        text,
        origin,
        title=title,
        url=url or getattr(document, "url", None),
        source=getattr(document, "sitename", None) or getattr(document, "hostname", None),
        published=published or getattr(document, "date", None),
        author=getattr(document, "author", None),
    )
