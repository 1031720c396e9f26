"""Fuzzing the readers and the analysis: arbitrary text never raises anything but an
InputError, and every span the analysis returns is the text between its offsets.

The texts are an English news story (written for this test, so that the language check lets
most of them through to the analysis) with hostile pieces put in at random places: lone
surrogates, NUL and other control characters, right-to-left marks and scripts, combining
marks, byte order marks, line and paragraph separators, markup, emoji; and, for the readers,
arbitrary bytes and text in every file format tidings reads.

``HYPOTHESIS_EXAMPLES=500 pytest tests/test_fuzz.py`` fuzzes longer than the suite does.
"""

from __future__ import annotations

import dataclasses
import html
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tidings.errors import InputError
from tidings.ingest import read
from tidings.model import Article
from tidings.pipeline import analyze_text
from tidings.settings import Settings

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "15"))
STORY = (
    "Rescue teams reach stranded hikers\n\n"
    "Mountain rescuers from Innsbruck reached a group of eleven hikers on Saturday after a "
    "rock fall cut the only path down from the glacier, the Tyrol police said. "
    '"They were cold and hungry but nobody was hurt," team leader Maria Gruber told the '
    "broadcaster ORF. A helicopter flew the two oldest hikers to a hospital in Innsbruck, "
    "and the others walked down with the rescuers by Sunday morning. The path will stay "
    "closed for at least two weeks, officials said."
)
HOSTILE = (
    "\ud800", "\udfff", "\udc80x", "\x00", "\x1b[31m", "\x7f", "\u202e", "\u200f", "\u2066",
    "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627", "\u0301", "e\u0301\u0308",
    "\u200b", "\u200d", "\ufeff", "\u2028", "\u2029", "\r\n", "\r", "\t", "\f", "«", "»",
    "„", "“", "”", '"', "'", "&amp;", "<b>", "</p>", "😀", "\U0010ffff", "\uffff", "日本",
    "\ud83d", "\ude00",
)  # fmt: skip
FORMATS = (".txt", ".html", ".md", ".jsonl", ".csv", ".tsv", ".xml", ".rss", ".warc", ".json")
WRAPPERS = {  # the text as the body of a page or the content of a feed's entry
    ".html": "<!DOCTYPE html><html><head><title>News</title></head><body><nav>Home</nav>"
    "<article><p>{}</p></article></body></html>",
    ".rss": '<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
    "<item><title>A story</title><description>{}</description></item></channel></rss>",
}
OFFLINE = Settings(fetch_timeout=1, fetch_delay=0, places=False)


@st.composite
def hostile_stories(draw: st.DrawFn) -> str:
    """STORY with up to a dozen hostile pieces (or arbitrary short text) put in anywhere."""
    piece = st.sampled_from(HOSTILE) | st.text(st.characters(codec=None), max_size=4)
    insertions = draw(st.lists(st.tuples(st.integers(0, len(STORY)), piece), max_size=12))
    text = STORY
    for at, inserted in sorted(insertions, reverse=True):
        text = text[:at] + inserted + text[at:]
    return text


def spans_off_their_text(value: object, text: str) -> list[str]:
    """Every span under ``value`` (anything with ``start``, ``end`` and ``text``, at any
    depth) whose text is not ``text`` between its offsets."""
    wrong: list[str] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        start, end, said = (getattr(value, name, None) for name in ("start", "end", "text"))
        if isinstance(start, int) and isinstance(said, str) and text[start:end] != said:
            wrong.append(f"{type(value).__name__} {start}:{end} {said!r}")
        for field in dataclasses.fields(value):
            if field.name != "article":
                wrong += spans_off_their_text(getattr(value, field.name), text)
    elif isinstance(value, (list, tuple)):
        for item in value:
            wrong += spans_off_their_text(item, text)
    return wrong


def encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_stories())
def test_analyze_text_on_hostile_text_keeps_every_span(text: str) -> None:
    try:
        facts = analyze_text(text, Settings())
    except InputError as error:  # too short, not English ...: refused with a reason
        assert error.reason
        event(f"refused: {type(error).__name__}")
        return
    event("analysed")
    article = facts.article
    assert encodable(article.text) and len(article.text) == len(text)
    assert spans_off_their_text(facts, article.text) == []
    assert all(0 <= q.start < q.end <= len(article.text) for q in facts.quotes)


def _as_file(content: str | bytes, suffix: str, folder: Path) -> Path:
    path = folder / f"input{suffix}"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif suffix in (".jsonl", ".json"):  # valid JSON whatever the text holds (\ud800 too)
        record = json.dumps({"title": content[:40], "text": content})
        path.write_text(record if suffix == ".jsonl" else f"[{record}]", encoding="ascii")
    elif suffix in (".csv", ".tsv"):
        separator = "," if suffix == ".csv" else "\t"
        quoted = '"' + content.replace('"', '""') + '"'
        path.write_bytes(f"title{separator}text\nA title{separator}{quoted}\n".encode(
            "utf-8", "surrogatepass"
        ))  # fmt: skip
    else:  # a lone surrogate becomes bytes that are not UTF-8
        wrapper = WRAPPERS.get(suffix, "{}")
        escaped = html.escape(content) if suffix in WRAPPERS else content
        path.write_bytes(wrapper.format(escaped).encode("utf-8", "surrogatepass"))
    return path


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(
    content=hostile_stories() | st.text(st.characters(codec=None), max_size=300)
    | st.binary(max_size=600),
    suffix=st.sampled_from(FORMATS),
)  # fmt: skip
def test_every_reader_gives_articles_or_reasons(content: str | bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = _as_file(content, suffix, Path(folder))
        items = list(read([str(path)], OFFLINE))
    for item in items:
        assert isinstance(item, (Article, InputError)), item
        event(f"{suffix}: {type(item).__name__}")
        if isinstance(item, InputError):
            assert item.reason and "\n" not in item.reason
            assert encodable(str(item))
        else:
            assert encodable(item.text) and item.text.strip()
            for value in (item.title, item.url, item.source, item.author, item.origin):
                assert value is None or encodable(value)
