"""Plain text to Article: a short first line followed by a blank line is the headline.

Blank lines before the headline and a Markdown ``#`` marker are allowed; a line that ends like
a sentence (``.``, ``:``, ``;``, ``,``) is not a headline.

The article text is kept exactly as read (headline included), so that every offset tidings
reports points into the file the user has.
"""

from __future__ import annotations

import hashlib
import re

from tidings.model import Article

MAX_HEADLINE_CHARS = 300
_SENTENCE_END = (".", ":", ";", ",")
_MARKDOWN_HEADING = re.compile(r"\A#{1,6}\s+")


def article_id(text: str) -> str:
    """A stable id from the text alone: the same article read twice gets the same id."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def headline(text: str) -> str | None:
    """The first line when a blank line follows it and it reads like a headline."""
    first, newline, rest = text.lstrip("\ufeff \t\u00a0\r\n").partition("\n")
    blank, newline_after_blank, _ = rest.partition("\n")
    if not newline or not newline_after_blank or blank.strip():
        return None
    line = _MARKDOWN_HEADING.sub("", first.strip())
    if not line or len(line) > MAX_HEADLINE_CHARS or line.endswith(_SENTENCE_END):
        return None
    return line


def article_from_text(
    text: str,
    origin: str,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: str | None = None,
    author: str | None = None,
) -> Article:
    """Build an Article; without a given title, the headline line (if any) becomes the title."""
    return Article(
        id=article_id(text),
        text=text,
        title=(title or "").strip() or headline(text),
        url=url,
        source=source,
        published=published,
        author=author,
        origin=origin,
    )
