"""An extractive summary: the N most important sentences, in article order.

Each body sentence is scored on four signals that favour the sentences a news reader would
pick:

* headline overlap: the share of the headline's content words (word or lemma) it contains;
* centrality: how much of the article's recurring vocabulary (reporting verbs such as "said"
  aside) and named entities it carries;
* position: news puts the main facts first, so earlier sentences get a gentle bonus;
* report-ness: a sentence that tells what happened (a past-tense main verb, a date or a number)
  beats background in the present tense ("X is embarrassed by defectors").

A sentence that starts in lower case is a fragment (text cut off by the source) and loses.

The headline itself, datelines, fragments under ``MIN_WORDS`` words and sentences that are
mostly quotation are not candidates. Without a headline the weights shift to the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from tidings.extract.quotes.marks import QUOTE_MARKS
from tidings.model import Span
from tidings.nlp import doc_text

MIN_WORDS = 6
MAX_WORDS = 80
TITLE_WEIGHT = 0.45
CENTRALITY_WEIGHT = 0.35
POSITION_WEIGHT = 0.20
REPORT_BONUS = 0.12
FRAGMENT_PENALTY = 0.3
PAST_TAGS = frozenset({"VBD", "VBN"})
# "said", "reported" ... recur in every news story without saying what it is about
STOCK_WORDS = frozenset(
    "say tell report add claim state announce confirm describe according source".split()
)
FIGURE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"})


@dataclass(frozen=True, slots=True)
class _Candidate:
    index: int
    sentence: SpacySpan
    words: frozenset[str]
    entities: int  # named entities in the sentence (numbers excluded)
    has_figure: bool  # a date, time, count or measure


def summarize(doc: Doc, *, title: str | None = None, sentences: int = 3) -> tuple[Span, ...]:
    """The ``sentences`` best sentences of ``doc`` as spans, in article order."""
    candidates = _candidates(doc, title)
    if not candidates:
        return ()
    frequency = Counter(word for candidate in candidates for word in candidate.words)
    title_words = _title_words(doc, title)
    scores = {
        candidate.index: _score(candidate, position, len(candidates), frequency, title_words)
        for position, candidate in enumerate(candidates)
    }
    best = sorted(candidates, key=lambda c: -scores[c.index])[:sentences]
    chosen = sorted(best, key=lambda c: c.index)
    text = doc_text(doc)
    return tuple(_span(text, candidate.sentence) for candidate in chosen)


def _candidates(doc: Doc, title: str | None) -> list[_Candidate]:
    title_text = (title or "").strip()
    found = []
    for index, sentence in enumerate(doc.sents):
        text = sentence.text.strip()
        if not text or (title_text and text == title_text):
            continue
        words = [t for t in sentence if t.is_alpha]
        if not MIN_WORDS <= len(words) <= MAX_WORDS:
            continue
        if (
            all(t.ent_type_ in ("DATE", "TIME", "") and not t.is_stop for t in words[:4])
            and len(words) < MIN_WORDS + 2
            and any(t.ent_type_ == "DATE" for t in words)
        ):
            continue
        if _mostly_quoted(sentence):
            continue
        starts = [t.ent_type_ for t in sentence if t.ent_iob_ == "B"]
        found.append(
            _Candidate(
                index=index,
                sentence=sentence,
                words=frozenset(_content_words(sentence)),
                entities=sum(label not in FIGURE_LABELS for label in starts),
                has_figure=any(label in FIGURE_LABELS for label in starts),
            )
        )
    return found


def _mostly_quoted(sentence: SpacySpan) -> bool:
    text = sentence.text.strip()
    return bool(text) and text[0] in QUOTE_MARKS and text.rstrip()[-1] in QUOTE_MARKS


def _content_words(tokens: SpacySpan | Doc | Sequence[object]) -> set[str]:
    """Lower-cased words and lemmas that carry content: no stop words, no reporting verbs."""
    words: set[str] = set()
    for token in tokens:
        if getattr(token, "is_alpha", False) and not getattr(token, "is_stop", True):
            lemma = token.lemma_.lower()  # type: ignore[attr-defined]
            if lemma not in STOCK_WORDS:
                words.add(token.lower_)  # type: ignore[attr-defined]
                words.add(lemma)
    return words


def _title_words(doc: Doc, title: str | None) -> frozenset[str]:
    if not title:
        return frozenset()
    start = doc_text(doc).find(title)
    if start >= 0:
        span = doc.char_span(start, start + len(title), alignment_mode="expand")
        if span is not None:
            return frozenset(_content_words(span))
    return frozenset(w.lower() for w in title.split() if w.isalpha() and len(w) > 3)


def _score(
    candidate: _Candidate,
    position: int,
    count: int,
    frequency: Counter[str],
    title_words: frozenset[str],
) -> float:
    repeated = [frequency[word] - 1 for word in candidate.words if frequency[word] > 1]
    top = max(frequency.values(), default=1)
    centrality = sum(repeated) / (len(candidate.sentence) ** 0.5 * top)
    centrality = float(centrality)
    centrality += 0.1 * min(candidate.entities, 3)
    lead = 1.0 / (1.0 + position / max(count / 4, 1.0))
    bonus = _report_bonus(candidate)
    if not title_words:
        return 0.6 * centrality + 0.4 * lead + bonus
    overlap = len(candidate.words & title_words) / len(title_words)
    return TITLE_WEIGHT * overlap + CENTRALITY_WEIGHT * centrality + POSITION_WEIGHT * lead + bonus


def _report_bonus(candidate: _Candidate) -> float:
    bonus = 0.0
    sentence = candidate.sentence
    root = sentence.root
    verbs = [root, *(child for child in root.children if child.dep_ in ("aux", "auxpass"))]
    if any(verb.tag_ in PAST_TAGS for verb in verbs) and not any(
        verb.tag_ in ("VBZ", "VBP", "MD") for verb in verbs
    ):
        bonus += REPORT_BONUS
    if candidate.has_figure:
        bonus += REPORT_BONUS / 2
    first = next((t for t in sentence if not t.is_space and not t.is_punct), None)
    if first is not None and first.text[0].islower():
        bonus -= FRAGMENT_PENALTY
    return bonus


def _span(text: str, sentence: SpacySpan) -> Span:
    start, end = sentence.start_char, sentence.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start=start, end=end, text=text[start:end])
