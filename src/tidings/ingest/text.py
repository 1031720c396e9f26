"""Plain text to Article: a short first line followed by a blank line is the headline.

Blank lines before the headline and a Markdown ``#`` marker are allowed; a line that ends like
a sentence (``.``, ``:``, ``;``, ``,``) is not a headline.

The article text is kept exactly as read (headline included), so that every offset tidings
reports points into the file the user has; only a lone UTF-16 surrogate (valid in JSON's
``"\ud800"`` and in Python strings, but not Unicode text: it cannot be encoded, hashed or
stored) becomes U+FFFD, one character for one, so the offsets still hold.
"""

from __future__ import annotations

import hashlib
import re

from tidings.model import Article

MAX_HEADLINE_CHARS = 300
_SENTENCE_END = (".", ":", ";", ",")
_MARKDOWN_HEADING = re.compile(r"\A#{1,6}\s+")


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def repaired(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (the same length)."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _repaired(value: str | None) -> str | None:
    return None if value is None else repaired(value)


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
    text = repaired(text)
    return Article(
        id=article_id(text),
        text=text,
        title=_repaired((title or "").strip() or headline(text)),
        url=_repaired(url),
        source=_repaired(source),
        published=_repaired(published),
        author=_repaired(author),
        origin=repaired(origin),
    )
