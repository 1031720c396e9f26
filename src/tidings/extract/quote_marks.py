"""Find quoted passages in raw text by pairing quote marks.

This is the character-level half of quote extraction (attribution lives in
:mod:`tidings.extract.quotes`). One left-to-right pass over the quote marks of each paragraph:

- Double marks ``"“”„‟«»`` form one family, single marks ``'‘’‚‛‹›`` another. Marks of the
  other family inside an open quote are nested quotes and are ignored.
- Whether a mark opens or closes comes from what flanks it: a mark after a space (or an opening
  bracket, dash or colon) and before a word opens; a mark after a word and before a space or
  punctuation closes. Where the flanks do not decide, the mark's shape does (“ opens, ” closes);
  a straight ``"`` then toggles. ``„…“`` (German style) closes on “.
- Apostrophes are not quote marks: a single mark only opens after a space or opening
  punctuation and before a letter (``’90s``, ``'em`` and friends excluded), and only closes
  before a non-letter, so ``Kim’s`` never opens nor closes. A closing candidate that looks like
  a plural possessive (``soldiers’ guns``) is used only when no better closer follows in the
  paragraph.
- Multi-paragraph quotes in the classic style (every paragraph opens with a mark, only the last
  closes) become one :class:`QuotedPassage` with one :class:`QuoteSegment` per paragraph. A
  quote left open at a paragraph end whose next paragraph does not open a quote is dropped as a
  stray mark when it is a single paragraph, and kept up to the paragraph end otherwise.

Paragraphs are separated by blank lines. In a text without any blank line, a line break
separates paragraphs when it follows the end of a sentence or quote, or comes before an
opening quote mark; other line breaks are taken as hard wrapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "'‘’‚‛‹›"
_PREFER_OPEN = frozenset("“„‟«‘‚‛‹")
_PREFER_CLOSE = frozenset("”»’›")
_MARK = re.compile(r"[\"“”„‟«»'‘’‚‛‹›]")
_BLANK_LINE = re.compile(r"\n[ \t\r\u00a0\u2000-\u200b\u3000]*\n")
# Without blank lines, a line break ends a paragraph after a sentence (or quote) end, or
# before an opening quote mark; other line breaks are hard wrapping inside a paragraph.
_LINE_BREAK = re.compile(r"(?<=[.!?:;\"”’»)\]])[ \t\r]*\n|\r?\n(?=[ \t]*[\"“‘«„])")
_OPEN_CONTEXT = frozenset("([{—–-/:;" + DOUBLE_MARKS + SINGLE_MARKS)
_CLOSE_CONTEXT = frozenset(".,;:!?)]}—–-…" + DOUBLE_MARKS + SINGLE_MARKS)
_ELISION = re.compile(r"(?:\d\d(?:s\b|\b)|em\b|n\b|til\b|cause\b|tis\b|twas\b)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class QuoteSegment:
    """The part of a quoted passage inside one paragraph."""

    opening: int  # index of the opening mark
    start: int  # first character of the content
    end: int  # end of the content (exclusive), whitespace and a trailing comma trimmed
    closing: int | None  # index of the closing mark; None when the paragraph ends the segment


@dataclass(frozen=True, slots=True)
class QuotedPassage:
    """Text between a pair of quote marks, possibly over several paragraphs."""

    segments: tuple[QuoteSegment, ...]

    @property
    def opening(self) -> int:
        return self.segments[0].opening

    @property
    def after(self) -> int:
        """Index just after the closing mark (or the content end of an unclosed passage)."""
        last = self.segments[-1]
        return last.end if last.closing is None else last.closing + 1


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty paragraph: blank-line separated, else see _LINE_BREAK."""
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    spans: list[tuple[int, int]] = []
    position = 0
    for match in separator.finditer(text):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip()]


def find_quoted_passages(text: str) -> list[QuotedPassage]:
    """Every top-level quoted passage of ``text``, in text order."""
    passages: list[QuotedPassage] = []
    paragraphs = paragraph_spans(text)
    carried: list[QuoteSegment] = []  # segments of a passage continuing into this paragraph
    for number, (start, end) in enumerate(paragraphs):
        next_start = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
        scanner = _ParagraphScanner(text, start, end, carried)
        passages.extend(scanner.scan(next_start))
        carried = scanner.carried
    return passages


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


class _ParagraphScanner:
    """Pairs the marks of one paragraph; hands an unclosed passage on to the next one."""

    def __init__(self, text: str, start: int, end: int, carried: list[QuoteSegment]) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.marks = [match.start() for match in _MARK.finditer(text, start, end)]
        self.carried: list[QuoteSegment] = []
        self.previous_segments = carried

    def scan(self, next_paragraph: int | None) -> list[QuotedPassage]:
        found: list[QuotedPassage] = []
        segments: list[QuoteSegment] = []
        opening: int | None = None  # open mark of the current segment
        family = ""
        fallback: int | None = None  # a possessive-looking single closer kept in reserve
        index = 0
        if self.previous_segments and self.marks:  # the previous paragraph checked the mark
            segments = list(self.previous_segments)
            opening = self.marks[0]
            family = _family(self.text[opening])
            index = 1
        while True:
            while index < len(self.marks):
                position = self.marks[index]
                index += 1
                mark = self.text[position]
                if opening is None:
                    if self._opens(position, mark, None):
                        opening, family, fallback = position, _family(mark), None
                    continue
                if _family(mark) != family:
                    continue
                if self._closes(position, mark, opening):
                    if family == "single" and self._looks_possessive(position):
                        fallback = position if fallback is None else fallback
                        continue
                    segments.append(self._segment(opening, position))
                    found.append(QuotedPassage(tuple(segments)))
                    segments, opening = [], None
                elif family == "double" and self._opens(position, mark, opening):
                    segments, opening = [], position  # the earlier opener was a stray mark
            if opening is None:
                return found
            if fallback is not None:
                segments.append(self._segment(opening, fallback))
                found.append(QuotedPassage(tuple(segments)))
                index = self.marks.index(fallback) + 1
                segments, opening, fallback = [], None, None
                continue
            segments.append(self._segment(opening, None))
            if next_paragraph is not None and self._continues(next_paragraph, family):
                self.carried = segments
                return found
            if len(segments) > 1:
                found.append(QuotedPassage(tuple(segments)))
                return found
            # A lone unclosed mark: ignore it and read the rest of the paragraph again.
            index = self.marks.index(opening) + 1
            segments, opening = [], None

    def _continues(self, next_paragraph: int, family: str) -> bool:
        position = next_paragraph
        text = self.text
        while position < len(text) and text[position].isspace():
            position += 1
        return (
            position < len(text)
            and text[position] in (DOUBLE_MARKS if family == "double" else SINGLE_MARKS)
            and self._opens(position, text[position], None)
        )

    def _segment(self, opening: int, closing: int | None) -> QuoteSegment:
        start, end = _trimmed(self.text, opening + 1, self.end if closing is None else closing)
        return QuoteSegment(opening=opening, start=start, end=end, closing=closing)

    def _flanks(self, position: int) -> tuple[bool, bool]:
        text = self.text
        before = text[position - 1] if position > 0 else " "
        after = text[position + 1] if position + 1 < len(text) else " "
        can_open = not after.isspace() and (before.isspace() or before in _OPEN_CONTEXT)
        can_close = not before.isspace() and (after.isspace() or after in _CLOSE_CONTEXT)
        return can_open, can_close

    def _opens(self, position: int, mark: str, current: int | None) -> bool:
        can_open, can_close = self._flanks(position)
        if mark in SINGLE_MARKS:
            after = self.text[position + 1 : position + 6]
            return (
                can_open
                and not can_close
                and after[:1].isalnum()
                and mark not in _PREFER_CLOSE - {"’"}
                and not _ELISION.match(after)
            )
        if can_open != can_close:
            return can_open
        if mark in _PREFER_OPEN:
            return True
        return mark == '"' and current is None

    def _closes(self, position: int, mark: str, current: int) -> bool:
        can_open, can_close = self._flanks(position)
        if mark in SINGLE_MARKS:
            following = self.text[position + 1 : position + 2]
            return can_close and mark not in _PREFER_OPEN and not following.isalnum()
        if mark == "“" and self.text[current] == "„":
            return not (can_open and not can_close)
        if can_open != can_close:
            return can_close
        return mark in _PREFER_CLOSE or mark == '"'

    def _looks_possessive(self, position: int) -> bool:
        """``soldiers’ guns``: a closer after -s followed by a lower-case word."""
        text = self.text
        return (
            text[position - 1 : position] in ("s", "S")
            and text[position + 1 : position + 2] == " "
            and text[position + 2 : position + 3].islower()
        )


def _family(mark: str) -> str:
    return "double" if mark in DOUBLE_MARKS else "single"
