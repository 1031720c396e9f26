"""Quote attribution on PolNeAR: read the gold annotations, run tidings, score.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) annotates attributions in US political news:
a split folder holds ``text/NAME.txt`` and ``attributions/NAME_ANNOTATOR.ann`` in brat standoff
format. Spans are labelled ``Source``, ``Cue`` or ``Content`` (a second content part:
``Content2``); an ``Attribution`` (or ``Attribution-no-source``) event ties them into one
attribution. ``Discuss`` and ``Discard`` spans are annotators' notes and are skipped. A text
annotated by several annotators (a few, for measuring agreement) is scored against one of
them: the first annotator id in sort order.

PolNeAR does not mark quotes as direct or indirect; a gold content counts as direct here when
it is wholly in quote marks, and the direct-only scores leave out tidings' direct quotes that
lie in a gold indirect or mixed attribution (X called it “a disaster”) and in no direct one.

tidings' quotes become attributions as follows: quotes with the same cue and speaker are one
attribution (a quote split around its cue, or over several paragraphs), and a quote without a
cue that goes on with the speaker of the attribution just before it joins that attribution.
The cue's span is the cue, the speaker's the source. PolNeAR marks the word in the sentence
(``he``) where tidings names whom a pronoun stands for, so for a resolved pronoun the source
is that pronoun (``Speaker.resolved_from``).

The data may not be redistributed: it is read at run time from wherever the user keeps it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tidings.errors import InputError
from tidings.evaluation.quotes.brat import Standoff, check_offsets, parse_standoff
from tidings.evaluation.quotes.scores import (
    QUOTE_MARKS,
    AttributionScores,
    Fragments,
    ScoredAttribution,
    overlaps,
    score_document,
)
from tidings.ingest import article_from_text
from tidings.model import Quote, Speaker
from tidings.pipeline import analyze_articles
from tidings.settings import Settings

__all__ = [
    "ANCHORS",
    "Anchor",
    "GoldDocument",
    "QuoteEvaluation",
    "direct_subset",
    "evaluate_quotes",
    "find_documents",
    "gold_attributions",
    "is_direct",
    "predicted_attributions",
    "read_document",
]

ATTRIBUTION_EVENTS = frozenset({"Attribution", "Attribution-no-source"})
CONTENT_ROLES = frozenset({"Content", "Content2"})
_ANNOTATION_NAME = re.compile(r"(?P<name>.+)_(?P<annotator>[^_]+)\.ann")
_CLOSING_PUNCTUATION = ".,;:!?"


@dataclass(frozen=True, kw_only=True, slots=True)
class Anchor:
    """A published score to compare ours with: ``value`` is a fraction, like our scores."""

    system: str
    role: str  # source | cue | content | attribution
    match: str  # exact | overlap | agreement
    value: float
    note: str


ANCHORS: tuple[Anchor, ...] = (
    Anchor(system="Citron", role="source", match="exact", value=0.820, note="F1, PARC3 test"),
    Anchor(system="Citron", role="cue", match="exact", value=0.823, note="F1, PARC3 test"),
    Anchor(system="Citron", role="content", match="exact", value=0.593, note="F1, PARC3 test"),
    Anchor(system="Citron", role="content", match="overlap", value=0.833, note="F1, PARC3 test"),
    Anchor(
        system="human annotators",
        role="attribution",
        match="agreement",
        value=0.923,
        note="PolNeAR inter-annotator agreement",
    ),
)


@dataclass(frozen=True, kw_only=True, slots=True)
class GoldDocument:
    """One annotated text."""

    name: str
    text: str
    annotator: str
    attributions: tuple[ScoredAttribution, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class QuoteEvaluation:
    """The result of one run: scores over all attributions and over direct quotes only."""

    dataset: str
    all: AttributionScores
    direct: AttributionScores
    texts: int  # texts scored
    unannotated: int  # texts without an annotation file, skipped
    seconds: float


def evaluate_quotes(
    dataset: Path,
    settings: Settings,
    *,
    limit: int | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> QuoteEvaluation:
    """Score tidings' quotes against a PolNeAR split folder (the first ``limit`` texts if
    given). ``on_progress(done, total)`` is called after each text. Raises InputError when
    the folder is not a PolNeAR split or a file cannot be read."""
    started = time.perf_counter()
    pairs, unannotated = find_documents(dataset)
    pairs = pairs[:limit] if limit else pairs
    documents = [read_document(text, annotation) for text, annotation in pairs]
    articles = (article_from_text(d.text, d.name) for d in documents)
    settings = settings.model_copy(update={"places": False})  # quotes need no gazetteer
    every = direct = AttributionScores()
    if on_progress is not None:
        on_progress(0, len(documents))
    for done, (document, facts) in enumerate(
        zip(documents, analyze_articles(articles, settings), strict=True), start=1
    ):
        if facts.article.text != document.text:  # every offset must point into the same text
            raise InputError(document.name, "tidings changed the text it was given")
        predicted = predicted_attributions(facts.quotes, document.text)
        every += score_document(document.text, document.attributions, predicted)
        direct += score_document(document.text, *direct_subset(document.attributions, predicted))
        if on_progress is not None:
            on_progress(done, len(documents))
    return QuoteEvaluation(
        dataset=str(dataset),
        all=every,
        direct=direct,
        texts=len(documents),
        unannotated=unannotated,
        seconds=time.perf_counter() - started,
    )


def find_documents(dataset: Path) -> tuple[list[tuple[Path, Path]], int]:
    """(text file, annotation file) pairs of a split folder, by name; and how many texts
    have no annotation file."""
    text_folder, annotation_folder = dataset / "text", dataset / "attributions"
    if not dataset.is_dir():
        raise InputError(str(dataset), "no such folder")
    if not text_folder.is_dir() or not annotation_folder.is_dir():
        splits = sorted(p.name for p in dataset.iterdir() if (p / "attributions").is_dir())
        hint = f" (name a split folder: {', '.join(splits)})" if splits else ""
        raise InputError(str(dataset), f"not a PolNeAR split: needs text/ and attributions/{hint}")
    annotations: dict[str, Path] = {}
    for path in sorted(annotation_folder.glob("*.ann")):
        match = _ANNOTATION_NAME.fullmatch(path.name)
        if match is not None:
            annotations.setdefault(match["name"], path)  # first annotator in sort order
    texts = sorted(text_folder.glob("*.txt"))
    pairs = [(text, annotations[text.stem]) for text in texts if text.stem in annotations]
    if not pairs:
        raise InputError(str(dataset), "no text in text/ has an annotation file in attributions/")
    return pairs, len(texts) - len(pairs)


def read_document(text_path: Path, annotation_path: Path) -> GoldDocument:
    """Read one text and its annotations; check that the offsets point into the text."""
    text = _read(text_path)
    try:
        standoff = parse_standoff(_read(annotation_path))
    except ValueError as error:
        raise InputError(str(annotation_path), str(error)) from None
    problem = check_offsets(standoff, text)
    if problem is not None:
        raise InputError(str(annotation_path), f"offsets do not match {text_path.name}: {problem}")
    match = _ANNOTATION_NAME.fullmatch(annotation_path.name)
    return GoldDocument(
        name=text_path.stem,
        text=text,
        annotator=match["annotator"] if match else "",
        attributions=gold_attributions(standoff, text),
    )


def gold_attributions(standoff: Standoff, text: str) -> tuple[ScoredAttribution, ...]:
    """One ScoredAttribution per attribution event; an event without a content is skipped."""
    attributions: list[ScoredAttribution] = []
    for event in standoff.events:
        if event.type not in ATTRIBUTION_EVENTS:
            continue
        parts: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role, target in event.arguments:
            span = standoff.spans.get(target)
            key = "Content" if role in CONTENT_ROLES else role
            if span is not None and key in parts:
                parts[key].extend(span.fragments)
        content = _sorted(parts["Content"])
        if not content:
            continue
        attributions.append(
            ScoredAttribution(
                source=_sorted(parts["Source"]),
                cue=_sorted(parts["Cue"]),
                content=content,
                direct=is_direct(text, content),
            )
        )
    return tuple(attributions)


def direct_subset(
    gold: Sequence[ScoredAttribution], predicted: Sequence[ScoredAttribution]
) -> tuple[list[ScoredAttribution], list[ScoredAttribution]]:
    """The gold attributions wholly in quote marks, and the predicted direct quotes save those
    that only PolNeAR's indirect or mixed attributions hold (scored with all attributions)."""
    direct = [a for a in gold if a.direct]
    others = [a for a in gold if not a.direct]
    kept = [
        a
        for a in predicted
        if a.direct
        and (
            any(overlaps(a.content, g.content) for g in direct)
            or not any(overlaps(a.content, g.content) for g in others)
        )
    ]
    return direct, kept


def is_direct(text: str, content: Fragments) -> bool:
    """Is the content wholly inside quote marks (each fragment opening and closing with one)?"""
    for start, end in content:
        piece = text[start:end].strip().rstrip(_CLOSING_PUNCTUATION)
        if len(piece) < 2 or piece[0] not in QUOTE_MARKS or piece[-1] not in QUOTE_MARKS:
            return False
    return True


def predicted_attributions(quotes: Sequence[Quote], text: str) -> tuple[ScoredAttribution, ...]:
    """Group tidings' quotes into attributions (see the module docstring)."""
    attributions: list[ScoredAttribution] = []
    speakers: list[Speaker | None] = []  # of each attribution
    by_cue: dict[tuple[tuple[int, int], Speaker | None], int] = {}
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        cue = None if quote.cue is None else (quote.cue.start, quote.cue.end)
        piece = ScoredAttribution(
            source=_source(quote.speaker),
            cue=() if cue is None else (cue,),
            content=((quote.start, quote.end),),
            direct=quote.kind == "direct",
        )
        if cue is not None:
            position = by_cue.get((cue, quote.speaker))
        elif quote.speaker is not None and speakers and speakers[-1] == quote.speaker:
            position = len(attributions) - 1
        else:
            position = None
        if position is None:
            if cue is not None:
                by_cue[(cue, quote.speaker)] = len(attributions)
            attributions.append(piece)
            speakers.append(quote.speaker)
        else:
            joined = attributions[position]
            attributions[position] = replace(
                joined,
                content=_sorted([*joined.content, *piece.content]),
                direct=joined.direct and piece.direct,
            )
    return tuple(attributions)


def _source(speaker: Speaker | None) -> Fragments:
    """Where the speaker is mentioned: for a pronoun tidings resolved to an earlier name, the
    pronoun itself (as PolNeAR marks it)."""
    if speaker is None:
        return ()
    pronoun = speaker.resolved_from
    if pronoun is not None:
        return ((pronoun.start, pronoun.end),)
    return ((speaker.start, speaker.end),)


def _sorted(fragments: list[tuple[int, int]]) -> Fragments:
    return tuple(sorted(set(fragments)))


def _read(path: Path) -> str:
    """The file as brat counts it: UTF-8, line ends untouched."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise InputError(str(path), f"cannot read it ({reason})") from None
