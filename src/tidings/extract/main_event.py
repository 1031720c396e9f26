"""The article's main event, answered as who, what, when, where, why and how (5W1H).

The main event is the event that best carries the story: said to have happened (asserted or
reported, not negated), early (the headline and the lead weigh most), with an actor, a date
and a place, and of a type the article keeps returning to. Its answers are phrases of the
text, each with its span:

who    the actor as the sentence names it ("a North Korean soldier"), else the target
what   the trigger with what it acts on ("opened fire on him", "attacks German consulate")
when   the time expression that dates it, else the first date of the lead
where  the place it happened, else the first non-metonymic place of the headline or lead
why    a cause or purpose attached to it: "because ...", "due to ...", "over ...",
       "in response to ...", "after ...", "to ..." (purpose)
how    the means: "by ...ing", "with ...", "using ...", or a manner adverb ("forcibly")

An article without events gets its answers from the lead sentence's main verb instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tidings.model import Actor, DateMention, Event, MainEvent, Place, Span
from tidings.nlp import doc_text

__all__ = ["find_main_event"]

CAUSE_MARKS = ("because", "since", "as")
CAUSE_PREPOSITIONS = ("because", "due", "over", "amid", "after", "following", "for")
MEANS_PREPOSITIONS = ("by", "with", "using", "via", "through")
TIME_ADVERBS = frozenset(
    "recently currently previously later earlier finally already still again early late "
    "nearly almost only also reportedly allegedly".split()
)
MAX_WHAT_TOKENS = 12
MAX_WHY_TOKENS = 16


def find_main_event(
    doc: Doc,
    events: Sequence[Event],
    actors: Sequence[Actor],
    places: Sequence[Place],
    dates: Sequence[DateMention],
    title: str | None = None,
) -> MainEvent | None:
    """The 5W1H answers for the article's main event (None for an empty document)."""
    text = doc_text(doc)
    title_end = len(title) if title and text.startswith(title) else 0
    sentences = [s for s in doc.sents if s.text.strip()]
    if not sentences:
        return None
    lead_end = _lead_end(sentences, title_end)
    event = _main(events, title_end, lead_end)
    if event is not None:
        head = _head_of(doc, event.trigger)
        who = _actor_phrase(doc, event, actors)
        what = _what(doc, head)
    else:
        head = _lead_verb(sentences, title_end)
        if head is None:
            return None
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        who = _phrase(doc, subject) if subject is not None else None
        what = _what(doc, head)
    return MainEvent(
        event=event.id if event is not None else None,
        who=who,
        what=what,
        when=_when(event, dates, lead_end),
        where=_where(doc, event, places, lead_end),
        why=_why(doc, head),
        how=_how(doc, head),
    )


def _lead_end(sentences: list[SpacySpan], title_end: int) -> int:
    body = [s for s in sentences if s.start_char >= title_end]
    return body[min(1, len(body) - 1)].end_char if body else title_end


def _main(events: Sequence[Event], title_end: int, lead_end: int) -> Event | None:
    happened = [e for e in events if e.modality in ("asserted", "reported") and not e.negated]
    if not happened:
        return None
    types = Counter(e.type for e in happened)

    def score(event: Event) -> float:
        start = event.trigger.start
        weight = 3.0 if start < title_end else 2.5 if start < lead_end else 1.0
        weight += 1.0 if event.actor else 0.0
        weight += 0.5 if event.target else 0.0
        weight += 1.0 if event.date_source == "clause" else 0.5 if event.date else 0.0
        weight += 0.5 if event.place else 0.0
        weight += 0.25 * min(types[event.type] - 1, 4)
        return weight - start / 100_000

    return max(happened, key=score)


def _head_of(doc: Doc, trigger: Span) -> Token:
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    if span is None:  # the trigger's offsets come from this doc's tokens
        raise ValueError(f"no tokens at {trigger.start}:{trigger.end}")
    return span.root


def _actor_phrase(doc: Doc, event: Event, actors: Sequence[Actor]) -> Span | None:
    """How the event's own sentence names its actor (else its target)."""
    by_id = {actor.id: actor for actor in actors}
    for key in (event.actor, event.target):
        actor = by_id.get(key) if key else None
        if actor is None:
            continue
        inside = [
            m
            for m in actor.mentions
            if event.evidence.start <= m.start < event.evidence.end and len(m.text) > 3
        ]
        named = inside or [m for m in actor.mentions if len(m.text) > 3] or list(actor.mentions)
        return max(named, key=lambda m: (m.start >= event.evidence.start, -m.start))
    return None


def _what(doc: Doc, head: Token) -> Span:
    """The trigger and what it acts on: its object or first prepositional phrase."""
    first, last = head.i, head.i
    for child in head.children:
        if child.i < head.i and child.dep_ in ("prt", "neg", "compound", "amod"):
            first = min(first, child.i)
        if child.i > head.i and child.dep_ in ("dobj", "prt", "prep", "dative", "attr", "acomp"):
            last = max(last, child.right_edge.i)
            if child.dep_ in ("dobj", "prep"):
                break
    last = min(last, head.i + MAX_WHAT_TOKENS - 1)
    while last > head.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return _span(doc, first, last)


def _when(event: Event | None, dates: Sequence[DateMention], lead_end: int) -> Span | None:
    if event is not None and event.date_span is not None:
        return event.date_span
    if event is not None and event.date:
        for mention in dates:
            if mention.value == event.date:
                return Span(start=mention.start, end=mention.end, text=mention.text)
    for mention in dates:
        if mention.start < lead_end and mention.type in ("DATE", "TIME"):
            return Span(start=mention.start, end=mention.end, text=mention.text)
    return None


def _where(doc: Doc, event: Event | None, places: Sequence[Place], lead_end: int) -> Span | None:
    if event is not None and event.place:
        for place in places:
            if place.id == event.place:
                return Span(start=place.start, end=place.end, text=place.text)
    for place in places:
        if place.start < lead_end and not place.metonymic and not _modifier(doc, place):
            return Span(start=place.start, end=place.end, text=place.text)
    return None


def _modifier(doc: Doc, place: Place) -> bool:
    """ "North Korea soldier": the place describes someone, it is not where."""
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("compound", "amod", "poss")


def _why(doc: Doc, head: Token) -> Span | None:
    for verb in _clause_words(head):
        for child in verb.children:
            if child.i <= head.i and verb.i == head.i and child.dep_ != "advcl":
                continue
            if child.dep_ == "advcl":
                marks = {c.lower_ for c in child.children if c.dep_ in ("mark", "aux")}
                if marks & {*CAUSE_MARKS, "after", "to"}:
                    return _clipped(doc, child.left_edge.i, child.right_edge.i, MAX_WHY_TOKENS)
            if child.dep_ == "prep" and child.lower_ in CAUSE_PREPOSITIONS:
                return _clipped(doc, child.i, child.right_edge.i, MAX_WHY_TOKENS)
    return None


def _how(doc: Doc, head: Token) -> Span | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in MEANS_PREPOSITIONS:
            if child.lower_ == "by" and not any(g.dep_ == "pcomp" for g in child.children):
                continue  # "by South Korean soldiers" says who, not how
            return _clipped(doc, child.i, child.right_edge.i, MAX_WHAT_TOKENS)
    for child in head.children:
        lower = child.lower_
        if child.dep_ == "advmod" and lower.endswith("ly") and lower not in TIME_ADVERBS:
            return _span(doc, child.i, child.i)
    return None


def _clause_words(head: Token) -> list[Token]:
    words = [head]
    if head.pos_ != "VERB" and head.head.i != head.i:
        words.append(head.head)  # a noun trigger: the verb it belongs to
    return words


def _lead_verb(sentences: list[SpacySpan], title_end: int) -> Token | None:
    for sentence in sentences:
        if sentence.start_char >= title_end or title_end == 0:
            root = sentence.root
            if root.pos_ in ("VERB", "AUX"):
                return root
    return sentences[0].root if sentences else None


def _phrase(doc: Doc, head: Token) -> Span:
    first, last = head.left_edge.i, head.i
    for child in head.rights:
        if child.dep_ in ("compound", "appos", "nummod"):
            last = max(last, child.right_edge.i)
    return _clipped(doc, first, last, MAX_WHAT_TOKENS)


def _clipped(doc: Doc, first: int, last: int, most: int) -> Span:
    last = min(last, first + most - 1)
    while last > first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return _span(doc, first, last)


def _span(doc: Doc, first: int, last: int) -> Span:
    start = doc[first].idx
    end = doc[last].idx + len(doc[last].text)
    return Span(start=start, end=end, text=doc_text(doc)[start:end])
