"""HTML fragments (a feed entry's summary or content, an HTML title) to plain text.

Block elements (paragraphs, headings, list items, quotes, table rows) become paragraphs
separated by a blank line, ``<br>`` a line break; scripts, styles and other invisible elements
are dropped; entities are decoded; runs of spaces are collapsed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["text_from_fragment"]

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "header hr li main ol p pre section table tr ul".split()
)
_INVISIBLE = frozenset("script style template noscript iframe object svg math head".split())
_PARAGRAPH = "\x00"  # a paragraph break while the text is collected
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag == "br":
            self.pieces.append("\n")
        elif tag in _BLOCKS:
            self.pieces.append(_PARAGRAPH)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _INVISIBLE:  # <br/>, <hr/>; a self-closed <script/> hides nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.pieces.append(_PARAGRAPH)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.pieces.append(data.replace("\n", " "))


def text_from_fragment(fragment: str, *, is_html: bool = True) -> str:
    """The visible text of an HTML fragment as paragraphs joined by blank lines ("" if none).
    With ``is_html=False`` the fragment is plain text: only its spaces are tidied."""
    if is_html:
        collector = _TextCollector()
        collector.feed(fragment)
        collector.close()
        raw = "".join(collector.pieces)
    else:
        raw = re.sub(r"\n\s*\n", _PARAGRAPH, fragment)
    paragraphs = []
    for block in raw.split(_PARAGRAPH):
        lines = (_SPACES.sub(" ", line).strip() for line in block.split("\n"))
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
