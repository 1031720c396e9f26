"""The article's main event, answered as who, what, when, where, why and how (5W1H).

The main event is what the headline reports: its main verb when it has one with a subject
("Mayor meets with strikers at city hall", "Rescuers pull survivors from collapsed
building"), as an event when the lexicon knows the verb; else the headline's event that best
carries the story (said to have happened, not negated, with an actor, a date and a place, told
again and again, of a type the article keeps returning to); else the lead's best such event
(the current event it reports); else the headline's verb outside the lexicon; else the best
such event of the article. Its answers are
phrases of the text, each with its span:

who    the actor as the sentence names it ("a North Korean soldier"), else the target, else
       the subject of its clause
what   the trigger with what it acts on ("opened fire on him", "storms the town hall")
when   the time expression that dates it, else the first date of the first four sentences
       after the headline, a day before a month or year
where  the place it happened, else that of the nearest event with the same actor or target,
       else the first place of the headline or those sentences that is not a metonym or a
       modifier
why    a cause or purpose attached to it: "because ...", "due to ...", "over ...",
       "in response to ...", "after ...", "to ..." (purpose)
how    the means: "by ...ing", "with ...", "using ...", or a manner adverb ("forcibly")

An article without events or a headline verb gets its answers from the lead sentence's main
verb instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from tidings.extract.syntax import own_subject
from tidings.model import Actor, DateMention, Event, MainEvent, Place, Span
from tidings.nlp import doc_text
from tidings.rules import RoleBook

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
CONTEXT_SENTENCES = 4  # where a missing when or where may come from: the first sentences
QUESTION_WORDS = frozenset({"what", "who", "which", "how", "why", "when", "where"})
REPORTING = frozenset({"say", "report", "claim", "tell", "reveal", "suggest", "show"})


def find_main_event(
    doc: Doc,
    events: Sequence[Event],
    actors: Sequence[Actor],
    places: Sequence[Place],
    dates: Sequence[DateMention],
    roles: RoleBook,
    title: str | None = None,
) -> MainEvent | None:
    """The 5W1H answers for the article's main event (None for an empty document); ``roles``
    tell who someone is ("clashed with rebels" says with whom, not how)."""
    text = doc_text(doc)
    title_end = len(title) if title and text.startswith(title) else 0
    sentences = [s for s in doc.sents if text[s.start_char : s.end_char].strip()]
    if not sentences:
        return None
    lead_end = _lead_end(sentences, title_end)
    headline_verb = _headline_verb(sentences, title_end)
    in_title = [e for e in events if _told_before(e, title_end)]
    told = in_title
    if headline_verb is not None:  # "Rescuers pull survivors from collapsed building"
        told = [e for e in in_title if _head_of(doc, e.trigger).i == headline_verb.i]
    event = _main(told, title_end, lead_end) or _main(in_title, title_end, lead_end)
    if event is None:  # the current event the lead reports, if it reports one
        event = _main([e for e in events if _told_before(e, lead_end)], title_end, lead_end)
    head = headline_verb if event is None else None
    if event is None and head is None:
        event = _main(events, title_end, lead_end)
    if event is not None:
        head = _head_of(doc, event.trigger)
        if (
            headline_verb is not None
            and head.head.i == headline_verb.i
            and head.dep_
            in (
                "nsubj",
                "nsubjpass",
            )
        ):  # "Fire closes a bridge": the fire is the event, the headline's verb what it did
            head = headline_verb
    if head is None:
        head = _lead_verb(sentences, title_end)
    if head is None:
        return None
    who = _actor_phrase(doc, event, actors) if event is not None else None
    if who is None:
        who = _subject_phrase(doc, head)
    context_end = _lead_end(sentences, title_end, CONTEXT_SENTENCES)
    return MainEvent(
        event=event.id if event is not None else None,
        who=who,
        what=_what(doc, head),
        when=_when(event, dates, context_end),
        where=_where(doc, _placed(event, events), places, context_end),
        why=_why(doc, head),
        how=_how(doc, head, roles),
    )


def _lead_end(sentences: list[SpacySpan], title_end: int, size: int = 2) -> int:
    """Where the lead (the first ``size`` sentences after the headline) ends."""
    body = [s for s in sentences if s.start_char >= title_end]
    return body[min(size, len(body)) - 1].end_char if body else title_end


def _told_before(event: Event, end: int) -> bool:
    """Is the event (or one of its mentions) told before ``end``?"""
    return any(span.start < end for span in (event.trigger, *(m.trigger for m in event.mentions)))


def _main(events: Sequence[Event], title_end: int, lead_end: int) -> Event | None:
    happened = [e for e in events if e.happened]
    if not happened:
        return None
    types = Counter(e.type for e in happened)

    def score(event: Event) -> float:
        start = min(m.trigger.start for m in event.mentions) if event.mentions else 0
        start = min(start, event.trigger.start) if event.mentions else event.trigger.start
        weight = 3.0 if start < title_end else 2.5 if start < lead_end else 1.0
        weight += 0.5 * min(len(event.mentions), 4)  # the story tells of it again and again
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
            last = max(last, _object_end(child))
            if child.dep_ in ("dobj", "prep"):
                break
    last = min(last, head.i + MAX_WHAT_TOKENS - 1)
    while last > head.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return _span(doc, first, last)


def _object_end(word: Token) -> int:
    """The last token of an object without what hangs after it: "the town hall", not
    "the town hall in the old quarter of ..."."""
    if word.dep_ == "prep":
        objects = [c for c in word.children if c.dep_ == "pobj"]
        return _object_end(objects[0]) if objects else word.i
    last = word.i
    for child in word.rights:
        if child.dep_ in ("prep", "relcl", "acl", "appos", "punct", "cc", "conj"):
            break
        last = child.right_edge.i
    return last


def _when(event: Event | None, dates: Sequence[DateMention], lead_end: int) -> Span | None:
    if event is not None and event.date_span is not None:
        return event.date_span
    if event is not None and event.date:
        for mention in dates:
            if mention.value == event.date:
                return Span(start=mention.start, end=mention.end, text=mention.text)
    in_lead = [m for m in dates if m.start < lead_end and m.type in ("DATE", "TIME")]
    in_lead.sort(key=lambda m: (m.precision != "day", m.start))  # "on Thursday" over "2008"
    if in_lead:
        first = in_lead[0]
        return Span(start=first.start, end=first.end, text=first.text)
    return None


def _placed(event: Event | None, events: Sequence[Event]) -> Event | None:
    """The main event, or when it has no place the nearest event with a place that shares
    its actor or target (the same story, told a sentence later)."""
    if event is None or event.place:
        return event
    people = {key for key in (event.actor, event.target) if key}
    placed = [
        other
        for other in events
        if other.place and {other.actor, other.target} & people and other.modality != "generic"
    ]
    if not placed:
        return event
    return min(placed, key=lambda other: abs(other.trigger.start - event.trigger.start))


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


def _how(doc: Doc, head: Token, roles: RoleBook) -> Span | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in MEANS_PREPOSITIONS:
            if child.lower_ == "by" and not any(g.dep_ == "pcomp" for g in child.children):
                continue  # "by South Korean soldiers" says who, not how
            if child.lower_ == "with" and any(_someone(g, roles) for g in child.children):
                continue  # "clashed with rebels" says with whom
            return _clipped(doc, child.i, child.right_edge.i, MAX_WHAT_TOKENS)
    for child in head.children:
        lower = child.lower_
        if child.dep_ == "advmod" and lower.endswith("ly") and lower not in TIME_ADVERBS:
            return _span(doc, child.i, child.i)
    return None


def _someone(word: Token, roles: RoleBook) -> bool:
    return word.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or roles.is_role_noun(word.lemma_)


def _clause_words(head: Token) -> list[Token]:
    words = [head]
    if head.pos_ != "VERB" and head.head.i != head.i:
        words.append(head.head)  # a noun trigger: the verb it belongs to
    return words


def _headline_verb(sentences: list[SpacySpan], title_end: int) -> Token | None:
    """The headline's first verb with a subject ("Mayor meets strikers: what the deal
    means" gives "meets"); for "X blames Y, reports say", what is reported."""
    for sentence in sentences:
        if sentence.start_char >= title_end:
            break
        for token in sentence:
            if token.idx >= title_end:
                break
            subject = own_subject(token)
            if token.pos_ != "VERB" or subject is None or subject.lower_ in QUESTION_WORDS:
                continue
            if token.lemma_.lower() in REPORTING:
                reported = next((c for c in token.children if c.dep_ == "ccomp"), None)
                if reported is not None:
                    return reported
                continue
            return token
    return None


def _subject_phrase(doc: Doc, head: Token) -> Span | None:
    verb = head if head.pos_ in ("VERB", "AUX") else head.head
    subject = own_subject(verb)
    if subject is None or subject.i == head.i or subject.pos_ == "PRON":
        return None
    return _phrase(doc, subject)


def _lead_verb(sentences: list[SpacySpan], title_end: int) -> Token | None:
    """The main verb of the first sentence after the headline that has one."""
    for sentence in sentences:
        if sentence.start_char >= title_end and sentence.root.pos_ in ("VERB", "AUX"):
            return sentence.root
    return None


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
