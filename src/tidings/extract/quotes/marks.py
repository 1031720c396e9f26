"""Find quoted passages in raw text by pairing quote marks.

This is the character-level half of quote extraction (attribution lives in
:mod:`.attributions`). One left-to-right pass over the quote marks of each paragraph:

- Double marks ``"“”„‟«»`` form one family, single marks ``'‘’‚‛‹›`` another. Marks of the
  other family inside an open quote are nested quotes and are ignored. Two apostrophes
  ``''`` (the double mark of some newspapers' plain-text archives) are one double mark that
  behaves like a straight ``"``: ``''We will,'' she said``. Curly marks inside a straight
  quote nest (``"He called it “a mess” and left."``).
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
  closes, all with marks of one style) become one :class:`QuotedPassage` with one
  :class:`QuoteSegment` per paragraph. A quote left open at a paragraph end whose next
  paragraph does not open a quote is dropped as a stray mark when it is a single paragraph,
  and kept up to the paragraph end otherwise.

A paragraph after the first (the title), quoted or not, that opens with a name in capitals and
a colon is a turn in an interview transcript (``ORTIZ: We expect ...``):
:func:`transcript_speakers` finds the names, those the text also writes as a name (Ortiz) or
that open two paragraphs or more, save labels such as ``UPDATE:`` and headline phrases
(``THE BIG FREEZE:``).

Paragraphs are separated by blank lines. In a text without any blank line, a line break
separates paragraphs when it follows the end of a sentence or quote, or comes before an
opening quote mark; other line breaks are taken as hard wrapping.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tidings.nlp import BLANK_LINE

DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "'‘’‚‛‹›"
QUOTE_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_PREFER_OPEN = frozenset("“„‟«‘‚‛‹")
_PREFER_CLOSE = frozenset("”»’›")
_MARK = re.compile(r"''(?!')|[\"“”„‟«»'‘’‚‛‹›]")
TWO_APOSTROPHES = "''"  # one double quote mark, like '"'
# Without blank lines, a line break ends a paragraph after a sentence (or quote) end, or
# before an opening quote mark; other line breaks are hard wrapping inside a paragraph.
_LINE_BREAK = re.compile(r"(?<=[.!?:;\"”’»)\]])[ \t\r]*\n|\r?\n(?=[ \t]*(?:[\"“‘«„]|''))")
_OPEN_CONTEXT = frozenset("([{—–-/:;" + QUOTE_MARKS)
_CLOSE_CONTEXT = frozenset(".,;:!?)]}—–-…" + QUOTE_MARKS)
_ELISION = re.compile(r"(?:\d\d(?:s\b|\b)|em\b|n\b|til\b|cause\b|tis\b|twas\b)", re.IGNORECASE)


_TRANSCRIPT_SPEAKER = re.compile(
    r"([A-Z][A-Z'’.-]*[A-Z](?: [A-Z][A-Z'’.-]*[A-Z]){0,2}):[ \t]+(?=\S)"
)
NOT_TRANSCRIPT_SPEAKERS = frozenset(
    """CLARIFICATION CORRECTION CORRECTIONS UPDATE UPDATED WARNING NOTE NOTES WATCH VIDEO PHOTO
    PHOTOS AUDIO LISTEN READ MORE RELATED BREAKING EXCLUSIVE SOURCE SOURCES ADVERTISEMENT
    DISCLOSURE DISCLAIMER ALSO SEE PREVIOUSLY EARLIER LATER SPOILER TRANSCRIPT FULL SPEECH
    EDITOR'S EDITOR’S QUESTION ANSWER THE A AN OF AND OR IN ON AT TO FOR WITH BY""".split()
)


def transcript_speakers(text: str, paragraphs: list[tuple[int, int]]) -> frozenset[str]:
    """Names in capitals that open paragraphs as turns of a transcript (``ORTIZ: We expect ...``,
    ``"HOST: And the cost?``): those that the text also writes as a name (Ortiz) or that open
    two paragraphs or more, save labels (``UPDATE:``) and phrases (``THE BIG FREEZE:``)."""
    counts: dict[str, int] = {}
    for start, end in paragraphs[1:]:  # the first is the title: "POLLWATCH: Voters ..."
        match = _TRANSCRIPT_SPEAKER.match(text, _turn_start(text, start, end))
        if match is not None:
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    names = set()
    for name, count in counts.items():
        if any(word in NOT_TRANSCRIPT_SPEAKERS for word in name.split()):
            continue
        surname = re.compile(rf"\b{re.escape(name.split()[-1])}\b", re.IGNORECASE)
        if count > 1 or any(_name_like(found.group()) for found in surname.finditer(text)):
            names.add(name)
    return frozenset(names)


def _name_like(word: str) -> bool:
    """Ortiz, McAdam, O'Neill: capitalised, not all capitals."""
    return word[:1].isupper() and not word.isupper()


def transcript_speaker(
    text: str, position: int, speakers: frozenset[str]
) -> tuple[int, int, int] | None:
    """(start, end) of the name of one of ``speakers`` opening a turn at ``position``, and
    where the turn's words start; None if no turn starts there."""
    match = _TRANSCRIPT_SPEAKER.match(text, position)
    if match is None or match.group(1) not in speakers:
        return None
    return match.start(1), match.end(1), match.end()


def _turn_start(text: str, start: int, end: int) -> int:
    """Where a turn would start in a paragraph: after spaces and an opening quote mark."""
    while start < end and text[start].isspace():
        start += 1
    if text.startswith(TWO_APOSTROPHES, start):
        return start + 2
    return start + 1 if start < end and text[start] in DOUBLE_MARKS else start


@dataclass(frozen=True, slots=True)
class QuoteSegment:
    """The part of a quoted passage inside one paragraph."""

    opening: int  # index of the opening mark
    start: int  # first character of the content
    end: int  # end of the content (exclusive), whitespace and a trailing comma trimmed
    closing: int | None  # index of the closing mark; None when the paragraph ends the segment
    closing_width: int = 1  # characters of the closing mark: 2 for ''


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
        return last.end if last.closing is None else last.closing + last.closing_width


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty paragraph: blank-line separated, else see _LINE_BREAK."""
    separator = BLANK_LINE if BLANK_LINE.search(text) else _LINE_BREAK
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
        nested = 0  # curly quotes open inside a straight one
        index = 0
        if self.previous_segments and self.marks:  # the previous paragraph checked the mark
            segments = list(self.previous_segments)
            opening = self.marks[0]
            family = _family(self._mark_at(opening))
            index = 1
        while True:
            while index < len(self.marks):
                position = self.marks[index]
                index += 1
                mark = self._mark_at(position)
                if opening is None:
                    if self._opens(position, mark, None):
                        opening, family, fallback, nested = position, _family(mark), None, 0
                    continue
                if _family(mark) != family:
                    continue
                if mark in "“”" and self._mark_at(opening) == '"':
                    if mark == "“" and self._opens(position, mark, opening):
                        nested += 1  # "... “Unity Span” ...": curly marks nest in straight ones
                        continue
                    if mark == "”" and nested:
                        nested -= 1
                        continue
                if self._closes(position, mark, opening):
                    if family == "single" and self._looks_possessive(position):
                        fallback = position if fallback is None else fallback
                        continue
                    segments.append(self._segment(opening, position))
                    found.append(QuotedPassage(tuple(segments)))
                    segments, opening = [], None
                elif family == "double" and self._opens(position, mark, opening):
                    segments, opening, nested = [], position, 0  # the earlier one was stray
            if opening is None:
                return found
            if fallback is not None:
                segments.append(self._segment(opening, fallback))
                found.append(QuotedPassage(tuple(segments)))
                index = self.marks.index(fallback) + 1
                segments, opening, fallback = [], None, None
                continue
            segments.append(self._segment(opening, None))
            if next_paragraph is not None and self._continues(next_paragraph, opening):
                self.carried = segments
                return found
            if len(segments) > 1:
                found.append(QuotedPassage(tuple(segments)))
                return found
            # A lone unclosed mark: ignore it and read the rest of the paragraph again.
            index = self.marks.index(opening) + 1
            segments, opening = [], None

    def _continues(self, next_paragraph: int, opening: int) -> bool:
        """Does the next paragraph open with a mark of the same style as ``opening``?"""
        position = next_paragraph
        text = self.text
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return False
        mark, first = self._mark_at(position), self._mark_at(opening)
        if _family(mark) != _family(first) or (mark == '"') != (first == '"'):
            return False  # "... then “...: a straight quote goes on with a straight mark
        return self._opens(position, mark, None)

    def _mark_at(self, position: int) -> str:
        """The mark at ``position``, with ``''`` read as a straight double mark."""
        return '"' if _mark_width(self.text, position) == 2 else self.text[position]

    def _segment(self, opening: int, closing: int | None) -> QuoteSegment:
        text = self.text
        content_start = opening + _mark_width(text, opening)
        start, end = _trimmed(text, content_start, self.end if closing is None else closing)
        if closing is None:
            return QuoteSegment(opening=opening, start=start, end=end, closing=None)
        width = _mark_width(text, closing)
        return QuoteSegment(
            opening=opening, start=start, end=end, closing=closing, closing_width=width
        )

    def _flanks(self, position: int) -> tuple[bool, bool]:
        text = self.text
        width = _mark_width(text, position)
        before = text[position - 1] if position > 0 else " "
        after = text[position + width] if position + width < len(text) else " "
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


def _mark_width(text: str, position: int) -> int:
    """2 for the two-apostrophe mark ``''`` at ``position``, else 1."""
    return (
        2
        if text.startswith(TWO_APOSTROPHES, position) and text[position + 2 : position + 3] != "'"
        else 1
    )


def _family(mark: str) -> str:
    return "double" if mark in DOUBLE_MARKS else "single"
