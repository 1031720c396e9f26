"""Plain text to Article: a short first line followed by a blank line is the headline.

The article text is kept exactly as read (headline included), so that every offset tidings
reports points into the file the user has.
"""

from __future__ import annotations

import hashlib
import re

from tidings.model import Article

_HEADLINE = re.compile(r"\A[ \t\ufeff]*(?P<line>[^\n]{1,300}?)[ \t\u00a0]*\r?\n[ \t\u00a0]*\r?\n")
_SENTENCE_END = (".", "!", "?", ":", ";", ",")


def article_id(text: str) -> str:
    """A stable id from the text alone: the same article read twice gets the same id."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def headline(text: str) -> str | None:
    """The first line when a blank line follows it and it reads like a headline."""
    match = _HEADLINE.match(text)
    if match is None:
        return None
    line = match.group("line").strip()
    if not line or (line.endswith(_SENTENCE_END) and not line.endswith(("?", "!"))):
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
